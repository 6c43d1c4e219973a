"""The national station tables shipped with railwatch: every ESR station and its neighbours.

Sources and licences: ``data/RU_STATIONS_LICENSE.md`` (ESR tables, GPLv3; coordinates
© OpenStreetMap contributors, ODbL 1.0).
"""

from __future__ import annotations

from functools import cache
from importlib import resources

import pandas as pd

STATIONS_FILE = "ru_stations_esr.tsv.gz"
ADJACENCY_FILE = "ru_station_adjacency.csv.gz"
ATTRIBUTION = (
    "Station tables: osm.sbin.ru/esr (GPLv3); coordinates © OpenStreetMap contributors (ODbL)"
)


def _data_path(name: str):
    return resources.files("railwatch.network") / "data" / name


@cache
def load_stations() -> pd.DataFrame:
    """One row per ESR code: ``esr`` (str), ``name`` (Russian), ``region``, ``railway``,
    ``division``, ``express``, ``lat``/``lon`` (NaN where OSM has none), ``osm_id``.

    The raw table repeats a code on a few rows; the first row with coordinates wins.
    Returns a frame the caller must not modify (it is cached): copy it first.
    """
    with resources.as_file(_data_path(STATIONS_FILE)) as path:
        frame = pd.read_csv(
            path,
            sep="\t",
            dtype={"esr": str, "express": str, "osm_id": str},
            keep_default_na=False,
            na_values={"lat": [""], "lon": [""]},
        )
    frame = frame.drop(columns=[c for c in frame.columns if c.startswith("Unnamed")])
    frame["esr"] = frame["esr"].str.strip()
    frame["name"] = frame["name"].str.strip()
    frame["has_coords"] = frame["lat"].notna() & frame["lon"].notna()
    frame = frame.sort_values(["esr", "has_coords"], ascending=[True, False], kind="stable")
    frame = frame.drop_duplicates("esr", keep="first").drop(columns="has_coords")
    return frame.reset_index(drop=True)


@cache
def load_adjacency() -> pd.DataFrame:
    """One row per listed pair of neighbouring stations: ``from_esr``, ``from_name``,
    ``to_esr``, ``to_name`` (codes as strings). Pairs may be listed in both directions."""
    with resources.as_file(_data_path(ADJACENCY_FILE)) as path:
        frame = pd.read_csv(path, sep=";", dtype=str, encoding="utf-8-sig", keep_default_na=False)
    for column in ("from_esr", "to_esr", "from_name", "to_name"):
        frame[column] = frame[column].str.strip()
    return frame
