"""Import a railwatch network from an OpenStreetMap file (.osm, .osm.pbf, .osm.bz2).

``import_osm`` reads railway=rail ways with pyosmium (two streaming passes), joins ways into
junction-to-junction sections, puts tunnels and bridges on them as structures and returns a
network GeoJSON FeatureCollection. The decisions, so a user can predict the result:

- Kept: railway=rail ways. Not kept: tram, subway, light_rail, platforms, disused and
  abandoned lines (they are other railway=* values or disused=yes/abandoned=yes), and
  service=siding/yard/spur/crossover unless ``keep_service``. Ways whose gauge=* is a single
  gauge other than 1520/1524/1435 are left out too (the network format has no class for
  them) and counted in the stats.
- Vertices: dead ends, junctions (3+ segment ends meet), named stops on the track
  (railway=station/halt/stop, public_transport=stop_position; ``split_at_stations``), and
  points where the gauge changes. A flat crossing (railway=railway_crossing) that both lines
  pass straight through is not a vertex. Platforms and tram stops never are.
- Ways joined end to end are merged into one section through any change of tags; the
  geometry keeps every node, and ``osm_ways`` lists the ways in travel order. Tunnels and
  bridges inside a section are structures on it, not section breaks.
- A way end that touches nothing, within ``snap_tolerance_m`` (default 2 m) of a node of
  another way, is joined to that node; failing a node, it is inserted into the nearest
  segment of another way within the tolerance. Mappers often draw tracks that meet without
  sharing a node. Parallel tracks are ~4 m apart, so the default leaves them apart.
- Connected pieces of track shorter in total than ``min_length_km`` are dropped.
- A named railway=station/halt mapped beside the track (not on it) names the nearest track
  node within ``station_radius_m`` (default 300 m), which becomes a vertex like a station
  on the track would.
- Gauge for untagged ways is the most common gauge among the file's tagged rail ways.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components
from scipy.spatial import cKDTree

from railwatch.network import osm_tags
from railwatch.network.geo import distances_km
from railwatch.network.osm_features import (
    LICENSE_NOTE,
    WayFacts,
    line_coords,
    node_feature,
    section_feature,
    structure_features,
    way_facts,
)
from railwatch.network.osm_read import OSMReadError, RailExtract, read_rail_extract
from railwatch.network.osm_topology import (
    Chain,
    build_chains,
    find_vertices,
    snap_dangling_ends,
    split_at_missing,
    split_loops,
    unit_sphere_metres,
)


class OSMImportError(ValueError):
    """An OSM file could not be turned into a network (the message names file and reason)."""


def import_osm(
    path: str | os.PathLike,
    *,
    keep_service: bool = False,
    min_length_km: float = 0.05,
    progress: Callable[[str], None] | None = None,
    snap_tolerance_m: float = 2.0,
    split_at_stations: bool = True,
    station_radius_m: float = 300.0,
) -> dict:
    """Read an .osm / .osm.pbf / .osm.bz2 file and return a railwatch network GeoJSON FeatureCollection dict.

    Parameters
    ----------
    keep_service : keep sidings, yards, spurs and crossovers (dropped by default).
    min_length_km : connected pieces of track shorter than this in total are dropped.
    progress : called with one-line progress messages.
    snap_tolerance_m : join a loose way end to another way's node within this distance.
    split_at_stations : make named stops on the track (stations, halts) section ends.
    station_radius_m : a station or halt mapped beside the track names (and, with
        ``split_at_stations``, splits at) the nearest track node within this distance.

    The collection's top-level ``railwatch`` member holds the options and counts (ways
    read, dropped by reason, ends snapped, fragments dropped, ...).

    Raises OSMImportError for a missing, empty or unreadable file, or one with no usable rail.
    """
    path = Path(path)
    say = progress or (lambda message: None)
    try:
        extract = read_rail_extract(path, say, read_stations=station_radius_m > 0)
    except OSMReadError as error:
        raise OSMImportError(str(error)) from error
    if not extract.ways:
        raise OSMImportError(
            f"{path}: no railway=rail ways found; expected an OSM extract with rail"
        )

    stats: Counter[str] = Counter(
        rail_ways_read=len(extract.ways), nodes_missing=extract.missing_nodes
    )
    kept = _kept_ways(extract, keep_service, stats)
    if not kept:
        hint = (
            " (all are sidings/yards/spurs/crossovers; use keep_service)"
            if stats["ways_dropped_service"]
            else ""
        )
        raise OSMImportError(f"{path}: no railway=rail ways left to import{hint}")

    way_nodes: list[np.ndarray] = []
    part_facts: list[WayFacts] = []
    for facts, refs in kept:
        for run in split_at_missing(refs, extract.node_ids):
            way_nodes.append(run)
            part_facts.append(facts)
    snapped, to_nodes, to_segments = snap_dangling_ends(
        way_nodes, extract.lon, extract.lat, snap_tolerance_m
    )
    stats["ends_snapped"] = to_nodes + to_segments
    stats["ends_snapped_to_segment"] = to_segments
    keep = [i for i, nodes in enumerate(snapped) if len(nodes) >= 2]
    way_nodes = [snapped[i] for i in keep]
    part_facts = [part_facts[i] for i in keep]
    if not way_nodes:
        raise OSMImportError(f"{path}: the rail ways have no located nodes (clipped extract?)")

    say(f"{path.name}: joining {len(way_nodes)} ways into sections")
    n_nodes = len(extract.node_ids)
    forced, crossing = _node_flags(extract, split_at_stations)
    beside = _stations_beside_track(extract, way_nodes, station_radius_m)
    stats["stations_beside_track"] = len(beside)
    if split_at_stations and beside:
        forced[list(beside)] = True
    is_vertex = find_vertices(
        way_nodes,
        n_nodes,
        forced=forced,
        crossing=crossing,
        way_class=[facts.gauge for facts in part_facts],
    )
    chains = split_loops(build_chains(way_nodes, is_vertex), is_vertex)
    seg_lengths = _segment_lengths(chains, extract)
    chains, seg_lengths = _drop_fragments(chains, seg_lengths, min_length_km, stats)
    if not chains:
        raise OSMImportError(
            f"{path}: all rail is in fragments shorter than min_length_km={min_length_km}"
        )
    features = _features(chains, seg_lengths, part_facts, extract, beside, stats)
    say(
        f"{path.name}: {stats['sections']} sections, {stats['nodes']} nodes, "
        f"{stats['structures']} structures; {stats['fragments_dropped']} fragments dropped"
    )
    return {
        "type": "FeatureCollection",
        "features": features,
        "railwatch": {
            "generator": "railwatch.network.osm.import_osm",
            "source_file": path.name,
            "license": f"Data {LICENSE_NOTE}",
            "options": {
                "keep_service": keep_service,
                "min_length_km": min_length_km,
                "snap_tolerance_m": snap_tolerance_m,
                "split_at_stations": split_at_stations,
                "station_radius_m": station_radius_m,
            },
            "stats": dict(stats),
        },
    }


def _kept_ways(
    extract: RailExtract, keep_service: bool, stats: Counter[str]
) -> list[tuple[WayFacts, np.ndarray]]:
    """The ways that become track, with their facts; counts the others by reason."""
    tagged = Counter(
        cls for way in extract.ways if (cls := osm_tags.gauge_class(way.tags.get("gauge")))
    )
    default_gauge = tagged.most_common(1)[0][0] if tagged else "1435"
    if default_gauge == "dual":
        default_gauge = "1520" if tagged["1520"] >= tagged["1435"] else "1435"
    kept = []
    for way in extract.ways:
        reason = osm_tags.dropped_because(way.tags, keep_service=keep_service)
        if reason:
            stats[f"ways_dropped_{reason}"] += 1
            continue
        gauge_tag = way.tags.get("gauge")
        gauge = osm_tags.gauge_class(gauge_tag)
        if gauge is None and osm_tags.gauge_values(gauge_tag):
            stats["ways_dropped_other_gauge"] += 1
            continue
        if gauge is None:
            stats["ways_gauge_defaulted"] += 1
        kept.append((way_facts(way.osm_id, way.tags, gauge or default_gauge), way.refs))
    stats["ways_kept"] = len(kept)
    return kept


def _node_flags(extract: RailExtract, split_at_stations: bool) -> tuple[np.ndarray, np.ndarray]:
    """Boolean arrays over node indices: forced vertices (named stops), flat crossings."""
    forced = np.zeros(len(extract.node_ids), bool)
    crossing = np.zeros(len(extract.node_ids), bool)
    for osm_id, tags in extract.node_tags.items():
        index = int(np.searchsorted(extract.node_ids, osm_id))
        if split_at_stations and osm_tags.is_named_stop(tags):
            forced[index] = True
        if tags.get("railway") == "railway_crossing":
            crossing[index] = True
    return forced, crossing


def _stations_beside_track(
    extract: RailExtract, way_nodes: list[np.ndarray], radius_m: float
) -> dict[int, tuple[int, dict[str, str]]]:
    """Track node index -> (station OSM id, tags) for named stations mapped off the track.

    Each such station is given to the nearest node of a kept way within ``radius_m``; when
    two stations pick the same node, the closer one keeps it.
    """
    if radius_m <= 0 or not extract.stations:
        return {}
    track = np.unique(np.concatenate(way_nodes))
    on_track_ids = set(extract.node_ids[track].tolist())
    candidates = [
        station
        for station in extract.stations
        if station[0] not in on_track_ids and osm_tags.is_rail_station(station[3])
    ]
    if not candidates:
        return {}
    tree = cKDTree(unit_sphere_metres(extract.lon[track], extract.lat[track]))
    lon = np.array([station[1] for station in candidates])
    lat = np.array([station[2] for station in candidates])
    dist, nearest = tree.query(unit_sphere_metres(lon, lat), distance_upper_bound=radius_m)
    chosen: dict[int, tuple[float, int, dict[str, str]]] = {}
    for station, d, k in zip(candidates, dist.tolist(), nearest.tolist(), strict=True):
        if not np.isfinite(d):
            continue
        node = int(track[k])
        if node not in chosen or d < chosen[node][0]:
            chosen[node] = (d, station[0], station[3])
    return {node: (osm_id, tags) for node, (_, osm_id, tags) in chosen.items()}


def _segment_lengths(chains: list[Chain], extract: RailExtract) -> list[np.ndarray]:
    """Geodesic (WGS84) length in metres of every segment of every chain."""
    if not chains:
        return []
    heads = np.concatenate([chain.nodes[:-1] for chain in chains])
    tails = np.concatenate([chain.nodes[1:] for chain in chains])
    dist = 1000.0 * distances_km(
        extract.lon[heads], extract.lat[heads], extract.lon[tails], extract.lat[tails]
    )
    offsets = np.cumsum([len(chain.seg_way) for chain in chains])[:-1]
    return np.split(dist, offsets)


def _drop_fragments(
    chains: list[Chain], seg_lengths: list[np.ndarray], min_length_km: float, stats: Counter[str]
) -> tuple[list[Chain], list[np.ndarray]]:
    """Drop connected components of track whose total length is under ``min_length_km``."""
    ends = np.array([(chain.nodes[0], chain.nodes[-1]) for chain in chains], dtype=np.int64)
    vertices, compact = np.unique(ends, return_inverse=True)
    compact = compact.reshape(-1, 2)
    graph = coo_matrix(
        (np.ones(len(chains)), (compact[:, 0], compact[:, 1])), shape=(len(vertices),) * 2
    )
    n_comp, label = connected_components(graph, directed=False)
    chain_comp = label[compact[:, 0]]
    chain_km = np.array([lengths.sum() for lengths in seg_lengths]) / 1000.0
    comp_km = np.bincount(chain_comp, weights=chain_km, minlength=n_comp)
    small = comp_km < min_length_km
    stats["fragments_dropped"] = int(small.sum())
    stats["fragments_dropped_km"] = round(float(comp_km[small].sum()), 3)  # type: ignore[assignment]  # km in a Counter
    stats["components"] = int(n_comp - small.sum())
    keep = ~small[chain_comp]
    return (
        [chain for chain, k in zip(chains, keep, strict=True) if k],
        [lengths for lengths, k in zip(seg_lengths, keep, strict=True) if k],
    )


def _features(
    chains: list[Chain],
    seg_lengths: list[np.ndarray],
    part_facts: list[WayFacts],
    extract: RailExtract,
    beside: dict[int, tuple[int, dict[str, str]]],
    stats: Counter[str],
) -> list[dict]:
    """Node, section and structure features, nodes first."""
    node_ids = extract.node_ids
    degree: Counter[int] = Counter()
    for chain in chains:
        degree[int(chain.nodes[0])] += 1
        degree[int(chain.nodes[-1])] += 1
    nodes = []
    for index, count in sorted(degree.items(), key=lambda item: node_ids[item[0]]):
        osm_id = int(node_ids[index])
        tags = extract.node_tags.get(osm_id, {})
        named_by = None
        if not osm_tags.node_name_source(tags) and index in beside:
            named_by, tags = beside[index]
        nodes.append(
            node_feature(
                f"osm:n{osm_id}",
                osm_id,
                float(extract.lon[index]),
                float(extract.lat[index]),
                tags,
                count,
                named_by=named_by,
            )
        )
    sections: list[dict] = []
    structures: list[dict] = []
    per_first_way: Counter[int] = Counter()
    structure_numbering: dict[tuple[int, str], int] = {}
    for chain, lengths in zip(chains, seg_lengths, strict=True):
        seg_facts = [part_facts[part] for part in chain.seg_way.tolist()]
        first_way = seg_facts[0].osm_id
        per_first_way[first_way] += 1
        section_id = f"osm:w{first_way}-{per_first_way[first_way]}"
        coords = line_coords(extract.lon, extract.lat, chain.nodes)
        gauge_defaulted = not any(
            part_facts[part].gauge_tag for part in set(chain.seg_way.tolist())
        )
        sections.append(
            section_feature(
                section_id,
                f"osm:n{node_ids[chain.nodes[0]]}",
                f"osm:n{node_ids[chain.nodes[-1]]}",
                seg_facts,
                lengths,
                coords,
                gauge_defaulted,
            )
        )
        structures.extend(
            structure_features(section_id, seg_facts, lengths, coords, structure_numbering)
        )
    stats["nodes"] = len(nodes)
    stats["sections"] = len(sections)
    stats["structures"] = len(structures)
    stats["length_km"] = round(sum(float(s.sum()) for s in seg_lengths) / 1000.0, 3)  # type: ignore[assignment]
    return nodes + sections + structures
