"""Hand-built reports for the linking/merging/store tests (no text extraction involved)."""

from __future__ import annotations

import hashlib
from datetime import date

from railwatch.reports.extract.morph import lemmatize_phrase
from railwatch.reports.model import (
    Claim,
    DateValue,
    ExtractedIncident,
    PlaceMention,
    Quantity,
    Report,
)


def mention(text: str, kind: str = "unknown", sentence: str | None = None) -> PlaceMention:
    return PlaceMention(text, lemmatize_phrase(text), kind, sentence or text)


def day(iso: str, text: str = "") -> DateValue:
    d = date.fromisoformat(iso)
    return DateValue(d, d, "day", "explicit", text or iso)


def night(first: str, second: str) -> DateValue:
    return DateValue(
        date.fromisoformat(first), date.fromisoformat(second), "night", "explicit", "night"
    )


def incident(
    kind: str,
    when: DateValue | None,
    places: list[PlaceMention],
    *,
    effect: str | None = "blocked_both",
    claims: list[Claim] | None = None,
    quantities: list[Quantity] | None = None,
    restored_at: DateValue | None = None,
) -> ExtractedIncident:
    return ExtractedIncident(
        type=kind,
        occurred=when,
        places=places,
        effect=effect,
        quantities=quantities or [],
        claims=claims or [],
        restored_at=restored_at,
    )


def report(
    text: str,
    incidents: list[ExtractedIncident],
    *,
    published: str = "2023-12-01",
    outlet: str | None = None,
    language: str = "ru",
) -> Report:
    return Report(
        id=hashlib.sha256(text.encode()).hexdigest(),
        text=text,
        language=language,
        url=None,
        outlet=outlet,
        published_at=date.fromisoformat(published),
        published_method="argument",
        path=None,
        incidents=incidents,
    )


def severomuysky_reports() -> list[Report]:
    """One event (29-30 Nov 2023, the Severomuysky tunnel) told by three outlets."""
    tunnel_ru = mention("Северомуйском тоннеле", "structure")
    tunnel_en = mention("Severomuysky tunnel", "structure")
    return [
        report(
            "В ночь на 30 ноября в Северомуйском тоннеле загорелись цистерны с топливом.",
            [
                incident(
                    "fire",
                    night("2023-11-29", "2023-11-30"),
                    [tunnel_ru],
                    claims=[Claim("ОАО РЖД", "asserts", "accident", "РЖД сообщили о возгорании.")],
                    quantities=[Quantity("tank_cars", 4, 4, 4, "4 цистерны")],
                )
            ],
            published="2023-11-30",
            outlet="Baza",
        ),
        report(
            "SBU sources say explosives detonated in the Severomuysky tunnel on the BAM.",
            [
                incident(
                    "explosion",
                    day("2023-11-29"),
                    [tunnel_en],
                    claims=[Claim("SBU", "asserts", "sabotage", "SBU says it blew up fuel.")],
                    quantities=[Quantity("tank_cars", 6, 6, 6, "six tanks")],
                )
            ],
            published="2023-11-30",
            outlet="Kyiv Independent",
            language="en",
        ),
        report(
            "Russian Railways denied sabotage in the Severomuysky tunnel fire.",
            [
                incident(
                    "fire",
                    day("2023-11-30"),
                    [tunnel_en],
                    claims=[Claim("Russian Railways", "denies", "sabotage", "RZD denied it.")],
                )
            ],
            published="2023-12-01",
            outlet="Reuters",
            language="en",
        ),
    ]
