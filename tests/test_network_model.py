"""RailNetwork tables, lookups in English and Russian, compiled arrays, summary."""

import numpy as np
import pytest

from netfixtures import small_fc
from railwatch.network import RailNetwork, normalize_name


@pytest.fixture()
def net():
    return RailNetwork.from_geojson(small_fc(), source_name="small")


def test_tables_are_indexed_by_id(net):
    assert list(net.nodes.index) == ["a", "b", "c", "d"]
    assert net.sections.loc["bc:bypass", "from"] == "b"
    assert net.structures.loc["devil_bridge", "section"] == "bc:bypass"
    assert net.nodes.loc["a", "lat"] == 0 and net.nodes.loc["d", "lon"] == 3
    assert net.nodes.crs.to_epsg() == 4326


@pytest.mark.parametrize(
    "query, kind, fid",
    [
        ("Delta Port", "node", "d"),
        ("delta   port", "node", "d"),
        ("Дельта", "node", "d"),
        ("ДЕЛЬТА", "node", "d"),
        ("Альфа", "node", "a"),
        ("alpha", "node", "a"),
        ("Большой тоннель", "structure", "big_tunnel"),
        ("большои тоннель".replace("и", "й"), "structure", "big_tunnel"),
        ("bc:tunnel", "section", "bc:tunnel"),
    ],
)
def test_lookup_by_name_alias_and_russian(net, query, kind, fid):
    hits = net.lookup(query)
    assert hits, query
    assert (hits[0].kind, hits[0].id) == (kind, fid)


def test_lookup_scores_names_above_aliases_and_misses_cleanly(net):
    assert net.lookup("Анна")[0].score == 1.0
    assert net.lookup("Альфа")[0].score == 0.9
    assert net.lookup("Zzyzx") == []
    assert net.lookup("") == []


def test_normalize_name_folds_case_yo_and_punctuation():
    assert normalize_name("Забайкальск-Маньчжурия") == normalize_name("забайкальск маньчжурия")
    assert normalize_name("Чёртов мост") == "чертов мост"
    assert normalize_name("«Северомуйский» тоннель") == "северомуйский тоннель"


def test_compiled_arrays(net):
    g = net.compiled
    assert list(g.node_ids) == ["a", "b", "c", "d"]
    assert g.src.tolist() == [0, 1, 1, 2]
    assert g.dst.tolist() == [1, 2, 2, 3]
    assert g.capacity.tolist() == [10, 16, 4, 10]
    np.testing.assert_allclose(g.time_h, [2.0, 1.25, 7.0, 2.0])
    assert g.node_capacity[2] == 8 and np.isinf(g.node_capacity[0])
    assert g.structure_section == {"big_tunnel": 1, "devil_bridge": 2}
    assert net.compiled is g  # compiled once


def test_kind_of(net):
    assert net.kind_of("a") == "node"
    assert net.kind_of("ab") == "section"
    assert net.kind_of("big_tunnel") == "structure"
    assert net.kind_of("nope") is None


def test_summary(net):
    s = net.summary()
    assert (s["nodes"], s["sections"], s["structures"]) == (4, 4, 2)
    assert s["total_km"] == 440.0
    assert s["km_by_line"] == {"Test line": 440.0}
    assert s["structures_by_kind"] == {"tunnel": 1, "viaduct": 1}


def test_gauge_is_normalized():
    fc = small_fc()
    fc["features"][4]["properties"]["gauge"] = 1435
    fc["features"][5]["properties"]["gauge"] = "1435;1520"
    net = RailNetwork.from_geojson(fc)
    assert net.sections.loc["ab", "gauge"] == "1435"
    assert net.sections.loc["bc:tunnel", "gauge"] == "dual"
