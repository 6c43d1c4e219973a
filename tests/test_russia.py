"""The embedded national network `russia`: valid, placed, sourced, and true to published lengths."""

from __future__ import annotations

import gzip
import subprocess
import sys
from functools import cache
from pathlib import Path

import networkx as nx
import pytest

from railwatch.network import validate
from railwatch.network.registry import named_network, resolve_network

REPO_ROOT = Path(__file__).resolve().parent.parent
SHIPPED = REPO_ROOT / "src" / "railwatch" / "network" / "data" / "russia.geojson.gz"
SHIPPED_COLUMNAR = SHIPPED.with_name("russia.npz")
BUILD_SCRIPT = REPO_ROOT / "tools" / "build_russia.py"

MOSCOW_YAROSLAVSKY, VLADIVOSTOK = "195506", "980003"
TAYSHET, SOVETSKAYA_GAVAN = "920002", "968406"
ANGARAKAN, OKUSIKAN, KAZANKAN = "903929", "904003", "905712"


@cache
def net():
    return named_network("russia")


def graph(prefix: str = "", skip: tuple[str, ...] = ()) -> nx.MultiGraph:
    """Sections as a graph weighted by length; only corridor sections whose id starts with
    `prefix` when one is given."""
    g = nx.MultiGraph()
    for sid, row in net().sections.iterrows():
        corridor = row.get("corridor_section")
        if prefix and not (isinstance(corridor, str) and corridor.startswith(prefix)):
            continue
        if sid not in skip:
            g.add_edge(row["from"], row["to"], key=sid, weight=row["length_km"])
    return g


def route_km(g: nx.MultiGraph, a: str, b: str) -> float:
    return nx.shortest_path_length(g, a, b, weight="weight")


def test_shipped_file_validates_and_loads_by_name():
    import json

    collection = json.loads(gzip.decompress(SHIPPED.read_bytes()))
    report = validate(collection, "russia")
    assert report.errors == []
    # reported, not hidden: Kaliningrad, Sakhalin and a few isolated lines are separate parts
    assert report.components[0] > 12_700
    assert len(report.components) == len(report.warnings and report.components)
    assert resolve_network("russia") is net()
    assert len(net().nodes) > 13_000 and len(net().sections) > 13_000


def test_the_fast_loader_builds_the_same_tables_as_from_geojson():
    import json

    import pandas as pd

    from railwatch.network.model import RailNetwork
    from railwatch.network.registry import tables_from_collection

    collection = json.loads(gzip.decompress(SHIPPED.read_bytes()))
    fast = tables_from_collection(collection, "russia")
    slow = RailNetwork.from_geojson(collection, source_name="russia")
    for mine, theirs in (
        (fast.nodes, slow.nodes),
        (fast.sections, slow.sections),
        (fast.structures, slow.structures),
    ):
        assert list(mine.columns) == list(theirs.columns)
        pd.testing.assert_frame_equal(
            pd.DataFrame(mine.drop(columns="geometry")),
            pd.DataFrame(theirs.drop(columns="geometry")),
        )
        assert mine.geometry.geom_equals_exact(theirs.geometry, tolerance=0).all()
        assert mine.crs == theirs.crs
    assert fast.metadata == slow.metadata


def test_the_shipped_columnar_file_gives_exactly_the_geojson_tables():
    import json
    import zipfile

    import pandas as pd

    from railwatch.network.registry import tables_from_collection, tables_from_columnar

    assert net().metadata  # loaded by name, i.e. from the columnar file
    with zipfile.ZipFile(SHIPPED_COLUMNAR) as archive:  # plain arrays, nothing pickled
        assert all(info.filename.endswith(".npy") for info in archive.infolist())
    collection = json.loads(gzip.decompress(SHIPPED.read_bytes()))
    want = tables_from_collection(collection, "russia")
    got = tables_from_columnar(SHIPPED_COLUMNAR.read_bytes(), "russia")
    for mine, theirs in (
        (got.nodes, want.nodes),
        (got.sections, want.sections),
        (got.structures, want.structures),
    ):
        pd.testing.assert_frame_equal(mine, theirs, check_exact=True)
        assert mine.geometry.geom_equals_exact(theirs.geometry, tolerance=0).all()
        assert list(map(type, mine.geometry)) == list(map(type, theirs.geometry))
    assert got.metadata == want.metadata
    assert (got.nodes.index == net().nodes.index).all()


def test_columnar_round_trip_keeps_extras_missing_values_and_lists():
    import pandas as pd

    from railwatch.network.registry import (
        columnar_from_collection,
        tables_from_collection,
        tables_from_columnar,
    )

    def point(fid, x, y, **props):
        geometry = {"type": "Point", "coordinates": [x, y]}
        return {"type": "Feature", "geometry": geometry, "properties": {"id": fid, **props}}

    line = {"type": "LineString", "coordinates": [[30.0, 50.0], [30.5, 50.25], [31.0, 50.5]]}
    collection = {
        "type": "FeatureCollection",
        "name": "tiny",
        "features": [
            point("a", 30.0, 50.0, type="node", name="A", aliases=["Ä"], note="x"),
            point("b", 31.0, 50.5, type="node", name="B"),
            {
                "type": "Feature",
                "geometry": line,
                "properties": {
                    "id": "ab",
                    "type": "section",
                    "from": "a",
                    "to": "b",
                    "gauge": 1520,
                    "length_km": 80.5,
                },
            },
        ],
    }
    want = tables_from_collection(collection, "tiny")
    got = tables_from_columnar(columnar_from_collection(collection), "tiny")
    for kind in ("nodes", "sections", "structures"):
        pd.testing.assert_frame_equal(getattr(got, kind), getattr(want, kind), check_exact=True)
    assert got.nodes.loc["a", "aliases"] == ["Ä"] and got.nodes.loc["b", "aliases"] == []
    assert got.nodes.loc["a", "note"] == "x" and got.nodes.loc["b", "note"] is None
    assert list(got.sections.geometry.iloc[0].coords) == [tuple(c) for c in line["coordinates"]]
    assert got.metadata == {"name": "tiny"}


def test_every_station_is_a_node_with_esr_id_names_region_and_railway():
    nodes = net().nodes
    esr = nodes[nodes.index.str.fullmatch(r"\d{4,6}")]
    assert len(esr) > 13_000
    gudachi = nodes.loc["952304"]
    assert gudachi["name_ru"] == "Гудачи" and gudachi["name"] == "Gudachi"
    assert gudachi["railway"] == "Забайкальская" and gudachi["region"]
    assert (esr["name"].str.len() > 0).all() and (esr["source"].str.startswith("http")).all()


def test_positions_that_are_not_from_osm_are_flagged_and_explained():
    nodes = net().nodes
    flagged = nodes[nodes["position"].notna()]
    assert set(flagged["position"]) == {"interpolated", "repaired", "extrapolated", "sourced"}
    assert len(flagged) > 2_000
    for _, row in flagged[flagged["position"] != "sourced"].iterrows():
        assert row["derived_fields"] == ["coordinates"] and "coordinates" in row["assumption"]
    # Okusikan has no OSM position; interpolation would put it inside the tunnel, so it sits at
    # its published position by the east portal, between its neighbours, with that source
    okusikan = nodes.loc[OKUSIKAN]
    assert okusikan["position"] == "sourced"
    assert okusikan["position_source"].startswith("https://ru.wikipedia.org/")
    assert (okusikan["lat"], okusikan["lon"]) == pytest.approx((56.1922, 113.5558), abs=1e-3)
    lons = sorted([nodes.loc[ANGARAKAN, "lon"], nodes.loc[KAZANKAN, "lon"]])
    assert lons[0] < okusikan["lon"] < lons[1]


def test_no_link_is_hundreds_of_km_long_except_the_few_the_build_reports():
    long = net().sections[net().sections["length_km"] > 150]
    assert len(long) <= 10


def test_adjacent_stations_named_in_reports_are_one_section():
    sections = net().sections
    gudachi_gonzha = sections[
        sections["from"].isin(["952304", "952408"]) & sections["to"].isin(["952304", "952408"])
    ]
    assert len(gudachi_gonzha) == 1
    assert 10 < gudachi_gonzha["length_km"].iloc[0] < 25
    assert "length_km" in gudachi_gonzha["derived_fields"].iloc[0]


def test_moscow_vladivostok_by_the_trans_siberian_is_9288_km():
    km = route_km(graph("ts:"), MOSCOW_YAROSLAVSKY, VLADIVOSTOK)
    assert km == pytest.approx(9288, rel=0.03)


def test_tayshet_sovetskaya_gavan_by_the_bam_is_about_4290_km():
    km = route_km(graph("bam:"), TAYSHET, SOVETSKAYA_GAVAN)
    assert km == pytest.approx(4290, rel=0.03)


def test_tunnel_route_and_bypass_are_parallel_23_and_54_km():
    g = graph()
    tunnel = net().structures.loc["bam:severomuysky_tunnel"]
    bridge = net().structures.loc["bam:devils_bridge"]
    tunnel_section = net().sections.loc[tunnel["section"]]
    assert {tunnel_section["from"], tunnel_section["to"]} == {ANGARAKAN, OKUSIKAN}
    assert route_km(g, ANGARAKAN, KAZANKAN) == pytest.approx(23, rel=0.03)
    bypass = graph(skip=(tunnel["section"],))
    assert route_km(bypass, ANGARAKAN, KAZANKAN) == pytest.approx(54, rel=0.03)
    on_bypass = nx.shortest_path(bypass, ANGARAKAN, KAZANKAN, weight="weight")
    bridge_section = net().sections.loc[bridge["section"]]
    assert {bridge_section["from"], bridge_section["to"]} <= set(on_bypass)
    assert tunnel_section["capacity"] > net().sections.loc[bridge["section"], "capacity"]


def test_cross_border_links_and_the_crimean_bridge_come_from_the_corridor():
    sections = net().sections
    for sid, ends in {
        "kh:khasan-tumangang": {"987002", "tumangang"},
        "kh:tumangang-rajin": {"tumangang", "rajin"},
        "zb:zabaikalsk-manzhouli": {"946801", "manzhouli"},
        "gr:grodekovo-suifenhe": {"989205", "suifenhe"},
        "nl:nizhneleninskoye-tongjiang": {"963205", "tongjiang"},
    }.items():
        assert {sections.loc[sid, "from"], sections.loc[sid, "to"]} == ends, sid
    bridge = net().structures.loc["cr:crimean_bridge"]
    g = graph()
    assert nx.has_path(g, MOSCOW_YAROSLAVSKY, "856906")  # Simferopol
    cut = graph(skip=(bridge["section"],))
    assert not nx.has_path(cut, MOSCOW_YAROSLAVSKY, "856906")


def test_corridor_attributes_are_carried_and_defaults_are_stated():
    sections = net().sections
    on_ts = sections[sections["corridor_section"].fillna("").str.startswith("ts:")]
    assert (on_ts["tracks"] == 2).all() and on_ts["electrified"].all()
    assert on_ts["source"].str.contains("kolejtranssyberyjska|lenta|wiki", regex=True).all()
    elsewhere = sections[sections["corridor_section"].isna()]
    assert set(elsewhere["line"]) == {"through", "branch"}
    assert elsewhere["assumption"].str.contains("defaults").all()
    for sid in ("bam:severomuysky_tunnel", "bam:devils_bridge", "kp:friendship_bridge"):
        assert net().structures.loc[sid, "section"] in sections.index


def test_corridor_nodes_are_findable_on_their_stations():
    nodes = net().nodes
    assert nodes.loc["520102", "corridor_node"] == "tikhoretsk"
    assert "Tikhoretsk" in nodes.loc["520102", "aliases"]
    hits = [m.id for m in net().lookup("Гонжа")]
    assert "952408" in hits


def test_build_script_reproduces_the_shipped_file_byte_for_byte(tmp_path):
    out = tmp_path / "russia.geojson.gz"
    result = subprocess.run(
        [sys.executable, str(BUILD_SCRIPT), "--output", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "wrong coordinates" in result.stderr
    assert out.read_bytes() == SHIPPED.read_bytes()
    assert (tmp_path / "russia.npz").read_bytes() == SHIPPED_COLUMNAR.read_bytes()


def _find(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(Path(sys.executable).parent / "railwatch"), "network", "find", *args],
        capture_output=True,
        text=True,
        check=False,
    )


def test_network_find_lists_matches_with_ids_in_english_or_russian():
    import json

    result = _find("Гонжа", "--network", "russia", "--json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [(r["kind"], r["id"], r["name"]) for r in rows] == [("node", "952408", "Gonzha")]
    result = _find("Devil's Bridge", "--json")
    assert "bam:devils_bridge" in [r["id"] for r in json.loads(result.stdout)]
    missing = _find("Nowhere-on-Rails")
    assert missing.returncode == 1 and "no node, section or structure" in missing.stdout
