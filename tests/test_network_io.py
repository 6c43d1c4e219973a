"""GeoJSON and GeoPackage round trips keep every property, unknown ones too."""

import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netfixtures import small_fc
from railwatch.network import NetworkError, RailNetwork, load_network, save_network


def plain(fc):
    return json.loads(json.dumps(fc))


@pytest.mark.parametrize("suffix", [".geojson", ".gpkg"])
def test_round_trip_keeps_everything(tmp_path, suffix):
    fc = small_fc()
    fc["features"][0]["properties"]["opened"] = 1891
    fc["features"][0]["properties"]["flags"] = {"strategic": True, "notes": ["a", "б"]}
    net = RailNetwork.from_geojson(fc)
    path = save_network(net, tmp_path / f"net{suffix}")
    again = load_network(path)
    assert plain(again.to_geojson()) == plain(net.to_geojson())
    props = {f["properties"]["id"]: f["properties"] for f in again.to_geojson()["features"]}
    assert props["cd"]["custom_note"] == "kept"
    assert props["cd"]["km_posts"] == [1, 2]
    assert props["a"]["flags"] == {"strategic": True, "notes": ["a", "б"]}
    assert props["a"]["aliases"] == ["Alpha", "Альфа"]
    assert props["a"]["name_ru"] == "Анна"
    assert props["bc:bypass"]["tracks"] == 1
    # geometry kept vertex by vertex
    assert again.sections.loc["bc:bypass"].geometry.coords[1] == (1.5, 0.2)


def test_gpkg_has_three_layers(tmp_path):
    import pyogrio

    path = save_network(RailNetwork.from_geojson(small_fc()), tmp_path / "n.gpkg")
    layers = {name for name, _ in pyogrio.list_layers(path)}
    assert layers == {"nodes", "sections", "structures"}


def test_invalid_json_names_line(tmp_path):
    bad = tmp_path / "bad.geojson"
    bad.write_text('{"type": "FeatureCollection",\n "features": [\n  {oops}\n]}')
    with pytest.raises(NetworkError) as info:
        load_network(bad)
    assert info.value.errors == [
        f"{bad}: line 3, column 4: invalid JSON (Expecting property name enclosed in double quotes)"
    ]


def test_missing_and_unknown_format(tmp_path):
    with pytest.raises(NetworkError, match="file not found"):
        load_network(tmp_path / "none.geojson")
    with pytest.raises(NetworkError, match="unknown network format '.shp'"):
        load_network(tmp_path / "x.shp")
    garbage = tmp_path / "g.gpkg"
    garbage.write_bytes(b"not a database")
    with pytest.raises(NetworkError, match="not a readable GeoPackage"):
        load_network(garbage)


def test_failed_write_leaves_nothing(tmp_path):
    net = RailNetwork.from_geojson(small_fc())
    target = tmp_path / "out.geojson"
    net.metadata["unserialisable"] = object()
    with pytest.raises(TypeError):
        save_network(net, target)
    assert os.listdir(tmp_path) == []


json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**40), 2**40),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.text(max_size=12),
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.text(min_size=1, max_size=5), inner, max_size=3),
    ),
    max_leaves=6,
)
reserved = {"type", "id", "from", "to", "section", "geometry", "fid", "lat", "lon"}
extra_names = st.text(
    alphabet=st.characters(categories=("Ll",), max_codepoint=0x44F), min_size=2, max_size=8
).filter(lambda s: s not in reserved)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    extras=st.lists(st.tuples(st.integers(0, 9), extra_names, json_values), max_size=6),
    suffix=st.sampled_from([".geojson", ".gpkg"]),
)
def test_unknown_properties_survive_round_trip(tmp_path_factory, extras, suffix):
    fc = small_fc()
    from railwatch.network.model import FIELDS

    for index, name, value in extras:
        props = fc["features"][index]["properties"]
        if name in FIELDS[props["type"]]:
            continue
        props[name] = value
    net = RailNetwork.from_geojson(fc)
    path = save_network(net, tmp_path_factory.mktemp("rt") / f"n{suffix}")
    back = {
        f["properties"]["id"]: f["properties"] for f in load_network(path).to_geojson()["features"]
    }
    for feat in fc["features"]:
        props = feat["properties"]
        kept = back[props["id"]]
        for key, value in props.items():
            # a null property is the same as an absent one in the tables
            assert kept.get(key) == value, (props["id"], key, value)
