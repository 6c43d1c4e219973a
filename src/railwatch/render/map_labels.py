"""Label placement: greedy and collision-free, for places, lines, structures, countries."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import numpy as np
import shapely
import shapely.affinity
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.transforms import Bbox
from scipy.ndimage import distance_transform_edt
from shapely.geometry import box

from railwatch.network.model import RailNetwork
from railwatch.render.map_scene import Scene, renderer_of, sample_polylines
from railwatch.render.map_style import (
    COUNTRY_LABEL_COLOUR,
    HALO,
    MAX_LEGEND_LINES,
    NODE_LABEL_PRIORITY,
    display_name,
    is_missing,
    line_family,
)

# Caps that keep a national network (thousands of nodes and lines) quick and readable.
MAX_NODE_LABELS = 70  # per axes
MAX_NODE_LABEL_TRIES = 400


def structure_label(row: Any, sid: str) -> str:
    """'Severomuysky Tunnel' over '15.3 km' (two short lines fit an inset better than one)."""
    text = display_name(row["name"], sid)
    length = row.get("length_m")
    if not is_missing(length):
        text += f"\n{length / 1000:.1f} km" if length >= 1000 else f"\n{length:.0f} m"
    return text


class Labeller:
    """Greedy label placement: a label is drawn only where it overlaps nothing already placed."""

    def __init__(self, fig: Figure, ax: Axes, obstacles: list[Bbox] | None = None):
        self.fig = fig
        self.ax = ax
        self.renderer = renderer_of(fig)
        self._boxes = np.empty((0, 4))  # x0, y0, x1, y1 of everything placed, in pixels
        self.area = ax.get_window_extent(self.renderer)
        self.line_px = np.empty((0, 2))
        self._shapes: list[shapely.Polygon] = []  # outlines of rotated labels
        for bbox in obstacles or []:
            self.block(bbox)

    def block(self, bbox: Bbox) -> None:
        """Keep labels out of a display-space box."""
        self._boxes = np.vstack([self._boxes, [bbox.x0, bbox.y0, bbox.x1, bbox.y1]])

    def obstacles(self) -> np.ndarray:
        """Every blocked box so far, as rows of x0, y0, x1, y1 in pixels."""
        return self._boxes

    def add_lines(self, polylines: Iterable[np.ndarray], step_px: float = 3.0) -> None:
        """Sample drawn lines every few pixels, so labels can prefer not to sit on them."""
        self.line_px = np.concatenate([self.line_px, sample_polylines(self.ax, polylines, step_px)])

    def fits(self, bbox: Bbox, avoid_lines: bool = False, shape=None) -> bool:
        """Whether a label with this box (and, when rotated, this exact outline) has room."""
        inside = (
            bbox.x0 >= self.area.x0 + 2
            and bbox.x1 <= self.area.x1 - 2
            and bbox.y0 >= self.area.y0 + 2
            and bbox.y1 <= self.area.y1 - 2
        )
        if not inside:
            return False
        outline = shape if shape is not None else box(*bbox.extents)
        b = self._boxes
        if len(b):
            near = (
                (b[:, 0] < bbox.x1)
                & (b[:, 2] > bbox.x0)
                & (b[:, 1] < bbox.y1)
                & (b[:, 3] > bbox.y0)
            )
            if shape is None and near.any():
                return False
            if near.any() and shapely.intersects(outline, shapely.box(*b[near].T)).any():
                return False
        if any(outline.intersects(other) for other in self._shapes):
            return False
        if avoid_lines and len(self.line_px):
            x, y = self.line_px[:, 0], self.line_px[:, 1]
            on_line = (x >= bbox.x0) & (x <= bbox.x1) & (y >= bbox.y0) & (y <= bbox.y1)
            if shape is not None and on_line.any():
                on_line = shapely.contains_xy(shape, x[on_line], y[on_line])
            return not on_line.any()
        return True

    def try_place(self, artist, avoid_lines: bool = False, shape=None) -> bool:
        """Keep `artist` if it fits (rotated labels pass their outline as `shape`), else remove it."""
        bbox = artist.get_window_extent(self.renderer).expanded(1.04, 1.1)
        if self.fits(bbox, avoid_lines, shape):
            if shape is None:
                self.block(bbox)
            else:
                self._shapes.append(shape)
            return True
        artist.remove()
        return False

    def block_points(self, xy: Iterable[tuple[float, float]], radius_px: float) -> None:
        """Keep labels off markers."""
        points = np.asarray(list(xy), dtype=float).reshape(-1, 2)
        if len(points):
            px = self.ax.transData.transform(points)
            boxes = np.column_stack([px - radius_px, px + radius_px])
            self._boxes = np.vstack([self._boxes, boxes])


NODE_OFFSETS = (  # (dx, dy) in points and alignment
    (5, 3, "left", "bottom"),
    (5, -3, "left", "top"),
    (-5, 3, "right", "bottom"),
    (-5, -3, "right", "top"),
    (0, 6, "center", "bottom"),
    (0, -6, "center", "top"),
    (8, 0, "left", "center"),
    (-8, 0, "right", "center"),
)

# farther spots for incident labels: a star often sits on a named node or structure
FAR_OFFSETS = tuple((dx * k, dy * k, ha, va) for k in (2.5, 4.5) for dx, dy, ha, va in NODE_OFFSETS)


def incident_labels(incidents: list[tuple[float, float, str]]) -> list[tuple[float, float, str]]:
    """One label per star: incidents at the same point share it, one line each, in order."""
    joined: dict[tuple[float, float], list[str]] = {}
    for x, y, text in incidents:
        lines = joined.setdefault((x, y), [])
        if text not in lines:
            lines.append(text)
    return [(x, y, "\n".join(lines)) for (x, y), lines in joined.items()]


def label_point(labeller: Labeller, xy, text: str, *, fontsize: float, weight="normal",
                colour="#111111", style="normal", far: bool = False) -> bool:  # fmt: skip
    """Label a point at the first of a few spots around it that has room.

    With `far`, spots farther out are tried too (the label then still names the nearest star).
    """
    offsets = NODE_OFFSETS + FAR_OFFSETS if far else NODE_OFFSETS
    # first look for a spot off the lines; a label across a line is better than none
    for avoid_lines in (True, False):
        for dx, dy, ha, va in offsets:
            artist = labeller.ax.annotate(
                text, xy, xytext=(dx, dy), textcoords="offset points", ha=ha, va=va,
                fontsize=fontsize, fontweight=weight, color=colour, fontstyle=style,
                path_effects=HALO, zorder=12, annotation_clip=True, parse_math=False,
            )  # fmt: skip
            if labeller.try_place(artist, avoid_lines):
                return True
    return False


def label_nodes(labeller: Labeller, network: RailNetwork, scene: Scene, fontsize: float,
                only_main: bool, skip: set[str] | frozenset[str] = frozenset()) -> None:  # fmt: skip
    """Node labels, most important first; stations only where there is room (or in insets).

    Nodes in `skip` are named elsewhere (in an inset) and get no label here.
    """
    degree: dict[str, int] = {}
    for a, b in zip(network.sections["from"], network.sections["to"], strict=True):
        degree[a] = degree.get(a, 0) + 1
        degree[b] = degree.get(b, 0) + 1
    order = []
    for nid, name, kind in zip(
        network.nodes.index, network.nodes["name"], network.nodes["kind"], strict=True
    ):
        rank = NODE_LABEL_PRIORITY.get(kind, 5)
        if degree.get(nid, 0) == 1:  # railheads and line ends matter to readers
            rank = min(rank, 3)
        order.append((rank, -degree.get(nid, 0), nid, display_name(name, nid)))
    order.sort()
    x0, x1 = labeller.ax.get_xlim()
    y0, y1 = labeller.ax.get_ylim()
    placed = 0
    for rank, _, nid, text in order[:MAX_NODE_LABEL_TRIES]:
        x, y = scene.node_xy[nid]
        if nid in skip or not (x0 <= x <= x1 and y0 <= y <= y1):
            continue
        big = fontsize * 0.92 if only_main and rank >= 5 else fontsize
        weight = "bold" if rank <= 1 else "normal"
        placed += label_point(labeller, (x, y), text, fontsize=big, weight=weight)
        if placed >= MAX_NODE_LABELS:
            break


def label_line_names(
    labeller: Labeller, network: RailNetwork, scene: Scene, fontsize: float
) -> None:
    """One label per line family, along its longest section that has room for it."""
    sections = network.sections
    families: dict[str, list[tuple[float, str]]] = {}
    for sid, line in zip(sections.index, sections["line"], strict=True):
        if sid not in scene.section_xy:
            continue
        length = sum(float(np.hypot(*np.diff(xy, axis=0).T).sum()) for xy in scene.section_xy[sid])
        families.setdefault(line_family(line), []).append((length, sid))
    ranked = sorted(families.items(), key=lambda kv: -sum(length for length, _ in kv[1]))
    for rank, (family, members) in enumerate(ranked[:MAX_LEGEND_LINES]):
        # the two main lines get big labels; short lines smaller ones that may overhang a bit
        size, weight, overhang = (
            (fontsize, "bold", 1.3) if rank < 2 else (fontsize - 1.5, "bold", 1.8)
        )
        longest = sorted(members, reverse=True)[:6]
        polylines = [xy for _, sid in longest for xy in scene.section_xy[sid]]
        for xy in polylines:
            if label_along(
                labeller, family, scene.family_colour[family], size, weight, overhang, xy
            ):
                break


def label_along(labeller, text, colour, size, weight, overhang, xy) -> bool:
    """Label a polyline (data coordinates) at the first of a few spots along it with room."""
    px = labeller.ax.transData.transform(xy)
    seg = np.hypot(*np.diff(px, axis=0).T)
    total = seg.sum()
    if total < 10:
        return False
    cum = np.concatenate([[0.0], np.cumsum(seg)])
    return any(
        _place_line_label(labeller, text, colour, size, weight, overhang, px, cum, total, frac)
        for frac in (0.5, 0.38, 0.62, 0.26, 0.74)
    )


def _place_line_label(
    labeller, text, colour, fontsize, weight, overhang, px, cum, total, frac
) -> bool:
    """Try a label centred at `frac` along a polyline in pixels, rotated with it, offset off it."""
    at = frac * total
    k = int(np.clip(np.searchsorted(cum, at) - 1, 0, len(px) - 2))
    # the direction over a stretch of the line, not one tiny segment
    lo = px[np.searchsorted(cum, max(at - 0.15 * total, 0), side="right") - 1]
    hi = px[min(np.searchsorted(cum, min(at + 0.15 * total, total)), len(px) - 1)]
    dx, dy = hi - lo
    if dx < 0:
        dx, dy = -dx, -dy
    angle = math.degrees(math.atan2(dy, dx))
    t = (at - cum[k]) / max(cum[k + 1] - cum[k], 1e-9)
    centre = px[k] + t * (px[k + 1] - px[k])
    norm = np.array([-dy, dx]) / max(math.hypot(dx, dy), 1e-9)
    for side in (1, -1):
        pos = centre + side * norm * fontsize * 1.1 * labeller.fig.dpi / 72
        data_xy = labeller.ax.transData.inverted().transform(pos)
        artist = labeller.ax.text(
            *data_xy, text, rotation=angle, rotation_mode="anchor", ha="center", va="center",
            fontsize=fontsize, fontweight=weight, color=colour, path_effects=HALO, zorder=12,
            transform_rotates_text=False, parse_math=False,
        )  # fmt: skip
        artist.set_rotation(0)
        flat = artist.get_window_extent(labeller.renderer)
        artist.set_rotation(angle)
        # a label much longer than the stretch it names would point at the wrong place
        if flat.width > total * overhang:
            artist.remove()
            return False
        half_w, half_h = flat.width * 0.52, flat.height * 0.55
        outline = shapely.affinity.rotate(
            box(pos[0] - half_w, pos[1] - half_h, pos[0] + half_w, pos[1] + half_h),
            angle,
            origin=(pos[0], pos[1]),
        )
        if labeller.try_place(artist, shape=outline):
            return True
    return False


def label_countries(ax: Axes, scene: Scene, fontsize: float, labeller: Labeller) -> None:
    """Faint country names in open land, away from lines and labels; they give way to all else.

    The axes is cut into cells; a name goes to the cell of the country that is farthest both
    from any drawn line or label and from the country's edge.
    """
    area = labeller.area
    cell = 10.0  # px
    nx, ny = max(int(area.width / cell), 1), max(int(area.height / cell), 1)
    busy = np.zeros((ny, nx), dtype=bool)
    if len(labeller.line_px):
        col = ((labeller.line_px[:, 0] - area.x0) / cell).astype(int)
        row = ((labeller.line_px[:, 1] - area.y0) / cell).astype(int)
        ok = (col >= 0) & (col < nx) & (row >= 0) & (row < ny)
        busy[row[ok], col[ok]] = True
    for x0, y0, x1, y1 in labeller.obstacles():
        c0, c1 = int((x0 - area.x0) / cell), int(np.ceil((x1 - area.x0) / cell))
        r0, r1 = int((y0 - area.y0) / cell), int(np.ceil((y1 - area.y0) / cell))
        busy[max(r0, 0) : max(r1, 0), max(c0, 0) : max(c1, 0)] = True
    room = distance_transform_edt(~busy) if busy.any() else np.full(busy.shape, float(nx + ny))
    centres_px = np.column_stack(
        [
            np.tile(area.x0 + (np.arange(nx) + 0.5) * cell, ny),
            np.repeat(area.y0 + (np.arange(ny) + 0.5) * cell, nx),
        ]
    )
    centres = ax.transData.inverted().transform(centres_px)
    for name, geom in scene.countries:
        inside = shapely.contains_xy(geom, centres[:, 0], centres[:, 1]).reshape(ny, nx)
        if inside.sum() < 0.004 * nx * ny:
            continue
        score = (np.minimum(room, distance_transform_edt(inside)) * inside).ravel()
        size = fontsize * (1.5 if inside.sum() > 0.05 * nx * ny else 1.0)
        # the roomiest cells first; the first where the whole name fits wins
        for best in np.argsort(-score)[:40]:
            if score[best] < 2:
                break
            x, y = centres[best]
            artist = ax.text(
                x, y, name.upper(), ha="center", va="center", fontsize=size,
                color=COUNTRY_LABEL_COLOUR, fontweight="bold", zorder=2,
            )  # fmt: skip
            if labeller.try_place(artist):
                break
