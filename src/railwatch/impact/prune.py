"""A smaller graph for the unmet-demand LP: dead ends cut off, then chains merged again.

Two reductions, repeated until neither applies, each exact for the LP's delivered trains
(and for its train-km, so its objective) and for the effect of closing any link:

- **Dead ends.** A part of the graph that reaches the rest through a single node and holds
  no origin or destination can only carry flow that enters and leaves through that node:
  a cycle, which delivers nothing and costs km (or is free where links have length 0), so
  an optimal flow never needs it. Its links are dropped; closing one of them changes
  nothing. A node that is neither origin nor destination and has at most one neighbour is
  such a part; cutting it off may make its neighbour one, hence the repetition. Links
  that cannot carry anything (no capacity, an end closed, a loop on one node) go first.
- **Chains.** Once dead ends are gone, a node that is neither origin nor destination, has
  no throughput limit and has exactly two links is a plain pass-through, as in
  `chains.reduce_chains`: its two links merge into one (smallest capacity, summed length),
  and closing either closes the merged link.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class Pruned:
    """The reduced graph and the maps to it (-1 where a node or link was cut off)."""

    n_nodes: int
    tail: np.ndarray  # (L',) node index in the reduced graph
    head: np.ndarray
    capacity: np.ndarray  # (L',) per direction
    length_km: np.ndarray  # (L',)
    node_capacity: np.ndarray  # (n',)
    node_map: np.ndarray  # (n,) reduced node of each node, or -1
    link_map: np.ndarray  # (L,) reduced link of each link, or -1 (it never carries flow)

    @property
    def n_links(self) -> int:
        return len(self.tail)


def prune_for_flow(n, tail, head, capacity, length_km, node_capacity, terminals) -> Pruned:
    """Cut dead ends off the graph (n nodes, links tail-head) and merge the chains left.

    `terminals` are the origins and destinations: never cut off, never merged away.
    """
    tail = np.asarray(tail, dtype=np.int64)
    head = np.asarray(head, dtype=np.int64)
    cap = [float(c) for c in capacity]
    length = [float(x) for x in length_km]
    node_capacity = np.asarray(node_capacity, dtype=float)
    keep = np.zeros(n, dtype=bool)
    keep[np.asarray(list(terminals), dtype=np.int64)] = True
    ends = [[int(t), int(h)] for t, h in zip(tail, head, strict=True)]
    usable = (
        (np.asarray(capacity, dtype=float) > 0)
        & (node_capacity[tail] > 0)
        & (node_capacity[head] > 0)
        & (tail != head)
    )
    merged_into = list(range(len(ends)))  # a merged link points at the link it joined
    alive = usable.copy()
    incident: list[set[int]] = [set() for _ in range(n)]
    for start in np.flatnonzero(usable).tolist():
        incident[ends[start][0]].add(start)
        incident[ends[start][1]].add(start)

    def other(link: int, v: int) -> int:
        a, b = ends[link]
        return b if a == v else a

    work = [v for v in range(n) if not keep[v]]
    while work:
        v = work.pop()
        if keep[v] or not incident[v]:
            continue
        neighbours = {other(link, v) for link in incident[v]}
        if len(neighbours) <= 1:  # a dead end: cut it off
            for link in incident[v]:
                alive[link] = False
                u = other(link, v)
                incident[u].discard(link)
                work.append(u)
            incident[v].clear()
        elif len(incident[v]) == 2 and not np.isfinite(node_capacity[v]):
            a, b = sorted(incident[v])
            x, y = other(a, v), other(b, v)
            ends[a] = [x, y]
            cap[a] = min(cap[a], cap[b])
            length[a] += length[b]
            alive[b] = False
            merged_into[b] = a
            incident[y].discard(b)
            incident[y].add(a)
            incident[v].clear()
            # x and y keep their degree; only parallel links may have appeared, which
            # can make x or y a dead end (one neighbour): look again.
            work.extend((x, y))

    def root(link: int) -> int:
        while merged_into[link] != link:
            link = merged_into[link]
        return link

    kept = np.flatnonzero(alive)
    new_link = np.full(len(ends), -1, dtype=np.int64)
    new_link[kept] = np.arange(len(kept))
    link_map = np.array([new_link[root(link)] for link in range(len(ends))], dtype=np.int64)
    link_map[~usable] = -1
    used = keep.copy()
    for k in kept.tolist():
        used[ends[k][0]] = used[ends[k][1]] = True
    node_map = np.full(n, -1, dtype=np.int64)
    node_map[used] = np.arange(int(used.sum()))
    return Pruned(
        n_nodes=int(used.sum()),
        tail=node_map[np.array([ends[link][0] for link in kept], dtype=np.int64)],
        head=node_map[np.array([ends[link][1] for link in kept], dtype=np.int64)],
        capacity=np.array([cap[link] for link in kept], dtype=float),
        length_km=np.array([length[link] for link in kept], dtype=float),
        node_capacity=node_capacity[used],
        node_map=node_map,
        link_map=link_map,
    )
