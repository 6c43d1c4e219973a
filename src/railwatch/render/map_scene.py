"""The scene: the network projected once and shared by the main map and its insets.

Also measures how much of the drawn network a box on the screen would hide, which is
what the legend, the insets and the labels try to keep small.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import shapely
from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure, SubFigure
from matplotlib.transforms import Bbox

from railwatch.network.model import RailNetwork
from railwatch.network.queries import feature_point
from railwatch.render.map_inputs import IncidentPoint
from railwatch.render.map_projection import EquidistantConic
from railwatch.render.map_style import line_colours, line_family


@dataclass
class Scene:
    """Everything projected once and shared by the main map and the insets."""

    proj: EquidistantConic
    countries: list[tuple[str, shapely.Geometry]]  # projected
    section_xy: dict[str, list[np.ndarray]]
    section_colour: dict[str, str]
    family_colour: dict[str, str]  # line family -> colour, as in the legend
    node_xy: dict[str, tuple[float, float]]
    structure_xy: dict[str, tuple[float, float]]
    closed: dict[str, float]
    closed_nodes: list[str]
    highlight: set[str]
    incidents: list[tuple[float, float, str]]
    line_px: np.ndarray | None = None  # main-map line samples in pixels, made on first use
    node_px: np.ndarray | None = None


def build_scene(
    network: RailNetwork,
    proj: EquidistantConic,
    closed: dict[str, float],
    closed_nodes: list[str],
    highlight: set[str],
    incidents: list[IncidentPoint],
) -> Scene:
    """Project sections, nodes, structures and incidents; countries are added once the view is known."""
    colours = line_colours(network)
    section_xy = {}
    section_colour = {}
    for sid, line, geom in zip(
        network.sections.index, network.sections["line"], network.sections.geometry, strict=True
    ):
        if geom is None or geom.is_empty:
            continue
        section_xy[sid] = _line_xy(proj.geometry(geom, 0.25))
        section_colour[sid] = colours[line_family(line)]
    node_xy = {}
    for nid, lon, lat in zip(
        network.nodes.index, network.nodes["lon"], network.nodes["lat"], strict=True
    ):
        x, y = proj.forward(lon, lat)
        node_xy[nid] = (float(x), float(y))
    structure_xy = {}
    for sid in network.structures.index:
        point = feature_point(network, sid)
        if point is not None:
            x, y = proj.forward(*point)
            structure_xy[sid] = (float(x), float(y))
    incident_xy = []
    for inc in incidents:
        x, y = proj.forward(inc.lon, inc.lat)
        incident_xy.append((float(x), float(y), inc.label))
    return Scene(
        proj, [], section_xy, section_colour, colours, node_xy, structure_xy,
        closed, closed_nodes, highlight, incident_xy,
    )  # fmt: skip


def _line_xy(geom: shapely.Geometry) -> list[np.ndarray]:
    """The coordinate arrays of a (multi)line's non-empty parts."""
    return [np.asarray(part.coords) for part in shapely.get_parts(geom) if not part.is_empty]


def renderer_of(figure: Figure | SubFigure) -> RendererBase:
    """The renderer of a figure drawn on the Agg canvas (every map here is)."""
    canvas = figure.canvas
    assert isinstance(canvas, FigureCanvasAgg), "maps are drawn on the Agg canvas"
    return canvas.get_renderer()


def sample_polylines(ax: Axes, polylines: Iterable[np.ndarray], step_px: float) -> np.ndarray:
    """Points every `step_px` pixels along lines, in display space, only those on `ax`."""
    area = ax.get_window_extent(renderer_of(ax.figure))
    samples = [np.empty((0, 2))]
    for xy in polylines:
        if len(xy) < 2:
            continue
        px = ax.transData.transform(xy)
        for a, b in zip(px[:-1], px[1:], strict=True):
            # an inset would otherwise sample the whole network at its zoom
            if (max(a[0], b[0]) < area.x0 or min(a[0], b[0]) > area.x1
                    or max(a[1], b[1]) < area.y0 or min(a[1], b[1]) > area.y1):  # fmt: skip
                continue
            n = min(max(int(np.hypot(*(b - a)) / step_px), 1), 2000)
            t = np.linspace(0.0, 1.0, n + 1)[:, None]
            samples.append(a + t * (b - a))
    return np.concatenate(samples)


def _count_inside(px: np.ndarray, bbox: Bbox) -> int:
    """How many of the pixel points fall in the box."""
    x, y = px[:, 0], px[:, 1]
    return int(((x >= bbox.x0) & (x <= bbox.x1) & (y >= bbox.y0) & (y <= bbox.y1)).sum())


def crowding(ax: Axes, scene: Scene, bbox: Bbox) -> float:
    """How much of the network a display-space box would hide: pixels of line, plus nodes."""
    if scene.line_px is None:
        polylines = [xy for parts in scene.section_xy.values() for xy in parts]
        scene.line_px = sample_polylines(ax, polylines, 3.0)
        scene.node_px = ax.transData.transform(
            np.array(list(scene.node_xy.values())).reshape(-1, 2)
        )
    assert scene.line_px is not None and scene.node_px is not None
    return 1.0 * _count_inside(scene.line_px, bbox) + 150.0 * _count_inside(scene.node_px, bbox)
