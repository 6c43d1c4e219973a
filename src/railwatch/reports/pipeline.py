"""The order in which reports become incidents, stated in one place:

    read  -> extract -> place -> merge

- read: decode, strip page furniture and metadata (``ingest_text.read_report`` with
  ``extract=False``); reading runs no extraction.
- extract: incidents, dates, effects and claims from the text (``extract.extract_incidents``).
- place: each extracted incident's mentions resolved on the network (``link.place``).
- merge: incidents of several reports that tell one event become one (``merge.merge_reports``).

The CLI's ``ingest`` and ``eval-extract`` both go through these functions, so a change to one
stage reaches both.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from railwatch.reports.model import ExtractedIncident, Incident, Location, Report

if TYPE_CHECKING:
    from railwatch.network import RailNetwork


@dataclass(frozen=True)
class Placed:
    """One extracted incident of a report with the network location it resolves to."""

    report: Report
    index: int  # position among the report's extracted incidents
    extracted: ExtractedIncident
    location: Location | None


def read(source: str | Path, *, published: date | None = None, **limits: int) -> Report:
    """Stage 1: the cleaned report and its metadata, with no incidents yet.

    `limits` are ``read_report``'s max_bytes and max_chars. Raises
    ``ingest_text.ReportError`` naming the file when it cannot be read."""
    from railwatch.reports.text.ingest_text import read_report

    return read_report(source, published=published, extract=False, **limits)


@cache
def _blas_threads() -> Any:
    """The controller of the BLAS thread pools numpy loaded (one per process)."""
    import numpy  # noqa: F401  (loads OpenBLAS, so the controller finds it)
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


def extract(report: Report) -> Report:
    """Stage 2: the incidents the report's text describes, stored on the report."""
    from railwatch.reports.extract.extract import extract_incidents
    from railwatch.reports.text.ingest_text import month_from_url

    # an undated page filed under a month (".../2012/07/...") gives its days a year
    filed = month_from_url(report.url) if report.published_at is None else None
    # natasha's parser multiplies one sentence's small matrices; OpenBLAS's extra threads
    # gain nothing on them but spin between calls, which more than doubled extraction's CPU
    # time on a 2-core machine. One BLAS thread while extracting; results are the same.
    with _blas_threads().limit(limits=1, user_api="blas"):
        report.incidents = extract_incidents(
            report.text,
            report.language,
            report.published_at,
            attribution=report.attribution,
            filed=filed,
        )
    return report


def place(report: Report, network: RailNetwork) -> list[Placed]:
    """Stage 3: every extracted incident of the report resolved on the network."""
    from railwatch.reports.place.link import place as place_mentions

    return [
        Placed(
            report,
            i,
            ext,
            place_mentions(ext.places, network, report.text, evidence=ext.evidence),
        )
        for i, ext in enumerate(report.incidents)
    ]


def merge(reports: list[Report], network: RailNetwork) -> list[Incident]:
    """Stage 4: the incidents of all reports, those that tell one event merged."""
    from railwatch.reports.merge import merge_reports

    return merge_reports(reports, network)


def read_and_extract(source: str | Path, *, published: date | None = None, **limits: int) -> Report:
    """Stages 1 and 2 for one source (what ``railwatch ingest`` does per file before the
    store places and merges)."""
    return extract(read(source, published=published, **limits))
