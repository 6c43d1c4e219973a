"""Unmet demand under N-1 by routes: the open network's route master, re-priced per closure.

The LP is the one of `flows.SharedFlowLP` (maximise delivered trains minus `eps` per
train-km, all pairs sharing arc and node capacity), written over routes and solved by
column and row generation (`route_lp.RouteLP`): it stops only when no route has a
negative reduced cost and no arc or node is overfilled, which is the optimality test of
the arc LP, so the optimum (and the delivered trains) is the arc LP's.

The open network is solved once from each pair's shortest route. A closure starts from
the routes and rows the open solve ended with, less the routes through a closed arc, and
prices new routes on the graph without the closed arcs. Every closure starts from that
same pool, so its figure does not depend on which closures were solved before it, in
which batch or in which process. The masters are small (a few hundred routes), so a
closure costs milliseconds where the arc LP (one column per origin and arc) took a
tenth of a second or more.
"""

from __future__ import annotations

import numpy as np

from railwatch.impact.route_lp import (
    ArcGroups,
    RouteLP,
    RoutePool,
    shortest_routes,
    usable_arcs,
)


class RouteFlowLP:
    """The unmet-demand LP of one graph (arcs tail -> head, both directions listed).

    After construction: `base_delivered` (K,) trains/day per pair on the open network,
    rounded as `flows.SharedFlowLP` rounds, and the open optimum's flow per origin group
    (`group_flow` (G, m2) per arc, `group_use` (G, n) entering or starting at each node).
    """

    def __init__(self, n, tail, head, length, origin, dest, demand, arc_cap, node_cap, eps):
        self.n = int(n)
        self.tail = np.asarray(tail, dtype=np.int64)
        self.head = np.asarray(head, dtype=np.int64)
        self.length = np.asarray(length, dtype=float)
        self.origin = np.asarray(origin, dtype=np.int64)
        self.dest = np.asarray(dest, dtype=np.int64)
        self.demand = np.asarray(demand, dtype=float)
        self.node_cap = np.asarray(node_cap, dtype=float)
        self.eps = float(eps)
        self.m2 = len(self.tail)
        usable = usable_arcs(self.tail, self.head, np.asarray(arc_cap, dtype=float), self.node_cap)
        # What an arc can carry: nothing if it cannot be used at all (as the arc LP).
        self.arc_cap = np.where(usable, np.asarray(arc_cap, dtype=float), 0.0)
        self.usable = usable
        _, self.pair_group = np.unique(self.origin, return_inverse=True)
        self.pair_group = self.pair_group.astype(np.int64)
        self.n_groups = int(self.pair_group.max()) + 1 if len(self.origin) else 0
        groups = ArcGroups(self.tail, self.head, self.n, usable)
        routes = shortest_routes(self.length, self.origin, self.dest, groups)
        reachable = np.flatnonzero(routes.reachable)
        start = RoutePool(
            reachable,
            tuple(routes.arcs[p] for p in reachable),
            tuple(np.concatenate([[self.origin[p]], routes.nodes[p][1:]]) for p in reachable),
            routes.km[reachable],
            np.zeros(0, dtype=np.int64),
            np.zeros(0, dtype=np.int64),
        )
        lp = self._master(groups, self.arc_cap, start)
        self.base_delivered, _, _ = lp.solve(self.demand)
        self.pool = lp.pool()
        self.group_flow, self.group_use = self._group_flows(lp)
        self.base_arc_flow = self.group_flow.sum(axis=0)

    def _master(self, groups: ArcGroups, cap: np.ndarray, pool: RoutePool) -> RouteLP:
        return RouteLP(
            groups, self.length, self.origin, self.dest, self.eps, cap, self.node_cap, pool
        )

    def _group_flows(self, lp: RouteLP) -> tuple[np.ndarray, np.ndarray]:
        """(per-group arc flow (G, m2), per-group node use (G, n)) of the master's optimum."""
        flows = np.clip(np.asarray(lp.highs.getSolution().col_value), 0.0, None)
        group_flow = np.zeros((self.n_groups, self.m2))
        group_use = np.zeros((self.n_groups, self.n))
        for c in np.flatnonzero(flows > 0).tolist():
            g = self.pair_group[lp.route_pair[c]]
            group_flow[g, lp.route_arcs[c]] += flows[c]
            group_use[g, lp.route_nodes[c]] += flows[c]
        return group_flow, group_use

    def solve_without(self, arcs) -> tuple[float, tuple[np.ndarray, np.ndarray]]:
        """(total delivered trains/day, (group flow, group use)) with `arcs` closed."""
        arcs = np.asarray(arcs, dtype=np.int64)
        cap = self.arc_cap.copy()
        cap[arcs] = 0.0
        usable = self.usable.copy()
        usable[arcs] = False
        closed = np.zeros(self.m2, dtype=bool)
        closed[arcs] = True
        pool = self.pool
        keep = [i for i, a in enumerate(pool.arcs) if not closed[a].any()]
        start = RoutePool(
            pool.pair[keep],
            tuple(pool.arcs[i] for i in keep),
            tuple(pool.nodes[i] for i in keep),
            pool.km[keep],
            pool.row_arcs,
            pool.row_nodes,
        )
        lp = self._master(ArcGroups(self.tail, self.head, self.n, usable), cap, start)
        delivered, _, _ = lp.solve(self.demand)
        return float(delivered.sum()), self._group_flows(lp)
