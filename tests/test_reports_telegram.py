"""Telegram Desktop exports: one report per message, read by the CLI and the library alike."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from railwatch.reports.text.telegram import (
    TelegramExportError,
    read_telegram_export,
    telegram_posts,
    telegram_posts_and_errors,
)

POST_RU = "Ночью у станции Тында сошли с рельсов шесть цистерн, движение закрыто в обе стороны."
POST_EN = "A freight train derailed near Tynda overnight; traffic is halted both ways."


def _export(**extra) -> dict:
    return {
        "name": "Рельсы Севера",
        "type": "public_channel",
        "id": 1234,
        "messages": [
            {"id": 1, "type": "service", "date": "2023-11-29T08:00:00", "action": "create_channel"},
            {"id": 7, "type": "message", "date": "2023-11-30T08:15:00", "text": POST_RU},
            {
                "id": 8,
                "type": "message",
                "date": "2023-12-01T09:00:00",
                "forwarded_from": "Other channel",
                "text": [POST_EN[:20], {"type": "bold", "text": POST_EN[20:]}],
            },
            {"id": 9, "type": "message", "date": "2023-12-01T10:00:00", "text": ""},
        ],
        **extra,
    }


def _write(tmp_path: Path, data, name: str = "result.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_one_report_per_text_message_with_channel_date_link_and_forward(tmp_path) -> None:
    path = _write(tmp_path, _export(username="rails_north"))
    reports, failures = read_telegram_export(path)
    assert failures == []
    assert [r.published_at for r in reports] == [date(2023, 11, 30), date(2023, 12, 1)]
    assert {r.outlet for r in reports} == {"Рельсы Севера"}
    assert [r.url for r in reports] == ["https://t.me/rails_north/7", "https://t.me/rails_north/8"]
    assert [r.forwarded_from for r in reports] == [None, "Other channel"]
    assert reports[1].text.startswith("A freight train derailed near Tynda")
    assert reports[0].published_method == "telegram"
    assert reports[0].incidents, "the derailment post gives an incident"


def test_without_a_username_there_is_no_guessed_link(tmp_path) -> None:
    reports, _ = read_telegram_export(_write(tmp_path, _export()))
    assert [r.url for r in reports] == [None, None]


def test_a_directory_holding_result_json(tmp_path) -> None:
    _write(tmp_path, _export())
    reports, _ = read_telegram_export(tmp_path)
    assert len(reports) == 2


def test_whole_account_export_with_chats_list(tmp_path) -> None:
    data = {"chats": {"list": [_export(), {"name": "empty", "messages": []}]}}
    reports, _ = read_telegram_export(_write(tmp_path, data))
    assert len(reports) == 2


def test_bad_messages_are_named_and_the_rest_read(tmp_path) -> None:
    data = _export()
    data["messages"] += [
        "not an object",
        {"id": 10, "type": "message", "date": 20231201, "text": POST_EN},
        {"id": 11, "type": "message", "date": "2023-12-01", "text": [{"type": "link"}]},
        {"id": [12], "type": "message", "text": POST_EN},
        {"id": 13, "type": "message", "text": POST_EN, "forwarded_from": ["x"]},
    ]
    reports, failures = read_telegram_export(_write(tmp_path, data))
    assert len(reports) == 2
    joined = "\n".join(failures)
    for expected in (
        "messages[4]: expected an object",
        "messages[5].date: expected an ISO date",
        "messages[6].text: expected strings or entity objects",
        "messages[7].id: expected an integer",
        "messages[8].forwarded_from: expected a string",
    ):
        assert expected in joined
    assert all(f.startswith(str(tmp_path / "result.json")) for f in failures)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"type": "FeatureCollection", "features": []}', "not a Telegram Desktop export"),
        ("[1, 2, 3]", "not a Telegram Desktop export"),
        ('{"messages": [', r"not valid JSON \(line 1"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"messages": [{"id": ' + "9" * 5000 + "}]}", "digits"),
        ('{"name": "c", "messages": []}', "no text message"),
    ],
)
def test_not_an_export_is_an_error_never_zero_reports(tmp_path, content, expected) -> None:
    path = tmp_path / "x.json"
    path.write_text(content)
    with pytest.raises(TelegramExportError, match=expected) as caught:
        read_telegram_export(path)
    assert str(path) in str(caught.value)


def test_strict_reader_raises_on_the_first_bad_message() -> None:
    data = _export()
    data["messages"].append({"id": 3, "type": "message", "text": 5})
    with pytest.raises(TelegramExportError, match=r"messages\[4\]\.text"):
        telegram_posts(data)
    posts, errors = telegram_posts_and_errors(_export())
    assert len(posts) == 2 and errors == []


def test_cli_ingests_an_export_and_refuses_other_json(tmp_path) -> None:
    export = _write(tmp_path, _export(username="rails_north"))
    other = _write(tmp_path, {"a": 1}, "other.json")
    command = [sys.executable, "-m", "railwatch", "ingest", "--data-dir", str(tmp_path / "d")]
    done = subprocess.run([*command, "--json", str(export)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)
    assert len(payload["read"]) == 2 and payload["failed"] == []
    sources = [s for i in payload["incidents"] for s in i["sources"]]
    assert {"outlet": "Рельсы Севера", "url": "https://t.me/rails_north/7"}.items() <= next(
        s for s in sources if s["url"] == "https://t.me/rails_north/7"
    ).items()
    assert {s["published"] for s in sources} <= {"2023-11-30", "2023-12-01"}
    done = subprocess.run([*command, str(other)], capture_output=True, text=True)
    assert done.returncode == 1
    assert "not a Telegram Desktop export" in done.stdout + done.stderr
    assert "Traceback" not in done.stderr
