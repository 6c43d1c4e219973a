"""Adding one report to the store: place it, find the incidents it may join, merge, write.

The cost depends on how many stored items lie near the report in time, type and place, not
on the size of the store: `merge.candidate_bounds` says which stored items could possibly
merge (everything outside is vetoed by `merge.pair_score`), an indexed query fetches only
their incidents, and `merge.best_cluster` applies the same joining rule as batch merging.
An incident keeps the id it was created with, so ids never change as reports arrive.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from railwatch.reports.merge import (
    COARSE_PRECISIONS,
    DEFAULT_THRESHOLD,
    DEFAULT_WINDOW_DAYS,
    CandidateBounds,
    Item,
    best_cluster,
    candidate_bounds,
    incident_id,
    place_items,
)
from railwatch.reports.model import Report
from railwatch.store import schema as t
from railwatch.store.rows import (
    WIDE_DAYS,
    claim_rows,
    item_row,
    lines_at,
    members,
    now,
    place_key,
    rebuild,
    report_row,
)

if TYPE_CHECKING:
    from railwatch.network import RailNetwork


@dataclass
class IngestResult:
    """What an ingest did: reports added, reports already stored, incidents created or changed."""

    new: list[str] = field(default_factory=list)
    existing: list[str] = field(default_factory=list)
    incidents: list[str] = field(default_factory=list)


@dataclass
class PlacedReport:
    """A report with its incidents placed (done before the write transaction: it is slow)."""

    report: Report
    items: list[Item]
    lines: list[list[str]]


def place_report(report: Report, network: RailNetwork) -> PlacedReport:
    items = place_items([report], network)
    return PlacedReport(report, items, [lines_at(i.location, network) for i in items])


def insert_ignore(conn: Connection, table: sa.Table, values: dict) -> bool:
    """INSERT unless the primary key exists (ON CONFLICT DO NOTHING); True if inserted."""
    from sqlalchemy.dialects import postgresql, sqlite

    # RETURNING, not rowcount: psycopg reports -1 for a skipped row. The values go as
    # parameters, so the statement is compiled once and cached, whatever the text.
    key = next(iter(table.primary_key.columns))
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    statement = dialect.insert(table).on_conflict_do_nothing().returning(key)
    return conn.execute(statement, values).first() is not None


def candidate_incidents(conn: Connection, bounds: CandidateBounds) -> list[str]:
    """Ids of incidents with at least one item inside `bounds` (indexed queries only)."""
    c = t.items.c
    shared = []
    if bounds.types is not None:
        shared.append(sa.or_(c.is_restoration, c.type.in_(sorted(bounds.types))))
    if bounds.box is not None:
        south, west, north, east = bounds.box
        inside = [c.lat.between(south, north)]
        if west >= -180 and east <= 180:
            inside.append(c.lon.between(west, east))
        shared.append(
            sa.or_(c.lat.is_(None), c.lon.is_(None), c.precision.in_(COARSE_PRECISIONS))
            | sa.and_(*inside)
        )
    dated: list = []
    if bounds.events is None or bounds.restorations is None:
        dated = [sa.true()]
    else:
        for restoration, (first, last) in ((False, bounds.events), (True, bounds.restorations)):
            # every condition leads with (is_restoration, wide): the columns of the index
            kind, narrow, wide = (
                c.is_restoration.is_(restoration),
                c.wide.is_(False),
                c.wide.is_(True),
            )
            dated += [
                sa.and_(kind, narrow, c.span_start.is_(None)),  # undated: may merge with any
                # ordinary items span at most WIDE_DAYS: a bounded range scan of the index
                sa.and_(
                    kind,
                    narrow,
                    c.span_start.between(first - timedelta(days=WIDE_DAYS), last),
                    c.span_end >= first,
                ),
                sa.and_(kind, wide, c.span_start <= last, c.span_end >= first),
            ]
    # one statement, one index range per part
    query = sa.union(*[sa.select(c.incident_id).where(condition, *shared) for condition in dated])
    return sorted(iid for (iid,) in conn.execute(query))


def add_report(
    conn: Connection,
    placed: PlacedReport,
    network: RailNetwork,
    radius_km: float,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    window_days: int = DEFAULT_WINDOW_DAYS,
) -> list[str] | None:
    """Store one placed report and merge its incidents; None when it was already stored.

    Runs inside the caller's write transaction.
    """
    stamp = now()
    if not insert_ignore(conn, t.reports, report_row(placed.report, stamp)):
        return None
    claims = claim_rows(placed.report)
    if claims:
        conn.execute(t.claims.insert(), claims)
    touched: dict[str, None] = {}
    for item, lines in zip(placed.items, placed.lines, strict=True):
        bounds = candidate_bounds(item, radius_km, window_days=window_days)
        ids = candidate_incidents(conn, bounds)
        groups = members(conn, ids)
        clusters = [[(member, score) for member, score, _ in groups[i]] for i in ids]
        best = best_cluster(item, clusters, network, threshold=threshold, window_days=window_days)
        if best is None:
            target, score = incident_id(item.report.id, item.index), None
            conn.execute(
                t.incidents.insert().values(
                    id=target,
                    status="unreviewed",
                    origin="ingest",
                    type=item.extracted.type,
                    lines="",
                    confidence=0.0,
                    n_reports=0,
                    corrections={},
                    payload={},
                    created_at=stamp,
                    updated_at=stamp,
                )
            )
        else:
            target, score = ids[best[0]], best[1]
        conn.execute(t.items.insert(), item_row(item, target, score, lines, stamp))
        if item.location is not None:
            loc = item.location
            insert_ignore(
                conn,
                t.places,
                {
                    "key": place_key(loc),
                    "kind": loc.kind,
                    "feature_id": loc.id,
                    "name": loc.name,
                    "precision": loc.precision,
                    "lat": loc.lat,
                    "lon": loc.lon,
                },
            )
        touched[target] = None
    rebuild(conn, list(touched))
    return list(touched)
