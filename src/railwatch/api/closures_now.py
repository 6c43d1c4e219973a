"""Which closures the stored incidents put on the network on a given day.

An incident closes what it sits on when it is placed on a structure or a section and its
reported effect stops or cuts traffic, from its first possible day until the day traffic
resumed (if a report said so). Incidents placed only near a station, in a district or a
region close nothing: closing a whole junction on a vague place would overstate the harm.

Effects and the capacity they leave (our assumptions, stated here and in every answer):
blocked both ways or suspended: 0; blocked one way: 0.5 (one of the two directions' worth
of capacity, direction unknown); reduced: 0.5. An incident that damages the line (fire,
explosion, derailment, collision, arson, drone strike) with no effect reported, or only
delays, is taken as blocking what it sits on: reports of such incidents often say "trains
delayed" or "diverted" for what is a closure of the structure. Its `basis` says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

REMAINING_BY_EFFECT = {"blocked_both": 0.0, "suspended": 0.0, "blocked_one": 0.5, "reduced": 0.5}
DAMAGING = {"fire", "explosion", "derailment", "collision", "arson", "drone_strike"}
ASSUMPTION = (
    "blocked both ways or suspended leaves 0 of capacity; blocked one way or reduced leaves "
    "0.5; a damaging incident (fire, explosion, derailment, collision, arson, drone strike) "
    "with no effect reported or only delays blocks what it sits on until traffic resumed; "
    "only incidents placed on a structure or a section close anything"
)


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
    if record.get("status") == "rejected":
        return None
    kind, target = record.get("location_kind"), record.get("location_id")
    if kind not in {"structure", "section"} or not target:
        return None
    effect = record.get("effect") or ""
    remaining = REMAINING_BY_EFFECT.get(effect)
    basis = f"reported effect: {effect}"
    if remaining is None:
        if record.get("type") not in DAMAGING or effect not in ("", "delayed"):
            return None
        remaining, basis = 0.0, f"assumed from the incident type: {record.get('type')}"
    return ActiveClosure(
        incident=record["id"],
        target=target,
        kind=kind,
        remaining=remaining,
        since=record.get("date_start"),
        until=record.get("restored_at"),
        basis=basis,
    )


def active_on(closure: ActiveClosure, day: date) -> bool:
    """Open from its first day up to (not including) the day traffic resumed."""
    iso = day.isoformat()
    if closure.since is None or closure.since > iso:
        return False
    return closure.until is None or iso < closure.until


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
