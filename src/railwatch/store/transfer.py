"""Moving a store's content out and in: `export` (everything, as one JSON document),
`import_` of such a document, and the one-time import of the JSON incident file of
railwatch 0.1 (`reports.json`).

An export holds the reports, which incident each of their placed items is in (with the
placing, so importing needs no network), the incidents' review state and corrections, and
every audit row: importing it into an empty store gives the same incidents. Importing into a
store that already has some of it adds only what is missing.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from railwatch.reports.codec import location_from, report_from, to_dict
from railwatch.reports.merge import Item, place_items
from railwatch.reports.model import Report
from railwatch.store import schema as t
from railwatch.store.ingest import insert_ignore
from railwatch.store.rows import (
    claim_rows,
    incident_columns,
    item_row,
    lines_at,
    now,
    rebuild,
    report_from_row,
    report_row,
)

if TYPE_CHECKING:
    from railwatch.network import RailNetwork

EXPORT_FORMAT = "railwatch-store"
EXPORT_VERSION = 1
LEGACY_FILE = "reports.json"


class ImportError_(ValueError):
    """An import document that is not what it should be (names the part and the field)."""


def _iso(value: Any) -> Any:
    if isinstance(value, datetime):
        return _stamp(value).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def _stamp(value: Any) -> datetime:
    """A UTC datetime from a datetime or ISO text (SQLite hands back naive UTC ones)."""
    stamp = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return stamp.replace(tzinfo=UTC) if stamp.tzinfo is None else stamp.astimezone(UTC)


def export(conn: Connection) -> dict[str, Any]:
    """Everything in the store as one JSON-ready document."""
    reports = []
    for row in conn.execute(sa.select(t.reports).order_by(t.reports.c.added_at, t.reports.c.id)):
        data = to_dict(report_from_row(row))
        data["added_at"] = _iso(row.added_at)
        reports.append(data)
    items = [
        {
            "report": row.report_id,
            "index": row.idx,
            "incident": row.incident_id,
            "location": row.location,
            "lines": [line for line in row.lines.split("\n") if line],
            "rule": row.rule,
            "score": row.score,
            "added_at": _iso(row.added_at),
        }
        for row in conn.execute(
            sa.select(t.items).order_by(t.items.c.added_at, t.items.c.report_id, t.items.c.idx)
        )
    ]
    incidents = [
        {
            "id": row.id,
            "status": row.status,
            "merged_into": row.merged_into,
            "origin": row.origin,
            "corrections": row.corrections,
            "payload": row.payload,
            "created_at": _iso(row.created_at),
        }
        for row in conn.execute(
            sa.select(t.incidents).order_by(t.incidents.c.created_at, t.incidents.c.id)
        )
    ]
    audit = [
        {
            "incident": row.incident_id,
            "action": row.action,
            "who": row.who,
            "at": _iso(row.at),
            "fields": row.fields,
            "before": row.before,
            "after": row.after,
        }
        for row in conn.execute(sa.select(t.review_actions).order_by(t.review_actions.c.id))
    ]
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "reports": reports,
        "items": items,
        "incidents": incidents,
        "audit": audit,
    }


def import_export(conn: Connection, data: dict[str, Any]) -> dict[str, int]:
    """Add what an `export` document holds and the store lacks; counts of what was added."""
    if data.get("format") != EXPORT_FORMAT or data.get("version") != EXPORT_VERSION:
        raise ImportError_(
            f"expected a {EXPORT_FORMAT} export of version {EXPORT_VERSION}, got format "
            f"{data.get('format')!r} version {data.get('version')!r}"
        )
    counts = {"reports": 0, "incidents": 0, "items": 0, "audit": 0}
    reports: dict[str, Report] = {}
    for n, item in enumerate(data.get("reports", [])):
        try:
            report = report_from(item)
            added = _stamp(item.get("added_at") or now())
        except (KeyError, TypeError, ValueError) as exc:
            raise ImportError_(f"reports[{n}]: {type(exc).__name__}: {exc}") from exc
        reports[report.id] = report
        if insert_ignore(conn, t.reports, report_row(report, added)):
            counts["reports"] += 1
            for row in claim_rows(report):
                insert_ignore(conn, t.claims, row)
    touched = []
    for n, inc in enumerate(data.get("incidents", [])):
        try:
            values = {
                "id": inc["id"],
                "status": inc["status"],
                "merged_into": inc.get("merged_into"),
                "origin": inc.get("origin", "import"),
                "corrections": inc.get("corrections") or {},
                "created_at": _stamp(inc["created_at"]),
                "updated_at": now(),
            }
            from railwatch.reports.codec import incident_from

            shown = incident_from(inc["payload"])
        except (KeyError, TypeError, ValueError) as exc:
            raise ImportError_(f"incidents[{n}]: {type(exc).__name__}: {exc}") from exc
        columns = incident_columns(shown)
        columns.update(status=values["status"], merged_into=values["merged_into"])
        if insert_ignore(conn, t.incidents, {**columns, **values}):
            counts["incidents"] += 1
            touched.append(values["id"])
    for n, entry in enumerate(data.get("items", [])):
        try:
            report = reports.get(entry["report"]) or _stored_report(conn, entry["report"])
            index = int(entry["index"])
            extracted = report.incidents[index]
            item = Item(report, index, extracted, location_from(entry.get("location")))
            from railwatch.reports.merge import PairScore

            score = None if entry["rule"] == "first" else PairScore(entry["score"], entry["rule"])
            row = item_row(
                item, entry["incident"], score, entry.get("lines", []), _stamp(entry["added_at"])
            )
        except (KeyError, TypeError, ValueError, IndexError) as exc:
            raise ImportError_(f"items[{n}]: {type(exc).__name__}: {exc}") from exc
        if insert_ignore(conn, t.items, row):
            counts["items"] += 1
    existing_audit = {
        (r.incident_id, r.action, r.who, _iso(_stamp(r.at)))
        for r in conn.execute(sa.select(t.review_actions))
    }
    for n, entry in enumerate(data.get("audit", [])):
        try:
            key = (entry["incident"], entry["action"], entry["who"], _iso(_stamp(entry["at"])))
        except (KeyError, TypeError, ValueError) as exc:
            raise ImportError_(f"audit[{n}]: {type(exc).__name__}: {exc}") from exc
        if key in existing_audit:
            continue
        conn.execute(
            t.review_actions.insert().values(
                incident_id=entry["incident"],
                action=entry["action"],
                who=entry["who"],
                at=_stamp(entry["at"]),
                fields=entry.get("fields") or {},
                before=entry.get("before"),
                after=entry.get("after"),
            )
        )
        counts["audit"] += 1
    rebuild(conn, touched)
    return counts


def _stored_report(conn: Connection, report_id: str) -> Report:
    row = conn.execute(sa.select(t.reports).where(t.reports.c.id == report_id)).first()
    if row is None:
        raise KeyError(f"report {report_id} is neither in the document nor in the store")
    return report_from_row(row)


def legacy_marker(path: Path) -> str:
    """The meta key that records a legacy file as imported (by its content hash)."""
    return "legacy-json:" + hashlib.sha256(path.read_bytes()).hexdigest()


def import_legacy(conn: Connection, data: dict[str, Any], network: RailNetwork) -> dict[str, int]:
    """Import a railwatch 0.1 `reports.json` (version 1: reports + merged incidents).

    Every report and incident is kept as it was, ids included. Each report's incidents are
    placed again on `network` only to record where they are, for merging future reports.
    """
    if not isinstance(data, dict) or data.get("version") != 1 or "reports" not in data:
        raise ImportError_(
            "expected a railwatch 0.1 incident file: {version: 1, reports, incidents}"
        )
    stamp = now()
    counts = {"reports": 0, "incidents": 0, "items": 0, "audit": 0}
    reports = {}
    for n, item in enumerate(data["reports"]):
        try:
            report = report_from(item)
        except (KeyError, TypeError, ValueError) as exc:
            raise ImportError_(f"reports[{n}]: {type(exc).__name__}: {exc}") from exc
        reports[report.id] = report
    new_incidents, membership = _legacy_incidents(data)
    for n, report in enumerate(reports.values()):
        # one microsecond apart: the store lists reports in the order the file had them
        if insert_ignore(conn, t.reports, report_row(report, stamp + timedelta(microseconds=n))):
            counts["reports"] += 1
            for row in claim_rows(report):
                insert_ignore(conn, t.claims, row)
    for incident in new_incidents:
        values = incident_columns(incident)
        values.update(
            id=incident.id, origin="legacy", corrections={}, created_at=stamp, updated_at=stamp
        )
        if insert_ignore(conn, t.incidents, values):
            counts["incidents"] += 1
    for report in reports.values():
        for item in place_items([report], network):
            key = (report.id, item.index)
            if key not in membership:
                continue  # an item no incident kept (cannot happen with 0.1's merging)
            iid, score = membership[key]
            row = item_row(item, iid, score, lines_at(item.location, network), stamp)
            if insert_ignore(conn, t.items, row):
                counts["items"] += 1
    return counts


def _legacy_incidents(data: dict[str, Any]) -> tuple[list[Any], dict[tuple[str, int], Any]]:
    """The 0.1 file's incidents, and which incident each (report, index) item is in."""
    from railwatch.reports.codec import incident_from
    from railwatch.reports.merge import PairScore

    membership: dict[tuple[str, int], tuple[str, Any]] = {}
    incidents = []
    for n, item in enumerate(data.get("incidents", [])):
        try:
            incident = incident_from(item)
        except (KeyError, TypeError, ValueError) as exc:
            raise ImportError_(f"incidents[{n}]: {type(exc).__name__}: {exc}") from exc
        for entry in incident.merge:
            score = None
            if entry.get("rule") != "first":
                score = PairScore(entry.get("score", 1.0), entry.get("rule", "legacy"))
            membership[(entry["report"], int(entry.get("index", 0)))] = (incident.id, score)
        incidents.append(incident)
    return incidents, membership


def read_json(path: Path) -> dict[str, Any]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ImportError_(f"{path}: cannot read: {exc}") from exc
