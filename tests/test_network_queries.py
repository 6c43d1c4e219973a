"""The query layer and the compile step, with known answers on small hand-made networks."""

import pickle

import networkx as nx
import numpy as np
import pytest
from shapely.geometry import Point

from netfixtures import node, section, small_fc
from railwatch.network import RailNetwork, geo, model
from railwatch.network.queries import (
    feature_label,
    feature_point,
    nearest_section,
    path,
    section_label,
)


@pytest.fixture(params=["copy-on-write", "value-compare"])
def net(request, monkeypatch):
    """Both ways of telling an edit: same memory under copy-on-write, else equal values."""
    if request.param == "value-compare":
        monkeypatch.setattr(model, "_copy_on_write", lambda: False)
    return RailNetwork.from_geojson(small_fc(), source_name="small")


# ---- compile: edited tables never give stale arrays ----------------------------------------
def test_editing_a_speed_recompiles_travel_time(net):
    before = net.compiled
    assert before.time_h[before.section_index["ab"]] == pytest.approx(2.0)
    net.sections.loc["ab", "speed_kmh"] = 25.0
    after = net.compiled
    assert after.time_h[after.section_index["ab"]] == pytest.approx(4.0)
    assert after is not before


def test_editing_a_to_node_recompiles_the_ends(net):
    g = net.compiled
    assert g.dst[g.section_index["ab"]] == g.node_index["b"]
    net.sections.loc["ab", "to"] = "d"
    g = net.compiled
    assert g.dst[g.section_index["ab"]] == g.node_index["d"]


def test_unchanged_tables_keep_the_same_arrays_and_compile_forces_a_rebuild(net):
    g = net.compiled
    _ = net.sections["line"]  # reading a table is not an edit
    assert net.compiled is g
    fresh = net.compile()
    assert fresh is not g and net.compiled is fresh
    np.testing.assert_array_equal(fresh.src, g.src)


def test_added_section_and_replaced_table_are_seen(net):
    extra = RailNetwork.from_geojson(
        {
            "type": "FeatureCollection",
            "features": [
                *small_fc()["features"],
                section("ad", "a", "d", [[0, 0], [3, 0]], length_km=50, speed_kmh=100),
            ],
        }
    )
    assert net.compiled.n_sections == 4
    net.sections = extra.sections
    assert net.compiled.n_sections == 5
    assert path(net, "a", "d").sections == ("ad",)


def test_whole_column_assignment_and_geometry_edit_are_seen(net):
    net.sections["capacity"] = net.sections["capacity"] * 2
    assert net.compiled.capacity.tolist() == [20, 32, 8, 20]
    assert nearest_section(net, 0.5, 0.3).section == "ab"
    net.sections.loc["cd", "geometry"] = net.sections.loc["cd", "geometry"].__class__(
        [(0.5, 0.3), (3, 0)]
    )
    assert nearest_section(net, 0.5, 0.3).section == "cd"


def test_node_capacity_edit_and_rename_are_seen(net):
    assert np.isinf(net.compiled.node_capacity[0])
    net.nodes.loc["a", "capacity"] = 3.0
    assert net.compiled.node_capacity[0] == 3.0
    assert net.lookup("Zulu") == []
    net.nodes.loc["a", "name"] = "Zulu"
    assert [m.id for m in net.lookup("Zulu")] == ["a"]


def test_network_pickles_without_its_caches(net):
    net.compile()
    nearest_section(net, 0.5, 0.1)
    copy = pickle.loads(pickle.dumps(net))
    np.testing.assert_array_equal(copy.compiled.time_h, net.compiled.time_h)
    assert nearest_section(copy, 0.5, 0.1).section == "ab"


# ---- feature point and label -----------------------------------------------------------------
def test_feature_point_is_lon_lat(net):
    assert feature_point(net, "b") == (1.0, 0.0)
    assert feature_point(net, "bc:bypass") == pytest.approx((1.5, 0.2))  # midpoint by length
    assert feature_point(net, "big_tunnel") == (1.5, 0.0)
    assert feature_point(net, "nope") is None


def test_structure_without_geometry_sits_on_its_section(net):
    net.structures.loc["devil_bridge", "geometry"] = Point()
    assert feature_point(net, "devil_bridge") == pytest.approx((1.5, 0.2))


def test_section_and_feature_labels(net):
    assert section_label(net, "ab") == "A – B"
    assert section_label(net, "cd") == "C – Delta Port"
    assert feature_label(net, "cd") == "C – Delta Port"
    assert feature_label(net, "d") == "Delta Port"
    assert feature_label(net, "big_tunnel") == "Big_Tunnel"
    assert feature_label(net, "unknown-id") == "unknown-id"
    net.nodes.loc["a", "name"] = None
    assert section_label(net, "ab") == "a – B"  # a node without a name shows its id


# ---- nearest section ---------------------------------------------------------------------------
def test_nearest_section_on_the_small_network(net):
    hit = nearest_section(net, 0.5, 0.1)
    assert hit.section == "ab"
    assert hit.point == pytest.approx((0.5, 0.0))
    assert hit.distance_km == pytest.approx(geo.distance_km(0.5, 0.1, 0.5, 0.0))
    # the bypass bends north through (1.5, 0.2): a point just north of it is nearer to it
    assert nearest_section(net, 1.5, 0.3).section == "bc:bypass"
    # restricted to candidates
    assert nearest_section(net, 0.5, 0.1, candidates=["cd"]).section == "cd"
    assert nearest_section(net, 0.5, 0.1, candidates=[]) is None


def _north_net() -> RailNetwork:
    """At 60°N a degree of longitude is half a degree of latitude in km.

    From (0, 60): section 'h' runs 0.3° of latitude north (about 33 km), section 'v' 0.5° of
    longitude east (about 28 km). Nearest in degrees is 'h'; nearest on the ground is 'v'.
    """
    return RailNetwork.from_geojson(
        {
            "type": "FeatureCollection",
            "features": [
                node("h1", -1, 60.3),
                node("h2", 1, 60.3),
                node("v1", 0.5, 59),
                node("v2", 0.5, 61),
                section("h", "h1", "h2", [[-1, 60.3], [1, 60.3]]),
                section("v", "v1", "v2", [[0.5, 59], [0.5, 61]]),
            ],
        }
    )


def test_nearest_section_measures_on_the_ground_not_in_degrees():
    hit = nearest_section(_north_net(), 0.0, 60.0)
    assert hit.section == "v"
    assert hit.point == pytest.approx((0.5, 60.0), abs=1e-6)
    # 0.5° along the 60th parallel: pi/180 * 0.5 * N cos(60°), N = 6,394,209 m -> 27.90 km
    assert hit.distance_km == pytest.approx(27.90, abs=0.02)


def test_nearest_section_index_follows_geometry_edits():
    net = _north_net()
    assert nearest_section(net, 0.0, 60.0).section == "v"
    net.sections.loc["v", "geometry"] = net.sections.loc["v", "geometry"].__class__(
        [(3, 59), (3, 61)]
    )
    assert nearest_section(net, 0.0, 60.0).section == "h"


# ---- paths ------------------------------------------------------------------------------------------
def test_fastest_and_shortest_paths(net):
    fastest = path(net, "a", "d")
    assert fastest.nodes == ("a", "b", "c", "d")
    assert fastest.sections == ("ab", "bc:tunnel", "cd")
    assert fastest.time_h == pytest.approx(2 + 1.25 + 2)
    assert fastest.length_km == pytest.approx(300)
    assert path(net, "a", "d", by="length").sections == ("ab", "bc:tunnel", "cd")


def test_path_avoiding_a_structure_or_within_sections_takes_the_bypass(net):
    detour = path(net, "a", "d", avoid=["big_tunnel"])
    assert detour.sections == ("ab", "bc:bypass", "cd")
    assert detour.time_h == pytest.approx(2 + 7 + 2)
    assert detour.length_km == pytest.approx(340)
    within = path(net, "d", "a", within=["ab", "bc:bypass", "cd"])
    assert within.sections == ("cd", "bc:bypass", "ab")


def test_path_edge_cases(net):
    assert path(net, "a", "d", avoid=["c"]) is None
    assert path(net, "b", "b").sections == ()
    with pytest.raises(KeyError, match="'zz' is not a node"):
        path(net, "a", "zz")
    with pytest.raises(ValueError, match="by must be"):
        path(net, "a", "d", by="cost")


def test_path_follows_a_speed_edit(net):
    net.sections.loc["bc:tunnel", "speed_kmh"] = 5.0  # 20 h through the tunnel
    assert path(net, "a", "d").sections == ("ab", "bc:bypass", "cd")
    assert path(net, "a", "d", by="length").sections == ("ab", "bc:tunnel", "cd")


# ---- networkx ----------------------------------------------------------------------------------------
def test_to_networkx(net):
    graph = net.to_networkx()
    assert isinstance(graph, nx.MultiGraph)
    assert sorted(graph.nodes) == ["a", "b", "c", "d"]
    assert graph.nodes["d"]["name"] == "Delta Port"
    assert (graph.nodes["b"]["lon"], graph.nodes["b"]["lat"]) == (1.0, 0.0)
    assert set(graph["b"]["c"]) == {"bc:tunnel", "bc:bypass"}
    assert graph["b"]["c"]["bc:tunnel"]["time_h"] == pytest.approx(1.25)
    assert graph["c"]["d"]["cd"]["custom_note"] == "kept"
    length = nx.shortest_path_length(graph, "a", "d", weight="length_km")
    assert length == pytest.approx(300)
    graph.remove_node("a")  # a copy: the network keeps its node
    assert "a" in net.nodes.index


# ---- geo ----------------------------------------------------------------------------------------------
def test_geodesic_distances():
    # one degree of latitude at the equator on WGS84: 110.574 km
    assert geo.distance_km(0, 0, 0, 1) == pytest.approx(110.574, abs=0.001)
    assert geo.distance_km(30, 50, 30, 50) == 0.0
    many = geo.distances_km(0, 0, np.array([0.0, 1.0]), np.array([1.0, 0.0]))
    assert many == pytest.approx([110.574, 111.320], abs=0.001)
    from shapely.geometry import LineString

    assert geo.length_km(LineString([(0, 0), (0, 1), (0, 2)])) == pytest.approx(221.149, abs=0.01)


def test_copy_on_write_snapshot_checks_memory_not_values():
    net = RailNetwork.from_geojson(small_fc())
    net.compile()
    snapshot = net._derived["compiled"][1]
    assert set(snapshot.memory) == {
        ("node", "capacity"),
        ("node", "transshipment_capacity"),
        ("section", "from"),
        ("section", "to"),
        ("section", "capacity"),
        ("section", "length_km"),
        ("section", "speed_kmh"),
        ("structure", "section"),
    }
    assert snapshot.values == {}
