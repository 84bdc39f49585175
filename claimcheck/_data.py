"""Loading the data files in claimcheck/data/ (lexicons, units, vocabularies)."""

from __future__ import annotations

import sys
from functools import lru_cache
from importlib import resources

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from .errors import DataFileError


@lru_cache(maxsize=None)
def load_toml(name: str) -> dict:
    """Parse claimcheck/data/<name>; a broken file raises DataFileError naming it."""
    res = resources.files("claimcheck") / "data" / name
    try:
        with res.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise DataFileError(f"claimcheck/data/{name}", str(exc)) from exc
    except OSError as exc:
        raise DataFileError(f"claimcheck/data/{name}", exc.strerror or str(exc)) from exc
