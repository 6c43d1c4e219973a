"""The one error the map raises: what cannot be drawn or written, and where."""

from __future__ import annotations


class MapError(ValueError):
    """The map cannot be drawn or written; the message says what and where."""
