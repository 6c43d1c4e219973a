"""Analyst review: confirm, reject, reopen, merge two, split one, correct, set restoration.

Every action writes one audit row per incident it changes (who, when, the fields given, the
incident before and after). Nothing is deleted: a merged-away incident keeps its row with
status "merged" and `merged_into`; a split moves reports' items to a new incident. Corrections
are stored apart from what merging computes, so they survive new reports joining the incident.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from railwatch.reports.codec import to_dict
from railwatch.reports.merge import _TYPE_ORDER
from railwatch.reports.model import DateValue, Location
from railwatch.store import schema as t
from railwatch.store.rows import date_value, incident_from_row, now, rebuild

ACTIONS = ("confirm", "reject", "reopen", "merge", "split", "correct", "restoration")
STATUS_OF = {"confirm": "confirmed", "reject": "rejected", "reopen": "unreviewed"}
INCIDENT_TYPES = tuple(_TYPE_ORDER)
LOCATION_FIELDS = ("kind", "id", "lat", "lon", "precision", "name", "via")


class ReviewError(ValueError):
    """A review action that cannot be applied (names the incident, action and field)."""


@dataclass(frozen=True)
class AuditEntry:
    """One change to one incident."""

    id: int
    incident_id: str
    action: str
    who: str
    at: datetime
    fields: dict[str, Any]
    before: dict[str, Any] | None
    after: dict[str, Any] | None


def audit_from_row(row: Any) -> AuditEntry:
    # SQLite hands back naive datetimes: they were written in UTC
    at = row.at if row.at.tzinfo else row.at.replace(tzinfo=UTC)
    return AuditEntry(
        row.id, row.incident_id, row.action, row.who, at, row.fields, row.before, row.after
    )


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Location | DateValue):
        return to_dict(value)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _load(conn: Connection, incident_id: str, action: str) -> Any:
    row = conn.execute(sa.select(t.incidents).where(t.incidents.c.id == incident_id)).first()
    if row is None:
        raise ReviewError(f"{action}: no incident {incident_id!r} in the store")
    if row.status == "merged":
        raise ReviewError(
            f"{action}: incident {incident_id} was merged into {row.merged_into}; review that one"
        )
    return row


def _date(value: Any, action: str, name: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise ReviewError(f"{action}: {name} must be a date YYYY-MM-DD, got {value!r}") from exc


def _record(
    conn: Connection,
    incident_id: str,
    action: str,
    who: str,
    fields: dict[str, Any],
    before: dict | None,
    after: dict | None,
    at: datetime,
) -> None:
    conn.execute(
        t.review_actions.insert().values(
            incident_id=incident_id,
            action=action,
            who=who,
            at=at,
            fields=_plain(fields),
            before=before,
            after=after,
        )
    )


def apply_review(
    conn: Connection, incident_id: str, action: str, who: str, fields: dict[str, Any]
) -> list[str]:
    """Apply one review action inside the caller's write transaction; return changed ids."""
    if action not in ACTIONS:
        raise ReviewError(f"unknown review action {action!r}: expected one of {', '.join(ACTIONS)}")
    if not who or not str(who).strip():
        raise ReviewError(f"{action}: who must name the reviewer")
    row = _load(conn, incident_id, action)
    before: dict[str, dict | None] = {incident_id: to_dict(incident_from_row(row))}
    at = now()
    changed = [incident_id]
    if action in STATUS_OF:
        _expect(fields, action, allowed=("note",))
        conn.execute(
            t.incidents.update()
            .where(t.incidents.c.id == incident_id)
            .values(status=STATUS_OF[action])
        )
    elif action == "correct":
        _expect(
            fields, action, allowed=("type", "location", "lines", "start", "end", "effect", "note")
        )
        corrections = dict(row.corrections)
        corrections.update(_corrections(fields, row))
        conn.execute(
            t.incidents.update()
            .where(t.incidents.c.id == incident_id)
            .values(corrections=corrections)
        )
    elif action == "restoration":
        _expect(fields, action, allowed=("restored_at", "note"), required=("restored_at",))
        day = _date(fields["restored_at"], action, "restored_at")
        corrections = dict(row.corrections)
        corrections["restored_at"] = to_dict(date_value(day)) if day else None
        conn.execute(
            t.incidents.update()
            .where(t.incidents.c.id == incident_id)
            .values(corrections=corrections)
        )
    elif action == "merge":
        _expect(fields, action, allowed=("other", "note"), required=("other",))
        other = str(fields["other"])
        if other == incident_id:
            raise ReviewError(f"merge: an incident cannot be merged with itself ({other})")
        other_row = _load(conn, other, action)
        before[other] = to_dict(incident_from_row(other_row))
        conn.execute(
            t.items.update().where(t.items.c.incident_id == other).values(incident_id=incident_id)
        )
        conn.execute(
            t.incidents.update()
            .where(t.incidents.c.id == other)
            .values(status="merged", merged_into=incident_id)
        )
        changed.append(other)
    elif action == "split":
        _expect(fields, action, allowed=("reports", "note"), required=("reports",))
        changed.append(_split(conn, incident_id, fields["reports"], at))
        before[changed[-1]] = None
    after = {i.id: to_dict(i) for i in rebuild(conn, changed)}
    for iid in changed:
        _record(conn, iid, action, str(who), fields, before.get(iid), after.get(iid), at)
    return changed


def _expect(
    fields: dict[str, Any], action: str, *, allowed: tuple[str, ...], required: tuple[str, ...] = ()
) -> None:
    unknown = sorted(set(fields) - set(allowed))
    if unknown:
        raise ReviewError(
            f"{action}: unknown field(s) {', '.join(unknown)}; expected {', '.join(allowed)}"
        )
    missing = [name for name in required if name not in fields]
    if missing:
        raise ReviewError(f"{action}: missing field(s) {', '.join(missing)}")


def _corrections(fields: dict[str, Any], row: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if "type" in fields:
        if fields["type"] not in INCIDENT_TYPES:
            raise ReviewError(
                f"correct: type must be one of {', '.join(INCIDENT_TYPES)}, got {fields['type']!r}"
            )
        out["type"] = fields["type"]
    if "effect" in fields:
        out["effect"] = fields["effect"]
    if "location" in fields:
        loc = fields["location"]
        data = to_dict(loc) if isinstance(loc, Location) else dict(loc or {})
        missing = [name for name in ("kind", "precision", "name") if not data.get(name)]
        if missing:
            raise ReviewError(f"correct: location needs {', '.join(missing)}")
        out["location"] = {name: data.get(name) for name in LOCATION_FIELDS}
        out["location"]["via"] = data.get("via") or "set by a reviewer"
        out["lines"] = list(fields.get("lines") or [])
    elif "lines" in fields:
        out["lines"] = list(fields["lines"])
    if "start" in fields or "end" in fields:
        start = _date(fields.get("start"), "correct", "start") or row.date_start
        end = _date(fields.get("end"), "correct", "end") or (
            start if "start" in fields else row.date_end
        )
        if start is None:
            raise ReviewError("correct: start is needed for an incident without a date")
        if end < start:
            raise ReviewError(f"correct: end ({end}) is before start ({start})")
        out["occurred"] = to_dict(date_value(start, end))
    return out


def _split(conn: Connection, incident_id: str, reports: Any, at: datetime) -> str:
    wanted = [reports] if isinstance(reports, str) else list(reports or [])
    present = {
        rid
        for (rid,) in conn.execute(
            sa.select(t.items.c.report_id).where(t.items.c.incident_id == incident_id).distinct()
        )
    }
    chosen = set()
    for rid in wanted:
        # a unique prefix of a report id is enough, as the CLI shows 8 characters
        matches = [p for p in present if p.startswith(str(rid))]
        if len(matches) != 1:
            raise ReviewError(
                f"split: report {rid!r} is {'ambiguous' if matches else 'not'} in incident "
                f"{incident_id}"
            )
        chosen.add(matches[0])
    if not chosen or chosen == present:
        raise ReviewError(
            f"split: name some but not all of the incident's {len(present)} report(s)"
        )
    count = conn.execute(
        sa.select(sa.func.count())
        .select_from(t.review_actions)
        .where(t.review_actions.c.incident_id == incident_id)
    ).scalar_one()
    seed = f"split:{incident_id}:{count}:{','.join(sorted(chosen))}"
    new_id = "inc-" + hashlib.sha256(seed.encode()).hexdigest()[:12]
    row = conn.execute(sa.select(t.incidents).where(t.incidents.c.id == incident_id)).one()
    conn.execute(
        t.incidents.insert().values(
            id=new_id,
            status="unreviewed",
            origin="split",
            type=row.type,
            lines="",
            confidence=0.0,
            n_reports=0,
            corrections={},
            payload={},
            created_at=at,
            updated_at=at,
        )
    )
    conn.execute(
        t.items.update()
        .where(t.items.c.incident_id == incident_id, t.items.c.report_id.in_(sorted(chosen)))
        .values(incident_id=new_id, rule=f"split from {incident_id}", score=1.0)
    )
    return new_id
