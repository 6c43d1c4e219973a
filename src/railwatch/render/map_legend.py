"""The legend, and where it and the insets go so they hide the least network."""

from __future__ import annotations

from matplotlib.axes import Axes
from matplotlib.lines import Line2D

from railwatch.network.model import RailNetwork
from railwatch.render.map_insets import choose_inset_slot
from railwatch.render.map_scene import Scene, crowding, renderer_of
from railwatch.render.map_style import (
    CLOSED_COLOUR,
    HIGHLIGHT_COLOUR,
    INCIDENT_FACE,
    MAX_LEGEND_LINES,
    NODE_KIND_LABELS,
    NODE_STYLE,
    PARTIAL_COLOUR,
    STRUCTURE_STYLE,
)


def legend_handles(
    network: RailNetwork, scene: Scene, colours: dict[str, str], scale: float = 1.0
) -> list[Line2D]:
    """Legend entries for the lines, and for only the symbols this map actually shows."""
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


def choose_legend_and_insets(
    ax: Axes, network: RailNetwork, scene: Scene, fontsize: float, inset_boxes: list
) -> tuple[dict, list]:
    """Legend options and inset slots chosen together, hiding the least of the network."""
    renderer = renderer_of(ax.figure)
    handles = legend_handles(network, scene, scene.family_colour, fontsize / 8.0)
    best: tuple[float, dict, list] | None = None
    for ncol in (2, 3):
        for loc in ("lower left", "upper left", "lower center", "upper center", "upper right",
                    "lower right", "center left", "center right"):  # fmt: skip
            options = dict(
                handles=handles, loc=loc, fontsize=fontsize - 0.5, ncol=ncol, framealpha=0.92,
                borderaxespad=0.6, title="Lines and symbols", title_fontsize=fontsize,
            )  # fmt: skip
            legend_box = ax.legend(**options).get_window_extent(renderer)
            cost = crowding(ax, scene, legend_box) + legend_box.width * legend_box.height / 2000
            taken = [legend_box]
            slots = []
            for inset, lonlat_box in inset_boxes:
                choice = choose_inset_slot(ax, scene, lonlat_box, taken)
                if choice is None:
                    cost += 5000  # an inset that finds no room is lost
                    continue
                cost += choice[0]
                taken.append(choice[2])
                slots.append((inset, lonlat_box, choice[1]))
            if best is None or cost < best[0] - 1e-6:
                best = (cost, options, slots)
    assert best is not None  # the loops above always run
    return best[1], best[2]
