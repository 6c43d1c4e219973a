"""Merging reports of one event that disagree a little: a follow-up that names no day, a
station on a long stretch, a region-level report a day off that gives the same count.
Hand-built reports and locations on the small test network."""

from __future__ import annotations

from datetime import date

import pytest

from railwatch.reports.merge import (
    Item,
    candidate_bounds,
    date_span,
    merge_reports,
    pair_score,
    same_counts,
)
from railwatch.reports.model import Location, Quantity
from reportfixtures import day, incident, mention, report
from reportnet import bam_network


@pytest.fixture(scope="module")
def net():
    return bam_network()


def _item(text: str, extracted, location: Location, published: str = "2023-12-01") -> Item:
    return Item(report(text, [extracted], published=published), 0, extracted, location)


TAKSIMO = Location("node", "taksimo", 56.339, 114.892, "near_node", "Taksimo", "test")
# on the 250 km Taksimo - Novaya Chara stretch, a third of the way along: 36 km from its
# midpoint, on its track
ON_THE_STRETCH = Location("point", None, 56.49, 116.0, "near_node", "a village", "test")
OFF_THE_STRETCH = Location("point", None, 56.85, 116.0, "near_node", "a village", "test")
STRETCH = Location(
    "section", "bam:taksimo-novaya_chara", 56.57, 116.58, "section", "Taksimo – Novaya Chara", "t"
)
BURYATIA = Location("point", None, 56.0, 113.0, "region", "Buryatia", "test")


def test_a_follow_up_without_a_day_joins_the_event_it_tells(net):
    breaking = report(
        "Сход вагонов на станции Таксимо",
        [incident("derailment", day("2023-12-01"), [mention("Таксимо")])],
        published="2023-12-01",
    )
    follow_up = report(
        "Названа причина схода вагонов на станции Таксимо",
        [incident("derailment", None, [mention("Таксимо")], effect=None)],
        published="2023-12-12",
    )
    (only,) = merge_reports([breaking, follow_up], net)
    assert "date_unknown_follow_up" in only.merge[1]["rule"]
    assert only.occurred.start == date(2023, 12, 1)
    # the store may not leave the event out of the follow-up's candidates
    item = _item("follow-up", follow_up.incidents[0], TAKSIMO, published="2023-12-12")
    assert date_span(item) is None and candidate_bounds(item, 100.0).events is None


def test_a_follow_up_does_not_join_an_event_after_its_publication(net):
    follow_up = report(
        "Названа причина схода вагонов на станции Таксимо",
        [incident("derailment", None, [mention("Таксимо")], effect=None)],
        published="2023-11-20",
    )
    later = report(
        "Сход вагонов на станции Таксимо",
        [incident("derailment", day("2023-12-01"), [mention("Таксимо")])],
        published="2023-12-01",
    )
    assert len(merge_reports([follow_up, later], net)) == 2


def test_a_place_on_a_long_stretch_is_measured_to_its_track(net):
    derailed = incident("derailment", day("2023-12-01"), [])
    on_track = pair_score(
        _item("the village", derailed, ON_THE_STRETCH), _item("the stretch", derailed, STRETCH), net
    )
    assert on_track is not None and on_track.score >= 0.9
    off_track = pair_score(
        _item("the village", derailed, OFF_THE_STRETCH),
        _item("the stretch", derailed, STRETCH),
        net,
    )
    assert off_track is None or off_track.score < 0.7


def test_the_same_count_carries_a_vaguer_report_a_day_off(net):
    wagons = [Quantity("wagons", 16, 16, 16, "16 wagons")]
    station = incident("derailment", day("2023-12-01"), [], quantities=wagons)
    region_same = incident("derailment", day("2023-12-02"), [], quantities=wagons)
    region_other = incident(
        "derailment", day("2023-12-02"), [], quantities=[Quantity("wagons", 3, 3, 3, "3")]
    )
    joined = pair_score(_item("a", station, TAKSIMO), _item("b", region_same, BURYATIA), net)
    assert joined is not None and joined.score >= 0.7 and "same_counts" in joined.rule
    apart = pair_score(_item("a", station, TAKSIMO), _item("c", region_other, BURYATIA), net)
    assert apart is not None and apart.score < 0.7
    # a count never joins different places
    far = Location("node", "chita", 52.03, 113.50, "near_node", "Chita", "test")
    assert pair_score(_item("a", station, TAKSIMO), _item("d", region_same, far), net) is None


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ({"wagons": (16, 16)}, {"wagons": (16, 16)}, True),
        ({"wagons": (16, 16)}, {"wagons": (20, 20)}, False),
        ({"wagons": (1, 1)}, {"wagons": (1, 1)}, False),  # one wagon is too common a count
        ({"wagons": (10, 20)}, {"wagons": (10, 20)}, False),  # "10 to 20" is no exact count
        ({"locomotives": (2, 2)}, {"wagons": (2, 2)}, False),
    ],
)
def test_same_counts_needs_one_exact_count_of_one_kind(a, b, expected):
    def extracted(counts):
        quantities = [Quantity(k, lo, lo, hi, "") for k, (lo, hi) in counts.items()]
        return incident("derailment", None, [], quantities=quantities)

    assert same_counts(extracted(a), extracted(b)) is expected


def test_same_casualties_of_two_or_more():
    a = incident("explosion", None, [])
    b = incident("explosion", None, [])
    a.casualties, b.casualties = {"killed": 3}, {"killed": 3, "injured": 1}
    assert same_counts(a, b)
    a.casualties, b.casualties = {"injured": 1}, {"injured": 1}
    assert not same_counts(a, b)


def _undated_report(text: str, extracted) -> object:
    found = report(text, [extracted])
    found.published_at, found.published_method = None, "unknown"
    return found


def test_a_day_without_a_year_in_an_undated_report_is_compared_by_day_and_month(net):
    dated = report(
        "Взрыв на станции Таксимо 1 мая 2023 года",
        [incident("explosion", day("2023-05-01"), [mention("Таксимо")])],
        published="2023-05-01",
    )
    # a copy with no publication date: "1 мая" was read as the current year
    guessed = _undated_report(
        "Взрыв на станции Таксимо 1 мая",
        incident("explosion", day("2026-05-02", "2 мая"), [mention("Таксимо")]),
    )
    (only,) = merge_reports([dated, guessed], net)
    assert "year_guessed" in only.merge[1]["rule"]
    assert only.occurred.start == date(2023, 5, 1)  # the dated report's year wins
    item = Item(guessed, 0, guessed.incidents[0], TAKSIMO)
    assert date_span(item) is None  # the store cannot bound a guessed year
    # a stated year is no guess: a different year stays a different event
    stated = _undated_report(
        "Взрыв на станции Таксимо 2 мая 2026 года",
        incident("explosion", day("2026-05-02", "2 мая 2026 года"), [mention("Таксимо")]),
    )
    assert len(merge_reports([dated, stated], net)) == 2
    # and the day and month must still agree
    far = _undated_report(
        "Взрыв на станции Таксимо 20 мая",
        incident("explosion", day("2026-05-20", "20 мая"), [mention("Таксимо")]),
    )
    assert len(merge_reports([dated, far], net)) == 2


def test_a_blast_told_as_a_derailment_joins_the_explosion(net):
    from railwatch.reports.merge import type_score

    assert type_score("explosion", "derailment") == 0.6
    assert type_score("fire", "derailment") is None
    blast = report(
        "Взрыв на станции Таксимо",
        [incident("explosion", day("2023-12-01"), [mention("Таксимо")])],
    )
    derailed = report(
        "Freight train derails at Taksimo",
        [incident("derailment", day("2023-12-01"), [mention("Taksimo")])],
        language="en",
    )
    (only,) = merge_reports([blast, derailed], net)
    assert only.type == "explosion"
    item = Item(derailed, 0, derailed.incidents[0], TAKSIMO)
    assert "explosion" in candidate_bounds(item, 100.0).types
    # a day apart and only at region precision, the two kinds stay apart
    vague = report(
        "Freight train derails in Buryatia",
        [incident("derailment", day("2023-12-02"), [mention("Buryatia", "region")])],
        language="en",
    )
    assert len(merge_reports([blast, vague], net)) == 2


def test_a_compact_region_joins_its_station_a_day_off(net):
    from railwatch.reports.merge import place_score

    derailed = incident("derailment", day("2023-12-01"), [])
    next_day = incident("derailment", day("2023-12-02"), [])
    # the region's centre 60 km from the station: the station is surely in it
    compact = Location("point", None, 56.0, 115.6, "region", "A compact region", "test")
    joined = pair_score(_item("a", derailed, TAKSIMO), _item("b", next_day, compact), net)
    assert joined is not None and joined.score >= 0.7 and "in_region_core" in joined.rule
    # 700 km away the region may be a neighbour's: a day off is not enough
    wide = Location("point", None, 51.8, 107.6, "region", "A wide region", "test")
    assert place_score(TAKSIMO, wide, net) == (0.5, "in_region")
    apart = pair_score(_item("a", derailed, TAKSIMO), _item("c", next_day, wide), net)
    assert apart is not None and apart.score < 0.7


def test_different_exact_counts_tell_two_events():
    from railwatch.reports.merge import other_counts

    def wagons(n):
        return incident("derailment", None, [], quantities=[Quantity("wagons", n, n, n, "")])

    assert other_counts(wagons(3), wagons(16))
    assert not other_counts(wagons(16), wagons(16))
    assert not other_counts(wagons(1), wagons(16))  # one is too common a count to tell
    assert not other_counts(wagons(16), incident("derailment", None, []))


def test_a_blast_at_a_station_joins_the_derailment_on_its_stretch_a_day_off(net):
    from railwatch.reports.merge import ONE_DAY_OFF, date_score

    at_station = incident("explosion", day("2023-12-01"), [])
    on_stretch = incident("derailment", day("2023-12-02"), [])
    section = Location(
        "section", "bam:taksimo-novaya_chara", 56.5, 116.0, "section", "Taksimo – Novaya Chara", "t"
    )
    a, b = _item("a", at_station, TAKSIMO), _item("b", on_stretch, section)
    assert date_score(a, b, 3, 30) == (ONE_DAY_OFF, "date_gap_1d")
    joined = pair_score(a, b, net)
    assert joined is not None and joined.score >= 0.7 and "node_ends_section" in joined.rule
    # two days apart it is another event
    later = _item("c", incident("derailment", day("2023-12-03"), []), section)
    apart = pair_score(a, later, net)
    assert apart is None or apart.score < 0.7


def test_a_blast_told_as_a_train_hitting_the_fallen_span_joins_the_explosion(net):
    from railwatch.reports.merge import type_score

    assert type_score("explosion", "collision") == 0.6
    assert type_score("fire", "derailment") is None
    blast = report(
        "Взрыв обрушил мост у станции Таксимо",
        [incident("explosion", day("2023-12-01"), [mention("Таксимо")])],
    )
    hit = report(
        "Passenger train runs into collapsed bridge at Taksimo",
        [incident("collision", day("2023-12-01"), [mention("Taksimo")])],
        language="en",
    )
    (only,) = merge_reports([blast, hit], net)
    assert only.type == "explosion"
    # a day apart and only at region precision, the two kinds stay apart
    vague = report(
        "Train collides with a lorry in Buryatia",
        [incident("collision", day("2023-12-02"), [mention("Buryatia", "region")])],
        language="en",
    )
    assert len(merge_reports([blast, vague], net)) == 2
