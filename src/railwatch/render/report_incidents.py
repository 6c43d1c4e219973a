"""Incidents for the report: from the incident store when the reports package is present.

The dependency is optional on purpose: the report works without `railwatch.reports`, and
then says why the list is empty. Every text returned here is untrusted (it comes from
news reports) and must be escaped by whoever renders it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field


@dataclass
class IncidentRow:
    """One incident as the report shows it (plain strings)."""

    id: str
    type: str
    when: str
    where: str
    effect: str
    confidence: str
    claims: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    lat: float | None = None
    lon: float | None = None


def _date_text(value) -> str:
    if value is None:
        return "date unknown"
    start, end = getattr(value, "start", None), getattr(value, "end", None)
    text = str(start) if start == end or end is None else f"{start} to {end}"
    precision = getattr(value, "precision", "")
    return f"{text} ({precision})" if precision and precision != "day" else text


def store_incidents(store_path: str | os.PathLike | None = None) -> tuple[list[IncidentRow], str]:
    """(rows, note): the stored incidents, or none and a sentence saying why."""
    try:
        from railwatch.reports.incident_store import IncidentStore
    except ImportError as exc:
        return [], f"The incident store is not available in this installation ({exc})."
    try:
        store = IncidentStore(store_path)
        incidents = store.incidents()
        reports = {r.id: r for r in store.reports()}
    except Exception as exc:  # a broken store must not stop the report; say what happened
        return [], f"The incident store could not be read: {exc}"
    rows = []
    for incident in incidents:
        location = incident.location
        claims = [
            f"{c.claimant} {c.stance} {c.cause}: \u201c{c.sentence}\u201d" for c in incident.claims
        ]
        sources = []
        for rid in incident.reports:
            report = reports.get(rid)
            if report is None:
                continue
            label = " ".join(
                part for part in (report.outlet, str(report.published_at or ""), report.url) if part
            )
            sources.append(label or rid[:12])
        rows.append(
            IncidentRow(
                id=incident.id,
                type=incident.type,
                when=_date_text(incident.occurred),
                where=location.name if location else "place unknown",
                effect=incident.effect or "not reported",
                confidence=f"{incident.confidence:.2f}",
                claims=claims,
                sources=sources,
                lat=getattr(location, "lat", None),
                lon=getattr(location, "lon", None),
            )
        )
    where = getattr(store, "file", store_path)
    if not rows:
        return [], f"There are no incidents in the store ({where})."
    return rows, f"{len(rows)} incident(s) from the store ({where})."
