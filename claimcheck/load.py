"""load: files -> Documents.

This first version reads plain-text files and folders of them (.txt, .md, .text),
recursively and in sorted order, decoding UTF-8 (with or without BOM) or GB18030.
A file that is missing, a directory where a file is expected, binary, or undecodable
raises InputError naming the path and the problem.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Iterator, Union

from .errors import InputError
from .model import Document

__all__ = ["read_text", "iter_files", "load", "TEXT_SUFFIXES"]

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
_SNIFF = 8192


def read_text(path: Union[str, Path]) -> str:
    """The text of one file; raises InputError with the path and the problem."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except IsADirectoryError:
        raise InputError(str(path), "is a directory, not a file") from None
    except PermissionError:
        raise InputError(str(path), "permission denied") from None
    except OSError as exc:
        raise InputError(str(path), exc.strerror or str(exc)) from None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(str(path), f"not valid UTF-16 (byte {exc.start})") from None
    if b"\x00" in data[:_SNIFF]:
        raise InputError(str(path), "binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first = exc
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        bad = data[first.start]
        raise InputError(
            str(path), f"not valid UTF-8 or GB18030 (byte 0x{bad:02x} at {first.start})"
        ) from None


def iter_files(paths: Iterable[Union[str, Path]]) -> Iterator[Path]:
    """Files named by `paths`: files as given, directories walked recursively (sorted,
    text suffixes only, hidden entries and README files skipped). A missing path is
    yielded as is, so that reading it reports the problem."""
    for path in paths:
        p = Path(path)
        if p.is_dir():
            found = []
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in files:
                    if name.startswith(".") or name.lower().startswith("readme"):
                        continue
                    if name.lower().endswith(TEXT_SUFFIXES):
                        found.append(Path(root) / name)
            yield from sorted(found)
        else:
            yield p


def load(paths: Iterable[Union[str, Path]]) -> list[Document]:
    """Documents for files and directories; the first unreadable file raises InputError."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    return [Document(id=str(p), path=str(p), text=read_text(p)) for p in iter_files(paths)]
