"""Build src/railwatch/render/data/countries.geojson: simplified country outlines for maps.

Source: Natural Earth 1:110m Admin 0 countries (public domain), as shipped inside the
geopandas 0.14 wheel (``geopandas/datasets/naturalearth_lowres``). Only this script needs
the wheel, at build time; the package ships the resulting GeoJSON and never downloads.

Usage (from the repository root)::

    .venv/bin/python tools/build_countries.py            # downloads the wheel with pip
    .venv/bin/python tools/build_countries.py --wheel /tmp/gpd014/geopandas-0.14.4-py3-none-any.whl

What it does: keeps the countries that reach into the map window (Europe to Japan, the
Middle East to the Arctic), clips them to that window, simplifies and rounds coordinates.
The window stops at 180°E, so the piece of Chukotka that Natural Earth puts at
-180..-169° (west longitude) is dropped instead of smearing across the map.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pyogrio
import shapely
from shapely.geometry import box, mapping

REPO = Path(__file__).resolve().parents[1]
OUTPUT = REPO / "src" / "railwatch" / "render" / "data" / "countries.geojson"
WHEEL_SPEC = "geopandas==0.14.4"
SHAPEFILE_IN_WHEEL = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"
# lon_min, lat_min, lon_max, lat_max: everything a corridor map from Europe to the Pacific can show.
WINDOW = (10.0, 25.0, 180.0, 82.0)
SIMPLIFY_DEGREES = 0.03
DECIMALS = 3
# Natural Earth marks a few countries' ISO code as -99; give them a usable one.
ISO_FIXES = {"France": "FRA", "Norway": "NOR", "Kosovo": "XKX", "N. Cyprus": "CYN"}
SOURCE = "Natural Earth 1:110m Admin 0 countries, public domain, via the geopandas 0.14 wheel"


def download_wheel(target: Path) -> Path:
    """Fetch the geopandas 0.14 wheel with pip (no install, no dependencies)."""
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", WHEEL_SPEC, "-d", str(target)],
        check=True,
    )
    wheels = sorted(target.glob("geopandas-0.14*.whl"))
    if not wheels:
        raise SystemExit(f"pip download left no geopandas wheel in {target}")
    return wheels[0]


def extract_shapefile(wheel: Path, target: Path) -> Path:
    """Unzip the Natural Earth shapefile parts from the wheel into `target`."""
    with zipfile.ZipFile(wheel) as zf:
        members = [n for n in zf.namelist() if n.startswith(SHAPEFILE_IN_WHEEL + ".")]
        if not members:
            raise SystemExit(f"{wheel}: no {SHAPEFILE_IN_WHEEL}.shp inside")
        zf.extractall(target, members)
    return target / (SHAPEFILE_IN_WHEEL + ".shp")


def build_feature_collection(shapefile: Path) -> dict:
    """Clip, simplify and round the countries that reach into WINDOW."""
    frame = pyogrio.read_dataframe(shapefile)
    window = box(*WINDOW)
    features = []
    for row in frame.itertuples(index=False):
        geom = row.geometry
        if geom is None or not geom.intersects(window):
            continue
        clipped = geom.intersection(window)
        simple = shapely.simplify(clipped, SIMPLIFY_DEGREES, preserve_topology=True)
        simple = shapely.set_precision(simple, 10.0**-DECIMALS)
        polygons = [g for g in shapely.get_parts(simple) if g.geom_type == "Polygon" and g.area]
        if not polygons:
            continue
        geometry = shapely.MultiPolygon(polygons)
        iso = ISO_FIXES.get(row.name, row.iso_a3)
        features.append(
            {
                "type": "Feature",
                "properties": {"name": row.name, "iso_a3": iso, "continent": row.continent},
                "geometry": mapping(geometry),
            }
        )
    features.sort(key=lambda f: f["properties"]["name"])
    return {
        "type": "FeatureCollection",
        "name": "countries",
        "source": SOURCE,
        "window": list(WINDOW),
        "simplify_degrees": SIMPLIFY_DEGREES,
        "features": features,
    }


def write_atomically(fc: dict, path: Path) -> None:
    text = json.dumps(fc, ensure_ascii=False, separators=(",", ":"))
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text + "\n")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", type=Path, help="an already downloaded geopandas 0.14 wheel")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmpdir:
        work = Path(tmpdir)
        wheel = args.wheel or download_wheel(work)
        fc = build_feature_collection(extract_shapefile(wheel, work))
    write_atomically(fc, args.output)
    names = ", ".join(f["properties"]["name"] for f in fc["features"])
    size_kb = args.output.stat().st_size / 1024
    print(f"wrote {args.output} ({len(fc['features'])} countries, {size_kb:.0f} KB): {names}")


if __name__ == "__main__":
    main()
