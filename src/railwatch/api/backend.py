"""The API's one door to the incident store, so the store behind it can change.

`open_backend` picks the database store (`railwatch.store`) when it is installed, and
today's JSON incident file otherwise. Both answer with plain incident records: the export
record (`railwatch.reports.export.incident_record`) plus `line` and `status`.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from railwatch.api.filters import IncidentQuery, apply_query
from railwatch.reports.export import incident_record

if TYPE_CHECKING:
    from railwatch.network import RailNetwork
    from railwatch.reports.model import Report


class ReviewUnavailable(RuntimeError):
    """The store in use keeps no review history."""


class UnknownIncident(KeyError):
    """No incident with that id."""


@dataclass
class IngestOutcome:
    new_reports: list[str]
    known_reports: list[str]
    incidents: list[dict]


class IncidentBackend(Protocol):
    kind: str
    location: str
    can_review: bool

    def records(self, query: IncidentQuery) -> list[dict]: ...

    def record(self, incident_id: str) -> dict: ...

    def ingest(self, reports: list[Report]) -> IngestOutcome: ...

    def review(self, incident_id: str, action: str, who: str, fields: dict) -> dict: ...

    def audit(self, incident_id: str) -> list[dict]: ...


def line_of(network: RailNetwork, kind: str | None, feature_id: str | None) -> str | None:
    """The line name(s) an incident location sits on ('; ' between several), if any."""
    if not feature_id or kind not in {"section", "structure", "node"}:
        return None
    sections = network.sections
    try:
        if kind == "section":
            ids = [feature_id]
        elif kind == "structure":
            ids = [str(network.structures.loc[feature_id, "section"])]
        else:
            touching = (sections["from"] == feature_id) | (sections["to"] == feature_id)
            ids = list(sections.index[touching])
    except KeyError:
        return None
    lines = {str(sections.loc[i, "line"]) for i in ids if i in sections.index}
    return "; ".join(sorted(lines)) or None


def is_contested(claims: list[dict]) -> bool:
    """Whether the claims disagree: two different causes named, or one denied and another
    asserted or attributed."""
    causes = {c.get("cause") for c in claims if c.get("stance") != "denies"}
    causes.discard("unknown")
    denied = any(c.get("stance") == "denies" for c in claims)
    others = any(c.get("stance") in ("asserts", "attributes") for c in claims)
    return len(causes) > 1 or (denied and others)


def enrich(record: dict, network: RailNetwork, status: str = "unreviewed") -> dict:
    """Add what the API shows beyond the export record: line, status, contested."""
    record["line"] = line_of(network, record["location_kind"], record["location_id"])
    record["status"] = status
    record["contested"] = is_contested(record["claims"])
    return record


def report_record(report: Report) -> dict[str, Any]:
    """One stored report as the API shows it (text is untrusted: clients must escape it)."""
    return {
        "id": report.id,
        "outlet": report.outlet,
        "url": report.url,
        "published": report.published_at.isoformat() if report.published_at else None,
        "published_method": report.published_method,
        "language": report.language,
        "path": report.path,
        "text": report.text,
    }


class JsonFileBackend:
    """Today's incident store: one JSON file, re-read only when it changes on disk."""

    kind = "json-file"
    can_review = False

    def __init__(self, network: RailNetwork, data_dir: str | os.PathLike | None = None):
        from railwatch.reports.incident_store import IncidentStore

        self.network = network
        self.store = IncidentStore(Path(data_dir) if data_dir else None)
        self.location = str(self.store.file)
        self._lock = threading.Lock()
        self._stamp: tuple | None = None
        self._records: list[dict] = []
        self._by_id: dict[str, dict] = {}
        self._reports: dict[str, Report] = {}

    def _fresh(self) -> None:
        try:
            st = self.store.file.stat()
            stamp = (st.st_mtime_ns, st.st_size)
        except FileNotFoundError:
            stamp = None
        with self._lock:
            if stamp == self._stamp and (stamp is not None or not self._records):
                return
            reports = {r.id: r for r in self.store.reports()} if stamp else {}
            records = []
            for incident in self.store.incidents() if stamp else []:
                records.append(enrich(incident_record(incident, reports), self.network))
            self._records, self._reports, self._stamp = records, reports, stamp
            self._by_id = {r["id"]: r for r in records}

    def records(self, query: IncidentQuery) -> list[dict]:
        self._fresh()
        return apply_query(self._records, query)

    def record(self, incident_id: str) -> dict:
        self._fresh()
        found = self._by_id.get(incident_id)
        if found is None:
            raise UnknownIncident(incident_id)
        detail = dict(found)
        detail["report_details"] = [
            report_record(self._reports[rid]) for rid in found["reports"] if rid in self._reports
        ]
        return detail

    def ingest(self, reports: list[Report]) -> IngestOutcome:
        new = self.store.add_reports(reports, self.network) if reports else []
        self._fresh()
        sent = {r.id for r in reports}
        touched = [r for r in self._records if sent & set(r["reports"])]
        known = [r.id for r in reports if r.id not in set(new)]
        return IngestOutcome(new_reports=new, known_reports=known, incidents=touched)

    def review(self, incident_id: str, action: str, who: str, fields: dict) -> dict:
        raise ReviewUnavailable(
            "this server runs on the JSON incident file, which keeps no review history; "
            "review needs the database store"
        )

    def audit(self, incident_id: str) -> list[dict]:
        self.record(incident_id)
        return []


def open_backend(
    network: RailNetwork, *, data_dir: str | os.PathLike | None = None, url: str | None = None
) -> IncidentBackend:
    """The database store when `railwatch.store` provides one, else the JSON incident file."""
    try:
        from railwatch.store import open_store  # noqa: F401
    except ImportError:
        return JsonFileBackend(network, data_dir)
    from railwatch.api.store_backend import DatabaseBackend

    return DatabaseBackend(network, data_dir=data_dir, url=url)
