"""Unmet demand under N-1: the shared-capacity LP built once, re-solved warm per closed link.

The LP is the one of `flows.SharedFlowLP` (maximise delivered trains minus `eps` per
train-km, all pairs sharing arc and node capacity) with the commodities aggregated by
origin: one flow per origin on every arc, and one delivered variable per pair whose
destination acts as its sink. Any per-pair flow sums to a per-origin flow with the same
arc totals, deliveries and km; any per-origin flow splits into paths (and cycles, which
only add km) that can be handed to the pairs. So both LPs have the same optimum, and the
per-origin one has one flow variable per origin and arc instead of one per pair and arc.

The model goes to HiGHS once, solved open from each origin's shortest-route tree
(`_tree_basis`). Closing a link sets the upper bounds of its arcs' flow columns to 0: the
optimal basis stays dual feasible, so the dual simplex (Devex pricing) restarts from it
instead of from scratch. Every closure starts from the open network's basis and is
undone after its solve, so its figure does not depend on which closures were solved
before it, in which batch or in which process.

Some closures need no re-solve (`solve_by_bound`): the open LP's duals without the km
cost price the bottlenecks, and by weak duality bound what the closed network can deliver;
when dropping the closed arcs' flow (after moving the rest round them) loses no more than
that bound says, both meet (20,000-section benchmark: 9 of 44 re-solves, the costly
ones: 37.2 vs 49.9 CPU s for the whole N-1, same figures on all 20,000 sections).
"""

from __future__ import annotations

from dataclasses import dataclass

import highspy
import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import dijkstra

from railwatch.impact.flows import ROUND
from railwatch.impact.highs import new_highs


@dataclass
class OriginFlowLP:
    """The per-origin LP in HiGHS. Column g * m2 + a is origin group g's flow on arc a;
    column n_groups * m2 + k is pair k's delivered trains/day."""

    highs: highspy.Highs
    m2: int
    n_groups: int
    demand: np.ndarray  # (K,)
    upper: np.ndarray  # column upper bounds on the open network
    base_basis: highspy.HighsBasis
    base_delivered: np.ndarray  # (K,) trains/day, rounded as flows.SharedFlowLP rounds
    base_arc_flow: np.ndarray  # (m2,) summed over origins
    base_node_use: np.ndarray  # (n,) trains/day entering or starting at each node
    tail: np.ndarray  # (m2,)
    head: np.ndarray
    arc_cap: np.ndarray  # (m2,) usable capacity on the open network
    node_cap: np.ndarray  # (n,)
    group_flow: np.ndarray  # (G, m2) trains/day per origin group and arc
    group_use: np.ndarray  # (G, n) trains/day per origin group entering or starting at a node
    pair_group: np.ndarray  # (K,) origin group of each pair
    origin: np.ndarray  # (K,)
    dest: np.ndarray  # (K,)
    length: np.ndarray  # (m2,)
    # Prices of the open network's arcs and limited nodes that prove its most deliverable
    # trains/day (optimal duals of the LP without the km cost): see `delivered_bound`.
    arc_price: np.ndarray  # (m2,)
    node_price: np.ndarray  # (n,), 0 where unlimited

    def solve_without(self, arcs) -> tuple[float, tuple[np.ndarray, np.ndarray]]:
        """(total delivered trains/day, (group flow, group use)) with `arcs` closed."""
        delivered, x = solve_without(self, arcs)
        return delivered, self.split(x)

    def split(self, x) -> tuple[np.ndarray, np.ndarray]:
        """(per-group arc flow, per-group node use) of a solution vector of this LP."""
        x = np.asarray(x, dtype=float)
        n = len(self.node_cap)
        return _split(x, self.n_groups, self.head, n, self.pair_group, self.origin)


def _origin_groups(origin: np.ndarray) -> tuple[np.ndarray, int]:
    """Group of each pair (one per distinct origin), and the number of groups."""
    _, inverse = np.unique(origin, return_inverse=True)
    return inverse.astype(np.int64), int(inverse.max()) + 1 if len(inverse) else 0


def _delivered(values, demand: np.ndarray) -> np.ndarray:
    # Clipped and rounded exactly as flows.SharedFlowLP does, so both report the same.
    return np.round(np.clip(np.asarray(values, dtype=float), 0.0, demand), ROUND)


def _check(highs: highspy.Highs) -> None:
    status = highs.getModelStatus()
    if status != highspy.HighsModelStatus.kOptimal:
        raise RuntimeError(f"the OD flow LP did not solve: {highs.modelStatusToString(status)}")


def build_origin_lp(
    n: int,
    tail: np.ndarray,
    head: np.ndarray,
    length: np.ndarray,
    origin: np.ndarray,
    dest: np.ndarray,
    demand: np.ndarray,
    arc_cap: np.ndarray,
    node_cap: np.ndarray,
    eps: float | None = None,
) -> OriginFlowLP:
    """Build the per-origin LP for an arc list (both directions listed) and solve it open.

    `eps` is the cost per train-km; by default the one `flows.SharedFlowLP` gives this
    graph. A reduced graph (`prune`) must pass the one of the graph it stands for: the
    optimum, and so the figures, depend on it.
    """
    tail = np.asarray(tail, dtype=np.int64)
    head = np.asarray(head, dtype=np.int64)
    length = np.asarray(length, dtype=float)
    origin = np.asarray(origin, dtype=np.int64)
    dest = np.asarray(dest, dtype=np.int64)
    demand = np.asarray(demand, dtype=float)
    node_cap = np.asarray(node_cap, dtype=float)
    m2, k = len(tail), len(origin)
    group, g_count = _origin_groups(origin)
    n_x = g_count * m2
    gx = np.repeat(np.arange(g_count), m2)
    arc = np.tile(np.arange(m2), g_count)
    col_x = np.arange(n_x)
    col_d = n_x + np.arange(k)
    # Rows: conservation (g, v) at g * n + v; then one per arc; then one per finite node.
    finite = np.flatnonzero(np.isfinite(node_cap))
    node_row = np.full(n, -1, dtype=np.int64)
    node_row[finite] = g_count * n + m2 + np.arange(len(finite))
    into = node_row[head[arc]] >= 0
    starts = node_row[origin] >= 0
    # Conservation: out - in - delivered at the origin + delivered at the destination = 0.
    rows = [
        gx * n + tail[arc],
        gx * n + head[arc],
        group * n + origin,
        group * n + dest,
        g_count * n + arc,
        node_row[head[arc]][into],  # a node's throughput: trains entering it ...
        node_row[origin][starts],  # ... or starting there
    ]
    cols = [col_x, col_x, col_d, col_d, col_x, col_x[into], col_d[starts]]
    vals = [
        np.ones(n_x),
        -np.ones(n_x),
        -np.ones(k),
        np.ones(k),
        np.ones(n_x),
        np.ones(int(into.sum())),
        np.ones(int(starts.sum())),
    ]
    n_row = g_count * n + m2 + len(finite)
    matrix = sp.csc_matrix(
        (np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))),
        shape=(n_row, n_x + k),
    )
    matrix.sum_duplicates()
    usable = (arc_cap > 0) & (node_cap[tail] > 0) & (node_cap[head] > 0)
    cap = np.where(usable, arc_cap, 0.0)
    if eps is None:
        eps = 0.5 / (float(length.sum()) / 2 or 1.0)  # the same cost as SharedFlowLP
    upper = np.concatenate([np.tile(cap, g_count), demand])

    lp = highspy.HighsLp()
    lp.num_col_ = n_x + k
    lp.num_row_ = n_row
    lp.col_cost_ = np.concatenate([np.tile(eps * length, g_count), -np.ones(k)])
    lp.col_lower_ = np.zeros(n_x + k)
    lp.col_upper_ = upper
    lp.row_lower_ = np.concatenate([np.zeros(g_count * n), np.full(m2 + len(finite), -np.inf)])
    lp.row_upper_ = np.concatenate([np.zeros(g_count * n), cap, node_cap[finite]])
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = matrix.indptr.astype(np.int32)
    lp.a_matrix_.index_ = matrix.indices.astype(np.int32)
    lp.a_matrix_.value_ = matrix.data
    highs = new_highs()
    highs.passModel(lp)
    highs.setBasis(_tree_basis(n, tail, head, length, cap, np.unique(origin), group, dest, n_row))
    highs.run()
    _check(highs)
    x = np.asarray(highs.getSolution().col_value)
    base_basis = highs.getBasis()
    arc_price, node_price = _delivery_prices(highs, lp, base_basis, n_x, g_count, n, m2, finite)
    # Closures restart from this basis with a few hundred dual simplex iterations: Devex
    # pricing starts at once, where steepest edge first computes one weight per row
    # (20,000-section benchmark: 0.73 -> 0.24 s for a 210-iteration closure). The solver
    # keeps the pricing it solved with until its simplex state is cleared.
    highs.setOptionValue("simplex_dual_edge_weight_strategy", DEVEX)
    highs.clearSolver()
    group_flow, group_use = _split(x, g_count, head, n, group, origin)
    arc_flow = group_flow.sum(axis=0)
    node_use = group_use.sum(axis=0)
    return OriginFlowLP(
        highs=highs,
        m2=m2,
        n_groups=g_count,
        demand=demand,
        upper=upper,
        base_basis=base_basis,
        base_delivered=_delivered(x[n_x:], demand),
        base_arc_flow=arc_flow,
        base_node_use=node_use,
        tail=tail,
        head=head,
        arc_cap=cap,
        node_cap=node_cap,
        group_flow=group_flow,
        group_use=group_use,
        pair_group=group,
        origin=origin,
        dest=dest,
        length=length,
        arc_price=arc_price,
        node_price=node_price,
    )


DEVEX = 1  # HiGHS simplex_dual_edge_weight_strategy


def _delivery_prices(highs, lp, basis, n_x, g_count, n, m2, finite):
    """Arc and node prices (>= 0) from the duals of the open LP without its km cost.

    The open optimum also delivers the most trains (a train is worth more than the km of
    any route), so its basis stays optimal once the km cost is dropped (0 iterations on the
    20,000-section benchmark); the duals then price the bottlenecks of the max-delivery
    LP. An arc's price includes its flow columns' upper-bound duals (a column that fills
    its arc may carry the price instead of the row). The km cost is put back after.
    """
    cols = np.arange(n_x, dtype=np.int32)
    highs.changeColsCost(n_x, cols, np.zeros(n_x))
    try:
        highs.setBasis(basis)
        highs.run()
        _check(highs)
        solution = highs.getSolution()
    finally:
        highs.changeColsCost(n_x, cols, np.asarray(lp.col_cost_)[:n_x])
    row_dual = np.asarray(solution.row_dual)
    col_dual = np.asarray(solution.col_dual)[:n_x].reshape(g_count, m2)
    arc_price = np.clip(-row_dual[g_count * n : g_count * n + m2], 0.0, None)
    arc_price += np.clip(-col_dual.min(axis=0), 0.0, None)
    node_price = np.zeros(n)
    node_price[finite] = np.clip(-row_dual[g_count * n + m2 :], 0.0, None)
    return arc_price, node_price


def _cheapest_arcs(ids, tail, head, cost) -> np.ndarray:
    """Of the arcs `ids` (ascending), the cheapest of each (tail, head), the lowest id on a
    tie: the one edge per node pair that a shortest-route search needs."""
    ids = ids[np.lexsort((cost[ids], head[ids], tail[ids]))]  # stable: ids ascending on ties
    first = np.ones(len(ids), dtype=bool)
    first[1:] = (tail[ids][1:] != tail[ids][:-1]) | (head[ids][1:] != head[ids][:-1])
    return ids[first]


def _tree_basis(n, tail, head, length, cap, group_origin, group, dest, n_row) -> highspy.HighsBasis:
    """A dual feasible starting basis: each origin's shortest-route tree, all demand sent.

    Per origin group, the flow column of each node's arc from its shortest-route tree
    (over usable arcs) is basic; the conservation row of the origin, and of every node
    the tree does not reach, keeps its slack basic, as do all capacity rows. Deliveries of
    reachable pairs sit at their demand. The tree arcs' reduced costs are 0 and every
    other arc's is eps x (length + distance to its tail - distance to its head) >= 0, and
    a delivery's is eps x route length - 1 < 0 at its upper bound: dual feasible. The
    dual simplex then only has to relieve overfilled arcs and nodes (20,000-section
    benchmark: 16,000 iterations, 7.6 s, against 51,000 iterations, 13.9 s from the
    slack basis). Only the path to the optimum changes.
    """
    m2, g_count, k = len(tail), len(group_origin), len(group)
    ids = _cheapest_arcs(np.flatnonzero((cap > 0) & (tail != head)), tail, head, length)
    weight = sp.csr_matrix((length[ids], (tail[ids], head[ids])), shape=(n, n))
    arc_of = sp.csr_matrix((ids + 1, (tail[ids], head[ids])), shape=(n, n))
    dist, pred = dijkstra(weight, directed=True, indices=group_origin, return_predecessors=True)
    col = np.zeros(g_count * m2 + k, dtype=np.int8)  # 0 at lower bound, 1 basic, 2 at upper
    row = np.zeros(n_row, dtype=np.int8)
    row[g_count * n :] = 1
    for g in range(g_count):
        has = pred[g] >= 0
        nodes = np.flatnonzero(has)
        arcs = np.asarray(arc_of[pred[g][nodes], nodes]).ravel() - 1
        col[g * m2 + arcs] = 1
        row[g * n + np.flatnonzero(~has)] = 1
    col[g_count * m2 + np.flatnonzero(np.isfinite(dist[group, dest]))] = 2
    status = (
        highspy.HighsBasisStatus.kLower,
        highspy.HighsBasisStatus.kBasic,
        highspy.HighsBasisStatus.kUpper,
    )
    basis = highspy.HighsBasis()
    basis.col_status = [status[c] for c in col.tolist()]
    basis.row_status = [status[r] for r in row.tolist()]
    basis.valid = True
    return basis


def _split(x, g_count, head, n, group, origin) -> tuple[np.ndarray, np.ndarray]:
    """Per-group arc flow (G, m2) and trains entering or starting at each node (G, n)."""
    m2 = len(head)
    group_flow = np.clip(x[: g_count * m2], 0.0, None).reshape(g_count, m2)
    delivered = np.clip(x[g_count * m2 :], 0.0, None)
    rows = (np.arange(g_count)[:, None] * n + head[None, :]).ravel()
    use = np.bincount(rows, weights=group_flow.ravel(), minlength=g_count * n)
    use += np.bincount(group * n + origin, weights=delivered, minlength=g_count * n)
    return group_flow, use.reshape(g_count, n)


def solve_without(model: OriginFlowLP, arcs) -> tuple[float, np.ndarray]:
    """(total delivered trains/day, the solution vector) with the arcs `arcs` closed.

    The solve starts from the open network's basis; the closure is undone after it.
    """
    highs = model.highs
    offsets = np.arange(model.n_groups) * model.m2
    cols = (offsets[:, None] + np.asarray(arcs, dtype=np.int64)[None, :]).ravel()
    cols = cols.astype(np.int32)
    zero = np.zeros(len(cols))
    highs.setBasis(model.base_basis)
    highs.changeColsBounds(len(cols), cols, zero, zero)
    try:
        highs.run()
        _check(highs)
        x = np.asarray(highs.getSolution().col_value)
    finally:
        highs.changeColsBounds(len(cols), cols, zero, model.upper[cols])
    first_d = model.n_groups * model.m2
    return float(_delivered(x[first_d:], model.demand).sum()), x


CERTIFY_TOL = 1e-7  # trains/day: a bound within this of a feasible delivery proves it


def delivered_bound(model: OriginFlowLP, arcs) -> float:
    """An upper bound on the trains/day deliverable with `arcs` closed, from the open
    network's prices (weak duality of the max-delivery LP): for any prices mu >= 0 on arcs
    and nu >= 0 on limited nodes, at most sum cap mu + sum node_cap nu + sum_k demand_k x
    max(0, 1 - nu[origin_k] - route_k) trains/day, route_k the cheapest route of pair k
    under the price mu + nu[head] per arc. Closing an arc drops its capacity term and its
    routes. 5-15 ms (one Dijkstra per origin)."""
    n = len(model.node_cap)
    cap = model.arc_cap.copy()
    cap[np.asarray(arcs, dtype=np.int64)] = 0.0
    tail, head = model.tail, model.head
    price = model.arc_price + model.node_price[head]
    ids = _cheapest_arcs(np.flatnonzero((cap > 0) & (tail != head)), tail, head, price)
    # a tiny floor keeps price-0 arcs as edges
    weight = sp.csr_matrix((np.maximum(price[ids], 1e-300), (tail[ids], head[ids])), shape=(n, n))
    origins = np.unique(model.origin)
    dist = dijkstra(weight, directed=True, indices=origins)
    route = dist[np.searchsorted(origins, model.origin), model.dest]
    reached = np.isfinite(route)
    left = np.zeros(len(route))
    left[reached] = 1.0 - model.node_price[model.origin[reached]] - route[reached]
    limited = np.isfinite(model.node_cap)
    return float(
        (cap * model.arc_price).sum()
        + (model.node_cap[limited] * model.node_price[limited]).sum()
        + (model.demand * np.clip(left, 0.0, None)).sum()
    )


def solve_by_bound(model: OriginFlowLP, arcs, reroute) -> float | None:
    """Total delivered trains/day with `arcs` closed if a cheap proof settles it, else None.

    Upper bound: the open prices (`delivered_bound`). Lower bound: keep the open flow,
    move the flow of some closed arcs round them (`reroute`, the flow on the others stays)
    and drop the routes still using a closed arc: at most their flow is lost (a flow splits
    into routes and cycles, and dropping those through an arc loses at most its flow).
    When both bounds meet, that is the optimum (within the LP's own tolerance)."""
    arcs = np.asarray(arcs, dtype=np.int64)
    base = float(model.base_delivered.sum())
    flow = model.group_flow[:, arcs].sum(axis=0)
    carrying = arcs[flow > 0]
    most_lost = float(flow.sum())
    if most_lost <= CERTIFY_TOL:
        return None
    bound = delivered_bound(model, arcs)
    if bound >= base - CERTIFY_TOL:
        return None  # no loss is proved: only a re-solve can show how much is lost
    if base - most_lost >= bound - CERTIFY_TOL:
        return float(np.round(bound, ROUND))
    for drop in carrying:
        moved = carrying[carrying != drop]
        lost = float(model.group_flow[:, drop].sum())
        if base - lost >= bound - CERTIFY_TOL and reroute.reroutable(arcs, moved=moved):
            return float(np.round(bound, ROUND))
    return None
