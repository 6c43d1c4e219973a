"""Which closures the stored incidents put on the network on a given day.

The rule itself (which incident closes what, how much is left, until when) is
`railwatch.store.closure_rule`, shared with the store's closures table and the HTML report;
this module applies it to the API's incident records and picks the harshest per target.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from railwatch.store.closure_rule import ASSUMPTION, closed_on, closure_until, closure_verdict

__all__ = ["ASSUMPTION", "ActiveClosure", "active_on", "closure_of", "closures_on"]


@dataclass(frozen=True)
class ActiveClosure:
    incident: str
    target: str  # section or structure id
    kind: str
    remaining: float
    since: str | None
    until: str | None  # the day traffic resumed, if reported
    basis: str  # "reported effect: ..." or "assumed from the incident type: ..."


def closure_of(record: dict) -> ActiveClosure | None:
    """The closure an incident record implies, ignoring time (None if it implies none)."""
    verdict = closure_verdict(
        record.get("type"), record.get("effect"), record.get("location_kind"), record.get("status")
    )
    target = record.get("location_id")
    if verdict is None or not target:
        return None
    return ActiveClosure(
        incident=record["id"],
        target=target,
        kind=record["location_kind"],
        remaining=verdict.remaining,
        since=record.get("date_start"),
        until=_iso(
            closure_until(record.get("effect"), record.get("restored_at"), record.get("date_end"))
        ),
        basis=verdict.basis,
    )


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def active_on(closure: ActiveClosure, day: date) -> bool:
    """Open from its first day up to (not including) the day traffic resumed."""
    return closed_on(closure.since, closure.until, day)


def closures_on(records: list[dict], day: date) -> list[ActiveClosure]:
    """Active closures on `day`; several on one target keep the harshest."""
    harshest: dict[str, ActiveClosure] = {}
    for record in records:
        closure = closure_of(record)
        if closure is None or not active_on(closure, day):
            continue
        seen = harshest.get(closure.target)
        if seen is None or closure.remaining < seen.remaining:
            harshest[closure.target] = closure
    return sorted(harshest.values(), key=lambda c: c.target)
