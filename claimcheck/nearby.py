"""nearby: which archived claims can take part in a finding about new claims, so that an
incremental check loads those and not the whole of each metric family.

The rules compare a claim b only with claims of its family, and of those only:

    CC101/CC401          the same signature, periods that overlap b's: the most extreme
                         values below and above b (a sweep cites those, a few a side)
    CC203                the same signature: the plans over b's period; for a plan, the
                         latest facts that overlap it
    CC202, CC204         b's neighbours in its signature's dated series (any distance)
    CC201                the earlier claim of b's signature with the highest lower end
                         (b falls below it), and the later ones that fall below b (with,
                         for each, its own best earlier claim, which decides whom it cites)
    CC501                the same for the claims of other definitions of b's base, and
                         their overlapping claims most below and above b

`keys(c)` is what the index stores beside each claim to answer those questions with
indexed queries (signature, base and definition as short hashes, whether the text dates
it, its widened interval, its period as day numbers); `rows(db, claims)` runs them.
The claims found by both windows and extremes are a superset of every partner the rules
would pick among the whole archive, so findings about the new claims are the same
(caps on how often one claim is cited count the partners of the loaded claims only).
"""

from __future__ import annotations

import hashlib
from typing import Iterable, Optional

__all__ = ["keys", "rows", "WINDOW_DAYS", "COLUMNS"]

WINDOW_DAYS = 0  # claims whose periods come this close to a new claim's are loaded whole (overlap)
_TOP = 6  # the extremes loaded a key: more than a rule cites (max_partners 5) and ties

COLUMNS = ("sig", "base", "defn", "fact", "dated", "wlo", "whi", "day0", "day1", "pos")


def _h(x) -> str:
    return hashlib.blake2b(repr(x).encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


def keys(c) -> Optional[tuple]:
    """(sig, base, defn, fact, dated, wlo, whi, day0, day1, pos) of a claim, or None for
    a claim no group rule reads (no vocabulary metric, no value, or no period)."""
    from .rules.base import dated, signature, widened
    from .rules.definitions import _base, _definition

    if c.as_of is None or (c.low is None and c.high is None) or (c.metric or "~").startswith("~"):
        return None
    lo, hi = widened(c)
    return (_h(signature(c)), _base(c), _h(_definition(c)), int(c.modality == "fact"), int(dated(c)),
            lo, hi, c.as_of.start.toordinal(), c.as_of.end.toordinal(), c.start)


def _q(db, sql: str, args: tuple) -> set:
    return {r[0] for r in db.execute(sql, args)}


def rows(db, new_claims: Iterable, exclude_docs: set) -> set:
    """The rowids of the archived claims (table `claims`) that may meet `new_claims`."""
    out: set = set()
    series = "fact = 1 AND dated = 1"
    for c in new_claims:
        k = keys(c)
        if k is None:
            continue
        sig, base, defn, fact, is_dated, lo, hi, d0, d1, pos = k
        here = (d1, c.doc_id or "", pos)  # (a series is ordered by end of period, document, offset)
        over = "day1 >= ? AND day0 <= ?"  # (periods that overlap b's)
        span = (d0 - WINDOW_DAYS, d1 + WINDOW_DAYS)
        # CC101/CC401: of b's signature, the overlapping facts most below and most above
        # b (a sweep reports the most extreme ones, `max_partners` a side)
        if hi is not None:
            out |= _q(db, f"SELECT rowid FROM claims INDEXED BY claims_sig_wlo WHERE sig = ? AND fact = 1 AND {over} "
                          f"AND wlo > ? ORDER BY wlo DESC LIMIT {2 * _TOP}", (sig, *span, hi))
        if lo is not None:
            out |= _q(db, f"SELECT rowid FROM claims WHERE sig = ? AND fact = 1 AND {over} AND whi < ? "
                          f"ORDER BY whi LIMIT {2 * _TOP}", (sig, *span, lo))
        # CC203: the plans of b's signature over its period, and for a plan the latest facts
        out |= _q(db, f"SELECT rowid FROM claims WHERE sig = ? AND fact = 0 AND {over}", (sig, *span))
        if not fact:
            out |= _q(db, f"SELECT rowid FROM claims WHERE sig = ? AND fact = 1 AND {over} "
                          f"ORDER BY day0 DESC LIMIT {2 * _TOP}", (sig, *span))
        # the series neighbours of b, however far (CC202, CC204)
        out |= _q(db, f"SELECT rowid FROM claims WHERE sig = ? AND {series} AND (day1, doc_id, pos) < (?, ?, ?) "
                      f"ORDER BY day1 DESC, doc_id DESC, pos DESC LIMIT {_TOP}", (sig, *here))
        out |= _q(db, f"SELECT rowid FROM claims WHERE sig = ? AND {series} AND (day1, doc_id, pos) > (?, ?, ?) "
                      f"ORDER BY day1, doc_id, pos LIMIT {_TOP}", (sig, *here))
        # b falls below the best earlier claim (CC201)
        out |= _q(db, f"SELECT rowid FROM claims INDEXED BY claims_sig_wlo WHERE sig = ? AND {series} "
                      f"AND day1 < ? ORDER BY wlo DESC LIMIT {_TOP}", (sig, d1))
        # later claims that fall below b, and the best earlier claim of each (CC201)
        if lo is not None:
            later = db.execute(f"SELECT rowid, day1 FROM claims WHERE sig = ? AND {series} AND day1 > ? "
                               f"AND whi < ? ORDER BY day1 LIMIT {_TOP}", (sig, d1, lo)).fetchall()
            for rowid, e in later:
                out.add(rowid)
                out |= _q(db, f"SELECT rowid FROM claims INDEXED BY claims_sig_wlo WHERE sig = ? AND {series} "
                              f"AND day1 < ? ORDER BY wlo DESC LIMIT {_TOP}", (sig, e))
        if not (fact and is_dated):
            continue
        # CC501: the best earlier claim of every other definition of the base, and the later
        # claims of other definitions below b (with the best of b's definition before each)
        for (other,) in db.execute("SELECT defn FROM definitions WHERE base = ?", (base,)):
            if other == defn:
                continue
            # its overlapping facts most below and above b (a conflict in appearance)
            if hi is not None:
                out |= _q(db, f"SELECT rowid FROM claims INDEXED BY claims_base_wlo WHERE base = ? AND defn = ? "
                              f"AND {series} AND {over} AND wlo > ? ORDER BY wlo DESC LIMIT {_TOP}",
                          (base, other, *span, hi))
            if lo is not None:
                out |= _q(db, f"SELECT rowid FROM claims WHERE base = ? AND defn = ? AND {series} AND {over} "
                              f"AND whi < ? ORDER BY whi LIMIT {_TOP}", (base, other, *span, lo))
            out |= _q(db, f"SELECT rowid FROM claims INDEXED BY claims_base_wlo WHERE base = ? AND defn = ? "
                          f"AND {series} AND day1 < ? ORDER BY wlo DESC LIMIT {_TOP}", (base, other, d1))
            if lo is not None:
                later = db.execute(f"SELECT rowid, day1 FROM claims WHERE base = ? AND defn = ? AND {series} "
                                   f"AND day1 > ? AND whi < ? ORDER BY day1 LIMIT {_TOP}",
                                   (base, other, d1, lo)).fetchall()
                for rowid, e in later:
                    out.add(rowid)
                    out |= _q(db, f"SELECT rowid FROM claims INDEXED BY claims_base_wlo WHERE base = ? AND defn = ? "
                                  f"AND {series} AND day1 < ? ORDER BY wlo DESC LIMIT {_TOP}", (base, defn, e))
    return out
