"""Properties on random small networks, and N-1 against brute-force recomputation."""

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from railwatch.impact import corridor_capacity, reroute
from railwatch.impact.criticality import METRICS, criticality
from test_impact_nets import build, node, section

SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def networks(draw):
    """Connected random graphs of 4-8 nodes with chains, parallels and a gauge break."""
    n = draw(st.integers(4, 8))
    feats = [
        node(
            f"n{i}",
            i,
            i % 3,
            **(
                {"transshipment_capacity": draw(st.integers(1, 30))}
                if i == 2 and draw(st.booleans())
                else {}
            ),
        )
        for i in range(n)
    ]
    edges = [(i, draw(st.integers(0, i - 1))) for i in range(1, n)]  # a spanning tree
    edges += draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=n + 2))
    k = 0
    for a, b in edges:
        if a == b:
            continue
        feats.append(
            section(
                f"s{k}",
                f"n{a}",
                f"n{b}",
                [[a, a % 3], [b, b % 3]],
                capacity=draw(st.integers(1, 20)),
                length_km=draw(st.integers(5, 200)),
                speed_kmh=draw(st.integers(20, 100)),
            )
        )
        k += 1
    return build(feats)


@SETTINGS
@given(networks(), st.data())
def test_closing_more_never_raises_capacity(net, data):
    ids = list(net.sections.index) + list(net.nodes.index)
    closures = data.draw(st.lists(st.sampled_from(ids), max_size=4, unique=True))
    more = closures + data.draw(st.lists(st.sampled_from(ids), max_size=2))
    before = corridor_capacity(net, "n0", "n1", [c for c in closures if c not in ("n0", "n1")])
    after = corridor_capacity(net, "n0", "n1", [c for c in more if c not in ("n0", "n1")])
    assert after.trains_per_day <= before.trains_per_day + 1e-9
    # The minimum cut's capacity equals the flow (max-flow min-cut).
    cut = sum(b["capacity"] for b in before.bottleneck)
    assert abs(cut - before.trains_per_day) < 1e-6


@SETTINGS
@given(networks(), st.data())
def test_detours_never_negative_and_unused_edges_cost_nothing(net, data):
    sec = data.draw(st.sampled_from(list(net.sections.index)))
    (r,) = reroute(net, "n0", "n3", [sec])
    if r.reachable:
        assert r.detour_km >= 0 and r.detour_h >= 0
    (base,) = reroute(net, "n0", "n3")
    unused = [s for s in net.sections.index if s not in base.shortest.sections]
    if unused:
        (r,) = reroute(net, "n0", "n3", unused[:1])
        assert r.detour_km == 0


def brute_force(net, demand):
    """Close each section alone and recompute with the public functions."""
    rows = []
    groups = demand.groupby("origin", sort=False)["destination"].apply(list)
    for sid in net.sections.index:
        lost = 0.0
        for origin, dests in groups.items():
            lost += (
                corridor_capacity(net, origin, dests).trains_per_day
                - corridor_capacity(net, origin, dests, [sid]).trains_per_day
            )
        detour = cut = 0.0
        for o, d, t in demand.itertuples(index=False):
            (r,) = reroute(net, o, d, [sid])
            if r.base_shortest is None:
                continue
            if r.reachable:
                detour += t * r.detour_km
            else:
                cut += t
        rows.append((sid, lost, detour, cut))
    return pd.DataFrame(
        rows,
        columns=["id", "capacity_lost", "detour_train_km_per_day", "disconnected_trains_per_day"],
    ).set_index("id")


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(networks(), st.data())
def test_fast_n1_matches_brute_force_and_ignores_the_split(net, data):
    nodes = list(net.nodes.index)
    pairs = data.draw(
        st.lists(
            st.tuples(st.sampled_from(nodes), st.sampled_from(nodes)), min_size=1, max_size=4
        ).filter(lambda ps: any(a != b for a, b in ps))
    )
    demand = pd.DataFrame(
        [(a, b, float(i + 1)) for i, (a, b) in enumerate(pairs) if a != b],
        columns=["origin", "destination", "trains_per_day"],
    )
    metrics = ("capacity_lost", "detour_train_km_per_day")
    fast = criticality(net, demand, metrics=metrics, rank_by="capacity_lost", workers=1)
    table = fast.table[fast.table["kind"] == "section"].set_index("id")
    expected = brute_force(net, demand)
    for col in expected.columns:
        assert np.allclose(table.loc[expected.index, col], expected[col], atol=1e-6), col
    split = criticality(
        net,
        demand,
        metrics=metrics,
        rank_by="capacity_lost",
        workers=2,
        chunk_size=1,
        min_parallel_items=0,
    )
    pd.testing.assert_frame_equal(fast.table, split.table)


def test_unmet_metric_two_workers_same_as_one():
    from test_impact_nets import tunnel_bypass

    net = tunnel_bypass(transshipment=9)
    demand = pd.DataFrame(
        {"origin": ["a", "b"], "destination": ["d", "d"], "trains_per_day": [6, 5]}
    )
    one = criticality(net, demand, metrics=METRICS, workers=1)
    two = criticality(net, demand, metrics=METRICS, workers=2, chunk_size=1, min_parallel_items=0)
    pd.testing.assert_frame_equal(one.table, two.table)
    row = one.table.set_index("id").loc["bc:tunnel"]
    assert row["unmet_trains_per_day"] == 5  # 9 trains fit through c before, 4 after
