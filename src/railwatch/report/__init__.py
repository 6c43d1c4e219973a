"""The HTML report: one self-contained file with map, capacity, reroute, bands, incidents."""

from railwatch.report.html import build_report_html, write_report
from railwatch.report.incidents import IncidentRow, store_incidents

__all__ = ["IncidentRow", "build_report_html", "store_incidents", "write_report"]
