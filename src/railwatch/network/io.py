"""Read and write networks: GeoJSON (the interchange format) and GeoPackage (its binary twin).

A GeoPackage holds three layers, `nodes`, `sections` and `structures`. Properties that
GeoPackage has no column type for (lists, objects, mixed values) are stored as JSON text
and named in the layer's metadata, so a round trip returns exactly what went in.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import pyogrio.errors
from shapely.geometry import mapping

from railwatch.atomic import WriteError, atomic_path, write_text_atomic
from railwatch.network.model import NetworkError, RailNetwork

LAYERS = (("node", "nodes"), ("section", "sections"), ("structure", "structures"))
JSON_COLUMNS_KEY = "railwatch_json_columns"
GEOJSON_SUFFIXES = {".geojson", ".json"}
GPKG_SUFFIXES = {".gpkg"}


# The whole national network is about 40 MB of GeoJSON; a file far beyond that is a mistake
# (or /dev/zero behind a symlink) and is refused before it is read into memory.
MAX_NETWORK_BYTES = 512 * 1024 * 1024


def _regular_file_problem(path: Path) -> str | None:
    """Why `path` cannot be read as a network file without blocking or reading without end."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return f"{path}: file not found"
    except OSError as exc:
        return f"{path}: cannot read ({exc.strerror})"
    if not stat.S_ISREG(info.st_mode):
        return f"{path}: not a regular file (a directory, FIFO or device), expected a network file"
    if info.st_size > MAX_NETWORK_BYTES:
        return (
            f"{path}: {info.st_size / 2**20:.0f} MB is more than {MAX_NETWORK_BYTES // 2**20} MB, "
            "the limit for a network file"
        )
    return None


def read_geojson_dict(path: str | os.PathLike) -> dict:
    """Parse a GeoJSON file, turning OS and JSON errors into a `NetworkError` naming the line."""
    path = Path(path)
    problem = _regular_file_problem(path)
    if problem:
        raise NetworkError([problem])
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise NetworkError([f"{path}: file not found"]) from None
    except UnicodeDecodeError as exc:
        raise NetworkError([f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})"]) from None
    except OSError as exc:
        raise NetworkError([f"{path}: cannot read ({exc.strerror})"]) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise NetworkError(
            [f"{path}: line {exc.lineno}, column {exc.colno}: invalid JSON ({exc.msg})"]
        ) from None
    except RecursionError:
        raise NetworkError(
            [f"{path}: JSON nested too deeply (a network is a FeatureCollection of flat features)"]
        ) from None
    except ValueError as exc:  # an integer of more than 4300 digits
        raise NetworkError([f"{path}: invalid JSON ({exc})"]) from None


def _gpkg_to_geojson_dict(path: Path) -> dict:
    try:
        available = {name for name, _ in pyogrio.list_layers(path)}
    except Exception as exc:  # pyogrio raises several DataSourceError kinds
        raise NetworkError([f"{path}: not a readable GeoPackage ({exc})"]) from None
    missing = [layer for _, layer in LAYERS[:2] if layer not in available]
    if missing:
        raise NetworkError([f"{path}: missing layer(s) {', '.join(missing)}"])
    features: list[dict] = []
    for ftype, layer in LAYERS:
        if layer not in available:
            continue
        meta = pyogrio.read_info(path, layer=layer).get("layer_metadata") or {}
        json_columns = set(filter(None, meta.get(JSON_COLUMNS_KEY, "").split(",")))
        frame = pyogrio.read_dataframe(path, layer=layer)
        columns = [c for c in frame.columns if c != frame.geometry.name]
        records = pd.DataFrame(frame[columns]).to_dict("records")
        for k, (record, geom) in enumerate(zip(records, frame.geometry, strict=True)):
            props: dict = {"type": ftype}
            for col, value in record.items():
                if value is None or (isinstance(value, float) and pd.isna(value)):
                    continue
                if col in json_columns:
                    try:
                        value = json.loads(value)
                    except (TypeError, json.JSONDecodeError):
                        raise NetworkError(
                            [f"{path}: layer {layer}, row {k}: {col} is not valid JSON"]
                        ) from None
                elif hasattr(value, "item"):
                    value = value.item()
                props[col] = value
            geometry = mapping(geom) if geom is not None else None
            features.append({"type": "Feature", "geometry": geometry, "properties": props})
    return {"type": "FeatureCollection", "features": features}


def read_network_dict(path: str | os.PathLike) -> dict:
    """Read a .geojson/.json or .gpkg file into a FeatureCollection dict (not yet validated)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in GPKG_SUFFIXES:
        problem = _regular_file_problem(path)
        if problem:
            raise NetworkError([problem])
        return _gpkg_to_geojson_dict(path)
    if suffix in GEOJSON_SUFFIXES:
        return read_geojson_dict(path)
    raise NetworkError([f"{path}: unknown network format {suffix!r} (use .geojson or .gpkg)"])


def load_network(path: str | os.PathLike) -> RailNetwork:
    """Load a network from .geojson/.json or .gpkg; raises `NetworkError` with every problem."""
    return RailNetwork.from_geojson(read_network_dict(path), source_name=str(path))


def write_geojson(network: RailNetwork, path: str | os.PathLike) -> Path:
    """Write the network as GeoJSON (atomically: a failed write leaves the old file whole)."""
    path = Path(path)
    text = json.dumps(network.to_geojson(), ensure_ascii=False, indent=1) + "\n"
    return write_text_atomic(path, text)


def _layer_frame(features: list[dict]) -> tuple[gpd.GeoDataFrame, list[str]]:
    """A GeoDataFrame for one layer, JSON-encoding columns GeoPackage cannot type."""
    from shapely.geometry import shape

    rows = [{k: v for k, v in f["properties"].items() if k != "type"} for f in features]
    columns: list[str] = []
    for row in rows:
        columns.extend(k for k in row if k not in columns)
    data: dict[str, list] = {}
    json_columns: list[str] = []
    for col in columns:
        values = [row.get(col) for row in rows]
        present = [v for v in values if v is not None]
        if all(isinstance(v, str) for v in present):
            data[col] = values
        elif present and all(
            isinstance(v, float | int) and not isinstance(v, bool) for v in present
        ):
            if all(isinstance(v, int) for v in present) and len(present) == len(values):
                data[col] = values
            elif all(isinstance(v, float) for v in present):
                data[col] = [float("nan") if v is None else v for v in values]
            else:
                json_columns.append(col)
                data[col] = [None if v is None else json.dumps(v) for v in values]
        elif present and len(present) == len(values) and all(isinstance(v, bool) for v in present):
            data[col] = values
        else:
            json_columns.append(col)
            data[col] = [None if v is None else json.dumps(v, ensure_ascii=False) for v in values]
    geoms = [shape(f["geometry"]) for f in features]
    frame = gpd.GeoDataFrame(
        pd.DataFrame(data, columns=columns), geometry=gpd.GeoSeries(geoms), crs="EPSG:4326"
    )
    return frame, json_columns


def _disk_full(directory: Path) -> bool:
    try:
        info = os.statvfs(directory)
    except OSError:
        return False
    return info.f_bavail * info.f_frsize < 1024 * 1024


def write_gpkg(network: RailNetwork, path: str | os.PathLike) -> Path:
    """Write the network as a GeoPackage with layers nodes, sections, structures (atomically)."""
    path = Path(path)
    fc = network.to_geojson()
    with atomic_path(path) as tmp:
        for ftype, layer in LAYERS:
            features = [f for f in fc["features"] if f["properties"]["type"] == ftype]
            frame, json_columns = _layer_frame(features)
            try:
                pyogrio.write_dataframe(
                    frame,
                    tmp,
                    layer=layer,
                    driver="GPKG",
                    append=tmp.exists(),
                    layer_metadata={JSON_COLUMNS_KEY: ",".join(json_columns)},
                )
            except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as exc:
                # GDAL's words for a full disk or a refused write: say which, keep the old file
                detail = "the disk is full" if _disk_full(tmp.parent) else str(exc)[:200]
                raise WriteError(
                    f"{path}: cannot write ({detail}); the old file is unchanged"
                ) from None
    return path


def save_network(network: RailNetwork, path: str | os.PathLike) -> Path:
    """Write to GeoJSON or GeoPackage, chosen by the file suffix."""
    suffix = Path(path).suffix.lower()
    if suffix in GPKG_SUFFIXES:
        return write_gpkg(network, path)
    if suffix in GEOJSON_SUFFIXES:
        return write_geojson(network, path)
    raise ValueError(f"{path}: unknown network format {suffix!r} (use .geojson or .gpkg)")


def default_network() -> RailNetwork:
    """The embedded corridor network shipped with railwatch (loaded once per process)."""
    from railwatch.network.registry import named_network

    return named_network("corridor")


def resolve_network(path: str | os.PathLike | None) -> RailNetwork:
    """`--network NAME_OR_PATH` semantics: `corridor` (default), `russia`, or a file."""
    from railwatch.network.registry import resolve_network as resolve

    return resolve(path)
