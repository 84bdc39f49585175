"""Publication dates as the API accepts them (a date, a datetime or an ISO string)."""

from __future__ import annotations

import datetime as _dt
from typing import Optional

__all__ = ["as_date"]


def as_date(published) -> Optional[_dt.date]:
    """A publication date from a date, a datetime or an ISO string (YYYY-MM-DD...);
    None stays None. Raises ValueError for a string that is no date, TypeError for
    anything else."""
    if published is None or type(published) is _dt.date:
        return published
    if isinstance(published, _dt.datetime):
        return published.date()
    if isinstance(published, _dt.date):
        return _dt.date(published.year, published.month, published.day)
    if isinstance(published, str):
        try:
            return _dt.date.fromisoformat(published.strip()[:10])
        except ValueError:
            raise ValueError(f"published: not an ISO date (YYYY-MM-DD): {published!r}") from None
    raise TypeError(f"published must be a date or an ISO date string, not {type(published).__name__}")
