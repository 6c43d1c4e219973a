"""The rail network: editable tables for people, compiled arrays for algorithms.

Following AequilibraE's split, `RailNetwork` holds three GeoDataFrames (nodes,
sections, structures) that users read and edit, and compiles them once into
`CompiledGraph` arrays that the impact and simulation code run on.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
from shapely.geometry import mapping, shape

from railwatch.network.validate import normalize_gauge, validate_feature_collection

# Typed columns per feature type; every other property is kept as-is in an object column.
NODE_FIELDS = {
    "name": "str",
    "name_ru": "str",
    "kind": "str",
    "country": "str",
    "aliases": "list",
    "source": "str",
    "capacity": "float",
    "transshipment_capacity": "float",
    "assumption": "str",
}
SECTION_FIELDS = {
    "from": "str",
    "to": "str",
    "line": "str",
    "length_km": "float",
    "tracks": "float",
    "electrified": "bool",
    "gauge": "str",
    "capacity": "float",
    "speed_kmh": "float",
    "source": "str",
    "assumption": "str",
}
STRUCTURE_FIELDS = {
    "kind": "str",
    "name": "str",
    "name_ru": "str",
    "aliases": "list",
    "section": "str",
    "length_m": "float",
    "source": "str",
    "assumption": "str",
}
FIELDS = {"node": NODE_FIELDS, "section": SECTION_FIELDS, "structure": STRUCTURE_FIELDS}
# Whole numbers that tables hold as floats (to allow gaps) but files should show as integers.
INTEGER_FIELDS = {"tracks"}


class NetworkError(ValueError):
    """A network file or dict that cannot be used; `errors` lists every problem found."""

    def __init__(self, errors: list[str]):
        self.errors = list(errors)
        shown = "\n".join(f"  - {e}" for e in self.errors[:50])
        more = f"\n  ... and {len(self.errors) - 50} more" if len(self.errors) > 50 else ""
        super().__init__(f"{len(self.errors)} problem(s) in the network:\n{shown}{more}")


@dataclass(frozen=True)
class Match:
    """One lookup hit: what kind of feature, its id, the name that matched, how well."""

    kind: str
    id: str
    name: str
    score: float


@dataclass(frozen=True)
class CompiledGraph:
    """Array form of the network. Sections are usable both ways; capacity is per direction."""

    node_ids: np.ndarray
    node_index: dict[str, int]
    section_ids: np.ndarray
    section_index: dict[str, int]
    src: np.ndarray
    dst: np.ndarray
    capacity: np.ndarray
    length_km: np.ndarray
    speed_kmh: np.ndarray
    time_h: np.ndarray
    node_capacity: np.ndarray
    structure_section: dict[str, int]

    @property
    def n_nodes(self) -> int:
        return len(self.node_ids)

    @property
    def n_sections(self) -> int:
        return len(self.section_ids)


def normalize_name(text: str) -> str:
    """Case-, accent- and punctuation-insensitive key for name lookup (ё = е, '-' = ' ')."""
    text = unicodedata.normalize("NFKC", str(text)).casefold().replace("ё", "е")
    text = re.sub(r"[\"'«»“”‘’`().,]", "", text)
    text = re.sub(r"[\s\-–—_/]+", " ", text)
    return text.strip()


def _is_missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return value is pd.NA or value is pd.NaT


def _column(values: list[Any], kind: str) -> pd.Series | list:
    if kind == "float":
        return pd.Series([np.nan if _is_missing(v) else float(v) for v in values], dtype=float)
    return pd.Series(values, dtype=object)


def _table(features: list[dict], fields: dict[str, str], crs: str) -> gpd.GeoDataFrame:
    extras: list[str] = []
    for feat in features:
        for key in feat["properties"]:
            if key not in fields and key not in ("id", "type") and key not in extras:
                extras.append(key)
    ids = [feat["properties"]["id"] for feat in features]
    data: dict[str, Any] = {}
    for name, kind in fields.items():
        values = [feat["properties"].get(name) for feat in features]
        if name == "gauge":
            values = [normalize_gauge(v) if v is not None else None for v in values]
        if kind == "list":
            values = [list(v) if isinstance(v, list | tuple) else [] for v in values]
        data[name] = _column(values, kind)
    for name in extras:
        data[name] = _column([feat["properties"].get(name) for feat in features], "object")
    geoms = [shape(feat["geometry"]) for feat in features]
    frame = gpd.GeoDataFrame(data, geometry=gpd.GeoSeries(geoms, crs=crs), crs=crs)
    frame.index = pd.Index(ids, name="id", dtype=object)
    return frame


def _json_value(value: Any, name: str) -> Any:
    """A table cell as a plain JSON value (None when missing)."""
    if isinstance(value, list | tuple):
        return [_json_value(v, name) for v in value]
    if isinstance(value, dict):
        return {k: _json_value(v, k) for k, v in value.items()}
    if isinstance(value, np.ndarray):
        return [_json_value(v, name) for v in value.tolist()]
    if _is_missing(value):
        return None
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        value = float(value)
        if name in INTEGER_FIELDS and value.is_integer():
            return int(value)
        return value
    return value


class RailNetwork:
    """A rail graph of nodes, sections and the structures that sit on sections."""

    def __init__(
        self,
        nodes: gpd.GeoDataFrame,
        sections: gpd.GeoDataFrame,
        structures: gpd.GeoDataFrame,
        *,
        name: str = "network",
        metadata: dict | None = None,
    ):
        self.nodes = nodes
        self.sections = sections
        self.structures = structures
        self.name = name
        self.metadata = metadata or {}

    # ---- construction -------------------------------------------------------------------
    @classmethod
    def from_geojson(cls, fc: dict, *, source_name: str = "<network>") -> RailNetwork:
        """Build from a FeatureCollection dict; raises `NetworkError` listing every problem."""
        report = validate_feature_collection(fc, source_name)
        if report.errors:
            raise NetworkError(report.errors)
        by_type: dict[str, list[dict]] = {"node": [], "section": [], "structure": []}
        for feat in fc["features"]:
            by_type[feat["properties"]["type"]].append(feat)
        crs = "EPSG:4326"
        nodes = _table(by_type["node"], NODE_FIELDS, crs)
        nodes["lat"] = nodes.geometry.y
        nodes["lon"] = nodes.geometry.x
        sections = _table(by_type["section"], SECTION_FIELDS, crs)
        structures = _table(by_type["structure"], STRUCTURE_FIELDS, crs)
        metadata = {k: v for k, v in fc.items() if k not in ("type", "features")}
        return cls(nodes, sections, structures, name=source_name, metadata=metadata)

    def to_geojson(self) -> dict:
        """The network as a FeatureCollection dict; unknown properties are written back."""
        features = []
        for ftype, frame in (
            ("node", self.nodes),
            ("section", self.sections),
            ("structure", self.structures),
        ):
            derived = {"lat", "lon"} if ftype == "node" else set()
            columns = [c for c in frame.columns if c != frame.geometry.name and c not in derived]
            records = pd.DataFrame(frame[columns]).to_dict("records")
            for fid, record, geom in zip(frame.index, records, frame.geometry, strict=True):
                props: dict[str, Any] = {"type": ftype, "id": fid}
                for col, value in record.items():
                    plain = _json_value(value, col)
                    if plain is not None:
                        props[col] = plain
                features.append({"type": "Feature", "geometry": mapping(geom), "properties": props})
        return {"type": "FeatureCollection", **self.metadata, "features": features}

    # ---- lookup ---------------------------------------------------------------------------
    @cached_property
    def _name_index(self) -> dict[str, list[tuple[str, str, str, float]]]:
        index: dict[str, list[tuple[str, str, str, float]]] = {}

        def add(key_text: Any, kind: str, fid: str, display: str, score: float) -> None:
            if _is_missing(key_text) or not str(key_text).strip():
                return
            key = normalize_name(key_text)
            hits = index.setdefault(key, [])
            if not any(h[0] == kind and h[1] == fid for h in hits):
                hits.append((kind, fid, display, score))

        for kind, frame in (
            ("structure", self.structures),
            ("node", self.nodes),
            ("section", self.sections),
        ):
            for fid in frame.index:
                row = frame.loc[fid]
                display = row.get("name") if not _is_missing(row.get("name")) else fid
                add(fid, kind, fid, str(display), 1.0)
                add(row.get("name"), kind, fid, str(display), 1.0)
                add(row.get("name_ru"), kind, fid, str(display), 1.0)
                aliases = row.get("aliases")
                if isinstance(aliases, list):
                    for alias in aliases:
                        add(alias, kind, fid, str(display), 0.9)
        return index

    def lookup(self, name: str) -> list[Match]:
        """Features whose id, name, Russian name or alias matches `name`, best first.

        Matching ignores case, accents, ё/е and punctuation. Exact keys score 1.0 (names)
        or 0.9 (aliases); a name that starts with the query scores 0.5.
        """
        key = normalize_name(name)
        if not key:
            return []
        hits = [Match(k, fid, disp, s) for k, fid, disp, s in self._name_index.get(key, [])]
        if not hits and len(key) >= 4:
            for other, entries in self._name_index.items():
                if other.startswith(key + " ") or other.startswith(key):
                    hits.extend(Match(k, fid, disp, 0.5) for k, fid, disp, _ in entries)
        order = {"structure": 0, "node": 1, "section": 2}
        hits.sort(key=lambda m: (-m.score, order[m.kind], m.id))
        unique: dict[tuple[str, str], Match] = {}
        for hit in hits:
            unique.setdefault((hit.kind, hit.id), hit)
        return list(unique.values())

    def node(self, node_id: str) -> pd.Series:
        return self.nodes.loc[node_id]

    def section(self, section_id: str) -> pd.Series:
        return self.sections.loc[section_id]

    def structure(self, structure_id: str) -> pd.Series:
        return self.structures.loc[structure_id]

    def kind_of(self, feature_id: str) -> str | None:
        """'node', 'section' or 'structure' for an id in this network, else None."""
        if feature_id in self.sections.index:
            return "section"
        if feature_id in self.structures.index:
            return "structure"
        if feature_id in self.nodes.index:
            return "node"
        return None

    # ---- compiled form --------------------------------------------------------------------
    @cached_property
    def compiled(self) -> CompiledGraph:
        """Arrays for the algorithms, built once per network object."""
        node_ids = np.array(self.nodes.index.tolist(), dtype=object)
        node_index = {nid: i for i, nid in enumerate(node_ids)}
        section_ids = np.array(self.sections.index.tolist(), dtype=object)
        section_index = {sid: i for i, sid in enumerate(section_ids)}
        src = np.array([node_index[n] for n in self.sections["from"]], dtype=np.int32)
        dst = np.array([node_index[n] for n in self.sections["to"]], dtype=np.int32)
        capacity = self.sections["capacity"].to_numpy(dtype=float)
        length_km = self.sections["length_km"].to_numpy(dtype=float)
        speed = self.sections["speed_kmh"].to_numpy(dtype=float)
        node_cap = np.fmin(
            self.nodes["capacity"].to_numpy(dtype=float),
            self.nodes["transshipment_capacity"].to_numpy(dtype=float),
        )
        node_cap = np.where(np.isnan(node_cap), np.inf, node_cap)
        structure_section = {
            sid: section_index[sec] for sid, sec in self.structures["section"].items()
        }
        return CompiledGraph(
            node_ids=node_ids,
            node_index=node_index,
            section_ids=section_ids,
            section_index=section_index,
            src=src,
            dst=dst,
            capacity=capacity,
            length_km=length_km,
            speed_kmh=speed,
            time_h=length_km / speed,
            node_capacity=node_cap,
            structure_section=structure_section,
        )

    # ---- summaries ------------------------------------------------------------------------
    def summary(self) -> dict:
        """Counts, kilometres by line and the structures, as plain data."""
        km_by_line = (
            self.sections.groupby("line", dropna=False)["length_km"].sum().round(1).to_dict()
            if len(self.sections)
            else {}
        )
        return {
            "name": self.name,
            "nodes": len(self.nodes),
            "sections": len(self.sections),
            "structures": len(self.structures),
            "total_km": round(float(self.sections["length_km"].sum()), 1),
            "km_by_line": {str(k): float(v) for k, v in sorted(km_by_line.items(), key=str)},
            "structures_by_kind": {
                str(k): int(v) for k, v in self.structures["kind"].value_counts().items()
            },
            "structure_list": [
                {
                    "id": sid,
                    "kind": row["kind"],
                    "name": row["name"],
                    "section": row["section"],
                    "length_m": None if _is_missing(row["length_m"]) else row["length_m"],
                }
                for sid, row in self.structures.iterrows()
            ],
        }

    def __repr__(self) -> str:
        return (
            f"RailNetwork({self.name!r}: {len(self.nodes)} nodes, "
            f"{len(self.sections)} sections, {len(self.structures)} structures)"
        )
