"""Named networks shipped with railwatch (`corridor`, `russia`) and `--network` resolution.

`--network NAME_OR_PATH` takes one of the names below or a path to a .geojson/.gpkg file.
Each named network is loaded once per process.
"""

from __future__ import annotations

import gzip
import json
import os
from functools import cache
from importlib import resources

from railwatch.network.io import load_network
from railwatch.network.model import NetworkError, RailNetwork

NAMED_NETWORKS = {
    "corridor": "corridor.geojson",
    "russia": "russia.geojson.gz",
}
DESCRIPTIONS = {
    "corridor": "the curated, sourced freight corridor (default)",
    "russia": "every station of the national network (ESR tables; see RU_STATIONS_LICENSE.md)",
}


@cache
def named_network(name: str) -> RailNetwork:
    """The embedded network called `name`; raises `NetworkError` for an unknown name."""
    if name not in NAMED_NETWORKS:
        known = ", ".join(sorted(NAMED_NETWORKS))
        raise NetworkError([f"unknown network name {name!r} (known: {known}, or give a file)"])
    resource = resources.files("railwatch.network") / "data" / NAMED_NETWORKS[name]
    if NAMED_NETWORKS[name].endswith(".gz"):
        collection = json.loads(gzip.decompress(resource.read_bytes()))
        network = RailNetwork.from_geojson(collection, source_name=name)
    else:
        with resources.as_file(resource) as path:
            network = load_network(path)
    network.name = name
    return network


def resolve_network(name_or_path: str | os.PathLike | None) -> RailNetwork:
    """`--network` semantics: a shipped name, else a file path; nothing given = the corridor."""
    if name_or_path in (None, ""):
        return named_network("corridor")
    if str(name_or_path) in NAMED_NETWORKS:
        return named_network(str(name_or_path))
    return load_network(name_or_path)
