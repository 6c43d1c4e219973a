"""Incident records as CSV for spreadsheets, every cell made inert.

Cells go through `railwatch.reports.export.csv_safe_cell` (the one rule for the whole
project): control characters dropped, a cell starting with = + - @ or a tab gets a leading
apostrophe. Report text is untrusted and ends up in these cells.
"""

from __future__ import annotations

import csv
import io
import json

from railwatch.reports.export import FIELDS, NESTED, csv_safe_cell


def records_to_csv(records: list[dict], extra: tuple[str, ...] = ("line", "status")) -> str:
    """CSV of incident records: the export's columns plus `extra`, nested values as JSON."""
    fields = [*FIELDS, *extra]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\r\n", extrasaction="ignore")
    writer.writeheader()
    for record in records:
        row = {}
        for key in fields:
            value = record.get(key)
            if key in NESTED:
                value = json.dumps(value, ensure_ascii=False)
            # Numbers stay numbers (a negative longitude is not a formula).
            row[key] = "" if value is None else csv_safe_cell(value)
        writer.writerow(row)
    return out.getvalue()
