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
    """A finite int or float (not a bool; a 400-digit integer is not finite either)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    try:
        return math.isfinite(float(value))
    except OverflowError:
        return False


def _label(index: int, props: dict) -> str:
    fid = props.get("id")
    return f"feature {index} ({fid})" if fid not in (None, "") else f"feature {index}"


def _check_position(pos: Any) -> str | None:
    if not isinstance(pos, list | tuple) or len(pos) not in (2, 3) or not all(map(_is_number, pos)):
        return f"expected [lon, lat] numbers, got {pos!r}"
    lon, lat = float(pos[0]), float(pos[1])
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        return f"coordinates out of WGS84 range: lon={lon}, lat={lat}"
    return None


def _check_geometry(geom: Any, allowed: tuple[str, ...]) -> str | None:
    if not isinstance(geom, dict):
        return f"geometry must be a {' or '.join(allowed)}, got {type(geom).__name__}"
    gtype = geom.get("type")
    if gtype not in allowed:
        return f"geometry must be a {' or '.join(allowed)}, got {gtype!r}"
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
        return f"{name} must be a number, got {value!r}"
    if float(value) <= 0:
        return f"{name} must be > 0, got {value}"
    high = UPPER_BOUNDS.get(name)
    if high is not None and float(value) > high:
        return f"{name} must be at most {high:,}, got {float(value):g}"
    return None


def validate_feature_collection(fc: Any, source_name: str = "<network>") -> ValidationReport:
    """Check a network GeoJSON dict; every message starts with `source_name`."""
    report = ValidationReport()
    errors = report.errors

    def err(msg: str) -> None:
        errors.append(f"{source_name}: {msg}")

    if not isinstance(fc, dict) or fc.get("type") != "FeatureCollection":
        err("expected a GeoJSON FeatureCollection")
        return report
    features = fc.get("features")
    if not isinstance(features, list):
        err("'features' must be a list")
        return report

    seen: dict[str, int] = {}
    nodes: dict[str, int] = {}
    sections: dict[str, tuple[str, str]] = {}
    structures: list[tuple[int, dict]] = []
    section_feats: list[tuple[int, dict]] = []

    for i, feat in enumerate(features):
        if not isinstance(feat, dict) or not isinstance(feat.get("properties"), dict):
            err(f"feature {i}: expected a Feature with a 'properties' object")
            continue
        props = feat["properties"]
        where = _label(i, props)
        ftype = props.get("type")
        if ftype not in FEATURE_TYPES:
            err(f"{where}: type must be one of {', '.join(FEATURE_TYPES)}, got {ftype!r}")
            continue
        fid = props.get("id")
        if not isinstance(fid, str) or not fid.strip():
            err(f"{where}: id must be a non-empty string, got {fid!r}")
            continue
        if fid in seen:
            err(f"{where}: duplicate id {fid!r} (first used by feature {seen[fid]})")
            continue
        seen[fid] = i
        if ftype == "node":
            problem = _check_geometry(feat.get("geometry"), ("Point",))
            if problem:
                err(f"{where}: {problem}")
            kind = props.get("kind")
            if kind is not None and kind not in NODE_KINDS:
                err(f"{where}: kind must be one of {', '.join(sorted(NODE_KINDS))}, got {kind!r}")
            for name in ("capacity", "transshipment_capacity"):
                problem = _positive_problem(props, name, optional=True)
                if problem:
                    err(f"{where}: {problem}")
            nodes[fid] = i
        elif ftype == "section":
            section_feats.append((i, feat))
            sections[fid] = (props.get("from"), props.get("to"))
        else:
            structures.append((i, feat))

    for i, feat in section_feats:
        props = feat["properties"]
        where = _label(i, props)
        problem = _check_geometry(feat.get("geometry"), ("LineString",))
        if problem:
            err(f"{where}: {problem}")
        for end in ("from", "to"):
            ref = props.get(end)
            if ref not in nodes:
                err(f"{where}: {end} refers to unknown node {ref!r}")
        if props.get("from") == props.get("to") and props.get("from") is not None:
            err(f"{where}: from and to are the same node {props.get('from')!r}")
        for name, optional in (
            ("length_km", False),
            ("capacity", False),
            ("speed_kmh", False),
            ("tracks", True),
        ):
            problem = _positive_problem(props, name, optional=optional)
            if problem:
                err(f"{where}: {problem}")
        gauge = props.get("gauge")
        if gauge is not None and normalize_gauge(gauge) is None:
            err(f"{where}: gauge must be 1520, 1435 or dual, got {gauge!r}")
        elec = props.get("electrified")
        if elec is not None and not isinstance(elec, bool):
            err(f"{where}: electrified must be true or false, got {elec!r}")

    for i, feat in structures:
        props = feat["properties"]
        where = _label(i, props)
        problem = _check_geometry(feat.get("geometry"), ("Point", "LineString"))
        if problem:
            err(f"{where}: {problem}")
        if props.get("section") not in sections:
            err(f"{where}: section refers to unknown section {props.get('section')!r}")
        kind = props.get("kind")
        if kind not in STRUCTURE_KINDS:
            err(f"{where}: kind must be one of {', '.join(sorted(STRUCTURE_KINDS))}, got {kind!r}")
        problem = _positive_problem(props, "length_m", optional=True)
        if problem:
            err(f"{where}: {problem}")

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
