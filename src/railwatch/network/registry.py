"""Named networks shipped with railwatch (`corridor`, `russia`) and `--network` resolution.

`--network NAME_OR_PATH` takes one of the names below or a path to a .geojson/.gpkg file.
Each named network is loaded once per process.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import zipfile
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
# The same network in the columnar form (`tables_from_columnar`), read instead when shipped.
COLUMNAR_FILES = {"russia": "russia.npz"}
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
    data_dir = resources.files("railwatch.network") / "data"
    resource = data_dir / NAMED_NETWORKS[name]
    columnar = data_dir / COLUMNAR_FILES.get(name, "")
    if name in COLUMNAR_FILES and columnar.is_file():
        network = tables_from_columnar(columnar.read_bytes(), name)
    elif NAMED_NETWORKS[name].endswith(".gz"):
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
    columns = _property_columns(props, fields)
    return _frame_from_columns(columns, [p["id"] for p in props], _geometries(features), fields)


def _property_columns(props: list[dict], fields: dict[str, str]) -> dict[str, list]:
    """Each known field, then each extra property in first-seen order, as a list of values."""
    extras = list(
        dict.fromkeys(k for p in props for k in p if k not in fields and k not in ("id", "type"))
    )
    return {field: [p.get(field) for p in props] for field in [*fields, *extras]}


def _frame_from_columns(
    columns: dict[str, list], ids: list, geometries: np.ndarray, fields: dict[str, str]
) -> gpd.GeoDataFrame:
    data: dict = {}
    for field, values in columns.items():
        kind = fields.get(field, "object")
        if field == "gauge" and field in fields:
            values = [normalize_gauge(v) if v is not None else None for v in values]
        if kind == "list":
            values = [list(v) if isinstance(v, list | tuple) else [] for v in values]
        data[field] = _column(values, kind)
    crs = "EPSG:4326"
    frame = gpd.GeoDataFrame(data, geometry=gpd.GeoSeries(geometries, crs=crs), crs=crs)
    frame.index = pd.Index(ids, name="id", dtype=object)
    return frame


# The columnar form of a shipped network: a numpy .npz (no pickled objects) holding, per
# feature type, the coordinates of all geometries in one float array with a per-feature
# count (1 = a point), and the properties column by column in one JSON text. It is read
# about three times faster than the GeoJSON and gives the same tables (tests/test_russia.py).
COLUMNAR_VERSION = 1


def columnar_from_collection(collection: dict) -> bytes:
    """The .npz bytes of a shipped FeatureCollection (see `tables_from_columnar`)."""
    by_type: dict[str, list[dict]] = {kind: [] for kind in FIELDS}
    for feat in collection["features"]:
        by_type[feat["properties"]["type"]].append(feat)
    header: dict = {
        "version": COLUMNAR_VERSION,
        "metadata": {k: v for k, v in collection.items() if k not in ("type", "features")},
        "kinds": {},
    }
    arrays: dict[str, np.ndarray] = {}
    for kind, feats in by_type.items():
        props = [f["properties"] for f in feats]
        header["kinds"][kind] = {
            "ids": [p["id"] for p in props],
            "columns": _property_columns(props, FIELDS[kind]),
        }
        coords, counts = [], []
        for feat in feats:
            geometry = feat["geometry"]
            if geometry["type"] == "Point":
                coords.append(geometry["coordinates"][:2])
                counts.append(1)
            elif geometry["type"] == "LineString":
                coords.extend(c[:2] for c in geometry["coordinates"])
                counts.append(-len(geometry["coordinates"]))  # negative: a line
            else:
                raise ValueError(f"feature {feat['properties']['id']}: {geometry['type']}")
        arrays[f"{kind}_coords"] = np.array(coords, dtype=float).reshape(-1, 2)
        arrays[f"{kind}_counts"] = np.array(counts, dtype=np.int64)
    text = json.dumps(header, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    arrays["header"] = np.frombuffer(text.encode("utf-8"), dtype=np.uint8)
    # Written member by member with a fixed timestamp (np.savez stamps the current time), so
    # that the build gives the same bytes every time.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for key, array in arrays.items():
            info = zipfile.ZipInfo(f"{key}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            with archive.open(info, "w") as member:
                np.lib.format.write_array(member, array, allow_pickle=False)
    return buffer.getvalue()


def tables_from_columnar(data: bytes, name: str) -> RailNetwork:
    """The tables `tables_from_collection` builds, from `columnar_from_collection` bytes."""
    with np.load(io.BytesIO(data), allow_pickle=False) as archive:
        arrays = {key: archive[key] for key in archive.files}
    header = json.loads(arrays["header"].tobytes().decode("utf-8"))
    if header.get("version") != COLUMNAR_VERSION:
        raise NetworkError([f"{name}: columnar network version {header.get('version')!r}"])
    frames = {}
    for kind, fields in FIELDS.items():
        part = header["kinds"][kind]
        geometries = _columnar_geometries(arrays[f"{kind}_coords"], arrays[f"{kind}_counts"])
        frames[kind] = _frame_from_columns(part["columns"], part["ids"], geometries, fields)
    nodes = frames["node"]
    nodes["lat"] = nodes.geometry.y
    nodes["lon"] = nodes.geometry.x
    return RailNetwork(
        nodes, frames["section"], frames["structure"], name=name, metadata=header["metadata"]
    )


def _columnar_geometries(coords: np.ndarray, counts: np.ndarray) -> np.ndarray:
    out = np.empty(len(counts), dtype=object)
    sizes = np.abs(counts)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64)
    is_point = counts > 0
    if is_point.any():
        out[is_point] = shapely.points(coords[starts[is_point]])
    if (~is_point).any():
        lines = np.flatnonzero(~is_point)
        on_line = np.repeat(~is_point, sizes)
        index = np.repeat(np.arange(len(lines)), sizes[lines])
        out[lines] = shapely.linestrings(coords[on_line], indices=index)
    return out
