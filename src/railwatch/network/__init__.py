"""The rail graph: nodes, sections, structures; file formats; validation; the embedded corridor."""

from railwatch.network.io import (
    default_network,
    load_network,
    resolve_network,
    save_network,
    write_geojson,
    write_gpkg,
)
from railwatch.network.model import CompiledGraph, Match, NetworkError, RailNetwork, normalize_name
from railwatch.network.validate import ValidationReport, validate_feature_collection

validate = validate_feature_collection

__all__ = [
    "CompiledGraph",
    "Match",
    "NetworkError",
    "RailNetwork",
    "ValidationReport",
    "default_network",
    "load_network",
    "normalize_name",
    "resolve_network",
    "save_network",
    "validate",
    "validate_feature_collection",
    "write_geojson",
    "write_gpkg",
]
