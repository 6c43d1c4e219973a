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
which batch or in which process.

One master serves every closure: the routes through a closed arc are fixed at 0, the dual
simplex restarts from the open optimum's basis, and what the closure added (routes, rows)
is deleted after it. On russia's LP graph (about 1,000 routes, 400 rows) a closure costs
tens of milliseconds where the arc LP (one column per origin and arc) took over a tenth of
a second; on large congested grids column generation needs many rounds and the arc LP is
quicker (`criticality.ROUTE_LP_MAX_COLUMNS` chooses).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from railwatch.impact.route_lp import (
    ArcGroups,
    RouteLP,
    RoutePool,
    _incidence,
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
        self.group_flow, self.group_use = self._group_flows(lp)
        self.base_arc_flow = self.group_flow.sum(axis=0)
        self.lp = lp
        self.groups = groups
        self.base_basis = lp.highs.getBasis()
        self._saved = _Saved.of(lp)
        self.route_use = _incidence(lp.route_arcs, self.m2).tocsc()  # (routes, arcs)

    def _master(self, groups: ArcGroups, cap: np.ndarray, pool: RoutePool) -> RouteLP:
        # one thread, as every HiGHS instance (`highs.new_highs`)
        return _Master(
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
        """(total delivered trains/day, (group flow, group use)) with `arcs` closed.

        The open master with the routes through a closed arc fixed at 0, restarted from
        the open optimum's basis (still dual feasible: only bounds changed); routes are
        priced on the graph without the closed arcs. Undone after the solve.
        """
        arcs = np.asarray(arcs, dtype=np.int64)
        lp = self.lp
        closed = np.unique(self.route_use[:, arcs].indices).astype(np.int32)
        zero = np.zeros(len(closed))
        cap = self.arc_cap.copy()
        cap[arcs] = 0.0
        usable = self.usable.copy()
        usable[arcs] = False
        lp.highs.setBasis(self.base_basis)
        lp.highs.setOptionValue("simplex_strategy", DUAL)
        lp.highs.changeColsBounds(len(closed), closed, zero, zero)
        lp.cap = cap
        lp.groups = ArcGroups(self.tail, self.head, self.n, usable)
        try:
            delivered, _, _ = lp.solve(self.demand)
            flows = self._group_flows(lp)
        finally:
            self._restore(closed)
        return float(delivered.sum()), flows

    def _restore(self, closed: np.ndarray) -> None:
        """Back to the open master: added routes and rows deleted, closed routes reopened."""
        lp = self.lp
        highs = lp.highs
        extra_cols = np.arange(self._saved.n_routes, len(lp.route_pair), dtype=np.int32)
        if len(extra_cols):
            highs.deleteCols(len(extra_cols), extra_cols)
        extra_rows = np.arange(self._saved.n_rows, lp.n_rows, dtype=np.int32)
        if len(extra_rows):
            highs.deleteRows(len(extra_rows), extra_rows)
        highs.changeColsBounds(
            len(closed), closed, np.zeros(len(closed)), np.full(len(closed), np.inf)
        )
        self._saved.restore(lp)
        lp.cap = self.arc_cap
        lp.groups = self.groups


DUAL, PRIMAL = 1, 4  # HiGHS simplex_strategy values


class _Master(RouteLP):
    """`RouteLP` that tells HiGHS which simplex suits each restart: new routes leave the
    basis primal feasible (primal simplex), new rows and closed routes leave it dual
    feasible (dual simplex). Only the path to the optimum changes (russia: 17 % less CPU
    over 100 closures, the same figures)."""

    def _price(self, row_dual: np.ndarray) -> int:
        added = super()._price(row_dual)
        if added:
            self.highs.setOptionValue("simplex_strategy", PRIMAL)
        return added

    def _add_rows(self, arcs: np.ndarray, nodes: np.ndarray) -> None:
        super()._add_rows(arcs, nodes)
        self.highs.setOptionValue("simplex_strategy", DUAL)


@dataclass
class _Saved:
    """What `RouteLP` changes as it adds routes and rows, as it was after the open solve."""

    n_routes: int
    n_rows: int
    known: frozenset
    row_arcs: list
    row_nodes: list
    arc_row: np.ndarray
    node_row: np.ndarray

    @classmethod
    def of(cls, lp: RouteLP) -> _Saved:
        return cls(
            len(lp.route_pair),
            lp.n_rows,
            frozenset(lp.known),
            list(lp.row_arcs),
            list(lp.row_nodes),
            lp.arc_row.copy(),
            lp.node_row.copy(),
        )

    def restore(self, lp: RouteLP) -> None:
        for routes in (lp.route_pair, lp.route_arcs, lp.route_nodes, lp.route_km):
            del routes[self.n_routes :]
        lp.n_rows = self.n_rows
        lp.known = set(self.known)
        lp.row_arcs = list(self.row_arcs)
        lp.row_nodes = list(self.row_nodes)
        lp.arc_row = self.arc_row.copy()
        lp.node_row = self.node_row.copy()
