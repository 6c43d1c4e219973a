"""Reports and incidents to plain JSON-ready dicts and back (dates as ISO strings)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

from railwatch.reports.model import (
    Claim,
    DateValue,
    ExtractedIncident,
    Incident,
    Location,
    PlaceMention,
    Quantity,
    Report,
)


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def to_dict(obj: Any) -> dict:
    """Any model dataclass as a JSON-ready dict."""
    return _plain(asdict(obj))


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def date_value_from(data: dict | None) -> DateValue | None:
    if not data:
        return None
    return DateValue(
        start=date.fromisoformat(data["start"]),
        end=date.fromisoformat(data["end"]),
        precision=data["precision"],
        method=data["method"],
        text=data.get("text", ""),
    )


def _claims(items: list[dict]) -> list[Claim]:
    return [Claim(**item) for item in items]


def _quantities(items: list[dict]) -> list[Quantity]:
    return [Quantity(**item) for item in items]


def extracted_from(data: dict) -> ExtractedIncident:
    return ExtractedIncident(
        type=data["type"],
        occurred=date_value_from(data.get("occurred")),
        places=[PlaceMention(**p) for p in data.get("places", [])],
        effect=data.get("effect"),
        quantities=_quantities(data.get("quantities", [])),
        casualties=dict(data.get("casualties", {})),
        claims=_claims(data.get("claims", [])),
        restored_at=date_value_from(data.get("restored_at")),
        evidence=list(data.get("evidence", [])),
    )


def report_from(data: dict) -> Report:
    return Report(
        id=data["id"],
        text=data["text"],
        language=data["language"],
        url=data.get("url"),
        outlet=data.get("outlet"),
        published_at=_date(data.get("published_at")),
        published_method=data.get("published_method", ""),
        path=data.get("path"),
        incidents=[extracted_from(i) for i in data.get("incidents", [])],
        forwarded_from=data.get("forwarded_from"),
    )


def location_from(data: dict | None) -> Location | None:
    return Location(**data) if data else None


def incident_from(data: dict) -> Incident:
    return Incident(
        id=data["id"],
        type=data["type"],
        occurred=date_value_from(data.get("occurred")),
        location=location_from(data.get("location")),
        effect=data.get("effect"),
        quantities=_quantities(data.get("quantities", [])),
        casualties=dict(data.get("casualties", {})),
        claims=_claims(data.get("claims", [])),
        restored_at=date_value_from(data.get("restored_at")),
        reports=list(data.get("reports", [])),
        merge=list(data.get("merge", [])),
        confidence=float(data.get("confidence", 0.0)),
        status=data.get("status", "unreviewed"),
        lines=list(data.get("lines", [])),
        merged_into=data.get("merged_into"),
    )
