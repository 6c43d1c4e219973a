"""Criticality: what closing each section or structure alone (N-1), or two together (N-2), does.

Three metrics, which need not agree:

- ``capacity_lost``: drop of the maximum flow (trains/day) per OD group, summed over
  groups. A group is an origin with all the destinations it sends to (the max-flow from
  that origin to those destinations together).
- ``unmet_trains_per_day``: extra demand that can no longer be carried when all pairs
  share capacity (the multi-commodity LP of `flows`), over what is unmet on the open network.
- ``detour_train_km_per_day``: sum over pairs of demand x (new shortest length - base
  shortest length); pairs that lose every route are counted in
  ``disconnected_trains_per_day`` instead of as an infinite detour.

How it stays fast, and exact:

1. Series reduction (`chains`): one computation per chain of sections between junctions.
2. Detours: replacement paths (`replacement`) give every pair's new length for every
   link on its route from two Dijkstra trees; links on no route cost nothing.
3. Capacity: one base max-flow per group; a link that carries no flow in it cannot
   lower the maximum (the same flow stays feasible), so only links with flow are re-solved.
4. Unmet demand: one LP on the reduced graph with dead ends cut off and the chains left
   merged again (`prune`), over routes by column generation (`unmet_routes`) or, on large
   graphs, over arcs with commodities merged per origin (`unmet`), solved once and
   re-solved warm from the base basis only for links that carry flow in it and whose flow
   cannot be rerouted round them (`reroute`); every other closure costs nothing.
5. Re-solves run in a pool of worker processes over fixed chunks of the (group, link)
   list; results are put back in list order, so they do not depend on the split.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.sparse.csgraph import dijkstra

from railwatch.impact.capacity import build_flow_network, choose_scale, solve_max_flow
from railwatch.impact.chains import Links, reduce_chains
from railwatch.impact.flows import demand_frame
from railwatch.impact.igraph_loader import load_igraph
from railwatch.impact.prune import Pruned, prune_for_flow
from railwatch.impact.replacement import PairPaths, replacement_lengths
from railwatch.impact.reroute import REROUTE_TOL, OwnFlowReroute
from railwatch.impact.unmet import OriginFlowLP, build_origin_lp, solve_by_bound
from railwatch.impact.unmet_routes import RouteFlowLP

if TYPE_CHECKING:
    from railwatch.network.model import RailNetwork

METRICS = ("capacity_lost", "unmet_trains_per_day", "detour_train_km_per_day")
# Computed unless asked otherwise: the two that need no LP. The unmet-demand LP runs only
# when asked for or ranked by.
CHEAP_METRICS = ("capacity_lost", "detour_train_km_per_day")
FIGURES = (*METRICS, "disconnected_trains_per_day")
DECIMALS = 6  # figures are rounded before ranking so that float noise never reorders ties

Progress = Callable[[int, int], None]


@dataclass
class CriticalityResult:
    """Ranked N-1 table (sections and structures), optional N-2 table, and context."""

    table: pd.DataFrame
    n2: pd.DataFrame | None
    rank_by: str
    groups: list[str]
    base: dict = field(default_factory=dict)


# ---- work shared with the worker processes ---------------------------------------------------

_STATE: dict = {}


def _maxflow_values(items: list[tuple[int, int]]) -> list[float]:
    """Max-flow value per (group, link) with that link removed (runs in a worker).

    igraph's push-relabel is used for these re-solves: on the reduced 20,000-section
    benchmark graph it takes 0.24 ms against 2.6 ms for scipy's Dinic (see the report).
    Capacities are the same scaled integers as the base flow, held exactly in floats.
    """
    out = []
    n_links = _STATE["n_links"]
    for group, link in items:
        fn = _STATE["flow_networks"][group]
        graph = _STATE["igraphs"][group]
        cap = fn.matrix.data.astype(float)
        for arc in (link, link + n_links):
            cap[fn.arc_pair[arc]] -= fn.arc_cap_int[arc]
        value = graph.maxflow_value(fn.source, fn.sink, capacity=cap.tolist())
        out.append(value / fn.scale)
    return out


ALTERNATIVES_KEPT = 8  # flows of loss-free re-solves tried on the next closures
# From this many closures with flow, the reroute tests run in the workers too, in this many
# chunks per worker (see `_unmet_by_link`).
REROUTE_IN_CHUNKS_FROM = 512
CHUNKS_PER_WORKER_LARGE = 12


REROUTED, OTHER_SOLUTION, SOLVED, BOUNDED = 0, 1, 2, 3  # how `_unmet_values` settled a closure


def _unmet_values(links: list[int]) -> list[tuple[float, int]]:
    """(total delivered trains/day, how it was settled) with each link of the LP's graph
    removed in turn (runs in a worker).

    With `_STATE["reroute_in_chunks"]`, a link whose base flow can be rerouted round it
    (`OwnFlowReroute.reroutable`) loses nothing (`REROUTED`); otherwise the caller has
    already tested that. A re-solve that loses nothing yields another flow delivering the
    open network's optimum; the next links are first tested against the last few of those
    (`OwnFlowReroute.with_flow`): closing a link that such a flow avoids, or can reroute
    round, loses nothing either (`OTHER_SOLUTION`). The rest are re-solved (`SOLVED`).
    Only the links of this chunk are involved, so the figures (and the counts) depend on
    nothing outside it.
    """
    model = _unmet_model()
    test = _STATE["reroute"]
    n_links = _STATE["lp_links"]
    first_test = _STATE.get("reroute_in_chunks", False)
    base = float(model.base_delivered.sum())
    alternatives: list = []
    out: list[tuple[float, int]] = []
    for link in links:
        arcs = np.array([link, link + n_links])
        if first_test and test.reroutable(arcs):
            out.append((base, REROUTED))
            continue
        if any(not alt.carries(arcs) or alt.reroutable(arcs) for alt in alternatives):
            out.append((base, OTHER_SOLUTION))
            continue
        if isinstance(model, OriginFlowLP):
            bounded = solve_by_bound(model, arcs, test)
            if bounded is not None:
                out.append((bounded, BOUNDED))
                continue
        delivered, flows = model.solve_without(arcs)
        out.append((delivered, SOLVED))
        if delivered >= base:
            alternatives.append(test.with_flow(*flows))
            del alternatives[:-ALTERNATIVES_KEPT]
    return out


_MODEL: dict = {}  # the HiGHS model: inherited by forked workers, rebuilt where spawned
_LP_KEYS = itertools.count()


# Below this many arc-LP columns (origins x arcs) the unmet LP is solved over routes
# (`unmet_routes`), above it over arcs (`unmet`); both give the same optimum. Russia (14,400
# columns): 37 vs 126 ms per re-solve (still 7.1 vs 11.8 CPU s for its whole unmet N-1 on
# one process after the arc LP's Devex re-solves). A congested 20,000-section grid (80,720
# columns): column generation needs many rounds there, 2.0 vs 0.55 CPU s per re-solve.
ROUTE_LP_MAX_COLUMNS = 40_000


def _unmet_model() -> RouteFlowLP | OriginFlowLP:
    key = _STATE["lp_key"]
    if _MODEL.get("key") != key:
        _MODEL.clear()
        args = _STATE["lp_args"]
        origin, tail = args[4], args[1]
        columns = len(np.unique(origin)) * len(tail)
        build = RouteFlowLP if columns < _STATE["route_lp_max_columns"] else build_origin_lp
        _MODEL.update(key=key, model=build(*args))
    return _MODEL["model"]


def _init_worker(state: dict) -> None:
    _STATE.clear()
    _STATE.update(state)


def _run_chunks(func, items: list, workers: int, chunk: int, progress: Progress | None, total):
    """Apply `func` to fixed chunks of `items`, in order, in `workers` processes.

    Below `_STATE["min_parallel_items"]` items the work runs here: starting workers costs
    more than it saves. Either way every item is computed alone, so results are the same.
    """
    chunks = [items[i : i + chunk] for i in range(0, len(items), chunk)]
    results: list = []
    small = len(items) < _STATE.get("min_parallel_items", 0)
    if workers <= 1 or len(chunks) <= 1 or small:
        for part in chunks:
            results.extend(func(part))
            if progress:
                progress(len(part), total)
        return results
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=ctx, initializer=_init_worker, initargs=(dict(_STATE),)
    ) as pool:
        for part, values in zip(chunks, pool.map(func, chunks), strict=True):
            results.extend(values)
            if progress:
                progress(len(part), total)
    return results


# ---- the reduced problem ---------------------------------------------------------------------


@dataclass
class _Problem:
    links: Links
    origin: np.ndarray  # (K,) junction index
    dest: np.ndarray
    demand: np.ndarray
    group_of_pair: np.ndarray
    group_origin: list[int]  # junction index per group
    group_dests: list[list[int]]
    group_labels: list[str]


def _problem(network: RailNetwork, demand: pd.DataFrame) -> _Problem:
    graph = network.compiled
    o_nodes = np.array([graph.node_index[x] for x in demand["origin"]], dtype=np.int64)
    d_nodes = np.array([graph.node_index[x] for x in demand["destination"]], dtype=np.int64)
    links = reduce_chains(graph, np.concatenate([o_nodes, d_nodes]))
    junction_of = np.full(graph.n_nodes, -1, dtype=np.int64)
    junction_of[links.junction_node] = np.arange(links.n_junctions)
    groups: dict[str, int] = {}
    group_of_pair = np.zeros(len(demand), dtype=np.int64)
    group_dests: list[list[int]] = []
    group_origin: list[int] = []
    for k, origin in enumerate(demand["origin"]):
        if origin not in groups:
            groups[origin] = len(groups)
            group_origin.append(int(junction_of[graph.node_index[origin]]))
            group_dests.append([])
        g = groups[origin]
        group_of_pair[k] = g
        d = int(junction_of[d_nodes[k]])
        if d not in group_dests[g]:
            group_dests[g].append(d)
    labels = []
    for origin, g in groups.items():
        names = sorted(str(graph.node_ids[links.junction_node[d]]) for d in group_dests[g])
        labels.append(f"{origin}->{','.join(names)}")
    return _Problem(
        links=links,
        origin=junction_of[o_nodes],
        dest=junction_of[d_nodes],
        demand=demand["trains_per_day"].to_numpy(dtype=float),
        group_of_pair=group_of_pair,
        group_origin=group_origin,
        group_dests=group_dests,
        group_labels=labels,
    )


def _link_arcs(links: Links) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    tail = np.concatenate([links.tail, links.head])
    head = np.concatenate([links.head, links.tail])
    cap = np.concatenate([links.capacity, links.capacity])
    length = np.concatenate([links.length_km, links.length_km])
    return tail, head, cap, length


# ---- the three metrics per link --------------------------------------------------------------


def _detour_by_link(p: _Problem) -> tuple[np.ndarray, np.ndarray, PairPaths]:
    """(detour train-km/day, disconnected trains/day) per link, and the pairs' base routes."""
    links = p.links
    paths, replaced = replacement_lengths(
        links.n_junctions, links.tail, links.head, links.length_km, p.origin, p.dest
    )
    detour = np.zeros(links.n_links)
    disconnected = np.zeros(links.n_links)
    for k, new in enumerate(replaced):
        if len(new) == 0:
            continue
        route = paths.path_links[k]
        cut = ~np.isfinite(new)
        np.add.at(disconnected, route[cut], p.demand[k])
        extra = np.clip(new[~cut] - paths.base_km[k], 0.0, None)
        np.add.at(detour, route[~cut], p.demand[k] * extra)
    return detour, disconnected, paths


@dataclass
class _CapacityState:
    """Per group: the flow network, its igraph twin, the base value and the links with flow."""

    networks: list
    igraphs: list
    base: np.ndarray
    used: list[set[int]]


def _capacity_state(p: _Problem) -> _CapacityState:
    links = p.links
    tail, head, cap, _ = _link_arcs(links)
    scale = choose_scale(cap, links.node_capacity)
    networks, base, used = [], [], []
    for g, origin in enumerate(p.group_origin):
        fn = build_flow_network(
            links.n_junctions,
            tail,
            head,
            cap,
            links.node_capacity,
            [origin],
            p.group_dests[g],
            scale=scale,
        )
        flow = solve_max_flow(fn, links.n_junctions)
        networks.append(fn)
        base.append(flow.value)
        carrying = (flow.arc_flow[: links.n_links] > 0) | (flow.arc_flow[links.n_links :] > 0)
        used.append({int(x) for x in np.flatnonzero(carrying)})
    igraph = load_igraph()  # here, and without matplotlib: see impact/igraph_loader.py

    igraphs = [
        igraph.Graph(
            n=fn.matrix.shape[0],
            edges=np.column_stack([fn.pair_tail, fn.pair_head]).tolist(),
            directed=True,
        )
        for fn in networks
    ]
    return _CapacityState(networks, igraphs, np.asarray(base), used)


def _capacity_by_link(
    p, state: _CapacityState, workers, chunk, progress, min_parallel: int = 256
) -> np.ndarray:
    """Loss per group x link. A link without flow in a group's base max-flow loses nothing
    (the same flow stays feasible), so only links with flow are re-solved."""
    links = p.links
    items = [(g, link) for g, used in enumerate(state.used) for link in sorted(used)]
    loss = np.zeros((len(p.group_origin), links.n_links))
    _STATE.clear()
    _STATE.update(
        flow_networks=state.networks,
        igraphs=state.igraphs,
        n_links=links.n_links,
        min_parallel_items=min_parallel,
    )
    values = _run_chunks(_maxflow_values, items, workers, chunk, progress, len(items))
    for (g, link), value in zip(items, values, strict=True):
        loss[g, link] = max(0.0, state.base[g] - value)
    return loss


@dataclass
class _UnmetState:
    """The unmet-demand LP on the pruned graph, its reroute test, and the map to it."""

    model: RouteFlowLP | OriginFlowLP
    reroute: OwnFlowReroute
    pruned: Pruned

    def arcs(self, links) -> np.ndarray:
        """The LP's arcs (both directions) standing for `links` of the reduced graph."""
        mapped = np.unique(self.pruned.link_map[np.asarray(links, dtype=np.int64)])
        mapped = mapped[mapped >= 0]
        return np.concatenate([mapped, mapped + self.pruned.n_links])


def _unmet_state(p: _Problem) -> _UnmetState:
    links = p.links
    terminals = np.concatenate([p.origin, p.dest])
    pruned = prune_for_flow(
        links.n_junctions,
        links.tail,
        links.head,
        links.capacity,
        links.length_km,
        links.node_capacity,
        terminals,
    )
    tail = np.concatenate([pruned.tail, pruned.head])
    head = np.concatenate([pruned.head, pruned.tail])
    cap = np.concatenate([pruned.capacity, pruned.capacity])
    length = np.concatenate([pruned.length_km, pruned.length_km])
    # The cost per train-km of the whole network, not of the pruned graph (see `unmet`).
    eps = 0.5 / (float(links.length_km.sum()) or 1.0)
    origin, dest = pruned.node_map[p.origin], pruned.node_map[p.dest]
    args = (
        pruned.n_nodes,
        tail,
        head,
        length,
        origin,
        dest,
        p.demand,
        cap,
        pruned.node_capacity,
        eps,
    )
    _STATE.update(
        lp_args=args,
        lp_key=next(_LP_KEYS),
        lp_links=pruned.n_links,
        route_lp_max_columns=ROUTE_LP_MAX_COLUMNS,
    )
    model = _unmet_model()
    reroute = OwnFlowReroute(
        pruned.n_nodes,
        tail,
        head,
        model.arc_cap,
        model.node_cap,
        model.group_flow,
        model.group_use,
    )
    _STATE["reroute"] = reroute
    return _UnmetState(model, reroute, pruned)


def _unmet_by_link(
    p, workers, chunk, progress, min_parallel: int = 16
) -> tuple[np.ndarray, float, _UnmetState, dict]:
    """(extra unmet trains/day per link, base unmet, the LP state, how each closure was
    settled). A link cut off by `prune` or without flow in the base solution, or whose
    flow can be rerouted (`reroute`), loses nothing: the same deliveries stay feasible.
    Only the rest are re-solved, once per link of the pruned graph."""
    state = _unmet_state(p)
    model, pruned = state.model, state.pruned
    base_delivered = float(model.base_delivered.sum())
    flow = model.base_arc_flow
    n_lp = pruned.n_links
    carrying = np.flatnonzero((flow[:n_lp] > REROUTE_TOL) | (flow[n_lp:] > REROUTE_TOL))
    # Many closures to test (1,509 on the 20,000-section benchmark, 1.8 CPU s): the
    # workers test them, each the links of its chunks, and many small chunks keep both
    # busy to the end (a re-solve costs 0.1-1.5 s there). Few: tested here, and only the
    # rest go to the workers, three chunks of neighbouring links per worker: within a
    # chunk the flows of loss-free re-solves settle later links (see `_unmet_values`),
    # and several chunks per worker keep both busy when re-solve costs differ (russia:
    # 10.6 -> 9.6-10.1 s wall on 2 cores, a few more re-solves). The figures never
    # depend on it.
    in_chunks = workers > 1 and len(carrying) >= REROUTE_IN_CHUNKS_FROM
    _STATE["reroute_in_chunks"] = in_chunks
    if in_chunks:
        items = [int(x) for x in carrying]
        chunk = max(1, -(-len(items) // (CHUNKS_PER_WORKER_LARGE * workers)))
    else:
        items = [int(x) for x in carrying if not state.reroute.reroutable([x, x + n_lp])]
        few = len(items) < min_parallel
        chunk = len(items) if few else max(1, -(-len(items) // (3 * workers)))
    _STATE["min_parallel_items"] = min_parallel
    values = _run_chunks(_unmet_values, items, workers, chunk or 1, progress, len(items))
    extra_lp = np.zeros(n_lp)
    for link, (delivered, _) in zip(items, values, strict=True):
        extra_lp[link] = max(0.0, base_delivered - delivered)
    how = np.bincount([h for _, h in values], minlength=4)
    mapped = pruned.link_map >= 0
    extra = np.where(mapped, extra_lp[np.where(mapped, pruned.link_map, 0)], 0.0)
    with_flow = np.zeros(n_lp, dtype=bool)
    with_flow[carrying] = True
    counts = {
        "lp_graph": {"nodes": pruned.n_nodes, "links": n_lp},
        "links_cut_off": int((~mapped).sum()),
        "links_with_flow": int(with_flow[pruned.link_map[mapped]].sum()),
        "closures_with_flow": len(carrying),
        "settled_by_reroute": len(carrying) - len(items) + int(how[REROUTED]),
        "settled_by_other_solutions": int(how[OTHER_SOLUTION]),
        "settled_by_bound": int(how[BOUNDED]),
        "lp_resolves": int(how[SOLVED]),
    }
    return extra, float(p.demand.sum()) - base_delivered, state, counts


# ---- rows ------------------------------------------------------------------------------------


def _rank(frame: pd.DataFrame, rank_by: str) -> pd.DataFrame:
    frame = frame.sort_values([rank_by, "id"], ascending=[False, True], kind="mergesort")
    frame.insert(0, "rank", np.arange(1, len(frame) + 1))
    return frame.reset_index(drop=True)


def _rows(
    network: RailNetwork, figures: dict[str, np.ndarray], by_group: np.ndarray | None, labels
):
    graph = network.compiled
    sections = network.sections
    base = pd.DataFrame(
        {
            "id": graph.section_ids.astype(str),
            "kind": "section",
            "line": sections["line"].to_numpy(),
            "section": graph.section_ids.astype(str),
            "name": None,
            "structure_kind": None,
        }
    )
    for name, values in figures.items():
        base[name] = np.round(values, DECIMALS)
    if by_group is not None:
        per_group = [
            {
                labels[g]: round(float(by_group[g, i]), DECIMALS)
                for g in range(len(labels))
                if by_group[g, i] > 0
            }
            for i in range(graph.n_sections)
        ]
        base["capacity_lost_by_group"] = pd.Series(per_group, index=base.index, dtype=object)
    rows = [base]
    if len(network.structures):
        sec_index = np.array(
            [graph.structure_section[s] for s in network.structures.index], dtype=np.int64
        )
        struct = base.iloc[sec_index].copy()
        struct["id"] = network.structures.index.astype(str).to_numpy()
        struct["kind"] = "structure"
        struct["name"] = network.structures["name"].to_numpy()
        struct["structure_kind"] = network.structures["kind"].to_numpy()
        rows.append(struct)
    return pd.concat(rows, ignore_index=True)


# ---- public API ------------------------------------------------------------------------------


def choose_metrics(
    metrics: tuple[str, ...] | None, rank_by: str | None
) -> tuple[tuple[str, ...], str]:
    """The metrics to compute and the one to rank by.

    No `metrics`: the cheap ones (`CHEAP_METRICS`), plus `rank_by` if it is another. No
    `rank_by`: unmet demand if computed, else capacity lost if computed, else the first.
    A `rank_by` outside `metrics` is added to them (it must be computed to rank by it).
    """
    chosen = list(CHEAP_METRICS if metrics is None else metrics)
    asked = set(chosen) | ({rank_by} if rank_by is not None else set())
    unknown = sorted(asked - set(METRICS))
    if unknown:
        raise ValueError(f"unknown metric(s) {unknown}; choose from {', '.join(METRICS)}")
    if not chosen:
        raise ValueError(f"no metric chosen; choose from {', '.join(METRICS)}")
    if rank_by is not None and rank_by not in chosen:
        chosen.append(rank_by)
    if rank_by is None:
        rank_by = next(m for m in ("unmet_trains_per_day", "capacity_lost", *chosen) if m in chosen)
    return tuple(m for m in METRICS if m in chosen), rank_by


def criticality(
    network: RailNetwork,
    demand,
    *,
    metrics: tuple[str, ...] | None = None,
    rank_by: str | None = None,
    n2: int = 0,
    workers: int | None = None,
    chunk_size: int = 32,
    min_parallel_items: int = 256,
    progress: Progress | None = None,
) -> CriticalityResult:
    """N-1 of every section and structure under the chosen metrics, ranked by `rank_by`;
    with `n2` > 0, also N-2 over pairs among the top `n2` and over every pair of parallel
    links (same two junctions, like a tunnel and its bypass).

    `metrics` defaults to the cheap ones (no LP); see `choose_metrics`. `demand` is a table
    with origin, destination, trains_per_day. `workers` defaults to the number of CPUs (at
    most 2); work lists shorter than `min_parallel_items` run in this process. Results
    never depend on either.
    """
    metrics, rank_by = choose_metrics(metrics, rank_by)
    frame = demand_frame(network, demand)
    frame = frame[frame["trains_per_day"] > 0].reset_index(drop=True)
    if frame.empty:
        raise ValueError("demand has no pair with trains_per_day > 0")
    workers = min(2, os.cpu_count() or 1) if workers is None else max(1, workers)
    p = _problem(network, frame)
    links = p.links
    section_link = links.section_link
    per_link: dict[str, np.ndarray] = {}
    by_group = None
    base: dict = {"groups": p.group_labels, "links": links.n_links, "junctions": links.n_junctions}
    joint = _Joint(p, metrics)
    if "detour_train_km_per_day" in metrics:
        detour, disconnected, paths = _detour_by_link(p)
        per_link["detour_train_km_per_day"] = detour
        per_link["disconnected_trains_per_day"] = disconnected
        base["unreachable_pairs"] = int((~np.isfinite(paths.base_km)).sum())
        joint.paths = paths
    if "capacity_lost" in metrics:
        joint.capacity = _capacity_state(p)
        loss = _capacity_by_link(
            p, joint.capacity, workers, chunk_size, progress, min_parallel_items
        )
        per_link["capacity_lost"] = loss.sum(axis=0)
        by_group = loss[:, section_link]
        base["capacity"] = {
            lab: float(v) for lab, v in zip(p.group_labels, joint.capacity.base, strict=True)
        }
    if "unmet_trains_per_day" in metrics:
        # An LP re-solve costs far more than a max-flow: parallel from fewer items.
        # Each chunk restarts from the open network's basis: not too many chunks.
        extra, base_unmet, joint.unmet, counts = _unmet_by_link(
            p, workers, chunk_size, progress, min(min_parallel_items, 16)
        )
        per_link["unmet_trains_per_day"] = extra
        base["unmet_trains_per_day"] = round(base_unmet, DECIMALS)
        base["unmet_resolves"] = counts
    figures = {name: values[section_link] for name, values in per_link.items()}
    table = _rank(_rows(network, figures, by_group, p.group_labels), rank_by)
    pairs = None
    if n2 > 0:
        joint.single = {name: np.round(v, DECIMALS) for name, v in per_link.items()}
        pairs = _n2(network, p, table, rank_by, joint, n2)
    return CriticalityResult(
        table=table, n2=pairs, rank_by=rank_by, groups=p.group_labels, base=base
    )


# ---- N-2 -------------------------------------------------------------------------------------


class _Joint:
    """Every metric with several links closed at once, re-solving only what they change.

    - capacity: a group whose base max-flow uses none of the links loses nothing;
    - detour: a pair whose base route uses none of them keeps its length; the others are
      re-routed by one Dijkstra per origin on the reduced graph without the links;
    - unmet: links cut off by `prune` carry nothing; nothing becomes unmet when the base
      flows of the rest can be rerouted round them (`reroute`); otherwise the warm-started
      LP decides.
    Each of these shortcuts is exact, so the figures equal a full recomputation.
    """

    def __init__(self, p: _Problem, metrics):
        self.p = p
        self.metrics = metrics
        self.paths: PairPaths | None = None
        self.capacity: _CapacityState | None = None
        self.unmet: _UnmetState | None = None
        self.single: dict[str, np.ndarray] = {}
        self.lp_solves = 0

    def effects(self, removed: list[int]) -> dict[str, float]:
        out: dict[str, float] = {}
        if "capacity_lost" in self.metrics:
            out["capacity_lost"] = self._capacity(removed)
        if "detour_train_km_per_day" in self.metrics:
            out.update(self._detour(removed))
        if "unmet_trains_per_day" in self.metrics:
            out["unmet_trains_per_day"] = self._unmet(removed)
        return {k: round(v, DECIMALS) for k, v in out.items()}

    def _capacity(self, removed: list[int]) -> float:
        state = self.capacity
        assert state is not None, "capacity_lost was not among the metrics"
        n_links = self.p.links.n_links
        total = 0.0
        for g, fn in enumerate(state.networks):
            if not state.used[g].intersection(removed):
                continue
            cap = fn.matrix.data.astype(float)
            for link in removed:
                for arc in (link, link + n_links):
                    cap[fn.arc_pair[arc]] -= fn.arc_cap_int[arc]
            value = state.igraphs[g].maxflow_value(fn.source, fn.sink, capacity=cap.tolist())
            total += max(0.0, state.base[g] - value / fn.scale)
        return total

    def _detour(self, removed: list[int]) -> dict[str, float]:
        p, paths = self.p, self.paths
        assert paths is not None, "no detour metric was asked for"
        hit = [
            k
            for k, route in enumerate(paths.path_links)
            if len(route) and np.isin(route, removed).any()
        ]
        detour = cut = 0.0
        if hit:
            after = _lengths_without(p, removed, np.asarray(hit))
            for k, new in zip(hit, after, strict=True):
                if np.isfinite(new):
                    detour += p.demand[k] * max(0.0, new - paths.base_km[k])
                else:
                    cut += p.demand[k]
        return {"detour_train_km_per_day": detour, "disconnected_trains_per_day": cut}

    def _unmet(self, removed: list[int]) -> float:
        unmet = self.unmet
        assert unmet is not None, "unmet_trains_per_day was not among the metrics"
        arcs = unmet.arcs(removed)
        if len(arcs) == 0 or unmet.reroute.reroutable(arcs):
            return 0.0
        self.lp_solves += 1
        model = unmet.model
        delivered, _ = model.solve_without(arcs)
        return max(0.0, float(model.base_delivered.sum()) - delivered)


def _lengths_without(p: _Problem, removed: list[int], pairs: np.ndarray) -> np.ndarray:
    """Shortest lengths of `pairs` on the reduced graph without the `removed` links."""
    links = p.links
    keep = np.ones(links.n_links, dtype=bool)
    keep[removed] = False
    t, h, w = links.tail[keep], links.head[keep], links.length_km[keep]
    sel = t != h
    t, h, w = t[sel], h[sel], w[sel]
    # Both directions; csr_matrix would sum parallel links, so keep the lightest of each.
    tt, hh, ww = np.concatenate([t, h]), np.concatenate([h, t]), np.concatenate([w, w])
    order = np.lexsort((ww, hh, tt))
    tt, hh, ww = tt[order], hh[order], ww[order]
    first = np.ones(len(tt), dtype=bool)
    first[1:] = (tt[1:] != tt[:-1]) | (hh[1:] != hh[:-1])
    matrix = sp.csr_matrix((ww[first], (tt[first], hh[first])), shape=(links.n_junctions,) * 2)
    origins = p.origin[pairs]
    uo, inv = np.unique(origins, return_inverse=True)
    return dijkstra(matrix, directed=True, indices=uo)[inv, p.dest[pairs]]


def _n2(
    network: RailNetwork, p: _Problem, table: pd.DataFrame, rank_by, joint: _Joint, k: int
) -> pd.DataFrame:
    """Pairs among the top-k links, and every pair of parallel links, closed together."""
    links = p.links
    graph = network.compiled
    sections = table[table["kind"] == "section"]
    top_links: list[int] = []
    link_name: dict[int, str] = {}
    for sid in sections["id"]:
        link = int(links.section_link[graph.section_index[sid]])
        if link not in top_links:
            top_links.append(link)
            link_name[link] = sid
        if len(top_links) >= k:
            break
    # Parallel links (same two junctions: a tunnel and its bypass) are always paired too,
    # and first: each alone may cost little, which is exactly why they can stay out of the
    # top k.
    ends: dict[tuple[int, int], list[int]] = {}
    for link in range(links.n_links):
        a, b = int(links.tail[link]), int(links.head[link])
        if a != b:
            ends.setdefault((min(a, b), max(a, b)), []).append(link)
    pairs: dict[tuple[int, int], None] = {}
    for group in ends.values():
        pairs.update(dict.fromkeys((a, b) for i, a in enumerate(group) for b in group[i + 1 :]))
    top_pairs = (
        (min(a, b), max(a, b)) for i, a in enumerate(top_links) for b in top_links[i + 1 :]
    )
    pairs.update(dict.fromkeys(top_pairs))
    first_section: dict[int, int] = {}
    for sec in np.argsort(links.section_link, kind="stable"):
        first_section.setdefault(int(links.section_link[sec]), int(sec))
    for a, b in pairs:
        for link in (a, b):
            link_name.setdefault(link, str(graph.section_ids[first_section[link]]))
    single = joint.single
    rows = []
    for a, b in pairs:
        effects = joint.effects([a, b])
        singles = round(single[rank_by][a] + single[rank_by][b], DECIMALS)
        excess = round(effects[rank_by] - singles, DECIMALS)
        rows.append(
            {
                "first": link_name[a],
                "second": link_name[b],
                **effects,
                "sum_of_singles": singles,
                "excess": excess,
                "fail_together": excess > 0,
            }
        )
    frame = pd.DataFrame(rows)
    if frame.empty:
        return frame
    frame = frame.sort_values(
        ["excess", rank_by, "first", "second"],
        ascending=[False, False, True, True],
        kind="mergesort",
    )
    return frame.reset_index(drop=True)


# ---- GIS layer -------------------------------------------------------------------------------

LAYER_FORMATS = {"geojson": "GeoJSON", "gpkg": "GPKG"}


def section_layer(network, result: CriticalityResult):
    """One feature per section: its geometry, line, ends, structures and every computed
    figure, with its rank among sections (`rank`, 1 = most critical by `result.rank_by`)."""
    import geopandas as gpd

    sections = network.sections
    table = result.table[result.table["kind"] == "section"].set_index("id")
    figures = [c for c in FIGURES if c in table.columns]
    on_section: dict[str, list[str]] = {}
    for sid, row in network.structures.iterrows():
        on_section.setdefault(str(row["section"]), []).append(str(sid))
    ids = sections.index.astype(str)
    data = {
        "id": ids.to_numpy(),
        "line": sections["line"].astype(str).to_numpy(),
        "from": sections["from"].astype(str).to_numpy(),
        "to": sections["to"].astype(str).to_numpy(),
        "structures": [",".join(sorted(on_section.get(sid, []))) for sid in ids],
        "rank": table.loc[ids, "rank"].rank(method="first").astype(int).to_numpy(),
    }
    for name in figures:
        data[name] = table.loc[ids, name].to_numpy(dtype=float)
    return gpd.GeoDataFrame(
        pd.DataFrame(data), geometry=sections.geometry.to_numpy(), crs="EPSG:4326"
    )


def write_section_layer(network, result: CriticalityResult, path, fmt: str):
    """Write `section_layer` as GeoJSON or GeoPackage, atomically (a failed write leaves
    no file, and an existing file is replaced only by a complete one)."""
    import tempfile
    from pathlib import Path

    import pyogrio

    if fmt not in LAYER_FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(LAYER_FORMATS)}")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    layer = section_layer(network, result)
    fd, name = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=f".{fmt}", dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    tmp.unlink()  # GDAL will not write into an existing empty file
    try:
        pyogrio.write_dataframe(
            layer, tmp, layer="criticality", driver=LAYER_FORMATS[fmt], promote_to_multi=False
        )
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path
