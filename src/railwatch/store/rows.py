"""Model objects to table rows and back, and rebuilding an incident from its stored items."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from railwatch.reports.codec import (
    date_value_from,
    extracted_from,
    incident_from,
    location_from,
    to_dict,
)
from railwatch.reports.merge import Item, PairScore, build_incident, date_span
from railwatch.reports.model import Claim, DateValue, Incident, Location, Report
from railwatch.store import schema as t
from railwatch.store.closure_rule import closure_until, closure_verdict

if TYPE_CHECKING:
    from railwatch.network import RailNetwork

WIDE_DAYS = 45  # items whose dates span more than this are searched separately


def now() -> datetime:
    return datetime.now(UTC)


def report_row(report: Report, added_at: datetime) -> dict[str, Any]:
    return {
        "id": report.id,
        "text": report.text,
        "language": report.language,
        "url": report.url,
        "outlet": report.outlet,
        "published_at": report.published_at,
        "published_method": report.published_method or "",
        "path": report.path,
        "extracted": [to_dict(i) for i in report.incidents],
        "added_at": added_at,
    }


def report_from_row(row: Any) -> Report:
    return Report(
        id=row.id,
        text=row.text,
        language=row.language,
        url=row.url,
        outlet=row.outlet,
        published_at=row.published_at,
        published_method=row.published_method,
        path=row.path,
        incidents=[extracted_from(i) for i in row.extracted],
    )


def lines_at(location: Location | None, network: RailNetwork | None) -> list[str]:
    """The network lines a location lies on (section's line, a node's lines, a named line)."""
    if location is None:
        return []
    if location.precision == "line":
        return [location.name]
    if network is None or location.id is None:
        return []
    sid = None
    if location.kind == "section":
        sid = location.id
    elif location.kind == "structure" and location.id in network.structures.index:
        sid = str(network.structures.at[location.id, "section"])
    if sid is not None and sid in network.sections.index:
        return [str(network.sections.at[sid, "line"])]
    if location.kind == "node" and location.id in network.nodes.index:
        if "lines" in network.nodes.columns:
            value = network.nodes.at[location.id, "lines"]
            if isinstance(value, str) and value:
                return [part.strip() for part in value.split(";") if part.strip()]
        ends = network.sections[
            (network.sections["from"] == location.id) | (network.sections["to"] == location.id)
        ]
        return sorted({str(line) for line in ends["line"]})
    return []


def item_row(
    item: Item, incident_id: str, score: PairScore | None, lines: list[str], added_at: datetime
) -> dict[str, Any]:
    span = date_span(item)
    loc = item.location
    return {
        "report_id": item.report.id,
        "idx": item.index,
        "incident_id": incident_id,
        "type": item.extracted.type,
        "is_restoration": item.is_restoration,
        "span_start": span[0] if span else None,
        "span_end": span[1] if span else None,
        "wide": bool(span and (span[1] - span[0]).days > WIDE_DAYS),
        "lat": loc.lat if loc else None,
        "lon": loc.lon if loc else None,
        "precision": loc.precision if loc else None,
        "lines": "\n".join(lines),
        "extracted": to_dict(item.extracted),
        "location": to_dict(loc) if loc else None,
        "rule": "first" if score is None else score.rule,
        "score": 1.0 if score is None else score.score,
        "added_at": added_at,
    }


# the report columns an item needs for merging (not the text, which can be long)
REPORT_HEAD = [
    t.reports.c.id,
    t.reports.c.language,
    t.reports.c.url,
    t.reports.c.outlet,
    t.reports.c.published_at,
    t.reports.c.published_method,
    t.reports.c.path,
]


def item_from_row(row: Any) -> tuple[Item, PairScore | None]:
    """(Item, how it joined) from an items row joined with REPORT_HEAD."""
    report = Report(
        id=row.report_id,
        text="",
        language=row.language,
        url=row.url,
        outlet=row.outlet,
        published_at=row.published_at,
        published_method=row.published_method,
        path=row.path,
    )
    item = Item(report, row.idx, extracted_from(row.extracted), location_from(row.location))
    score = None if row.rule == "first" else PairScore(row.score, row.rule)
    return item, score


def select_items() -> sa.Select:
    return sa.select(t.items, *[c for c in REPORT_HEAD if c.name != "id"]).join(
        t.reports, t.reports.c.id == t.items.c.report_id
    )


# one stored item of an incident: the item, the score that joined it, its lines
Member = tuple[Item, PairScore | None, str]


def members(conn: Connection, incident_ids: list[str]) -> dict[str, list[Member]]:
    """Every incident's items, in merge order."""
    out: dict[str, list[Member]] = {i: [] for i in incident_ids}
    if not incident_ids:
        return out
    for row in conn.execute(select_items().where(t.items.c.incident_id.in_(incident_ids))):
        out[row.incident_id].append((*item_from_row(row), row.lines))
    for group in out.values():
        group.sort(key=lambda entry: entry[0].key)
    return out


def apply_corrections(incident: Incident, corrections: dict[str, Any]) -> Incident:
    """The incident with the reviewed values in place of the merged ones."""
    changes: dict[str, Any] = {}
    if "type" in corrections:
        changes["type"] = corrections["type"]
    if "occurred" in corrections:
        changes["occurred"] = date_value_from(corrections["occurred"])
    if "location" in corrections:
        changes["location"] = location_from(corrections["location"])
    if "lines" in corrections:
        changes["lines"] = list(corrections["lines"])
    if "restored_at" in corrections:
        changes["restored_at"] = date_value_from(corrections["restored_at"])
    if "effect" in corrections:
        changes["effect"] = corrections["effect"]
    return replace(incident, **changes)


def compose(
    incident_id: str,
    entries: list[Member],
    status: str,
    merged_into: str | None,
    corrections: dict[str, Any],
) -> Incident:
    """The incident as shown: merged from its items, with corrections and review status."""
    built = build_incident([(item, score) for item, score, _ in entries])
    lines = sorted({line for _, _, text in entries for line in text.split("\n") if line})
    built = replace(
        built,
        id=incident_id,
        lines=lines,
        status=status,
        merged_into=merged_into,
    )
    return apply_corrections(built, corrections)


def incident_columns(incident: Incident) -> dict[str, Any]:
    """The queryable columns of an incident (and its full payload)."""
    occurred, loc = incident.occurred, incident.location
    return {
        "type": incident.type,
        "status": incident.status,
        "merged_into": incident.merged_into,
        "date_start": occurred.start if occurred else None,
        "date_end": occurred.end if occurred else None,
        "lat": loc.lat if loc else None,
        "lon": loc.lon if loc else None,
        "location_kind": loc.kind if loc else None,
        "location_id": loc.id if loc else None,
        "precision": loc.precision if loc else None,
        "lines": "\n".join(incident.lines),
        "effect": incident.effect,
        "restored_at": incident.restored_at.start if incident.restored_at else None,
        "confidence": incident.confidence,
        "n_reports": len(incident.reports),
        "payload": to_dict(incident),
    }


def incident_from_row(row: Any) -> Incident:
    return incident_from(row.payload)


def rebuild(conn: Connection, incident_ids: list[str] | set[str]) -> list[Incident]:
    """Recompute incidents from their items (after ingest or review) and store them."""
    ids = sorted(set(incident_ids))
    if not ids:
        return []
    rows = {r.id: r for r in conn.execute(sa.select(t.incidents).where(t.incidents.c.id.in_(ids)))}
    groups = members(conn, ids)
    stamp = now()
    out = []
    for iid in ids:
        row = rows[iid]
        entries = groups[iid]
        if entries:
            incident = compose(iid, entries, row.status, row.merged_into, dict(row.corrections))
        else:
            # no items left (merged away or split empty): keep its last content, new status
            incident = replace(
                incident_from_row(row), status=row.status, merged_into=row.merged_into
            )
        conn.execute(
            t.incidents.update().where(t.incidents.c.id == iid),
            {**incident_columns(incident), "updated_at": stamp},
        )
        save_closure(conn, incident, stamp)
        out.append(incident)
    return out


def save_closure(conn: Connection, incident: Incident, stamp: datetime) -> None:
    """Keep the closure an incident implies (what the impact engine consumes) up to date."""
    loc = incident.location
    # rejected or merged incidents keep their row, inactive, so the rule sees no status here
    verdict = closure_verdict(incident.type, incident.effect, loc.kind if loc else None)
    exists = conn.execute(
        sa.select(t.closures.c.incident_id).where(t.closures.c.incident_id == incident.id)
    ).first()
    if loc is None or not loc.id or verdict is None:
        if exists:
            conn.execute(
                t.closures.update()
                .where(t.closures.c.incident_id == incident.id)
                .values(active=False, updated_at=stamp)
            )
        return
    values = {
        "feature_kind": loc.kind,
        "feature_id": loc.id,
        "capacity_left": verdict.remaining,
        "start": incident.occurred.start if incident.occurred else None,
        "end": closure_until(
            incident.effect,
            incident.restored_at.start if incident.restored_at else None,
            incident.occurred.end if incident.occurred else None,
        ),
        "active": incident.status not in ("rejected", "merged"),
        "updated_at": stamp,
    }
    if exists:
        conn.execute(t.closures.update().where(t.closures.c.incident_id == incident.id), values)
    else:
        conn.execute(t.closures.insert(), {"incident_id": incident.id, **values})


def place_key(location: Location) -> str:
    return hashlib.sha256(
        json.dumps(to_dict(location), sort_keys=True, ensure_ascii=False).encode()
    ).hexdigest()


def claim_rows(report: Report) -> list[dict[str, Any]]:
    rows = []
    for idx, extracted in enumerate(report.incidents):
        for claim_idx, claim in enumerate(extracted.claims):
            rows.append(
                {
                    "report_id": report.id,
                    "idx": idx,
                    "claim_idx": claim_idx,
                    "claimant": claim.claimant,
                    "stance": claim.stance,
                    "cause": claim.cause,
                    "sentence": claim.sentence,
                    "claimant_text": claim.claimant_text,
                }
            )
    return rows


def claim_from_row(row: Any) -> Claim:
    return Claim(
        claimant=row.claimant,
        stance=row.stance,
        cause=row.cause,
        sentence=row.sentence,
        report_id=row.report_id,
        claimant_text=row.claimant_text,
    )


def date_value(start: date, end: date | None = None, text: str = "reviewed") -> DateValue:
    end = end or start
    precision = "day" if start == end else "range"
    return DateValue(start, end, precision, "reviewed", text)
