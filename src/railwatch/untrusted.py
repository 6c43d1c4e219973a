"""Untrusted text (reports, names from user files) made inert where it is shown."""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL, C1 controls (CSI, OSC...), and the bidirectional
# overrides that can make a line read differently from what it contains.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def strip_controls(text: str) -> str:
    """`text` without control, escape and bidi-override characters (tab and newline kept)."""
    return _UNSAFE.sub("", text)
