"""The exact "nothing becomes unmet" test for closures: reroute each origin's own flow.

Take an optimal flow of the open network, one flow per origin (as in `unmet`). If every
origin's flow on the closed arcs can be sent from each arc's tail to its head another way
(an augmenting flow in that origin's residual network), the same deliveries stay feasible
with the arcs closed, so closing them leaves no more demand unmet and the LP re-solve can
be skipped. An origin's residual network has, for every arc and node, the capacity that
no origin uses (shared spare) forwards, and that origin's own flow backwards: pushing
back against its own flow only reroutes that same origin's trains, which keeps every
conservation equation and frees capacity, so the result is still a feasible flow of all
origins together. (Pushing back against another origin's flow would not be: it would
leave that origin's trains stranded.) Nodes are split in two (entry -> exit carries the
node's throughput), as in `capacity`.

Closed arcs are handled one origin and one arc at a time, each in what the previous ones
left; the test is sufficient, not necessary: when it fails the LP decides.

Any feasible flow that delivers as much as the open network's optimum will do, not only
that optimum: so the flows found by re-solves that lost nothing serve as well
(`with_flow`), and they often avoid, or leave room round, the links near the one they
closed.
"""

from __future__ import annotations

import numpy as np

from railwatch.impact.igraph_loader import load_igraph

REROUTE_TOL = 1e-9  # trains/day: flows and shortfalls below this are LP noise
# A way round a closed arc is first sought among the nodes this many links (hops) from
# its ends, then on the whole graph. A flow found in a part of the graph is a flow of the
# whole, so the test stays sufficient; most ways round are short, and the max-flow on a
# few dozen nodes costs a fraction of one on the whole graph.
LOCAL_HOPS = (2, 4)


class OwnFlowReroute:
    """The test on one solved flow: `group_flow` (G, m2) per origin and arc, `group_use`
    (G, n) trains/day entering each node (or starting there) per origin."""

    def __init__(
        self, n, tail, head, arc_cap, node_cap, group_flow, group_use, graph=None, local=None
    ):
        self.n = n
        self.tail = np.asarray(tail, dtype=np.int64)
        self.head = np.asarray(head, dtype=np.int64)
        self.m2 = len(self.tail)
        self.arc_cap = np.asarray(arc_cap, dtype=float)
        self.node_cap = np.asarray(node_cap, dtype=float)
        self.group_flow = np.clip(np.asarray(group_flow, dtype=float), 0.0, None)
        self.group_use = np.clip(np.asarray(group_use, dtype=float), 0.0, None)
        self.arc_flow = self.group_flow.sum(axis=0)
        arc_spare = np.clip(self.arc_cap - self.arc_flow, 0.0, None)
        node_cap = self.node_cap
        node_use = self.group_use.sum(axis=0)
        # "Unlimited": more than any flow here can use (finite, for the max-flow).
        self.big = float(np.sum(arc_spare) + np.sum(self.arc_flow)) + 1.0
        node_spare = np.where(
            np.isfinite(node_cap), np.clip(node_cap - node_use, 0.0, None), self.big
        )
        self.spare = np.concatenate([arc_spare, np.minimum(node_spare, self.big)])
        self.graph = self._graph() if graph is None else graph
        # Per (arc, hops): the split graph round the arc's ends (shared by `with_flow`).
        self.local: dict = {} if local is None else local

    def _graph(self):
        igraph = load_igraph()
        n = self.n
        # Edges: arcs (exit of tail -> entry of head), nodes (entry -> exit), then the
        # same two lists reversed (the origin's own flow, pushed back).
        n_range = np.arange(n)
        forward = np.concatenate(
            [np.column_stack([self.tail + n, self.head]), np.column_stack([n_range, n_range + n])]
        )
        edges = np.concatenate([forward, forward[:, ::-1]])
        return igraph.Graph(n=2 * n, edges=edges.tolist(), directed=True)

    def with_flow(self, group_flow, group_use) -> OwnFlowReroute:
        """The same test on another feasible flow of the same graph."""
        return OwnFlowReroute(
            self.n,
            self.tail,
            self.head,
            self.arc_cap,
            self.node_cap,
            group_flow,
            group_use,
            graph=self.graph,
            local=self.local,
        )

    def carries(self, closed_arcs) -> bool:
        """True if any origin's flow uses one of `closed_arcs`."""
        return bool((self.group_flow[:, closed_arcs] > REROUTE_TOL).any())

    def reroutable(self, closed_arcs, moved=None) -> bool:
        """True if every origin's flow on `closed_arcs` (all closed at once) fits round them.

        With `moved` (some of `closed_arcs`), only the flow on those has to move; the flow
        on the other closed arcs stays where it is (and is no way round)."""
        closed = np.unique(np.asarray(closed_arcs, dtype=np.int64))
        moving = closed if moved is None else np.unique(np.asarray(moved, dtype=np.int64))
        groups = np.flatnonzero((self.group_flow[:, moving] > REROUTE_TOL).any(axis=1))
        if len(groups) == 0:
            return True
        m2, n = self.m2, self.n
        spare = self.spare.copy()
        spare[closed] = 0.0
        for g in groups:
            own = np.concatenate([self.group_flow[g], self.group_use[g]])
            own[closed] = 0.0  # a closed arc's flow is what moves, not a way round
            for arc in moving:
                need = float(self.group_flow[g, arc])
                if need <= REROUTE_TOL:
                    continue
                cap = np.concatenate([spare, own])
                value, used = self._max_flow(int(arc), cap, need)
                if value < need - REROUTE_TOL:
                    return False
                # Keep only `need` of it (a scaled flow is still a flow) for what follows.
                used = used * (need / value)
                ahead, back = used[: m2 + n], used[m2 + n :]
                spare = np.clip(spare - ahead + back, 0.0, None)
                own = np.clip(own + ahead - back, 0.0, None)
                spare[closed] = 0.0
                own[closed] = 0.0
        return True

    def _max_flow(self, arc: int, cap: np.ndarray, need: float) -> tuple[float, np.ndarray]:
        """(value, flow per edge of the split graph) of a max-flow from the exit of the
        arc's tail to the entry of its head: round its ends first, else on the whole graph."""
        for hops in LOCAL_HOPS:
            part = self._part(arc, hops)
            if part is None:
                break
            graph, edges, source, target = part
            flow = graph.maxflow(source, target, capacity=cap[edges].tolist())
            if flow.value >= need - REROUTE_TOL:
                used = np.zeros(len(cap))
                used[edges] = flow.flow
                return flow.value, used
        n = self.n
        flow = self.graph.maxflow(
            int(self.tail[arc]) + n, int(self.head[arc]), capacity=cap.tolist()
        )
        return flow.value, np.asarray(flow.flow, dtype=float)

    def _part(self, arc: int, hops: int):
        """(igraph, its edges' ids in the whole split graph, source, target) for the nodes
        within `hops` links of the arc's ends; None if that is the whole graph."""
        key = (arc, hops)
        if key not in self.local:
            self.local[key] = self._make_part(arc, hops)
        return self.local[key]

    def _make_part(self, arc: int, hops: int):
        igraph = load_igraph()
        links = self.local.get("links")
        if links is None:  # the plain graph, for neighbourhoods
            links = igraph.Graph(n=self.n, edges=np.column_stack([self.tail, self.head]).tolist())
            self.local["links"] = links
        ends = [int(self.tail[arc]), int(self.head[arc])]
        near = np.zeros(self.n, dtype=bool)
        for ball in links.neighborhood(ends, order=hops):
            near[ball] = True
        if near.all():
            return None
        nodes = np.flatnonzero(near)
        k = len(nodes)
        local = np.full(self.n, -1, dtype=np.int64)
        local[nodes] = np.arange(k)
        arcs = np.flatnonzero(near[self.tail] & near[self.head])
        forward = np.concatenate(
            [
                np.column_stack([local[self.tail[arcs]] + k, local[self.head[arcs]]]),
                np.column_stack([np.arange(k), np.arange(k) + k]),
            ]
        )
        half = self.m2 + self.n
        ids = np.concatenate([arcs, self.m2 + nodes])
        graph = igraph.Graph(
            n=2 * k, edges=np.concatenate([forward, forward[:, ::-1]]).tolist(), directed=True
        )
        edges = np.concatenate([ids, ids + half])
        return graph, edges, int(local[ends[0]]) + k, int(local[ends[1]])
