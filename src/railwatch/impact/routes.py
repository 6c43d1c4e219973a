"""Rerouting: the fastest and the shortest route around closures, and the detour they cost.

Routes use scipy's compiled Dijkstra on CSR arrays. An arc is usable while it has any
capacity left and both its end nodes are open; a partial closure leaves the route as it
was (it costs capacity, not distance). Since closures only remove arcs, a detour is
never negative.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import dijkstra

from railwatch.impact.arcs import arc_endpoints, capacities_for, node_indices
from railwatch.impact.closures import Closure


@dataclass(frozen=True)
class Route:
    """One route: the nodes and sections in order, with length and running time."""

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


@dataclass(frozen=True)
class Reroute:
    """Routes on the open network and after the closures; None where there is no route."""

    origin: str
    destination: str
    base_fastest: Route | None
    base_shortest: Route | None
    fastest: Route | None
    shortest: Route | None

    @property
    def reachable(self) -> bool:
        return self.fastest is not None

    @property
    def detour_km(self) -> float | None:
        """Extra length of the shortest route over the open network's shortest."""
        if self.shortest is None or self.base_shortest is None:
            return None
        return max(0.0, self.shortest.length_km - self.base_shortest.length_km)

    @property
    def detour_h(self) -> float | None:
        """Extra running time of the fastest route over the open network's fastest."""
        if self.fastest is None or self.base_fastest is None:
            return None
        return max(0.0, self.fastest.time_h - self.base_fastest.time_h)

    def as_dict(self) -> dict:
        def opt(route: Route | None) -> dict | None:
            return None if route is None else route.as_dict()

        return {
            "origin": self.origin,
            "destination": self.destination,
            "reachable": self.reachable,
            "detour_km": None if self.detour_km is None else round(self.detour_km, 3),
            "detour_h": None if self.detour_h is None else round(self.detour_h, 3),
            "fastest": opt(self.fastest),
            "shortest": opt(self.shortest),
            "base_fastest": opt(self.base_fastest),
            "base_shortest": opt(self.base_shortest),
        }


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


def usable_arcs(graph, arc_cap: np.ndarray, node_cap: np.ndarray) -> np.ndarray:
    tail, head = arc_endpoints(graph)
    return (arc_cap > 0) & (node_cap[tail] > 0) & (node_cap[head] > 0)


def _route(graph, arcs_csr, arc_ids, pred, origin: int, target: int) -> Route | None:
    if origin == target:
        return Route((str(graph.node_ids[origin]),), (), 0.0, 0.0)
    if pred[target] < 0:
        return None
    nodes = [target]
    while nodes[-1] != origin:
        nodes.append(int(pred[nodes[-1]]))
    nodes.reverse()
    m = graph.n_sections
    # arc_ids[k] is the arc stored at CSR position k; find position of (u, v) per step.
    indptr, indices = arcs_csr.indptr, arcs_csr.indices
    positions = [
        indptr[u] + int(np.searchsorted(indices[indptr[u] : indptr[u + 1]], v))
        for u, v in zip(nodes[:-1], nodes[1:], strict=True)
    ]
    arcs = arc_ids[positions]
    sections = arcs % m
    return Route(
        nodes=tuple(str(graph.node_ids[v]) for v in nodes),
        sections=tuple(str(graph.section_ids[s]) for s in sections),
        length_km=float(graph.length_km[sections].sum()),
        time_h=float(graph.time_h[sections].sum()),
    )


def best_routes(
    network, origin: int, targets: list[int], usable: np.ndarray, weight: np.ndarray
) -> list[Route | None]:
    """Routes from one origin to each target minimising `weight` over usable arcs."""
    graph = network.compiled
    tail, head = arc_endpoints(graph)
    csr, arc_ids = weighted_csr(graph.n_nodes, tail, head, weight, usable)
    _, pred = dijkstra(csr, directed=True, indices=origin, return_predecessors=True)
    return [_route(graph, csr, arc_ids, pred, origin, t) for t in targets]


def reroute(
    network,
    origins: str | Iterable[str],
    destinations: str | Iterable[str],
    closures: Iterable[Closure | str] = (),
    *,
    arc_cap: np.ndarray | None = None,
    node_cap: np.ndarray | None = None,
) -> list[Reroute]:
    """Fastest (time = length / speed) and shortest routes for every origin-destination
    pair, on the open network and after the closures."""
    graph = network.compiled
    src = node_indices(network, origins, "origin")
    dst = node_indices(network, destinations, "destination")
    arc_cap, node_cap = capacities_for(network, closures, arc_cap, node_cap)
    open_arc = np.concatenate([graph.capacity, graph.capacity])
    open_usable = usable_arcs(graph, open_arc, graph.node_capacity)
    closed_usable = usable_arcs(graph, arc_cap, node_cap)
    time_w = np.concatenate([graph.time_h, graph.time_h])
    length_w = np.concatenate([graph.length_km, graph.length_km])
    out = []
    for o in src:
        targets = [t for t in dst if t != o]
        if not targets:
            continue
        bf = best_routes(network, o, targets, open_usable, time_w)
        bs = best_routes(network, o, targets, open_usable, length_w)
        cf = best_routes(network, o, targets, closed_usable, time_w)
        cs = best_routes(network, o, targets, closed_usable, length_w)
        for k, t in enumerate(targets):
            out.append(
                Reroute(
                    origin=str(graph.node_ids[o]),
                    destination=str(graph.node_ids[t]),
                    base_fastest=bf[k],
                    base_shortest=bs[k],
                    fastest=cf[k],
                    shortest=cs[k],
                )
            )
    return out
