"""config: `[tool.claimcheck]` in pyproject.toml, or claimcheck.toml.

The nearest file up the tree from the working directory wins (in one directory,
claimcheck.toml over pyproject.toml; a pyproject.toml without [tool.claimcheck] is
passed over); `claimcheck check --config FILE` names one. Keys (`-` and `_` alike):

    select = ["CC1", "CC201"]       rules to run (codes or prefixes; default all)
    ignore = ["CC204"]              rules not to run
    severity = { CC202 = "error" }  a rule's severity in the report and the gate
    fail-on = "warning"             error | warning | info | never (default error)
    corpus = ["archive/"]           what `check` compares against when --against is not given
    jump-factor = 10.0              CC202: a change of more than this many times ...
    jump-days = 92                  ... within this many days
    max-partners = 5                a claim is cited by this many findings of a rule at most
    max-document-chars = 2000000    a longer document is read up to here (a warning; exit 2)
    max-claims-per-document = 20000 ... and its first this many claims are kept
    vocabulary = ["metrics.toml"]   more metrics (the format of claimcheck/data/metrics.toml)
    baseline = "claimcheck-baseline.json"   findings accepted before (see cli --baseline)
    [documents."file.txt"]          the manifest (claimcheck.toml only): date, title, source, url

Paths are relative to the file they are written in. The values are validated with
pydantic: an unknown key or a bad value is one ConfigError naming the file and the key.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator

from ._data import tomllib
from .errors import ConfigError

if TYPE_CHECKING:
    from .limits import Limits

__all__ = ["Config", "find_config", "load_config"]

Level = Literal["error", "warning", "info"]


class Config(BaseModel):
    """What a config file may set (defaults: DEFAULT_CONFIG of claimcheck.check)."""

    model_config = ConfigDict(extra="forbid", alias_generator=lambda s: s.replace("_", "-"),
                              populate_by_name=True)

    select: Optional[list[str]] = None
    ignore: list[str] = Field(default_factory=list)
    severity: dict[str, Level] = Field(default_factory=dict)
    fail_on: Literal["error", "warning", "info", "never"] = "error"
    corpus: list[str] = Field(default_factory=list)
    jump_factor: float = Field(10.0, gt=1)
    jump_days: int = Field(92, gt=0)
    max_partners: int = Field(5, ge=1)
    max_document_chars: int = Field(2_000_000, ge=1)
    max_claims_per_document: int = Field(20_000, ge=1)
    vocabulary: list[str] = Field(default_factory=list)
    baseline: Optional[str] = None
    documents: dict[str, dict[str, Any]] = Field(default_factory=dict)  # the manifest: read by load.py
    _path: Optional[str] = PrivateAttr(None)  # the file it came from

    @property
    def path(self) -> Optional[str]:
        return self._path

    @field_validator("select", "ignore", mode="before")
    @classmethod
    def _codes(cls, v):
        if isinstance(v, str):
            v = v.replace(",", " ").split()
        return v

    @field_validator("select", "ignore", "severity")
    @classmethod
    def _known_codes(cls, v):
        from .rules import load_all

        codes = load_all()
        keys = v.keys() if isinstance(v, dict) else (v or ())
        for k in keys:
            if not k.upper().startswith("CC") or not any(c.startswith(k.upper()) for c in codes):
                raise ValueError(f"no rule {k!r} (rules: {', '.join(sorted(codes))})")
        if isinstance(v, dict):
            return {k.upper(): s for k, s in v.items()}
        return None if v is None else [k.upper() for k in v]

    def resolve(self, p: str) -> str:
        """A path of the file, relative to the file's directory."""
        if self.path is None or os.path.isabs(p):
            return p
        return os.path.join(os.path.dirname(self.path), p)

    def engine(self) -> dict:
        """The settings check() reads."""
        return {"select": self.select, "ignore": tuple(self.ignore), "severity": dict(self.severity),
                "jump_factor": self.jump_factor, "jump_days": self.jump_days, "max_partners": self.max_partners,
                "max_document_chars": self.max_document_chars,
                "max_claims_per_document": self.max_claims_per_document}

    def limits(self) -> "Limits":
        """The size limits, for the commands that read documents without checking them."""
        from .limits import Limits

        return Limits(self.max_document_chars, self.max_claims_per_document)


def find_config(start: Optional[os.PathLike] = None) -> Optional[Path]:
    """The nearest claimcheck.toml, or pyproject.toml with [tool.claimcheck], from
    `start` (the working directory) up to the root."""
    d = Path(start or os.getcwd()).resolve()
    for folder in (d, *d.parents):
        own = folder / "claimcheck.toml"
        if own.is_file():
            return own
        py = folder / "pyproject.toml"
        if py.is_file():
            try:
                data = tomllib.loads(py.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
                continue  # (not ours to judge: it has no [tool.claimcheck] we can read)
            if isinstance(data.get("tool"), dict) and "claimcheck" in data["tool"]:
                return py
    return None


def load_config(path: Optional[os.PathLike] = None, *, search: bool = True) -> Config:
    """The config of `path` (claimcheck.toml or a pyproject.toml), else of the nearest
    file found (when `search`), else the defaults."""
    if path is None:
        path = find_config() if search else None
        if path is None:
            return Config()
    where = os.fspath(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise ConfigError(where, f"cannot read the config file: {exc.strerror or exc}") from None
    try:
        data = tomllib.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ConfigError(where, "not valid UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(where, f"not valid TOML: {exc}") from None
    if Path(path).name == "pyproject.toml":
        data = (data.get("tool") or {}).get("claimcheck")
        if data is None:
            raise ConfigError(where, "no [tool.claimcheck] table")
        if "documents" in data:
            raise ConfigError(where, "tool.claimcheck.documents: the manifest belongs in claimcheck.toml "
                                     "beside the articles")
        prefix = "tool.claimcheck."
    else:
        prefix = ""
    if not isinstance(data, dict):
        raise ConfigError(where, f"{prefix or 'the file'} must be a table")
    try:
        cfg = Config.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        key = prefix + ".".join(str(x) for x in err["loc"])
        msg = err["msg"]
        if err["type"] == "extra_forbidden":
            msg = f"unknown key (keys: {', '.join(sorted(f.alias or n for n, f in Config.model_fields.items()))})"
        raise ConfigError(where, f"{key}: {msg}") from None
    cfg._path = where
    return cfg
