"""The embedded corridor: the answers someone who knows the line expects."""

import pytest

from railwatch.impact import corridor_capacity, od_losses, reroute
from railwatch.network import default_network

TUNNEL = "bam:severomuysky_tunnel"
TUNNEL_SECTION = "bam:itykit-okusikan:tunnel"
BYPASS = "bam:itykit-okusikan:bypass"
FRIENDSHIP_BRIDGE = "kp:friendship_bridge"


@pytest.fixture(scope="module")
def net():
    return default_network()


def test_tunnel_closed_leaves_the_bam_at_the_bypass_capacity(net):
    bypass_cap = float(net.sections.loc[BYPASS, "capacity"])
    res = corridor_capacity(net, "severobaikalsk", "taksimo", [TUNNEL])
    # The BAM itself now carries only what the bypass can; the rest goes round.
    assert res.section_flow.get(BYPASS) == pytest.approx(bypass_cap)
    assert TUNNEL_SECTION not in res.section_flow
    assert any(b["id"] == BYPASS for b in res.bottleneck)
    # Through the Itykit-Okusikan stretch on the BAM alone: exactly the bypass.
    around = ["lb:bamovskaya-tynda", "ts:tayshet-irkutsk"]
    bam_only = corridor_capacity(net, "severobaikalsk", "taksimo", [TUNNEL, *around])
    assert bam_only.trains_per_day == pytest.approx(bypass_cap)


def test_tunnel_and_bypass_cut_the_bam(net):
    closures = [TUNNEL, BYPASS]
    (route,) = reroute(net, "severobaikalsk", "taksimo", closures)
    assert route.reachable  # only the long way round
    assert not set(route.shortest.sections) & {TUNNEL_SECTION, BYPASS}
    assert route.detour_km > 1000
    around = ["lb:bamovskaya-tynda", "ts:tayshet-irkutsk"]
    assert (
        corridor_capacity(net, "severobaikalsk", "taksimo", closures + around).trains_per_day == 0
    )


def test_khasan_traffic_goes_over_the_trans_siberian(net):
    closures = [TUNNEL, BYPASS]
    (route,) = reroute(net, "khasan", "tikhoretsk", closures)
    lines = {net.sections.loc[s, "line"] for s in route.shortest.sections}
    assert "Trans-Siberian" in lines
    assert not any(str(line).startswith("BAM") for line in lines)
    demand = {"origin": ["khasan"], "destination": ["tikhoretsk"], "trains_per_day": [3]}
    out = od_losses(net, demand, closures)
    assert out.loc[0, "unmet"] == 0


def test_friendship_bridge_cuts_rajin_and_tumangang_off(net):
    others = [n for n in net.nodes.index if n not in ("rajin", "tumangang")]
    for origin in ("rajin", "tumangang"):
        assert corridor_capacity(net, origin, others).trains_per_day > 0
        assert corridor_capacity(net, origin, others, [FRIENDSHIP_BRIDGE]).trains_per_day == 0
    routes = reroute(net, "rajin", ["moscow", "khasan", "vladivostok"], [FRIENDSHIP_BRIDGE])
    assert not any(r.reachable for r in routes)
