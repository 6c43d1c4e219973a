"""The rail network: editable tables for people, compiled arrays for algorithms.

Following AequilibraE's split, `RailNetwork` holds three GeoDataFrames (nodes,
sections, structures) that users read and edit, and compiles them into `CompiledGraph`
arrays that the impact and simulation code run on. Everything derived from the tables
(the compiled arrays, the name index, the spatial index of the query layer) remembers the
columns it was built from and is rebuilt when they change, so an edited table never
gives stale answers.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

import geopandas as gpd
import numpy as np
import pandas as pd
from shapely.geometry import mapping, shape

from railwatch.network.validate import normalize_gauge, validate_feature_collection

if TYPE_CHECKING:
    import networkx as nx

T = TypeVar("T")

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
KINDS = ("node", "section", "structure")

# The table columns each derived structure is built from ("index" is the id index).
COMPILED_COLUMNS: dict[str, tuple[str, ...]] = {
    "node": ("index", "capacity", "transshipment_capacity"),
    "section": ("index", "from", "to", "capacity", "length_km", "speed_kmh"),
    "structure": ("index", "section"),
}
NAME_COLUMNS: dict[str, tuple[str, ...]] = {
    "node": ("index", "name", "name_ru", "aliases"),
    "section": ("index", "name", "name_ru", "aliases"),
    "structure": ("index", "name", "name_ru", "aliases"),
}
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


def _copy_on_write() -> bool:
    """True when pandas copies shared data before a write (always from pandas 3)."""
    if int(pd.__version__.split(".")[0]) >= 3:
        return True
    return pd.options.mode.copy_on_write is True


class TableSnapshot:
    """Tells whether some table columns changed since the snapshot was taken.

    Under pandas copy-on-write the snapshot keeps a shallow copy of each table, so any later
    write to a column must first copy that column's data: "unchanged" is then "still the
    same memory", a check of microseconds per column whatever the table's size. Columns
    whose memory cannot be seen, and pandas without copy-on-write, compare values instead.
    """

    def __init__(self, network: RailNetwork, columns: dict[str, tuple[str, ...]]):
        self.columns = columns
        cow = _copy_on_write()
        self.indexes: dict[str, pd.Index] = {}
        self.keep: list[pd.DataFrame] = []  # the references that make writes copy first
        self.memory: dict[tuple[str, str], np.ndarray | None] = {}
        self.values: dict[tuple[str, str], np.ndarray | None] = {}
        for kind, cols in columns.items():
            frame = network.table(kind)
            self.indexes[kind] = frame.index
            if cow:
                self.keep.append(frame.copy(deep=False))
            for col in cols:
                if col == "index":
                    continue
                data = _column_memory(frame, col) if cow else None
                if data is not None:
                    self.memory[(kind, col)] = data
                else:
                    self.values[(kind, col)] = _column_values(frame, col)

    def matches(self, network: RailNetwork) -> bool:
        for kind, index in self.indexes.items():
            frame = network.table(kind)
            if frame.index is not index and not frame.index.equals(index):
                return False
        for (kind, col), old in self.memory.items():
            new = _column_memory(network.table(kind), col)
            if new is None or old is None or not _same_memory(old, new):
                return False
        for (kind, col), old_values in self.values.items():
            new_values = _column_values(network.table(kind), col)
            if new_values is None or old_values is None:
                if new_values is not old_values:
                    return False
            elif new_values.shape != old_values.shape or not _same_values(old_values, new_values):
                return False
        return True


def _column_memory(frame: pd.DataFrame, column: str) -> np.ndarray | None:
    """The ndarray holding a column's data (a geometry column's too), or None."""
    getter = getattr(frame, "_get_column_array", None)
    try:
        loc = frame.columns.get_loc(column)
    except KeyError:
        return None
    if not isinstance(loc, int) or getter is None:
        return None
    # pandas' own accessor: 1 µs, where frame[column] on a GeoDataFrame takes about 70 µs
    values = getter(loc)
    if isinstance(values, np.ndarray):
        return values
    data = getattr(values, "_data", None)  # geopandas' GeometryArray
    return data if isinstance(data, np.ndarray) else None


def _same_memory(old: np.ndarray, new: np.ndarray) -> bool:
    # The snapshot keeps `old` alive, so a copied column cannot land in its memory: an
    # overlap test (bounds only, no data read) tells "same memory" from "copied".
    return new is old or (new.shape == old.shape and bool(np.may_share_memory(new, old)))


def _column_values(frame: pd.DataFrame, column: str) -> np.ndarray | None:
    if column not in frame.columns:
        return None
    return frame[column].to_numpy(copy=True)


def _same_values(old: np.ndarray, new: np.ndarray) -> bool:
    if old.dtype.kind == "f" and new.dtype.kind == "f":
        return bool(np.array_equal(old, new, equal_nan=True))
    if old.dtype.kind == "O" or new.dtype.kind == "O":
        try:  # the common case, in C: unchanged cells are the same objects
            if bool(np.array_equal(old, new)):
                return True
        except (TypeError, ValueError):
            pass
        # slow path: missing cells (NaN, None) count as equal to each other
        return all(
            a is b or (_is_missing(a) and _is_missing(b)) or _equal_cell(a, b)
            for a, b in zip(old.tolist(), new.tolist(), strict=True)
        )
    return bool(np.array_equal(old, new))


def _equal_cell(a: Any, b: Any) -> bool:
    try:
        return bool(a == b)
    except (TypeError, ValueError):  # arrays or exotic cells: treat as changed
        return False


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


def _records(frame: gpd.GeoDataFrame) -> list[dict[str, Any]]:
    """Rows as dicts of plain values, missing cells left out, geometry included."""
    columns = [c for c in frame.columns if c != frame.geometry.name]
    rows = pd.DataFrame(frame[columns]).to_dict("records")
    out = []
    for row, geom in zip(rows, frame.geometry, strict=True):
        record = {str(k): _json_value(v, str(k)) for k, v in row.items()}
        record = {k: v for k, v in record.items() if v is not None}
        record["geometry"] = geom
        out.append(record)
    return out


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
        # name -> (value, snapshot of the columns it was built from)
        self._derived: dict[str, tuple[Any, TableSnapshot]] = {}

    def __getstate__(self) -> dict:
        # derived structures (spatial index, compiled arrays) are rebuilt where needed
        state = self.__dict__.copy()
        state["_derived"] = {}
        return state

    def table(self, kind: str) -> gpd.GeoDataFrame:
        """The table of a feature kind: 'node', 'section' or 'structure'."""
        if kind == "node":
            return self.nodes
        if kind == "section":
            return self.sections
        if kind == "structure":
            return self.structures
        raise ValueError(f"unknown feature kind {kind!r}; expected one of {', '.join(KINDS)}")

    def derived(self, name: str, columns: dict[str, tuple[str, ...]], build: Callable[[], T]) -> T:
        """A structure built from the tables, cached until one of `columns` changes.

        `columns` maps a feature kind to the column names (and "index") that `build` reads.
        """
        cached = self._derived.get(name)
        if cached is not None and cached[1].matches(self):
            return cached[0]
        snapshot = TableSnapshot(self, columns)
        value = build()
        self._derived[name] = (value, snapshot)
        return value

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
                    plain = _json_value(value, str(col))
                    if plain is not None:
                        props[str(col)] = plain
                features.append({"type": "Feature", "geometry": mapping(geom), "properties": props})
        return {"type": "FeatureCollection", **self.metadata, "features": features}

    # ---- lookup ---------------------------------------------------------------------------
    @property
    def _name_index(self) -> dict[str, list[tuple[str, str, str, float]]]:
        return self.derived("name_index", NAME_COLUMNS, self._build_name_index)

    def _build_name_index(self) -> dict[str, list[tuple[str, str, str, float]]]:
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
    @property
    def compiled(self) -> CompiledGraph:
        """Arrays for the algorithms: built on first use, rebuilt after the tables change.

        Each access compares the columns the arrays come from (ids, ends, capacities,
        lengths, speeds, structure sections) with the ones they were built from, so an
        edited table never gives stale arrays. In a tight loop, call `compile()` once and
        keep the `CompiledGraph` it returns.
        """
        return self.derived("compiled", COMPILED_COLUMNS, self._compile)

    def compile(self) -> CompiledGraph:
        """Build the arrays from the tables now (whether or not they changed) and return them."""
        self._derived.pop("compiled", None)
        return self.compiled

    def to_networkx(self) -> nx.MultiGraph:
        """The network as a new undirected networkx MultiGraph (sections run both ways).

        Nodes carry the node table's columns plus `lon`, `lat`; edges are keyed by section
        id and carry the section table's columns plus `time_h`. The graph is a copy: editing
        it does not change the network.
        """
        import networkx as nx  # only callers who want a networkx graph pay for the import

        graph: nx.MultiGraph = nx.MultiGraph(name=self.name)
        for nid, record in zip(self.nodes.index, _records(self.nodes), strict=True):
            point = record["geometry"]
            if point is not None and point.geom_type == "Point":
                record.setdefault("lon", point.x)
                record.setdefault("lat", point.y)
            graph.add_node(nid, **record)
        for sid, record in zip(self.sections.index, _records(self.sections), strict=True):
            length, speed = record.get("length_km"), record.get("speed_kmh")
            if isinstance(length, float) and isinstance(speed, float) and speed > 0:
                record["time_h"] = length / speed
            graph.add_edge(record["from"], record["to"], key=sid, id=sid, **record)
        return graph

    def _compile(self) -> CompiledGraph:
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
