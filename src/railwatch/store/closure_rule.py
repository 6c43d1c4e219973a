"""The one rule for which incidents close what, and until when.

Every face uses it: the store's closures table, the API's closures of a day (and so the
dashboard), and the HTML report. An incident closes what it sits on when it is placed on a
structure or a section and

- its reported effect stops or cuts traffic: blocked both ways or suspended leave 0 of the
  capacity; blocked one way leaves 0.5 (one direction's worth, direction unknown); reduced
  leaves 0.5; or
- it damages the line (fire, explosion, derailment, collision, arson, drone strike) and no
  effect is reported, or only delays: reports of such incidents often say "trains delayed"
  for what is a closure of the structure, so it is taken as blocking (0 left).

It closes from its first possible day up to, not including, the day traffic resumed (open
ended when no report said so). Incidents placed only at or near a station, in a district or
a region close nothing (closing a whole junction on a vague place would overstate the harm),
and neither do rejected incidents or ones merged into another.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

REMAINING_BY_EFFECT = {"blocked_both": 0.0, "suspended": 0.0, "blocked_one": 0.5, "reduced": 0.5}
DAMAGING = frozenset({"fire", "explosion", "derailment", "collision", "arson", "drone_strike"})
CLOSABLE_KINDS = frozenset({"structure", "section"})
ASSUMPTION = (
    "blocked both ways or suspended leaves 0 of capacity; blocked one way or reduced leaves "
    "0.5; a damaging incident (fire, explosion, derailment, collision, arson, drone strike) "
    "with no effect reported or only delays blocks what it sits on until traffic resumed; "
    "only incidents placed on a structure or a section close anything"
)


@dataclass(frozen=True)
class ClosureVerdict:
    """What an incident does to the feature it sits on: the capacity left and why."""

    remaining: float
    basis: str  # "reported effect: ..." or "assumed from the incident type: ..."


def closure_verdict(
    incident_type: str | None,
    effect: str | None,
    location_kind: str | None,
    status: str | None = None,
) -> ClosureVerdict | None:
    """The closure an incident implies, ignoring time; None when it closes nothing."""
    if status in ("rejected", "merged") or location_kind not in CLOSABLE_KINDS:
        return None
    effect = effect or ""
    remaining = REMAINING_BY_EFFECT.get(effect)
    if remaining is not None:
        return ClosureVerdict(remaining, f"reported effect: {effect}")
    if incident_type in DAMAGING and effect in ("", "delayed"):
        return ClosureVerdict(0.0, f"assumed from the incident type: {incident_type}")
    return None


def closed_on(since: date | str | None, until: date | str | None, day: date) -> bool:
    """True from `since` up to, not including, `until` (the day traffic resumed)."""
    if since is None:
        return False
    start, end = str(since), None if until is None else str(until)
    iso = day.isoformat()
    # ISO dates (and partial ones such as "2023-11") compare as text in calendar order
    return start[:10] <= iso and (end is None or iso < end[:10])
