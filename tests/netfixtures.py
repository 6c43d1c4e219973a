"""Small hand-made networks for tests, written as GeoJSON dicts."""

from __future__ import annotations


def node(nid, lon, lat, **props):
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": {
            "type": "node",
            "id": nid,
            "name": nid.title(),
            "kind": "station",
            "source": "test",
            **props,
        },
    }


def section(sid, a, b, coords, *, capacity=10, length_km=100, speed_kmh=50, **props):
    return {
        "type": "Feature",
        "geometry": {"type": "LineString", "coordinates": coords},
        "properties": {
            "type": "section",
            "id": sid,
            "from": a,
            "to": b,
            "line": "Test line",
            "length_km": length_km,
            "capacity": capacity,
            "speed_kmh": speed_kmh,
            "tracks": 1,
            "electrified": False,
            "gauge": "1520",
            "source": "test",
            **props,
        },
    }


def structure(sid, on, lon, lat, kind="tunnel", **props):
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": {
            "type": "structure",
            "id": sid,
            "kind": kind,
            "name": sid.title(),
            "section": on,
            "length_m": 1000,
            "source": "test",
            **props,
        },
    }


def small_fc():
    """A - B = C (two parallel sections B-C: tunnel and bypass), C - D; a Russian-named node."""
    return {
        "type": "FeatureCollection",
        "features": [
            node("a", 0, 0, name_ru="Анна", aliases=["Alpha", "Альфа"]),
            node("b", 1, 0),
            node("c", 2, 0, transshipment_capacity=8),
            node("d", 3, 0, name="Delta Port", name_ru="Дельта"),
            section("ab", "a", "b", [[0, 0], [1, 0]]),
            section("bc:tunnel", "b", "c", [[1, 0], [2, 0]], capacity=16, speed_kmh=80),
            section(
                "bc:bypass",
                "b",
                "c",
                [[1, 0], [1.5, 0.2], [2, 0]],
                capacity=4,
                speed_kmh=20,
                length_km=140,
            ),
            section("cd", "c", "d", [[2, 0], [3, 0]], custom_note="kept", km_posts=[1, 2]),
            structure("big_tunnel", "bc:tunnel", 1.5, 0, name_ru="Большой тоннель"),
            structure("devil_bridge", "bc:bypass", 1.5, 0.2, kind="viaduct"),
        ],
    }
