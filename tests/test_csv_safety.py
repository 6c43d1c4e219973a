"""CSV cells from untrusted text are inert in spreadsheets and terminals."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from railwatch.reports.export import csv_safe_cell


def test_formula_cells_are_neutralised() -> None:
    assert csv_safe_cell('=HYPERLINK("http://x","y")') == '\'=HYPERLINK("http://x","y")'
    assert csv_safe_cell("@SUM(A1)") == "'@SUM(A1)"
    assert csv_safe_cell("\x1b=1+1") == "'=1+1"
    assert csv_safe_cell("Severomuysky Tunnel") == "Severomuysky Tunnel"
    assert csv_safe_cell(-3.5) == -3.5  # numbers are data, not formulas


@given(st.text())
def test_no_cell_starts_a_formula_or_carries_control_characters(text: str) -> None:
    cell = csv_safe_cell(text)
    assert isinstance(cell, str)
    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert not any(ord(ch) < 32 and ch not in "\t\n" for ch in cell)
    assert not any(0x7F <= ord(ch) <= 0x9F for ch in cell)
