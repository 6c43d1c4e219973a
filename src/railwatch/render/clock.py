"""Times as a scenario's author wrote them: in the scenario's own time zone, not UTC.

The simulation keeps instants as naive UTC (only differences matter to it); what is drawn
and printed goes back to the zone of the scenario's `start` (or, without one, of its first
dated closure), so "2023-11-29T00:00+03:00" is shown as 29 November 00:00, UTC+03:00.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from railwatch.simulate.scenario import Scenario


def scenario_zone(scenario: Scenario) -> dt.tzinfo:
    """The zone the scenario's times were written in; UTC when none says."""
    zone = getattr(scenario, "timezone", None)
    if isinstance(zone, dt.tzinfo):
        return zone
    raw = getattr(scenario, "raw", None)
    raw = raw if isinstance(raw, dict) else {}
    closures = raw.get("closures")
    candidates = [raw.get("start")]
    if isinstance(closures, list):
        candidates += [c.get("start") for c in closures if isinstance(c, dict)]
    for value in candidates:
        offset = _written_offset(value)
        if offset is not None:
            return offset
    return dt.UTC


def _written_offset(value: Any) -> dt.tzinfo | None:
    """The UTC offset a written date-time carries, if it carries one."""
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            return None
    offset = value.utcoffset() if isinstance(value, dt.datetime) else None
    return None if offset is None else dt.timezone(offset)


def scenario_start(scenario: Scenario) -> dt.datetime | None:
    """The clock origin as an aware date-time in the scenario's zone (None: no calendar)."""
    if scenario.start is None:
        return None
    start = scenario.start
    if start.tzinfo is None:  # the simulation keeps naive UTC
        start = start.replace(tzinfo=dt.UTC)
    return start.astimezone(scenario_zone(scenario))


def at_hours(scenario: Scenario, hours: float) -> dt.datetime | None:
    """The instant `hours` after the clock origin, in the scenario's zone."""
    start = scenario_start(scenario)
    return None if start is None else start + dt.timedelta(hours=float(hours))


def zone_name(moment: dt.datetime) -> str:
    """'UTC' or 'UTC+03:00': a fixed offset says exactly what it is."""
    offset = moment.utcoffset()
    if not offset:
        return "UTC"
    sign = "+" if offset >= dt.timedelta(0) else "-"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def calendar_text(moment: dt.datetime, *, zone: bool = True) -> str:
    """'29 Nov 2023 17:20 (UTC+03:00)' (the day without a leading zero, on every platform)."""
    text = f"{moment.day} {moment:%b %Y %H:%M}"
    return f"{text} ({zone_name(moment)})" if zone else text


def when_text(scenario: Scenario, hours: float) -> str:
    """'29 Nov 2023 17:20 (UTC+03:00)', or '+41 h' when the scenario has no calendar."""
    moment = at_hours(scenario, hours)
    return f"+{hours:g} h" if moment is None else calendar_text(moment)
