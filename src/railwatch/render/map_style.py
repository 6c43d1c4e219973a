"""How the map looks: colours, markers, line names and the colour of each line."""

from __future__ import annotations

import math
import re
from typing import Any

from matplotlib.patheffects import withStroke

from railwatch.network.model import RailNetwork

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

# More line families than this share one "+ N shorter lines" legend entry and get no label.
MAX_LEGEND_LINES = 20

# A white outline keeps labels readable over lines and land.
HALO = [withStroke(linewidth=2.6, foreground="white")]

TRAILING_PARENTHESIS = re.compile(r"\s*\(([^()]*)\)\s*$")


def is_missing(value: Any) -> bool:
    """None or NaN (the two ways a network table leaves a number out)."""
    return value is None or (isinstance(value, float) and math.isnan(value))


def display_name(name: Any, fallback: str) -> str:
    """A place name for a map label: 'Ust-Kut (Lena station)' -> 'Ust-Kut'."""
    if not isinstance(name, str) or not name.strip():
        return fallback
    return TRAILING_PARENTHESIS.sub("", name.strip()) or name.strip()


def line_family(line: Any) -> str:
    """A line's name without its trailing parenthesis: 'BAM (Severomuysky bypass)' -> 'BAM'."""
    return display_name(line, "(unnamed line)")


def line_detail(line: Any) -> str:
    """The trailing parenthesis of a line name: 'BAM (Severomuysky bypass, 1989)' -> its inside."""
    if not isinstance(line, str):
        return ""
    found = TRAILING_PARENTHESIS.search(line.strip())
    return found.group(1).strip() if found else ""


def line_colours(network: RailNetwork) -> dict[str, str]:
    """Colour per line family, longest family first so the trunk lines get the clearest colours."""
    sections = network.sections
    if sections.empty:
        return {}
    lengths: dict[str, float] = {}
    for line, km in zip(sections["line"], sections["length_km"], strict=True):
        family = line_family(line)
        lengths[family] = lengths.get(family, 0.0) + (0.0 if is_missing(km) else float(km))
    ordered = sorted(lengths, key=lambda f: (-lengths[f], f))
    return {f: LINE_PALETTE[i % len(LINE_PALETTE)] for i, f in enumerate(ordered)}
