"""claimcheck: find the numeric claims in news text and check them against each other.

Public API (DESIGN.md): extract, Claim, Document, Period, ClaimcheckError and its
subclasses, ureg. Heavy modules (pydantic models, the grammar, pint) load on first use,
so `import claimcheck` stays cheap.
"""

from __future__ import annotations

from .errors import ClaimcheckError, ConfigError, DataFileError, InputError

__version__ = "0.1.0"

__all__ = [
    "extract",
    "Claim",
    "Document",
    "Period",
    "ureg",
    "ClaimcheckError",
    "InputError",
    "ConfigError",
    "DataFileError",
]


def __getattr__(name: str):
    if name == "extract":
        import importlib

        return importlib.import_module(".extract", __name__)  # the callable package
    if name in ("Claim", "Document", "Period"):
        from . import model

        return getattr(model, name)
    if name == "ureg":
        from .units import get_registry

        return get_registry()
    raise AttributeError(f"module 'claimcheck' has no attribute {name!r}")
