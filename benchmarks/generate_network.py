"""Synthetic national-scale rail-like networks in the railwatch GeoJSON format.

Junctions are scattered over a square; each is joined to a few near neighbours
(a sparse planar-ish graph with junction degree mostly 2-4), and every junction-to-
junction line is cut into a chain of 1-6 sections by intermediate stations, so most nodes
have degree 2 as on a real network. Lengths follow the straight-line distance with a
winding factor; main lines (about a third) are double track with 72 trains/day per
direction, the rest single track with 16-30; a few junctions are gauge breaks with a
transshipment capacity. Everything is drawn from one seeded generator.

    python benchmarks/generate_network.py --sections 20000 --seed 1 -o big.geojson
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from pathlib import Path

import numpy as np
from scipy.spatial import cKDTree


def generate(sections: int, seed: int = 0) -> dict:
    """A connected FeatureCollection with about `sections` sections."""
    rng = np.random.default_rng(seed)
    mean_chain = 3.5
    n_lines = max(3, int(round(sections / mean_chain)))
    n_junctions = max(4, int(n_lines / 1.4))
    size_km = 60.0 * np.sqrt(n_junctions)
    pts = rng.uniform(0, size_km, size=(n_junctions, 2))
    tree = cKDTree(pts)
    _, nbr = tree.query(pts, k=4)
    # A spanning chain through the junctions first (keeps the graph connected), then
    # near-neighbour lines until there are n_lines junction-to-junction lines.
    order = np.argsort(pts[:, 0] + 0.3 * pts[:, 1])
    edges: set[tuple[int, int]] = set()
    for a, b in zip(order[:-1], order[1:], strict=True):
        edges.add((min(a, b), max(a, b)))
    candidates = [(min(i, j), max(i, j)) for i in range(n_junctions) for j in nbr[i, 1:]]
    rng.shuffle(candidates)
    for a, b in candidates:
        if len(edges) >= n_lines:
            break
        if a != b:
            edges.add((int(a), int(b)))
    edges = sorted(edges)
    # Spread the wanted number of sections over the lines (each line >= 1 section).
    counts = np.ones(len(edges), dtype=int)
    extra = sections - len(edges)
    if extra > 0:
        counts += rng.multinomial(extra, np.full(len(edges), 1 / len(edges)))
    features: list[dict] = []
    lonlat = pts / 111.0  # km -> degrees, near the equator; plenty for a benchmark

    def node(nid: str, xy, **props) -> None:
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [float(xy[0]), float(xy[1])]},
                "properties": {
                    "type": "node",
                    "id": nid,
                    "name": nid,
                    "kind": "station",
                    "source": "synthetic",
                    **props,
                },
            }
        )

    gauge_breaks = set(rng.choice(n_junctions, size=max(1, n_junctions // 200), replace=False))
    for j in range(n_junctions):
        extra_props = {"kind": "junction"}
        if j in gauge_breaks:
            extra_props["transshipment_capacity"] = float(rng.integers(8, 40))
        node(f"j{j}", lonlat[j], **extra_props)
    sid = 0
    station = 0
    for (a, b), count in zip(edges, counts, strict=True):
        main = rng.random() < 0.35
        cap = 72.0 if main else float(rng.integers(16, 31))
        speed = 60.0 if main else float(rng.integers(35, 56))
        total_km = float(np.hypot(*(pts[a] - pts[b]))) * rng.uniform(1.1, 1.4) + 1.0
        stops = [f"j{a}"]
        coords = [lonlat[a]]
        for k in range(1, count):
            t = k / count
            xy = lonlat[a] * (1 - t) + lonlat[b] * t
            name = f"s{station}"
            station += 1
            node(name, xy)
            stops.append(name)
            coords.append(xy)
        stops.append(f"j{b}")
        coords.append(lonlat[b])
        pieces = rng.dirichlet(np.full(count, 4.0)) * total_km
        for k in range(count):
            features.append(
                {
                    "type": "Feature",
                    "geometry": {
                        "type": "LineString",
                        "coordinates": [
                            [float(coords[k][0]), float(coords[k][1])],
                            [float(coords[k + 1][0]), float(coords[k + 1][1])],
                        ],
                    },
                    "properties": {
                        "type": "section",
                        "id": f"e{sid}",
                        "from": stops[k],
                        "to": stops[k + 1],
                        "line": f"line {a}-{b}",
                        "length_km": round(float(pieces[k]) + 0.5, 3),
                        "capacity": cap,
                        "speed_kmh": speed,
                        "tracks": 2 if main else 1,
                        "electrified": bool(main),
                        "gauge": "1520",
                        "source": "synthetic",
                    },
                }
            )
            sid += 1
    return {
        "type": "FeatureCollection",
        "name": f"synthetic-{sections}-{seed}",
        "features": features,
    }


def od_pairs(fc: dict, n_pairs: int, seed: int = 0) -> list[tuple[str, str, float]]:
    """OD pairs between junctions: sqrt(n) origins x sqrt(n) destinations, 1-10 trains/day."""
    rng = np.random.default_rng(seed + 1)
    junctions = [
        f["properties"]["id"]
        for f in fc["features"]
        if f["properties"]["type"] == "node" and f["properties"].get("kind") == "junction"
    ]
    n_o = max(1, int(np.sqrt(n_pairs)))
    n_d = int(np.ceil(n_pairs / n_o))
    chosen = rng.choice(len(junctions), size=n_o + n_d, replace=False)
    origins = [junctions[i] for i in chosen[:n_o]]
    dests = [junctions[i] for i in chosen[n_o:]]
    pairs = [(o, d) for o in origins for d in dests][:n_pairs]
    return [(o, d, float(rng.integers(1, 11))) for o, d in pairs]


def write_json(data: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(data, fh)
    os.replace(tmp, path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sections", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--pairs", type=int, default=100, help="also write a demand CSV")
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args()
    fc = generate(args.sections, args.seed)
    write_json(fc, args.output)
    demand = args.output.with_suffix(".demand.csv")
    rows = od_pairs(fc, args.pairs, args.seed)
    demand.write_text(
        "origin,destination,trains_per_day\n" + "".join(f"{o},{d},{t:g}\n" for o, d, t in rows),
        encoding="utf-8",
    )
    n_sec = sum(f["properties"]["type"] == "section" for f in fc["features"])
    print(f"{args.output}: {n_sec} sections; {demand}: {len(rows)} OD pairs")


if __name__ == "__main__":
    main()
