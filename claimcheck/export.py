"""export: claims as a Parquet table (claimcheck extract --format parquet --output FILE).

    claims_table(claims) -> pyarrow.Table     # one row a claim, CLAIM_SCHEMA's columns
    write_parquet(claims, path) -> int        # rows written

A claim's scope (a dict) is a JSON string; its as_of period is spread over as_of_start,
as_of_end (dates), as_of_grain and as_of_text. pyarrow is imported on first use; when it
is missing, MissingDependencyError says `pip install "claimcheck[dask]"`.
"""

from __future__ import annotations

import json
import os
from typing import Iterable

from .errors import ConfigError, MissingDependencyError
from .model import Claim

__all__ = ["COLUMNS", "claims_table", "write_parquet", "require_pyarrow"]

# (column, pyarrow type name); pyarrow's types are made from these on first use
COLUMNS = (
    ("doc_id", "string"), ("start", "int64"), ("end", "int64"), ("text", "string"), ("value_text", "string"),
    ("low", "float64"), ("high", "float64"), ("low_inclusive", "bool_"), ("high_inclusive", "bool_"),
    ("approx", "bool_"), ("bound", "string"), ("unit", "string"), ("kind", "string"), ("metric", "string"),
    ("subject", "string"), ("scope", "string"), ("as_of_start", "date32"), ("as_of_end", "date32"),
    ("as_of_grain", "string"), ("as_of_text", "string"), ("as_of_rule", "string"), ("modality", "string"),
    ("source", "string"), ("sentence", "string"),
)


def require_pyarrow():
    """pyarrow, or MissingDependencyError with the pip command."""
    try:
        import pyarrow
        import pyarrow.parquet  # noqa: F401
    except ImportError as exc:
        raise MissingDependencyError("Parquet output (--format parquet)", "pyarrow") from exc
    return pyarrow


def _row(c: Claim) -> dict:
    p = c.as_of
    return {
        "doc_id": c.doc_id, "start": c.start, "end": c.end, "text": c.text, "value_text": c.value_text,
        "low": c.low, "high": c.high, "low_inclusive": c.low_inclusive, "high_inclusive": c.high_inclusive,
        "approx": c.approx, "bound": c.bound, "unit": c.unit, "kind": c.kind, "metric": c.metric,
        "subject": c.subject,
        "scope": json.dumps(c.model_dump(mode="json", include={"scope"})["scope"], ensure_ascii=False),
        "as_of_start": p.start if p else None, "as_of_end": p.end if p else None,
        "as_of_grain": p.grain if p else None, "as_of_text": p.text if p else None,
        "as_of_rule": c.as_of_rule, "modality": c.modality, "source": c.source, "sentence": c.sentence,
    }


def claims_table(claims: Iterable[Claim]):
    """The claims as a pyarrow Table with the COLUMNS, in order."""
    pa = require_pyarrow()
    schema = pa.schema([(name, getattr(pa, kind)()) for name, kind in COLUMNS])
    rows = [_row(c) for c in claims]
    return pa.Table.from_pydict({name: [r[name] for r in rows] for name, _ in COLUMNS}, schema=schema)


def write_parquet(claims: Iterable[Claim], path: str) -> int:
    """Write the claims to `path` as Parquet (atomically: a reader never sees half a
    file); the number of rows."""
    pa = require_pyarrow()
    table = claims_table(claims)
    tmp = f"{path}.tmp{os.getpid()}"
    try:
        import pyarrow.parquet as pq

        pq.write_table(table, tmp)
        os.replace(tmp, path)
    except (OSError, pa.ArrowException) as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise ConfigError(path, f"cannot write the Parquet file: {getattr(exc, 'strerror', None) or exc}") from None
    return table.num_rows
