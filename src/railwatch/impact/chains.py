"""Series reduction: merge runs of sections through plain two-section stations into links.

A rail network is mostly chains: stations with exactly two sections between junctions.
Closing any one section of a chain has the same effect on every route and flow between
junctions as closing the whole chain (traffic cannot use half of it), so N-1 only needs
one computation per chain. This is exact as long as no origin or destination sits inside
a chain; those nodes are kept as chain ends (`protected`). Nodes with a throughput
capacity are kept as chain ends too: that capacity limits the trains of both directions
together, which no per-direction link capacity can express (folding it into the link let
twice its throughput pass and made the unmet-demand N-1 wrong).

A link's capacity is the smallest capacity of its sections; its length is the sum of its
sections' lengths.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from railwatch.network.model import CompiledGraph


@dataclass
class Links:
    """The reduced graph: J junctions, L links, and the map from sections to links."""

    n_junctions: int
    junction_node: np.ndarray  # (J,) original node index of each junction
    tail: np.ndarray  # (L,) junction index at the link's start
    head: np.ndarray  # (L,)
    capacity: np.ndarray  # (L,) trains/day, both directions (open network)
    length_km: np.ndarray  # (L,)
    node_capacity: np.ndarray  # (J,)
    section_link: np.ndarray  # (m,) link of each section
    section_forward: np.ndarray  # (m,) True where the section runs from the link's tail on

    @property
    def n_links(self) -> int:
        return len(self.tail)


def reduce_chains(graph: CompiledGraph, protected_nodes=()) -> Links:
    """Merge chains of degree-2 nodes (not in `protected_nodes`) into single links."""
    n, m = graph.n_nodes, graph.n_sections
    src = graph.src.astype(np.int64)
    dst = graph.dst.astype(np.int64)
    degree = np.bincount(src, minlength=n) + np.bincount(dst, minlength=n)
    protected = degree != 2
    protected[np.asarray(list(protected_nodes), dtype=np.int64)] = True
    protected[src[src == dst]] = True
    protected[np.isfinite(graph.node_capacity)] = True  # see the module docstring
    # Incidence lists in CSR form: for node v, the sections touching it.
    ends = np.concatenate([src, dst])
    secs = np.concatenate([np.arange(m), np.arange(m)])
    order = np.argsort(ends, kind="stable")
    inc_sec = secs[order]
    inc_ptr = np.searchsorted(ends[order], np.arange(n + 1))
    section_link = np.full(m, -1, dtype=np.int64)
    section_forward = np.ones(m, dtype=bool)
    tails: list[int] = []
    heads: list[int] = []
    caps: list[float] = []
    lengths: list[float] = []
    cap = graph.capacity
    length = graph.length_km
    node_cap = graph.node_capacity

    def walk(start: int, first: int) -> None:
        link = len(tails)
        cur, sec = start, first
        cap_min, total = np.inf, 0.0
        while True:
            section_link[sec] = link
            section_forward[sec] = src[sec] == cur
            cap_min = min(cap_min, cap[sec])
            total += length[sec]
            cur = int(dst[sec]) if src[sec] == cur else int(src[sec])
            if protected[cur]:
                break
            a, b = inc_sec[inc_ptr[cur]], inc_sec[inc_ptr[cur] + 1]
            sec = int(b) if a == sec else int(a)
            if section_link[sec] >= 0:  # closed a loop of unprotected nodes
                break
        tails.append(start)
        heads.append(cur)
        caps.append(cap_min)
        lengths.append(total)

    for v in np.flatnonzero(protected):
        for sec in inc_sec[inc_ptr[v] : inc_ptr[v + 1]]:
            if section_link[sec] < 0:
                walk(int(v), int(sec))
    # Rings with no junction at all: keep their sections as they are.
    for sec in np.flatnonzero(section_link < 0):
        protected[src[sec]] = protected[dst[sec]] = True
        section_link[sec] = len(tails)
        tails.append(int(src[sec]))
        heads.append(int(dst[sec]))
        caps.append(cap[sec])
        lengths.append(length[sec])
    junction_node = np.flatnonzero(protected)
    junction_of = np.full(n, -1, dtype=np.int64)
    junction_of[junction_node] = np.arange(len(junction_node))
    return Links(
        n_junctions=len(junction_node),
        junction_node=junction_node,
        tail=junction_of[np.asarray(tails, dtype=np.int64)],
        head=junction_of[np.asarray(heads, dtype=np.int64)],
        capacity=np.asarray(caps, dtype=float),
        length_km=np.asarray(lengths, dtype=float),
        node_capacity=node_cap[junction_node].astype(float),
        section_link=section_link,
        section_forward=section_forward,
    )
