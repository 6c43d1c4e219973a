"""The API's one door to the incident store (`railwatch.store`), in plain records.

A record is the export record (`railwatch.reports.export.incident_record`) plus `line`,
`status`, `merged_into` and `contested`; the routes only ever see records, so the store
behind them can change without touching the routes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from railwatch.reports.export import incident_record

if TYPE_CHECKING:
    from railwatch.network import RailNetwork
    from railwatch.reports.model import Incident, Report
    from railwatch.store import AuditEntry, IncidentFilter


class UnknownIncident(KeyError):
    """No incident with that id."""


@dataclass
class IngestOutcome:
    new_reports: list[str]
    known_reports: list[str]
    incidents: list[dict]


def is_contested(claims: list[dict]) -> bool:
    """Whether the claims disagree: two different causes named, or one denied and another
    asserted or attributed."""
    causes = {c.get("cause") for c in claims if c.get("stance") != "denies"}
    causes.discard("unknown")
    denied = any(c.get("stance") == "denies" for c in claims)
    others = any(c.get("stance") in ("asserts", "attributes") for c in claims)
    return len(causes) > 1 or (denied and others)


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


def audit_record(entry: AuditEntry) -> dict[str, Any]:
    """One audit row: who did what when, the fields given, the incident before and after."""
    return {
        "id": entry.id,
        "incident": entry.incident_id,
        "action": entry.action,
        "who": entry.who,
        "at": entry.at.isoformat(),
        "fields": entry.fields,
        "before": entry.before,
        "after": entry.after,
    }


class StoreBackend:
    """The database store (SQLite by default, PostgreSQL via RAILWATCH_DATABASE_URL)."""

    kind = "database"
    can_review = True

    def __init__(
        self,
        network: RailNetwork,
        *,
        data_dir: str | os.PathLike | None = None,
        url: str | None = None,
    ):
        from railwatch.store import open_store

        self.network = network
        self.store = open_store(url, data_dir=Path(data_dir) if data_dir else None)
        self.location = self.store.location

    def close(self) -> None:
        self.store.close()

    def _records(self, incidents: list[Incident], reports: dict | None = None) -> list[dict]:
        if reports is None:
            wanted = list(dict.fromkeys(rid for i in incidents for rid in i.reports))
            reports = {r.id: r for r in self.store.reports(wanted)} if wanted else {}
        out = []
        for incident in incidents:
            record = incident_record(incident, reports)
            record["line"] = "; ".join(incident.lines) or None
            record["status"] = incident.status
            record["merged_into"] = incident.merged_into
            record["contested"] = is_contested(record["claims"])
            out.append(record)
        return out

    def records(self, filters: IncidentFilter) -> list[dict]:
        return self._records(self.store.incidents(filters))

    def record(self, incident_id: str) -> dict:
        detail = self.store.incident(incident_id)
        if detail is None:
            raise UnknownIncident(incident_id)
        reports = {r.id: r for r in detail.reports}
        (record,) = self._records([detail.incident], reports)
        record["report_details"] = [report_record(r) for r in detail.reports]
        record["audit"] = [audit_record(a) for a in detail.audit]
        return record

    def ingest(self, reports: list[Report]) -> IngestOutcome:
        result = self.store.ingest(reports, network=self.network)
        touched = self.store.incidents_of_reports([r.id for r in reports])
        return IngestOutcome(result.new, result.existing, self._records(touched))

    def review(self, incident_id: str, action: str, who: str, fields: dict) -> dict:
        """Apply a review action; ValueError (the store's ReviewError) if it cannot apply."""
        if self.store.incident(incident_id) is None:
            raise UnknownIncident(incident_id)
        changed = self.store.review(incident_id, action, who=who, **fields)
        return {"action": action, "changed": self._records(changed)}

    def audit(self, incident_id: str) -> list[dict]:
        if self.store.incident(incident_id) is None:
            raise UnknownIncident(incident_id)
        return [audit_record(a) for a in self.store.audit(incident_id)]


def open_backend(
    network: RailNetwork, *, data_dir: str | os.PathLike | None = None, url: str | None = None
) -> StoreBackend:
    """The store the API serves: `url` or $RAILWATCH_DATABASE_URL, else SQLite in `data_dir`."""
    return StoreBackend(network, data_dir=data_dir, url=url)
