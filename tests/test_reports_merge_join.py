"""Merging does not depend on the order reports arrive in: clusters that a later report links
are joined, vetoes still keep two events apart; one event told as its cause or its result."""

from __future__ import annotations

import itertools
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from railwatch.reports.merge import cluster_items, merge_reports, pair_score, place_items
from reportfixtures import day, incident, mention, report
from reportnet import bam_network

TUNNEL = "Северомуйском тоннеле"


@pytest.fixture(scope="module")
def net():
    return bam_network()


def groups(incidents) -> set[frozenset[str]]:
    return {frozenset(i.reports) for i in incidents}


def chain():
    """A ~ B and B ~ C, while A and C alone score under the threshold (no veto): A and C
    are published first, so greedy merging starts two clusters before B arrives."""
    a = report(
        "Взрыв в Северомуйском тоннеле",
        [incident("explosion", day("2023-11-29"), [mention(TUNNEL, "structure")])],
        published="2023-11-29",
    )
    c = report(
        "Сход вагонов в Северомуйском тоннеле",
        [incident("derailment", day("2023-12-02"), [mention(TUNNEL, "structure")])],
        published="2023-12-02",
    )
    b = report(
        "Тоннель перекрыт",
        [incident("blockage", day("2023-12-01"), [mention(TUNNEL, "structure")])],
        published="2023-12-03",
    )
    return a, b, c


def test_chain_parts_score_as_designed(net):
    a, b, c = chain()
    first, second, third = place_items([a, b, c], net)
    assert [i.report.id for i in (first, second, third)] == [a.id, c.id, b.id]
    apart = pair_score(first, second, net)
    assert apart is not None and apart.score < 0.7  # A and C: no veto, but no merge alone
    assert all(pair_score(x, third, net).score >= 0.7 for x in (first, second))


@pytest.mark.parametrize("order", list(itertools.permutations(range(3))))
def test_a_linked_chain_is_one_incident_in_any_order(net, order):
    reports = [chain()[i] for i in order]
    incidents = merge_reports(reports, net)
    assert groups(incidents) == {frozenset(r.id for r in reports)}
    rules = [m["rule"] for m in incidents[0].merge]
    assert rules[0] == "first" and all(r != "first" for r in rules[1:])


def test_a_follow_up_does_not_join_two_events_at_one_place_on_different_days(net):
    early = report(
        "Пожар в Северомуйском тоннеле 1 ноября",
        [incident("fire", day("2023-11-01"), [mention(TUNNEL, "structure")])],
        published="2023-11-01",
    )
    late = report(
        "Пожар в Северомуйском тоннеле 20 ноября",
        [incident("fire", day("2023-11-20"), [mention(TUNNEL, "structure")])],
        published="2023-11-20",
    )
    # an undated follow-up agrees with any earlier day, so it links both fires
    follow = report(
        "Движение через Северомуйский тоннель открыто после пожара",
        [incident("fire", None, [mention(TUNNEL, "structure")], effect="resumed")],
        published="2023-11-21",
    )
    incidents = merge_reports([early, late, follow], net)
    assert len(incidents) == 2
    assert frozenset({early.id}) in groups(incidents) or frozenset({late.id}) in groups(incidents)


def test_a_crash_told_as_the_fire_it_started_merges(net):
    fire = report(
        "Загорелись цистерны в Северомуйском тоннеле",
        [incident("fire", day("2023-11-29"), [mention(TUNNEL, "structure")])],
    )
    crash = report(
        "Поезд врезался в цистерну в Северомуйском тоннеле",
        [incident("collision", day("2023-11-29"), [mention(TUNNEL, "structure")])],
    )
    assert len(merge_reports([fire, crash], net)) == 1
    week_later = report(
        "Поезд врезался в Северомуйском тоннеле через неделю",
        [incident("collision", day("2023-12-06"), [mention(TUNNEL, "structure")])],
    )
    assert len(merge_reports([fire, week_later], net)) == 2


def test_a_drone_strike_and_the_derailment_it_caused_merge(net):
    drone = report(
        "Беспилотник атаковал поезд в Северомуйском тоннеле",
        [incident("drone_strike", day("2023-11-29"), [mention(TUNNEL, "structure")])],
    )
    derailed = report(
        "Сход вагонов в Северомуйском тоннеле",
        [incident("derailment", day("2023-11-29"), [mention(TUNNEL, "structure")])],
    )
    assert len(merge_reports([drone, derailed], net)) == 1


PLACES = [
    [mention(TUNNEL, "structure")],
    [mention("Таксимо")],
    [mention("между Окусиканом и Таксимо", "section")],
    [mention("Чёртовом мосту")],
    [],
]
TYPES = ["explosion", "fire", "derailment", "collision", "blockage", "drone_strike"]
DAYS = [None, "2023-11-28", "2023-11-29", "2023-11-30", "2023-12-02", "2023-12-09"]


@st.composite
def reports_(draw):
    out = []
    for n in range(draw(st.integers(2, 6))):
        when = draw(st.sampled_from(DAYS))
        places = draw(st.sampled_from(PLACES))
        kind = draw(st.sampled_from(TYPES))
        published = draw(st.sampled_from(["2023-11-29", "2023-12-01", "2023-12-03"]))
        effect = draw(st.sampled_from(["blocked_both", "resumed", None]))
        out.append(
            report(
                f"report {n} {kind} {when}",
                [incident(kind, day(when) if when else None, places, effect=effect)],
                published=published,
            )
        )
    return out


@settings(max_examples=25, deadline=None)
@given(reports_(), st.randoms(use_true_random=False))
def test_clusters_do_not_depend_on_input_order(reports, rnd: random.Random):
    net = bam_network()
    items = place_items(reports, net)

    def clusters(seq):
        return {frozenset(i.key for i, _ in c) for c in cluster_items(seq, net)}

    shuffled = list(items)
    rnd.shuffle(shuffled)
    assert clusters(items) == clusters(shuffled)
    assert groups(merge_reports(reports, net)) == groups(merge_reports(reports[::-1], net))


def test_a_vague_follow_up_that_says_when_traffic_reopened_joins(net):
    fire = report(
        "Пожар в Северомуйском тоннеле",
        [incident("fire", day("2023-11-29"), [mention(TUNNEL, "structure")])],
        published="2023-11-29",
    )

    def follow_up(reopened: str):
        return report(
            f"В Бурятии движение поездов после пожара открыто {reopened}",
            [
                incident(
                    "fire",
                    None,
                    [mention("Бурятии", "region")],
                    effect="resumed",
                    restored_at=day(reopened),
                )
            ],
            published="2023-12-04",
        )

    joined = follow_up("2023-12-02")
    first, second = place_items([fire, joined], net)
    score = pair_score(first, second, net)
    assert score is not None and "reopened_after_event" in score.rule
    assert len(merge_reports([fire, joined], net)) == 1
    # reopened before the fire: that date says nothing for this event (the weak undated rule)
    before = follow_up("2023-11-20")
    first, second = place_items([fire, before], net)
    assert "reopened_after_event" not in pair_score(first, second, net).rule
    assert len(merge_reports([fire, before], net)) == 2
