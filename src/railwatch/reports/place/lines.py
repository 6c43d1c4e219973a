"""Named lines: "на БАМе", "the Trans-Siberian", "Малый БАМ" -> the network's sections.

A line named in a report says which sections a settlement or a km post should be put on; a
line named without any place on it is itself the location (precision "line").
"""

from __future__ import annotations

import re
from typing import Any

from railwatch.reports.model import Location
from railwatch.reports.place.gazetteer import normalize
from railwatch.reports.place.network_points import feature_point

# A named line: the regex finds it in text (stems, so inflected forms match); the key says
# which sections belong to it (their `line` starts with the key, or their id with the prefix).
LINES: dict[str, tuple[str, str, str]] = {
    "little bam": (r"мал\w*\s+бам\w*|little\s+bam|амуро-якутск\w*", "little bam", "lb:"),
    "bam": (r"\bбам\w{0,2}\b|\bbam\b|байкало-амурск\w*|baikal[\s\-–]amur", "bam", "bam:"),
    # the regional railways that run the Trans-Siberian count as naming it
    "trans-siberian": (
        r"транссиб\w*|trans[\s\-]?siberian|transsib\w*|"
        r"(?:забайкальск|восточно-сибирск|западно-сибирск|дальневосточн|свердловск)\w*\s+железн|"
        r"(?:trans-baikal|transbaikal|east siberian|west siberian|far eastern|sverdlovsk)\s+railway",
        "trans siberian",
        "ts:",
    ),
}


def lines_named(text: str) -> list[str]:
    """Keys of the lines (see LINES) that `text` names, in LINES order."""
    low = (text or "").lower().replace("ё", "е")
    found = []
    for key, (pattern, _, _) in LINES.items():
        if re.search(pattern, low, re.IGNORECASE):
            if key == "bam" and "little bam" in found:
                # "Малый БАМ" alone should not also count as the BAM proper
                rest = re.sub(LINES["little bam"][0], " ", low, flags=re.IGNORECASE)
                if not re.search(pattern, rest, re.IGNORECASE):
                    continue
            found.append(key)
    return found


def sections_of_line(network: Any, line_key: str) -> list[str]:
    """Ids of the sections that belong to a named line."""
    _, prefix_text, id_prefix = LINES[line_key]

    def build() -> tuple[str, ...]:
        out = []
        for sid, line in network.sections["line"].items():
            norm = normalize(line) if isinstance(line, str) else ""
            if norm.startswith(prefix_text) or str(sid).startswith(id_prefix):
                out.append(str(sid))
        return tuple(out)

    # normalising 13,000 line names took most of the placing time on `russia`: once a network
    return list(network.derived(f"line_sections:{line_key}", {"section": ("index", "line")}, build))


def line_location(network: Any, key: str) -> Location | None:
    sids = sections_of_line(network, key)
    if not sids:
        return None
    found = [feature_point(network, "section", sid) for sid in sids]
    points = [(a, b) for a, b in found if a is not None and b is not None]
    lat = round(sum(p[0] for p in points) / len(points), 5) if points else None
    lon = round(sum(p[1] for p in points) / len(points), 5) if points else None
    return Location(
        kind="point",
        id=None,
        lat=lat,
        lon=lon,
        precision="line",
        name=key.upper() if key == "bam" else key.title(),
        via=f"line '{key}' named without a place on it ({len(sids)} sections)",
    )
