"""The fast path (shortest-route shortcut, memo, warm-started HiGHS) against the full LP."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from netfixtures import node, section
from railwatch.impact.closures import Closure
from railwatch.impact.flows import MultiCommodityFlow
from railwatch.network import RailNetwork
from railwatch.simulate.stepflow import StateFlow


def grid_network(capacities, lengths):
    """A 3x3 grid of nodes; 12 sections with the given capacities and lengths."""
    feats = [node(f"n{r}{c}", c, r) for r in range(3) for c in range(3)]
    edges = [((r, c), (r, c + 1)) for r in range(3) for c in range(2)]
    edges += [((r, c), (r + 1, c)) for r in range(2) for c in range(3)]
    for i, ((r1, c1), (r2, c2)) in enumerate(edges):
        feats.append(
            section(
                f"s{i}",
                f"n{r1}{c1}",
                f"n{r2}{c2}",
                [[c1, r1], [c2, r2]],
                capacity=capacities[i],
                length_km=lengths[i],
            )
        )
    return RailNetwork.from_geojson({"type": "FeatureCollection", "features": feats})


PAIRS = [("n00", "n22"), ("n20", "n02"), ("n01", "n21")]


@settings(max_examples=40, deadline=None)
@given(
    capacities=st.lists(st.integers(1, 12), min_size=12, max_size=12),
    lengths=st.lists(st.integers(10, 200), min_size=12, max_size=12),
    demands=st.lists(
        st.lists(st.sampled_from([0, 0.5, 2, 5, 9, 17.25]), min_size=3, max_size=3),
        min_size=1,
        max_size=4,
    ),
    closed=st.lists(st.integers(0, 11), max_size=3),
)
def test_fast_path_matches_the_full_lp(capacities, lengths, demands, closed):
    net = grid_network(capacities, lengths)
    lp = MultiCommodityFlow(net, PAIRS)
    closures = [Closure(f"s{i}", 0.5 if i % 2 else 0.0) for i in sorted(set(closed))]
    state = StateFlow(net, lp, closures, 1.0, np.array([2.0, 2.0, 2.0]))
    for demand in demands:
        demand = np.asarray(demand, dtype=float)
        fast = state.solve(demand)
        full = lp.solve(demand, state.arc_cap, state.node_cap)
        assert (
            fast.delivered.sum() == np.round(full.delivered.sum(), 6)
            or abs(fast.delivered.sum() - full.delivered.sum()) < 1e-6
        )
        # Same optimum: the same total train-km for the same delivered total.
        assert abs(fast.train_km.sum() - full.train_km.sum()) < 1e-4 * max(1.0, full.train_km.sum())
        assert (fast.delivered <= demand + 1e-9).all()
        # Asking again returns the memoised answer, identical.
        again = state.solve(demand)
        assert again is fast


def test_uncongested_demand_needs_no_solve_and_congested_demand_does():
    net = grid_network([10] * 12, [100] * 12)
    lp = MultiCommodityFlow(net, PAIRS)
    state = StateFlow(net, lp, [], 1.0, np.array([1.0, 1.0, 1.0]))
    assert not state.solve(np.array([1.0, 1.0, 1.0])).solved
    heavy = state.solve(np.array([30.0, 0.0, 0.0]))
    assert heavy.solved
    # Two disjoint-ish routes of capacity 10 leave n00: at most 20 trains.
    assert heavy.delivered[0] == 20.0
