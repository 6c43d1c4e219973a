"""Terminal output that untrusted text cannot take over.

Report text, network names and file names reach the terminal in tables and messages. An
escape sequence in them (clear screen, window title, colours) must print as nothing, so
every string a console renders passes through `terminal_safe` first.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.text import Text

from railwatch.untrusted import strip_controls as terminal_safe


class SafeConsole(Console):
    """A rich console that strips control characters from every string it renders."""

    def render_str(self, text: str, **kwargs: Any) -> Text:
        return super().render_str(terminal_safe(text), **kwargs)


def make_console(*, stderr: bool = False, **kwargs: Any) -> Console:
    """The console every command prints through (stdout, or stderr for progress)."""
    return SafeConsole(stderr=stderr, **kwargs)
