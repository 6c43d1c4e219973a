"""Everything drawn: the network map, the Monte Carlo charts and the self-contained HTML report.

Names are resolved on first use, so ``import railwatch.render`` loads neither matplotlib nor
geopandas; nothing here switches matplotlib's global backend (figures are drawn on
``matplotlib.figure.Figure`` objects with their own Agg canvas).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from railwatch.render.bands import bands_figure, save_figure, scenario_bands_figure
    from railwatch.render.map_errors import MapError
    from railwatch.render.network_map import draw_network_map
    from railwatch.render.report_html import build_report_html, write_report
    from railwatch.render.report_incidents import IncidentRow, store_incidents

# public name -> module that defines it
_EXPORTS = {
    "IncidentRow": "railwatch.render.report_incidents",
    "MapError": "railwatch.render.map_errors",
    "bands_figure": "railwatch.render.bands",
    "build_report_html": "railwatch.render.report_html",
    "draw_network_map": "railwatch.render.network_map",
    "save_figure": "railwatch.render.bands",
    "scenario_bands_figure": "railwatch.render.bands",
    "store_incidents": "railwatch.render.report_incidents",
    "write_report": "railwatch.render.report_html",
}

__all__ = [
    "IncidentRow",
    "MapError",
    "bands_figure",
    "build_report_html",
    "draw_network_map",
    "save_figure",
    "scenario_bands_figure",
    "store_incidents",
    "write_report",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'railwatch.render' has no attribute {name!r}")
    return getattr(import_module(module), name)
