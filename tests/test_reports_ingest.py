"""Reading reports: encodings, HTML, Markdown, furniture, metadata and bad input."""

from datetime import date
from pathlib import Path

import pytest

from railwatch.reports.text.furniture import strip_furniture
from railwatch.reports.text.ingest_text import (
    MAX_BYTES,
    ReportError,
    detect_language,
    iter_report_files,
    read_report,
)

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "reports"
RUSSIAN = "В ночь на 30 ноября в Северомуйском тоннеле загорелись цистерны с топливом.\n"


def test_windows_1251_text_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(RUSSIAN.encode("cp1251"))
    report = read_report(path, published=date(2023, 12, 1))
    assert "Северомуйском тоннеле" in report.text
    assert report.language == "ru"


def test_koi8r_text_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(RUSSIAN.encode("koi8_r"))
    assert "загорелись цистерны" in read_report(path, extract=False).text


def test_corpus_cp1251_file_reads_as_russian() -> None:
    report = read_report(CORPUS / "040-cp1251-khilok-ru.txt", published=date(2026, 2, 5))
    assert "полувагонов" in report.text
    assert report.incidents and report.incidents[0].type == "derailment"


def test_empty_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("  \n")
    with pytest.raises(ReportError, match=r"empty\.txt.*empty"):
        read_report(path)


def test_binary_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "image.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(ReportError, match=r"image\.png.*binary"):
        read_report(path)


def test_oversized_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(20 * 1024 * 1024)  # sparse: 20 MB without writing them
    with pytest.raises(ReportError, match=r"huge\.txt: 20\.0 MB is too large"):
        read_report(path)
    assert MAX_BYTES < 20 * 1024 * 1024


def test_html_with_scripts_keeps_article_and_metadata() -> None:
    report = read_report(CORPUS / "013-html-gudachi-gonzha-en.html")
    assert "gtag" not in report.text and "querySelectorAll" not in report.text
    assert "Most read" not in report.text and "Sign up" not in report.text
    assert "Ice road season" not in report.text  # a "read more" headline
    assert "35 cars leaving the tracks" in report.text
    assert report.outlet == "World Desk"
    assert report.url == "https://worlddesk.example/news/russia-freight-derailment"
    assert (report.published_at, report.published_method) == (date(2026, 1, 5), "metadata")


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ('<div class="meta">12 марта 2025, 09:40 · Транспорт</div>', date(2025, 3, 12)),
        (
            '<div class="byline">By A. Writer · <time datetime="x">March 12, 2025 09:40</time>'
            "</div>",
            date(2025, 3, 12),
        ),
        ('<span class="post-date">Posted 12 March 2025</span>', date(2025, 3, 12)),
    ],
)
def test_a_byline_box_of_a_page_dates_it(byline: str, expected: date) -> None:
    page = (
        "<html><body><main><h1>Freight wagons derail near Mogocha</h1>"
        f"{byline}<p>Eight freight wagons derailed near Mogocha station in Transbaikalia "
        "on Tuesday, the railway said.</p>"
        '<div class="metadata-wrapper"><p>Traffic was halted for six hours.</p></div>'
        "</main></body></html>"
    )
    report = read_report(page)
    assert (report.published_at, report.published_method) == (expected, "byline")
    assert "2025" not in report.text  # the byline went with the metadata
    assert report.text.count("Traffic was halted") == 1  # a wrapper is not its paragraphs again
    assert report.incidents[0].occurred.start == date(2025, 3, 11)


def test_markdown_front_matter_and_newsletter_prompts() -> None:
    report = read_report(CORPUS / "009-newsletter-two-blasts-en.md")
    assert report.outlet == "Eastern Rail Monitor"
    assert report.published_at == date(2023, 12, 2)
    assert "newsletter" not in report.text.lower()
    assert "Share this article" not in report.text
    assert "Photo:" not in report.text
    assert "Devil's Bridge" in report.text


def test_byline_date_is_found() -> None:
    report = read_report(CORPUS / "005-article-sbu-claims-tunnel-en.txt")
    assert (report.published_at, report.published_method) == (date(2023, 11, 30), "byline")
    assert "min read" not in report.text


def test_wire_dateline_gives_outlet_and_date() -> None:
    report = read_report(CORPUS / "001-wire-severomuysky-fire-en.txt", published=date(2023, 12, 5))
    assert report.outlet == "Reuters"
    assert report.published_at == date(2023, 11, 30)


def test_published_argument_then_file_date(tmp_path: Path) -> None:
    path = tmp_path / "post.txt"
    path.write_text("Вчера вечером на станции Тында сошли с рельсов три вагона.\n")
    given = read_report(path, published=date(2024, 5, 2))
    assert (given.published_at, given.published_method) == (date(2024, 5, 2), "argument")
    assert given.incidents[0].occurred.start == date(2024, 5, 1)
    fallback = read_report(path)
    assert fallback.published_method == "file_mtime"


def test_text_given_directly_and_report_id_is_content_hash() -> None:
    text = "A freight train derailed near Tynda on Monday.\nTraffic was halted.\n"
    first = read_report(text, published=date(2024, 6, 5))
    second = read_report(text, published=date(2024, 6, 5))
    assert first.id == second.id and len(first.id) == 64
    assert first.path is None


def test_furniture_lines_go_and_prose_stays() -> None:
    text = "\n".join(
        [
            "Train derails in Siberia",
            "Subscribe to our newsletter",
            "Фото: пресс-служба РЖД",
            "Читайте также:",
            "Новый вокзал открыли в Иркутске",
            "",
            "Twitter Facebook Telegram",
            "The railway said the newsletter of its workers' union was not affected by the derailment, "
            "which happened on a busy stretch of the line east of the city late on Tuesday evening.",
        ]
    )
    cleaned = strip_furniture(text)
    assert cleaned.splitlines()[0] == "Train derails in Siberia"
    for gone in ("Subscribe", "Фото:", "Читайте", "Новый вокзал", "Twitter"):
        assert gone not in cleaned
    assert "workers' union" in cleaned


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        # a video caption tells what the footage shows: text
        ("Video: smoke rises over the depot after the drone strike", True),
        ("VIDEO: Tank wagons burn near Mogocha station", True),
        ("Video shows a drone hitting the traction substation", True),
        ("Видео: момент схода вагонов на перегоне под Тындой", True),
        # prompts and credits stay furniture
        ("Watch the video", False),
        ("Video: Reuters", False),
        ("Watch: our latest video report", False),
        ("Видео: Telegram-канал SHOT", False),
        ("Видео дня", False),
        ("Смотрите видео", False),
        ("Photo: the derailed wagons near Mogocha station", False),
    ],
)
def test_a_video_caption_that_tells_the_event_is_text(line: str, kept: bool) -> None:
    text = f"Freight train derails near Mogocha\n{line}\nTraffic was halted for six hours."
    assert (line in strip_furniture(text)) is kept


def test_repeated_captions_are_kept_once() -> None:
    text = "Photo credit: AP\nA train derailed.\nPhoto credit: AP\nIt was carrying coal."
    assert strip_furniture(text).count("Photo credit") == 0
    text = "Short repeated line\nBody one.\nShort repeated line\nBody two."
    assert strip_furniture(text).count("Short repeated line") == 1


def test_language_detection() -> None:
    assert detect_language("Поезд сошёл с рельсов у станции Тында") == "ru"
    assert detect_language("A freight train derailed near Tynda station") == "en"
    assert detect_language("Потяг зійшов з рейок, їхав із вугіллям, є пошкодження колії") == "uk"
    assert detect_language("12 34") == "und"


def test_directories_are_walked_recursively(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "one.md").write_text("x")
    (tmp_path / "two.txt").write_text("x")
    (tmp_path / ".hidden.txt").write_text("x")
    names = [p.name for p in iter_report_files([tmp_path])]
    assert names == ["one.md", "two.txt"]
