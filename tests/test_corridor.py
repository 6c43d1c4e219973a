"""The embedded corridor network: valid, connected, sourced, complete, and reproducible."""

from __future__ import annotations

import csv
import importlib.util
import json
import subprocess
import sys
from functools import cache
from pathlib import Path

import networkx as nx
import pytest

from railwatch.network import default_network, validate

REPO_ROOT = Path(__file__).resolve().parent.parent
CORRIDOR = REPO_ROOT / "src" / "railwatch" / "network" / "data" / "corridor.geojson"
BUILD_SCRIPT = REPO_ROOT / "tools" / "build_corridor.py"
EXTRA_DIR = REPO_ROOT / "tools" / "corridor_extra"

# Places the corridor must contain (issue: "at least").
REQUIRED_NODES = [
    # Trans-Siberian, Moscow to Vladivostok
    "moscow", "tayshet", "irkutsk", "ulan_ude", "chita", "karymskaya", "bamovskaya",
    "skovorodino", "belogorsk", "khabarovsk", "ussuriysk", "vladivostok",
    # BAM
    "ust_kut", "severobaikalsk", "itykit", "okusikan", "taksimo", "novaya_chara", "tynda",
    "novy_urgal", "komsomolsk", "vanino", "sovetskaya_gavan", "volochayevka_2",
    # borders and ports
    "baranovsky", "khasan", "tumangang", "rajin", "zabaikalsk", "manzhouli", "nakhodka_vostochny",
    # west of Omsk
    "omsk", "yekaterinburg", "perm", "yaroslavl", "chelyabinsk", "samara", "ulyanovsk",
    # railheads
    "bryansk", "kursk", "belgorod", "voronezh", "rostov", "tikhoretsk", "krasnodar", "dzhankoy",
    "simferopol",
]  # fmt: skip


def reference_dir() -> Path:
    """The repository's own copy of the reference CSVs (tools/reference): no files outside it."""
    return REPO_ROOT / "tools" / "reference"


@cache
def collection() -> dict:
    return json.loads(CORRIDOR.read_text(encoding="utf-8"))


def features(kind: str) -> list[dict]:
    return [f for f in collection()["features"] if f["properties"]["type"] == kind]


def props_by_id(kind: str) -> dict[str, dict]:
    return {f["properties"]["id"]: f["properties"] for f in features(kind)}


def graph(skip: tuple[str, ...] = ()) -> nx.MultiGraph:
    g = nx.MultiGraph()
    g.add_nodes_from(props_by_id("node"))
    for sid, p in props_by_id("section").items():
        if sid not in skip:
            g.add_edge(p["from"], p["to"], key=sid)
    return g


@cache
def builder():
    spec = importlib.util.spec_from_file_location("build_corridor", BUILD_SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_corridor"] = module
    spec.loader.exec_module(module)
    return module


# ----------------------------------------------------------------------------- file-level


def test_file_validates_without_errors_and_loads():
    report = validate(collection(), "corridor.geojson")
    assert report.errors == []
    net = default_network()
    assert len(net.nodes) == len(features("node"))
    assert len(net.sections) == len(features("section"))
    assert len(net.structures) == len(features("structure"))


def test_network_is_one_connected_component():
    assert nx.number_connected_components(graph()) == 1


def test_build_script_reproduces_committed_file_byte_for_byte(tmp_path):
    out = tmp_path / "corridor.geojson"
    result = subprocess.run(
        [
            sys.executable,
            str(BUILD_SCRIPT),
            "--reference",
            str(reference_dir()),
            "--output",
            str(out),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() == CORRIDOR.read_bytes()


def test_build_script_reports_a_missing_reference_and_writes_nothing(tmp_path):
    out = tmp_path / "corridor.geojson"
    result = subprocess.run(
        [sys.executable, str(BUILD_SCRIPT), "--reference", str(tmp_path / "nowhere"),
         "--output", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )  # fmt: skip
    assert result.returncode == 1
    assert "corridor_nodes.csv: reference file not found" in result.stderr
    assert not out.exists()


# ----------------------------------------------------------------------------- provenance


def test_every_feature_has_a_source():
    for feat in collection()["features"]:
        p = feat["properties"]
        assert isinstance(p.get("source"), str) and p["source"].strip(), p["id"]
        assert all(part.startswith("http") for part in p["source"].split(" | ")), p["id"]


def test_every_derived_figure_is_explained_in_the_assumption():
    for feat in collection()["features"]:
        p = feat["properties"]
        for field in p.get("derived_fields", []):
            assert p.get("assumption"), f"{p['id']}: {field} derived but no assumption"
        for field in ("length_km", "capacity", "speed_kmh", "tracks", "transshipment_capacity"):
            if field in p.get("derived_fields", []):
                assert field in p["assumption"], f"{p['id']}: {field} not explained"


def _published_speeds() -> dict[str, str]:
    rows = []
    for path in (reference_dir() / "corridor_sections.csv", EXTRA_DIR / "sections.csv"):
        with path.open(encoding="utf-8") as handle:
            rows += list(csv.DictReader(handle))
    return {row["id"]: row["speed_kmh"] for row in rows if row.get("speed_kmh")}


def test_section_numbers_are_published_or_marked_derived():
    published_speed = _published_speeds()
    for sid, p in props_by_id("section").items():
        derived = set(p["derived_fields"])
        if "capacity" not in derived:
            assert p["capacity"] == p.get("capacity_train_pairs_per_day"), sid
        if "length_km" not in derived:
            basis = p.get("length_basis", "")
            assert basis and not basis.lower().startswith(("derived", "not found")), sid
        if "speed_kmh" not in derived:
            assert sid in published_speed, sid
        if p["assumption"] is None:
            assert not derived, sid


def test_node_capacities_and_placeholders_carry_an_assumption():
    for nid, p in props_by_id("node").items():
        for field in ("capacity", "transshipment_capacity"):
            if field in p:
                assert p[field] > 0
                assert field in p.get("assumption", ""), f"{nid}: {field} not explained"
        if "PLACEHOLDER" in p.get("coord_precision", "").upper():
            assert "placeholder" in p.get("assumption", "").lower(), nid
    for nid in ("bamovskaya", "itykit", "uglovaya"):
        assert "coordinates" in props_by_id("node")[nid]["derived_fields"]


# ----------------------------------------------------------------------------- coverage


def test_required_places_are_present():
    nodes = props_by_id("node")
    missing = [n for n in REQUIRED_NODES if n not in nodes]
    assert missing == []
    assert nodes["manzhouli"]["country"] == "CN"
    assert nodes["rajin"]["country"] == "KP" and nodes["tumangang"]["country"] == "KP"


def test_names_and_aliases_are_found_in_english_and_russian():
    net = default_network()
    expected = {
        "Комсомольск": "komsomolsk",
        "Komsomolsk-na-Amure": "komsomolsk",
        "Северомуйский тоннель": "bam:severomuysky_tunnel",
        "Чертов мост": "bam:devils_bridge",
        "Crimean Bridge": "cr:crimean_bridge",
        "Мост Дружбы": "kp:friendship_bridge",
        "Najin": "rajin",
        "Tikhoretskaya": "tikhoretsk",
    }
    for text, wanted in expected.items():
        assert wanted in [m.id for m in net.lookup(text)], text


def _path_through(prefixes: tuple[str, ...], start: str, end: str) -> list[str]:
    g = nx.Graph()
    for sid, p in props_by_id("section").items():
        if sid.startswith(prefixes):
            g.add_edge(p["from"], p["to"], weight=p["length_km"])
    return nx.shortest_path(g, start, end, weight="weight")


def test_trans_siberian_runs_moscow_to_vladivostok_through_its_cities():
    path = _path_through(("ts:",), "moscow", "vladivostok")
    for city in ("yaroslavl", "perm", "yekaterinburg", "omsk", "tayshet", "irkutsk", "ulan_ude",
                 "chita", "karymskaya", "bamovskaya", "belogorsk", "khabarovsk", "ussuriysk"):  # fmt: skip
        assert city in path, city


def test_bam_runs_tayshet_to_sovetskaya_gavan_with_its_links():
    path = _path_through(("bam:",), "tayshet", "sovetskaya_gavan")
    for place in ("ust_kut", "severobaikalsk", "itykit", "okusikan", "taksimo", "novaya_chara",
                  "tynda", "novy_urgal", "komsomolsk", "vanino"):  # fmt: skip
        assert place in path, place
    sections = props_by_id("section")
    assert {sections["lb:bamovskaya-tynda"]["from"], sections["lb:bamovskaya-tynda"]["to"]} == {
        "bamovskaya",
        "tynda",
    }
    volk = sections["vk:komsomolsk-volochayevka_2"]
    assert {volk["from"], volk["to"]} == {"komsomolsk", "volochayevka_2"}


def test_two_node_disjoint_routes_join_omsk_and_moscow():
    g = nx.Graph(graph())
    assert nx.node_connectivity(g, "omsk", "moscow") >= 2
    north = ("yaroslavl", "kirov", "perm", "yekaterinburg")
    south = ("chelyabinsk", "ufa", "samara", "syzran")
    assert nx.has_path(g.subgraph(set(g) - set(south)), "omsk", "moscow")
    assert nx.has_path(g.subgraph(set(g) - set(north)), "omsk", "moscow")
    assert "ulyanovsk" in g


def test_railheads_are_reachable_from_khasan_and_crimea_hangs_on_the_bridge():
    g = graph()
    for railhead in ("bryansk", "belgorod", "rostov", "tikhoretsk", "simferopol"):
        assert nx.has_path(g, "khasan", railhead)
    bridge = props_by_id("structure")["cr:crimean_bridge"]
    assert bridge["kind"] == "bridge"
    without = graph(skip=(bridge["section"],))
    assert not nx.has_path(without, "moscow", "simferopol")


# ----------------------------------------------------------------------------- key structures


def test_tunnel_and_bypass_are_parallel_and_the_tunnel_carries_more():
    sections = props_by_id("section")
    tunnel = sections["bam:itykit-okusikan:tunnel"]
    bypass = sections["bam:itykit-okusikan:bypass"]
    assert (
        {tunnel["from"], tunnel["to"]} == {bypass["from"], bypass["to"]} == {"itykit", "okusikan"}
    )
    assert tunnel["capacity"] > bypass["capacity"] > 0
    assert tunnel["speed_kmh"] > bypass["speed_kmh"]
    structures = props_by_id("structure")
    assert structures["bam:severomuysky_tunnel"]["section"] == "bam:itykit-okusikan:tunnel"
    assert structures["bam:severomuysky_tunnel"]["kind"] == "tunnel"
    assert structures["bam:devils_bridge"]["section"] == "bam:itykit-okusikan:bypass"
    assert structures["bam:devils_bridge"]["kind"] == "viaduct"


def test_closing_tunnel_and_bypass_cuts_the_bam_so_traffic_takes_the_trans_siberian():
    closed = graph(skip=("bam:itykit-okusikan:tunnel", "bam:itykit-okusikan:bypass"))
    assert nx.has_path(closed, "severobaikalsk", "taksimo")  # only the long way round
    path = nx.shortest_path(closed, "khasan", "severobaikalsk")
    assert "tayshet" in path and "taksimo" not in path
    closed.remove_node("tayshet")
    assert not nx.has_path(closed, "severobaikalsk", "taksimo")


def test_friendship_bridge_is_the_only_link_to_tumangang_and_rajin():
    bridge = props_by_id("structure")["kp:friendship_bridge"]
    assert bridge["section"] == "kh:khasan-tumangang"
    section = props_by_id("section")["kh:khasan-tumangang"]
    assert section["gauge"] == "dual"
    assert props_by_id("section")["kh:tumangang-rajin"]["gauge"] in {"dual", "1435"}
    cut = graph(skip=("kh:khasan-tumangang",))
    assert not nx.has_path(cut, "tumangang", "khasan")
    assert not nx.has_path(cut, "rajin", "moscow")


def test_gauge_breaks_carry_transshipment_capacity():
    gauges: dict[str, set[str]] = {}
    for p in props_by_id("section").values():
        for end in (p["from"], p["to"]):
            gauges.setdefault(end, set()).add(p["gauge"])
    nodes = props_by_id("node")
    breaks = [n for n, found in gauges.items() if len(found) > 1]
    assert {"zabaikalsk", "khasan"} <= set(breaks)
    for node in [*breaks, "tumangang"]:
        assert nodes[node].get("transshipment_capacity", 0) > 0, node
    manzhouli = props_by_id("section")["zb:zabaikalsk-manzhouli"]
    assert manzhouli["gauge"] in {"1435", "dual"}


def test_structures_sit_on_or_near_their_sections():
    build = builder()
    sections = {f["properties"]["id"]: f["geometry"]["coordinates"] for f in features("section")}
    for feat in features("structure"):
        point = feat["geometry"]["coordinates"]
        line = sections[feat["properties"]["section"]]
        nearest = min(build.haversine_km(point, vertex) for vertex in line)
        span = max(build.haversine_km(a, b) for a, b in zip(line, line[1:], strict=False))
        assert nearest <= span, feat["properties"]["id"]


# ----------------------------------------------------------------------------- build helpers


def test_haversine_and_point_along_known_answers():
    build = builder()
    assert build.haversine_km((0.0, 0.0), (0.0, 1.0)) == pytest.approx(111.195, abs=0.01)
    line = [(0.0, 0.0), (0.0, 1.0), (0.0, 3.0)]
    assert build.polyline_km(line) == pytest.approx(3 * 111.195, abs=0.03)
    assert build.point_along(line, 0.5) == pytest.approx((0.0, 1.5))
    assert build.point_along(line, 0.0) == pytest.approx((0.0, 0.0))
    assert build.point_along(line, 1.0) == pytest.approx((0.0, 3.0))


def test_extra_rows_amend_reference_rows():
    build = builder()
    merged = build.merge_rows(
        [{"id": "a", "name": "A", "source": "http://x", "aliases": "one"}],
        [
            {"id": "a", "name": "", "source": "http://y", "aliases": "one; two", "assumption": "z"},
            {"id": "b", "name": "B", "source": "http://b"},
        ],
        "nodes",
    )
    assert merged["a"] == {
        "id": "a",
        "name": "A",
        "source": "http://x | http://y",
        "aliases": "one; two",
        "assumption": "z",
    }
    assert merged["b"]["name"] == "B"


def test_parse_number_reads_leading_figures_only():
    build = builder()
    assert build.parse_number("100 (design)") == 100.0
    assert build.parse_number("35.7") == 35.7
    assert build.parse_number("not found") is None
    assert build.parse_number("") is None


# ----------------------------------------------------------------------------- checked against sources


def test_errors_found_against_sources_are_fixed():
    sections = props_by_id("section")
    karymskaya = sections["zb:karymskaya-zabaikalsk"]
    assert karymskaya["electrified"] is True and "electrified" not in karymskaya["derived_fields"]
    volgograd = sections["w:tikhoretsk-volgograd"]
    assert volgograd["tracks"] == 2 and volgograd["electrified"] is True
    assert not {"tracks", "electrified"} & set(volgograd["derived_fields"])
    assert sections["w:moscow-bryansk"]["length_km"] == 379
    rajin = next(f for f in features("node") if f["properties"]["id"] == "rajin")
    assert rajin["geometry"]["coordinates"] == [130.2892, 42.2497]


def test_capacities_agree_with_the_tonnage_recorded_on_the_same_section():
    for sid, p in props_by_id("section").items():
        if "capacity_mt_per_year" in p and "capacity_train_pairs_per_day" not in p:
            assert p["capacity"] == p["capacity_mt_per_year"], sid
            assert "Mt/yr" in p["assumption"], sid


def test_mirror_and_search_page_sources_are_replaced_by_the_pages_they_copy():
    sources = " | ".join(f["properties"]["source"] for f in collection()["features"])
    for mirror in ("perceptiopt.com", "wiki.x.io", "hmong.ru", "brorelol.gay", "wikibrief.org"):
        assert mirror not in sources, mirror
    assert "ru.wikipedia.org/wiki/" in sources and "en.wikipedia.org/wiki/" in sources
    build = builder()
    rules = [(build.re.compile(r"^https?://hmong\.ru/ru/(.+)$"), r"https://ru.wikipedia.org/wiki/\1",
              "mirror"), (build.re.compile(r"^https?://s\.example/.*q=.*$"), "", "search")]  # fmt: skip
    text = "https://hmong.ru/ru/Окусикан | https://s.example/x?q=a;b | https://a.example/p"
    assert build.rewrite_sources(text, rules) == (
        "https://ru.wikipedia.org/wiki/Окусикан | https://a.example/p"
    )
    assert build.rewrite_sources("https://s.example/x?q=a", rules) == "https://s.example/x?q=a"


def test_sections_follow_the_station_chains_of_the_national_network():
    from railwatch.network.stations import load_stations

    sections = {f["properties"]["id"]: f for f in features("section")}
    followed = [sid for sid, f in sections.items() if "stations" in f["properties"]]
    assert len(followed) >= 50
    # Gudachi and Gonzha (Trans-Siberian, Amur region) are vertices of Skovorodino–Belogorsk
    stations = load_stations().set_index("esr")
    line = sections["ts:skovorodino-belogorsk"]["geometry"]["coordinates"]
    for esr in ("952304", "952408"):
        point = [round(stations.loc[esr, "lon"], 5), round(stations.loc[esr, "lat"], 5)]
        assert point in line, esr
    # a length derived from the chain says so
    props = sections["w:rostov-tikhoretsk"]["properties"]
    assert (
        "national station chain" in props["assumption"] and "length_km" in props["derived_fields"]
    )
