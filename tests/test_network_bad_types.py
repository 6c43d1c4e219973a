"""Wrong types and absurd numbers in a network file are listed errors, never a traceback."""

from __future__ import annotations

import copy
import os
from pathlib import Path

import pytest

from railwatch.network.io import load_network, read_geojson_dict, save_network
from railwatch.network.model import NetworkError, RailNetwork


def _feature(geometry: dict, **props) -> dict:
    return {"type": "Feature", "geometry": geometry, "properties": props}


def _point(lon: float, lat: float) -> dict:
    return {"type": "Point", "coordinates": [lon, lat]}


def _good() -> dict:
    return {
        "type": "FeatureCollection",
        "features": [
            _feature(_point(100, 50), type="node", id="a", name="A", kind="station", source="s"),
            _feature(_point(101, 50), type="node", id="b", name="B", kind="station", source="s"),
            _feature(
                {"type": "LineString", "coordinates": [[100, 50], [101, 50]]},
                type="section", id="ab", **{"from": "a", "to": "b"}, length_km=71.5,
                capacity=40, speed_kmh=60, tracks=2, source="s",
            ),
            _feature(
                _point(100.5, 50), type="structure", id="t", kind="tunnel", section="ab",
                length_m=900, source="s",
            ),
        ],
    }  # fmt: skip


def _with(index: int, **changes) -> dict:
    fc = copy.deepcopy(_good())
    for key, value in changes.items():
        if key == "geometry":
            fc["features"][index]["geometry"] = value
        else:
            fc["features"][index]["properties"][key] = value
    return fc


def _errors(fc: dict) -> list[str]:
    with pytest.raises(NetworkError) as caught:
        RailNetwork.from_geojson(fc, source_name="net.geojson")
    return caught.value.errors


def test_the_good_network_loads() -> None:
    net = RailNetwork.from_geojson(_good())
    assert list(net.sections.index) == ["ab"]


@pytest.mark.parametrize(
    ("index", "changes", "expected"),
    [
        (0, {"kind": ["station"]}, "feature 0 (a): kind must be one of"),
        (2, {"from": ["a"]}, "feature 2 (ab): from must be a node id (a string), got ['a']"),
        (2, {"to": {"id": "b"}}, "feature 2 (ab): to must be a node id"),
        (3, {"section": ["ab"]}, "feature 3 (t): section must be a section id"),
        (3, {"kind": {"x": 1}}, "feature 3 (t): kind must be one of"),
        (2, {"capacity": 10**400}, "feature 2 (ab): capacity must be a number, got a huge"),
        (2, {"capacity": 1e308}, "feature 2 (ab): capacity must be at most 10,000"),
        (2, {"length_km": 1e308}, "feature 2 (ab): length_km must be at most 20,000"),
        (2, {"length_km": float("nan")}, "feature 2 (ab): length_km must be a number"),
        (2, {"speed_kmh": float("inf")}, "feature 2 (ab): speed_kmh must be a number"),
        (2, {"gauge": ["1520"]}, "feature 2 (ab): gauge must be 1520, 1435 or dual"),
        (0, {"id": 5}, "feature 0 (name 'A'): id must be a non-empty string, got 5"),
        (0, {"id": ["a"]}, "feature 0 (name 'A'): id must be a non-empty string"),
        (0, {"type": ["node"]}, "feature 0 (a): type must be one of"),
        (0, {"name": ["A"]}, "feature 0 (a): name must be a string"),
        (0, {"aliases": "A"}, "feature 0 (a): aliases must be a list of strings"),
        (
            0,
            {"geometry": {"type": "Point", "coordinates": [100, 50, "x"]}},
            "feature 0 (a): geometry: expected [lon, lat] numbers (and an optional elevation)",
        ),
        (
            2,
            {"geometry": {"type": "LineString", "coordinates": [[100, 50, "x"], [101, 50]]}},
            "feature 2 (ab): geometry: position 0",
        ),
        (0, {"geometry": {"type": ["Point"], "coordinates": [1, 2]}}, "geometry must be a Point"),
    ],
)
def test_wrong_types_are_listed_errors(index: int, changes: dict, expected: str) -> None:
    errors = _errors(_with(index, **changes))
    assert any(expected in e for e in errors), errors
    assert all(e.startswith("net.geojson: ") for e in errors)


def test_every_problem_at_once() -> None:
    fc = _with(2, capacity=1e308, **{"from": ["a"]})
    fc["features"][0]["properties"]["kind"] = ["station"]
    assert len(_errors(fc)) >= 3


def test_three_coordinates_of_numbers_are_fine() -> None:
    fc = _with(0, geometry={"type": "Point", "coordinates": [100, 50, 420.0]})
    assert RailNetwork.from_geojson(fc).nodes.loc["a", "name"] == "A"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"type": "FeatureCollection", "features": [' + "1" * 5000 + "]}", "invalid JSON"),
        ('{"type": "FeatureCollection", "features": [', "line 1, column"),
    ],
)
def test_hostile_json_is_one_clear_error(tmp_path: Path, content: str, expected: str) -> None:
    path = tmp_path / "bad.geojson"
    path.write_text(content)
    with pytest.raises(NetworkError, match=expected):
        load_network(path)


def test_special_files_are_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "net.geojson"
    os.mkfifo(fifo)
    with pytest.raises(NetworkError, match="not a regular file"):
        read_geojson_dict(fifo)
    link = tmp_path / "zero.geojson"
    link.symlink_to("/dev/zero")
    with pytest.raises(NetworkError, match="not a regular file"):
        load_network(link)


def test_gpkg_with_wrong_types_is_listed_errors(tmp_path: Path) -> None:
    import geopandas as gpd
    import pyogrio
    from shapely.geometry import LineString, Point

    good = RailNetwork.from_geojson(_good())
    path = save_network(good, tmp_path / "net.gpkg")
    assert list(load_network(path).sections.index) == ["ab"]
    # a hand-made GeoPackage: ids as integers, a huge capacity, a 3D point
    bad = tmp_path / "bad.gpkg"
    nodes = gpd.GeoDataFrame(
        {"id": [1, 2], "name": ["A", "B"], "kind": ["station", "station"], "source": ["s", "s"]},
        geometry=[Point(100, 50), Point(101, 50)],
        crs="EPSG:4326",
    )
    sections = gpd.GeoDataFrame(
        {"id": ["ab"], "from": [1], "to": [2], "length_km": [71.5], "capacity": [1e308],
         "speed_kmh": [60.0], "source": ["s"]},
        geometry=[LineString([(100, 50), (101, 50)])],
        crs="EPSG:4326",
    )  # fmt: skip
    pyogrio.write_dataframe(nodes, bad, layer="nodes", driver="GPKG")
    pyogrio.write_dataframe(sections, bad, layer="sections", driver="GPKG", append=True)
    with pytest.raises(NetworkError) as caught:
        load_network(bad)
    joined = "\n".join(caught.value.errors)
    assert "feature 0 (name 'A'): id must be a non-empty string, got 1" in joined
    assert "feature 2 (ab): capacity must be at most 10,000" in joined
    assert "feature 2 (ab): from must be a node id (a string), got 1" in joined
