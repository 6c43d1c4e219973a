"""Known answers for closures, corridor capacity, rerouting and OD losses on tiny networks."""

import numpy as np
import pytest

from railwatch.impact.capacity import corridor_capacity
from railwatch.impact.closures import Closure, arc_capacities, parse_closure
from railwatch.impact.flows import MultiCommodityFlow, od_losses
from railwatch.impact.routes import reroute
from test_impact_nets import bridge, parallel, series, tunnel_bypass


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ab", Closure("ab")),
        ("ab:0.5", Closure("ab", 0.5)),
        ("ab:0.5:forward", Closure("ab", 0.5, "forward")),
        ("ab::backward", Closure("ab", 0.0, "backward")),
        ("bam:itykit-okusikan:tunnel", Closure("bam:itykit-okusikan:tunnel")),
        ("bam:itykit-okusikan:tunnel:0.25", Closure("bam:itykit-okusikan:tunnel", 0.25)),
    ],
)
def test_parse_closure(text, expected):
    assert parse_closure(text) == expected


@pytest.mark.parametrize("text", ["", ":0.5", "ab:1.5", "ab:x:forward", "ab:-0.1"])
def test_parse_closure_rejects(text):
    with pytest.raises(ValueError):
        parse_closure(text)


def test_arc_capacities_structure_direction_and_node():
    net = tunnel_bypass(transshipment=8)
    g = net.compiled
    m = g.n_sections
    arc, node = arc_capacities(net, [Closure("big_tunnel", 0.5, "forward"), "a"])
    t = g.section_index["bc:tunnel"]
    assert arc[t] == 8 and arc[t + m] == 16
    assert node[g.node_index["a"]] == 0
    assert node[g.node_index["c"]] == 8
    # Two closures of the same section keep the smaller share, not the product.
    arc, _ = arc_capacities(net, ["bc:tunnel:0.5", "big_tunnel:0.25"])
    assert arc[t] == 4


def test_unknown_closure_suggests():
    with pytest.raises(ValueError, match="did you mean 'bc:tunnel'"):
        arc_capacities(tunnel_bypass(), ["bc:tunel"])


def test_series_capacity_and_bottleneck():
    net = series()
    res = corridor_capacity(net, "a", "d")
    assert res.trains_per_day == 6
    assert [(b["id"], b["direction"]) for b in res.bottleneck] == [("bc", "forward")]
    assert corridor_capacity(net, "a", "d", ["bc:0.5"]).trains_per_day == 3
    assert corridor_capacity(net, "a", "d", ["ab"]).trains_per_day == 0
    # One direction only: closing b->c forward leaves d->a open.
    assert corridor_capacity(net, "a", "d", ["bc::forward"]).trains_per_day == 0
    assert corridor_capacity(net, "d", "a", ["bc::forward"]).trains_per_day == 6


def test_parallel_capacity_and_cut():
    net = parallel()
    res = corridor_capacity(net, "a", "b")
    assert res.trains_per_day == 9
    assert sorted(b["id"] for b in res.bottleneck) == ["ax", "ay"]
    assert corridor_capacity(net, "a", "b", ["xb"]).trains_per_day == 4
    assert corridor_capacity(net, "a", "b", ["x"]).trains_per_day == 4


def test_bridge_loss_disconnects():
    net = bridge()
    assert corridor_capacity(net, "a", "c").trains_per_day == 5
    assert corridor_capacity(net, "a", "c", ["bc"]).trains_per_day == 0
    (route,) = reroute(net, "a", "c", ["bc"])
    assert not route.reachable and route.detour_km is None
    # Losing a loop edge reroutes around the loop instead.
    (route,) = reroute(net, "a", "c", ["ab"])
    assert route.shortest.sections == ("da", "bd", "bc")
    assert route.detour_km == pytest.approx(100)


def test_tunnel_and_bypass_are_independent():
    net = tunnel_bypass()
    assert corridor_capacity(net, "a", "d").trains_per_day == 10
    assert corridor_capacity(net, "a", "d", ["big_tunnel"]).trains_per_day == 4
    assert corridor_capacity(net, "a", "d", ["devil_bridge"]).trains_per_day == 10
    both = corridor_capacity(net, "a", "d", ["big_tunnel", "devil_bridge"])
    assert both.trains_per_day == 0
    assert {b["id"] for b in both.bottleneck} == set()  # nothing left to cut
    (route,) = reroute(net, "a", "d", ["big_tunnel"])
    assert route.base_fastest.sections == ("ab", "bc:tunnel", "cd")
    assert route.fastest.sections == ("ab", "bc:bypass", "cd")
    assert route.detour_km == pytest.approx(40)
    assert route.detour_h == pytest.approx(140 / 20 - 100 / 80)


def test_gauge_break_node_capacity():
    net = tunnel_bypass(transshipment=8)
    res = corridor_capacity(net, "a", "d")
    assert res.trains_per_day == 8
    assert [(b["kind"], b["id"]) for b in res.bottleneck] == [("node", "c")]
    assert corridor_capacity(net, "a", "d", ["c:0.5"]).trains_per_day == 4
    # Traffic that starts at the gauge break is limited by it too.
    assert corridor_capacity(net, "c", "d").trains_per_day == 8


def test_several_origins_share_the_line():
    net = series()
    assert corridor_capacity(net, ["a", "b"], "d").trains_per_day == 6
    assert corridor_capacity(net, "a", ["b", "c"]).trains_per_day == 10
    with pytest.raises(ValueError, match="both an origin and a destination"):
        corridor_capacity(net, "a,b", "b")


def test_od_losses_share_capacity():
    net = tunnel_bypass(transshipment=8)
    demand = {"origin": ["a", "b"], "destination": ["d", "d"], "trains_per_day": [6, 5]}
    out = od_losses(net, demand)
    # 11 trains want to pass c, which transships 8; the shorter pair goes first.
    assert out["delivered"].sum() == pytest.approx(8)
    assert list(out["delivered"]) == pytest.approx([3, 5])
    assert list(out["unmet"]) == pytest.approx([3, 0])
    assert list(out["detour_train_km"]) == pytest.approx([0, 0])
    closed = od_losses(net, demand, ["big_tunnel"])
    # Only the bypass (4/day) is left between b and c; everyone detours 40 km on it.
    assert closed["delivered"].sum() == pytest.approx(4)
    assert (closed["detour_train_km"] == closed["delivered"] * 40).all()


def test_multicommodity_reuse_with_new_capacities():
    net = series()
    model = MultiCommodityFlow(net, [("a", "d"), ("b", "c")])
    g = net.compiled
    cap = np.concatenate([g.capacity, g.capacity])
    res = model.solve(np.array([5.0, 5.0]), cap, g.node_capacity)
    assert res.delivered.sum() == pytest.approx(6)  # both use b-c (6/day)
    cap[g.section_index["bc"]] = 0
    res = model.solve(np.array([5.0, 5.0]), cap, g.node_capacity)
    assert res.delivered.sum() == 0
    res = model.solve(np.array([5.0, 5.0]), cap[::1] * 0 + 100, g.node_capacity)
    assert list(res.delivered) == pytest.approx([5, 5])
    assert res.train_km[0] == pytest.approx(5 * 300)
