"""The Python entry points a notebook user reaches from `import railwatch`."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import geopandas as gpd

import railwatch

REPO = Path(__file__).resolve().parents[1]
SAMPLES = sorted((REPO / "corpus" / "reports").glob("00[1-8]-*.txt"))


def _ingest(data_dir: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "railwatch",
            "ingest",
            *map(str, SAMPLES),
            "--data-dir",
            str(data_dir),
            "--published",
            "2023-12-01",
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr


def test_incidents_as_a_geodataframe_with_filters(tmp_path: Path) -> None:
    _ingest(tmp_path)
    frame = railwatch.incidents(data_dir=tmp_path)
    assert isinstance(frame, gpd.GeoDataFrame)
    assert frame.crs.to_epsg() == 4326
    assert len(frame) >= 2
    placed = frame[~frame.geometry.is_empty & frame.geometry.notna()]
    assert len(placed) >= 1
    # the point is where the record says, (lon, lat) in that order
    row = placed.iloc[0]
    assert (row.geometry.x, row.geometry.y) == (row["lon"], row["lat"])
    for kind in set(frame["type"]):
        chosen = railwatch.incidents(data_dir=tmp_path, type=kind)
        assert len(chosen) == (frame["type"] == kind).sum()
        assert set(chosen["type"]) == {kind}
    assert (
        len(railwatch.incidents(data_dir=tmp_path, type="collision"))
        == (frame["type"] == "collision").sum()
    )
    later = railwatch.incidents(data_dir=tmp_path, since="2100-01-01")
    assert len(later) == 0 and isinstance(later, gpd.GeoDataFrame)
    dated = frame[frame["date_start"].notna()]
    assert len(railwatch.incidents(data_dir=tmp_path, until=date(2100, 1, 1))) == len(dated)


def test_top_level_names_reach_the_packages() -> None:
    from railwatch.impact.criticality import criticality
    from railwatch.network import RailNetwork

    assert railwatch.criticality is criticality
    net = railwatch.default_network()
    assert isinstance(net, RailNetwork)
    graph = net.to_networkx()
    assert graph.number_of_nodes() == len(net.nodes)
