"""Draw a rail network on a map: sections coloured by line, structures, closures, incidents.

The map is drawn with matplotlib's Agg canvas only (no screen, no pyplot state) over
country outlines shipped with the package (``data/countries.geojson``, Natural Earth,
public domain). The projection is an equidistant conic computed here (Snyder 1987,
*Map Projections: A Working Manual*, pp. 111-115), so nothing is downloaded at run time.
Projected coordinates are kilometres.
"""

from __future__ import annotations

import json
import math
import os
import re
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import shapely
import shapely.affinity
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import PathPatch
from matplotlib.path import Path as MplPath
from matplotlib.patheffects import withStroke
from matplotlib.transforms import Bbox
from scipy.ndimage import distance_transform_edt
from shapely.geometry import box

from railwatch.network.model import RailNetwork

EARTH_RADIUS_KM = 6371.0
COUNTRIES_SOURCE = "Natural Earth 1:110m Admin 0 countries (public domain)"

SEA_COLOUR = "#dfeaf2"
LAND_COLOUR = "#f6f3ea"
BORDER_COLOUR = "#a59f8f"
COUNTRY_LABEL_COLOUR = "#b3ab98"
CLOSED_COLOUR = "#e3000f"  # pure-ish red, kept out of the line palette
PARTIAL_COLOUR = "#ff8c00"
HIGHLIGHT_COLOUR = "#ffd92f"
INCIDENT_FACE = "#ffe100"

# Qualitative colours for lines, strongest first; no reds (closures are red).
LINE_PALETTE = (
    "#1f4e9c",  # blue
    "#1a9641",  # green
    "#7b3294",  # purple
    "#ff7f0e",  # orange
    "#17a2b8",  # cyan
    "#8c564b",  # brown
    "#bcbd22",  # olive
    "#525252",  # dark grey
    "#e6ab02",  # gold
    "#1f9e89",  # teal
    "#6a51a3",  # violet
    "#4393c3",  # light blue
    "#a6761d",  # ochre
    "#66a61e",  # lime
    "#b35806",  # rust
    "#35978f",  # sea green
    "#9e9ac8",  # lavender
    "#878787",  # grey
    "#80b1d3",  # pale blue
    "#b2df8a",  # pale green
)

NODE_STYLE = {  # kind -> (marker, size, face, edge)
    "border_crossing": ("D", 6.5, "#ffffff", "#222222"),
    "port": ("s", 6.0, "#08306b", "#ffffff"),
    "junction": ("o", 5.5, "#ffffff", "#222222"),
    "depot": ("P", 6.0, "#636363", "#ffffff"),
    "yard": ("P", 6.0, "#636363", "#ffffff"),
    "station": ("o", 3.5, "#444444", "#ffffff"),
}
NODE_KIND_LABELS = {
    "border_crossing": "border crossing",
    "port": "port",
    "junction": "junction",
    "depot": "depot / yard",
    "yard": "depot / yard",
    "station": "station",
}
# Label order on a crowded map: the places readers look for first.
NODE_LABEL_PRIORITY = {"border_crossing": 0, "port": 1, "junction": 2, "depot": 4, "yard": 4}
STRUCTURE_STYLE = {  # kind -> (marker, size, face, edge); other kinds are shown by their section
    "tunnel": ("^", 8.5, "#5b3a1a", "#ffffff"),
    "bridge": ("h", 8.0, "#2b8cbe", "#ffffff"),
    "viaduct": ("p", 8.5, "#d95f02", "#ffffff"),
}


# Caps that keep a national network (thousands of nodes and lines) quick and readable.
MAX_NODE_LABELS = 70  # per axes
MAX_NODE_LABEL_TRIES = 400
MAX_LEGEND_LINES = 20


class MapError(ValueError):
    """The map cannot be drawn or written; the message says what and where."""


def _lat(value: float) -> str:
    return f"{abs(value):g}°{'N' if value >= 0 else 'S'}"


def _lon(value: float) -> str:
    return f"{abs(value):g}°{'E' if value >= 0 else 'W'}"


@dataclass(frozen=True)
class EquidistantConic:
    """Equidistant conic on a sphere (Snyder 1987, eqs. 16-18 ff.): x, y in km.

    Distances are true along every meridian and along the two standard parallels.
    When the cone flattens into a cylinder (parallels near the equator) it falls back to
    the equirectangular projection, so small test networks at latitude 0 still draw.
    """

    lon0: float
    lat0: float
    lat1: float
    lat2: float
    radius_km: float = EARTH_RADIUS_KM

    @classmethod
    def for_extent(cls, lon_min: float, lat_min: float, lon_max: float, lat_max: float):
        """Standard parallels at 1/6 and 5/6 of the latitude range (a classic rule of thumb)."""
        span = lat_max - lat_min
        return cls(
            lon0=round((lon_min + lon_max) / 2, 2),
            lat0=round((lat_min + lat_max) / 2, 2),
            lat1=round(lat_min + span / 6, 2),
            lat2=round(lat_max - span / 6, 2),
        )

    @property
    def _cone(self) -> tuple[float, float]:
        """(n, G): the cone constant and Snyder's G, both for radians."""
        p1, p2 = math.radians(self.lat1), math.radians(self.lat2)
        n = (math.cos(p1) - math.cos(p2)) / (p2 - p1) if abs(p2 - p1) > 1e-9 else math.sin(p1)
        if abs(n) < 1e-3:
            return 0.0, 0.0
        return n, math.cos(p1) / n + p1

    def forward(self, lon: Any, lat: Any) -> tuple[np.ndarray, np.ndarray]:
        """Project degrees to km."""
        lam = np.radians(np.asarray(lon, dtype=float) - self.lon0)
        phi = np.radians(np.asarray(lat, dtype=float))
        n, g = self._cone
        R = self.radius_km
        if n == 0.0:
            x = R * math.cos(math.radians(self.lat0)) * lam
            return x, R * (phi - math.radians(self.lat0))
        rho = R * (g - phi)
        rho0 = R * (g - math.radians(self.lat0))
        theta = n * lam
        return rho * np.sin(theta), rho0 - rho * np.cos(theta)

    def inverse(self, x: Any, y: Any) -> tuple[np.ndarray, np.ndarray]:
        """Unproject km to degrees (lon, lat)."""
        x = np.asarray(x, dtype=float)
        y = np.asarray(y, dtype=float)
        n, g = self._cone
        R = self.radius_km
        if n == 0.0:
            lam = x / (R * math.cos(math.radians(self.lat0)))
            return np.degrees(lam) + self.lon0, np.degrees(y / R + math.radians(self.lat0))
        rho0 = R * (g - math.radians(self.lat0))
        rho = np.sign(n) * np.hypot(x, rho0 - y)
        theta = np.arctan2(np.sign(n) * x, np.sign(n) * (rho0 - y))
        return np.degrees(theta / n) + self.lon0, np.degrees(g - rho / R)

    def geometry(self, geom: shapely.Geometry, max_step_deg: float = 0.5) -> shapely.Geometry:
        """Project a lon/lat geometry, adding vertices so long straight edges bend as they should."""
        # GEOS refuses to segmentize zero-length lines (two identical points)
        dense = shapely.segmentize(geom, max_step_deg) if shapely.length(geom) > 0 else geom
        return shapely.transform(
            dense, lambda xy: np.column_stack(self.forward(xy[:, 0], xy[:, 1]))
        )

    def describe(self) -> str:
        n, _ = self._cone
        if n == 0.0:
            return f"equirectangular projection, centred on {_lon(self.lon0)}"
        return (
            f"equidistant conic projection, standard parallels {_lat(self.lat1)} and "
            f"{_lat(self.lat2)}, central meridian {_lon(self.lon0)}"
        )


@dataclass(frozen=True)
class Inset:
    """A zoomed panel around named places (resolved with `RailNetwork.lookup`)."""

    title: str
    places: tuple[str, ...]
    pad_deg: float = 0.25


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
)


@lru_cache(maxsize=1)
def _countries_cached() -> gpd.GeoDataFrame:
    ref = resources.files("railwatch.network") / "data" / "countries.geojson"
    with resources.as_file(ref) as path:
        fc = json.loads(Path(path).read_text(encoding="utf-8"))
    frame = gpd.GeoDataFrame.from_features(fc["features"], crs="EPSG:4326")
    frame.attrs["source"] = fc.get("source", COUNTRIES_SOURCE)
    return frame


def load_countries() -> gpd.GeoDataFrame:
    """The shipped country outlines: columns name, iso_a3, continent, geometry (EPSG:4326)."""
    return _countries_cached().copy()


def line_family(line: Any) -> str:
    """A line's name without its trailing parenthesis: 'BAM (Severomuysky bypass)' -> 'BAM'."""
    if not isinstance(line, str) or not line.strip():
        return "(unnamed line)"
    short = re.sub(r"\s*\([^()]*\)\s*$", "", line.strip())
    return short or line.strip()


def display_name(name: Any, fallback: str) -> str:
    """A place name for a map label: 'Ust-Kut (Lena station)' -> 'Ust-Kut'."""
    if not isinstance(name, str) or not name.strip():
        return fallback
    return re.sub(r"\s*\([^()]*\)\s*$", "", name.strip()) or name.strip()


def line_detail(line: Any) -> str:
    """The trailing parenthesis of a line name: 'BAM (Severomuysky bypass, 1989)' -> its inside."""
    if not isinstance(line, str):
        return ""
    found = re.search(r"\(([^()]*)\)\s*$", line.strip())
    return found.group(1).strip() if found else ""


def _structure_label(row: Any, sid: str) -> str:
    """'Severomuysky Tunnel' over '15.3 km' (two short lines fit an inset better than one)."""
    text = display_name(row["name"], sid)
    length = row.get("length_m")
    if not pd_isna(length):
        text += f"\n{length / 1000:.1f} km" if length >= 1000 else f"\n{length:.0f} m"
    return text


def line_colours(network: RailNetwork) -> dict[str, str]:
    """Colour per line family, longest family first so the trunk lines get the clearest colours."""
    sections = network.sections
    if sections.empty:
        return {}
    lengths: dict[str, float] = {}
    for line, km in zip(sections["line"], sections["length_km"], strict=True):
        family = line_family(line)
        lengths[family] = lengths.get(family, 0.0) + (0.0 if pd_isna(km) else float(km))
    ordered = sorted(lengths, key=lambda f: (-lengths[f], f))
    return {f: LINE_PALETTE[i % len(LINE_PALETTE)] for i, f in enumerate(ordered)}


def pd_isna(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


# ---- inputs -----------------------------------------------------------------------------------


def _split_closure(token: str, network: RailNetwork) -> tuple[str, float]:
    """'ID' -> (ID, 0.0); 'ID:0.5' -> (ID, 0.5) when ID:0.5 is not itself an id."""
    if network.kind_of(token) is None and ":" in token:
        base, _, tail = token.rpartition(":")
        try:
            left = float(tail)
        except ValueError:
            return token, 0.0
        if 0.0 <= left <= 1.0:
            return base, left
    return token, 0.0


def _resolve_sections(
    network: RailNetwork, ids: Iterable[str], what: str
) -> tuple[dict[str, float], list[str]]:
    """Section ids (structures map to their section) with capacity left, and node ids."""
    sections: dict[str, float] = {}
    nodes: list[str] = []
    unknown: list[str] = []
    for token in ids:
        fid, left = _split_closure(str(token), network)
        kind = network.kind_of(fid)
        if kind == "section":
            sections[fid] = min(left, sections.get(fid, 1.0))
        elif kind == "structure":
            sid = network.structures.at[fid, "section"]
            sections[sid] = min(left, sections.get(sid, 1.0))
        elif kind == "node":
            nodes.append(fid)
        else:
            unknown.append(fid)
    if unknown:
        hints = []
        for fid in unknown[:5]:
            matches = network.lookup(fid)
            if matches:
                hints.append(f"{fid!r} (did you mean {matches[0].id!r}?)")
            else:
                hints.append(repr(fid))
        raise MapError(
            f"{what}: unknown id(s) in network {network.name}: {', '.join(hints)}; "
            "expected section, structure or node ids"
        )
    return sections, nodes


@dataclass(frozen=True)
class _Incident:
    lon: float
    lat: float
    label: str


def _incident_points(network: RailNetwork, incidents: Iterable[Any]) -> tuple[list[_Incident], int]:
    """Incident markers from dicts (lat, lon, label) or objects with .location; and how many lack a place."""
    points: list[_Incident] = []
    unplaced = 0
    for i, item in enumerate(incidents):
        if isinstance(item, dict):
            try:
                lat, lon = float(item["lat"]), float(item["lon"])
            except (KeyError, TypeError, ValueError):
                raise MapError(
                    f"incidents[{i}]: expected numbers 'lat' and 'lon', got "
                    f"lat={item.get('lat')!r}, lon={item.get('lon')!r}"
                ) from None
            label = str(item.get("label") or item.get("type") or f"incident {i + 1}")
        else:
            location = getattr(item, "location", None)
            lat = getattr(location, "lat", None)
            lon = getattr(location, "lon", None)
            if (lat is None or lon is None) and getattr(location, "id", None):
                lon, lat = _feature_point(network, location.id) or (None, None)
            if lat is None or lon is None:
                unplaced += 1
                continue
            label = getattr(item, "label", None) or _incident_label(item)
        if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
            raise MapError(f"incidents[{i}]: lat/lon out of range: lat={lat}, lon={lon}")
        points.append(_Incident(float(lon), float(lat), str(label)))
    return points, unplaced


def _incident_label(item: Any) -> str:
    kind = str(getattr(item, "type", "") or "incident")
    occurred = getattr(item, "occurred", None)
    start = getattr(occurred, "start", None)
    return f"{kind} {start.isoformat()}" if start is not None else kind


def _feature_point(network: RailNetwork, fid: str) -> tuple[float, float] | None:
    """A representative (lon, lat) for a node, section or structure id."""
    kind = network.kind_of(fid)
    if kind is None:
        return None
    frame = {"node": network.nodes, "section": network.sections, "structure": network.structures}
    geom = frame[kind].geometry.loc[fid]
    if geom is None or geom.is_empty:
        if kind == "structure":
            return _feature_point(network, network.structures.at[fid, "section"])
        return None
    point = geom if geom.geom_type == "Point" else geom.interpolate(0.5, normalized=True)
    return point.x, point.y


# ---- geometry helpers -------------------------------------------------------------------------


def _network_bounds(network: RailNetwork, extra: list[_Incident]) -> tuple[float, ...]:
    geoms = list(network.nodes.geometry) + list(network.sections.geometry)
    geoms += [shapely.Point(p.lon, p.lat) for p in extra]
    geoms = [g for g in geoms if g is not None and not g.is_empty]
    if not geoms:
        raise MapError(f"network {network.name}: nothing to draw (no nodes or sections)")
    return tuple(shapely.total_bounds(np.array(geoms, dtype=object)))


def _fit_limits(
    xmin: float, ymin: float, xmax: float, ymax: float, aspect: float, pad: float = 0.04
) -> tuple[float, float, float, float]:
    """Pad a box and widen it to width/height == aspect, keeping its centre."""
    w = max(xmax - xmin, 1.0)
    h = max(ymax - ymin, 1.0)
    w, h = w * (1 + 2 * pad), h * (1 + 2 * pad)
    if w / h < aspect:
        w = h * aspect
    else:
        h = w / aspect
    cx, cy = (xmin + xmax) / 2, (ymin + ymax) / 2
    return cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2


def _lonlat_window(proj: EquidistantConic, limits: tuple[float, ...]) -> shapely.Polygon:
    """The lon/lat box that covers a projected view rectangle (with a margin)."""
    x0, y0, x1, y1 = limits
    t = np.linspace(0, 1, 60)
    xs = np.concatenate(
        [x0 + (x1 - x0) * t, np.full_like(t, x1), x1 - (x1 - x0) * t, np.full_like(t, x0)]
    )
    ys = np.concatenate(
        [np.full_like(t, y0), y0 + (y1 - y0) * t, np.full_like(t, y1), y1 - (y1 - y0) * t]
    )
    lon, lat = proj.inverse(xs, ys)
    margin = 2.0
    return box(
        max(lon.min() - margin, -180.0),
        max(lat.min() - margin, -89.0),
        min(lon.max() + margin, 180.0),
        min(lat.max() + margin, 89.0),
    )


def _polygon_path(geom: shapely.Geometry) -> MplPath | None:
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


def _line_xy(geom: shapely.Geometry) -> list[np.ndarray]:
    return [np.asarray(part.coords) for part in shapely.get_parts(geom) if not part.is_empty]


# ---- the drawing itself -----------------------------------------------------------------------


@dataclass
class _Scene:
    """Everything projected once and shared by the main map and the insets."""

    proj: EquidistantConic
    countries: list[tuple[str, shapely.Geometry]]  # projected
    section_xy: dict[str, list[np.ndarray]]
    section_colour: dict[str, str]
    node_xy: dict[str, tuple[float, float]]
    structure_xy: dict[str, tuple[float, float]]
    closed: dict[str, float]
    closed_nodes: list[str]
    highlight: set[str]
    incidents: list[tuple[float, float, str]]
    line_px: np.ndarray | None = None  # main-map line samples in pixels, made on first use
    node_px: np.ndarray | None = None


def _build_scene(
    network: RailNetwork,
    proj: EquidistantConic,
    closed: dict[str, float],
    closed_nodes: list[str],
    highlight: set[str],
    incidents: list[_Incident],
) -> _Scene:
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
        point = _feature_point(network, sid)
        if point is not None:
            x, y = proj.forward(*point)
            structure_xy[sid] = (float(x), float(y))
    incident_xy = []
    for inc in incidents:
        x, y = proj.forward(inc.lon, inc.lat)
        incident_xy.append((float(x), float(y), inc.label))
    return _Scene(
        proj, [], section_xy, section_colour, node_xy, structure_xy,
        closed, closed_nodes, highlight, incident_xy,
    )  # fmt: skip


def _project_countries(
    proj: EquidistantConic, window: shapely.Polygon
) -> list[tuple[str, shapely.Geometry]]:
    countries = _countries_cached()
    projected = []
    for name, geom in zip(countries["name"], countries.geometry, strict=True):
        if geom is not None and geom.intersects(window):
            projected.append((name, proj.geometry(geom.intersection(window), 1.0)))
    return projected


def _draw_layers(ax: Axes, network: RailNetwork, scene: _Scene, scale: float) -> None:
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
        double = not pd_isna(tracks.get(sid)) and float(tracks.get(sid)) >= 2
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


class _Labeller:
    """Greedy label placement: a label is drawn only where it overlaps nothing already placed."""

    def __init__(self, fig: Figure, ax: Axes, obstacles: list[Bbox] | None = None):
        self.fig = fig
        self.ax = ax
        self.renderer = fig.canvas.get_renderer()
        self._boxes = np.empty((0, 4))  # x0, y0, x1, y1 of everything placed, in pixels
        self.area = ax.get_window_extent(self.renderer)
        self.line_px = np.empty((0, 2))
        self._shapes: list[shapely.Polygon] = []  # outlines of rotated labels
        for bbox in obstacles or []:
            self.block(bbox)

    def block(self, bbox: Bbox) -> None:
        self._boxes = np.vstack([self._boxes, [bbox.x0, bbox.y0, bbox.x1, bbox.y1]])

    def obstacles(self) -> np.ndarray:
        return self._boxes

    def add_lines(self, polylines: Iterable[np.ndarray], step_px: float = 3.0) -> None:
        """Sample drawn lines every few pixels, so labels can prefer not to sit on them."""
        self.line_px = np.concatenate(
            [self.line_px, _sample_polylines(self.ax, polylines, step_px)]
        )

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


HALO = [withStroke(linewidth=2.6, foreground="white")]
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


def _label_point(labeller: _Labeller, xy, text: str, *, fontsize: float, weight="normal",
                 colour="#111111", style="normal") -> bool:  # fmt: skip
    # first look for a spot off the lines; a label across a line is better than none
    for avoid_lines in (True, False):
        for dx, dy, ha, va in NODE_OFFSETS:
            artist = labeller.ax.annotate(
                text, xy, xytext=(dx, dy), textcoords="offset points", ha=ha, va=va,
                fontsize=fontsize, fontweight=weight, color=colour, fontstyle=style,
                path_effects=HALO, zorder=12, annotation_clip=True, parse_math=False,
            )  # fmt: skip
            if labeller.try_place(artist, avoid_lines):
                return True
    return False


def _label_nodes(labeller: _Labeller, network: RailNetwork, scene: _Scene, fontsize: float,
                 only_main: bool) -> None:  # fmt: skip
    """Node labels, most important first; stations only where there is room (or in insets)."""
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
        order.append((rank, -degree.get(nid, 0), nid, display_name(name, nid), kind))
    order.sort()
    x0, x1 = labeller.ax.get_xlim()
    y0, y1 = labeller.ax.get_ylim()
    placed = 0
    for rank, _, nid, text, _kind in order[:MAX_NODE_LABEL_TRIES]:
        x, y = scene.node_xy[nid]
        if not (x0 <= x <= x1 and y0 <= y <= y1):
            continue
        big = fontsize * 0.92 if only_main and rank >= 5 else fontsize
        weight = "bold" if rank <= 1 else "normal"
        placed += _label_point(labeller, (x, y), text, fontsize=big, weight=weight)
        if placed >= MAX_NODE_LABELS:
            break


def _label_lines(labeller: _Labeller, network: RailNetwork, scene: _Scene, fontsize: float,
                 colours: dict[str, str]) -> None:  # fmt: skip
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
            if _label_along(labeller, family, colours[family], size, weight, overhang, xy):
                break


def _label_along(labeller, text, colour, size, weight, overhang, xy) -> bool:
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


def _label_countries(ax: Axes, scene: _Scene, fontsize: float, labeller: _Labeller) -> None:
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
            artist = ax.text(
                *centres[best], name.upper(), ha="center", va="center", fontsize=size,
                color=COUNTRY_LABEL_COLOUR, fontweight="bold", zorder=2,
            )  # fmt: skip
            if labeller.try_place(artist):
                break


def _scale_bar(ax: Axes, fontsize: float) -> None:
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


def _legend_handles(
    network: RailNetwork, scene: _Scene, colours: dict[str, str], scale: float = 1.0
):
    shown = list(colours.items())[:MAX_LEGEND_LINES]
    handles = [Line2D([], [], color=c, lw=2.6 * scale, label=f) for f, c in shown]
    if len(colours) > len(shown):
        more = len(colours) - len(shown)
        handles.append(Line2D([], [], color="none", label=f"+ {more} shorter lines"))
    kinds = set(network.nodes["kind"].fillna("station"))
    seen = set()
    for kind in NODE_STYLE:
        label = NODE_KIND_LABELS[kind]
        if kind in kinds and label not in seen:
            seen.add(label)
            marker, size, face, edge = NODE_STYLE[kind]
            handles.append(Line2D([], [], ls="none", marker=marker, ms=size * scale, mfc=face, mec=edge,
                                  label=label))  # fmt: skip
    present = set(network.structures["kind"])
    for kind, (marker, size, face, edge) in STRUCTURE_STYLE.items():
        if kind in present:
            handles.append(Line2D([], [], ls="none", marker=marker, ms=size * scale, mfc=face, mec=edge,
                                  label=kind))  # fmt: skip
    if any(v <= 0 for v in scene.closed.values()) or scene.closed_nodes:
        handles.append(
            Line2D([], [], color=CLOSED_COLOUR, lw=3 * scale, ls=(0, (3, 1.6)), label="closed")
        )
    if any(v > 0 for v in scene.closed.values()):
        handles.append(Line2D([], [], color=PARTIAL_COLOUR, lw=3 * scale, ls=(0, (3, 1.6)),
                              label="reduced capacity"))  # fmt: skip
    if scene.highlight:
        handles.append(
            Line2D([], [], color=HIGHLIGHT_COLOUR, lw=7 * scale, alpha=0.8, label="highlighted")
        )
    if scene.incidents:
        handles.append(Line2D([], [], ls="none", marker="*", ms=13 * scale, mfc=INCIDENT_FACE, mec="black",
                              label="incident"))  # fmt: skip
    return handles


def _sample_polylines(ax: Axes, polylines: Iterable[np.ndarray], step_px: float) -> np.ndarray:
    """Points every `step_px` pixels along lines, in display space, only those on `ax`."""
    area = ax.get_window_extent(ax.figure.canvas.get_renderer())
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
    x, y = px[:, 0], px[:, 1]
    return int(((x >= bbox.x0) & (x <= bbox.x1) & (y >= bbox.y0) & (y <= bbox.y1)).sum())


def _crowding(ax: Axes, scene: _Scene, bbox: Bbox) -> float:
    """How much of the network a display-space box would hide: pixels of line, plus nodes."""
    if scene.line_px is None:
        polylines = [xy for parts in scene.section_xy.values() for xy in parts]
        scene.line_px = _sample_polylines(ax, polylines, 3.0)
        scene.node_px = ax.transData.transform(
            np.array(list(scene.node_xy.values())).reshape(-1, 2)
        )
    return 1.0 * _count_inside(scene.line_px, bbox) + 150.0 * _count_inside(scene.node_px, bbox)


INSET_SIZE = (0.21, 0.34)  # axes fraction
# lower-left corners the insets may take, on a grid over the whole map
INSET_SLOTS = tuple(
    (round(x, 3), round(y, 3))
    for y in np.linspace(0.006, 1 - INSET_SIZE[1] * 1.12 - 0.006, 5)
    for x in np.linspace(0.006, 1 - INSET_SIZE[0] - 0.006, 13)
)


def _choose_inset_slot(
    ax: Axes, scene: _Scene, lonlat_box: tuple[float, ...], taken: list[Bbox]
) -> tuple[float, tuple[float, float], Bbox] | None:
    """(cost, slot, box) of the slot that hides the least, not its own target, near its target."""
    area = ax.get_window_extent(ax.figure.canvas.get_renderer())
    target = scene.proj.geometry(box(*lonlat_box)).bounds
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
        cost = _crowding(ax, scene, bb) + 300 * distance
        if best is None or cost < best[0] - 1e-6:
            best = (cost, slot, bb)
    return best


def _layout(
    ax: Axes, network: RailNetwork, scene: _Scene, fontsize: float, inset_boxes: list
) -> tuple[dict, list]:
    """Legend options and inset slots chosen together, hiding the least of the network."""
    renderer = ax.figure.canvas.get_renderer()
    handles = _legend_handles(network, scene, line_colours(network), fontsize / 8.0)
    best = None
    for ncol in (2, 3):
        for loc in ("lower left", "upper left", "lower center", "upper center", "upper right",
                    "lower right", "center left", "center right"):  # fmt: skip
            options = dict(
                handles=handles, loc=loc, fontsize=fontsize - 0.5, ncol=ncol, framealpha=0.92,
                borderaxespad=0.6, title="Lines and symbols", title_fontsize=fontsize,
            )  # fmt: skip
            legend_box = ax.legend(**options).get_window_extent(renderer)
            cost = _crowding(ax, scene, legend_box) + legend_box.width * legend_box.height / 2000
            taken = [legend_box]
            slots = []
            for inset, lonlat_box in inset_boxes:
                choice = _choose_inset_slot(ax, scene, lonlat_box, taken)
                if choice is None:
                    cost += 5000  # an inset that finds no room is lost
                    continue
                cost += choice[0]
                taken.append(choice[2])
                slots.append((inset, lonlat_box, choice[1]))
            if best is None or cost < best[0] - 1e-6:
                best = (cost, options, slots)
    return best[1], best[2]


def _resolve_inset(network: RailNetwork, inset: Inset) -> tuple[float, float, float, float] | None:
    """Lon/lat box around the inset's places that the network has, or None when fewer than two."""
    geoms = []
    for place in inset.places:
        matches = network.lookup(place)
        if not matches:
            continue
        m = matches[0]
        frame = {"node": network.nodes, "section": network.sections,
                 "structure": network.structures}[m.kind]  # fmt: skip
        geom = frame.geometry.loc[m.id]
        if geom is not None and not geom.is_empty:
            geoms.append(geom)
    if len(geoms) < 2:
        return None
    x0, y0, x1, y1 = shapely.total_bounds(np.array(geoms, dtype=object))
    p = inset.pad_deg
    return x0 - p, y0 - p, x1 + p, y1 + p


def _draw_inset(fig: Figure, ax: Axes, network: RailNetwork, scene: _Scene, inset: Inset,
                lonlat_box, slot, fontsize: float) -> Axes:  # fmt: skip
    fig_box = ax.get_position()
    left = fig_box.x0 + slot[0] * fig_box.width
    bottom = fig_box.y0 + slot[1] * fig_box.height
    width, height = INSET_SIZE[0] * fig_box.width, INSET_SIZE[1] * fig_box.height
    inset_ax = fig.add_axes([left, bottom, width, height], zorder=20)
    outline = scene.proj.geometry(box(*lonlat_box), 0.05)
    fig_w, fig_h = fig.get_size_inches()
    aspect = (width * fig_w) / (height * fig_h)
    limits = _fit_limits(*outline.bounds, aspect, pad=0.02)
    inset_ax.set_xlim(limits[0], limits[2])
    inset_ax.set_ylim(limits[1], limits[3])
    inset_ax.set_aspect("equal", adjustable="box")
    inset_ax.set_xticks([])
    inset_ax.set_yticks([])
    for spine in inset_ax.spines.values():
        spine.set_edgecolor("#333333")
        spine.set_linewidth(1.0)
    _draw_layers(inset_ax, network, scene, scale=1.15)
    inset_ax.set_title(
        inset.title, fontsize=fontsize + 0.5, fontweight="bold", pad=3, parse_math=False
    )
    labeller = _Labeller(fig, inset_ax)
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
            _label_point(labeller, (x, y), _structure_label(row, sid), fontsize=fontsize - 0.5,
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
            if seen.geom_type == "LineString" and _label_along(
                labeller, detail, scene.section_colour[sid], fontsize - 0.5, "normal", 1.6,
                np.asarray(seen.coords),
            ):  # fmt: skip
                break
    _label_nodes(labeller, network, scene, fontsize, only_main=False)
    for x, y, text in scene.incidents:
        if x0 <= x <= x1 and y0 <= y <= y1:
            _label_point(labeller, (x, y), text, fontsize=fontsize - 0.5, weight="bold")
    ax.indicate_inset_zoom(inset_ax, edgecolor="#333333", alpha=0.9, lw=0.9)
    return inset_ax


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
        Zoomed panels around dense places; the default two (Severomuysky, Khasan/Primorye)
        appear only when the network has those places. ``None`` or ``()`` for none.

    Returns the figure (Agg canvas; no window is opened). Raises `MapError` for unknown ids,
    bad incidents or an output path that cannot be written; a failed write leaves no file.
    """
    closed, closed_nodes = _resolve_sections(network, closed_sections, "closed_sections")
    highlighted, _ = _resolve_sections(network, highlight_sections, "highlight_sections")
    points, unplaced = _incident_points(network, incidents)
    if figsize[0] <= 0 or figsize[1] <= 0 or dpi <= 0:
        raise MapError(f"figsize and dpi must be positive, got figsize={figsize}, dpi={dpi}")

    fig = Figure(figsize=figsize, dpi=dpi, facecolor="white")
    FigureCanvasAgg(fig)
    ax = fig.add_axes([0.008, 0.035, 0.984, 0.9])
    ax.set_xticks([])
    ax.set_yticks([])

    proj = EquidistantConic.for_extent(*_network_bounds(network, points))
    scene = _build_scene(network, proj, closed, closed_nodes, set(highlighted), points)
    # fit the projected data, not the lon/lat box: the conic bends that box into a fan
    data_xy = np.concatenate(
        [xy for parts in scene.section_xy.values() for xy in parts]
        + [np.array(list(scene.node_xy.values())).reshape(-1, 2)]
        + [np.array([(x, y) for x, y, _ in scene.incidents]).reshape(-1, 2)]
    )
    box_in = ax.get_position()
    aspect = (box_in.width * figsize[0]) / (box_in.height * figsize[1])
    limits = _fit_limits(*data_xy.min(axis=0), *data_xy.max(axis=0), aspect, pad=0.035)
    ax.set_xlim(limits[0], limits[2])
    ax.set_ylim(limits[1], limits[3])
    ax.set_aspect("equal", adjustable="box")
    scene.countries = _project_countries(proj, _lonlat_window(proj, limits))
    # below ~6.5 pt labels stop being readable: small figures keep their fonts and show fewer
    scale = min(1.0, max(0.8, figsize[0] / 16))
    fontsize = 8.0 * scale
    _draw_layers(ax, network, scene, scale)

    renderer = fig.canvas.get_renderer()
    resolved = [(inset, _resolve_inset(network, inset)) for inset in insets or ()]
    options, slots = _layout(ax, network, scene, fontsize, [r for r in resolved if r[1]])
    legend = ax.legend(**options)
    legend.set_zorder(15)
    for text in legend.get_texts():
        text.set_parse_math(False)
    legend_box = legend.get_window_extent(renderer)
    inset_boxes: list[Bbox] = []
    for inset, lonlat_box, slot in slots:
        inset_ax = _draw_inset(fig, ax, network, scene, inset, lonlat_box, slot, fontsize)
        inset_boxes.append(inset_ax.get_window_extent(renderer).expanded(1.02, 1.12))

    labeller = _Labeller(fig, ax, [legend_box, *inset_boxes])
    labeller.block_points(scene.node_xy.values(), 3.5)
    labeller.block_points(scene.structure_xy.values(), 4)
    labeller.add_lines(xy for parts in scene.section_xy.values() for xy in parts)
    for x, y, text in scene.incidents:
        _label_point(labeller, (x, y), text, fontsize=fontsize, weight="bold")
    if label_lines:
        _label_lines(labeller, network, scene, fontsize + 1.5, line_colours(network))
    _label_nodes(labeller, network, scene, fontsize, only_main=True)
    _label_countries(ax, scene, fontsize + 1, labeller)
    _scale_bar(ax, fontsize)

    if title is None:
        total = network.sections["length_km"].sum()
        title = f"{network.name}: {len(network.sections)} sections, {total:,.0f} km"
    fig.suptitle(
        title, x=0.01, y=0.975, ha="left", fontsize=fontsize * 1.9, fontweight="bold",
        parse_math=False,
    )  # fmt: skip
    note = (
        f"Country outlines: {COUNTRIES_SOURCE}. {proj.describe()[0].upper()}{proj.describe()[1:]}."
    )
    if unplaced:
        note += f" {unplaced} incident(s) without a location not shown."
    fig.text(0.992, 0.01, note, ha="right", va="bottom", fontsize=fontsize - 1, color="#555555")
    if path is not None:
        write_png(fig, path, dpi=dpi)
    return fig


def _file_mode(path: Path) -> int:
    """The mode the file has now, or the one a new file would get under the current umask."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_png(fig: Figure, path: str | os.PathLike, *, dpi: int = 150) -> Path:
    """Save `fig` as PNG through a temporary file in the same folder, then rename it into place."""
    path = Path(path)
    parent = path.parent
    if not parent.is_dir():
        raise MapError(f"{path}: cannot write the map: folder {parent} does not exist")
    if path.is_dir():
        raise MapError(f"{path}: cannot write the map: that is a folder, expected a .png file name")
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=parent)
        with os.fdopen(fd, "wb") as fh:
            fig.savefig(fh, format="png", dpi=dpi, facecolor=fig.get_facecolor())
        os.chmod(tmp, _file_mode(path))  # mkstemp makes 0600; a map is for sharing
        os.replace(tmp, path)
    except OSError as exc:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        raise MapError(f"{path}: cannot write the map ({exc.strerror or exc})") from exc
    except BaseException:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        raise
    return path
