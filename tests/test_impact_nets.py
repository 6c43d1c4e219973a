"""Hand-solved small networks for the impact tests (built with tests/netfixtures.py)."""

from __future__ import annotations

from netfixtures import node, section, small_fc, structure
from railwatch.network import RailNetwork


def build(features) -> RailNetwork:
    return RailNetwork.from_geojson({"type": "FeatureCollection", "features": features})


def line(a, b, x0, x1, **kw):
    return section(f"{a}{b}", a, b, [[x0, 0], [x1, 0]], **kw)


def series() -> RailNetwork:
    """a -10- b -6- c -8- d: capacity 6, bottleneck b-c."""
    return build(
        [
            node("a", 0, 0),
            node("b", 1, 0),
            node("c", 2, 0),
            node("d", 3, 0),
            line("a", "b", 0, 1, capacity=10),
            line("b", "c", 1, 2, capacity=6),
            line("c", "d", 2, 3, capacity=8),
        ]
    )


def parallel() -> RailNetwork:
    """a-x-b (5 then 7) and a-y-b (4 and 4): capacity 9; the cut nearest a is {ax, ay}."""
    return build(
        [
            node("a", 0, 0),
            node("x", 1, 1),
            node("y", 1, -1),
            node("b", 2, 0),
            section("ax", "a", "x", [[0, 0], [1, 1]], capacity=5, length_km=100),
            section("xb", "x", "b", [[1, 1], [2, 0]], capacity=7, length_km=100),
            section("ay", "a", "y", [[0, 0], [1, -1]], capacity=4, length_km=150),
            section("yb", "y", "b", [[1, -1], [2, 0]], capacity=4, length_km=150),
        ]
    )


def bridge() -> RailNetwork:
    """A loop a-b-d-a with a single bridge b-c out to c: losing b-c disconnects c."""
    return build(
        [
            node("a", 0, 0),
            node("b", 1, 0),
            node("c", 2, 0),
            node("d", 0.5, 1),
            line("a", "b", 0, 1, capacity=10),
            section("bd", "b", "d", [[1, 0], [0.5, 1]], capacity=10),
            section("da", "d", "a", [[0.5, 1], [0, 0]], capacity=10),
            line("b", "c", 1, 2, capacity=5),
        ]
    )


def tunnel_bypass(transshipment: float | None = None) -> RailNetwork:
    """small_fc: a -10- b ={tunnel 16, bypass 4}= c -10- d, c optionally a gauge break."""
    fc = small_fc()
    for feat in fc["features"]:
        if feat["properties"]["id"] == "c":
            feat["properties"].pop("transshipment_capacity", None)
            if transshipment is not None:
                feat["properties"]["transshipment_capacity"] = transshipment
    return build(fc["features"])


__all__ = [
    "bridge",
    "build",
    "line",
    "node",
    "parallel",
    "section",
    "series",
    "structure",
    "tunnel_bypass",
]


def test_hand_made_networks_load():
    for make in (series, parallel, bridge, tunnel_bypass):
        net = make()
        assert net.compiled.n_sections >= 3
