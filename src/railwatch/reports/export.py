"""Incidents out: JSON, GeoJSON and CSV with the same fields everywhere.

`incident_record` is the one flat record all three formats share. JSON keeps nested values
(claims, quantities, sources, merge) as lists; CSV writes those same values as JSON text in
their column; GeoJSON puts the record in a Point feature's properties (geometry null when the
incident has no coordinates).
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from railwatch.reports.codec import to_dict
from railwatch.reports.model import Incident, Report
from railwatch.untrusted import strip_controls

FIELDS = [
    "id",
    "type",
    "date_start",
    "date_end",
    "date_precision",
    "date_text",
    "location_kind",
    "location_id",
    "location_name",
    "precision",
    "lat",
    "lon",
    "via",
    "effect",
    "restored_at",
    "quantities",
    "casualties",
    "claims",
    "sources",
    "reports",
    "merge",
    "confidence",
    "status",
    "merged_into",
    "lines",
]
NESTED = {"quantities", "casualties", "claims", "sources", "reports", "merge", "lines"}


def source_of(report: Report | None, report_id: str) -> dict:
    """What a reader needs to find a report again: outlet, url, date, path, id."""
    if report is None:
        return {"report": report_id}
    return {
        "report": report_id,
        "outlet": report.outlet,
        "url": report.url,
        "published": report.published_at.isoformat() if report.published_at else None,
        "path": report.path,
    }


def incident_record(incident: Incident, reports: dict[str, Report] | None = None) -> dict[str, Any]:
    """The shared record of one incident (see FIELDS)."""
    reports = reports or {}
    occurred, loc = incident.occurred, incident.location
    return {
        "id": incident.id,
        "type": incident.type,
        "date_start": occurred.start.isoformat() if occurred else None,
        "date_end": occurred.end.isoformat() if occurred else None,
        "date_precision": occurred.precision if occurred else None,
        "date_text": occurred.text if occurred else None,
        "location_kind": loc.kind if loc else None,
        "location_id": loc.id if loc else None,
        "location_name": loc.name if loc else None,
        "precision": loc.precision if loc else None,
        "lat": loc.lat if loc else None,
        "lon": loc.lon if loc else None,
        "via": loc.via if loc else None,
        "effect": incident.effect,
        "restored_at": incident.restored_at.start.isoformat() if incident.restored_at else None,
        "quantities": [to_dict(q) for q in incident.quantities],
        "casualties": dict(incident.casualties),
        "claims": [to_dict(c) for c in incident.claims],
        "sources": [source_of(reports.get(rid), rid) for rid in incident.reports],
        "reports": list(incident.reports),
        "merge": list(incident.merge),
        "confidence": incident.confidence,
        "status": incident.status,
        "merged_into": incident.merged_into,
        "lines": list(incident.lines),
    }


def to_json(incidents: list[Incident], reports: dict[str, Report] | None = None) -> str:
    """A JSON array of incident records."""
    records = [incident_record(i, reports) for i in incidents]
    return json.dumps(records, ensure_ascii=False, indent=2)


def to_geojson(incidents: list[Incident], reports: dict[str, Report] | None = None) -> dict:
    """A FeatureCollection with one Point feature per incident (null geometry if unplaced)."""
    features = []
    for incident in incidents:
        record = incident_record(incident, reports)
        geometry = None
        if record["lat"] is not None and record["lon"] is not None:
            geometry = {"type": "Point", "coordinates": [record["lon"], record["lat"]]}
        features.append({"type": "Feature", "geometry": geometry, "properties": record})
    return {"type": "FeatureCollection", "features": features}


# A spreadsheet runs a cell that starts with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe_cell(value: object) -> object:
    """A text cell made inert for spreadsheets and terminals; numbers pass unchanged.

    Control characters are dropped and a cell that a spreadsheet would read as a formula
    (`=HYPERLINK(...)`) gets a leading apostrophe, as OWASP recommends.
    """
    if not isinstance(value, str):
        return value
    value = strip_controls(value)
    if value.startswith(_FORMULA_START):
        value = "'" + value
    return value


def to_csv(incidents: list[Incident], reports: dict[str, Report] | None = None) -> str:
    """CSV with a header of FIELDS; nested values are JSON text in their column."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    for incident in incidents:
        record = incident_record(incident, reports)
        row = {
            key: json.dumps(value, ensure_ascii=False) if key in NESTED else value
            for key, value in record.items()
        }
        writer.writerow({k: "" if v is None else csv_safe_cell(v) for k, v in row.items()})
    return out.getvalue()
