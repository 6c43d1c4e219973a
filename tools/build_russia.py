"""Build the embedded national network `russia` from the shipped ESR station tables.

Inputs (all inside the repository):

* the station table and the adjacency list shipped as package data
  (``railwatch.network.stations.load_stations()`` / ``load_adjacency()``, licences in
  ``src/railwatch/network/data/RU_STATIONS_LICENSE.md``);
* the embedded corridor (``src/railwatch/network/data/corridor.geojson``): its sourced section
  attributes, structures, and the cross-border links and Crimean Bridge that the tariff guide
  does not list;
* ``tools/corridor_extra/esr.csv`` (corridor node -> ESR station) and ``esr_routes.csv`` (which
  national chain a corridor section follows where the shortest one is not it);
* ``tools/corridor_extra/station_points.csv``: sourced positions of stations that the table
  leaves without a point where interpolation would misplace them (each row with its source).

Rules, each written into the features it touches:

* every station of the adjacency list is a node, id = its ESR code; stations without OSM
  coordinates, and stations whose coordinates are hundreds of km from every neighbour (a halt
  matched to a namesake elsewhere), are placed by interpolation along the chain between their
  placed neighbours (harmonic interpolation: on a plain chain it is the even split by stations)
  and flagged with ``position``;
* a section joins every listed pair of neighbours; its geometry is the straight line between the
  two station points and its length that line's geodesic length times a correction factor, the
  median ratio of the corridor's published km-post lengths to the geodesic length of the station
  chains they follow (measured here, printed in the build log);
* sections on a corridor section's chain carry the corridor's sourced tracks, electrification,
  capacity and speed, and the chain's lengths are scaled to the corridor's published length
  where that length is published; elsewhere defaults by line class, stated as assumptions.

Output: ``src/railwatch/network/data/russia.geojson.gz`` (deterministic bytes) and, beside it,
``russia.npz``: the same network in the columnar form that ``railwatch`` loads faster
(``railwatch.network.registry.columnar_from_collection``; no pickled objects).

Usage: ``python tools/build_russia.py [--output FILE]``
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import math
import os
import statistics
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

import networkx as nx
import numpy as np
from scipy.sparse import lil_matrix
from scipy.sparse.linalg import spsolve

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = REPO_ROOT / "src" / "railwatch" / "network" / "data"
CORRIDOR = DATA_DIR / "corridor.geojson"
EXTRA_DIR = REPO_ROOT / "tools" / "corridor_extra"
DEFAULT_OUTPUT = DATA_DIR / "russia.geojson.gz"

EARTH_RADIUS_KM = 6371.0088
COORD_DIGITS = 5
# A station is misplaced when every placed neighbour is farther than this: 1 % of links are
# longer than 100 km in the raw table, nearly all because of one wrong halt (RU_STATIONS.md).
MISPLACED_KM = 100.0
# ... or when a station between two placed neighbours makes a spike: the way through it is
# over 40 km and more than three times the neighbours' own distance apart.
DETOUR_MIN_KM = 40.0
DETOUR_RATIO = 3.0
# Median straight-line gap between neighbouring stations (RU_STATIONS.md): the spacing used to
# lay out a dead-end run of stations that has no coordinates at all.
BRANCH_STEP_KM = 5.0
STATIONS_SOURCE = "https://github.com/MichaelODeli/railway_materials"
ADJACENCY_NOTE = "adjacency: Russian Railways tariff guide No. 4, book 1"
# Defaults where no sourced attribute is known: the corridor's rule for single-track
# non-electrified lines (the BAM before its upgrade, 16 pairs/day) and its freight speed.
POSITION_NOTE = {
    "interpolated": "coordinates interpolated along the chain between placed neighbours "
    "(no OSM position in the station table)",
    "repaired": "coordinates interpolated along the chain between placed neighbours (the "
    f"table's position was over {MISPLACED_KM:.0f} km from every neighbour, or a spike over "
    f"{DETOUR_MIN_KM:.0f} km out and back between close neighbours: a namesake elsewhere)",
    "extrapolated": "coordinates laid out from the one placed station of a dead-end run, "
    f"{BRANCH_STEP_KM:.0f} km per station (no OSM positions on the run): approximate",
}
DEFAULT_CLASS = {
    "through": dict(tracks=1, electrified=False, capacity=16, speed_kmh=35),
    "branch": dict(tracks=1, electrified=False, capacity=8, speed_kmh=30),
}
DEFAULT_NOTE = {
    "through": (
        "tracks, electrified, capacity and speed_kmh are defaults for a through line with no "
        "sourced figures: single track, not electrified, 16 trains/day per direction (the BAM "
        "before its upgrade), 35 km/h freight average"
    ),
    "branch": (
        "tracks, electrified, capacity and speed_kmh are defaults for a branch (a dead-end line) "
        "with no sourced figures: single track, not electrified, 8 trains/day per direction "
        "(half the through-line default), 30 km/h"
    ),
}


def log(message: str) -> None:
    print(f"build_russia: {message}", file=sys.stderr)


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (lon, lat) points in km."""
    lon1, lat1, lon2, lat2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, h)))


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


# ----------------------------------------------------------------------------- stations


def station_graph(stations, adjacency) -> tuple[nx.Graph, dict[str, dict]]:
    """The undirected graph of listed neighbours and a record per station in it."""
    graph = nx.Graph()
    for a, b in zip(adjacency["from_esr"], adjacency["to_esr"], strict=True):
        if a and b and a != b:
            graph.add_edge(a, b)
    table = stations.set_index("esr")
    names: dict[str, str] = {}
    for column_esr, column_name in (("from_esr", "from_name"), ("to_esr", "to_name")):
        names.update(zip(adjacency[column_esr], adjacency[column_name], strict=True))
    records = {}
    for esr in graph.nodes:
        row = table.loc[esr] if esr in table.index else None
        point = None
        if row is not None and not (math.isnan(row["lat"]) or math.isnan(row["lon"])):
            point = (float(row["lon"]), float(row["lat"]))
        records[esr] = {
            "name_ru": (row["name"] if row is not None else names.get(esr, esr)) or esr,
            "region": row["region"] if row is not None else "",
            "railway": row["railway"] if row is not None else "",
            "country": (row["iso3166"][:2] if row is not None and row["iso3166"] else "RU"),
            "point": point,
            "in_table": row is not None,
        }
    return graph, records


def apply_sourced_points(records: dict[str, dict]) -> dict[str, str]:
    """Put the stations of station_points.csv at their sourced positions; esr -> source."""
    sources = {}
    for row in read_csv(EXTRA_DIR / "station_points.csv"):
        esr = row["esr"]
        if esr not in records:
            raise SystemExit(f"build_russia: station_points.csv names {esr}, not in the network")
        if not row["source"].startswith("https://"):
            raise SystemExit(f"build_russia: station_points.csv row {esr} has no https source")
        records[esr]["point"] = (float(row["lon"]), float(row["lat"]))
        sources[esr] = row["source"]
    return sources


def misplaced_stations(graph: nx.Graph, records: dict[str, dict]) -> list[str]:
    """Stations whose every placed neighbour is farther than MISPLACED_KM."""
    bad = []
    for esr, rec in records.items():
        if rec["point"] is None:
            continue
        gaps = [
            haversine_km(rec["point"], records[n]["point"])
            for n in graph[esr]
            if records[n]["point"] is not None
        ]
        if gaps and min(gaps) > MISPLACED_KM:
            bad.append(esr)
        elif len(gaps) == 2 and sum(gaps) > DETOUR_MIN_KM:
            # a spike: the line goes out to this station and straight back
            a, b = (records[n]["point"] for n in graph[esr] if records[n]["point"] is not None)
            if sum(gaps) > DETOUR_RATIO * haversine_km(a, b) + 5.0:
                bad.append(esr)
    return sorted(bad)


def interpolate_positions(graph: nx.Graph, records: dict[str, dict]) -> dict[str, str]:
    """Place every unplaced station; returns how each was placed.

    A run of unplaced stations between two or more placed ones: each at the mean of its
    neighbours (a sparse linear solve; on a plain chain the even split by stations). A dead-end
    run hanging off one placed station: extrapolated away from that station's other neighbours
    at the median station spacing. Runs touching no placed station stay unplaced ("orphan").
    """
    free = sorted(e for e, r in records.items() if r["point"] is None)
    how: dict[str, str] = {}
    solve: list[str] = []
    placed = {e for e, r in records.items() if r["point"] is not None}
    components = sorted(nx.connected_components(graph.subgraph(free)), key=min)
    for component in components:
        anchors = {n for c in component for n in graph[c] if n in placed}
        if not anchors:
            how.update(dict.fromkeys(component, "orphan"))
        elif len(anchors) == 1:
            extrapolate_branch(graph, records, placed, next(iter(anchors)), component)
            how.update(dict.fromkeys(component, "extrapolated"))
        else:
            solve.extend(component)
            how.update(dict.fromkeys(component, "interpolated"))
    index = {e: i for i, e in enumerate(sorted(solve))}
    matrix = lil_matrix((len(index), len(index)))
    rhs = np.zeros((len(index), 2))
    for e, i in index.items():
        matrix[i, i] = graph.degree(e)
        for n in graph[e]:
            if n in index:
                matrix[i, index[n]] -= 1.0
            else:
                rhs[i] += records[n]["point"]
    if index:
        solved = spsolve(matrix.tocsr(), rhs)
        for e, i in index.items():
            records[e]["point"] = (float(solved[i, 0]), float(solved[i, 1]))
    return how


def extrapolate_branch(
    graph: nx.Graph, records: dict, placed: set[str], anchor: str, component: set
) -> None:
    """Lay a dead-end run out from its one placed station, BRANCH_STEP_KM per station."""
    ax, ay = records[anchor]["point"]
    others = [records[n]["point"] for n in graph[anchor] if n in placed]
    dx, dy = (
        (ax - np.mean([p[0] for p in others]), ay - np.mean([p[1] for p in others]))
        if (others)
        else (1.0, 0.0)
    )
    norm = math.hypot(dx * math.cos(math.radians(ay)), dy) or 1.0
    step_deg = BRANCH_STEP_KM / 111.195
    ux, uy = dx / norm * step_deg, dy / norm * step_deg
    hops = nx.single_source_shortest_path_length(graph.subgraph(component | {anchor}), anchor)
    for esr in component:
        records[esr]["point"] = (ax + ux * hops[esr], ay + uy * hops[esr])


def transliterate(text: str) -> str:
    """English spelling of a Russian station name (Wikipedia scheme, as English outlets use)."""
    import iuliia

    return iuliia.WIKIPEDIA.translate(text)


# ----------------------------------------------------------------------------- corridor


def corridor_features() -> dict[str, dict[str, dict]]:
    fc = json.loads(CORRIDOR.read_text(encoding="utf-8"))
    out: dict[str, dict[str, dict]] = {"node": {}, "section": {}, "structure": {}}
    for feat in fc["features"]:
        out[feat["properties"]["type"]][feat["properties"]["id"]] = feat
    return out


def chain_km(graph: nx.Graph, records: dict, path: list[str]) -> float:
    return sum(
        haversine_km(records[a]["point"], records[b]["point"])
        for a, b in zip(path, path[1:], strict=False)
    )


def corridor_chains(
    graph: nx.Graph, records: dict, corridor: dict, esr_of: dict[str, str]
) -> tuple[dict[str, list[str]], dict[str, tuple[str, str]]]:
    """Corridor section id -> the chain of ESR stations it follows in the national graph, and
    for a section that ends across water or a border, the (landing station, far end) of the
    link that completes it."""
    routes = {row["section"]: row for row in read_csv(EXTRA_DIR / "esr_routes.csv")}

    def weight(a, b, _data):
        return haversine_km(records[a]["point"], records[b]["point"])

    chains, links = {}, {}
    for sid, feat in sorted(corridor["section"].items()):
        props = feat["properties"]
        route = routes.get(sid, {})
        start = route.get("from_esr") or esr_of.get(props["from"])
        end = route.get("to_esr") or esr_of.get(props["to"])
        if not start or not end:
            continue
        if route.get("link_at"):
            links[sid] = (route["link_at"], end)
            end = route["link_at"]
        stops = [start, *[v for v in route.get("via_esr", "").split(";") if v], end]
        path = [start]
        try:
            for a, b in zip(stops, stops[1:], strict=False):
                path += nx.shortest_path(graph, a, b, weight=weight)[1:]
        except nx.NetworkXNoPath:
            continue  # e.g. Crimea: joined by the bridge link added below
        chains[sid] = path
    return chains, links


def correction_factor(corridor: dict, chains: dict, graph, records) -> tuple[float, int]:
    """Median ratio of published (not derived) corridor lengths to their chains' geodesic km."""
    ratios = []
    for sid, path in chains.items():
        props = corridor["section"][sid]["properties"]
        if "length_km" in props["derived_fields"] or len(path) < 3:
            continue
        ratios.append(props["length_km"] / chain_km(graph, records, path))
    return round(statistics.median(ratios), 3), len(ratios)


# ----------------------------------------------------------------------------- features


def rounded(point: tuple[float, float]) -> list[float]:
    return [round(point[0], COORD_DIGITS), round(point[1], COORD_DIGITS)]


def node_features(graph, records, placed_how, corridor, node_of_esr) -> list[dict]:
    features = []
    for esr in sorted(records):
        rec = records[esr]
        props: dict = {
            "type": "node",
            "id": esr,
            "name": transliterate(rec["name_ru"]),
            "name_ru": rec["name_ru"],
            "kind": "junction" if graph.degree(esr) >= 3 else "station",
            "country": rec["country"],
            "region": rec["region"],
            "railway": rec["railway"],
            "source": STATIONS_SOURCE,
        }
        cid = node_of_esr.get(esr)
        if cid:
            cprops = corridor["node"][cid]["properties"]
            props["corridor_node"] = cid
            names = {cprops["name"], cprops["name_ru"], *cprops.get("aliases", [])}
            names |= {n.split(" (")[0] for n in names}  # 'Tikhoretsk (Tikhoretskaya)'
            props["aliases"] = sorted(names - {props["name"], props["name_ru"]})
            for key in ("capacity", "transshipment_capacity"):
                if key in cprops:
                    props[key] = cprops[key]
            if cprops.get("kind") in {"border_crossing", "port"}:
                props["kind"] = cprops["kind"]
        how = placed_how.get(esr)
        if how == "sourced":  # a published position: flagged with its source, not derived
            props["position"] = how
            props["position_source"] = rec["point_source"]
        elif how:
            props["position"] = how
            props["derived_fields"] = ["coordinates"]
            props["assumption"] = POSITION_NOTE[how]
        features.append(
            {
                "type": "Feature",
                "properties": props,
                "geometry": {"type": "Point", "coordinates": rounded(rec["point"])},
            }
        )
    return features


def section_id(a: str, b: str) -> str:
    return "-".join(sorted((a, b)))


def line_classes(graph: nx.Graph) -> dict[tuple[str, str], str]:
    """'through' for links on the 2-core (a way on at both ends), else 'branch'."""
    core = set(nx.k_core(graph, 2))
    return {
        tuple(sorted((a, b))): "through" if a in core and b in core else "branch"
        for a, b in graph.edges
    }


def section_features(graph, records, corridor, chains, factor, n_ratios) -> list[dict]:
    classes = line_classes(graph)
    on_corridor: dict[tuple[str, str], str] = {}
    for sid, path in sorted(chains.items()):
        for a, b in zip(path, path[1:], strict=False):
            on_corridor.setdefault(tuple(sorted((a, b))), sid)
    scale: dict[str, float] = {}
    for sid, path in chains.items():
        props = corridor["section"][sid]["properties"]
        if "length_km" not in props["derived_fields"] and chain_km(graph, records, path) > 0:
            scale[sid] = props["length_km"] / chain_km(graph, records, path)
    factor_note = (
        f"length_km derived: geodesic length between the two stations x {factor} (median ratio "
        f"of published corridor km-post lengths to the station chains they follow, "
        f"{n_ratios} sections)"
    )
    features = []
    for a, b in sorted(tuple(sorted(e)) for e in graph.edges):
        pa, pb = records[a]["point"], records[b]["point"]
        geo_km = haversine_km(pa, pb)
        sid = on_corridor.get((a, b))
        notes = []
        if sid:
            cprops = corridor["section"][sid]["properties"]
            attrs = {k: cprops[k] for k in ("tracks", "electrified", "capacity", "speed_kmh")}
            line, source = cprops["line"], cprops["source"]
            derived = sorted(
                set(cprops["derived_fields"]) & {"tracks", "electrified", "capacity", "speed_kmh"}
            )
            notes.append(f"attributes of corridor section {sid}")
            if sid in scale:
                length = geo_km * scale[sid]
                notes.append(
                    f"length_km derived: its share of the published {cprops['length_km']} km "
                    f"of {sid}, split by geodesic length"
                )
            else:
                length = geo_km * factor
                notes.append(factor_note)
            if derived:
                notes.append(f"derived in the corridor: {', '.join(derived)}")
        else:
            klass = classes[(a, b)]
            attrs = dict(DEFAULT_CLASS[klass])
            line, source = klass, STATIONS_SOURCE
            derived = ["capacity", "electrified", "speed_kmh", "tracks"]
            length = geo_km * factor
            notes += [DEFAULT_NOTE[klass], factor_note]
        props = {
            "type": "section",
            "id": section_id(a, b),
            "from": a,
            "to": b,
            "line": line,
            "length_km": round(max(length, 0.5), 2),
            **attrs,
            "gauge": "1520",
            "source": f"{source} | {STATIONS_SOURCE}" if sid else source,
            "assumption": "; ".join(notes),
            "derived_fields": sorted({"length_km", *derived}),
        }
        if length < 0.5:
            props["assumption"] += "; length floored at 0.5 km (stations placed together)"
        if sid:
            props["corridor_section"] = sid
        features.append(
            {
                "type": "Feature",
                "properties": props,
                "geometry": {"type": "LineString", "coordinates": [rounded(pa), rounded(pb)]},
            }
        )
    return features


def link_features(corridor, esr_of, records, chains, links, factor) -> tuple[list, list]:
    """Sections the tariff guide does not list (borders, the Crimean Bridge), taken from the
    corridor, and the foreign nodes they reach."""
    nodes: dict[str, dict] = {}
    sections = []
    for sid, feat in sorted(corridor["section"].items()):
        if sid in chains and sid not in links:
            continue
        props = dict(feat["properties"])
        ends = list(links.get(sid, (props["from"], props["to"])))
        for k, end in enumerate(ends):
            cid = end if end in corridor["node"] else None
            if cid and cid in esr_of:
                ends[k] = esr_of[cid]
            elif cid:
                nodes.setdefault(cid, corridor["node"][cid])
        points = [
            records[e]["point"] if e in records else nodes[e]["geometry"]["coordinates"]
            for e in ends
        ]
        if sid in links:
            props["length_km"] = round(haversine_km(points[0], points[1]) * factor, 2)
            props["assumption"] = (
                f"the link of corridor section {sid} from {ends[0]} (its chain ends there); "
                f"length_km derived: geodesic length x {factor}; " + (props["assumption"] or "")
            )
            props["derived_fields"] = sorted({"length_km", *props["derived_fields"]})
            props["id"] = f"{sid}:link"
        props.update({"from": ends[0], "to": ends[1], "corridor_section": sid})
        for key in ("waypoints", "replaces"):
            props.pop(key, None)
        sections.append(
            {
                "type": "Feature",
                "properties": props,
                "geometry": {"type": "LineString", "coordinates": [rounded(p) for p in points]},
            }
        )
    return list(nodes.values()), sections


def structure_features(corridor, chains, sections_by_id, links) -> list[dict]:
    """Corridor structures moved onto the national section of their chain nearest to them."""
    by_corridor: dict[str, list[str]] = defaultdict(list)
    for sid, path in chains.items():
        by_corridor[sid] += [section_id(a, b) for a, b in zip(path, path[1:], strict=False)]
    for feat in links:
        by_corridor[feat["properties"]["corridor_section"]].append(feat["properties"]["id"])
    placed = {r["structure"]: r["section"] for r in read_csv(EXTRA_DIR / "esr_structures.csv")}
    out = []
    for tid, feat in sorted(corridor["structure"].items()):
        props = dict(feat["properties"])
        point = feat["geometry"]["coordinates"]

        def distance(sid, point=point):
            coords = sections_by_id[sid]["geometry"]["coordinates"]
            (x0, y0), (x1, y1) = coords[0], coords[-1]
            samples = [(x0 + (x1 - x0) * t / 4, y0 + (y1 - y0) * t / 4) for t in range(5)]
            return min(haversine_km(point, c) for c in samples)

        props["corridor_section"] = props["section"]
        props["section"] = placed.get(tid) or min(by_corridor[props["section"]], key=distance)
        out.append({"type": "Feature", "properties": props, "geometry": feat["geometry"]})
    return out


# ----------------------------------------------------------------------------- output


def render(collection: dict) -> bytes:
    """One feature per line, keys sorted, gzip without name or time: same input, same bytes."""
    lines = [
        json.dumps(f, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        for f in collection["features"]
    ]
    head = {k: v for k, v in collection.items() if k != "features"}
    text = (
        json.dumps(head, ensure_ascii=False, sort_keys=True)[:-1]
        + ', "features": [\n'
        + ",\n".join(lines)
        + "\n]}\n"
    )
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=9, mtime=0, filename="") as gz:
        gz.write(text.encode("utf-8"))
    return buffer.getvalue()


def columnar_path_for(geojson: Path) -> Path:
    """`russia.geojson.gz` -> `russia.npz` in the same folder."""
    stem = geojson.name.removesuffix(".gz").removesuffix(".geojson")
    return geojson.with_name(f"{stem}.npz")


def write_atomically(path: Path, payload: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def placed_stations(say=log) -> tuple[nx.Graph, dict[str, dict], dict[str, str]]:
    """The station graph with every station placed, and how each unplaced one was placed."""
    sys.path.insert(0, str(REPO_ROOT / "src"))
    from railwatch.network.stations import load_adjacency, load_stations

    stations, adjacency = load_stations(), load_adjacency()
    graph, records = station_graph(stations, adjacency)
    say(f"{len(records):,} stations on {graph.number_of_edges():,} listed links")
    say(f"{sum(not r['in_table'] for r in records.values())} stations only in the adjacency list")
    sourced = apply_sourced_points(records)
    for esr, source in sourced.items():
        records[esr]["point_source"] = source
    say(f"{len(sourced)} stations placed from sourced positions (station_points.csv)")
    missing = [e for e, r in records.items() if r["point"] is None]
    bad = [e for e in misplaced_stations(graph, records) if e not in sourced]
    for esr in bad:
        records[esr]["point"] = None
    say(f"{len(missing):,} stations without coordinates, {len(bad)} with wrong coordinates")
    placed_how = interpolate_positions(graph, records)
    for esr in bad:
        placed_how[esr] = "repaired" if placed_how[esr] == "interpolated" else placed_how[esr]
    placed_how.update(dict.fromkeys(sourced, "sourced"))
    for kind in ("interpolated", "repaired", "extrapolated", "sourced"):
        say(f"{sum(h == kind for h in placed_how.values()):,} stations {kind}")
    orphans = sorted(e for e, h in placed_how.items() if h == "orphan")
    if orphans:
        say(f"{len(orphans)} stations dropped: no station of their part has coordinates")
        graph.remove_nodes_from(orphans)
        for esr in orphans:
            records.pop(esr)
            placed_how.pop(esr)
    long_links = sum(
        haversine_km(records[a]["point"], records[b]["point"]) > MISPLACED_KM
        for a, b in graph.edges
    )
    say(f"{long_links} links still longer than {MISPLACED_KM:.0f} km after repair")
    return graph, records, placed_how


def esr_mapping(records: dict) -> dict[str, str]:
    """Corridor node id -> ESR code (esr.csv), checked against the placed stations."""
    esr_of = {row["corridor_node"]: row["esr"] for row in read_csv(EXTRA_DIR / "esr.csv")}
    unknown = sorted(c for c, e in esr_of.items() if e not in records)
    if unknown:
        raise SystemExit(f"build_russia: esr.csv maps {unknown} to stations not in the network")
    return esr_of


def build_collection() -> dict:
    """The national FeatureCollection, with the build log on stderr."""
    graph, records, placed_how = placed_stations()
    from railwatch.network.stations import ATTRIBUTION

    corridor = corridor_features()
    esr_of = esr_mapping(records)
    node_of_esr = {e: c for c, e in esr_of.items()}
    chains, link_ends = corridor_chains(graph, records, corridor, esr_of)
    factor, n_ratios = correction_factor(corridor, chains, graph, records)
    log(f"length correction factor {factor} (median over {n_ratios} published corridor lengths)")

    nodes = node_features(graph, records, placed_how, corridor, node_of_esr)
    sections = section_features(graph, records, corridor, chains, factor, n_ratios)
    foreign, links = link_features(corridor, esr_of, records, chains, link_ends, factor)
    log(
        f"{len(links)} links added from the corridor: {', '.join(f['properties']['id'] for f in links)}"
    )
    sections_by_id = {f["properties"]["id"]: f for f in sections + links}
    structures = structure_features(corridor, chains, sections_by_id, links)
    components = list(nx.connected_components(graph))
    log(
        f"{len(components)} components before links: "
        + ", ".join(str(len(c)) for c in sorted(components, key=len, reverse=True))
    )
    return {
        "type": "FeatureCollection",
        "name": "russia",
        "attribution": ATTRIBUTION,
        "length_correction_factor": factor,
        "features": nodes + foreign + sections + links + structures,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    collection = build_collection()
    payload = render(collection)
    write_atomically(args.output, payload)
    from railwatch.network.registry import columnar_from_collection  # src on sys.path now

    # Built from the written GeoJSON as read back, so both files give the same tables.
    columnar = columnar_from_collection(json.loads(gzip.decompress(payload)))
    columnar_path = columnar_path_for(args.output)
    write_atomically(columnar_path, columnar)
    counts = defaultdict(int)
    for feat in collection["features"]:
        counts[feat["properties"]["type"]] += 1
    print(
        f"wrote {args.output}: {counts['node']:,} nodes, {counts['section']:,} sections, "
        f"{counts['structure']} structures, {len(payload):,} bytes; "
        f"{columnar_path}: {len(columnar):,} bytes"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
