"""Posts from a Telegram Desktop export (result.json) as reports, one report per message.

The one reader of Telegram exports, used by `railwatch ingest` and by the API's POST. A
channel export is `{"name", "type", "id", "messages": [...]}`; a whole-account export holds
such chats under `{"chats": {"list": [...]}}`. A message is `{"id", "type", "date", "text",
"forwarded_from"?}` where `text` is a string or a list of strings and entity objects
(`{"type": "link", "text": ...}`). Service messages and posts without text are skipped; a
message that cannot be read is named by file, message index and field, and the others go on.

The channel is the outlet, the message date the publication date, and when the export names
the channel's public username, https://t.me/<username>/<id> is the report's URL.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from railwatch.reports.model import Report
from railwatch.reports.text.limits import MAX_CHARS, MAX_EXPORT_BYTES

_USERNAME = re.compile(r"@?([A-Za-z][A-Za-z0-9_]{3,31})")


class TelegramExportError(ValueError):
    """The JSON is not a Telegram Desktop export (says which message and field)."""


@dataclass(frozen=True)
class TelegramPost:
    """One text message of a channel, as the export gives it."""

    channel: str | None
    message_id: Any
    published: date | None
    text: str
    url: str | None = None
    forwarded_from: str | None = None


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
                raise TelegramExportError(
                    f"{where}.text: expected strings or entity objects with a string 'text', "
                    f"got {type(piece).__name__}"
                )
        return "".join(parts)
    raise TelegramExportError(
        f"{where}.text: expected a string or a list, got {type(text).__name__}"
    )


def _message_date(raw: Any, where: str) -> date | None:
    if raw is None:
        return None
    if not isinstance(raw, str):
        raise TelegramExportError(
            f"{where}.date: expected an ISO date like 2023-11-30T08:15:00, got {type(raw).__name__}"
        )
    try:
        return datetime.fromisoformat(raw.replace("Z", "+00:00")).date()
    except ValueError:
        raise TelegramExportError(
            f"{where}.date: expected an ISO date like 2023-11-30T08:15:00, got {raw[:40]!r}"
        ) from None


def _username(chat: dict) -> str | None:
    """The channel's public username when the export carries one (Telegram Desktop does not
    always: then posts have no URL rather than a guessed one)."""
    for key in ("username", "channel_username"):
        value = chat.get(key)
        if isinstance(value, str):
            match = _USERNAME.fullmatch(value.strip())
            if match:
                return match.group(1)
    return None


def _chats(export: Any) -> list[tuple[str, dict]]:
    if isinstance(export, dict) and isinstance(export.get("messages"), list):
        return [("", export)]
    chats = export.get("chats") if isinstance(export, dict) else None
    if isinstance(chats, dict) and isinstance(chats.get("list"), list):
        found = [
            (f"chats.list[{i}].", chat)
            for i, chat in enumerate(chats["list"])
            if isinstance(chat, dict) and isinstance(chat.get("messages"), list)
        ]
        if found:
            return found
    raise TelegramExportError(
        "not a Telegram Desktop export: expected an object with a 'messages' list "
        "(or 'chats': {'list': [...]})"
    )


def telegram_posts_and_errors(export: Any) -> tuple[list[TelegramPost], list[str]]:
    """Every text post of an export, in order, and a message for each one that is unreadable.

    Raises TelegramExportError when the JSON is not an export at all.
    """
    posts: list[TelegramPost] = []
    errors: list[str] = []
    for prefix, chat in _chats(export):
        channel = chat.get("name") if isinstance(chat.get("name"), str) else None
        username = _username(chat)
        for i, message in enumerate(chat["messages"]):
            where = f"{prefix}messages[{i}]"
            try:
                post = _post(message, where, channel, username)
            except TelegramExportError as exc:
                errors.append(str(exc))
                continue
            if post is not None:
                posts.append(post)
    return posts, errors


def _post(
    message: Any, where: str, channel: str | None, username: str | None
) -> TelegramPost | None:
    if not isinstance(message, dict):
        raise TelegramExportError(f"{where}: expected an object, got {type(message).__name__}")
    if message.get("type", "message") != "message":
        return None
    text = _flatten(message.get("text", ""), where).strip()
    if not text:
        return None
    message_id = message.get("id")
    if message_id is not None and (isinstance(message_id, bool) or not isinstance(message_id, int)):
        raise TelegramExportError(
            f"{where}.id: expected an integer, got {type(message_id).__name__}"
        )
    forwarded = message.get("forwarded_from")
    if forwarded is not None and not isinstance(forwarded, str):
        raise TelegramExportError(
            f"{where}.forwarded_from: expected a string, got {type(forwarded).__name__}"
        )
    url = f"https://t.me/{username}/{message_id}" if username and message_id else None
    return TelegramPost(
        channel, message_id, _message_date(message.get("date"), where), text, url, forwarded
    )


def telegram_posts(export: Any) -> list[TelegramPost]:
    """Every text post of an export; the first unreadable message raises TelegramExportError."""
    posts, errors = telegram_posts_and_errors(export)
    if errors:
        raise TelegramExportError(errors[0])
    return posts


def load_export(data: bytes, name: str) -> Any:
    """Parsed JSON of an export; TelegramExportError names the file and what is wrong."""
    try:
        return json.loads(data)
    except UnicodeDecodeError as exc:
        raise TelegramExportError(f"{name}: not UTF-8 JSON ({exc.reason})") from None
    except json.JSONDecodeError as exc:
        raise TelegramExportError(
            f"{name}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    except RecursionError:
        raise TelegramExportError(f"{name}: JSON nested too deeply to be an export") from None
    except ValueError as exc:  # an integer of thousands of digits
        raise TelegramExportError(f"{name}: {exc}") from None


def looks_like_export_path(path: Path) -> bool:
    """A file to read as a Telegram export rather than as a text report."""
    return path.suffix.lower() == ".json"


def post_report(
    post: TelegramPost, *, published: date | None = None, max_chars: int = MAX_CHARS
) -> Report:
    """One post as a report: channel as outlet, message date as publication date, link as URL.

    Raises ReportError (from the text reader) for a post it cannot read.
    """
    from railwatch.reports.text.ingest_text import read_report

    text = post.text if "\n" in post.text else post.text + "\n"  # never taken for a path
    report = read_report(text, published=published, max_chars=max_chars)
    if post.published is not None:
        report.published_at, report.published_method = post.published, "telegram"
    report.outlet = post.channel or report.outlet
    report.url = post.url or report.url
    report.forwarded_from = post.forwarded_from
    return report


def read_telegram_export(
    path: Path,
    *,
    published: date | None = None,
    max_bytes: int = MAX_EXPORT_BYTES,
    max_chars: int = MAX_CHARS,
) -> tuple[list[Report], list[str]]:
    """The reports of an export file (or of the result.json in a directory), and an error
    line for each message it could not read.

    Raises TelegramExportError when the file cannot be read or is not an export.
    """
    from railwatch.reports.text.ingest_text import ReportError, read_file_bytes

    if path.is_dir():
        path = path / "result.json"
    try:
        data, _ = read_file_bytes(path, max_bytes=max_bytes)
    except ReportError as exc:
        raise TelegramExportError(str(exc)) from None
    try:
        posts, errors = telegram_posts_and_errors(load_export(data, str(path)))
    except TelegramExportError as exc:
        message = str(exc)
        raise TelegramExportError(
            message if message.startswith(str(path)) else f"{path}: {message}"
        ) from None
    failures = [f"{path}: {error}" for error in errors]
    reports = []
    for post in posts:
        try:
            report = post_report(post, published=published, max_chars=max_chars)
            report.path = f"{path}#message {post.message_id}"
            reports.append(report)
        except ReportError as exc:
            detail = str(exc).replace("<text>: ", "")
            failures.append(f"{path}: message id {post.message_id}: {detail}")
    if not posts and not failures:
        raise TelegramExportError(f"{path}: a Telegram export with no text message to read")
    return reports, failures
