"""railwatch: turn reporting about a rail network into answers about it.

The top level stays light (the command line imports it for `--version`); the entry points
below load their packages on first use:

    railwatch.incidents(...)        stored incidents as a GeoDataFrame
    railwatch.default_network()     the embedded corridor (a RailNetwork)
    railwatch.resolve_network(name) 'corridor', 'russia' or a GeoJSON/GeoPackage path
    railwatch.criticality(...)      N-1 / N-2 criticality of every section and structure
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_LAZY = {
    "incidents": "railwatch.incidents_frame",
    "default_network": "railwatch.network",
    "resolve_network": "railwatch.network",
    "criticality": "railwatch.impact",
}

__all__ = ["__version__", *_LAZY]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'railwatch' has no attribute {name!r}")
