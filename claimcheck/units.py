"""claimcheck's pint registry, built on first use.

Importing pint and building a registry costs about 0.3 s, so nothing on the import path
of `claimcheck.extract` touches this module; `claimcheck.ureg` is created lazily.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

__all__ = ["get_registry"]


@lru_cache(maxsize=1)
def get_registry():
    import pint

    ureg = pint.UnitRegistry()
    with resources.as_file(resources.files("claimcheck") / "data" / "units.txt") as path:
        ureg.load_definitions(str(path))
    return ureg


def __getattr__(name):
    if name == "ureg":
        return get_registry()
    raise AttributeError(name)
