"""Corridor capacity: maximum flow between groups of nodes and its bottleneck (minimum cut).

The rail graph becomes a directed flow network: each section gives two arcs (one per
direction, each with the section's per-direction capacity) and each node is split into
an entry and an exit joined by an arc carrying the node's capacity (transshipment at a
gauge break, or a closure). A super source feeds every origin's entry and every
destination's exit drains to a super sink, so a node's capacity limits traffic that
starts or ends there as well as traffic passing through.

scipy's `maximum_flow` needs integer capacities: capacities are multiplied by `scale`
(1000 by default, i.e. exact to a thousandth of a train per day) and rounded; the scale is
lowered automatically when the total capacity would not fit in 32-bit integers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import breadth_first_order, maximum_flow

from railwatch.impact.arcs import arc_endpoints, capacities_for, node_indices
from railwatch.impact.closures import Closure

if TYPE_CHECKING:
    from railwatch.network.model import RailNetwork

DEFAULT_SCALE = 1000
INT_LIMIT = 2**31 - 1


@dataclass
class FlowNetwork:
    """The split-node flow network as integer CSR data, plus maps back to arcs and nodes."""

    matrix: sp.csr_matrix
    scale: float
    pair_tail: np.ndarray  # merged (tail, head) pairs in CSR order
    pair_head: np.ndarray
    arc_pair: np.ndarray  # for each of the 2m section arcs, its merged pair position
    node_pair: np.ndarray  # for each node, the position of its entry->exit pair
    arc_cap_int: np.ndarray
    source: int
    sink: int


def choose_scale(arc_cap: np.ndarray, node_cap: np.ndarray) -> float:
    """Largest scale <= DEFAULT_SCALE at which every finite capacity sum fits in int32."""
    finite = float(np.sum(arc_cap)) + float(np.sum(node_cap[np.isfinite(node_cap)]))
    if finite <= 0:
        return float(DEFAULT_SCALE)
    return float(min(DEFAULT_SCALE, (INT_LIMIT // 4) / finite))


def build_flow_network(
    n_nodes: int,
    tail: np.ndarray,
    head: np.ndarray,
    arc_cap: np.ndarray,
    node_cap: np.ndarray,
    sources: Iterable[int],
    sinks: Iterable[int],
    scale: float | None = None,
) -> FlowNetwork:
    """Split nodes, add super source and sink, merge parallel arcs; integer capacities."""
    n = n_nodes
    scale = choose_scale(arc_cap, node_cap) if scale is None else scale
    big = INT_LIMIT // 4  # "unlimited"; larger than any finite total by construction
    arc_int = np.minimum(np.rint(arc_cap * scale), big).astype(np.int64)
    finite = np.isfinite(node_cap)
    node_int = np.where(
        finite, np.minimum(np.rint(np.where(finite, node_cap, 0.0) * scale), big), big
    ).astype(np.int64)
    sources = np.asarray(list(sources), dtype=np.int64)
    sinks = np.asarray(list(sinks), dtype=np.int64)
    s, t = 2 * n, 2 * n + 1
    rows = np.concatenate([tail + n, np.arange(n), np.full(len(sources), s), sinks + n])
    cols = np.concatenate([head, np.arange(n) + n, sources, np.full(len(sinks), t)])
    data = np.concatenate([arc_int, node_int, np.full(len(sources), big), np.full(len(sinks), big)])
    # Merge parallel arcs (tunnel and bypass between the same two nodes) by summing.
    key = rows * (2 * n + 2) + cols
    unique_keys, inverse = np.unique(key, return_inverse=True)
    merged = np.zeros(len(unique_keys), dtype=np.int64)
    np.add.at(merged, inverse, data)
    pair_tail = unique_keys // (2 * n + 2)
    pair_head = unique_keys % (2 * n + 2)
    indptr = np.searchsorted(pair_tail, np.arange(2 * n + 3)).astype(np.int32)
    matrix = sp.csr_matrix(
        (merged.astype(np.int32), pair_head.astype(np.int32), indptr), shape=(2 * n + 2,) * 2
    )
    m2 = len(tail)
    return FlowNetwork(
        matrix=matrix,
        scale=scale,
        pair_tail=pair_tail,
        pair_head=pair_head,
        arc_pair=inverse[:m2],
        node_pair=inverse[m2 : m2 + n],
        arc_cap_int=arc_int,
        source=s,
        sink=t,
    )


@dataclass
class MaxFlowResult:
    """Max-flow value (trains/day), flow per section arc and node, and the minimum cut."""

    value: float
    arc_flow: np.ndarray  # (2m,) trains/day per arc
    node_flow: np.ndarray  # (n,) trains/day through each node
    cut_arcs: np.ndarray  # indices of section arcs in the minimum cut
    cut_nodes: np.ndarray  # indices of nodes whose capacity is in the minimum cut
    source_side: np.ndarray = field(repr=False)  # bool (n,): node entry reachable in residual


def solve_max_flow(fn: FlowNetwork, n_nodes: int, priority=None) -> MaxFlowResult:
    """Run scipy's max-flow (Dinic) and read flows and the minimum cut from the result.

    `priority` (one value per section arc, lower first) decides how a merged pair's flow
    is shared among parallel arcs; by default, in arc order.
    """
    result = maximum_flow(fn.matrix, fn.source, fn.sink, method="dinic")
    flow = result.flow.tocsr()
    pair_flow = np.asarray(flow[fn.pair_tail, fn.pair_head]).ravel().astype(np.int64)
    capacity = fn.matrix.data.astype(np.int64)
    # Parallel arcs (tunnel and bypass) fill in priority order: the quickest first.
    priority = np.arange(len(fn.arc_pair)) if priority is None else np.asarray(priority)
    order = np.lexsort((np.arange(len(fn.arc_pair)), priority, fn.arc_pair))
    caps_sorted = fn.arc_cap_int[order]
    pairs_sorted = fn.arc_pair[order]
    cum = np.cumsum(caps_sorted)
    starts = np.flatnonzero(np.r_[True, pairs_sorted[1:] != pairs_sorted[:-1]])
    group_start = np.repeat(cum[starts] - caps_sorted[starts], np.diff(np.r_[starts, len(order)]))
    before = cum - caps_sorted - group_start
    filled = np.clip(pair_flow[pairs_sorted] - before, 0, caps_sorted)
    arc_flow = np.zeros(len(order))
    arc_flow[order] = filled / fn.scale
    node_flow = pair_flow[fn.node_pair] / fn.scale
    # Residual graph: forward where not saturated, backward where flow runs.
    size = fn.matrix.shape[0]
    fwd = pair_flow < capacity
    back = pair_flow > 0
    residual = sp.csr_matrix(
        (
            np.ones(int(fwd.sum() + back.sum()), dtype=np.int8),
            (
                np.concatenate([fn.pair_tail[fwd], fn.pair_head[back]]),
                np.concatenate([fn.pair_head[fwd], fn.pair_tail[back]]),
            ),
        ),
        shape=(size, size),
    )
    reached = np.zeros(size, dtype=bool)
    reached[breadth_first_order(residual, fn.source, directed=True, return_predecessors=False)] = (
        True
    )
    cut_pair = reached[fn.pair_tail] & ~reached[fn.pair_head] & (capacity > 0)
    cut_arcs = np.flatnonzero(cut_pair[fn.arc_pair] & (fn.arc_cap_int > 0))
    cut_nodes = np.flatnonzero(cut_pair[fn.node_pair])
    return MaxFlowResult(
        value=result.flow_value / fn.scale,
        arc_flow=arc_flow,
        node_flow=node_flow,
        cut_arcs=cut_arcs,
        cut_nodes=cut_nodes,
        source_side=reached[:n_nodes],
    )


@dataclass
class CapacityResult:
    """What `corridor_capacity` returns."""

    origins: list[str]
    destinations: list[str]
    trains_per_day: float
    bottleneck: list[dict]  # the minimum cut: sections (with direction) and nodes
    section_flow: dict[str, float]  # trains/day per section, both directions summed
    flow: MaxFlowResult = field(repr=False)


def describe_cut(
    network: RailNetwork, flow: MaxFlowResult, arc_cap: np.ndarray, node_cap: np.ndarray
):
    """The minimum cut as rows: kind, id, line/name, direction, capacity, structures on it."""
    graph = network.compiled
    m = graph.n_sections
    on_section: dict[int, list[str]] = {}
    for sid, sec in graph.structure_section.items():
        on_section.setdefault(sec, []).append(sid)
    rows = []
    for arc in flow.cut_arcs:
        sec = int(arc % m)
        sid = str(graph.section_ids[sec])
        row = network.sections.loc[sid]
        rows.append(
            {
                "kind": "section",
                "id": sid,
                "line": row["line"],
                "from": row["from"] if arc < m else row["to"],
                "to": row["to"] if arc < m else row["from"],
                "direction": "forward" if arc < m else "backward",
                "capacity": float(arc_cap[arc]),
                "structures": sorted(on_section.get(sec, [])),
            }
        )
    for node in flow.cut_nodes:
        nid = str(graph.node_ids[node])
        rows.append(
            {
                "kind": "node",
                "id": nid,
                "name": network.nodes.loc[nid, "name"],
                "capacity": float(node_cap[node]),
            }
        )
    return rows


def corridor_capacity(
    network: RailNetwork,
    origins: str | Iterable[str],
    destinations: str | Iterable[str],
    closures: Iterable[Closure | str] = (),
    *,
    arc_cap: np.ndarray | None = None,
    node_cap: np.ndarray | None = None,
) -> CapacityResult:
    """Maximum trains per day from any origin to any destination, and the bottleneck.

    Origins and destinations are node ids (a list or "a,b"). Closures reduce the arcs
    and nodes they name; `arc_cap`/`node_cap` may be passed directly instead.
    """
    graph = network.compiled
    src = node_indices(network, origins, "origin")
    dst = node_indices(network, destinations, "destination")
    both = set(src) & set(dst)
    if both:
        names = ", ".join(str(graph.node_ids[i]) for i in sorted(both))
        raise ValueError(f"{names} is both an origin and a destination")
    arc_cap, node_cap = capacities_for(network, closures, arc_cap, node_cap)
    tail, head = arc_endpoints(graph)
    fn = build_flow_network(graph.n_nodes, tail, head, arc_cap, node_cap, src, dst)
    flow = solve_max_flow(fn, graph.n_nodes, np.concatenate([graph.time_h, graph.time_h]))
    m = graph.n_sections
    per_section = flow.arc_flow[:m] + flow.arc_flow[m:]
    return CapacityResult(
        origins=[str(graph.node_ids[i]) for i in src],
        destinations=[str(graph.node_ids[i]) for i in dst],
        trains_per_day=flow.value,
        bottleneck=describe_cut(network, flow, arc_cap, node_cap),
        section_flow={
            str(graph.section_ids[i]): float(per_section[i]) for i in np.flatnonzero(per_section)
        },
        flow=flow,
    )
