"""Zoomed insets around dense places: where they go and how they are drawn."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import shapely
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.transforms import Bbox
from shapely.geometry import box

from railwatch.network.model import RailNetwork
from railwatch.network.queries import feature_geometry
from railwatch.render.map_labels import (
    Labeller,
    incident_labels,
    label_along,
    label_nodes,
    label_point,
    structure_label,
)
from railwatch.render.map_layers import draw_layers
from railwatch.render.map_projection import fit_limits
from railwatch.render.map_scene import Scene, crowding, renderer_of
from railwatch.render.map_style import STRUCTURE_STYLE, line_detail


@dataclass(frozen=True)
class Inset:
    """A zoomed panel around named places (resolved with `RailNetwork.lookup`)."""

    title: str
    places: tuple[str, ...]
    pad_deg: float = 0.25
    # name the nodes it covers only in the inset: at corridor scale their labels would
    # crowd onto the wrong neighbours
    names_only_here: bool = False


# Dense places of the embedded corridor that are unreadable at corridor scale.
DEFAULT_INSETS = (
    Inset(
        "Severomuysky Tunnel and its bypass",
        ("Itykit", "Okusikan", "Severomuysky Tunnel", "Severomuysky bypass"),
        pad_deg=0.03,
    ),
    Inset(
        "Khasan – Tumangang and Primorye",
        ("Khasan", "Tumangang", "Rajin", "Vladivostok", "Ussuriysk", "Grodekovo", "Suifenhe"),
        pad_deg=0.25,
    ),
    Inset(
        "Rostov, Kuban and the Crimean Bridge",
        ("Rostov-on-Don", "Tikhoretsk", "Krasnodar", "Kerch", "Dzhankoy"),
        pad_deg=0.3,
        names_only_here=True,
    ),
)


INSET_SIZE = (0.21, 0.34)  # axes fraction
# lower-left corners the insets may take, on a grid over the whole map
INSET_SLOTS = tuple(
    (round(x, 3), round(y, 3))
    for y in np.linspace(0.006, 1 - INSET_SIZE[1] * 1.12 - 0.006, 5)
    for x in np.linspace(0.006, 1 - INSET_SIZE[0] - 0.006, 13)
)


def choose_inset_slot(
    ax: Axes, scene: Scene, lonlat_box: tuple[float, ...], taken: list[Bbox]
) -> tuple[float, tuple[float, float], Bbox] | None:
    """(cost, slot, box) of the slot that hides the least, not its own target, near its target."""
    area = ax.get_window_extent(renderer_of(ax.figure))
    target = shapely.bounds(scene.proj.geometry(_lonlat_polygon(lonlat_box)))
    tx0, ty0 = ax.transData.transform(target[:2])
    tx1, ty1 = ax.transData.transform(target[2:])
    target_px = Bbox.from_extents(tx0, ty0, tx1, ty1)
    best = None
    for slot in INSET_SLOTS:
        bb = Bbox.from_bounds(
            area.x0 + slot[0] * area.width,
            area.y0 + slot[1] * area.height,
            INSET_SIZE[0] * area.width,
            INSET_SIZE[1] * area.height * 1.12,  # room for the inset's title
        )
        if bb.overlaps(target_px) or any(bb.overlaps(other) for other in taken):
            continue
        distance = math.hypot(
            (bb.x0 + bb.x1 - tx0 - tx1) / 2 / area.width,
            (bb.y0 + bb.y1 - ty0 - ty1) / 2 / area.height,
        )
        # a far inset draws long connector lines across the map
        cost = crowding(ax, scene, bb) + 300 * distance
        if best is None or cost < best[0] - 1e-6:
            best = (cost, slot, bb)
    return best


def resolve_inset(network: RailNetwork, inset: Inset) -> tuple[float, float, float, float] | None:
    """Lon/lat box around the inset's places that the network has, or None when fewer than two."""
    geoms = []
    for place in inset.places:
        matches = network.lookup(place)
        if not matches:
            continue
        m = matches[0]
        geom = feature_geometry(network, m.id)
        if geom is not None and not geom.is_empty:
            geoms.append(geom)
    if len(geoms) < 2:
        return None
    x0, y0, x1, y1 = shapely.total_bounds(np.array(geoms, dtype=object))
    p = inset.pad_deg
    return x0 - p, y0 - p, x1 + p, y1 + p


def _lonlat_polygon(lonlat_box: tuple[float, ...]) -> shapely.Polygon:
    """The (west, south, east, north) box as a polygon."""
    west, south, east, north = lonlat_box
    return box(west, south, east, north)


def nodes_in_box(network: RailNetwork, lonlat_box: tuple[float, ...]) -> set[str]:
    """Ids of the nodes inside a lon/lat box."""
    x0, y0, x1, y1 = lonlat_box
    nodes = network.nodes
    inside = (
        (nodes["lon"] >= x0) & (nodes["lon"] <= x1) & (nodes["lat"] >= y0) & (nodes["lat"] <= y1)
    )
    return set(nodes.index[inside])


def draw_inset(fig: Figure, ax: Axes, network: RailNetwork, scene: Scene, inset: Inset,
               lonlat_box, slot, fontsize: float) -> Axes:  # fmt: skip
    """Draw one inset at its slot, with its own labels and connector lines to its target."""
    fig_box = ax.get_position()
    left = fig_box.x0 + slot[0] * fig_box.width
    bottom = fig_box.y0 + slot[1] * fig_box.height
    width, height = INSET_SIZE[0] * fig_box.width, INSET_SIZE[1] * fig_box.height
    inset_ax = fig.add_axes((left, bottom, width, height), zorder=20)
    outline = scene.proj.geometry(_lonlat_polygon(lonlat_box), 0.05)
    fig_w, fig_h = fig.get_size_inches()
    aspect = (width * fig_w) / (height * fig_h)
    limits = fit_limits(shapely.bounds(outline), aspect, pad=0.02)
    inset_ax.set_xlim(limits[0], limits[2])
    inset_ax.set_ylim(limits[1], limits[3])
    inset_ax.set_aspect("equal", adjustable="box")
    inset_ax.set_xticks([])
    inset_ax.set_yticks([])
    for spine in inset_ax.spines.values():
        spine.set_edgecolor("#333333")
        spine.set_linewidth(1.0)
    draw_layers(inset_ax, network, scene, scale=1.15)
    inset_ax.set_title(
        inset.title, fontsize=fontsize + 0.5, fontweight="bold", pad=3, parse_math=False
    )
    labeller = Labeller(fig, inset_ax)
    labeller.block_points(scene.node_xy.values(), 4)
    labeller.add_lines(xy for parts in scene.section_xy.values() for xy in parts)
    x0, x1 = inset_ax.get_xlim()
    y0, y1 = inset_ax.get_ylim()
    # an inset is where readers look for the tunnel or the bridge: name structures first
    for sid, row in network.structures.iterrows():
        if row["kind"] not in STRUCTURE_STYLE or sid not in scene.structure_xy:
            continue
        x, y = scene.structure_xy[sid]
        if x0 <= x <= x1 and y0 <= y <= y1:
            label_point(labeller, (x, y), structure_label(row, sid), fontsize=fontsize - 0.5,
                         colour="#5b3a1a", style="italic")  # fmt: skip
    # parallel sections of one line (tunnel route, bypass) are told apart by their name's detail
    view = box(x0, y0, x1, y1)
    for sid, line in network.sections["line"].items():
        detail = line_detail(line)
        if not detail:
            continue
        for xy in scene.section_xy.get(sid, []):
            if len(xy) < 2:
                continue
            seen = shapely.LineString(xy).intersection(view)
            if seen.geom_type == "LineString" and label_along(
                labeller, detail, scene.section_colour[sid], fontsize - 0.5, "normal", 1.6,
                np.asarray(seen.coords),
            ):  # fmt: skip
                break
    label_nodes(labeller, network, scene, fontsize, only_main=False)
    # stations first, so a star never takes a station's name; its label may go farther out
    for x, y, text in incident_labels(scene.incidents):
        if x0 <= x <= x1 and y0 <= y <= y1:
            label_point(labeller, (x, y), text, fontsize=fontsize - 0.5, weight="bold", far=True)
    ax.indicate_inset_zoom(inset_ax, edgecolor="#333333", alpha=0.9, lw=0.9)
    return inset_ax
