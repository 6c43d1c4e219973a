"""Turn rail ways (lists of node indices) into junction-to-junction chains.

Pure graph work on integer node indices and coordinate arrays; nothing here knows about
OSM tags. The steps, in the order the importer runs them:

1. ``split_at_missing``: a way that uses nodes absent from the file (a clipped extract)
   keeps only its runs of present nodes.
2. ``snap_dangling_ends``: a way end that no other way touches, lying within a few metres
   of a node or a segment of another way, is joined to it (tracks mapped to touch, without
   a shared node).
3. ``find_vertices``: graph vertices are dead ends, junctions (3+ segment ends meet),
   forced vertices (named stops, gauge changes) and nothing else, so a run of ways joined
   end to end is one section however many ways it was drawn with.
4. ``build_chains``: walk from vertex to vertex, keeping every node of the geometry and
   which way each segment came from.
5. ``split_loops``: a chain that comes back to where it started is cut at its middle node,
   so no section runs from a node to itself.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.spatial import cKDTree

EARTH_RADIUS_M = 6_371_008.8


@dataclass
class Chain:
    """A vertex-to-vertex run: node indices in travel order and the way index of each segment."""

    nodes: np.ndarray  # int, length k >= 2
    seg_way: np.ndarray  # int, length k - 1


def split_at_missing(refs: np.ndarray, node_ids: np.ndarray) -> list[np.ndarray]:
    """Map OSM node ids to indices into ``node_ids``; split where a node is missing."""
    if len(node_ids) == 0:
        return []
    pos = np.minimum(np.searchsorted(node_ids, refs), len(node_ids) - 1)
    found = node_ids[pos] == refs
    if found.all():
        return _long_enough([pos])
    runs = []
    start = None
    for i, ok in enumerate(found.tolist()):
        if ok and start is None:
            start = i
        elif not ok and start is not None:
            runs.append(pos[start:i])
            start = None
    if start is not None:
        runs.append(pos[start:])
    return _long_enough(runs)


def _long_enough(runs: list[np.ndarray]) -> list[np.ndarray]:
    return [run for run in (drop_repeats(run) for run in runs) if len(run) >= 2]


def drop_repeats(nodes: np.ndarray) -> np.ndarray:
    """Remove consecutive repeats of the same node (zero-length segments)."""
    if len(nodes) < 2:
        return nodes
    keep = np.ones(len(nodes), bool)
    keep[1:] = nodes[1:] != nodes[:-1]
    return nodes[keep]


def segment_degree(way_nodes: Sequence[np.ndarray], n_nodes: int) -> np.ndarray:
    """How many segment ends meet at each node (1 = dead end, 2 = pass-through, 3+ = junction)."""
    if not way_nodes:
        return np.zeros(n_nodes, np.int64)
    heads = np.concatenate([nodes[:-1] for nodes in way_nodes])
    tails = np.concatenate([nodes[1:] for nodes in way_nodes])
    return np.bincount(heads, minlength=n_nodes) + np.bincount(tails, minlength=n_nodes)


def unit_sphere_metres(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """Points on a sphere of Earth's radius; chord length equals distance at metre scale."""
    lam, phi = np.radians(lon), np.radians(lat)
    return EARTH_RADIUS_M * np.column_stack(
        (np.cos(phi) * np.cos(lam), np.cos(phi) * np.sin(lam), np.sin(phi))
    )


def snap_dangling_ends(
    way_nodes: list[np.ndarray], lon: np.ndarray, lat: np.ndarray, tolerance_m: float
) -> tuple[list[np.ndarray], int, int]:
    """Join way ends that no other way touches to another way within ``tolerance_m``.

    A loose end is first joined to the nearest node of a different way; failing that, it is
    inserted into the nearest segment of a different way (the other way gains the loose
    node, so the two meet at a junction). Only loose ends move, so parallel tracks (about
    4 m apart) and ordinary dead ends stay apart.
    Returns the ways in the same order (a way may shrink to a single node; the caller drops
    those), the number of ends joined to nodes and the number joined to segments.
    """
    if tolerance_m <= 0 or not way_nodes:
        return way_nodes, 0, 0
    loose = _loose_ends(way_nodes, len(lon))
    if not loose:
        return way_nodes, 0, 0
    points = unit_sphere_metres(lon, lat)
    parent = _join_to_nodes(way_nodes, points, loose, tolerance_m)
    mapping = np.arange(len(lon))
    moved = np.flatnonzero(parent != mapping)
    mapping[moved] = parent[moved]
    if len(moved):
        way_nodes = [drop_repeats(mapping[nodes]) for nodes in way_nodes]
    still_loose = {end: way for end, way in loose.items() if mapping[end] == end}
    way_nodes, on_segments = _join_to_segments(way_nodes, points, still_loose, tolerance_m)
    return way_nodes, len(moved), on_segments


def _loose_ends(way_nodes: Sequence[np.ndarray], n_nodes: int) -> dict[int, int]:
    """Way ends no other segment touches: node index -> index of its way."""
    degree = segment_degree(way_nodes, n_nodes)
    loose: dict[int, int] = {}
    for index, nodes in enumerate(way_nodes):
        for end in (int(nodes[0]), int(nodes[-1])):
            if degree[end] == 1:
                loose[end] = index
    return loose


def _join_to_nodes(
    way_nodes: Sequence[np.ndarray], points: np.ndarray, loose: dict[int, int], tolerance_m: float
) -> np.ndarray:
    """Union-find parents after joining each loose end to the nearest node of another way."""
    used = np.unique(np.concatenate(way_nodes))
    tree = cKDTree(points[used])
    ends = np.fromiter(loose, dtype=np.int64)
    near_lists = tree.query_ball_point(points[ends], r=tolerance_m)
    parent = np.arange(len(points))

    def root(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return int(node)

    for end, near in zip(ends.tolist(), near_lists, strict=True):
        own = set(way_nodes[loose[end]].tolist())
        candidates = [i for i in near if int(used[i]) not in own]
        if not candidates:
            continue
        dist = np.linalg.norm(tree.data[candidates] - points[end], axis=1)
        a, b = root(end), root(int(used[candidates[int(np.argmin(dist))]]))
        if a != b:
            parent[a] = b
    for node in np.flatnonzero(parent != np.arange(len(points))).tolist():
        parent[node] = root(node)
    return parent


#: Spacing (m) of the points that stand for segments when searching for the nearest one.
_SEGMENT_SAMPLE_M = 50.0


def _join_to_segments(
    way_nodes: list[np.ndarray], points: np.ndarray, loose: dict[int, int], tolerance_m: float
) -> tuple[list[np.ndarray], int]:
    """Insert each loose end into the nearest segment of another way within tolerance."""
    if not loose:
        return way_nodes, 0
    way_nodes = list(way_nodes)
    seg_way = np.concatenate([np.full(len(n) - 1, i) for i, n in enumerate(way_nodes)])
    seg_pos = np.concatenate([np.arange(len(n) - 1) for n in way_nodes])
    heads = np.concatenate([n[:-1] for n in way_nodes])
    tails = np.concatenate([n[1:] for n in way_nodes])
    a, b = points[heads], points[tails]
    ends = np.fromiter(loose, dtype=np.int64)
    # Only segments that could pass within tolerance of a loose end are worth sampling.
    gap, _ = cKDTree(points[ends]).query((a + b) / 2)
    near = np.flatnonzero(gap <= np.linalg.norm(b - a, axis=1) / 2 + tolerance_m)
    seg_way, seg_pos, a, b = seg_way[near], seg_pos[near], a[near], b[near]
    # Sample every segment at least every _SEGMENT_SAMPLE_M so a ball search finds it.
    n_samples = np.ceil(np.linalg.norm(b - a, axis=1) / _SEGMENT_SAMPLE_M).astype(int) + 1
    sample_seg = np.repeat(np.arange(len(a)), n_samples)
    first = np.cumsum(n_samples) - n_samples
    frac = (np.arange(len(sample_seg)) - first[sample_seg]) / np.maximum(n_samples - 1, 1)[
        sample_seg
    ]
    samples = a[sample_seg] + frac[:, None] * (b - a)[sample_seg]
    tree = cKDTree(samples)
    radius = tolerance_m + _SEGMENT_SAMPLE_M / 2
    inserts: dict[int, list[tuple[int, float, int]]] = defaultdict(list)
    for end, near in zip(ends.tolist(), tree.query_ball_point(points[ends], r=radius), strict=True):
        segs = np.unique(sample_seg[near]) if near else np.empty(0, int)
        segs = segs[seg_way[segs] != loose[end]]
        if not len(segs):
            continue
        ab = b[segs] - a[segs]
        t = np.einsum("ij,ij->i", points[end] - a[segs], ab) / np.einsum("ij,ij->i", ab, ab)
        dist = np.linalg.norm(a[segs] + np.clip(t, 0, 1)[:, None] * ab - points[end], axis=1)
        inside = (t > 0) & (t < 1) & (dist <= tolerance_m)
        if not inside.any():
            continue
        best = int(np.argmin(np.where(inside, dist, np.inf)))
        seg = int(segs[best])
        inserts[int(seg_way[seg])].append((int(seg_pos[seg]), float(t[best]), end))
    for way, items in inserts.items():
        items.sort()
        positions = [pos + 1 for pos, _, _ in items]
        way_nodes[way] = np.insert(way_nodes[way], positions, [node for _, _, node in items])
    return way_nodes, sum(len(items) for items in inserts.values())


def find_vertices(
    way_nodes: Sequence[np.ndarray],
    n_nodes: int,
    *,
    forced: np.ndarray | None = None,
    crossing: np.ndarray | None = None,
    way_class: Sequence[Hashable] | None = None,
) -> np.ndarray:
    """Which nodes are graph vertices.

    A node is a vertex if its segment degree is not 2 (dead ends and junctions), if it is in
    ``forced`` and on a way, or if two ways of different ``way_class`` (e.g. gauge) meet there.
    A node in ``crossing`` (a flat crossing of two lines, railway=railway_crossing) is not a
    vertex when every way passes straight through it: trains cannot turn there.
    """
    degree = segment_degree(way_nodes, n_nodes)
    is_vertex = (degree != 2) & (degree > 0)
    if crossing is not None and crossing.any():
        way_end = np.zeros(n_nodes, bool)
        for nodes in way_nodes:
            way_end[nodes[0]] = way_end[nodes[-1]] = True
        is_vertex &= ~(crossing & ~way_end)
    if forced is not None:
        is_vertex |= forced & (degree > 0)
    if way_class is not None:
        class_at: dict[int, Hashable] = {}
        for nodes, cls in zip(way_nodes, way_class, strict=True):
            for end in (int(nodes[0]), int(nodes[-1])):
                if class_at.setdefault(end, cls) != cls:
                    is_vertex[end] = True
    return is_vertex


def build_chains(way_nodes: Sequence[np.ndarray], is_vertex: np.ndarray) -> list[Chain]:
    """Walk vertex to vertex through the ways, merging ways that meet end to end.

    ``is_vertex`` may be extended in place: a closed ring with no vertex on it gets one at
    its first node.
    """
    pieces: list[tuple[int, np.ndarray]] = []
    for way_index, nodes in enumerate(way_nodes):
        inner = np.flatnonzero(is_vertex[nodes[1:-1]]) + 1
        cuts = [0, *inner.tolist(), len(nodes) - 1]
        for a, b in zip(cuts[:-1], cuts[1:], strict=True):
            pieces.append((way_index, nodes[a : b + 1]))

    ends_at: dict[int, list[tuple[int, bool]]] = defaultdict(list)
    for piece_id, (_, nodes) in enumerate(pieces):
        ends_at[int(nodes[0])].append((piece_id, True))
        ends_at[int(nodes[-1])].append((piece_id, False))
    used = np.zeros(len(pieces), bool)

    def walk(piece_id: int, forward: bool) -> Chain:
        node_runs: list[np.ndarray] = []
        way_runs: list[np.ndarray] = []
        while True:
            used[piece_id] = True
            way_index, nodes = pieces[piece_id]
            run = nodes if forward else nodes[::-1]
            node_runs.append(run if not node_runs else run[1:])
            way_runs.append(np.full(len(run) - 1, way_index))
            last = int(run[-1])
            if is_vertex[last]:
                break
            arrived = (piece_id, not forward)
            onward = [entry for entry in ends_at[last] if entry != arrived]
            if not onward or used[onward[0][0]]:
                break
            piece_id, forward = onward[0]
        return Chain(np.concatenate(node_runs), np.concatenate(way_runs))

    chains = []
    for piece_id, (_, nodes) in enumerate(pieces):
        if used[piece_id]:
            continue
        if is_vertex[nodes[0]]:
            chains.append(walk(piece_id, True))
        elif is_vertex[nodes[-1]]:
            chains.append(walk(piece_id, False))
    for piece_id, (_, nodes) in enumerate(pieces):
        if not used[piece_id]:  # a ring with no vertex on it
            is_vertex[nodes[0]] = True
            chains.append(walk(piece_id, True))
    return chains


def split_loops(chains: list[Chain], is_vertex: np.ndarray) -> list[Chain]:
    """Cut every chain that ends where it starts at its middle node (made a vertex)."""
    result = []
    for chain in chains:
        if chain.nodes[0] != chain.nodes[-1] or len(chain.nodes) < 3:
            result.append(chain)
            continue
        mid = len(chain.nodes) // 2
        is_vertex[chain.nodes[mid]] = True
        result.append(Chain(chain.nodes[: mid + 1], chain.seg_way[:mid]))
        result.append(Chain(chain.nodes[mid:], chain.seg_way[mid:]))
    return result
