"""Validation of a network FeatureCollection, with errors that name the feature and field.

Every check runs on the plain GeoJSON dict before any table is built, so a bad file
is rejected whole and the user sees every problem at once, not the first one.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

FEATURE_TYPES = ("node", "section", "structure")
NODE_KINDS = {"station", "junction", "border_crossing", "port", "depot", "yard"}
STRUCTURE_KINDS = {"tunnel", "bridge", "viaduct", "yard", "border_crossing", "bypass"}
GAUGES = {"1520", "1435", "dual"}
# Properties that, when present, must be text (ids and references are checked separately).
TEXT_FIELDS = ("name", "name_ru", "line", "source", "assumption", "country")


@dataclass
class ValidationReport:
    """Errors make a network unusable; warnings (such as disconnected parts) do not."""

    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    components: list[int] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def normalize_gauge(value: Any) -> str | None:
    """Map 1520, "1520", 1435.0, "dual", "1435;1520" to the three gauge names; None if unknown."""
    if value is None:
        return None
    text = str(value).strip().lower()
    if text.endswith(".0"):
        text = text[:-2]
    if ";" in text or text in {"dual", "mixed"}:
        return "dual"
    return text if text in GAUGES else None


# Largest believable values: anything above is a typo or a unit mix-up (and 1e308 would
# turn every sum into inf). Trains per day per direction, km, km/h, metres.
UPPER_BOUNDS = {
    "length_km": 20_000,
    "capacity": 10_000,
    "transshipment_capacity": 10_000,
    "speed_kmh": 600,
    "tracks": 20,
    "length_m": 100_000,
}


def _is_number(value: Any) -> bool:
    """A finite int or float (not bool); an integer too large for a float is not one."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return abs(value) < 10**300
    return isinstance(value, float) and math.isfinite(value)


def _shown(value: Any) -> str:
    """A value for an error message, cut short (a 400-digit number, a long list)."""
    text = repr(value) if not isinstance(value, int) or abs(value) < 10**30 else "a huge integer"
    return text if len(text) <= 60 else text[:57] + "..."


def _text_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _label(index: int, props: dict) -> str:
    """'feature 7 (bam:tynda)'; when the id is unusable, 'feature 7 (name 'Tynda')' if the
    feature has a name to find it by, else just 'feature 7'."""
    fid = props.get("id")
    if isinstance(fid, str) and fid.strip():
        return f"feature {index} ({_shown(fid)[1:-1]})"
    name = props.get("name")
    if isinstance(name, str) and name.strip():
        return f"feature {index} (name {_shown(name)})"
    return f"feature {index}"


def _check_position(pos: Any) -> str | None:
    if (
        not isinstance(pos, list | tuple)
        or len(pos) not in (2, 3)
        or not all(_is_number(c) for c in pos)
    ):
        return f"expected [lon, lat] numbers (and an optional elevation), got {_shown(pos)}"
    lon, lat = float(pos[0]), float(pos[1])
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        return f"coordinates out of WGS84 range: lon={lon}, lat={lat}"
    return None


def _check_geometry(geom: Any, allowed: tuple[str, ...]) -> str | None:
    if not isinstance(geom, dict):
        return f"geometry must be a {' or '.join(allowed)}, got {type(geom).__name__}"
    gtype = geom.get("type")
    if gtype not in allowed:
        return f"geometry must be a {' or '.join(allowed)}, got {_shown(gtype)}"
    coords = geom.get("coordinates")
    if gtype == "Point":
        problem = _check_position(coords)
        return f"geometry: {problem}" if problem else None
    if not isinstance(coords, list | tuple) or len(coords) < 2:
        return "geometry: a LineString needs at least 2 positions"
    for k, pos in enumerate(coords):
        problem = _check_position(pos)
        if problem:
            return f"geometry: position {k}: {problem}"
    return None


def _positive_problem(props: dict, name: str, *, optional: bool = False) -> str | None:
    """Why `props[name]` is not a number > 0, or None when it is (or may be absent)."""
    value = props.get(name)
    if value is None or value == "":
        return None if optional else f"{name} is missing (expected a number > 0)"
    if not _is_number(value):
        return f"{name} must be a number, got {_shown(value)}"  # finite, too
    if float(value) <= 0:
        return f"{name} must be > 0, got {value}"
    high = UPPER_BOUNDS.get(name)
    if high is not None and float(value) > high:
        return f"{name} must be at most {high:,}, got {float(value):g}"
    return None


def _text_problems(props: dict) -> list[str]:
    problems = [
        f"{name} must be a string, got {_shown(props[name])}"
        for name in TEXT_FIELDS
        if props.get(name) is not None and not isinstance(props[name], str)
    ]
    aliases = props.get("aliases")
    if aliases is not None and (
        not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases)
    ):
        problems.append(f"aliases must be a list of strings, got {_shown(aliases)}")
    return problems


def validate_feature_collection(fc: Any, source_name: str = "<network>") -> ValidationReport:
    """Check a network GeoJSON dict; every message starts with `source_name`.

    Errors come in the order of the features, all of one feature together, then the errors
    of the file as a whole."""
    report = ValidationReport()

    def err(msg: str) -> None:
        report.errors.append(f"{source_name}: {msg}")

    if not isinstance(fc, dict) or fc.get("type") != "FeatureCollection":
        err("expected a GeoJSON FeatureCollection")
        return report
    features = fc.get("features")
    if not isinstance(features, list):
        err("'features' must be a list")
        return report

    # references (a section's ends, a structure's section) can only be checked once every
    # id is known, so problems are gathered per feature and written out in file order
    problems: dict[int, list[str]] = {}
    labels: dict[int, str] = {}

    def problem(index: int, msg: str | None) -> None:
        if msg:
            problems.setdefault(index, []).append(f"{labels[index]}: {msg}")

    seen: dict[str, int] = {}
    nodes: dict[str, int] = {}
    sections: dict[str, tuple[str | None, str | None]] = {}
    structures: list[tuple[int, dict]] = []
    section_feats: list[tuple[int, dict]] = []

    for i, feat in enumerate(features):
        if not isinstance(feat, dict) or not isinstance(feat.get("properties"), dict):
            labels[i] = f"feature {i}"
            problem(i, "expected a Feature with a 'properties' object")
            continue
        props = feat["properties"]
        labels[i] = _label(i, props)
        ftype = props.get("type")
        known_type = isinstance(ftype, str) and ftype in FEATURE_TYPES
        if not known_type:
            problem(i, f"type must be one of {', '.join(FEATURE_TYPES)}, got {_shown(ftype)}")
        # a feature whose id (or type) is unusable is still checked field by field, so the
        # user sees all of its errors at once; it is only kept out of what others refer to
        fid = props.get("id")
        usable = isinstance(fid, str) and bool(fid.strip())
        if not usable:
            problem(i, f"id must be a non-empty string, got {_shown(fid)}")
        for text_problem in _text_problems(props):
            problem(i, text_problem)
        if usable and fid in seen:
            problem(i, f"duplicate id {fid!r} (first used by feature {seen[fid]})")
            usable = False
        if usable:
            seen[fid] = i
        if not known_type:
            # whatever it was meant to be, a network feature is a Point or a LineString
            problem(i, _check_geometry(feat.get("geometry"), ("Point", "LineString")))
        elif ftype == "node":
            problem(i, _check_geometry(feat.get("geometry"), ("Point",)))
            kind = props.get("kind")
            if kind is not None and (not isinstance(kind, str) or kind not in NODE_KINDS):
                kinds = ", ".join(sorted(NODE_KINDS))
                problem(i, f"kind must be one of {kinds}, got {_shown(kind)}")
            for name in ("capacity", "transshipment_capacity"):
                problem(i, _positive_problem(props, name, optional=True))
            if usable:
                nodes[fid] = i
        elif ftype == "section":
            section_feats.append((i, feat))
            if usable:
                ends = (_text_or_none(props.get("from")), _text_or_none(props.get("to")))
                sections[fid] = ends
        else:
            structures.append((i, feat))

    for i, feat in section_feats:
        props = feat["properties"]
        problem(i, _check_geometry(feat.get("geometry"), ("LineString",)))
        for end in ("from", "to"):
            ref = props.get(end)
            if not isinstance(ref, str):
                problem(i, f"{end} must be a node id (a string), got {_shown(ref)}")
            elif ref not in nodes:
                problem(i, f"{end} refers to unknown node {_shown(ref)}")
        if isinstance(props.get("from"), str) and props.get("from") == props.get("to"):
            problem(i, f"from and to are the same node {props.get('from')!r}")
        for name, optional in (
            ("length_km", False),
            ("capacity", False),
            ("speed_kmh", False),
            ("tracks", True),
        ):
            problem(i, _positive_problem(props, name, optional=optional))
        gauge = props.get("gauge")
        gauge_ok = isinstance(gauge, str | int | float) and not isinstance(gauge, bool)
        if gauge is not None and (not gauge_ok or normalize_gauge(gauge) is None):
            problem(i, f"gauge must be 1520, 1435 or dual, got {_shown(gauge)}")
        elec = props.get("electrified")
        if elec is not None and not isinstance(elec, bool):
            problem(i, f"electrified must be true or false, got {_shown(elec)}")

    for i, feat in structures:
        props = feat["properties"]
        problem(i, _check_geometry(feat.get("geometry"), ("Point", "LineString")))
        on = props.get("section")
        if not isinstance(on, str):
            problem(i, f"section must be a section id (a string), got {_shown(on)}")
        elif on not in sections:
            problem(i, f"section refers to unknown section {_shown(on)}")
        kind = props.get("kind")
        if not isinstance(kind, str) or kind not in STRUCTURE_KINDS:
            kinds = ", ".join(sorted(STRUCTURE_KINDS))
            problem(i, f"kind must be one of {kinds}, got {_shown(kind)}")
        problem(i, _positive_problem(props, "length_m", optional=True))

    for i in sorted(problems):
        for msg in problems[i]:
            err(msg)
    if not nodes:
        err("no node features")
    report.components = component_sizes(nodes, sections.values())
    if len(report.components) > 1:
        sizes = ", ".join(str(s) for s in report.components)
        report.warnings.append(
            f"{source_name}: {len(report.components)} disconnected components (nodes each: {sizes})"
        )
    return report


def component_sizes(nodes, edges) -> list[int]:
    """Sizes of the connected components (largest first), by union-find over node ids."""
    parent = {n: n for n in nodes}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        if a in parent and b in parent:
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[ra] = rb
    sizes: dict[str, int] = {}
    for n in parent:
        root = find(n)
        sizes[root] = sizes.get(root, 0) + 1
    return sorted(sizes.values(), reverse=True)
