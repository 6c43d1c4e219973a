"""Posts from a Telegram Desktop channel export (result.json) as report texts.

The export is `{"name": channel, "messages": [{"id", "type", "date", "text"}, ...]}` where
`text` is a string or a list of strings and entity objects (`{"type": "link", "text": ...}`).
Service messages and posts without text are skipped.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any


class TelegramExportError(ValueError):
    """The JSON is not a Telegram Desktop export (says which message and field)."""


@dataclass(frozen=True)
class TelegramPost:
    channel: str | None
    message_id: Any
    published: date | None
    text: str


def _flatten(text: Any, where: str) -> str:
    if isinstance(text, str):
        return text
    if isinstance(text, list):
        parts = []
        for piece in text:
            if isinstance(piece, str):
                parts.append(piece)
            elif isinstance(piece, dict) and isinstance(piece.get("text"), str):
                parts.append(piece["text"])
            else:
                raise TelegramExportError(f"{where}.text: expected strings or entity objects")
        return "".join(parts)
    raise TelegramExportError(f"{where}.text: expected a string or a list")


def telegram_posts(export: Any) -> list[TelegramPost]:
    """Every text post of a channel export, oldest first."""
    if not isinstance(export, dict) or not isinstance(export.get("messages"), list):
        raise TelegramExportError(
            "expected a Telegram Desktop export: an object with a 'messages' list"
        )
    channel = export.get("name") if isinstance(export.get("name"), str) else None
    posts = []
    for i, message in enumerate(export["messages"]):
        where = f"messages[{i}]"
        if not isinstance(message, dict):
            raise TelegramExportError(f"{where}: expected an object")
        if message.get("type", "message") != "message":
            continue
        text = _flatten(message.get("text", ""), where).strip()
        if not text:
            continue
        published = None
        raw_date = message.get("date")
        if raw_date is not None:
            try:
                published = date.fromisoformat(str(raw_date)[:10])
            except ValueError:
                raise TelegramExportError(
                    f"{where}.date: expected an ISO date like 2023-11-30T08:15:00, got {raw_date!r}"
                ) from None
        posts.append(TelegramPost(channel, message.get("id"), published, text))
    return posts
