"""Build the embedded `corridor` network (GeoJSON) from the reference CSVs plus our own extras.

Inputs
------
* ``--reference`` (default ``tools/reference``, the project's copy of the shared reference
  tables, see its README): the sourced ``corridor_nodes.csv``, ``corridor_sections.csv`` and
  ``corridor_structures.csv``.
* ``--extra`` (default ``tools/corridor_extra``): facts sourced for this build, same columns where
  possible. A row whose id already exists *amends* the reference row (non-empty cells replace,
  ``source`` and ``assumption`` are appended, ``aliases`` are merged); other rows are new features.
  ``places.csv`` holds sourced town coordinates used as waypoints (``via``), ``replaced.csv`` lists
  reference sections dropped in favour of finer ones.

Every number either comes from a source or is derived by one of the stated rules below, and then
the rule is written into the feature's ``assumption`` and its field name into ``derived_fields``.
The output is deterministic: same inputs, same bytes.

Usage: ``python tools/build_corridor.py [--reference DIR] [--extra DIR] [--output FILE]``
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import re
import statistics
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_REFERENCE = REPO_ROOT / "tools" / "reference"
DEFAULT_EXTRA = REPO_ROOT / "tools" / "corridor_extra"
DEFAULT_OUTPUT = REPO_ROOT / "src" / "railwatch" / "network" / "data" / "corridor.geojson"

EARTH_RADIUS_KM = 6371.0088
COORD_DIGITS = 5

# Capacity rule, trains per day per direction, keyed by (double track?, electrified?).
# Anchors: 72 = the published freight pairs on the double-track electrified line to the Nakhodka
# ports; 20 = pre-upgrade figures (19-20 pairs) on single-track electrified western BAM stretches;
# 16 = the whole BAM (single track, mostly diesel) before the 2014 upgrade programme.
CAPACITY_RULE = {
    (True, True): (
        72,
        "double-track electrified main line ~72 trains/day per direction "
        "(anchored on the published 72 freight pairs/day to the Nakhodka ports)",
    ),
    (True, False): (
        48,
        "double-track non-electrified line ~48 trains/day per direction "
        "(two thirds of the electrified rule, for diesel traction)",
    ),
    (False, True): (
        20,
        "single-track electrified line ~20 trains/day per direction "
        "(pre-upgrade single-track western BAM stretches: 19-20 pairs/day)",
    ),
    (False, False): (
        16,
        "single-track non-electrified line ~16 trains/day per direction "
        "(the BAM before the 2014 upgrade: 16 pairs/day)",
    ),
}
# A line's tonnage capacity, where published, replaces the rule: 1 Mt/yr ~ 1 train/day per direction,
# from the Severomuysky tunnel's published 16 pairs/day ~ 16 Mt/yr.
MT_PER_TRAIN_PER_DAY = 1.0

SPEED_RULE_DOUBLE = (
    40,
    "double-track main line ~40 km/h average for freight (container block "
    "trains cover ~900 km/day on the Trans-Siberian)",
)
SPEED_RULE_SINGLE = (
    35,
    "single-track line ~35 km/h average for freight (the only passenger train "
    "Komsomolsk-Tynda averages ~39 km/h)",
)
SPEED_RULE_BORDER = (20, "dual-gauge border link ~20 km/h (border and gauge handling)")

# A station chain more than this much longer than the published (or waypoint) length has a
# station the national tables still misplace: the section keeps its waypoint line.
CHAIN_TOLERANCE = 1.2

NUMBER_RE = re.compile(r"^\s*(-?\d+(?:\.\d+)?)")


class BuildError(Exception):
    """Raised with every problem found, so the user fixes them all in one go."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


# ----------------------------------------------------------------------------- reading inputs


def read_csv(path: Path) -> list[dict[str, str]]:
    """Rows of a UTF-8 CSV as dicts with stripped cells; a missing file gives no rows."""
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            {key.strip(): (value or "").strip() for key, value in row.items() if key}
            for row in csv.DictReader(handle)
        ]


def split_list(text: str) -> list[str]:
    """`a; b | c` -> ['a', 'b', 'c'] (semicolons separate names, ' | ' separates URLs)."""
    parts = re.split(r"\s*;\s*|\s+\|\s+", text or "")
    return [part for part in (p.strip() for p in parts) if part]


def join_unique(*texts: str, sep: str) -> str:
    """Join several `sep`-separated strings, dropping empty items and repeats, keeping order."""
    items: list[str] = []
    for text in texts:
        for item in (text or "").split(sep):
            item = item.strip()
            if item and item not in items:
                items.append(item)
    return sep.join(items)


def merge_rows(
    reference: list[dict[str, str]], extra: list[dict[str, str]], where: str
) -> dict[str, dict[str, str]]:
    """Reference rows by id, amended or extended by the extra rows (see module docstring)."""
    merged: dict[str, dict[str, str]] = {}
    problems = []
    for row in reference:
        if row["id"] in merged:
            problems.append(f"{where}: duplicate reference id {row['id']!r}")
        merged[row["id"]] = dict(row)
    for line, row in enumerate(extra, start=2):
        rid = row.get("id", "")
        if not rid:
            problems.append(f"{where} extra line {line}: id is empty")
            continue
        target = merged.setdefault(rid, {})
        for key, value in row.items():
            if not value:
                continue
            if key == "source":
                target[key] = join_unique(target.get(key, ""), value, sep=" | ")
            elif key == "assumption":
                target[key] = join_unique(target.get(key, ""), value, sep="; ")
            elif key == "aliases":
                target[key] = "; ".join(
                    dict.fromkeys(split_list(target.get(key, "")) + split_list(value))
                )
            else:
                target[key] = value
    if problems:
        raise BuildError(problems)
    return merged


def rewrite_sources(text: str, rules: list[tuple[re.Pattern, str, str]]) -> str:
    """Mirrors replaced by the page they copy; search-result pages dropped when another source
    remains. Rules come from ``source_rules.csv`` (pattern, replacement, kind)."""
    kept: list[str] = []
    dropped: list[str] = []
    for url in (u.strip() for u in (text or "").split(" | ") if u.strip()):
        for pattern, replacement, kind in rules:
            if pattern.match(url):
                if kind == "search" or not replacement:
                    dropped.append(url)
                    url = ""
                else:
                    url = pattern.sub(replacement, url)
                break
        if url and url not in kept:
            kept.append(url)
    return " | ".join(kept or dropped)


def weak_sources(collection: dict, hosts: set[str]) -> tuple[int, int]:
    """(features citing a known mirror, content farm or search page, how many such URLs)."""
    features = urls = 0
    for feat in collection["features"]:
        weak = [
            u
            for u in feat["properties"]["source"].split(" | ")
            if re.sub(r"^https?://", "", u).split("/")[0].removeprefix("www.") in hosts
        ]
        features += bool(weak)
        urls += len(weak)
    return features, urls


def parse_number(text: str) -> float | None:
    """Leading number of a cell ('100 (design)' -> 100.0); None when the cell has no number."""
    match = NUMBER_RE.match(text or "")
    return float(match.group(1)) if match else None


def parse_bool(text: str) -> bool | None:
    value = (text or "").strip().lower()
    if value in {"true", "yes", "1"}:
        return True
    if value in {"false", "no", "0"}:
        return False
    return None


def tidy_number(value: float, digits: int = 1) -> int | float:
    """Round for output; integral values become ints so the file reads naturally."""
    rounded = round(float(value), digits)
    return int(rounded) if rounded.is_integer() else rounded


# ----------------------------------------------------------------------------- geometry


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (lon, lat) points in km."""
    lon1, lat1, lon2, lat2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def polyline_km(points: list[tuple[float, float]]) -> float:
    return sum(haversine_km(p, q) for p, q in zip(points, points[1:], strict=False))


def point_along(points: list[tuple[float, float]], fraction: float) -> tuple[float, float]:
    """The point at `fraction` (0..1) of the polyline's length, interpolated linearly per leg."""
    target = polyline_km(points) * min(max(fraction, 0.0), 1.0)
    walked = 0.0
    for p, q in zip(points, points[1:], strict=False):
        leg = haversine_km(p, q)
        if walked + leg >= target and leg > 0:
            t = (target - walked) / leg
            return (p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t)
        walked += leg
    return points[-1]


def rounded_point(point: tuple[float, float]) -> list[float]:
    return [round(point[0], COORD_DIGITS), round(point[1], COORD_DIGITS)]


# ----------------------------------------------------------------------------- features


def build_nodes(rows: dict[str, dict[str, str]]) -> tuple[list[dict], list[str]]:
    features, problems = [], []
    for nid in sorted(rows):
        row = rows[nid]
        where = f"node {nid}"
        lat, lon = parse_number(row.get("lat", "")), parse_number(row.get("lon", ""))
        if lat is None or lon is None:
            problems.append(f"{where}: lat/lon missing")
            continue
        for key in ("name", "kind", "country", "source"):
            if not row.get(key):
                problems.append(f"{where}: {key} is empty")
        assumption = row.get("assumption") or None
        if "PLACEHOLDER" in row.get("coord_precision", "").upper() and not assumption:
            problems.append(f"{where}: placeholder coordinates need an assumption note")
        aliases = [
            a
            for a in split_list(row.get("aliases", ""))
            if a not in (row.get("name"), row.get("name_ru"))
        ]
        props: dict = {
            "type": "node",
            "id": nid,
            "name": row.get("name", ""),
            "name_ru": row.get("name_ru", ""),
            "kind": row.get("kind", ""),
            "country": row.get("country", ""),
            "aliases": aliases,
            "source": row.get("source", ""),
        }
        derived = []
        for key in ("capacity", "transshipment_capacity"):
            value = parse_number(row.get(key, ""))
            if value is not None:
                props[key] = tidy_number(value)
                if assumption and key in assumption:
                    derived.append(key)
        if (
            "DERIVED" in row.get("coord_precision", "").upper()
            or "PLACEHOLDER" in row.get("coord_precision", "").upper()
        ):
            derived.append("coordinates")
        for key in ("coord_precision", "km_post", "lines", "notes"):
            if row.get(key):
                props[key] = row[key]
        if assumption:
            props["assumption"] = assumption
        if derived:
            props["derived_fields"] = derived
        features.append(
            {
                "type": "Feature",
                "properties": props,
                "geometry": {"type": "Point", "coordinates": rounded_point((lon, lat))},
            }
        )
    return features, problems


def section_points(
    row: dict[str, str], nodes: dict[str, tuple[float, float]], places: dict[str, dict[str, str]]
) -> tuple[list[tuple[float, float]], list[str], list[str], list[str]]:
    """Polyline of a section (from node, waypoints, to node), the waypoint names, their sources,
    and problems. A waypoint is a place id or a schematic ``@lat/lon``."""
    points, names, sources, problems = [nodes[row["from"]]], [], [], []
    for token in split_list(row.get("via", "")):
        if token.startswith("@"):
            lat, _, lon = token[1:].partition("/")
            points.append((float(lon), float(lat)))
            names.append(f"schematic point {lat}/{lon}")
        elif token in places:
            place = places[token]
            points.append((float(place["lon"]), float(place["lat"])))
            names.append(place["name"])
            sources.append(place["source"])
        else:
            problems.append(f"section {row['id']}: via refers to unknown place {token!r}")
    points.append(nodes[row["to"]])
    return points, names, sources, problems


@dataclass
class StationChains:
    """Corridor sections laid on the national station chains: the station points each follows,
    how many stations, and the length factor measured on them."""

    points: dict[str, list[tuple[float, float]]]
    stations: dict[str, int]
    factor: float
    n_ratios: int
    rejected: list[str]


def station_chains(rows: dict[str, dict[str, str]]) -> StationChains:
    """Follow each corridor section along the national station chain (tools/build_russia.py:
    the shipped ESR tables, stations placed, routes from corridor_extra/esr*.csv)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import build_russia

    graph, records, _ = build_russia.placed_stations(say=lambda _message: None)
    esr_of = build_russia.esr_mapping(records)
    shaped = {"section": {sid: {"properties": row} for sid, row in rows.items()}}
    chains, _ = build_russia.corridor_chains(graph, records, shaped, esr_of)
    points = {sid: [records[e]["point"] for e in path] for sid, path in chains.items()}
    ratios = []
    for sid, chain in points.items():
        length = parse_number(rows[sid].get("length_km", ""))
        basis = rows[sid].get("length_basis", "").lower()
        derived = "length_km" in rows[sid].get("assumption", "")
        if length and len(chain) > 2 and not derived and not basis.startswith(("derived", "not")):
            ratios.append(length / polyline_km(chain))
    factor = round(statistics.median(ratios), 3) if ratios else 1.0
    return StationChains(points, {s: len(p) for s, p in chains.items()}, factor, len(ratios), [])


def detour_factor(rows: dict[str, dict[str, str]], polylines: dict[str, list]) -> tuple[float, int]:
    """Median ratio of published length to waypoint-polyline length over sections that have both
    a published (not derived) length and at least one waypoint."""
    ratios = []
    for sid, row in rows.items():
        length = parse_number(row.get("length_km", ""))
        basis = row.get("length_basis", "").lower()
        points = polylines.get(sid)
        if length and points and len(points) > 2 and not basis.startswith(("derived", "not found")):
            ratios.append(length / polyline_km(points))
    if not ratios:
        return 1.2, 0
    return round(statistics.median(ratios), 3), len(ratios)


def build_sections(
    rows: dict[str, dict[str, str]],
    nodes: dict[str, tuple[float, float]],
    places: dict[str, dict[str, str]],
    replaced: dict[str, dict[str, str]],
    chains: StationChains | None = None,
) -> tuple[list[dict], list[str], float]:
    problems: list[str] = []
    polylines: dict[str, list] = {}
    extra_info: dict[str, tuple[list[str], list[str]]] = {}
    for sid in sorted(rows):
        row = rows[sid]
        missing = [end for end in ("from", "to") if row.get(end) not in nodes]
        if missing:
            problems.append(
                f"section {sid}: {', '.join(missing)} refers to an unknown node "
                f"({', '.join(repr(row.get(m)) for m in missing)})"
            )
            continue
        points, names, sources, bad = section_points(row, nodes, places)
        problems.extend(bad)
        polylines[sid] = points
        extra_info[sid] = (names, sources)
    factor, n_ratios = detour_factor(rows, polylines)
    on_chain = {}
    if chains is not None:
        for sid, stations in chains.points.items():
            if sid not in polylines:
                continue
            old_km = parse_number(rows[sid].get("length_km", "")) or (
                polyline_km(polylines[sid]) * factor
            )
            if polyline_km(stations) * chains.factor > CHAIN_TOLERANCE * old_km:
                # a station still misplaced in the national tables zigzags the chain: keep the
                # waypoint line, and say so in the build log
                chains.rejected.append(sid)
                continue
            on_chain[sid] = [polylines[sid][0], *stations, polylines[sid][-1]]
        # parallel sections (a tunnel and its bypass) are drawn the same way or not at all
        ends = {sid: frozenset((rows[sid]["from"], rows[sid]["to"])) for sid in polylines}
        for sid in list(on_chain):
            twins = [t for t in polylines if t != sid and ends[t] == ends[sid]]
            if any(t in chains.rejected for t in twins):
                chains.rejected.append(sid)
                del on_chain[sid]
        for sid, line in on_chain.items():
            polylines[sid] = line  # the real station points, corridor node to corridor node
            extra_info[sid] = ([], [])

    features = []
    for sid in sorted(polylines):
        row, points = rows[sid], polylines[sid]
        names, via_sources = extra_info[sid]
        where = f"section {sid}"
        notes: list[str] = [row["assumption"]] if row.get("assumption") else []
        derived: list[str] = []

        tracks = parse_number(row.get("tracks", ""))
        electrified = parse_bool(row.get("electrified", ""))
        if tracks is None or electrified is None:
            problems.append(f"{where}: tracks and electrified must be given (sourced or assumed)")
            continue
        assumed_text = row.get("assumption", "")
        for key in ("tracks", "electrified"):
            if key in assumed_text:
                derived.append(key)
        if sid in on_chain:
            notes.append(
                f"geometry through the {chains.stations[sid]} stations of the national network "
                "on this stretch (tools/build_russia.py), not the waypoints named above"
            )
        elif "route via" in assumed_text or "schematic" in assumed_text:
            derived.append("geometry")

        length = parse_number(row.get("length_km", ""))
        if length is None and sid in on_chain:
            length = polyline_km(points[1:-1]) * chains.factor
            notes.append(
                f"length_km derived: geodesic length of the national station chain x "
                f"{chains.factor} (median ratio of published length to station-chain length over "
                f"{chains.n_ratios} sections); not a published figure"
            )
            derived.append("length_km")
        elif length is None:
            length = polyline_km(points) * factor
            notes.append(
                f"length_km derived: geodesic length of the waypoint line x {factor} detour factor "
                f"(median ratio of published length to waypoint-line length over {n_ratios} "
                "sections); not a published figure"
            )
            derived.append("length_km")
        elif "length_km" in assumed_text:
            derived.append("length_km")
        elif row.get("length_basis", "").lower().startswith("derived"):
            notes.append(
                f"length_km derived in the reference from published figures "
                f"({row['length_basis'].split(':', 1)[-1].strip()}); not a published distance"
            )
            derived.append("length_km")

        capacity, published_pairs = None, parse_number(row.get("capacity_train_pairs_per_day", ""))
        mt_per_year = parse_number(row.get("capacity_mt_per_year", ""))
        if published_pairs is not None:
            capacity = published_pairs
        elif parse_number(row.get("capacity", "")) is not None:
            capacity = parse_number(row["capacity"])
            if "capacity" not in assumed_text:
                problems.append(f"{where}: an explicit capacity needs an assumption saying why")
            derived.append("capacity")
        else:
            capacity, rule = CAPACITY_RULE[(tracks >= 2, electrified)]
            text = f"capacity derived: {rule}"
            if mt_per_year is not None:
                # The tonnage recorded on the same section is the more specific figure, above or
                # below the track rule (the upgraded BAM carries more than its old 16 pairs).
                capacity = mt_per_year / MT_PER_TRAIN_PER_DAY
                text = (
                    f"capacity derived: published line capacity {tidy_number(mt_per_year)} "
                    "Mt/yr at 1 Mt/yr ~ 1 train/day per direction (the Severomuysky "
                    "tunnel's published 16 pairs/day ~ 16 Mt/yr), used instead of the track "
                    f"rule ({rule})"
                )
            notes.append(f"{text}; not a published figure")
            derived.append("capacity")

        speed = parse_number(row.get("speed_kmh", ""))
        if speed is None:
            if row.get("gauge") == "dual":
                speed, rule = SPEED_RULE_BORDER
            elif tracks >= 2:
                speed, rule = SPEED_RULE_DOUBLE
            else:
                speed, rule = SPEED_RULE_SINGLE
            notes.append(f"speed_kmh derived: {rule}; not a published figure")
            derived.append("speed_kmh")
        elif "speed_kmh" in assumed_text:
            derived.append("speed_kmh")

        source = join_unique(row.get("source", ""), *via_sources, sep=" | ")
        if not source:
            problems.append(f"{where}: source is empty")
        props: dict = {
            "type": "section",
            "id": sid,
            "from": row["from"],
            "to": row["to"],
            "line": row.get("line", ""),
            "length_km": tidy_number(length),
            "tracks": int(tracks),
            "electrified": electrified,
            "gauge": row.get("gauge", ""),
            "capacity": tidy_number(capacity),
            "speed_kmh": tidy_number(speed),
            "source": source,
            "assumption": "; ".join(notes) if notes else None,
            "derived_fields": sorted(set(derived)),
        }
        if published_pairs is not None:
            props["capacity_train_pairs_per_day"] = tidy_number(published_pairs)
        if mt_per_year is not None:
            props["capacity_mt_per_year"] = tidy_number(mt_per_year)
        for key in ("length_basis", "notes"):
            if row.get(key):
                props[key] = row[key]
        if row.get("speed_kmh") and not NUMBER_RE.fullmatch(row["speed_kmh"]):
            props["speed_kmh_text"] = row["speed_kmh"]
        if row.get("structures"):
            props["structures"] = split_list(row["structures"])
        props["waypoints"] = names
        if sid in on_chain:
            props["stations"] = chains.stations[sid]
        replaces = [
            old
            for old, info in sorted(replaced.items())
            if sid in split_list(info.get("replaced_by", ""))
        ]
        if replaces:
            props["replaces"] = replaces
        features.append(
            {
                "type": "Feature",
                "properties": props,
                "geometry": {
                    "type": "LineString",
                    "coordinates": [rounded_point(p) for p in points],
                },
            }
        )
    return features, problems, factor


def build_structures(
    rows: dict[str, dict[str, str]], polylines: dict[str, list]
) -> tuple[list[dict], list[str]]:
    features, problems = [], []
    for tid in sorted(rows):
        row = rows[tid]
        where = f"structure {tid}"
        section = row.get("section_id") or row.get("section", "")
        if section not in polylines:
            problems.append(f"{where}: section refers to unknown section {section!r}")
            continue
        lat, lon = parse_number(row.get("lat", "")), parse_number(row.get("lon", ""))
        fraction = parse_number(row.get("at_fraction", ""))
        if lat is not None and lon is not None:
            point = (lon, lat)
        elif fraction is not None:
            point = point_along(polylines[section], fraction)
        else:
            problems.append(f"{where}: give lat/lon or at_fraction to place it on {section}")
            continue
        if not row.get("source"):
            problems.append(f"{where}: source is empty")
        props: dict = {
            "type": "structure",
            "id": tid,
            "kind": row.get("kind", ""),
            "name": row.get("name", ""),
            "name_ru": row.get("name_ru", ""),
            "aliases": [
                a
                for a in split_list(row.get("aliases", ""))
                if a not in (row.get("name"), row.get("name_ru"))
            ],
            "section": section,
            "source": row.get("source", ""),
        }
        for key in ("length_m", "height_m", "tracks"):
            value = parse_number(row.get(key, ""))
            if value is not None:
                props[key] = tidy_number(value)
        for key in ("gauge", "opened", "if_closed", "notes"):
            if row.get(key):
                props[key] = row[key]
        if row.get("assumption"):
            props["assumption"] = row["assumption"]
            props["derived_fields"] = ["position"] if fraction is not None and lat is None else []
        features.append(
            {
                "type": "Feature",
                "properties": props,
                "geometry": {"type": "Point", "coordinates": rounded_point(point)},
            }
        )
    return features, problems


def connected_components(node_ids: list[str], sections: list[dict]) -> list[set[str]]:
    adjacency: dict[str, set[str]] = {n: set() for n in node_ids}
    for feat in sections:
        a, b = feat["properties"]["from"], feat["properties"]["to"]
        adjacency[a].add(b)
        adjacency[b].add(a)
    seen: set[str] = set()
    components = []
    for start in node_ids:
        if start in seen:
            continue
        stack, comp = [start], set()
        while stack:
            node = stack.pop()
            if node not in comp:
                comp.add(node)
                stack.extend(adjacency[node] - comp)
        seen |= comp
        components.append(comp)
    return components


def build_collection(reference_dir: Path, extra_dir: Path, follow_stations: bool = True) -> dict:
    """The corridor FeatureCollection; raises BuildError listing every problem."""
    problems = []
    for name in ("corridor_nodes.csv", "corridor_sections.csv", "corridor_structures.csv"):
        if not (reference_dir / name).exists():
            problems.append(
                f"{reference_dir / name}: reference file not found (pass --reference DIR)"
            )
    if problems:
        raise BuildError(problems)

    node_rows = merge_rows(
        read_csv(reference_dir / "corridor_nodes.csv"), read_csv(extra_dir / "nodes.csv"), "nodes"
    )
    replaced = {row["id"]: row for row in read_csv(extra_dir / "replaced.csv")}
    section_rows = merge_rows(
        read_csv(reference_dir / "corridor_sections.csv"),
        read_csv(extra_dir / "sections.csv"),
        "sections",
    )
    for old in replaced:
        if old not in section_rows:
            problems.append(f"replaced.csv: {old!r} is not a reference section")
        section_rows.pop(old, None)
    structure_rows = merge_rows(
        read_csv(reference_dir / "corridor_structures.csv"),
        read_csv(extra_dir / "structures.csv"),
        "structures",
    )
    places = {row["id"]: row for row in read_csv(extra_dir / "places.csv")}

    rules = [
        (re.compile(row["pattern"]), row["replacement"], row["kind"])
        for row in read_csv(extra_dir / "source_rules.csv")
    ]
    for table in (node_rows, section_rows, structure_rows, places):
        for row in table.values():
            row["source"] = rewrite_sources(row.get("source", ""), rules)

    nodes, node_problems = build_nodes(node_rows)
    problems += node_problems
    node_points = {f["properties"]["id"]: tuple(f["geometry"]["coordinates"]) for f in nodes}
    chains = station_chains(section_rows) if follow_stations else None
    sections, section_problems, _ = build_sections(
        section_rows, node_points, places, replaced, chains
    )
    if chains is not None:
        followed = sum("stations" in f["properties"] for f in sections)
        print(
            f"stations: {followed} sections follow the national station chains; kept on their "
            f"waypoint line (chain over {CHAIN_TOLERANCE} x their length, or a parallel twin "
            "kept): "
            f"{', '.join(sorted(chains.rejected)) or 'none'}"
        )
    problems += section_problems
    polylines = {
        f["properties"]["id"]: [tuple(c) for c in f["geometry"]["coordinates"]] for f in sections
    }
    structures, structure_problems = build_structures(structure_rows, polylines)
    problems += structure_problems

    ids = [f["properties"]["id"] for f in nodes + sections + structures]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        problems.append(f"ids used twice across nodes/sections/structures: {duplicates}")
    if not problems:
        components = connected_components(sorted(node_points), sections)
        if len(components) > 1:
            small = sorted(sorted(c) for c in components if len(c) < max(map(len, components)))
            problems.append(f"network is not connected; detached parts: {small}")
    if problems:
        raise BuildError(problems)
    return {
        "type": "FeatureCollection",
        "name": "corridor",
        "features": nodes + sections + structures,
    }


def render(collection: dict) -> str:
    """Stable, readable text: one feature per three lines, keys sorted, UTF-8 kept."""

    def dump(value) -> str:
        return json.dumps(value, ensure_ascii=False, sort_keys=True)

    parts = []
    for feat in collection["features"]:
        parts.append(
            '{"type": "Feature",\n "properties": '
            + dump(feat["properties"])
            + ',\n "geometry": '
            + dump(feat["geometry"])
            + "}"
        )
    return (
        '{"type": "FeatureCollection",\n"name": '
        + dump(collection["name"])
        + ',\n"features": [\n'
        + ",\n".join(parts)
        + "\n]}\n"
    )


def write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def summary(collection: dict) -> str:
    kinds: dict[str, int] = {}
    km = 0.0
    for feat in collection["features"]:
        kind = feat["properties"]["type"]
        kinds[kind] = kinds.get(kind, 0) + 1
        if kind == "section":
            km += feat["properties"]["length_km"]
    return (
        f"{kinds.get('node', 0)} nodes, {kinds.get('section', 0)} sections "
        f"({km:,.0f} km), {kinds.get('structure', 0)} structures"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE)
    parser.add_argument("--extra", type=Path, default=DEFAULT_EXTRA)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    try:
        collection = build_collection(args.reference, args.extra)
    except BuildError as exc:
        for problem in exc.problems:
            print(f"build_corridor: {problem}", file=sys.stderr)
        return 1
    write_atomically(args.output, render(collection))
    print(f"wrote {args.output}: {summary(collection)}")
    hosts = {row["host"] for row in read_csv(args.extra / "weak_hosts.csv")}
    features, urls = weak_sources(collection, hosts)
    print(
        f"sources: {urls} URLs on {features} features still point at a mirror, content farm or "
        "search page with no primary page found (hosts in corridor_extra/weak_hosts.csv)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
