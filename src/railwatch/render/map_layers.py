"""Drawing the scene's layers (no labels): land, sections, markers, scale bar."""

from __future__ import annotations

import math

import numpy as np
import shapely
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.patches import PathPatch
from matplotlib.path import Path as MplPath

from railwatch.network.model import RailNetwork
from railwatch.render.map_scene import Scene
from railwatch.render.map_style import (
    BORDER_COLOUR,
    CLOSED_COLOUR,
    HALO,
    HIGHLIGHT_COLOUR,
    INCIDENT_FACE,
    LAND_COLOUR,
    NODE_STYLE,
    PARTIAL_COLOUR,
    SEA_COLOUR,
    STRUCTURE_STYLE,
    is_missing,
)


def _polygon_path(geom: shapely.Geometry) -> MplPath | None:
    """One compound path for a (multi)polygon with its holes, for a single patch."""
    paths = []
    for poly in shapely.get_parts(geom):
        if poly.geom_type != "Polygon" or poly.is_empty:
            continue
        for ring in [poly.exterior, *poly.interiors]:
            xy = np.asarray(ring.coords)
            if len(xy) >= 3:
                codes = np.full(len(xy), MplPath.LINETO, dtype=np.uint8)
                codes[0] = MplPath.MOVETO
                codes[-1] = MplPath.CLOSEPOLY
                paths.append(MplPath(xy, codes))
    return MplPath.make_compound_path(*paths) if paths else None


def draw_layers(ax: Axes, network: RailNetwork, scene: Scene, scale: float) -> None:
    """Countries, sections, closures, structures, nodes and incidents (no labels)."""
    ax.set_facecolor(SEA_COLOUR)
    for _, geom in scene.countries:
        path = _polygon_path(geom)
        if path is not None:
            ax.add_patch(
                PathPatch(path, facecolor=LAND_COLOUR, edgecolor=BORDER_COLOUR, lw=0.6, zorder=1)
            )
    tracks = network.sections["tracks"]
    # one collection per style: thousands of sections (an OSM import) stay quick to draw
    styled: dict[tuple, list[np.ndarray]] = {}
    for sid, parts in scene.section_xy.items():
        double = not is_missing(tracks.get(sid)) and float(tracks.get(sid)) >= 2
        width = (2.6 if double else 1.7) * scale
        layers = [(4, scene.section_colour[sid], width, "solid", 1.0)]
        if sid in scene.highlight:
            layers.append((3, HIGHLIGHT_COLOUR, width + 7 * scale, "solid", 0.8))
        if sid in scene.closed:
            colour = CLOSED_COLOUR if scene.closed[sid] <= 0 else PARTIAL_COLOUR
            layers.append((5, "white", width + 2.2 * scale, "solid", 1.0))
            layers.append((6, colour, width + 1.2 * scale, "dashed", 1.0))
        for layer in layers:
            styled.setdefault(layer, []).extend(parts)
    for (zorder, colour, width, style, alpha), lines in styled.items():
        dashes = (0, (3, 1.6)) if style == "dashed" else "solid"
        capstyle = "butt" if style == "dashed" else "round"
        collection = LineCollection(
            lines, colors=colour, linewidths=width, linestyles=dashes, alpha=alpha, zorder=zorder,
            capstyle=capstyle, joinstyle="round",
        )  # fmt: skip
        ax.add_collection(collection, autolim=False)
    for kind, (marker, size, face, edge) in STRUCTURE_STYLE.items():
        ids = [s for s in network.structures.index[network.structures["kind"] == kind]
               if s in scene.structure_xy]  # fmt: skip
        if ids:
            xy = np.array([scene.structure_xy[s] for s in ids])
            ax.plot(*xy.T, ls="none", marker=marker, ms=size * scale, mfc=face, mec=edge,
                    mew=0.7, zorder=8)  # fmt: skip
    kinds = network.nodes["kind"].fillna("station")
    for kind in sorted(set(kinds), key=lambda k: -NODE_STYLE.get(k, NODE_STYLE["station"])[1]):
        marker, size, face, edge = NODE_STYLE.get(kind, NODE_STYLE["station"])
        xy = np.array([scene.node_xy[n] for n in network.nodes.index[kinds == kind]])
        ax.plot(*xy.T, ls="none", marker=marker, ms=size * scale, mfc=face, mec=edge, mew=0.9,
                zorder=9)  # fmt: skip
    for nid in scene.closed_nodes:
        ax.plot(*scene.node_xy[nid], marker="X", ms=11 * scale, mfc=CLOSED_COLOUR, mec="white",
                mew=1.0, zorder=10)  # fmt: skip
    if scene.incidents:
        xy = np.array([(x, y) for x, y, _ in scene.incidents])
        ax.plot(*xy.T, ls="none", marker="*", ms=15 * scale, mfc=INCIDENT_FACE, mec="black",
                mew=0.9, zorder=11)  # fmt: skip


def scale_bar(ax: Axes, fontsize: float) -> None:
    """A bar of a round number of km at the lower right (km are the projected unit)."""
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    target = (x1 - x0) / 8
    magnitude = 10 ** math.floor(math.log10(target))
    length = max(m * magnitude for m in (1, 2, 5) if m * magnitude <= target)
    xe = x1 - (x1 - x0) * 0.02
    xs = xe - length
    y = y0 + (y1 - y0) * 0.035
    ax.plot([xs, xe], [y, y], color="black", lw=2.5, solid_capstyle="butt", zorder=13)
    ax.text((xs + xe) / 2, y + (y1 - y0) * 0.01, f"{length:,.0f} km", ha="center", va="bottom",
            fontsize=fontsize, zorder=13, path_effects=HALO)  # fmt: skip
