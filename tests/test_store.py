"""The database store on both backends: ingest, idempotency, filters, review with audit,
export and import, the one-time import of the 0.1 JSON file, migrations."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest
import sqlalchemy as sa

from railwatch.reports.codec import to_dict
from railwatch.reports.merge import merge_reports
from railwatch.reports.model import Claim
from railwatch.store import (
    FilterError,
    IncidentFilter,
    ReviewError,
    StoreImportError,
    open_store,
)
from railwatch.store import schema as t
from railwatch.store.filters import within
from reportfixtures import day, incident, mention, report, severomuysky_reports
from reportnet import bam_network
from storefixtures import backend_url

NET = bam_network()
BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path, monkeypatch):
    monkeypatch.delenv("RAILWATCH_DATABASE_URL", raising=False)
    with backend_url(request.param, tmp_path) as url:
        opened = open_store(url, data_dir=tmp_path)
        yield opened
        opened.close()


def scattered_reports():
    """Four separate events on the small BAM network, on different days, places and types."""
    return [
        report(
            "Пожар в Северомуйском тоннеле 29 ноября.",
            [incident("fire", day("2023-11-29"), [mention("Северомуйском тоннеле", "structure")])],
            published="2023-11-30",
            outlet="A",
        ),
        report(
            "Derailment near Taksimo on 10 January.",
            [incident("derailment", day("2024-01-10"), [mention("Taksimo", "station")])],
            published="2024-01-11",
            outlet="B",
            language="en",
        ),
        report(
            "Explosion near Chita on 5 March.",
            [incident("explosion", day("2024-03-05"), [mention("Chita", "station")])],
            published="2024-03-06",
            outlet="C",
            language="en",
        ),
        report(
            "Arson near Severobaikalsk, 20 June.",
            [
                incident(
                    "arson",
                    day("2024-06-20"),
                    [mention("Severobaikalsk", "station")],
                    effect="delayed",
                )
            ],
            published="2024-06-21",
            outlet="D",
            language="en",
        ),
    ]


def ids_of(found):
    return [i.id for i in found]


def test_ingest_is_idempotent_and_keeps_every_source(store):
    reports = severomuysky_reports()
    first = store.ingest(reports, network=NET)
    assert first.new == [r.id for r in reports] and first.existing == []
    before = store.export()
    again = store.ingest(reports + reports, network=NET)
    assert again.new == [] and again.existing == [r.id for r in reports]
    assert store.export() == before
    (only,) = store.incidents()
    assert sorted(only.reports) == sorted(r.id for r in reports)
    assert {c.claimant for c in only.claims} == {"ОАО РЖД", "SBU", "Russian Railways"}
    assert only.location.id == "bam:severomuysky_tunnel"
    assert only.lines == ["BAM (Severomuysky Tunnel route)"]
    detail = store.incident(only.id)
    assert [r.id for r in detail.reports] == only.reports
    assert {c.stance for c in detail.claims} == {"asserts", "denies"}
    assert store.export_counts()["reports"] == 3


def test_ingest_in_merge_order_gives_the_batch_merge(store):
    """Reports arriving in publication order give exactly what merging them all at once does."""
    reports = severomuysky_reports() + scattered_reports()
    ordered = sorted(reports, key=lambda r: (r.published_at, r.id))
    for one in ordered:
        store.ingest([one], network=NET)
    stored = [replace(i, lines=[]) for i in store.incidents()]  # lines: the store's addition
    assert stored == merge_reports(reports, NET)


def test_incident_ids_do_not_change_when_an_earlier_report_arrives(store):
    late, early = severomuysky_reports()[2], severomuysky_reports()[0]
    store.ingest([late], network=NET)
    (first,) = store.incidents()
    store.ingest([early], network=NET)
    (merged,) = store.incidents()
    assert merged.id == first.id
    assert sorted(merged.reports) == sorted([late.id, early.id])


def test_filters(store):
    store.ingest(severomuysky_reports() + scattered_reports(), network=NET)
    every = {i.type: i.id for i in store.incidents()}
    assert set(every) == {"fire", "derailment", "explosion", "arson"}  # tunnel: fire wins 2:1
    by = lambda **kw: ids_of(store.incidents(IncidentFilter(**kw)))  # noqa: E731
    assert by() == [every[k] for k in ("fire", "derailment", "explosion", "arson")]
    assert by(sort="-date") == [every[k] for k in ("arson", "explosion", "derailment", "fire")]
    assert by(sort="-reports")[0] == every["fire"]
    assert by(since=date(2024, 1, 1)) == [every[k] for k in ("derailment", "explosion", "arson")]
    assert by(until=date(2024, 1, 10)) == [every["fire"], every["derailment"]]
    assert by(since=date(2024, 1, 11), until=date(2024, 3, 5)) == [every["explosion"]]
    assert by(type="explosion") == [every["explosion"]]
    assert by(line="trans-sib") == [every["explosion"]]  # Chita is on the Trans-Siberian
    assert by(line="BAM") == [every[k] for k in ("fire", "derailment", "arson")]
    # Taksimo (114.89, 56.34): the tunnel is ~90 km west, Chita ~480 km south
    assert by(near=(114.892, 56.339, 20)) == [every["derailment"]]
    assert by(near=(114.892, 56.339, 120)) == [every["fire"], every["derailment"]]
    assert by(bbox=(107.0, 51.0, 115.0, 53.0)) == [every["explosion"]]
    assert by(limit=2, offset=1) == [every["derailment"], every["explosion"]]
    assert store.count(IncidentFilter(line="BAM", limit=1)) == 3
    store.review(every["arson"], "reject", who="ann")
    assert by(status="rejected") == [every["arson"]]
    assert every["arson"] in by()  # rejected incidents stay listed unless filtered
    with pytest.raises(FilterError, match="sort"):
        store.incidents(IncidentFilter(sort="size"))
    with pytest.raises(FilterError, match="bbox"):
        store.incidents(IncidentFilter(bbox=(120, 50, 110, 60)))
    with pytest.raises(FilterError, match="since"):
        store.incidents(IncidentFilter(since=date(2024, 2, 1), until=date(2024, 1, 1)))


def test_review_actions_are_audited_and_nothing_is_deleted(store):
    store.ingest(severomuysky_reports() + scattered_reports(), network=NET)
    every = {i.type: i.id for i in store.incidents()}
    fire, derail = every["fire"], every["derailment"]

    (confirmed,) = store.review(fire, "confirm", who="ann", note="two outlets")
    assert confirmed.status == "confirmed"
    (corrected,) = store.review(
        derail, "correct", who="bob", type="collision", start="2024-01-09", end="2024-01-10"
    )
    assert corrected.type == "collision"
    assert (corrected.occurred.start, corrected.occurred.end) == (
        date(2024, 1, 9),
        date(2024, 1, 10),
    )
    (restored,) = store.review(fire, "restoration", who="ann", restored_at="2023-12-03")
    assert restored.restored_at.start == date(2023, 12, 3)

    merged = store.review(fire, "merge", who="cy", other=derail)
    assert [m.id for m in merged] == [fire, derail]
    assert merged[1].status == "merged" and merged[1].merged_into == fire
    assert derail not in ids_of(store.incidents())
    assert ids_of(store.incidents(IncidentFilter(status="merged"))) == [derail]
    assert len(merged[0].reports) == 5  # four tunnel reports and the derailment

    derail_report = scattered_reports()[1].id
    parent, child = store.review(fire, "split", who="dee", reports=[derail_report[:10]])
    assert derail_report not in parent.reports and child.reports == [derail_report]
    assert child.status == "unreviewed" and child.id not in (fire, derail)

    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(sa.func.count()).select_from(t.incidents)).scalar_one()
    assert rows == 5  # four ingested + one split off; the merged one kept

    audit = store.audit(fire)
    assert [(a.action, a.who) for a in audit] == [
        ("confirm", "ann"),
        ("restoration", "ann"),
        ("merge", "cy"),
        ("split", "dee"),
    ]
    assert audit[0].before["status"] == "unreviewed" and audit[0].after["status"] == "confirmed"
    assert audit[0].fields == {"note": "two outlets"}
    assert audit[1].before["restored_at"] is None
    assert audit[1].after["restored_at"]["start"] == "2023-12-03"
    assert all(a.at.tzinfo is not None for a in audit)
    (change,) = store.audit(derail)[:1]
    assert change.before["type"] == "derailment" and change.after["type"] == "collision"
    assert [a.action for a in store.audit(child.id)] == ["split"]
    assert store.audit(child.id)[0].before is None
    assert store.incident(fire).audit == audit


def test_review_errors_name_the_problem(store):
    store.ingest(severomuysky_reports(), network=NET)
    (only,) = store.incidents()
    with pytest.raises(ReviewError, match="unknown review action"):
        store.review(only.id, "delete", who="ann")
    with pytest.raises(ReviewError, match="who"):
        store.review(only.id, "confirm", who=" ")
    with pytest.raises(ReviewError, match="no incident 'inc-nope'"):
        store.review("inc-nope", "confirm", who="ann")
    with pytest.raises(ReviewError, match="type must be one of"):
        store.review(only.id, "correct", who="ann", type="meteor")
    with pytest.raises(ReviewError, match="end .* before start"):
        store.review(only.id, "correct", who="ann", start="2023-11-30", end="2023-11-01")
    with pytest.raises(ReviewError, match="some but not all"):
        store.review(only.id, "split", who="ann", reports=only.reports)
    with pytest.raises(ReviewError, match="itself"):
        store.review(only.id, "merge", who="ann", other=only.id)
    with pytest.raises(ReviewError, match="unknown field"):
        store.review(only.id, "confirm", who="ann", colour="red")
    assert store.audit(only.id) == []  # nothing half-applied


def test_reviews_survive_reingest_and_new_reports(store):
    reports = severomuysky_reports()
    store.ingest(reports[:2], network=NET)
    (inc,) = store.incidents()
    tunnel = {"kind": "node", "id": "okusikan", "lat": 56.28, "lon": 113.95}
    store.review(
        inc.id,
        "correct",
        who="ann",
        type="explosion",
        location={**tunnel, "precision": "near_node", "name": "Okusikan"},
        lines=["BAM"],
    )
    store.review(inc.id, "confirm", who="ann")
    store.ingest(reports[:2], network=NET)  # the same reports again
    store.ingest(reports[2:], network=NET)  # a new report joins the incident
    (after,) = store.incidents()
    assert after.id == inc.id and len(after.reports) == 3
    assert after.status == "confirmed" and after.type == "explosion"
    assert after.location.id == "okusikan" and after.lines == ["BAM"]
    assert ids_of(store.incidents(IncidentFilter(line="BAM", type="explosion"))) == [inc.id]


def test_export_import_round_trip(store, tmp_path):
    store.ingest(severomuysky_reports() + scattered_reports(), network=NET)
    every = {i.type: i.id for i in store.incidents()}
    store.review(every["fire"], "confirm", who="ann")
    store.review(every["explosion"], "merge", who="ann", other=every["derailment"])
    store.review(every["arson"], "correct", who="bob", type="fire", start="2024-06-19")
    document = json.loads(json.dumps(store.export()))  # survives JSON
    fresh = open_store(f"sqlite:///{tmp_path / 'copy.sqlite'}", data_dir=tmp_path)
    counts = fresh.import_(document)
    assert counts == {"reports": 7, "incidents": 4, "items": 7, "audit": 4}  # merge: 2 rows
    assert fresh.incidents() == store.incidents()
    assert fresh.incidents(IncidentFilter(status="merged")) == store.incidents(
        IncidentFilter(status="merged")
    )
    assert [a.action for a in fresh.audit(every["fire"])] == ["confirm"]
    assert [a.action for a in fresh.audit(every["derailment"])] == ["merge"]
    assert fresh.audit(every["arson"])[0].after["type"] == "fire"
    assert fresh.import_(document) == {"reports": 0, "incidents": 0, "items": 0, "audit": 0}
    # new reports merge with imported ones as they would have in the original store
    fresh.ingest([replace(severomuysky_reports()[0], id="x" * 64, text="other words")], network=NET)
    assert len(fresh.incident(every["fire"]).incident.reports) == 5
    broken = dict(document, reports=[{"id": "r"}])
    with pytest.raises(StoreImportError, match=r"reports\[0\]"):
        fresh.import_(broken)
    with pytest.raises(StoreImportError, match="railwatch-store"):
        fresh.import_({"format": "something-else", "version": 1})
    fresh.close()


def test_legacy_json_file_is_imported_once_with_nothing_lost(tmp_path, monkeypatch):
    monkeypatch.delenv("RAILWATCH_DATABASE_URL", raising=False)
    reports = severomuysky_reports() + scattered_reports()
    incidents = merge_reports(reports, NET)
    legacy = {
        "version": 1,
        "reports": [to_dict(r) for r in reports],
        "incidents": [to_dict(i) for i in incidents],
    }
    (tmp_path / "reports.json").write_text(json.dumps(legacy, ensure_ascii=False), "utf-8")
    store = open_store(data_dir=tmp_path)
    assert store.location == str(tmp_path / "railwatch.sqlite")
    assert store.reports() == reports
    assert store.incidents() == incidents  # ids, merge rules, claims: all as they were
    store.close()
    again = open_store(data_dir=tmp_path)  # a second open imports nothing
    assert again.export_counts()["reports"] == len(reports)
    assert (tmp_path / "reports.json").exists()  # the old file is left in place
    # a new report about the tunnel joins the imported incident
    extra = replace(reports[0], id="y" * 64, text="more words")
    again.ingest([extra], network=NET)
    tunnel = next(i for i in again.incidents() if i.id == incidents[0].id)
    assert "y" * 64 in tunnel.reports
    again.close()


def test_unreadable_legacy_file_names_it(tmp_path):
    from railwatch.store import StoreError

    (tmp_path / "reports.json").write_text("{not json", encoding="utf-8")
    with pytest.raises((StoreError, StoreImportError), match="reports.json"):
        open_store(f"sqlite:///{tmp_path / 'x.sqlite'}", data_dir=tmp_path)


def test_schema_of_the_migrations_matches_the_models(store):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from railwatch.store.engine import current_revision, head_revision

    assert current_revision(store.engine) == head_revision() == "0001"
    with store.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), t.metadata) == []


def test_closures_follow_incidents(store):
    reports = severomuysky_reports()
    store.ingest(reports, network=NET)
    (inc,) = store.incidents()
    (closure,) = store.closures()
    assert closure["feature_id"] == "bam:severomuysky_tunnel" and closure["capacity_left"] == 0
    assert closure["incident_id"] == inc.id and closure["end"] is None
    store.review(inc.id, "restoration", who="ann", restored_at="2023-12-02")
    assert store.closures()[0]["end"] == date(2023, 12, 2)
    store.review(inc.id, "reject", who="ann")
    assert store.closures() == []
    assert len(store.closures(active_only=False)) == 1


def test_report_text_is_stored_verbatim(store):
    nasty = report(
        "<script>alert(1)</script> Пожар в Северомуйском тоннеле '; DROP TABLE reports; --",
        [
            incident(
                "fire",
                day("2023-11-29"),
                [mention("Северомуйском тоннеле", "structure")],
                claims=[Claim("x'); --", "asserts", "accident", "<b>bold</b>")],
            )
        ],
    )
    store.ingest([nasty], network=NET)
    assert store.reports([nasty.id])[0].text == nasty.text
    (inc,) = store.incidents()
    assert inc.claims[0].claimant == "x'); --"


def test_near_filter_measures_like_the_network_in_lon_lat_order():
    """`near` uses the network's geodesic distance: a degree of latitude at the equator is
    110.574 km on WGS84 (a sphere would say 111.195), and the point is (lon, lat)."""
    assert within(IncidentFilter(near=(0.0, 0.0, 110.6)), 1.0, 0.0)
    assert not within(IncidentFilter(near=(0.0, 0.0, 110.55)), 1.0, 0.0)
    assert within(IncidentFilter(near=(100.0, 50.0, 0.001)), 50.0, 100.0)
    assert not within(IncidentFilter(near=(0.0, 0.0, 1.0)), None, 0.0)


def test_candidate_query_selects_only_nearby_incidents(store):
    """What keeps ingest cost flat: only incidents near in time, type and place are scored."""
    from railwatch.reports.merge import candidate_bounds, match_radius_km, place_items
    from railwatch.store.ingest import candidate_incidents

    store.ingest(severomuysky_reports() + scattered_reports(), network=NET)
    every = {i.type: i.id for i in store.incidents()}
    probe = report(
        "Fire at Chita, 6 March.",
        [incident("fire", day("2024-03-06"), [mention("Chita", "station")])],
        published="2024-03-07",
    )
    (item,) = place_items([probe], NET)
    bounds = candidate_bounds(item, match_radius_km(NET))
    with store.engine.connect() as conn:
        assert candidate_incidents(conn, bounds) == [every["explosion"]]
    late = replace(item, extracted=replace(item.extracted, occurred=day("2025-03-06")))
    with store.engine.connect() as conn:
        assert candidate_incidents(conn, candidate_bounds(late, match_radius_km(NET))) == []
