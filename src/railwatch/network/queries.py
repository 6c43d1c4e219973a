"""The questions every consumer asks of a network, answered in one place.

- `feature_point`: where a node, section or structure is, as **(lon, lat)** in WGS84
  degrees. Every point in this module (arguments and results) uses that one axis order,
  the order of GeoJSON and shapely; a caller that wants (lat, lon) swaps it itself.
- `feature_label` / `section_label`: how a feature is displayed ("Tynda – Novy Urgal").
- `nearest_section`: the section closest to a point, through an STRtree built once per
  network and rebuilt only when the section geometries change.
- `path` / `shortest_paths`: fastest or shortest path between nodes on the compiled arrays
  (scipy's Dijkstra), with the sections it runs on.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import numpy as np
import scipy.sparse as sp
import shapely
from scipy.sparse.csgraph import dijkstra
from shapely.geometry.base import BaseGeometry

from railwatch.network.geo import distance_km, local_scale

if TYPE_CHECKING:
    from railwatch.network.model import CompiledGraph, RailNetwork

LonLat = tuple[float, float]
"""A point as (longitude, latitude) in WGS84 degrees."""

SECTION_DASH = " – "  # en dash between the two end names of a section


# ---- where and what ------------------------------------------------------------------------
def feature_geometry(network: RailNetwork, fid: str) -> BaseGeometry | None:
    """The geometry of a node, section or structure id; None for unknown ids or no geometry."""
    kind = network.kind_of(fid)
    if kind is None:
        return None
    geom = network.table(kind).geometry.loc[fid]
    if geom is None or geom.is_empty:
        return None
    return geom


def feature_point(network: RailNetwork, fid: str) -> LonLat | None:
    """A representative (lon, lat) of a feature: a node's point, a line's midpoint by length.

    A structure without a geometry of its own is placed at its section's midpoint. Unknown
    ids and features without any geometry give None.
    """
    kind = network.kind_of(fid)
    if kind is None:
        return None
    geom = feature_geometry(network, fid)
    if geom is None:
        if kind == "structure":
            section = network.structures.at[fid, "section"]
            return feature_point(network, str(section)) if section != fid else None
        return None
    if geom.geom_type == "Point":
        point = geom
    elif geom.geom_type in ("LineString", "LinearRing"):
        point = geom.interpolate(0.5, normalized=True)
    else:
        point = geom.representative_point()
    return float(shapely.get_x(point)), float(shapely.get_y(point))


def _name(network: RailNetwork, kind: str, fid: str) -> str:
    """The feature's name, or its id when it has none."""
    frame = network.table(kind)
    if "name" in frame.columns and fid in frame.index:
        name = frame.at[fid, "name"]
        if isinstance(name, str) and name.strip():
            return name
    return str(fid)


def section_label(network: RailNetwork, sid: str) -> str:
    """A section as people read it: its end nodes' names, 'Tynda – Novy Urgal'."""
    row = network.sections.loc[sid]
    return SECTION_DASH.join(_name(network, "node", str(row[end])) for end in ("from", "to"))


def feature_label(network: RailNetwork, fid: str) -> str:
    """A feature as people read it: a section by its ends, anything else by its name.

    Unknown ids are returned as they are.
    """
    kind = network.kind_of(fid)
    if kind == "section":
        return section_label(network, fid)
    if kind is None:
        return str(fid)
    return _name(network, kind, fid)


# ---- nearest section -------------------------------------------------------------------------
@dataclass(frozen=True)
class NearestSection:
    """The section nearest a point, how far it is, and the closest point on it (lon, lat)."""

    section: str
    distance_km: float
    point: LonLat


@dataclass(frozen=True)
class _SectionTree:
    tree: shapely.STRtree
    ids: np.ndarray  # section id of each geometry in the tree
    geoms: np.ndarray


def _section_tree(network: RailNetwork) -> _SectionTree:
    def build() -> _SectionTree:
        geoms = network.sections.geometry.to_numpy()
        keep = np.array([g is not None and not g.is_empty for g in geoms], dtype=bool)
        ids = np.array([str(s) for s in network.sections.index], dtype=object)[keep]
        kept = np.asarray(geoms[keep], dtype=object)
        return _SectionTree(shapely.STRtree(kept), ids, kept)

    return network.derived("section_tree", {"section": ("index", "geometry")}, build)


def nearest_section(
    network: RailNetwork,
    lon: float,
    lat: float,
    *,
    candidates: Iterable[str] | None = None,
) -> NearestSection | None:
    """The section nearest to (lon, lat), or None when there is none with a geometry.

    Sections are ranked in a local flat projection around the point (exact enough for tens
    of kilometres); the distance reported is geodesic, to the closest point found. Ties go
    to the smaller section id. `candidates` restricts the search to those section ids.
    """
    index = _section_tree(network)
    if candidates is not None:
        wanted = {str(c) for c in candidates}
        positions = np.flatnonzero([sid in wanted for sid in index.ids])
    else:
        if len(index.ids) == 0:
            return None
        query = shapely.Point(lon, lat)
        # The nearest in degrees bounds the search: nothing farther (in the local flat
        # metric) than that section can win, so only a box of that radius is checked.
        first = int(index.tree.query_nearest(query, all_matches=False)[0])
        radius = _flat_distances(index.geoms[[first]], lon, lat)[0] * (1 + 1e-9) + 1e-9
        kx, ky = local_scale(lat)
        box = shapely.box(
            lon - radius / kx, lat - radius / ky, lon + radius / kx, lat + radius / ky
        )
        positions = np.union1d(index.tree.query(box), [first])
    if len(positions) == 0:
        return None
    flat = _flat_distances(index.geoms[positions], lon, lat)
    best = min(range(len(positions)), key=lambda k: (flat[k], index.ids[positions[k]]))
    geom = index.geoms[positions[best]]
    near = _closest_point(geom, lon, lat)
    return NearestSection(
        section=str(index.ids[positions[best]]),
        distance_km=distance_km(lon, lat, near[0], near[1]),
        point=near,
    )


def _to_local(geoms: np.ndarray, lon: float, lat: float) -> np.ndarray:
    kx, ky = local_scale(lat)
    scale = np.array([kx, ky])
    offset = np.array([lon, lat])
    return shapely.transform(geoms, lambda xy: (xy - offset) * scale)


def _flat_distances(geoms: np.ndarray, lon: float, lat: float) -> np.ndarray:
    """Distances in km from (lon, lat) in the local flat projection around it."""
    return shapely.distance(_to_local(geoms, lon, lat), shapely.Point(0.0, 0.0))


def _closest_point(geom: BaseGeometry, lon: float, lat: float) -> LonLat:
    local = _to_local(np.array([geom], dtype=object), lon, lat)[0]
    origin = shapely.Point(0.0, 0.0)
    along = shapely.shortest_line(local, origin).coords[0]
    kx, ky = local_scale(lat)
    return lon + along[0] / kx, lat + along[1] / ky


# ---- paths ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Path:
    """A path: the nodes and sections in order, with its length and running time."""

    nodes: tuple[str, ...]
    sections: tuple[str, ...]
    length_km: float
    time_h: float

    def as_dict(self) -> dict:
        return {
            "nodes": list(self.nodes),
            "sections": list(self.sections),
            "length_km": round(self.length_km, 3),
            "time_h": round(self.time_h, 3),
        }


def arc_endpoints(graph: CompiledGraph) -> tuple[np.ndarray, np.ndarray]:
    """(tail, head) node indices of the 2m arcs: sections forward, then backward."""
    tail = np.concatenate([graph.src, graph.dst]).astype(np.int64)
    head = np.concatenate([graph.dst, graph.src]).astype(np.int64)
    return tail, head


def weighted_csr(
    n_nodes: int, tail: np.ndarray, head: np.ndarray, weight: np.ndarray, usable: np.ndarray
) -> tuple[sp.csr_matrix, np.ndarray]:
    """CSR of the usable arcs, keeping the lightest of parallel arcs; also its arc ids."""
    arcs = np.flatnonzero(usable)
    order = np.lexsort((arcs, weight[arcs], head[arcs], tail[arcs]))
    arcs = arcs[order]
    key = tail[arcs] * n_nodes + head[arcs]
    first = np.ones(len(arcs), dtype=bool)
    first[1:] = key[1:] != key[:-1]
    arcs = arcs[first]
    matrix = sp.csr_matrix((weight[arcs], (tail[arcs], head[arcs])), shape=(n_nodes, n_nodes))
    matrix.sort_indices()  # (row, col) order: the order `arcs` already has
    return matrix, arcs


def _walk(
    graph: CompiledGraph,
    csr: sp.csr_matrix,
    arc_ids: np.ndarray,
    pred: np.ndarray,
    origin: int,
    target: int,
) -> Path | None:
    if origin == target:
        return Path((str(graph.node_ids[origin]),), (), 0.0, 0.0)
    if pred[target] < 0:
        return None
    nodes = [target]
    while nodes[-1] != origin:
        nodes.append(int(pred[nodes[-1]]))
    nodes.reverse()
    # arc_ids[k] is the arc stored at CSR position k; find the position of (u, v) per step.
    indptr, indices = csr.indptr, csr.indices
    positions = [
        indptr[u] + int(np.searchsorted(indices[indptr[u] : indptr[u + 1]], v))
        for u, v in zip(nodes[:-1], nodes[1:], strict=True)
    ]
    sections = arc_ids[positions] % graph.n_sections
    return Path(
        nodes=tuple(str(graph.node_ids[v]) for v in nodes),
        sections=tuple(str(graph.section_ids[s]) for s in sections),
        length_km=float(graph.length_km[sections].sum()),
        time_h=float(graph.time_h[sections].sum()),
    )


def shortest_paths(
    graph: CompiledGraph,
    origin: int,
    targets: Sequence[int],
    *,
    weight: np.ndarray,
    usable: np.ndarray,
) -> list[Path | None]:
    """Paths from node index `origin` to each target index minimising `weight`.

    `weight` and `usable` are per arc (2m: sections forward, then backward). Of parallel
    arcs the lightest is used (ties: the lower arc index). None where there is no path.
    """
    tail, head = arc_endpoints(graph)
    csr, arc_ids = weighted_csr(graph.n_nodes, tail, head, weight, usable)
    _, pred = dijkstra(csr, directed=True, indices=origin, return_predecessors=True)
    return [_walk(graph, csr, arc_ids, pred, origin, t) for t in targets]


def path(
    network: RailNetwork,
    origin: str,
    destination: str,
    *,
    by: Literal["time", "length"] = "time",
    within: Iterable[str] | None = None,
    avoid: Iterable[str] = (),
) -> Path | None:
    """The fastest (`by="time"`) or shortest (`by="length"`) path between two node ids.

    Every section is usable both ways, whatever its capacity. `within` keeps the path on
    those section ids; `avoid` keeps it off those sections, structures' sections and nodes.
    None when no path exists. Raises KeyError naming an unknown node id.
    """
    if by not in ("time", "length"):
        raise ValueError(f"by must be 'time' or 'length', got {by!r}")
    graph = network.compiled
    for role, nid in (("origin", origin), ("destination", destination)):
        if nid not in graph.node_index:
            raise KeyError(f"{role} {nid!r} is not a node of network {network.name}")
    m = graph.n_sections
    section_ok = np.ones(m, dtype=bool)
    if within is not None:
        section_ok[:] = False
        section_ok[[graph.section_index[s] for s in within if s in graph.section_index]] = True
    node_ok = np.ones(graph.n_nodes, dtype=bool)
    for fid in avoid:
        if fid in graph.section_index:
            section_ok[graph.section_index[fid]] = False
        elif fid in graph.structure_section:
            section_ok[graph.structure_section[fid]] = False
        elif fid in graph.node_index:
            node_ok[graph.node_index[fid]] = False
    tail, head = arc_endpoints(graph)
    usable = np.concatenate([section_ok, section_ok]) & node_ok[tail] & node_ok[head]
    per_section = graph.time_h if by == "time" else graph.length_km
    weight = np.concatenate([per_section, per_section])
    start, end = graph.node_index[origin], graph.node_index[destination]
    if not (node_ok[start] and node_ok[end]):
        return None
    return shortest_paths(graph, start, [end], weight=weight, usable=usable)[0]
