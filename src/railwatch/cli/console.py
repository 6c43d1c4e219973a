"""Terminal output that untrusted text cannot take over.

Report text, network names and file names reach the terminal in tables and messages. An
escape sequence in them (clear screen, window title, colours) must print as nothing, so
every string a console renders passes through `terminal_safe` first.
"""

from __future__ import annotations

import re
from typing import Any

from rich.console import Console
from rich.text import Text

# C0 controls but tab and newline, DEL, C1 controls (CSI, OSC...), and the bidirectional
# overrides that can make a line read differently from what it contains.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    """`text` without control, escape and bidi-override characters (tab and newline kept)."""
    return _UNSAFE.sub("", text)


class SafeConsole(Console):
    """A rich console that strips control characters from every string it renders."""

    def render_str(self, text: str, **kwargs: Any) -> Text:
        return super().render_str(terminal_safe(text), **kwargs)


def make_console(*, stderr: bool = False, **kwargs: Any) -> Console:
    """The console every command prints through (stdout, or stderr for progress)."""
    return SafeConsole(stderr=stderr, **kwargs)
