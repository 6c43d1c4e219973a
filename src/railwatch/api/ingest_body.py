"""A POSTed body (text, Markdown, HTML or a Telegram Desktop export) as reports."""

from __future__ import annotations

import json
from datetime import date

from railwatch.api.problems import Problem
from railwatch.reports.model import Report
from railwatch.reports.text.telegram import TelegramExportError, post_report, telegram_posts

TEXT_TYPES = {"text/plain", "text/markdown", "text/html", "application/xhtml+xml"}


def _read(text: str, published: date | None, where: str) -> Report:
    from railwatch.reports.text.ingest_text import ReportError, read_report

    # read_report takes a short one-line string for a path; a body is never a path.
    if "\n" not in text:
        text += "\n"
    try:
        return read_report(text, published=published)
    except ReportError as exc:
        raise Problem(422, "The report cannot be read", str(exc).replace("<text>", where)) from None


def reports_from_body(body: bytes, content_type: str, published: date | None) -> list[Report]:
    """Reports in a request body; Problem (415/422) says what is wrong with it."""
    from railwatch.reports.text.ingest_text import ReportError, decode_bytes

    if content_type == "application/json":
        try:
            export = json.loads(body)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise Problem(
                422, "The JSON cannot be parsed", f"request body: {exc}; send valid JSON."
            ) from None
        try:
            posts = telegram_posts(export)
        except TelegramExportError as exc:
            raise Problem(422, "Not a Telegram export", f"request body: {exc}") from None
        if not posts:
            raise Problem(422, "No posts", "The export has no message with text.")
        reports = []
        for post in posts:
            try:  # the one reader of exports, shared with `railwatch ingest`
                reports.append(post_report(post, published=published))
            except ReportError as exc:
                where = f"messages id {post.message_id}"
                raise Problem(
                    422, "A post cannot be read", str(exc).replace("<text>", where)
                ) from None
        return reports
    if content_type not in TEXT_TYPES:
        raise Problem(
            415,
            "Unsupported media type",
            f"Content-Type {content_type!r} is not accepted; send text/plain, text/markdown, "
            "text/html, or application/json for a Telegram Desktop export.",
        )
    try:
        text = decode_bytes(body, "request body")
    except ReportError as exc:
        raise Problem(422, "The report cannot be read", str(exc)) from None
    return [_read(text, published, "request body")]
