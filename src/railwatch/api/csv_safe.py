"""CSV for spreadsheets: cells that a spreadsheet would run as a formula are neutralised.

A cell starting with = + - @, a tab or a carriage return gets a leading apostrophe (the
OWASP advice against CSV injection); report text is untrusted and ends up in these cells.
"""

from __future__ import annotations

import csv
import io
import json

from railwatch.reports.export import FIELDS, NESTED

DANGEROUS_FIRST = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    """The cell, with a leading apostrophe if a spreadsheet would read it as a formula."""
    return "'" + cell if cell.startswith(DANGEROUS_FIRST) else cell


def records_to_csv(records: list[dict], extra: tuple[str, ...] = ("line", "status")) -> str:
    """CSV of incident records: the export's columns plus `extra`, nested values as JSON."""
    fields = [*FIELDS, *extra]
    out = io.StringIO()
    # RFC 4180 line ends: then a cell holding a lone CR or LF is quoted and reads back whole.
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\r\n", extrasaction="ignore")
    writer.writeheader()
    for record in records:
        row = {}
        for key in fields:
            value = record.get(key)
            if key in NESTED:
                value = json.dumps(value, ensure_ascii=False)
            text = "" if value is None else str(value)
            # Numbers stay numbers (a negative longitude is not a formula).
            row[key] = text if isinstance(value, int | float) else neutralise(text)
        writer.writerow(row)
    return out.getvalue()
