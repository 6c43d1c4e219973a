"""The flow of one step, fast: on the reduced graph, with a shortcut, a memo and one LP.

For a given capacity state the impact engine's multi-commodity LP (maximise delivered
trains, then fewest train-km; one commodity per pair) is solved only when it has to be,
and never on the whole network:

0. Reduced graph. Chains of plain two-section stations are merged into links once per
   model (`impact.chains`), keeping the pairs' ends, the closures' nodes and every node
   with a throughput limit as junctions. A link's capacity in each direction is the
   smallest of its sections' in that direction, so flows, train-km and deliveries are
   the same as on the full network; section utilisation is read back from its link.
1. Uncongested shortcut. If every pair's whole demand fits on its shortest open route
   without filling any arc or node, that routing is the LP optimum (everything is
   delivered, each train on a shortest path), so no solve is needed.
2. Memo. Otherwise the result is cached by (capacity state, demand vector). Demands and
   backlogs are rounded to 1e-6 trains, and capacity shares to whole hours, so the same
   states recur within a run and across runs. Memos and states are kept in small LRUs,
   so memory stays bounded however many states a Monte Carlo visits.
3. LP. One HiGHS model per process (`StepLP`); a capacity state only changes bounds.
   Each state's reference basis is the solve of the state with the scenario's base
   demand, started from the open network's basis; each answer starts from its state's
   reference basis. So every answer is a pure function of (state, demand): cached and
   fresh results are identical, and results do not depend on how runs are split across
   processes or machines.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

import highspy
import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import dijkstra

from railwatch.impact.chains import Links, reduce_chains
from railwatch.impact.closures import Closure, arc_capacities, resolve_target
from railwatch.impact.flows import SharedFlowLP
from railwatch.impact.highs import new_highs

DEMAND_DECIMALS = 6
SLACK = 1e-9  # capacity use within this of the limit counts as fitting
STATES_KEPT = 32  # capacity states (with their memos and bases) kept per process
MEMO_BYTES = 256 * 2**20  # link flows kept in all memos together, at most


@dataclass(frozen=True)
class StepFlow:
    """What one step delivers: per pair delivered and train-km; per section utilisation."""

    delivered: np.ndarray  # (K,)
    train_km: np.ndarray  # (K,)
    link_flow: np.ndarray  # (2L,) trains per step on each link arc of the reduced graph
    state: StateFlow
    solved: bool  # True if the LP was called (for statistics and tests)

    @property
    def utilisation(self) -> np.ndarray:
        """(m,) max over both directions of flow / capacity per section; NaN if closed."""
        return self.state.reduced.utilisation(self.link_flow, self.state.arc_cap)


class ReducedGraph:
    """The network with chains merged, and the maps between sections and link arcs."""

    def __init__(self, network, keep_nodes: list[int]):
        graph = network.compiled
        finite = np.flatnonzero(np.isfinite(graph.node_capacity))
        self.links: Links = reduce_chains(graph, [*keep_nodes, *finite.tolist()])
        links = self.links
        self.m = graph.n_sections
        self.n_links = links.n_links
        self.tail = np.concatenate([links.tail, links.head])
        self.head = np.concatenate([links.head, links.tail])
        self.length = np.concatenate([links.length_km, links.length_km])
        forward = links.section_forward
        # For each section arc (forward, then backward), the link arc that carries it.
        along = links.section_link
        against = links.section_link + self.n_links
        self.arc_link_arc = np.concatenate(
            [np.where(forward, along, against), np.where(forward, against, along)]
        )
        self.junction_of = np.full(graph.n_nodes, -1, dtype=np.int64)
        self.junction_of[links.junction_node] = np.arange(links.n_junctions)

    def link_capacity(self, arc_cap: np.ndarray, node_cap: np.ndarray):
        """(2L,) link arc capacities and (J,) junction capacities for full-network ones."""
        cap = np.full(2 * self.n_links, np.inf)
        np.minimum.at(cap, self.arc_link_arc, arc_cap)
        return cap, node_cap[self.links.junction_node]

    def utilisation(self, link_flow: np.ndarray, arc_cap: np.ndarray) -> np.ndarray:
        flow = link_flow[self.arc_link_arc]
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = np.where(arc_cap > 0, flow / arc_cap, np.nan)
        fwd, bwd = ratio[: self.m], ratio[self.m :]
        out = np.fmax(fwd, bwd)  # NaN only where both directions are closed
        return out


class StepLP:
    """The shared-capacity LP on the reduced graph in one HiGHS model; states set bounds."""

    def __init__(self, reduced: ReducedGraph, origin, dest, open_cap, open_node, demand):
        lp = SharedFlowLP(
            reduced.links.n_junctions, reduced.tail, reduced.head, reduced.length, origin, dest
        )
        self.k, self.m2 = lp.k, lp.m2
        self.length = lp.length
        matrix = sp.vstack([lp.a_eq, lp.arc_rows, lp.node_rows], format="csc")
        self.n_eq = lp.a_eq.shape[0]
        self.n_var = matrix.shape[1]
        self.n_row = matrix.shape[0]
        self.delivered_cols = np.arange(lp.k * lp.m2, self.n_var, dtype=np.int32)
        self.x_cols = np.arange(lp.k * lp.m2, dtype=np.int32)
        self.cap_rows = np.arange(self.n_eq, self.n_row, dtype=np.int32)
        model = highspy.HighsLp()
        model.num_col_ = self.n_var
        model.num_row_ = self.n_row
        model.col_cost_ = lp.cost
        model.col_lower_ = np.zeros(self.n_var)
        model.col_upper_ = np.zeros(self.n_var)
        model.row_lower_ = np.concatenate(
            [np.zeros(self.n_eq), np.full(self.n_row - self.n_eq, -np.inf)]
        )
        model.row_upper_ = np.concatenate([np.zeros(self.n_eq), np.zeros(self.n_row - self.n_eq)])
        model.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        model.a_matrix_.start_ = matrix.indptr
        model.a_matrix_.index_ = matrix.indices
        model.a_matrix_.value_ = matrix.data
        self.highs = new_highs()
        self.highs.passModel(model)
        self.tail, self.head = reduced.tail, reduced.head
        self.set_state(open_cap, open_node)
        self.set_demand(demand)
        self._run()
        self.open_basis = self.highs.getBasis()

    def set_state(self, cap: np.ndarray, node_cap: np.ndarray) -> None:
        usable = (cap > 0) & (node_cap[self.tail] > 0) & (node_cap[self.head] > 0)
        cap = np.where(usable, cap, 0.0)
        x_upper = np.tile(cap, self.k)
        self.highs.changeColsBounds(len(self.x_cols), self.x_cols, np.zeros(len(x_upper)), x_upper)
        upper = np.concatenate([cap, np.where(np.isfinite(node_cap), node_cap, np.inf)])
        self.highs.changeRowsBounds(  # type: ignore[attr-defined]  # in highspy, not its stubs
            len(self.cap_rows), self.cap_rows, np.full(len(upper), -np.inf), upper
        )

    def set_demand(self, demand: np.ndarray) -> None:
        self.highs.changeColsBounds(self.k, self.delivered_cols, np.zeros(self.k), demand)

    def _run(self) -> np.ndarray:
        self.highs.run()
        status = self.highs.getModelStatus()
        if status != highspy.HighsModelStatus.kOptimal:
            raise RuntimeError(
                f"the OD flow LP did not solve: {self.highs.modelStatusToString(status)}"
            )
        return np.asarray(self.highs.getSolution().col_value)

    def solve_from(self, basis, demand: np.ndarray) -> np.ndarray:
        """Column values for `demand` in the current state, started from `basis`."""
        self.set_demand(demand)
        # Forget everything the last solve left behind (factorisation, edge weights), then
        # start from the given basis: the answer depends on (state, demand, basis) only.
        self.highs.clearSolver()
        self.highs.setBasis(basis)
        return self._run()


class StateFlow:
    """All the flow answers for one capacity state (shares of each closure's target)."""

    def __init__(self, cache: FlowCache, closures: list[Closure]):
        self.cache = cache
        self.reduced = cache.reduced
        network = cache.network
        step_days = cache.step_days
        # Capacities per step: the daily figures times the step's length in days.
        arc_cap, node_cap = arc_capacities(network, closures)
        self.arc_cap = arc_cap * step_days
        self.node_cap = node_cap * step_days
        self.cap, self.junction_cap = self.reduced.link_capacity(self.arc_cap, self.node_cap)
        k = len(cache.origin)
        paths = _shortest_paths(self.reduced, cache.origin, cache.dest, self.cap, self.junction_cap)
        self.reachable = np.array([len(nodes) > 0 for _, nodes in paths])
        n_arcs, n_junctions = len(self.cap), len(self.junction_cap)
        # Incidence of each pair's shortest path on link arcs and junctions.
        self.arc_use = np.zeros((k, n_arcs))
        self.node_use = np.zeros((k, n_junctions))
        for p, (arcs, nodes) in enumerate(paths):
            self.arc_use[p, arcs] = 1.0
            self.node_use[p, nodes] = 1.0
        self.path_km = self.arc_use @ self.reduced.length
        self.finite_nodes = np.isfinite(self.junction_cap)
        self.memo: OrderedDict[bytes, StepFlow] = OrderedDict()
        entry = 8 * (n_arcs + 2 * k) + 200  # link flows, delivered, km, and the entry itself
        self.memo_kept = max(64, MEMO_BYTES // (STATES_KEPT * entry))
        self.solves = 0
        self._basis: highspy.HighsBasis | None = None

    def _lp_values(self, demand: np.ndarray) -> np.ndarray:
        lp = self.cache.step_lp
        if self.cache.lp_state is not self:
            lp.set_state(self.cap, self.junction_cap)
            self.cache.lp_state = self
        if self._basis is None:
            # The state's reference basis: its base-demand solve from the open basis.
            lp.solve_from(lp.open_basis, self.cache.reference_demand)
            self._basis = lp.highs.getBasis()
        return lp.solve_from(self._basis, demand)

    def solve(self, demand: np.ndarray) -> StepFlow:
        """Delivered trains for `demand` (trains per step, already rounded) in this state."""
        key = demand.tobytes()
        hit = self.memo.get(key)
        if hit is not None:
            self.memo.move_to_end(key)
            return hit
        result = self._shortcut(demand)
        if result is None:
            values = self._lp_values(demand)
            lp = self.cache.step_lp
            x = np.clip(values[: lp.k * lp.m2], 0.0, None).reshape(lp.k, lp.m2)
            delivered = np.round(np.clip(values[lp.k * lp.m2 :], 0.0, demand), DEMAND_DECIMALS)
            self.solves += 1
            self.cache.solves += 1
            result = StepFlow(delivered, x @ lp.length, x.sum(axis=0), self, True)
        self.memo[key] = result
        if len(self.memo) > self.memo_kept:
            self.memo.popitem(last=False)
        return result

    def _shortcut(self, demand: np.ndarray) -> StepFlow | None:
        """The LP optimum without the LP when all demand fits on shortest routes."""
        sent = np.where(self.reachable, demand, 0.0)
        arc_flow = sent @ self.arc_use
        if (arc_flow > self.cap + SLACK).any():
            return None
        node_flow = sent @ self.node_use
        if (node_flow[self.finite_nodes] > self.junction_cap[self.finite_nodes] + SLACK).any():
            return None
        return StepFlow(sent, sent * self.path_km, arc_flow, self, False)


def _shortest_paths(reduced: ReducedGraph, origin, dest, cap, node_cap):
    """Per pair (link arcs, junctions) of the shortest usable route; empty if none."""
    usable = (cap > 0) & (node_cap[reduced.tail] > 0) & (node_cap[reduced.head] > 0)
    usable &= reduced.tail != reduced.head
    n = reduced.links.n_junctions
    t, h, w = reduced.tail[usable], reduced.head[usable], reduced.length[usable]
    arc_ids = np.flatnonzero(usable)
    # Keep the shortest of parallel arcs (ties: the lowest arc id).
    order = np.lexsort((arc_ids, w, h, t))
    t, h, w, arc_ids = t[order], h[order], w[order], arc_ids[order]
    first = np.ones(len(t), dtype=bool)
    first[1:] = (t[1:] != t[:-1]) | (h[1:] != h[:-1])
    t, h, w, arc_ids = t[first], h[first], w[first], arc_ids[first]
    csr = sp.csr_matrix((w, (t, h)), shape=(n, n))
    csr.sort_indices()
    key = t * n + h  # sorted, as lexsort sorted by (t, h)
    out = []
    preds: dict[int, np.ndarray] = {}
    for o, d in zip(origin.tolist(), dest.tolist(), strict=True):
        if o not in preds:
            _, preds[o] = dijkstra(csr, directed=True, indices=o, return_predecessors=True)
        pred = preds[o]
        if o == d or pred[d] < 0:
            out.append((np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)))
            continue
        walk = [d]
        while walk[-1] != o:
            walk.append(int(pred[walk[-1]]))
        nodes = np.asarray(walk[::-1], dtype=np.int64)
        arcs = arc_ids[np.searchsorted(key, nodes[:-1] * n + nodes[1:])]
        out.append((arcs.astype(np.int64), nodes))
    return out


class FlowCache:
    """The reduced graph, the LP, and an LRU of capacity states; lives for one process."""

    def __init__(self, network, pairs, targets, step_days: float, reference_demand):
        graph = network.compiled
        self.network = network
        self.reference_demand = np.asarray(reference_demand, dtype=float)
        self.targets = targets  # per closure: (target id, direction)
        self.step_days = step_days
        keep = [graph.node_index[o] for o, _ in pairs] + [graph.node_index[d] for _, d in pairs]
        for target, _ in targets:
            kind, fid = resolve_target(network, target)
            if kind == "node":
                keep.append(graph.node_index[fid])
        self.reduced = ReducedGraph(network, keep)
        junction = self.reduced.junction_of
        self.origin = junction[[graph.node_index[o] for o, _ in pairs]]
        self.dest = junction[[graph.node_index[d] for _, d in pairs]]
        self.states: OrderedDict[bytes, StateFlow] = OrderedDict()
        self.solves = 0
        self._step_lp: StepLP | None = None
        self.lp_state: StateFlow | None = None

    @property
    def step_lp(self) -> StepLP:
        if self._step_lp is None:
            arc_cap, node_cap = arc_capacities(self.network, [])
            cap, junction_cap = self.reduced.link_capacity(
                arc_cap * self.step_days, node_cap * self.step_days
            )
            self._step_lp = StepLP(
                self.reduced, self.origin, self.dest, cap, junction_cap, self.reference_demand
            )
            self.lp_state = None
        return self._step_lp

    def state(self, shares: np.ndarray) -> StateFlow:
        """The StateFlow for one column of closure shares (1.0 = untouched)."""
        key = shares.tobytes()
        found = self.states.get(key)
        if found is not None:
            self.states.move_to_end(key)
            return found
        closures = [
            Closure(target, float(share), direction)
            for (target, direction), share in zip(self.targets, shares, strict=True)
            if share < 1.0
        ]
        found = StateFlow(self, closures)
        self.states[key] = found
        if len(self.states) > STATES_KEPT:
            _, dropped = self.states.popitem(last=False)
            if self.lp_state is dropped:
                self.lp_state = None
        return found
