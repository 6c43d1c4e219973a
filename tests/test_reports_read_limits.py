"""Reading a report: bounded reads, special files refused, tolerant UTF-8, odd text flagged,
control characters dropped, and extraction linear in the length of a sentence."""

from __future__ import annotations

import io
import os
import time

import pytest

from railwatch.reports.text import ingest_text
from railwatch.reports.text.ingest_text import (
    ReportError,
    decode_bytes,
    odd_text_reason,
    read_report,
    read_source,
)
from railwatch.reports.text.sentences import MAX_SENTENCE_CHARS, split_sentences

RU = (
    "Ночью на перегоне у станции Тында сошли с рельсов шесть цистерн грузового поезда, "
    "движение закрыто в обе стороны, сообщили в дороге. "
) * 4
EN = "A freight train derailed near Tynda overnight and traffic was halted, the railway said. "


def test_stdin_is_counted_while_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    class Endless(io.RawIOBase):
        def readable(self) -> bool:
            return True

        def readinto(self, buffer) -> int:  # noqa: ANN001
            buffer[:] = b"a" * len(buffer)
            return len(buffer)

    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BufferedReader(Endless())))
    with pytest.raises(ReportError, match=r"<stdin>: more than 1,000 bytes.*--max-bytes"):
        read_source("-", max_bytes=1000)


def test_file_over_the_limit_names_it(tmp_path) -> None:
    path = tmp_path / "big.txt"
    path.write_text(EN * 100)
    with pytest.raises(ReportError, match=r"big.txt: .* more than 2,000 bytes.*--max-bytes"):
        read_source(path, max_bytes=2000)


@pytest.mark.parametrize("special", ["/dev/zero", "/dev/null"])
def test_devices_are_refused(special: str) -> None:
    with pytest.raises(ReportError, match="character device"):
        read_source(special)


def test_fifo_is_refused_without_blocking(tmp_path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    started = time.monotonic()
    with pytest.raises(ReportError, match="FIFO"):
        read_source(fifo)
    assert time.monotonic() - started < 2


def test_one_stray_byte_keeps_utf8() -> None:
    data = RU.encode("utf-8")
    space = data.index(b" ", 40)
    damaged = data[:space] + b"\xff" + data[space:]
    text = decode_bytes(damaged, "r.txt")
    assert "перегоне у станции Тында" in text
    assert text.count("\ufffd") == 1


@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r"])
def test_legacy_code_pages_still_decode(encoding: str) -> None:
    assert decode_bytes(RU.encode(encoding), "r.txt").startswith("Ночью на перегоне")


@pytest.mark.parametrize(
    ("written", "read_as"),
    [("utf-8", "cp1251"), ("cp1251", "latin-1"), ("cp1251", "koi8_r"), ("utf-8", "latin-1")],
)
def test_mojibake_is_flagged(written: str, read_as: str) -> None:
    garbled = RU.encode(written).decode(read_as, errors="replace")
    assert odd_text_reason(garbled)
    with pytest.raises(ReportError, match="looks wrong"):
        decode_bytes(garbled.encode("utf-8"), "r.txt")


def test_mixed_script_words_are_flagged() -> None:
    # Latin look-alikes inside Cyrillic words, in every word
    spoofed = " ".join("Tындa пoезд cтанция" for _ in range(20))
    assert "mix Latin and Cyrillic" in (odd_text_reason(spoofed) or "")


def test_plain_reports_are_not_flagged() -> None:
    assert odd_text_reason(RU) is None
    assert odd_text_reason(EN * 5) is None
    assert odd_text_reason(RU + EN + "«Газпром» — 12,5 км № 7; €300, 40°C…") is None


def test_escape_sequences_are_dropped_at_read_time(tmp_path) -> None:
    path = tmp_path / "esc.txt"
    path.write_bytes(
        b"\x1b]0;owned\x07Freight train \x1b[2J\x1b[31mderailed\x1b[0m near Tynda, "
        b"officials said.\x9b\xe2\x80\xae\n" + EN.encode()
    )
    report = read_report(path, extract=False)
    assert not any(ord(c) < 32 and c not in "\n\t" for c in report.text)
    assert "\x1b" not in report.text and "\u202e" not in report.text and "owned" not in report.text
    assert "Freight train derailed near Tynda" in report.text


def test_text_over_max_chars_is_refused() -> None:
    with pytest.raises(ReportError, match=r"more than 1,000.*--max-chars"):
        read_report(EN * 40, max_chars=1000)


def test_long_sentences_are_cut_with_their_offsets() -> None:
    text = "explosion tunnel Tynda train " * 200
    sentences = split_sentences(text)
    assert len(sentences) > 1
    assert all(len(s.text) <= MAX_SENTENCE_CHARS for s in sentences)
    for sentence in sentences:
        assert text[sentence.start : sentence.start + len(sentence.text)] == sentence.text


def test_extraction_of_one_long_sentence_is_not_quadratic() -> None:
    # before sentences were bounded, 4x this text took ~16x as long (minutes at 30 KB)
    def cost(repeats: int) -> float:
        started = time.process_time()
        read_report("explosion tunnel Tynda train " * repeats)
        return time.process_time() - started

    cost(50)  # imports and lexicons
    small, large = cost(250), cost(1000)
    assert large < 8 * small + 0.5


def test_limit_constants_are_the_cli_defaults() -> None:
    from railwatch.reports.text import limits

    assert ingest_text.MAX_BYTES == limits.MAX_BYTES
    assert ingest_text.MAX_CHARS == limits.MAX_CHARS
