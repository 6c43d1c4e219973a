"""`Store`: the database behind railwatch (see the package docstring), and `open_store`."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from railwatch.reports.incident_store import default_data_dir
from railwatch.reports.merge import DEFAULT_THRESHOLD, DEFAULT_WINDOW_DAYS, match_radius_km
from railwatch.reports.model import Claim, Incident, Report
from railwatch.store import schema as t
from railwatch.store.engine import (
    StoreError,
    make_engine,
    read_transaction,
    resolve_url,
    safe_url,
    upgrade,
    write_transaction,
)
from railwatch.store.filters import IncidentFilter, incident_query, within
from railwatch.store.ingest import IngestResult, add_report, place_report
from railwatch.store.review import AuditEntry, apply_review, audit_from_row
from railwatch.store.rows import claim_from_row, incident_from_row, report_from_row
from railwatch.store.transfer import (
    LEGACY_FILE,
    import_export,
    import_legacy,
    legacy_marker,
    read_json,
)
from railwatch.store.transfer import export as export_document

if TYPE_CHECKING:
    from railwatch.network import RailNetwork


@dataclass
class IncidentDetail:
    """One incident with the reports it was built from, its claims and its review history."""

    incident: Incident
    reports: list[Report]
    claims: list[Claim]
    audit: list[AuditEntry] = field(default_factory=list)


class Store:
    """Reports, incidents and reviews in one database (SQLite or PostgreSQL)."""

    def __init__(self, engine: Engine, url: str):
        self.engine = engine
        self.url = url

    def __repr__(self) -> str:
        return f"Store({safe_url(self.url)!r})"

    @property
    def location(self) -> str:
        """Where the data is, for people (file path or URL without password)."""
        if self.url.startswith("sqlite"):
            return str(sa.engine.make_url(self.url).database)
        return safe_url(self.url)

    def close(self) -> None:
        self.engine.dispose()

    # ---- ingest ------------------------------------------------------------------------

    def ingest(
        self,
        reports: list[Report],
        *,
        network: RailNetwork,
        threshold: float = DEFAULT_THRESHOLD,
        window_days: int = DEFAULT_WINDOW_DAYS,
    ) -> IngestResult:
        """Add reports, one transaction each; a report already stored (same id) is skipped."""
        result = IngestResult()
        radius = match_radius_km(network)
        touched: dict[str, None] = {}
        for report in {r.id: r for r in reports}.values():
            if self._has_report(report.id):
                result.existing.append(report.id)
                continue
            placed = place_report(report, network)  # slow part, outside the transaction
            with self._errors(), write_transaction(self.engine) as conn:
                ids = add_report(
                    conn, placed, network, radius, threshold=threshold, window_days=window_days
                )
            if ids is None:  # another writer stored it since we looked
                result.existing.append(report.id)
            else:
                result.new.append(report.id)
                touched.update(dict.fromkeys(ids))
        result.incidents = list(touched)
        return result

    def _has_report(self, report_id: str) -> bool:
        with self._errors(), read_transaction(self.engine) as conn:
            query = sa.select(t.reports.c.id).where(t.reports.c.id == report_id)
            return conn.execute(query).first() is not None

    # ---- reading -----------------------------------------------------------------------

    def incidents(self, filters: IncidentFilter | None = None) -> list[Incident]:
        """Incidents that pass `filters` (all but merged-away ones by default), sorted."""
        filters = filters or IncidentFilter()
        with self._errors(), read_transaction(self.engine) as conn:
            rows = conn.execute(incident_query(filters))
            found = [incident_from_row(r) for r in rows if within(filters, r.lat, r.lon)]
        if filters.near is not None:
            found = found[filters.offset :]
            if filters.limit is not None:
                found = found[: filters.limit]
        return found

    def count(self, filters: IncidentFilter | None = None) -> int:
        """How many incidents pass `filters` (ignoring limit and offset)."""
        filters = filters or IncidentFilter()
        unbounded = IncidentFilter(**{**filters.__dict__, "limit": None, "offset": 0})
        with self._errors(), read_transaction(self.engine) as conn:
            if filters.near is None:
                query = incident_query(unbounded).with_only_columns(sa.func.count()).order_by(None)
                return int(conn.execute(query).scalar_one())
            rows = conn.execute(incident_query(unbounded))
            return sum(1 for r in rows if within(filters, r.lat, r.lon))

    def incident(self, incident_id: str) -> IncidentDetail | None:
        """One incident (merged-away ones too) with its reports, claims and audit; or None."""
        with self._errors(), read_transaction(self.engine) as conn:
            row = conn.execute(
                sa.select(t.incidents).where(t.incidents.c.id == incident_id)
            ).first()
            if row is None:
                return None
            incident = incident_from_row(row)
            reports = self._reports(conn, incident.reports)
            keys = conn.execute(
                sa.select(t.items.c.report_id, t.items.c.idx).where(
                    t.items.c.incident_id == incident_id
                )
            ).all()
            claims: list[Claim] = []
            if keys:
                pairs = sa.tuple_(t.claims.c.report_id, t.claims.c.idx).in_(
                    [tuple(k) for k in keys]
                )
                query = (
                    sa.select(t.claims)
                    .where(pairs)
                    .order_by(t.claims.c.report_id, t.claims.c.idx, t.claims.c.claim_idx)
                )
                claims = [claim_from_row(r) for r in conn.execute(query)]
            audit = self._audit(conn, incident_id)
        return IncidentDetail(incident, reports, claims, audit)

    def reports(self, ids: list[str] | None = None) -> list[Report]:
        """Stored reports: the given ids (unknown ones left out), or all in the order added."""
        with self._errors(), read_transaction(self.engine) as conn:
            if ids is not None:
                return self._reports(conn, ids)
            query = sa.select(t.reports).order_by(t.reports.c.added_at, t.reports.c.id)
            return [report_from_row(r) for r in conn.execute(query)]

    def _reports(self, conn: Any, ids: list[str]) -> list[Report]:
        if not ids:
            return []
        rows = conn.execute(sa.select(t.reports).where(t.reports.c.id.in_(list(ids))))
        by_id = {r.id: report_from_row(r) for r in rows}
        return [by_id[i] for i in ids if i in by_id]

    def incidents_of_reports(self, report_ids: list[str]) -> list[Incident]:
        """The current incidents that hold any of these reports."""
        if not report_ids:
            return []
        with self._errors(), read_transaction(self.engine) as conn:
            ids = sa.select(t.items.c.incident_id).where(t.items.c.report_id.in_(report_ids))
            query = (
                sa.select(t.incidents)
                .where(t.incidents.c.id.in_(ids))
                .order_by(t.incidents.c.date_start, t.incidents.c.id)
            )
            return [incident_from_row(r) for r in conn.execute(query)]

    def closures(self, *, active_only: bool = True) -> list[dict[str, Any]]:
        """The closures the incidents imply: feature, capacity left, start, end, incident."""
        with self._errors(), read_transaction(self.engine) as conn:
            query = sa.select(t.closures).order_by(t.closures.c.start, t.closures.c.incident_id)
            if active_only:
                query = query.where(t.closures.c.active)
            return [dict(r._mapping) for r in conn.execute(query)]

    # ---- review ------------------------------------------------------------------------

    def review(self, incident_id: str, action: str, *, who: str, **fields: Any) -> list[Incident]:
        """Apply a review action (see railwatch.store.review); the incidents it changed.

        confirm / reject / reopen [note]; merge other=ID (ID joins this incident);
        split reports=[IDS] (they move to a new incident, returned second);
        correct [type, location, lines, start, end, effect]; restoration restored_at=DATE|None.
        """
        with self._errors(), write_transaction(self.engine) as conn:
            changed = apply_review(conn, incident_id, action, who, fields)
            rows = conn.execute(sa.select(t.incidents).where(t.incidents.c.id.in_(changed)))
            by_id = {r.id: incident_from_row(r) for r in rows}
        return [by_id[i] for i in changed]

    def audit(self, incident_id: str) -> list[AuditEntry]:
        """Every review of this incident, oldest first."""
        with self._errors(), read_transaction(self.engine) as conn:
            return self._audit(conn, incident_id)

    def _audit(self, conn: Any, incident_id: str) -> list[AuditEntry]:
        query = (
            sa.select(t.review_actions)
            .where(t.review_actions.c.incident_id == incident_id)
            .order_by(t.review_actions.c.id)
        )
        return [audit_from_row(r) for r in conn.execute(query)]

    # ---- export and import -------------------------------------------------------------

    def export_counts(self) -> dict[str, int]:
        """How many reports, incidents, claims, closures and review rows the store holds."""
        tables = {
            "reports": t.reports,
            "incidents": t.incidents,
            "claims": t.claims,
            "closures": t.closures,
            "reviews": t.review_actions,
        }
        with self._errors(), read_transaction(self.engine) as conn:
            return {
                name: int(conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one())
                for name, table in tables.items()
            }

    def export(self) -> dict[str, Any]:
        """Everything (reports, placing, incidents, reviews, audit) as one JSON-ready dict."""
        with self._errors(), read_transaction(self.engine) as conn:
            return export_document(conn)

    def import_(
        self, data: dict[str, Any] | str | Path, *, network: RailNetwork | None = None
    ) -> dict[str, int]:
        """Add an export (dict or JSON file) or a railwatch 0.1 `reports.json`; counts added.

        All or nothing: a document with an error adds nothing. The 0.1 format needs a network
        to place its reports again (default: the embedded corridor).
        """
        if isinstance(data, str | Path):
            data = read_json(Path(data))
        with self._errors(), write_transaction(self.engine) as conn:
            if isinstance(data, dict) and "format" in data:
                return import_export(conn, data)
            if network is None:
                from railwatch.network import default_network

                network = default_network()
            return import_legacy(conn, data, network)

    def import_legacy_file(self, path: Path) -> dict[str, int] | None:
        """Import a 0.1 `reports.json` unless this very file was imported before."""
        marker = legacy_marker(path)
        with self._errors(), read_transaction(self.engine) as conn:
            if conn.execute(sa.select(t.meta).where(t.meta.c.key == marker)).first():
                return None
        data = read_json(path)
        from railwatch.network import default_network

        network = default_network()
        with self._errors(), write_transaction(self.engine) as conn:
            if conn.execute(sa.select(t.meta).where(t.meta.c.key == marker)).first():
                return None  # another process imported it meanwhile
            counts = import_legacy(conn, data, network)
            conn.execute(t.meta.insert().values(key=marker, value=json.dumps(counts)))
        return counts

    # ---- errors ------------------------------------------------------------------------

    def _errors(self) -> _translate_errors:
        return _translate_errors(self)


class _translate_errors:
    """Database failures become StoreError naming the database."""

    def __init__(self, store: Store):
        self.store = store

    def __enter__(self) -> None:
        return None

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc is not None and isinstance(exc, SQLAlchemyError):
            detail = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
            raise StoreError(f"{self.store.location}: database error: {detail}") from exc


def open_store(url: str | None = None, *, data_dir: Path | None = None) -> Store:
    """Open (and create or upgrade) the store.

    `url` or $RAILWATCH_DATABASE_URL names a database (sqlite:///PATH or
    postgresql+psycopg://...); otherwise it is `railwatch.sqlite` in `data_dir` (default:
    $RAILWATCH_DATA_DIR or the user data directory). The first time a SQLite store opens in a
    data directory holding the JSON incident file of railwatch 0.1, that file is imported
    (and left in place).
    """
    directory = Path(data_dir) if data_dir is not None else default_data_dir()
    resolved = resolve_url(url, directory)
    engine = make_engine(resolved)
    store = Store(engine, resolved)
    try:
        upgrade(engine)
    except SQLAlchemyError as exc:
        engine.dispose()
        detail = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        raise StoreError(f"{store.location}: cannot open the store: {detail}") from exc
    legacy = directory / LEGACY_FILE
    if resolved.startswith("sqlite") and legacy.is_file():
        store.import_legacy_file(legacy)
    return store
