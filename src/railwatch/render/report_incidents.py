"""Incidents for the report: from the incident store when the reports package is present.

The dependency is optional on purpose: the report works without `railwatch.reports`, and
then says why the list is empty. Every text returned here is untrusted (it comes from
news reports) and must be escaped by whoever renders it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from railwatch.render.wording import claim_sentence, effect_words, kind_words

if TYPE_CHECKING:
    from railwatch.reports.model import Incident


@dataclass(frozen=True)
class SourceRef:
    """A source as shown: its words, and the address it links to (http(s) only)."""

    text: str
    url: str | None = None


def web_address(value: object) -> str | None:
    """The value if it is one http(s) URL (no spaces, a host), else None: anything else
    (file paths, javascript:, data:) is shown as text, never as a link."""
    text = str(value or "").strip()
    if not text or any(ch.isspace() for ch in text):
        return None
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    return text if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def source_ref(value: object) -> SourceRef:
    """A source string (or SourceRef) as shown: a link when it is an http(s) URL."""
    if isinstance(value, SourceRef):
        return value
    text = str(value)
    return SourceRef(text, web_address(text))


@dataclass
class IncidentRow:
    """One incident as the report shows it (plain strings)."""

    id: str
    type: str
    when: str
    where: str
    effect: str
    confidence: str
    claims: list[str] = field(default_factory=list)  # in words, with the quoted sentence
    sources: list[SourceRef | str] = field(default_factory=list)
    lat: float | None = None
    lon: float | None = None
    closes: str = "nothing"  # what the closure rule makes of it, in words


def closure_words(incident: Incident) -> str:
    """What `railwatch.store.closure_rule` says the incident closes, and until when."""
    from railwatch.store.closure_rule import closure_until, closure_verdict

    loc = incident.location
    verdict = closure_verdict(
        incident.type, incident.effect, loc.kind if loc else None, incident.status
    )
    if verdict is None or loc is None or not loc.id:
        return "nothing (no blocking effect on a section or structure)"
    share = "all of it" if verdict.remaining == 0 else f"{1 - verdict.remaining:.0%} of it"
    since = incident.occurred.start if incident.occurred else None
    until = closure_until(
        incident.effect,
        incident.restored_at.start if incident.restored_at else None,
        incident.occurred.end if incident.occurred else None,
    )
    span = f"from {since or 'an unknown day'} " + (
        f"until traffic resumed on {until}" if until else "with no reported end"
    )
    return f"{loc.name or loc.id}: {share}, {span} ({verdict.basis})"


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
        from pathlib import Path

        from railwatch.store import open_store
    except ImportError as exc:
        return [], f"The incident store is not available in this installation ({exc})."
    try:
        store = open_store(data_dir=Path(store_path) if store_path is not None else None)
        try:
            incidents = store.incidents()
            reports = {
                r.id: r for r in store.reports([i for inc in incidents for i in inc.reports])
            }
        finally:
            store.close()
    except Exception as exc:  # a broken store must not stop the report; say what happened
        return [], f"The incident store could not be read: {exc}"
    rows = []
    for incident in incidents:
        location = incident.location
        claims = [
            f"{claim_sentence(c.claimant, c.stance, c.cause)}: \u201c{c.sentence}\u201d"
            for c in incident.claims
        ]
        sources: list[SourceRef | str] = []
        for rid in incident.reports:
            report = reports.get(rid)
            if report is not None:
                sources.append(_report_source(report, rid))
        rows.append(
            IncidentRow(
                id=incident.id,
                type=kind_words(incident.type),
                when=_date_text(incident.occurred),
                where=location.name if location else "place unknown",
                effect=effect_words(incident.effect),
                confidence=f"{incident.confidence:.2f}",
                claims=claims,
                sources=sources,
                lat=getattr(location, "lat", None),
                lon=getattr(location, "lon", None),
                closes=closure_words(incident),
            )
        )
    where = store.location
    if not rows:
        return [], f"There are no incidents in the store ({where})."
    return rows, f"{len(rows)} incident(s) from the store ({where})."


def _report_source(report, rid: str) -> SourceRef:
    """'Outlet, 2023-11-30' linking to the report's URL when it has a web address."""
    label = ", ".join(str(p) for p in (report.outlet, report.published_at) if p)
    url = web_address(report.url)
    if not report.outlet and not report.url and report.path:
        # a report read from a file with no outlet: its file name says which one it is
        label = ", ".join(p for p in (label, os.path.basename(str(report.path))) if p)
    if not label:
        label = str(report.url) if report.url else f"report {rid[:12]}"
    elif report.url and url is None:
        label += f" ({report.url})"  # a non-web address is shown, not linked
    return SourceRef(label, url)
