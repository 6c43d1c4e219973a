"""Query-string forms of the store's spatial filters, parsed with errors a person can act on."""

from __future__ import annotations


def parse_bbox(text: str) -> tuple[float, float, float, float]:
    """'west,south,east,north' -> floats; ValueError says what is wrong."""
    parts = text.split(",")
    if len(parts) != 4:
        raise ValueError(f"bbox needs 4 numbers 'west,south,east,north', got {text!r}")
    try:
        west, south, east, north = (float(p) for p in parts)
    except ValueError:
        raise ValueError(f"bbox must be 4 numbers, got {text!r}") from None
    if west > east or south > north:
        raise ValueError(f"bbox corners are swapped: west,south must come first, got {text!r}")
    return west, south, east, north


def parse_near(text: str, km: float | None) -> tuple[float, float, float]:
    """'lon,lat' and a radius in km -> (lon, lat, km)."""
    try:
        lon, lat = (float(p) for p in text.split(","))
    except ValueError:
        raise ValueError(f"near must be 'lon,lat' in degrees, got {text!r}") from None
    if km is None:
        raise ValueError("near needs km (the radius, > 0)")
    return lon, lat, km
