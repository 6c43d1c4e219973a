"""The fast unmet-demand N-1 (per-origin LP, warm re-solves) against the plain per-pair LP."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from railwatch.impact import od_losses
from railwatch.impact.criticality import criticality
from railwatch.network import default_network
from test_impact_nets import build, node, section
from test_impact_properties import networks


def per_section_full_lp(net, demand) -> pd.Series:
    """Close each section alone and re-solve the whole per-pair LP (`od_losses`)."""
    base = od_losses(net, demand)["delivered"].sum()
    extra = {
        sid: max(0.0, base - od_losses(net, demand, [sid])["delivered"].sum())
        for sid in net.sections.index
    }
    return pd.Series(extra)


def fast_unmet(net, demand, **kwargs) -> pd.DataFrame:
    return criticality(
        net, demand, metrics=("unmet_trains_per_day",), rank_by="unmet_trains_per_day", **kwargs
    )


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(networks(), st.data())
def test_fast_unmet_matches_full_lp_per_section(net, data):
    nodes = list(net.nodes.index)
    pairs = data.draw(
        st.lists(
            st.tuples(st.sampled_from(nodes), st.sampled_from(nodes), st.integers(1, 25)),
            min_size=1,
            max_size=6,
        ).filter(lambda ps: any(a != b for a, b, _ in ps))
    )
    demand = pd.DataFrame(
        [(a, b, float(t)) for a, b, t in pairs if a != b],
        columns=["origin", "destination", "trains_per_day"],
    )
    one = fast_unmet(net, demand, workers=1)
    table = one.table[one.table["kind"] == "section"].set_index("id")
    expected = per_section_full_lp(net, demand)
    got = table.loc[expected.index, "unmet_trains_per_day"]
    assert np.allclose(got, expected, atol=1e-6), pd.DataFrame({"got": got, "want": expected})
    open_unmet = demand["trains_per_day"].sum() - od_losses(net, demand)["delivered"].sum()
    assert abs(one.base["unmet_trains_per_day"] - open_unmet) < 1e-6
    # every closure with flow is settled by exactly one route (reroute, another loss-free
    # solution, or the LP), each of them checked against the full LP above
    counts = one.base["unmet_resolves"]
    routes = ("settled_by_reroute", "settled_by_other_solutions", "lp_resolves")
    assert sum(counts[r] for r in routes) == counts["closures_with_flow"]
    # a closure re-solved in another chunk or process gives the same figures
    two = fast_unmet(net, demand, workers=2, chunk_size=1, min_parallel_items=0)
    pd.testing.assert_frame_equal(one.table, two.table)


def test_corridor_unmet_matches_full_lp():
    net = default_network()
    demand = pd.read_csv(Path(__file__).parents[1] / "examples" / "demand.csv")
    result = fast_unmet(net, demand, workers=1)
    table = result.table[result.table["kind"] == "section"].set_index("id")
    expected = per_section_full_lp(net, demand)
    assert np.allclose(table.loc[expected.index, "unmet_trains_per_day"], expected, atol=1e-6)
    assert (expected > 0).sum() >= 3  # some closures do cost trains: the check has teeth


def test_throughput_capacity_inside_a_chain_limits_both_directions_together():
    """a - m - b with m passing 3 trains/day in all: 5 each way asked, 3 delivered in all.

    m sits inside a chain; folding its capacity into a per-direction link capacity used to
    let 3 pass each way (found by the per-section property test above)."""
    net = build(
        [
            node("a", 0, 0),
            node("m", 1, 0, transshipment_capacity=3),
            node("b", 2, 0),
            node("c", 1, 1),
            section("am", "a", "m", [[0, 0], [1, 0]], capacity=10, length_km=50),
            section("mb", "m", "b", [[1, 0], [2, 0]], capacity=10, length_km=50),
            section("ac", "a", "c", [[0, 0], [1, 1]], capacity=1, length_km=80),
            section("cb", "c", "b", [[1, 1], [2, 0]], capacity=1, length_km=80),
        ]
    )
    demand = pd.DataFrame(
        [("a", "b", 5.0), ("b", "a", 5.0)], columns=["origin", "destination", "trains_per_day"]
    )
    result = fast_unmet(net, demand, workers=1)
    # 3 through m plus 1 each way round by c: 5 of 10 delivered.
    assert abs(result.base["unmet_trains_per_day"] - 5.0) < 1e-6
    table = result.table[result.table["kind"] == "section"].set_index("id")
    expected = per_section_full_lp(net, demand)
    assert np.allclose(table.loc[expected.index, "unmet_trains_per_day"], expected, atol=1e-6)
    assert expected["am"] == pytest.approx(3.0) and expected["ac"] == pytest.approx(2.0)


def _grid(rng, size: int = 4):
    """A size x size grid of junctions with random capacities and lengths."""
    feats = [node(f"g{i}{j}", i, j) for i in range(size) for j in range(size)]
    for i in range(size):
        for j in range(size):
            for di, dj in ((1, 0), (0, 1)):
                if i + di < size and j + dj < size:
                    a, b = f"g{i}{j}", f"g{i + di}{j + dj}"
                    feats.append(
                        section(
                            f"{a}-{b}",
                            a,
                            b,
                            [[i, j], [i + di, j + dj]],
                            capacity=int(rng.integers(2, 9)),
                            length_km=int(rng.integers(10, 60)),
                        )
                    )
    return build(feats)


def _random_demand(rng, net, most: int) -> pd.DataFrame:
    """Six random OD pairs among the network's nodes (a pair from a node to itself is
    dropped), 2 to `most` trains/day each."""
    ids = list(net.nodes.index)
    return pd.DataFrame(
        [
            (ids[a], ids[b], float(rng.integers(2, most + 1)))
            for a, b in rng.choice(len(ids), size=(6, 2), replace=True)
            if a != b
        ],
        columns=["origin", "destination", "trains_per_day"],
    )


def test_loss_free_solutions_settle_other_closures_exactly():
    """Congested grids, where the flow of one loss-free re-solve settles later closures
    (`settled_by_other_solutions`): their figures still equal the full LP's."""
    rng = np.random.default_rng(5)
    exercised = 0
    for _ in range(12):
        net = _grid(rng)
        demand = _random_demand(rng, net, most=7)
        result = fast_unmet(net, demand, workers=1)
        if result.base["unmet_resolves"]["settled_by_other_solutions"] == 0:
            continue
        exercised += 1
        table = result.table[result.table["kind"] == "section"].set_index("id")
        expected = per_section_full_lp(net, demand)
        got = table.loc[expected.index, "unmet_trains_per_day"]
        assert np.allclose(got, expected, atol=1e-6), pd.DataFrame({"got": got, "want": expected})
    assert exercised >= 2  # the shortcut did fire: the check has teeth


def test_route_and_arc_lp_give_the_same_figures(monkeypatch):
    """The unmet LP over routes (used on small graphs) and over arcs (large ones) have the
    same optimum: the same table on congested grids, and both equal the full LP."""
    import importlib

    from railwatch.impact.unmet import OriginFlowLP
    from railwatch.impact.unmet_routes import RouteFlowLP

    crit = importlib.import_module("railwatch.impact.criticality")
    rng = np.random.default_rng(11)
    for _ in range(5):
        net = _grid(rng)
        demand = _random_demand(rng, net, most=8)
        tables = []
        for limit, kind in ((10**9, RouteFlowLP), (0, OriginFlowLP)):
            monkeypatch.setattr(crit, "ROUTE_LP_MAX_COLUMNS", limit)
            result = fast_unmet(net, demand, workers=1)
            assert isinstance(crit._MODEL["model"], kind)
            tables.append(result.table)
        pd.testing.assert_frame_equal(tables[0], tables[1])
        got = tables[0][tables[0]["kind"] == "section"].set_index("id")["unmet_trains_per_day"]
        expected = per_section_full_lp(net, demand)
        assert np.allclose(got.loc[expected.index], expected, atol=1e-6)


def test_reroute_tests_in_the_workers_give_the_same_figures(monkeypatch):
    """Large graphs test closures for a way round in the worker chunks instead of up
    front (`REROUTE_IN_CHUNKS_FROM`), with the arc LP: the same table as one process
    testing up front, every closure counted once, and the full LP's figures."""
    import importlib

    crit = importlib.import_module("railwatch.impact.criticality")
    monkeypatch.setattr(crit, "ROUTE_LP_MAX_COLUMNS", 0)
    rng = np.random.default_rng(17)
    bounded = 0
    for _ in range(3):
        net = _grid(rng)
        demand = _random_demand(rng, net, most=8)
        one = fast_unmet(net, demand, workers=1)
        monkeypatch.setattr(crit, "REROUTE_IN_CHUNKS_FROM", 0)
        two = fast_unmet(net, demand, workers=2, min_parallel_items=0)
        monkeypatch.setattr(crit, "REROUTE_IN_CHUNKS_FROM", 512)
        pd.testing.assert_frame_equal(one.table, two.table)
        counts = two.base["unmet_resolves"]
        routes = (
            "settled_by_reroute",
            "settled_by_other_solutions",
            "settled_by_bound",
            "lp_resolves",
        )
        assert sum(counts[r] for r in routes) == counts["closures_with_flow"]
        assert counts["settled_by_reroute"] == one.base["unmet_resolves"]["settled_by_reroute"]
        got = two.table[two.table["kind"] == "section"].set_index("id")["unmet_trains_per_day"]
        expected = per_section_full_lp(net, demand)
        assert np.allclose(got.loc[expected.index], expected, atol=1e-6)
        bounded += counts["settled_by_bound"]
    assert bounded > 0  # the price bound settled some closures, with the full LP's figures
