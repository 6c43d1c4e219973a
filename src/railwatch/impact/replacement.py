"""Replacement paths: every OD pair's shortest length with each link of its route removed.

For an undirected graph with positive lengths, a shortest s-t path P taken from the
shortest-path tree T_s, and the distances d_s (from s) and d_t (to t), the shortest s-t
path avoiding the edge e of P is

    min over edges (x, y) != e with x on the s side of T_s - e and y on the other side
        of  d_s(x) + w(x, y) + d_t(y)

(Malik, Mittal and Gupta, 1989; Hershberger and Suri, 2001). Label every node with the
position along P where its tree branch leaves P; an edge (x, y) whose labels satisfy
label(x) < label(y) then bridges the gap left by each path edge j with
label(x) < j <= label(y). So two Dijkstra runs per pair (grouped by origin and by
destination) replace one Dijkstra per (pair, removed edge). Removing an edge that is
not on P leaves the pair's length unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import dijkstra

MAX_CELLS = 4_000_000  # candidate x path-edge cells evaluated per numpy step


@dataclass
class PairPaths:
    """Base shortest routes of the pairs on the reduced graph."""

    base_km: np.ndarray  # (K,) inf where unreachable
    path_links: list[np.ndarray]  # per pair, the links along its shortest route


def _lightest_csr(n: int, tail: np.ndarray, head: np.ndarray, weight: np.ndarray):
    """Undirected CSR keeping the lightest of parallel links; returns it and link per entry."""
    t = np.concatenate([tail, head])
    h = np.concatenate([head, tail])
    w = np.concatenate([weight, weight])
    link = np.concatenate([np.arange(len(tail)), np.arange(len(tail))])
    keep = t != h
    t, h, w, link = t[keep], h[keep], w[keep], link[keep]
    order = np.lexsort((link, w, h, t))
    t, h, w, link = t[order], h[order], w[order], link[order]
    first = np.ones(len(t), dtype=bool)
    first[1:] = (t[1:] != t[:-1]) | (h[1:] != h[:-1])
    t, h, w, link = t[first], h[first], w[first], link[first]
    matrix = sp.csr_matrix((w, (t, h)), shape=(n, n))
    matrix.sort_indices()
    return matrix, t * n + h, link


def _nearest_path_label(pred_row: np.ndarray, path_nodes: np.ndarray) -> np.ndarray:
    """For every node, the position on the path where its tree branch leaves it (-1: none)."""
    n = len(pred_row)
    parent = pred_row.astype(np.int64).copy()
    unreached = parent < 0
    parent[unreached] = np.flatnonzero(unreached)
    parent[path_nodes] = path_nodes
    label = np.full(n, -1, dtype=np.int64)
    label[path_nodes] = np.arange(len(path_nodes))
    while True:  # pointer jumping: O(log depth) vectorised passes
        nxt = parent[parent]
        if np.array_equal(nxt, parent):
            break
        parent = nxt
    return label[parent]


def base_paths(n, tail, head, length, origins, dests) -> tuple[PairPaths, dict]:
    """Shortest routes per pair with the Dijkstra results they came from."""
    matrix, keys, key_link = _lightest_csr(n, tail, head, length)
    uo, uo_inv = np.unique(origins, return_inverse=True)
    ud, ud_inv = np.unique(dests, return_inverse=True)
    dist_o, pred_o = dijkstra(matrix, directed=True, indices=uo, return_predecessors=True)
    dist_t = dijkstra(matrix, directed=True, indices=ud)
    base = dist_o[uo_inv, dests]
    paths = []
    for k in range(len(origins)):
        if not np.isfinite(base[k]):
            paths.append(np.zeros(0, dtype=np.int64))
            continue
        pred = pred_o[uo_inv[k]]
        walk = [int(dests[k])]
        while walk[-1] != origins[k]:
            walk.append(int(pred[walk[-1]]))
        nodes = np.asarray(walk[::-1], dtype=np.int64)
        step = nodes[:-1] * n + nodes[1:]
        paths.append(key_link[np.searchsorted(keys, step)])
    trees = {"dist_o": dist_o, "pred_o": pred_o, "o_row": uo_inv, "dist_t": dist_t, "t_row": ud_inv}
    return PairPaths(base, paths), trees


def replacement_lengths(
    n: int,
    tail: np.ndarray,
    head: np.ndarray,
    length: np.ndarray,
    origins: np.ndarray,
    dests: np.ndarray,
) -> tuple[PairPaths, list[np.ndarray]]:
    """Base routes, and per pair the new shortest length with each route link removed
    (aligned with `path_links`; inf when the removal disconnects the pair)."""
    paths, trees = base_paths(n, tail, head, length, origins, dests)
    arc_x = np.concatenate([tail, head])
    arc_y = np.concatenate([head, tail])
    arc_w = np.concatenate([length, length])
    arc_link = np.concatenate([np.arange(len(tail)), np.arange(len(tail))])
    out = []
    for k in range(len(origins)):
        links = paths.path_links[k]
        if len(links) == 0:
            out.append(np.zeros(0))
            continue
        orow, trow = trees["o_row"][k], trees["t_row"][k]
        pred = trees["pred_o"][orow]
        # Path nodes in order, recovered from the tree (origin first).
        nodes = [int(dests[k])]
        while nodes[-1] != origins[k]:
            nodes.append(int(pred[nodes[-1]]))
        path_nodes = np.asarray(nodes[::-1], dtype=np.int64)
        label = _nearest_path_label(pred, path_nodes)
        lx, ly = label[arc_x], label[arc_y]
        on_path = np.zeros(len(tail), dtype=bool)
        on_path[links] = True
        cand = (lx >= 0) & (ly > lx) & ~on_path[arc_link]
        lo, hi = lx[cand], ly[cand]
        value = (
            trees["dist_o"][orow][arc_x[cand]] + arc_w[cand] + trees["dist_t"][trow][arc_y[cand]]
        )
        best = np.full(len(links), np.inf)
        if len(value):
            js = np.arange(1, len(links) + 1)
            step = max(1, MAX_CELLS // len(value))
            for start in range(0, len(js), step):
                j = js[start : start + step, None]
                covered = (lo[None, :] < j) & (hi[None, :] >= j)
                best[start : start + step] = np.where(covered, value[None, :], np.inf).min(axis=1)
        out.append(best)
    return paths, out
