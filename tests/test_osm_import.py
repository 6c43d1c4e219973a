"""OSM import: one small hand-built OSM file per known pitfall, plus a property test.

Every imported network is also loaded with RailNetwork.from_geojson, so the output is
checked against the project's own validator, not only against these assertions.
"""

from __future__ import annotations

import math
import tempfile
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pyproj import Geod

from osm_fixtures import OsmDraft, haversine_km, meridian_points
from railwatch.network import RailNetwork
from railwatch.network.osm import OSMImportError, import_osm

GEOD = Geod(ellps="WGS84")
METRE_LAT = 1 / 111_200  # degrees of latitude per metre, near enough for placing test points


def run_import(draft: OsmDraft, directory: Path, name: str = "test.osm", **options) -> dict:
    """Write the draft, import it, and check the result loads as a railwatch network."""
    fc = import_osm(draft.write(directory / name), **options)
    RailNetwork.from_geojson(fc, source_name=name)  # raises NetworkError listing problems
    return fc


def of_type(fc: dict, kind: str) -> list[dict]:
    return [f["properties"] for f in fc["features"] if f["properties"]["type"] == kind]


def features_of_type(fc: dict, kind: str) -> list[dict]:
    return [f for f in fc["features"] if f["properties"]["type"] == kind]


def polyline_km(draft: OsmDraft, refs: list[int]) -> float:
    """Haversine length of a node list (an independent check of the importer's geodesic)."""
    points = [draft.nodes[ref][:2] for ref in refs]
    return sum(haversine_km(*a, *b) for a, b in zip(points[:-1], points[1:], strict=True))


# --- lengths and merging -------------------------------------------------------------------


def test_meridian_length_is_known(tmp_path: Path) -> None:
    draft = OsmDraft()
    refs = meridian_points(draft, 1, 50.0, 40.0, 11, 0.001)
    draft.rail(100, refs, gauge="1520")
    fc = run_import(draft, tmp_path)
    (section,) = of_type(fc, "section")
    # 0.01 degree of latitude is about 1.112 km
    assert section["length_km"] == pytest.approx(1.112, rel=0.01)
    assert section["from"] == "osm:n1" and section["to"] == "osm:n11"
    assert {node["id"] for node in of_type(fc, "node")} == {"osm:n1", "osm:n11"}


def test_chain_of_three_ways_is_one_section_with_full_geometry(tmp_path: Path) -> None:
    draft = OsmDraft()
    refs = meridian_points(draft, 1, 50.0, 40.0, 9, 0.002)
    # shape points off the meridian so that a straightened line would be shorter
    for node_id in (2, 5, 8):
        lat, lon, tags = draft.nodes[node_id]
        draft.nodes[node_id] = (lat, lon + 0.003, tags)
    draft.rail(30, refs[0:4])
    draft.rail(10, list(reversed(refs[3:7])))  # drawn the other way round
    draft.rail(20, refs[6:9])
    fc = run_import(draft, tmp_path)
    (feature,) = features_of_type(fc, "section")
    props = feature["properties"]
    coords = feature["geometry"]["coordinates"]
    assert len(coords) == 9
    expected = [[draft.nodes[r][1], draft.nodes[r][0]] for r in refs]
    if coords[0] != expected[0]:
        expected.reverse()
    assert np.allclose(coords, expected, atol=1e-7)
    assert sorted(props["osm_ways"]) == [10, 20, 30]
    assert props["osm_ways"][1] == 10  # listed in travel order
    assert props["length_km"] == pytest.approx(polyline_km(draft, refs), rel=0.005)
    assert len(of_type(fc, "node")) == 2


def test_y_junction_gives_three_sections_and_a_junction(tmp_path: Path) -> None:
    draft = OsmDraft()
    draft.node(1, 50.00, 40.00)
    draft.node(2, 50.01, 40.00)  # the junction
    draft.node(3, 50.02, 39.99)
    draft.node(4, 50.02, 40.01)
    draft.node(5, 50.015, 39.995)
    draft.rail(1, [1, 2, 5, 3])  # one way runs straight through the junction
    draft.rail(2, [2, 4])
    fc = run_import(draft, tmp_path)
    sections = of_type(fc, "section")
    assert len(sections) == 3
    nodes = {node["id"]: node for node in of_type(fc, "node")}
    assert nodes["osm:n2"]["degree"] == 3
    assert nodes["osm:n2"]["kind"] == "junction"
    assert sorted(nodes) == ["osm:n1", "osm:n2", "osm:n3", "osm:n4"]
    for section in sections:
        assert "osm:n2" in (section["from"], section["to"])
    assert sum(s["length_km"] for s in sections) == pytest.approx(
        polyline_km(draft, [1, 2, 5, 3]) + polyline_km(draft, [2, 4]), rel=0.005
    )


def test_section_speed_keeps_travel_time_and_tracks_take_the_bottleneck(tmp_path: Path) -> None:
    draft = OsmDraft()
    refs = meridian_points(draft, 1, 50.0, 40.0, 3, 0.01)
    draft.rail(1, refs[0:2], maxspeed="100", tracks="2", electrified="contact_line")
    draft.rail(2, refs[1:3], maxspeed="50", tracks="1")
    fc = run_import(draft, tmp_path)
    (section,) = of_type(fc, "section")
    assert section["speed_kmh"] == pytest.approx(2 / (1 / 100 + 1 / 50), rel=0.002)
    assert section["tracks"] == 1
    assert section["electrified"] is False
    assert section["electrified_share"] == pytest.approx(0.5, abs=0.01)
    assert section["capacity"] == 24.0
    assert "capacity" in section["assumption"]


# --- structures ---------------------------------------------------------------------------


def test_tunnel_inside_a_chain_is_a_structure_not_a_break(tmp_path: Path) -> None:
    draft = OsmDraft()
    refs = meridian_points(draft, 1, 55.0, 113.0, 10, 0.003)
    draft.rail(1, refs[0:4], gauge="1520")
    draft.rail(2, refs[3:7], gauge="1520", tunnel="yes", tunnel__name="Severomuysky")
    draft.rail(3, refs[6:10], gauge="1520")
    fc = run_import(draft, tmp_path)
    (section,) = of_type(fc, "section")
    (tunnel,) = of_type(fc, "structure")
    assert tunnel["kind"] == "tunnel"
    assert tunnel["name"] == "Severomuysky"
    assert tunnel["section"] == section["id"]
    assert tunnel["osm_way"] == 2
    assert tunnel["length_m"] == pytest.approx(polyline_km(draft, refs[3:7]) * 1000, rel=0.01)
    assert section["osm_ways"] == [1, 2, 3] or section["osm_ways"] == [3, 2, 1]


def test_tunnel_drawn_as_two_ways_is_one_structure(tmp_path: Path) -> None:
    draft = OsmDraft()
    refs = meridian_points(draft, 1, 55.0, 113.0, 7, 0.003)
    draft.rail(1, refs[0:2])
    draft.rail(2, refs[1:4], tunnel="yes", layer="-1", name="Long tunnel")
    draft.rail(3, refs[3:6], tunnel="yes", layer="-2", name="Long tunnel")
    draft.rail(4, refs[5:7])
    fc = run_import(draft, tmp_path)
    (tunnel,) = of_type(fc, "structure")
    assert tunnel["osm_ways"] in ([2, 3], [3, 2])
    assert tunnel["length_m"] == pytest.approx(polyline_km(draft, refs[1:6]) * 1000, rel=0.01)


def test_bridge_gets_its_name_and_geometry(tmp_path: Path) -> None:
    draft = OsmDraft()
    refs = meridian_points(draft, 1, 42.4, 130.6, 6, 0.001)
    draft.rail(1, refs[0:3])
    draft.rail(2, refs[2:4], bridge="yes", name="Friendship Bridge", **{"name__ru": "Мост Дружбы"})
    draft.rail(3, refs[3:6], bridge="no")
    fc = run_import(draft, tmp_path)
    (bridge_feature,) = features_of_type(fc, "structure")
    bridge = bridge_feature["properties"]
    assert bridge["kind"] == "bridge"
    assert bridge["name"] == "Friendship Bridge"
    assert bridge["name_ru"] == "Мост Дружбы"
    assert bridge_feature["geometry"]["type"] == "LineString"
    assert len(bridge_feature["geometry"]["coordinates"]) == 2
    assert bridge["length_m"] == pytest.approx(111.0, rel=0.01)
    net = RailNetwork.from_geojson(fc)
    assert net.lookup("Мост Дружбы")


def test_viaduct_is_its_own_structure_kind(tmp_path: Path) -> None:
    draft = OsmDraft()
    refs = meridian_points(draft, 1, 50.0, 40.0, 4, 0.001)
    draft.rail(1, refs[0:2])
    draft.rail(2, refs[1:3], bridge="viaduct", bridge__name="High viaduct", name="Main line")
    draft.rail(3, refs[2:4])
    fc = run_import(draft, tmp_path)
    (viaduct,) = of_type(fc, "structure")
    assert (viaduct["kind"], viaduct["name"]) == ("viaduct", "High viaduct")


# --- what is dropped ----------------------------------------------------------------------


def line_with_siding(draft: OsmDraft) -> None:
    refs = meridian_points(draft, 1, 50.0, 40.0, 5, 0.005)
    draft.node(50, 50.006, 40.0005)
    draft.node(51, 50.012, 40.0005)
    draft.rail(1, refs)
    draft.rail(2, [2, 50, 51, 4], service="siding")  # leaves and rejoins the main line


def test_siding_dropped_by_default(tmp_path: Path) -> None:
    draft = OsmDraft()
    line_with_siding(draft)
    fc = run_import(draft, tmp_path)
    assert len(of_type(fc, "section")) == 1
    assert len(of_type(fc, "node")) == 2
    assert fc["railwatch"]["stats"]["ways_dropped_service"] == 1


def test_siding_kept_with_keep_service(tmp_path: Path) -> None:
    draft = OsmDraft()
    line_with_siding(draft)
    fc = run_import(draft, tmp_path, keep_service=True)
    sections = of_type(fc, "section")
    assert len(sections) == 4  # 1-2, 2-4 main, 2-4 siding, 4-5
    sidings = [s for s in sections if s["service"] == "siding"]
    assert len(sidings) == 1 and sidings[0]["osm_ways"] == [2]
    assert {sidings[0]["from"], sidings[0]["to"]} == {"osm:n2", "osm:n4"}


def test_platform_tram_and_tram_stop_make_no_vertices(tmp_path: Path) -> None:
    draft = OsmDraft()
    refs = meridian_points(
        draft,
        1,
        50.0,
        40.0,
        5,
        0.002,
        tags_at={
            2: {"railway": "tram_stop", "name": "Tram stop"},
            3: {"railway": "platform", "name": "Platform node"},
        },
    )
    draft.rail(1, refs)
    draft.node(60, 50.004, 40.001)
    draft.node(61, 50.006, 40.001)
    draft.way(2, [60, 3, 61], {"railway": "platform"})  # a platform edge sharing a rail node
    draft.node(70, 50.004, 39.99)
    draft.way(3, [70, 3], {"railway": "tram"})  # tram track ending on a rail node
    draft.way(4, [70, 2], {"railway": "subway"})
    draft.way(5, [70, 4], {"railway": "light_rail"})
    draft.way(6, [70, 1], {"railway": "abandoned"})
    draft.way(7, [70, 5], {"railway": "rail", "disused": "yes"})
    fc = run_import(draft, tmp_path)
    assert [s["osm_ways"] for s in of_type(fc, "section")] == [[1]]
    assert sorted(n["id"] for n in of_type(fc, "node")) == ["osm:n1", "osm:n5"]
    assert fc["railwatch"]["stats"]["ways_dropped_disused"] == 1


def test_tiny_fragment_dropped_and_counted(tmp_path: Path) -> None:
    draft = OsmDraft()
    draft.rail(1, meridian_points(draft, 1, 50.0, 40.0, 3, 0.01))
    draft.rail(2, meridian_points(draft, 10, 50.0, 40.5, 2, 20 * METRE_LAT))  # 20 m stub
    fc = run_import(draft, tmp_path)
    assert [s["osm_ways"] for s in of_type(fc, "section")] == [[1]]
    stats = fc["railwatch"]["stats"]
    assert stats["fragments_dropped"] == 1
    assert stats["fragments_dropped_km"] == pytest.approx(0.02, abs=0.002)
    kept = run_import(draft, tmp_path, name="again.osm", min_length_km=0.0)
    assert len(of_type(kept, "section")) == 2


# --- tracks that touch without sharing a node ---------------------------------------------


def test_end_to_end_touch_without_shared_node_is_joined(tmp_path: Path) -> None:
    draft = OsmDraft()
    first = meridian_points(draft, 1, 50.0, 40.0, 3, 0.005)
    second = meridian_points(draft, 11, 50.01 + 1.0 * METRE_LAT, 40.0, 3, 0.005)  # 1 m gap
    draft.rail(1, first)
    draft.rail(2, second)
    fc = run_import(draft, tmp_path)
    (section,) = of_type(fc, "section")
    assert sorted(section["osm_ways"]) == [1, 2]
    assert fc["railwatch"]["stats"]["ends_snapped"] == 1
    apart = run_import(draft, tmp_path, name="apart.osm", snap_tolerance_m=0.5)
    assert len(of_type(apart, "section")) == 2
    assert apart["railwatch"]["stats"]["components"] == 2


def test_branch_ending_next_to_a_line_node_makes_a_junction(tmp_path: Path) -> None:
    draft = OsmDraft()
    main = meridian_points(draft, 1, 50.0, 40.0, 5, 0.005)
    draft.rail(1, main)
    # a branch from the east whose last node stops 1.5 m short of main-line node 3
    lat3, lon3, _ = draft.nodes[3]
    draft.node(20, lat3, lon3 + 0.01)
    draft.node(21, lat3, lon3 + 1.5 * METRE_LAT / 0.6428)  # cos(50 deg) ~ 0.6428
    draft.rail(2, [20, 21])
    fc = run_import(draft, tmp_path)
    assert len(of_type(fc, "section")) == 3
    nodes = {n["id"]: n for n in of_type(fc, "node")}
    assert nodes["osm:n3"]["degree"] == 3
    assert "osm:n21" not in nodes
    assert fc["railwatch"]["stats"]["components"] == 1


def test_branch_ending_on_a_long_segment_is_joined_into_it(tmp_path: Path) -> None:
    draft = OsmDraft()
    draft.node(1, 55.0, 83.0)
    draft.node(2, 55.05, 83.0)  # one 5.5 km segment, no node near the branch
    draft.rail(1, [1, 2])
    lat = 55.0231
    draft.node(20, lat, 83.02)
    draft.node(21, lat, 83.0 - 1.2 * METRE_LAT / 0.5736)  # 1.2 m west of the line
    draft.rail(2, [20, 21])
    fc = run_import(draft, tmp_path)
    sections = of_type(fc, "section")
    assert len(sections) == 3
    assert all("osm:n21" in (s["from"], s["to"]) for s in sections)
    assert fc["railwatch"]["stats"]["ends_snapped_to_segment"] == 1
    main_km = GEOD.line_length([83.0, 83.0], [55.0, 55.05]) / 1000.0
    on_main = [s["length_km"] for s in sections if s["osm_ways"] == [1]]
    assert sum(on_main) == pytest.approx(main_km, rel=1e-5)


def test_parallel_tracks_four_metres_apart_stay_apart(tmp_path: Path) -> None:
    draft = OsmDraft()
    draft.rail(1, meridian_points(draft, 1, 50.0, 40.0, 3, 0.005))
    offset = 4.0 * METRE_LAT / 0.6428
    draft.rail(2, meridian_points(draft, 11, 50.0, 40.0 + offset, 3, 0.005))
    fc = run_import(draft, tmp_path)
    assert len(of_type(fc, "section")) == 2
    assert fc["railwatch"]["stats"]["ends_snapped"] == 0


# --- tags -----------------------------------------------------------------------------------


def test_dual_gauge_and_electrification(tmp_path: Path) -> None:
    draft = OsmDraft()
    draft.rail(
        1,
        meridian_points(draft, 1, 42.4, 130.6, 3, 0.005),
        gauge="1520;1435",
        electrified="contact_line",
        tracks="2",
        usage="main",
        name="Khasan line",
    )
    fc = run_import(draft, tmp_path)
    (section,) = of_type(fc, "section")
    assert section["gauge"] == "dual"
    assert section["gauge_tag"] == "1520;1435"
    assert section["electrified"] is True
    assert section["tracks"] == 2
    assert section["capacity"] == pytest.approx(125.0)
    assert section["line"] == "Khasan line"
    assert section["speed_kmh"] == 80.0
    assert "speed_kmh" in section["assumption"]


def test_gauge_change_between_ways_splits_the_section(tmp_path: Path) -> None:
    draft = OsmDraft()
    refs = meridian_points(draft, 1, 49.6, 117.3, 5, 0.005)
    draft.rail(1, refs[0:3], gauge="1435")
    draft.rail(2, refs[2:5], gauge="1520")
    fc = run_import(draft, tmp_path)
    gauges = sorted(s["gauge"] for s in of_type(fc, "section"))
    assert gauges == ["1435", "1520"]
    assert any(n["id"] == "osm:n3" for n in of_type(fc, "node"))


def test_untagged_gauge_takes_the_files_common_gauge(tmp_path: Path) -> None:
    draft = OsmDraft()
    draft.rail(1, meridian_points(draft, 1, 55.0, 83.0, 3, 0.005), gauge="1520")
    draft.rail(2, meridian_points(draft, 11, 55.0, 84.0, 3, 0.005))
    fc = run_import(draft, tmp_path)
    by_way = {s["osm_ways"][0]: s for s in of_type(fc, "section")}
    assert by_way[2]["gauge"] == "1520"
    assert "gauge 1520 assumed" in by_way[2]["assumption"]
    assert "gauge" not in by_way[1]["assumption"]


def test_station_on_the_line_is_a_named_vertex(tmp_path: Path) -> None:
    draft = OsmDraft()
    station = {"railway": "station", "name": "Tynda", "name:ru": "Тында"}
    refs = meridian_points(draft, 1, 55.1, 124.7, 5, 0.005, tags_at={2: station})
    draft.rail(1, refs)
    fc = run_import(draft, tmp_path)
    assert len(of_type(fc, "section")) == 2
    nodes = {n["id"]: n for n in of_type(fc, "node")}
    assert nodes["osm:n3"]["name"] == "Tynda"
    assert nodes["osm:n3"]["name_ru"] == "Тында"
    assert nodes["osm:n3"]["kind"] == "station"
    assert RailNetwork.from_geojson(fc).lookup("Тында")
    merged = run_import(draft, tmp_path, name="merged.osm", split_at_stations=False)
    assert len(of_type(merged, "section")) == 1


def test_station_beside_the_track_names_the_nearest_track_node(tmp_path: Path) -> None:
    draft = OsmDraft()
    refs = meridian_points(draft, 1, 55.1, 124.7, 7, 0.005)
    draft.rail(1, refs)
    lat3 = draft.nodes[3][0]
    # 120 m east of node 3: a named station off the track
    draft.node(500, lat3, 124.7 + 120 * METRE_LAT / 0.5721, {"railway": "station", "name": "Tynda"})
    # a subway station and a far-away halt must not attach
    draft.node(
        501,
        draft.nodes[5][0],
        124.7005,
        {"railway": "station", "station": "subway", "name": "Metro"},
    )
    draft.node(502, draft.nodes[6][0], 124.72, {"railway": "halt", "name": "Far halt"})
    fc = run_import(draft, tmp_path)
    nodes = {n["id"]: n for n in of_type(fc, "node")}
    assert sorted(nodes) == ["osm:n1", "osm:n3", "osm:n7"]
    assert nodes["osm:n3"]["name"] == "Tynda"
    assert nodes["osm:n3"]["kind"] == "station"
    assert nodes["osm:n3"]["osm_station"] == 500
    assert "station node 500" in nodes["osm:n3"]["source"]
    assert len(of_type(fc, "section")) == 2
    off = run_import(draft, tmp_path, name="off.osm", station_radius_m=0)
    assert len(of_type(off, "section")) == 1


def test_flat_crossing_is_not_a_junction(tmp_path: Path) -> None:
    draft = OsmDraft()
    draft.node(1, 50.0, 40.0)
    draft.node(2, 50.01, 40.0, {"railway": "railway_crossing"})
    draft.node(3, 50.02, 40.0)
    draft.node(4, 50.01, 39.99)
    draft.node(5, 50.01, 40.01)
    draft.rail(1, [1, 2, 3])
    draft.rail(2, [4, 2, 5])
    fc = run_import(draft, tmp_path)
    assert len(of_type(fc, "section")) == 2
    assert "osm:n2" not in {n["id"] for n in of_type(fc, "node")}


def test_closed_ring_becomes_two_sections_not_a_loop(tmp_path: Path) -> None:
    draft = OsmDraft()
    for i, (dlat, dlon) in enumerate([(0, 0), (0.01, 0), (0.01, 0.01), (0, 0.01)], start=1):
        draft.node(i, 50 + dlat, 40 + dlon)
    draft.rail(1, [1, 2, 3, 4, 1])
    fc = run_import(draft, tmp_path)
    sections = of_type(fc, "section")
    assert len(sections) == 2
    assert all(s["from"] != s["to"] for s in sections)


def test_way_with_nodes_missing_from_a_clipped_extract(tmp_path: Path) -> None:
    draft = OsmDraft()
    refs = meridian_points(draft, 1, 50.0, 40.0, 4, 0.005)
    draft.rail(1, [*refs, 999])  # node 999 lies outside the extract
    fc = run_import(draft, tmp_path)
    (section,) = of_type(fc, "section")
    assert section["to"] == "osm:n4"
    assert fc["railwatch"]["stats"]["nodes_missing"] == 1


# --- file formats and errors ----------------------------------------------------------------


@pytest.mark.parametrize("name", ["line.osm.pbf", "line.osm.bz2"])
def test_pbf_and_bz2_give_the_same_network_as_xml(tmp_path: Path, name: str) -> None:
    draft = OsmDraft()
    refs = meridian_points(draft, 1, 50.0, 40.0, 7, 0.002)
    draft.node(50, 50.004, 40.01)
    draft.rail(1, refs[0:4], tunnel="yes")
    draft.rail(2, refs[3:7])
    draft.rail(3, [4, 50], usage="branch")
    xml = run_import(draft, tmp_path, name="line.osm")
    other = run_import(draft, tmp_path, name=name)
    assert other["features"] == xml["features"]


def test_missing_file_is_an_error_naming_it(tmp_path: Path) -> None:
    with pytest.raises(OSMImportError, match="nowhere.osm.pbf: file not found"):
        import_osm(tmp_path / "nowhere.osm.pbf")


def test_empty_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.osm.pbf"
    path.write_bytes(b"")
    with pytest.raises(OSMImportError, match="empty.osm.pbf: file is empty"):
        import_osm(path)


@pytest.mark.parametrize(
    ("name", "content"),
    [("broken.osm", b"<osm><node id='1' lat="), ("broken.osm.pbf", b"\x00\x00\x00\x0dnot a pbf")],
)
def test_corrupt_file_is_an_error(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(OSMImportError, match=f"{name}: cannot read OSM data"):
        import_osm(path)


def test_file_without_rail_is_an_error(tmp_path: Path) -> None:
    draft = OsmDraft()
    draft.way(1, meridian_points(draft, 1, 50.0, 40.0, 3, 0.01), {"highway": "primary"})
    draft.way(2, [1, 3], {"railway": "tram"})
    with pytest.raises(OSMImportError, match="roads.osm: no railway=rail ways found"):
        import_osm(draft.write(tmp_path / "roads.osm"))


def test_file_with_only_sidings_suggests_keep_service(tmp_path: Path) -> None:
    draft = OsmDraft()
    draft.rail(1, meridian_points(draft, 1, 50.0, 40.0, 3, 0.01), service="yard")
    with pytest.raises(OSMImportError, match="keep_service"):
        import_osm(draft.write(tmp_path / "yard.osm"))
    assert len(of_type(import_osm(tmp_path / "yard.osm", keep_service=True), "section")) == 1


def test_progress_reports_dropped_fragments(tmp_path: Path) -> None:
    draft = OsmDraft()
    draft.rail(1, meridian_points(draft, 1, 50.0, 40.0, 3, 0.01))
    messages: list[str] = []
    import_osm(draft.write(tmp_path / "p.osm"), progress=messages.append)
    assert any("fragments dropped" in message for message in messages)
    assert all("p.osm" in message for message in messages)


# --- property: random trees -----------------------------------------------------------------


@st.composite
def random_trees(draw: st.DrawFn) -> tuple[OsmDraft, list[int]]:
    """A random tree of rail lines; each tree edge is drawn as 1-3 ways, some reversed."""
    n_vertices = draw(st.integers(2, 9))
    draft = OsmDraft()
    for v in range(1, n_vertices + 1):
        # junctions on a circle of ~5 km radius: no three in line, so no line passes within
        # snapping distance of a junction it does not reach, even with bends of ~300 m
        angle = 2 * math.pi * v / 9
        draft.node(v, 50 + 0.05 * math.sin(angle), 40 + 0.078 * math.cos(angle))
    next_node, next_way = 1000, 1
    way_ids = []
    for v in range(2, n_vertices + 1):
        parent = draw(st.integers(1, v - 1))
        (lat0, lon0, _), (lat1, lon1, _) = draft.nodes[parent], draft.nodes[v]
        n_inner = draw(st.integers(0, 5))
        inner = []
        for k in range(1, n_inner + 1):
            t = k / (n_inner + 1)
            bend = draw(st.floats(-0.003, 0.003))
            inner.append(
                draft.node(next_node, lat0 + (lat1 - lat0) * t + bend, lon0 + (lon1 - lon0) * t)
            )
            next_node += 1
        refs = [parent, *inner, v]
        cuts = sorted(draw(st.sets(st.integers(1, len(refs) - 2), max_size=2))) if inner else []
        bounds = [0, *cuts, len(refs) - 1]
        for a, b in zip(bounds[:-1], bounds[1:], strict=True):
            piece = refs[a : b + 1]
            if draw(st.booleans()):
                piece.reverse()
            tags = {"tunnel": "yes"} if draw(st.integers(0, 4)) == 0 else {}
            draft.rail(next_way, piece, **tags)
            way_ids.append(next_way)
            next_way += 1
    return draft, way_ids


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_trees())
def test_random_trees_keep_total_length_and_valid_ends(tree: tuple[OsmDraft, list[int]]) -> None:
    draft, way_ids = tree
    with tempfile.TemporaryDirectory() as directory:
        fc = run_import(draft, Path(directory), min_length_km=0.0)
    sections = of_type(fc, "section")
    node_ids = {n["id"] for n in of_type(fc, "node")}
    way_km = 0.0
    for refs, _ in draft.ways.values():
        lats = [draft.nodes[r][0] for r in refs]
        lons = [draft.nodes[r][1] for r in refs]
        way_km += GEOD.line_length(lons, lats) / 1000.0
    assert sum(s["length_km"] for s in sections) == pytest.approx(way_km, rel=1e-6)
    for section in sections:
        assert section["from"] in node_ids and section["to"] in node_ids
        assert section["from"] != section["to"]
    # a tree stays a tree: one section fewer than vertices, and every way is used once
    assert len(sections) == len(node_ids) - 1
    assert sorted(w for s in sections for w in s["osm_ways"]) == sorted(way_ids)
    section_ids = {s["id"] for s in sections}
    assert all(st_["section"] in section_ids for st_ in of_type(fc, "structure"))
