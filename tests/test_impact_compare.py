"""Capacity before and after closures, computed once: hand-solved on the small network.

small_fc: a -100 km- b =(tunnel 16/day, 100 km | bypass 4/day, 140 km)= c -100 km- d, every
other section 10/day, node c transships at most 8/day. Closing the tunnel leaves the bypass.
"""

import math

import pytest

from netfixtures import small_fc
from railwatch.cli.impact_cmd import closure_report
from railwatch.impact.closures import Closure
from railwatch.impact.compare import PAIR_COLUMNS, compare_capacity
from railwatch.network import RailNetwork


@pytest.fixture(scope="module")
def net():
    return RailNetwork.from_geojson(small_fc())


def test_pair_alone_and_shared_before_and_after(net):
    result = compare_capacity(net, [Closure("big_tunnel")], [("a", "d")], [7])
    (row,) = result.pairs.to_dict("records")
    assert list(result.pairs.columns) == PAIR_COLUMNS
    # alone: limited by node c (8) when open, by the bypass (4) with the tunnel shut
    assert (row["max_before"], row["max_after"]) == pytest.approx((8, 4))
    # shared, with a demand of 7: all of it open, what the bypass takes when shut
    assert (row["delivered_before"], row["delivered_after"]) == pytest.approx((7, 4))
    # through the tunnel 300 km a train; round by the 140 km bypass 340 km
    assert (row["km_per_train_before"], row["km_per_train_after"]) == pytest.approx((300, 340))


def test_sections_that_change_largest_first(net):
    result = compare_capacity(net, [Closure("big_tunnel")], [("a", "d")], [7])
    sections = result.sections.to_dict("records")
    assert [s["section"] for s in sections] == ["bc:tunnel", "bc:bypass", "ab", "cd"]
    tunnel, bypass = sections[0], sections[1]
    assert (tunnel["capacity_before"], tunnel["capacity_after"]) == (16, 0)
    assert (tunnel["flow_before"], tunnel["flow_after"]) == pytest.approx((7, 0))
    assert (bypass["flow_before"], bypass["flow_after"]) == pytest.approx((0, 4))


def test_no_demand_gives_capacity_only(net):
    result = compare_capacity(net, ["big_tunnel"], [("a,b", "d")])
    (row,) = result.pairs.to_dict("records")
    assert row["origin"] == "a, b"
    assert (row["max_before"], row["max_after"]) == pytest.approx((8, 4))
    assert math.isnan(row["delivered_before"]) and result.sections.empty
    assert result.after[0].bottleneck[0]["id"] == "bc:bypass"


def test_nothing_delivered_has_no_length_per_train(net):
    result = compare_capacity(net, [Closure("c")], [("a", "d")], [5])
    (row,) = result.pairs.to_dict("records")
    assert row["delivered_after"] == pytest.approx(0)
    assert math.isnan(row["km_per_train_after"])


def test_one_demand_figure_per_pair(net):
    with pytest.raises(ValueError, match="one demand figure per pair"):
        compare_capacity(net, [], [("a", "d")], [1, 2])


def test_impact_command_reads_the_same_numbers(net):
    report = closure_report(net, [Closure("big_tunnel")], "a", "d")
    result = compare_capacity(net, [Closure("big_tunnel")], [("a", "d")])
    assert report["capacity"]["before"] == pytest.approx(result.pairs.at[0, "max_before"])
    assert report["capacity"]["after"] == pytest.approx(result.pairs.at[0, "max_after"])
