"""The step LP by routes (column and row generation) and the span-filled step loop.

Known answers on hand-solved networks, and properties against reference computations:
the plain multi-commodity LP on the full network, and a plain day-by-day loop.
"""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from netfixtures import node, section
from railwatch.impact.closures import Closure, arc_capacities
from railwatch.impact.flows import MultiCommodityFlow
from railwatch.network import RailNetwork
from railwatch.simulate.engine import SimulationModel, baseline_run, flow_cache, simulate_run
from railwatch.simulate.restoration import Fixed, Restoration, Stage, Uniform
from railwatch.simulate.stepflow import DEMAND_DECIMALS, FlowCache
from railwatch.simulate.timeline import TimedClosure, sample_closures, step_shares


def network(nodes, sections):
    feats = [node(n, x, y, **props) for n, x, y, props in nodes]
    feats += [
        section(sid, a, b, [[0, 0], [1, 1]], capacity=cap, length_km=km)
        for sid, a, b, cap, km in sections
    ]
    return RailNetwork.from_geojson({"type": "FeatureCollection", "features": feats})


def test_a_full_short_route_sends_the_rest_round_the_long_one():
    # a-b direct: 100 km, 3 trains. a-c-b: 60 + 60 km, 10 trains. 8 trains a -> b:
    # 3 direct and 5 round: 3 x 100 + 5 x 120 = 900 train-km.
    net = network(
        [("a", 0, 0, {}), ("b", 2, 0, {}), ("c", 1, 1, {})],
        [("ab", "a", "b", 3, 100), ("ac", "a", "c", 10, 60), ("cb", "c", "b", 10, 60)],
    )
    state = FlowCache(net, [("a", "b")], [], 1.0).state(np.zeros(0))
    flow = state.solve(np.array([8.0]))
    assert flow.solved
    assert flow.delivered.tolist() == [8.0]
    assert abs(flow.train_km[0] - 900.0) < 1e-6
    util = flow.utilisation  # sections ab, ac, cb
    assert np.allclose(util, [1.0, 0.5, 0.5])
    # Beyond both routes (13 trains) the rest stays behind.
    assert state.solve(np.array([20.0])).delivered.tolist() == [13.0]


def test_the_shorter_pair_gets_a_shared_bottleneck():
    # x-a (50 km, 10 trains), a-b (100 km, 4 trains): pairs x->b and a->b, 3 trains each.
    # Only 4 pass a-b; each train delivered counts the same, so the LP's second aim (fewer
    # train-km) gives a->b (100 km a train) all 3 and x->b (150 km) the one left.
    net = network(
        [("x", 0, 0, {}), ("a", 1, 0, {}), ("b", 2, 0, {})],
        [("xa", "x", "a", 10, 50), ("ab", "a", "b", 4, 100)],
    )
    state = FlowCache(net, [("x", "b"), ("a", "b")], [], 1.0).state(np.zeros(0))
    flow = state.solve(np.array([3.0, 3.0]))
    assert flow.delivered.tolist() == [1.0, 3.0]
    assert np.allclose(flow.train_km, [150.0, 300.0])


def test_a_junction_limit_is_a_row_too():
    # Two parallel routes a-j-b and a-k-b of 10 trains each, but junction j takes only 2
    # trains a day: 6 trains a -> b go 2 via j (200 km) and 4 via k (300 km).
    net = network(
        [("a", 0, 0, {}), ("b", 2, 0, {}), ("j", 1, 1, {"capacity": 2}), ("k", 1, -1, {})],
        [
            ("aj", "a", "j", 10, 100),
            ("jb", "j", "b", 10, 100),
            ("ak", "a", "k", 10, 150),
            ("kb", "k", "b", 10, 150),
        ],
    )
    state = FlowCache(net, [("a", "b")], [], 1.0).state(np.zeros(0))
    flow = state.solve(np.array([6.0]))
    assert flow.delivered.tolist() == [6.0]
    assert abs(flow.train_km[0] - (2 * 200 + 4 * 300)) < 1e-6


def grid(capacities, lengths):
    """A 3x3 grid; lengths get distinct fractions so that routes rarely tie in km."""
    nodes = [(f"n{r}{c}", c, r, {}) for r in range(3) for c in range(3)]
    edges = [((r, c), (r, c + 1)) for r in range(3) for c in range(2)]
    edges += [((r, c), (r + 1, c)) for r in range(2) for c in range(3)]
    sections = [
        (f"s{i}", f"n{r1}{c1}", f"n{r2}{c2}", capacities[i], lengths[i] + 0.0137 * (i + 1))
        for i, ((r1, c1), (r2, c2)) in enumerate(edges)
    ]
    return network(nodes, sections)


PAIRS = [("n00", "n22"), ("n20", "n02"), ("n01", "n21"), ("n10", "n12")]


@settings(max_examples=30, deadline=None)
@given(
    capacities=st.lists(st.integers(1, 9), min_size=12, max_size=12),
    lengths=st.lists(st.integers(10, 200), min_size=12, max_size=12),
    demand=st.lists(st.sampled_from([0, 0.5, 2, 5, 9, 17.25]), min_size=4, max_size=4),
    closed=st.lists(st.integers(0, 11), max_size=3, unique=True),
)
def test_route_lp_equals_the_full_network_lp_and_needs_no_history(
    capacities, lengths, demand, closed
):
    net = grid(capacities, lengths)
    closures = [Closure(f"s{i}", 0.5 if i % 2 else 0.0) for i in sorted(closed)]
    targets = [(c.target, c.direction) for c in closures]
    shares = np.array([c.remaining for c in closures])
    demand = np.asarray(demand, dtype=float)
    fresh = FlowCache(net, PAIRS, targets, 1.0).state(shares).solve(demand)
    arc_cap, node_cap = arc_capacities(net, closures)
    full = MultiCommodityFlow(net, PAIRS).solve(demand, arc_cap, node_cap)
    # The same optimum: total delivered and total train-km. Per pair the split may differ
    # when two pairs share a bottleneck at equal cost (1 + 3 or 2 + 2 trains: both optimal),
    # so only the totals and each pair's bounds are compared.
    np.testing.assert_allclose(fresh.delivered.sum(), full.delivered.sum(), atol=1e-6)
    assert np.all(fresh.delivered <= demand + 1e-6) and np.all(fresh.delivered >= -1e-6)
    np.testing.assert_allclose(fresh.train_km.sum(), full.train_km.sum(), rtol=1e-7, atol=1e-6)
    # The same answer, bit for bit, from a cache that solved other demands first.
    busy = FlowCache(net, PAIRS, targets, 1.0)
    for other in (demand * 2 + 1, demand / 2, demand + 3):
        busy.state(shares).solve(np.round(other, DEMAND_DECIMALS))
    again = busy.state(shares).solve(demand)
    for name in ("delivered", "train_km", "link_flow"):
        np.testing.assert_array_equal(getattr(again, name), getattr(fresh, name))


def reference_run(model: SimulationModel, rng) -> dict[str, np.ndarray]:
    """The plain loop: every day solved in turn, no baseline copy, no spans."""
    cache = flow_cache(model)
    drawn = sample_closures(model.closures, rng)
    shares = step_shares(model.closures, drawn, model.n_steps, model.step_hours)
    k = len(model.pairs)
    out = {n: np.zeros((model.n_steps, k)) for n in ("delivered", "backlog", "unmet", "km")}
    util = []
    backlog = np.zeros(k)
    for t in range(model.n_steps):
        state = cache.state(np.ascontiguousarray(shares[:, t]))
        offered = np.round(model.demand_step + backlog, DEMAND_DECIMALS)
        flow = state.solve(offered)
        left = np.round(offered - flow.delivered, DEMAND_DECIMALS)
        unmet = np.zeros(k)
        if model.max_backlog is not None:
            unmet = np.round(np.clip(left - model.max_backlog, 0.0, None), DEMAND_DECIMALS)
            left = left - unmet
        out["delivered"][t], out["km"][t] = flow.delivered, flow.train_km
        out["backlog"][t], out["unmet"][t] = left, unmet
        util.append(flow.utilisation)
        backlog = left
    out["util"] = np.array(util)
    return out


@settings(max_examples=25, deadline=None)
@given(
    capacities=st.lists(st.integers(1, 9), min_size=12, max_size=12),
    demand=st.lists(st.sampled_from([0.5, 1, 2, 3.25, 6]), min_size=4, max_size=4),
    events=st.lists(
        st.tuples(st.integers(0, 11), st.integers(0, 200), st.integers(1, 150), st.booleans()),
        min_size=1,
        max_size=3,
    ),
    max_backlog_h=st.one_of(st.none(), st.sampled_from([24, 60])),
    seed=st.integers(0, 1000),
)
def test_the_span_filled_run_equals_the_plain_day_by_day_loop(
    capacities, demand, events, max_backlog_h, seed
):
    net = grid(capacities, [100] * 12)
    per_day = np.asarray(demand, dtype=float)
    model = SimulationModel(
        network=net,
        pairs=PAIRS,
        demand_step=per_day,
        closures=tuple(
            TimedClosure(
                start_h=float(start),
                remaining=0.0,
                probability=1.0,
                restoration=Restoration(
                    (
                        Stage(0.5, Fixed(float(hours))),
                        Stage(1.0, Uniform(hours + 1.0, hours + 90.0)),
                    )
                    if staged
                    else (Stage(1.0, Uniform(1.0, float(hours))),)
                ),
            )
            for _, start, hours, staged in events
        ),
        targets=[(f"s{i}", "both") for i, _, _, _ in events],
        n_steps=16,
        step_hours=24,
        max_backlog=None if max_backlog_h is None else per_day * max_backlog_h / 24,
        key=f"span-{capacities}-{demand}-{events}-{max_backlog_h}",
    )
    baseline_run(model)
    fast = simulate_run(model, np.random.default_rng(seed))
    plain = reference_run(model, np.random.default_rng(seed))
    np.testing.assert_array_equal(fast.delivered, plain["delivered"])
    np.testing.assert_array_equal(fast.backlog, plain["backlog"])
    np.testing.assert_array_equal(fast.unmet, plain["unmet"])
    np.testing.assert_array_equal(fast.train_km, plain["km"])
    np.testing.assert_array_equal(fast.utilisation, plain["util"])


def test_a_day_with_no_backlog_and_no_change_repeats_the_day_before():
    # A 10-day closure of a-b (3 a day left) with the bypass able to carry the rest:
    # the first closed day is solved, the other nine repeat it (the same flow object).
    net = network(
        [("a", 0, 0, {}), ("b", 2, 0, {}), ("c", 1, 1, {})],
        [("ab", "a", "b", 6, 100), ("ac", "a", "c", 10, 60), ("cb", "c", "b", 10, 60)],
    )
    closure = TimedClosure(48.0, 0.5, 1.0, Restoration((Stage(1.0, Fixed(240.0)),)))
    model = SimulationModel(
        network=net,
        pairs=[("a", "b")],
        demand_step=np.array([8.0]),
        closures=(closure,),
        targets=[("ab", "both")],
        n_steps=20,
        step_hours=24,
        max_backlog=None,
        key="repeat-days",
    )
    run = simulate_run(model, np.random.default_rng(0))
    assert run.delivered[:, 0].tolist() == [8.0] * 20
    assert np.allclose(run.train_km[2:12, 0], 3 * 100 + 5 * 120)
    assert np.allclose(run.train_km[12:, 0], 6 * 100 + 2 * 120)
    assert run.util_first == 2
    closed_days = run.util_flows[:10]
    assert all(flow is closed_days[0] for flow in closed_days)
    assert flow_cache(model).solves == 2  # the open network's day, and the first closed day
