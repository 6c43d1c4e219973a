"""Merging reports into incidents: known answers on hand-built reports."""

from __future__ import annotations

import pytest

from railwatch.reports.merge import merge_reports, pair_score, place_items, type_score
from reportfixtures import day, incident, mention, report, severomuysky_reports
from reportnet import bam_network


@pytest.fixture(scope="module")
def net():
    return bam_network()


def test_three_outlets_one_incident_with_claims_side_by_side(net):
    reports = severomuysky_reports()
    incidents = merge_reports(reports, net)
    assert len(incidents) == 1
    inc = incidents[0]
    assert set(inc.reports) == {r.id for r in reports}
    assert inc.location.id == "bam:severomuysky_tunnel"
    assert inc.type == "fire"  # two of three reports say fire
    causes = {(c.claimant, c.stance, c.cause) for c in inc.claims}
    assert ("SBU", "asserts", "sabotage") in causes
    assert ("Russian Railways", "denies", "sabotage") in causes
    assert all(c.report_id for c in inc.claims)
    tanks = next(q for q in inc.quantities if q.kind == "tank_cars")
    assert (tanks.low, tanks.best, tanks.high) == (4, 5, 6)
    rules = [m["rule"] for m in inc.merge]
    assert rules[0] == "first"
    assert all("same_structure" in r for r in rules[1:])
    assert inc.confidence > 0.8


def test_same_station_months_apart_stays_two(net):
    a = report(
        "Пожар на станции Таксимо", [incident("fire", day("2023-03-02"), [mention("Таксимо")])]
    )
    b = report(
        "Пожар на станции Таксимо снова",
        [incident("fire", day("2023-07-15"), [mention("Таксимо")])],
    )
    assert len(merge_reports([a, b], net)) == 2


def test_consecutive_days_on_different_sections_stay_two(net):
    a = report(
        "Сход вагонов на перегоне Окусикан – Таксимо",
        [
            incident(
                "derailment", day("2023-12-01"), [mention("между Окусиканом и Таксимо", "section")]
            )
        ],
    )
    b = report(
        "Сход вагонов между Таксимо и Новой Чарой",
        [
            incident(
                "derailment", day("2023-12-02"), [mention("между Таксимо и Новой Чарой", "section")]
            )
        ],
    )
    incidents = merge_reports([a, b], net)
    assert sorted(i.location.id for i in incidents) == [
        "bam:okusikan-taksimo",
        "bam:taksimo-novaya_chara",
    ]


def test_tunnel_and_bypass_are_not_neighbours(net):
    a = report(
        "Взрыв в Северомуйском тоннеле",
        [incident("explosion", day("2023-11-29"), [mention("Северомуйском тоннеле")])],
    )
    b = report(
        "Взрыв на Чёртовом мосту",
        [incident("explosion", day("2023-12-01"), [mention("Чёртовом мосту")])],
    )
    assert len(merge_reports([a, b], net)) == 2


def test_restoration_report_ends_the_window(net):
    event = severomuysky_reports()[0]
    restored = report(
        "Движение через Северомуйский тоннель восстановлено 2 декабря.",
        [
            incident(
                "blockage",
                None,
                [mention("Северомуйский тоннель")],
                effect="resumed",
                restored_at=day("2023-12-02"),
            )
        ],
        published="2023-12-02",
    )
    incidents = merge_reports([event, restored], net)
    assert len(incidents) == 1
    assert incidents[0].restored_at.start.isoformat() == "2023-12-02"
    assert incidents[0].effect == "blocked_both"  # the closure itself is kept
    assert "restoration" in incidents[0].merge[1]["rule"]


def test_reingest_is_idempotent(net):
    reports = severomuysky_reports()
    once = merge_reports(reports, net)
    twice = merge_reports(reports + list(reversed(reports)), net)
    assert [i.id for i in once] == [i.id for i in twice]
    assert once == twice


def test_incompatible_types_do_not_merge(net):
    a = report(
        "Сход в тоннеле",
        [incident("derailment", day("2023-11-29"), [mention("Северомуйском тоннеле")])],
    )
    b = report(
        "Пожар в тоннеле", [incident("fire", day("2023-11-29"), [mention("Северомуйском тоннеле")])]
    )
    assert len(merge_reports([a, b], net)) == 2
    assert type_score("derailment", "fire") is None
    assert type_score("explosion", "drone_strike") == 0.8
    assert type_score("blockage", "derailment") == 0.6


def test_region_only_report_joins_a_placed_event_the_same_day(net):
    placed = severomuysky_reports()[1]
    vague = report(
        "В Бурятии взорвался поезд с топливом",
        [incident("explosion", day("2023-11-29"), [mention("Бурятии", "region")])],
        published="2023-11-30",
        outlet="Mash",
    )
    items = place_items([placed, vague], net)
    score = pair_score(items[0], items[1], net)
    assert score is not None and score.score >= 0.7
    assert "in_region" in score.rule
    incidents = merge_reports([placed, vague], net)
    assert len(incidents) == 1
    assert incidents[0].location.precision == "structure"


def test_undated_resumption_is_bounded_by_publication(net):
    event = severomuysky_reports()[0]
    later = report(
        "Движение через Северомуйский тоннель возобновлено.",
        [incident("fire", day("2023-11-29"), [mention("Северомуйский тоннель")], effect="resumed")],
        published="2023-12-03",
    )
    (only,) = merge_reports([event, later], net)
    assert only.restored_at.start.isoformat() == "2023-12-03"
    assert only.restored_at.method == "publication_fallback"
    assert only.effect == "blocked_both"


def test_one_report_telling_the_same_incident_twice_merges(net):
    twice = report(
        "Взрыв на Чёртовом мосту. Повторим: взрыв на Чёртовом мосту.",
        [
            incident("explosion", day("2023-11-30"), [mention("Чёртовом мосту")]),
            incident("explosion", day("2023-11-30"), [mention("Чёртов мост")]),
        ],
    )
    (only,) = merge_reports([twice], net)
    assert "duplicate_in_report" in only.merge[1]["rule"]
    two = report(
        "Взрыв на Чёртовом мосту и пожар в тоннеле.",
        [
            incident("explosion", day("2023-11-30"), [mention("Чёртовом мосту")]),
            incident("explosion", day("2023-11-30"), [mention("Северомуйском тоннеле")]),
        ],
    )
    assert len(merge_reports([two], net)) == 2
