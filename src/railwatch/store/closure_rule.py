"""The one rule for which incidents close what, and until when.

Every face uses it: the store's closures table, the API's closures of a day (and so the
dashboard), and the HTML report. An incident closes what it sits on when it is placed on a
structure or a section and

- its reported effect stops or cuts traffic: blocked both ways or suspended leave 0 of the
  capacity; blocked one way leaves 0.5 (one direction's worth, direction unknown); reduced
  leaves 0.5; or
- it damages the line (fire, explosion, derailment, collision, arson, drone strike) and no
  effect is reported, or only delays: reports of such incidents often say "trains delayed"
  for what is a closure of the structure, so it is taken as blocking (0 left); or
- it damages the line and the last state the reports tell is that traffic resumed: the
  line was blocked until then.

It closes from its first possible day up to, not including, the day traffic resumed (open
ended when no report said so). When the reports say traffic resumed but not when, it
closes the incident's last possible day only. Incidents placed only at or near a station, in a district or
a region close nothing (closing a whole junction on a vague place would overstate the harm),
and neither do rejected incidents or ones merged into another.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

REMAINING_BY_EFFECT = {"blocked_both": 0.0, "suspended": 0.0, "blocked_one": 0.5, "reduced": 0.5}
DAMAGING = frozenset({"fire", "explosion", "derailment", "collision", "arson", "drone_strike"})
CLOSABLE_KINDS = frozenset({"structure", "section"})
ASSUMPTION = (
    "blocked both ways or suspended leaves 0 of capacity; blocked one way or reduced leaves "
    "0.5; a damaging incident (fire, explosion, derailment, collision, arson, drone strike) "
    "with no effect reported, only delays, or traffic since resumed blocks what it sits on "
    "until traffic resumed (its own last possible day when no date is reported); "
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
    if incident_type in DAMAGING and effect == "resumed":
        return ClosureVerdict(
            0.0, f"assumed from the incident type: {incident_type}, until traffic resumed"
        )
    return None


def closure_until(
    effect: str | None, restored: date | str | None, last_day: date | str | None
) -> date | None:
    """The day traffic resumed (the end of a closure, not included): the reported one, or,
    when the reports say it resumed without a date, the day after the incident's last
    possible day (a closure that certainly ended, kept as short as the text allows)."""
    if restored is not None:
        return date.fromisoformat(str(restored)[:10])
    if effect == "resumed" and last_day is not None and len(str(last_day)) >= 10:
        return date.fromisoformat(str(last_day)[:10]) + timedelta(days=1)
    return None


def closed_on(since: date | str | None, until: date | str | None, day: date) -> bool:
    """True from `since` up to, not including, `until` (the day traffic resumed)."""
    if since is None:
        return False
    start, end = str(since), None if until is None else str(until)
    iso = day.isoformat()
    # ISO dates (and partial ones such as "2023-11") compare as text in calendar order
    return start[:10] <= iso and (end is None or iso < end[:10])
