"""N-2 and the exact skips of the unmet-demand N-1: hand-solved answers and brute force."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from railwatch.impact import corridor_capacity, od_losses, reroute
from railwatch.impact.criticality import METRICS, choose_metrics, criticality
from railwatch.impact.reroute import LOCAL_HOPS, OwnFlowReroute
from test_impact_nets import parallel, tunnel_bypass
from test_impact_properties import networks


def _demand(rows):
    return pd.DataFrame(rows, columns=["origin", "destination", "trains_per_day"])


def _pair(n2: pd.DataFrame, a: str, b: str) -> dict:
    for row in n2.to_dict("records"):
        if {row["first"], row["second"]} == {a, b}:
            return row
    raise AssertionError(f"pair {a}, {b} not in {n2[['first', 'second']]}")


def test_choose_metrics_defaults_to_the_cheap_ones():
    assert choose_metrics(None, None) == (
        ("capacity_lost", "detour_train_km_per_day"),
        "capacity_lost",
    )
    # ranking by unmet demand computes it; asking for it ranks by it
    assert choose_metrics(None, "unmet_trains_per_day")[0] == METRICS
    assert choose_metrics(METRICS, None)[1] == "unmet_trains_per_day"
    assert choose_metrics(("detour_train_km_per_day",), None)[1] == "detour_train_km_per_day"
    with pytest.raises(ValueError, match="unknown metric"):
        choose_metrics(("speed",), None)


def test_default_criticality_runs_no_lp():
    net = parallel()
    result = criticality(net, _demand([("a", "b", 6)]), workers=1)
    assert "unmet_trains_per_day" not in result.table.columns
    assert "unmet_resolves" not in result.base


def test_parallel_lines_known_answers():
    """a -> b over a-x-b (5/day, 200 km) or a-y-b (4/day, 300 km)."""
    net = parallel()
    # 4 trains fit on either line alone: no single closure costs a train, both cost all 4.
    result = criticality(net, _demand([("a", "b", 4)]), metrics=METRICS, n2=2, workers=1)
    table = result.table.set_index("id")
    assert table.loc["ax", "unmet_trains_per_day"] == 0
    assert table.loc["ay", "unmet_trains_per_day"] == 0
    assert table.loc["ax", "detour_train_km_per_day"] == 4 * 100
    # the x line's flow fits round it on the y line: skipped without an LP
    counts = result.base["unmet_resolves"]
    assert counts["links_with_flow"] == 1 and counts["settled_by_reroute"] == 1
    assert counts["lp_resolves"] == 0
    pair = _pair(result.n2, "ax", "ay")
    assert pair["unmet_trains_per_day"] == 4 and pair["excess"] == 4 and pair["fail_together"]
    assert pair["capacity_lost"] == 9
    assert pair["disconnected_trains_per_day"] == 4 and pair["detour_train_km_per_day"] == 0
    # 6 trains: 5 on x, 1 on y. Closing x leaves 4 (2 unmet); closing y leaves 5 (1 unmet).
    result = criticality(net, _demand([("a", "b", 6)]), metrics=METRICS, n2=2, workers=1)
    table = result.table.set_index("id")
    assert table.loc["xb", "unmet_trains_per_day"] == 2
    assert table.loc["yb", "unmet_trains_per_day"] == 1
    counts = result.base["unmet_resolves"]
    assert counts["links_with_flow"] == 2 and counts["lp_resolves"] == 2
    pair = _pair(result.n2, "ax", "ay")
    assert pair["unmet_trains_per_day"] == 6 and pair["sum_of_singles"] == 3
    assert pair["excess"] == 3


def test_tunnel_and_bypass_fail_together():
    net = tunnel_bypass()
    result = criticality(
        net,
        _demand([("a", "d", 8)]),
        metrics=METRICS,
        rank_by="unmet_trains_per_day",
        n2=1,
        workers=1,
    )
    pair = _pair(result.n2, "bc:tunnel", "bc:bypass")
    assert pair["fail_together"] and pair["unmet_trains_per_day"] == 8
    assert pair["sum_of_singles"] == 4  # the tunnel alone: 4 of 8 fit on the bypass


def _one_group(n, tail, head, cap, flow, node_cap=None, start=0):
    """The reroute test for one origin group whose flow `flow` starts at node `start`."""
    flow = np.asarray([flow], dtype=float)
    use = np.bincount(head, weights=flow[0], minlength=n)
    use[start] += flow[0][tail == start].sum() - flow[0][head == start].sum()
    node_cap = np.full(n, np.inf) if node_cap is None else node_cap
    return OwnFlowReroute(n, tail, head, cap, node_cap, flow, use[None, :])


def test_reroute_through_what_is_left():
    # a=0, x=1, b=2; arcs 0: a->b direct, 1: a->x (4/day), 2: x->b (4/day), nothing on x yet
    tail, head, cap = np.array([0, 0, 1]), np.array([2, 1, 2]), [5, 4, 4]

    def test(on_direct, node_cap=None):
        return _one_group(3, tail, head, cap, [on_direct, 0, 0], node_cap)

    assert test(3).reroutable([0])  # 3 trains fit round by x
    assert not test(5).reroutable([0])  # 5 do not: 4 spare
    assert not test(3).reroutable([0, 1])  # nor 3 with a->x closed as well
    assert test(3).reroutable([1])  # a->x carries nothing: nothing to move
    # x passes at most 2 trains: room for 2 of the 3, but for 1 alone
    assert not test(3, np.array([np.inf, 2.0, np.inf])).reroutable([0])
    assert test(1, np.array([np.inf, 2.0, np.inf])).reroutable([0])


def test_reroute_pushes_back_an_origins_own_flow_only():
    """a=0, b=1, c=2, d=3; arcs 0: a->b, 1: b->c, 2: c->d, 3: b->d, 1 train/day each.

    One train runs a->b->c->d. With b->c closed there is no spare way from b to c, but
    the train can leave b by b->d instead, giving up c->d: push back against its own flow
    on c->d. If the c->d train belongs to another origin (c) that is not allowed."""
    tail, head, cap = np.array([0, 1, 2, 1]), np.array([1, 2, 3, 3]), [1, 1, 1, 1]
    assert _one_group(4, tail, head, cap, [1, 1, 1, 0]).reroutable([1])
    # origin a sends a->b->c (to c); origin c sends c->d: the same arc flows, two groups
    flow = np.array([[1.0, 1.0, 0, 0], [0, 0, 1.0, 0]])
    use = np.array([[1.0, 1, 1, 0], [0, 0, 1, 1]])
    two = OwnFlowReroute(4, tail, head, cap, np.full(4, np.inf), flow, use)
    assert not two.reroutable([1])
    assert two.reroutable([3])  # b->d carries nothing


def _brute_pair(net, demand, pair) -> dict:
    groups = demand.groupby("origin", sort=False)["destination"].apply(list)
    lost = sum(
        corridor_capacity(net, o, d).trains_per_day
        - corridor_capacity(net, o, d, list(pair)).trains_per_day
        for o, d in groups.items()
    )
    detour = cut = 0.0
    for o, d, t in demand.itertuples(index=False):
        (r,) = reroute(net, o, d, list(pair))
        if r.base_shortest is None:
            continue
        if r.reachable:
            detour += t * r.detour_km
        else:
            cut += t
    unmet = max(
        0.0,
        od_losses(net, demand)["delivered"].sum()
        - od_losses(net, demand, list(pair))["delivered"].sum(),
    )
    return {
        "capacity_lost": lost,
        "detour_train_km_per_day": detour,
        "disconnected_trains_per_day": cut,
        "unmet_trains_per_day": unmet,
    }


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(networks(), st.data())
def test_n2_matches_brute_force(net, data):
    nodes = list(net.nodes.index)
    pairs = data.draw(
        st.lists(
            st.tuples(st.sampled_from(nodes), st.sampled_from(nodes), st.integers(1, 25)),
            min_size=1,
            max_size=4,
        ).filter(lambda ps: any(a != b for a, b, _ in ps))
    )
    demand = _demand([(a, b, float(t)) for a, b, t in pairs if a != b])
    result = criticality(net, demand, metrics=METRICS, n2=4, workers=1)
    assert result.n2 is not None
    for row in result.n2.to_dict("records"):
        want = _brute_pair(net, demand, (row["first"], row["second"]))
        for name, value in want.items():
            assert abs(row[name] - value) < 1e-6, (row, name, value)


def _ring(n, extra=()):
    """Arcs both ways round a ring of n nodes, then the `extra` (tail, head) arcs."""
    pairs = [(i, (i + 1) % n) for i in range(n)]
    pairs += [(b, a) for a, b in pairs]
    pairs += list(extra)
    return np.array([a for a, _ in pairs]), np.array([b for _, b in pairs])


def test_reroute_far_round_when_no_way_round_is_near():
    # 3 trains on 0->1 of a ring of 16: the only way round is 15 links long, beyond the
    # parts of the graph near the link that are tried first
    tail, head = _ring(16)
    flow = np.zeros(len(tail))
    flow[0] = 3.0
    cap = np.full(len(tail), 4.0)
    test = _one_group(16, tail, head, cap, flow)
    assert test.reroutable([0])
    assert all(test.local[(0, hops)] is not None for hops in LOCAL_HOPS)  # tried, too small
    cap[16 + 8] = 2.0  # 9->8, on the way round (0->15->...->1), passes 2 of the 3
    assert not _one_group(16, tail, head, cap, flow).reroutable([0])


def test_reroute_near_the_closed_link():
    # the same ring with a short way round by node 16 (0->16->1), room for 3
    tail, head = _ring(16, [(0, 16), (16, 1)])
    flow = np.zeros(len(tail))
    flow[0] = 3.0
    cap = np.full(len(tail), 4.0)
    cap[16 + 8] = 0.0  # the long way (by 9->8) is blocked: only the short one is left
    test = _one_group(17, tail, head, cap, flow)
    assert test.reroutable([0])
    assert (0, LOCAL_HOPS[-1]) not in test.local  # settled by the nearest part alone
    cap[-2] = 2.0  # 0->16 passes 2 of the 3
    assert not _one_group(17, tail, head, cap, flow).reroutable([0])
