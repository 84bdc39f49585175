"""Text that can be written anywhere: every str claimcheck writes to a file, a stream or
SQLite goes through `valid_unicode` first.

A Python str may hold surrogate code points (U+D800..U+DFFF) that no UTF encoding can
write: a JSON string escape such as "\\ud800" decodes to one, and so does a file name
that is not UTF-8 (os.fsdecode's surrogateescape). claimcheck reads such text without
failing, and writes each of them as U+REPLACEMENT CHARACTER (one code point for one,
so that character offsets and UTF-16 lengths stay the same).
"""

from __future__ import annotations

import re

__all__ = ["has_surrogates", "valid_unicode"]

_SURROGATE = re.compile("[\ud800-\udfff]")


def has_surrogates(s: str) -> bool:
    """Whether `s` holds a code point that UTF-8 cannot encode."""
    return _SURROGATE.search(s) is not None


def valid_unicode(s: str) -> str:
    """`s` with each surrogate code point replaced by U+FFFD (`s` itself when it has none)."""
    return _SURROGATE.sub("\ufffd", s) if _SURROGATE.search(s) else s
