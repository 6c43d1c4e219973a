"""Named networks shipped with railwatch (`corridor`, `russia`) and `--network` resolution.

`--network NAME_OR_PATH` takes one of the names below or a path to a .geojson/.gpkg file.
Each named network is loaded once per process.
"""

from __future__ import annotations

import gzip
import json
import os
from functools import cache
from importlib import resources

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from railwatch.network.io import load_network
from railwatch.network.model import FIELDS, NetworkError, RailNetwork, _column
from railwatch.network.validate import normalize_gauge

NAMED_NETWORKS = {
    "corridor": "corridor.geojson",
    "russia": "russia.geojson.gz",
}
DESCRIPTIONS = {
    "corridor": "the curated, sourced freight corridor (default)",
    "russia": "every station of the national network (ESR tables; see RU_STATIONS_LICENSE.md)",
}


@cache
def named_network(name: str) -> RailNetwork:
    """The embedded network called `name`; raises `NetworkError` for an unknown name."""
    if name not in NAMED_NETWORKS:
        known = ", ".join(sorted(NAMED_NETWORKS))
        raise NetworkError([f"unknown network name {name!r} (known: {known}, or give a file)"])
    resource = resources.files("railwatch.network") / "data" / NAMED_NETWORKS[name]
    if NAMED_NETWORKS[name].endswith(".gz"):
        collection = json.loads(gzip.decompress(resource.read_bytes()))
        network = tables_from_collection(collection, name)
    else:
        with resources.as_file(resource) as path:
            network = load_network(path)
    network.name = name
    return network


def resolve_network(name_or_path: str | os.PathLike | None) -> RailNetwork:
    """`--network` semantics: a shipped name, else a file path; nothing given = the corridor."""
    if name_or_path in (None, ""):
        return named_network("corridor")
    if str(name_or_path) in NAMED_NETWORKS:
        return named_network(str(name_or_path))
    return load_network(name_or_path)


def tables_from_collection(collection: dict, name: str) -> RailNetwork:
    """The same tables `RailNetwork.from_geojson` builds, built column-wise (vectorised
    geometry) and without re-validating: for the shipped files only, which the test suite
    validates and compares with `from_geojson` (tests/test_russia.py)."""
    by_type: dict[str, list[dict]] = {"node": [], "section": [], "structure": []}
    for feat in collection["features"]:
        by_type[feat["properties"]["type"]].append(feat)
    frames = {kind: _frame(feats, FIELDS[kind]) for kind, feats in by_type.items()}
    nodes = frames["node"]
    nodes["lat"] = nodes.geometry.y
    nodes["lon"] = nodes.geometry.x
    metadata = {k: v for k, v in collection.items() if k not in ("type", "features")}
    return RailNetwork(nodes, frames["section"], frames["structure"], name=name, metadata=metadata)


def _geometries(features: list[dict]) -> np.ndarray:
    """Points and LineStrings of the features, built in two vectorised calls."""
    out = np.empty(len(features), dtype=object)
    points = [i for i, f in enumerate(features) if f["geometry"]["type"] == "Point"]
    lines = [i for i, f in enumerate(features) if f["geometry"]["type"] == "LineString"]
    if points:
        coords = np.array([features[i]["geometry"]["coordinates"][:2] for i in points], float)
        out[points] = shapely.points(coords)
    if lines:
        parts = [np.asarray(features[i]["geometry"]["coordinates"], float)[:, :2] for i in lines]
        index = np.repeat(np.arange(len(parts)), [len(p) for p in parts])
        out[lines] = shapely.linestrings(np.vstack(parts), indices=index)
    return out


def _frame(features: list[dict], fields: dict[str, str]) -> gpd.GeoDataFrame:
    props = [f["properties"] for f in features]
    extras = list(
        dict.fromkeys(k for p in props for k in p if k not in fields and k not in ("id", "type"))
    )
    data: dict = {}
    for field, kind in fields.items():
        values = [p.get(field) for p in props]
        if field == "gauge":
            values = [normalize_gauge(v) if v is not None else None for v in values]
        if kind == "list":
            values = [list(v) if isinstance(v, list | tuple) else [] for v in values]
        data[field] = _column(values, kind)
    for field in extras:
        data[field] = _column([p.get(field) for p in props], "object")
    crs = "EPSG:4326"
    frame = gpd.GeoDataFrame(data, geometry=gpd.GeoSeries(_geometries(features), crs=crs), crs=crs)
    frame.index = pd.Index([p["id"] for p in props], name="id", dtype=object)
    return frame
