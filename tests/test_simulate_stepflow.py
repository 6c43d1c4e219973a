"""The fast path (shortest-route shortcut, memo, route LP) against the full LP."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from netfixtures import node, section
from railwatch.impact.closures import Closure, arc_capacities
from railwatch.impact.flows import MultiCommodityFlow
from railwatch.network import RailNetwork
from railwatch.simulate.stepflow import STATES_KEPT, FlowCache


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
    cache = FlowCache(
        net, PAIRS, [(c.target, c.direction) for c in closures], 1.0, np.array([2.0, 2.0, 2.0])
    )
    state = cache.state(np.array([c.remaining for c in closures]))
    arc_cap, node_cap = arc_capacities(net, closures)
    assert np.array_equal(state.section_arc_cap(), arc_cap)
    for demand in demands:
        demand = np.asarray(demand, dtype=float)
        fast = state.solve(demand)
        full = lp.solve(demand, arc_cap, node_cap)
        assert (
            fast.delivered.sum() == np.round(full.delivered.sum(), 6)
            or abs(fast.delivered.sum() - full.delivered.sum()) < 1e-6
        )
        # Same optimum: the same total train-km for the same delivered total.
        assert abs(fast.train_km.sum() - full.train_km.sum()) < 1e-4 * max(1.0, full.train_km.sum())
        assert (fast.delivered <= demand + 1e-9).all()
        # The same utilisation per section as the full network's flow.
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = np.where(arc_cap > 0, full.arc_flow / arc_cap, np.nan)
        if fast.solved and full.delivered.sum() == fast.delivered.sum():
            # (LP optima may split flow differently; compare only where routes are forced)
            assert (
                np.isnan(fast.utilisation).tolist()
                == np.isnan(np.fmax(ratio[:12], ratio[12:])).tolist()
            )
        # Asking again returns the memoised answer, identical.
        again = state.solve(demand)
        assert again is fast


def test_uncongested_demand_needs_no_solve_and_congested_demand_does():
    net = grid_network([10] * 12, [100] * 12)
    state = FlowCache(net, PAIRS, [], 1.0, np.array([1.0, 1.0, 1.0])).state(np.zeros(0))
    assert not state.solve(np.array([1.0, 1.0, 1.0])).solved
    heavy = state.solve(np.array([30.0, 0.0, 0.0]))
    assert heavy.solved
    # Two disjoint-ish routes of capacity 10 leave n00: at most 20 trains.
    assert heavy.delivered[0] == 20.0


def test_chains_are_merged_and_states_stay_few():
    """A line a-b-c-d-e with plain stations b, c, d: one link, whatever is closed on it."""
    feats = [node(x, i, 0) for i, x in enumerate("abcde")]
    feats += [
        section(f"{x}{y}", x, y, [[i, 0], [i + 1, 0]], capacity=10 - i, length_km=10)
        for i, (x, y) in enumerate(zip("abcd", "bcde", strict=True))
    ]
    net = RailNetwork.from_geojson({"type": "FeatureCollection", "features": feats})
    cache = FlowCache(net, [("a", "e")], [("cd", "forward")], 1.0, np.array([5.0]))
    assert cache.reduced.n_links == 1
    half = cache.state(np.array([0.5]))
    flow = half.solve(np.array([9.0]))
    assert flow.delivered.tolist() == [4.0]  # c->d forward at half of 8
    assert flow.train_km.tolist() == [4.0 * 40]
    assert flow.utilisation[2] == 1.0 and flow.utilisation[0] == 4 / 10
    for share in np.linspace(0, 0.9, STATES_KEPT + 3):
        cache.state(np.array([share]))
    assert len(cache.states) == STATES_KEPT
    # A state dropped and made again (and its memo gone) gives the identical answer.
    cache.memo.clear()
    again = cache.state(np.array([0.5])).solve(np.array([9.0]))
    assert again is not flow and again.delivered.tolist() == [4.0]
