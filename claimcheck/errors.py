"""One root for every error claimcheck raises on purpose.

Each error also inherits the matching builtin, carries the path (and line, where known)
of what was wrong, and says in `str()` what to do about it. The CLI prints it as
`claimcheck: error: <message>` and exits 2.
"""

from __future__ import annotations

from typing import Optional

__all__ = ["ClaimcheckError", "InputError", "ConfigError", "DataFileError", "IndexFileError",
           "MissingDependencyError"]


class ClaimcheckError(Exception):
    """Root of claimcheck's errors."""


class _PathError(ClaimcheckError):
    def __init__(self, path: str, problem: str, line: Optional[int] = None):
        self.path = str(path)
        self.problem = problem
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.problem}"


class InputError(_PathError, ValueError):
    """An input file that cannot be read: missing, binary, undecodable."""


class ConfigError(_PathError, ValueError):
    """A configuration file with a bad value."""


class DataFileError(_PathError, RuntimeError):
    """One of claimcheck's own data files is broken."""


class IndexFileError(_PathError, RuntimeError):
    """A claim index that cannot be used: not an SQLite database, from a newer
    claimcheck, locked by another writer, corrupt."""


class MissingDependencyError(ClaimcheckError, ImportError):
    """An optional feature whose packages are not installed (the Dask engine, Parquet
    output); the message names the feature and the pip command that installs them."""

    def __init__(self, feature: str, missing: str, extra: str = "dask"):
        self.feature = feature
        self.missing = missing
        self.extra = extra
        super().__init__(f"{feature} needs {missing}, which is not installed: pip install \"claimcheck[{extra}]\"",
                         name=missing)

    def __str__(self) -> str:
        return self.msg

    def __reduce__(self):
        return type(self), (self.feature, self.missing, self.extra)
