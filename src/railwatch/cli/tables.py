"""Tables that stay readable in an 80-column terminal.

Three kinds of column: an identifier (what a user types back into `--close` or `review`)
is never broken or shortened; a number never wraps; free text is cut with an ellipsis,
its full value being in `--json` and shown in full with `--wide`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich import box
from rich.table import Table

wide_option_help = "Show every column in full (long cells wrap instead of being shortened)."


def new_table(title: str | None = None, *, wide: bool = False) -> Table:
    """A table with light borders; `wide` keeps the horizontal rules between rows."""
    return Table(
        title=title,
        box=box.SIMPLE_HEAD,
        show_lines=wide,
        pad_edge=False,
        show_edge=False,
        collapse_padding=True,
        title_justify="left",
        min_width=len(title or ""),  # a title is never wrapped over a narrow table
    )


def add_id_column(table: Table, header: str, ids: Iterable[str]) -> None:
    """A column of identifiers, as wide as the longest one: never folded, never cut."""
    longest = max((len(str(i)) for i in ids), default=0)
    table.add_column(header, no_wrap=True, overflow="ignore", min_width=max(longest, len(header)))


def add_fixed_column(table: Table, header: str, values: Iterable[str], **kwargs: Any) -> None:
    """A column of short values (dates, types) kept at the width of its longest value."""
    longest = max((len(v) for v in values), default=0)
    table.add_column(header, no_wrap=True, min_width=max(longest, len(header)), **kwargs)


def add_number_column(table: Table, header: str, values: Iterable[str] = ()) -> None:
    """A right-aligned number column that never wraps nor shrinks below its widest value."""
    add_fixed_column(table, header, values, justify="right")


def add_text_column(table: Table, header: str, *, wide: bool, max_width: int | None = 28) -> None:
    """Free text: shortened with an ellipsis (full in `--json`), or wrapped with `--wide`."""
    if wide:
        table.add_column(header, overflow="fold")
    else:
        table.add_column(header, no_wrap=True, overflow="ellipsis", width=max_width)


def remaining_width(total: int, other_widths: Iterable[int], wanted: int, minimum: int = 8) -> int:
    """Width left for one free-text column beside columns of `other_widths` (2-space gaps)."""
    others = list(other_widths)
    return max(minimum, min(wanted, total - sum(others) - 2 * len(others)))
