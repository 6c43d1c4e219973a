"""Draw a rail network on a map: sections coloured by line, structures, closures, incidents.

The map is drawn with matplotlib's Agg canvas only (no screen, no pyplot state) over
country outlines shipped with the package, in an equidistant conic projection computed
here, so nothing is downloaded at run time. This module puts the pieces together; each
piece has its own module:

- ``map_projection``: the projection and view boxes (km)
- ``map_countries``: the shipped country outlines
- ``map_style``: colours, markers, line names
- ``map_inputs``: closures, highlights and incidents checked against the network
- ``map_scene``: the network projected once, shared by the map and its insets
- ``map_layers``: land, lines, markers, scale bar
- ``map_labels``: collision-free label placement
- ``map_insets`` and ``map_legend``: zoomed panels and the legend, placed to hide the least
- ``map_png``: atomic PNG writing
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.transforms import Bbox

from railwatch.network.model import RailNetwork
from railwatch.render.map_countries import COUNTRIES_SOURCE, load_countries, project_countries
from railwatch.render.map_errors import MapError
from railwatch.render.map_inputs import incident_points, network_bounds, resolve_sections
from railwatch.render.map_insets import (
    DEFAULT_INSETS,
    Inset,
    draw_inset,
    nodes_in_box,
    resolve_inset,
)
from railwatch.render.map_labels import (
    Labeller,
    incident_labels,
    label_countries,
    label_line_names,
    label_nodes,
    label_point,
)
from railwatch.render.map_layers import draw_layers, scale_bar
from railwatch.render.map_legend import choose_legend_and_insets
from railwatch.render.map_png import write_png
from railwatch.render.map_projection import EquidistantConic, fit_limits, lonlat_window
from railwatch.render.map_scene import build_scene, renderer_of
from railwatch.render.map_style import (
    CLOSED_COLOUR,
    INCIDENT_FACE,
    PARTIAL_COLOUR,
    display_name,
    line_colours,
    line_detail,
    line_family,
)

__all__ = [
    "CLOSED_COLOUR",
    "DEFAULT_INSETS",
    "INCIDENT_FACE",
    "PARTIAL_COLOUR",
    "EquidistantConic",
    "Inset",
    "MapError",
    "display_name",
    "draw_network_map",
    "line_colours",
    "line_detail",
    "line_family",
    "load_countries",
    "write_png",
]


def draw_network_map(
    network: RailNetwork,
    path: str | os.PathLike | None = None,
    *,
    highlight_sections: Iterable[str] = (),
    closed_sections: Iterable[str] = (),
    incidents: Iterable[Any] = (),
    title: str | None = None,
    label_lines: bool = True,
    figsize: tuple[float, float] = (16, 9),
    dpi: int = 150,
    insets: Sequence[Inset] | None = DEFAULT_INSETS,
) -> Figure:
    """Draw `network` over country outlines; write a PNG to `path` when given.

    Parameters
    ----------
    highlight_sections
        Section or structure ids to underlay in yellow (e.g. a reroute).
    closed_sections
        Section, structure (its section) or node ids drawn closed in red dashes; ``ID:0.5``
        (capacity left) draws a reduced section in orange.
    incidents
        Dicts with ``lat``, ``lon`` and ``label``, or objects with ``.location.lat/.lon``
        (e.g. `railwatch.reports.model.Incident`; a location with only a network id is placed
        on that feature). Drawn as stars.
    insets
        Zoomed panels around dense places; the default three (Severomuysky, Khasan/Primorye,
        Rostov/Kuban/Crimea) appear only when the network has those places. ``None`` or
        ``()`` for none.

    Returns the figure (Agg canvas; no window is opened). Raises `MapError` for unknown ids,
    bad incidents or an output path that cannot be written; a failed write leaves no file.
    """
    closed, closed_nodes = resolve_sections(network, closed_sections, "closed_sections")
    highlighted, _ = resolve_sections(network, highlight_sections, "highlight_sections")
    points, unplaced = incident_points(network, incidents)
    if figsize[0] <= 0 or figsize[1] <= 0 or dpi <= 0:
        raise MapError(f"figsize and dpi must be positive, got figsize={figsize}, dpi={dpi}")

    fig = Figure(figsize=figsize, dpi=dpi, facecolor="white")
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0.008, 0.035, 0.984, 0.9))
    ax.set_xticks([])
    ax.set_yticks([])

    proj = EquidistantConic.for_extent(*network_bounds(network, points))
    scene = build_scene(network, proj, closed, closed_nodes, set(highlighted), points)
    # fit the projected data, not the lon/lat box: the conic bends that box into a fan
    data_xy = np.concatenate(
        [xy for parts in scene.section_xy.values() for xy in parts]
        + [np.array(list(scene.node_xy.values())).reshape(-1, 2)]
        + [np.array([(x, y) for x, y, _ in scene.incidents]).reshape(-1, 2)]
    )
    box_in = ax.get_position()
    aspect = (box_in.width * figsize[0]) / (box_in.height * figsize[1])
    limits = fit_limits((*data_xy.min(axis=0), *data_xy.max(axis=0)), aspect, pad=0.035)
    ax.set_xlim(limits[0], limits[2])
    ax.set_ylim(limits[1], limits[3])
    ax.set_aspect("equal", adjustable="box")
    scene.countries = project_countries(proj, lonlat_window(proj, limits))
    # below ~6.5 pt labels stop being readable: small figures keep their fonts and show fewer
    scale = min(1.0, max(0.8, figsize[0] / 16))
    fontsize = 8.0 * scale
    draw_layers(ax, network, scene, scale)

    renderer = renderer_of(fig)
    resolved = [(inset, resolve_inset(network, inset)) for inset in insets or ()]
    options, slots = choose_legend_and_insets(
        ax, network, scene, fontsize, [r for r in resolved if r[1]]
    )
    legend = ax.legend(**options)
    legend.set_zorder(15)
    for text in legend.get_texts():
        text.set_parse_math(False)
    legend_box = legend.get_window_extent(renderer)
    inset_boxes: list[Bbox] = []
    named_in_insets: set[str] = set()
    for inset, lonlat_box, slot in slots:
        if inset.names_only_here:
            named_in_insets |= nodes_in_box(network, lonlat_box)
        inset_ax = draw_inset(fig, ax, network, scene, inset, lonlat_box, slot, fontsize)
        inset_boxes.append(inset_ax.get_window_extent(renderer).expanded(1.02, 1.12))

    labeller = Labeller(fig, ax, [legend_box, *inset_boxes])
    labeller.block_points(scene.node_xy.values(), 3.5)
    labeller.block_points(scene.structure_xy.values(), 4)
    labeller.add_lines(xy for parts in scene.section_xy.values() for xy in parts)
    for x, y, label in incident_labels(scene.incidents):
        label_point(labeller, (x, y), label, fontsize=fontsize, weight="bold", far=True)
    if label_lines:
        label_line_names(labeller, network, scene, fontsize + 1.5)
    label_nodes(labeller, network, scene, fontsize, only_main=True, skip=named_in_insets)
    label_countries(ax, scene, fontsize + 1, labeller)
    scale_bar(ax, fontsize)

    if title is None:
        total = network.sections["length_km"].sum()
        title = f"{network.name}: {len(network.sections)} sections, {total:,.0f} km"
    fig.suptitle(
        title, x=0.01, y=0.975, ha="left", fontsize=fontsize * 1.9, fontweight="bold",
        parse_math=False,
    )  # fmt: skip
    projection = proj.describe()
    note = f"Country outlines: {COUNTRIES_SOURCE}. {projection[:1].upper()}{projection[1:]}."
    if unplaced:
        note += f" {unplaced} incident(s) without a location not shown."
    fig.text(0.992, 0.01, note, ha="right", va="bottom", fontsize=fontsize - 1, color="#555555")
    if path is not None:
        write_png(fig, path, dpi=dpi)
    return fig
