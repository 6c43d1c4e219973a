"""Read a report from a file, stdin or a string: decode, clean, detect language, find metadata,
then extract incidents.

Publication date, in order of preference: metadata the page declares (HTML meta tags,
Markdown front matter, a "Published:" line), a byline in the first lines ("4 min read ·
Dec 1, 2023", "MOSCOW, Dec 1 (Reuters)"), the `published` argument, a day in the page's
address (".../2024/03/04/..."), the file's
modification time (flagged "file_mtime") unless a "Published: unknown" line says the source
has no date (then there is none: a copied text's file time is not when it was published).
"""

import hashlib
import os
import re
import stat
import sys
from calendar import monthrange
from datetime import UTC, date, datetime
from pathlib import Path

import yaml
from charset_normalizer import from_bytes

from railwatch.reports.extract.dates import find_dates
from railwatch.reports.model import Report
from railwatch.reports.text.furniture import strip_furniture
from railwatch.reports.text.html_text import html_to_text, looks_like_html
from railwatch.reports.text.limits import MAX_BYTES, MAX_CHARS

_CHUNK = 1 << 16
# C0 controls but tab and newline, DEL, C1 controls and bidi overrides: an escape sequence in a
# report is dropped when it is read, so no later face (terminal, CSV, HTML) ever sees it. The
# parameters of an ANSI CSI sequence (ESC [ 2 J) go with it.
_ANSI_CSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]{0,256}(?:\x07|\x1b\\)?")
_ANSI_CSI_BYTES = re.compile(_ANSI_CSI.pattern.encode())
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
TELEGRAM_EXPORT = "result.json"  # what Telegram Desktop names a chat export
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".text", ""}


class ReportError(ValueError):
    """A report that cannot be read; the message names the file and what is wrong."""


# Outlets recognised by name in a byline or a wire dateline, and by web domain.
KNOWN_OUTLETS = {
    "reuters": "Reuters", "associated press": "AP", "(ap)": "AP", "afp": "AFP", "bloomberg": "Bloomberg",
    "the moscow times": "The Moscow Times", "moscow times": "The Moscow Times",
    "kyiv independent": "The Kyiv Independent", "ukrainska pravda": "Ukrainska Pravda",
    "suspilne": "Suspilne", "interfax": "Interfax", "интерфакс": "Интерфакс", "tass": "TASS",
    "тасс": "ТАСС", "риа новости": "РИА Новости", "ria novosti": "RIA Novosti",
    "коммерсантъ": "Коммерсантъ", "kommersant": "Kommersant", "рбк": "РБК", "rbc": "RBC",
    "baza": "Baza", "mash": "Mash", "shot": "SHOT", "meduza": "Meduza", "медуза": "Медуза",
    "bbc": "BBC", "новая газета": "Новая газета", "известия": "Известия", "ведомости": "Ведомости",
    "vedomosti": "Vedomosti", "railway gazette": "Railway Gazette", "gudok": "Gudok", "гудок": "Гудок",
    "cnn": "CNN", "the guardian": "The Guardian", "euromaidan press": "Euromaidan Press",
    "radio free europe": "RFE/RL", "rfe/rl": "RFE/RL", "novaya gazeta": "Novaya Gazeta",
}  # fmt: skip
_URL = re.compile(r"https?://[^\s)\]>\"']+")
_META_LINE = re.compile(
    r"^\s*(?P<key>source|outlet|url|link|published|date|updated|posted|источник|издание|ссылка|"
    r"опубликовано|дата|дата публикации|обновлено)\s*[:：]\s*(?P<value>.+?)\s*$",
    re.IGNORECASE,
)
_WIRE_DATELINE = re.compile(
    r"^[A-ZА-ЯЁ][A-ZА-ЯЁ\s\-,.]{2,40},\s*(?P<date>[A-Za-zА-Яа-яё.]+\s+\d{1,2}|\d{1,2}\s+[A-Za-zА-Яа-яё.]+)"
    r"\s*\((?P<outlet>[A-Za-zА-Яа-яЁё \-]+)\)\s*[-–—]"
)
_BYLINE_HINT = re.compile(
    r"min\s+read|published|updated|posted|опубликовано|обновлено|·|\||\d{1,2}:\d{2}|"
    r"\b(?:19|20)\d\d\b",
    re.IGNORECASE,
)
_PUBLISHED_WORD = re.compile(r"(?:published|posted|опубликовано)\b", re.IGNORECASE)
# "Published: unknown": the source says it has no date, so the file's time is no stand-in
_NO_DATE = re.compile(r"^(?:unknown|n/?a|none|not\s+known|-+|неизвестн\w*|нет)$", re.IGNORECASE)
_FRONT_MATTER = re.compile(r"\A---\s*\n(?P<body>.*?)\n---\s*\n", re.DOTALL)


# --- reading and decoding -------------------------------------------------------------------


def strip_controls(text: str) -> str:
    """`text` without escape sequences and control characters (tab, newline, CR kept)."""
    return _CONTROL.sub("", _ANSI_CSI.sub("", text))


def _utf8_tolerant(data: bytes) -> str | None:
    """`data` as UTF-8 when it is UTF-8 but for a few stray bytes (each becomes U+FFFD).

    A legacy code page decoded as UTF-8 gives almost no valid multi-byte characters and many
    invalid bytes; a UTF-8 text with a stray byte gives hundreds of valid ones per bad one.
    """
    text = data.decode("utf-8-sig", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    good = sum(1 for c in text if ord(c) > 127 and c != "\ufffd")
    if bad <= 0 or (good >= 20 * bad and bad <= max(8, len(text) // 1000)):
        return text
    return None


def decode_bytes(data: bytes, name: str) -> str:
    """Text from raw bytes: UTF-8 (with or without BOM, tolerating a few stray bytes) or a
    detected legacy encoding such as Windows-1251. Raises ReportError for empty or binary
    input, and for a decoded text that looks wrong (see `odd_text_reason`)."""
    if not data.strip():
        raise ReportError(f"{name}: the file is empty")
    if b"\x00" in data[:8192]:
        raise ReportError(f"{name}: looks like a binary file (NUL bytes), expected text or HTML")
    # the C0 controls are the same bytes in every ASCII-compatible encoding: dropping them
    # first keeps an escape sequence from confusing the encoding guess
    data = _CONTROL_BYTES.sub(b"", _ANSI_CSI_BYTES.sub(b"", data))
    text = _utf8_tolerant(data)
    if text is None:
        text = _legacy_decode(data, name)
    text = strip_controls(text)
    reason = odd_text_reason(text)
    if reason:
        raise ReportError(
            f"{name}: the decoded text looks wrong ({reason}); not stored — "
            "save the file as UTF-8 and ingest it again"
        )
    return text


def _legacy_decode(data: bytes, name: str) -> str:
    # Short Cyrillic texts confuse statistical detectors; try the usual Russian code pages
    # first and keep the one whose letters look like Russian.
    best_text, best_score = None, 0.0
    for encoding in ("cp1251", "koi8_r"):
        try:
            candidate = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        score = _russian_likeness(candidate)
        if score > best_score:
            best_text, best_score = candidate, score
    if best_text is not None and best_score > 0.5:
        return best_text
    match = from_bytes(data[:MAX_BYTES]).best()
    if match is None:
        raise ReportError(f"{name}: cannot decode the text (not UTF-8 and no known encoding fits)")
    text = str(match)
    if _control_ratio(text) > 0.05:
        raise ReportError(f"{name}: looks like a binary file, expected text or HTML")
    return text


def _russian_likeness(text: str) -> float:
    """Share of Cyrillic letters that are common lowercase Russian letters (high for real text)."""
    cyrillic = [c for c in text if "\u0400" <= c <= "\u04ff"]
    if len(cyrillic) < 10:
        return 0.0
    common = sum(1 for c in cyrillic if c in "оеаинтсрвлкмдпуяыьгзбчйхжшюцщэфё")
    return common / len(cyrillic)


def _control_ratio(text: str) -> float:
    controls = sum(1 for c in text[:20000] if ord(c) < 32 and c not in "\n\r\t\f")
    return controls / max(1, min(len(text), 20000))


# Characters a news text in English, Russian or Ukrainian is made of; anything else in bulk
# (Latin-1 letters from a Cyrillic file, "Ѓ‚ѓ" from UTF-8 read as cp1251) is a decoding gone wrong.
_UNEXPECTED = re.compile(
    r"[^\sA-Za-z0-9\u0410-\u044f\u0401\u0451\u0406\u0456\u0407\u0457\u0404\u0454\u0490\u0491"
    r"!-/:-@\[-`{-~«»–—…‘’“”„№°•·€$£\u00a0\u2009\u202f]"
)
_SPACE = re.compile(r"\s")
_WORD = re.compile(r"[^\W\d_]{3,}")
_LATIN = re.compile(r"[A-Za-z]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def odd_text_reason(text: str) -> str | None:
    """Why `text` does not look like a decoded news text, or None when it does.

    Flags a text where more than a fifth of the visible characters are outside the letters
    and punctuation of English, Russian and Ukrainian, where more than one word in twenty
    mixes Latin and Cyrillic letters, or whose Cyrillic is not Russian-like (a wrong code page).
    """
    sample = text[:200_000]
    visible = len(sample) - len(_SPACE.findall(sample))
    if visible < 40:
        return None
    odd = len(_UNEXPECTED.findall(sample))
    if odd > 0.2 * visible:
        share = odd / visible
        return f"{share:.0%} of its characters are not letters, digits or punctuation of en/ru/uk"
    words = _WORD.findall(sample)
    mixed = sum(1 for w in words if _LATIN.search(w) and _CYRILLIC.search(w))
    if len(words) >= 20 and mixed > 0.05 * len(words):
        return f"{mixed} of {len(words)} words mix Latin and Cyrillic letters"
    cyrillic = [c for c in sample if "\u0410" <= c <= "\u044f"]
    if len(cyrillic) >= 200:
        upper = sum(1 for c in cyrillic if c.isupper())
        if upper > 0.6 * len(cyrillic):
            return "most Cyrillic letters are capitals, as from a wrong code page"
    return None


def _read_bounded(stream, limit: int, name: str) -> bytes:  # noqa: ANN001 (a binary file)
    """At most `limit` bytes from `stream`, counted while reading (pipes and /dev/zero
    included); more is an error naming the limit."""
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = stream.read(min(_CHUNK, limit + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            raise ReportError(
                f"{name}: more than {_size(limit)}, the limit for one report "
                "(raise it with --max-bytes)"
            )
    return b"".join(chunks)


def _size(count: int) -> str:
    if count >= 1024 * 1024:
        return f"{count / (1024 * 1024):.1f} MB"
    return f"{count:,} bytes"


def _special_kind(mode: int) -> str | None:
    for test, kind in (
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return kind
    return None if stat.S_ISREG(mode) else "not a regular file"


def read_source(
    source: str | Path, *, max_bytes: int = MAX_BYTES
) -> tuple[str, str | None, date | None]:
    """Raw text of a report, the path it came from, and the file's modification date.

    `source` is a path, "-" for stdin, or the text itself (a str with a newline, or one
    that names no existing file). FIFOs, devices and sockets are refused without opening
    them for a blocking read; bytes are counted while reading, up to `max_bytes`.
    """
    if isinstance(source, str) and source == "-":
        data = _read_bounded(sys.stdin.buffer, max_bytes, "<stdin>")
        return decode_bytes(data, "<stdin>"), None, None
    if isinstance(source, str) and (
        "\n" in source or len(source) > 1024 or not Path(source).exists()
    ):
        if not source.strip():
            raise ReportError("<text>: the report is empty")
        if len(source.encode("utf-8", errors="replace")) > max_bytes:
            raise ReportError(f"<text>: more than {_size(max_bytes)}, the limit for one report")
        return strip_controls(source), None, None
    path = Path(source)
    if path.is_dir():
        raise ReportError(f"{path}: is a directory; use iter_report_files() to walk it")
    data, mtime = read_file_bytes(path, max_bytes=max_bytes)
    return decode_bytes(data, str(path)), str(path), mtime


def read_file_bytes(path: Path, *, max_bytes: int = MAX_BYTES) -> tuple[bytes, date]:
    """The bytes of a regular file and its modification date.

    FIFOs, devices and sockets are refused without a blocking open; bytes are counted while
    reading, so a file that grows or lies about its size still stops at `max_bytes`.
    """
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        raise ReportError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    kind = _special_kind(mode)
    if kind:
        raise ReportError(f"{path}: is {kind}, expected a text or HTML file")
    try:
        # O_NONBLOCK: should the path turn into a FIFO after the check, open() must not hang
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        with os.fdopen(fd, "rb") as stream:
            info = os.fstat(stream.fileno())
            kind = _special_kind(info.st_mode)
            if kind:
                raise ReportError(f"{path}: is {kind}, expected a text or HTML file")
            if info.st_size > max_bytes:
                raise ReportError(
                    f"{path}: {_size(info.st_size)} is too large, more than {_size(max_bytes)}, "
                    "the limit for one report (raise it with --max-bytes)"
                )
            data = _read_bounded(stream, max_bytes, str(path))
    except OSError as exc:
        raise ReportError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    return data, date.fromtimestamp(info.st_mtime)


def iter_report_files(paths: list[str | Path]) -> list[Path]:
    """The report files under the given paths (directories recursively, sorted, hidden skipped)."""
    found: list[Path] = []
    for item in paths:
        path = Path(item)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in child.relative_to(path).parts)
                wanted = child.suffix.lower() in TEXT_SUFFIXES or child.name == TELEGRAM_EXPORT
                if child.is_file() and not hidden and wanted:
                    found.append(child)
        else:
            found.append(path)
    return found


# --- markdown and metadata ------------------------------------------------------------------


def markdown_to_text(text: str) -> tuple[str, dict]:
    """Plain text from Markdown, plus the front matter (if any) as a dict."""
    front: dict = {}
    match = _FRONT_MATTER.match(text)
    if match:
        try:
            loaded = yaml.safe_load(match.group("body"))
            front = loaded if isinstance(loaded, dict) else {}
        except yaml.YAMLError:
            front = {}
        text = text[match.end() :]
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)  # images
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)  # links keep their words
    text = re.sub(r"^\s{0,3}#{1,6}\s*", "", text, flags=re.MULTILINE)  # headings
    text = re.sub(r"^\s{0,3}>\s?", "", text, flags=re.MULTILINE)  # quotes
    text = re.sub(r"^\s*[-*+]\s+", "", text, flags=re.MULTILINE)  # bullets
    text = re.sub(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1", r"\2", text)  # emphasis
    text = re.sub(r"^\s*(?:-{3,}|\*{3,})\s*$", "", text, flags=re.MULTILINE)  # rules
    return text, front


def looks_like_markdown(text: str, path: str | None) -> bool:
    if path and Path(path).suffix.lower() in {".md", ".markdown"}:
        return True
    return bool(
        _FRONT_MATTER.match(text) or re.search(r"^#{1,6}\s|\]\(https?://", text, re.MULTILINE)
    )


def detect_language(text: str) -> str:
    """ "ru", "uk", "en" or "und" from the letters used (reports here are Russian or English)."""
    cyrillic = sum(1 for c in text if "\u0400" <= c <= "\u04ff")
    latin = sum(1 for c in text if c.isascii() and c.isalpha())
    if cyrillic + latin < 20:
        return "und"
    if cyrillic > latin:
        ukrainian = sum(text.count(c) for c in "іїєґІЇЄҐ")
        return "uk" if ukrainian > max(3, cyrillic * 0.01) else "ru"
    return "en"


def parse_published(value: str | date | datetime | None) -> date | None:
    """A date from an ISO timestamp, an ISO date or a written date with a year; None if none."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    raw = str(value).strip()
    try:
        return datetime.fromisoformat(raw.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    for mention in find_dates(raw, date(2100, 1, 1)):
        if mention.value.precision == "day" and re.search(r"(?:19|20)\d\d", mention.value.text):
            return mention.value.start
    return None


# a day in a page address: /2024/03/04/, /2024-03-04-, _20240304, ?date=2024.03.04
_URL_DAY = re.compile(
    r"(?<![0-9])(?P<year>20[0-4][0-9])(?P<sep>[/\-_.]?)(?P<month>[01][0-9])(?P=sep)"
    r"(?P<day>[0-3][0-9])(?![0-9])"
)


# a Unix time in seconds (".../train-blown-up-1701426064.html") or a 24-hex object id, whose
# first four bytes are its creation time (".../a/6451f810a9386d6f528a5813")
_URL_UNIX_TIME = re.compile(r"(?<![0-9])1[0-9]{9}(?![0-9])")
_URL_OBJECT_ID = re.compile(r"(?<![0-9a-f])(?P<time>[0-9a-f]{8})[0-9a-f]{16}(?![0-9a-f])")
_EARLIEST_WEB_DAY = date(2005, 1, 1)


def date_from_url(url: str | None, today: date | None = None) -> date | None:
    """The day a page address carries in its path or query, or None: a year-month-day that
    is a real calendar day (news sites file articles by day: ".../2024/03/04/bridge-blast"),
    else a Unix time or an object id's creation time between 2005 and `today`. Only the part
    after the host is read."""
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]+", "", url.strip(), flags=re.IGNORECASE)
    for match in _URL_DAY.finditer(path):
        try:
            return date(int(match["year"]), int(match["month"]), int(match["day"]))
        except ValueError:
            continue
    latest = today or date.today()
    stamps = [int(m.group(0)) for m in _URL_UNIX_TIME.finditer(path)]
    stamps += [int(m["time"], 16) for m in _URL_OBJECT_ID.finditer(path.lower())]
    for stamp in stamps:
        day = datetime.fromtimestamp(stamp, tz=UTC).date()
        if _EARLIEST_WEB_DAY <= day <= latest:
            return day
    return None


# a month in a page address with no day after it: ".../incident/2012/07/191907"
_URL_MONTH = re.compile(r"/(?P<year>(?:19|20)[0-9]{2})/(?P<month>0[1-9]|1[0-2])(?:/|$)")


def month_from_url(url: str | None) -> date | None:
    """The last day of the month a page address files its page under ("/2012/07/"), or None.
    A page of unknown date was published in or after that month, so a day named without a
    year lies in that year (or, for a later month, the year before)."""
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]+", "", url.strip(), flags=re.IGNORECASE)
    found = _URL_MONTH.search(path)
    if found is None:
        return None
    year, month = int(found["year"]), int(found["month"])
    return date(year, month, monthrange(year, month)[1])


def _outlet_from_url(url: str) -> str | None:
    host = re.sub(r"^https?://(?:www\.|m\.|amp\.)?", "", url).split("/")[0].lower()
    for key, name in KNOWN_OUTLETS.items():
        if key.replace(" ", "") in host.replace("-", ""):
            return name
    return host or None


def _outlet_by_name(line: str) -> str | None:
    low = line.lower()
    for key, name in KNOWN_OUTLETS.items():
        if re.search(rf"(?<!\w){re.escape(key)}(?!\w)", low):
            return name
    return None


def find_metadata(text: str, reference: date | None) -> dict:
    """Outlet, URL and publication date carried by the text itself.

    Returns a dict with keys url, outlet, published, published_method ("metadata" for an
    explicit "Published:" line, "byline" for a date found in the opening lines) and the set
    of line numbers that were metadata (to drop from the cleaned text).
    """
    found: dict = {"url": None, "outlet": None, "published": None, "published_method": None}
    meta_lines: set[int] = set()
    lines = text.splitlines()
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    head = nonblank[:6]
    tail = nonblank[-3:]
    body_started = False  # a "Source:" line after the headline names the post's source
    for i in nonblank:
        line = lines[i]
        match = _META_LINE.match(line)
        if match and len(line) < 300:
            key, value = match.group("key").lower(), match.group("value")
            meta_lines.add(i)
            url = _URL.search(value)
            if url and not found["url"]:
                found["url"] = url.group(0)
            if key in {"source", "outlet", "источник", "издание"} and not url:
                found["outlet"] = found["outlet"] or value.strip()
                if key in {"source", "источник"} and body_started:
                    # "Source: X" inside the body names who the post relays (its claimant)
                    found["attribution"] = found.get("attribution") or value.strip()
            if key in {"published", "date", "posted", "опубликовано", "дата", "дата публикации"}:
                day = parse_published(value)
                if day and not found["published"]:
                    found["published"], found["published_method"] = day, "metadata"
                found["no_date"] = found.get("no_date") or bool(_NO_DATE.match(value.strip()))
            continue
        if i in head or i in tail:
            bare_url = _URL.fullmatch(line.strip())
            if bare_url:
                found["url"] = found["url"] or bare_url.group(0)
                meta_lines.add(i)
                continue
        body_started = True
    # a line that says "Published ..." is the byline, whatever dates the headline carries
    # ("Rail roundup, 6–10 October" is the period covered, not the publication day)
    head = sorted(head, key=lambda i: not _PUBLISHED_WORD.match(lines[i].strip()))
    for i in head:
        line = lines[i].strip()
        wire = _WIRE_DATELINE.match(line)
        if wire:
            found["outlet"] = (
                found["outlet"] or _outlet_by_name(wire.group("outlet")) or wire.group("outlet")
            )
            if not found["published"] and reference is not None:
                wire_dates = find_dates(wire.group("date"), reference)
                if wire_dates and wire_dates[0].value.precision == "day":
                    found["published"] = wire_dates[0].value.start
                    found["published_method"] = "byline"
            continue
        if i in meta_lines or len(line) > 160 or not _BYLINE_HINT.search(line):
            continue
        if line.endswith(".") and len(line) > 80:
            continue  # a sentence of the article, not a byline
        day = parse_published(line)
        if day and not found["published"]:
            found["published"], found["published_method"] = day, "byline"
            meta_lines.add(i)
        if not found["outlet"]:
            outlet = _outlet_by_name(line)
            if outlet and len(line) < 100:
                found["outlet"] = outlet
                meta_lines.add(i)
    if found["url"] and not found["outlet"]:
        found["outlet"] = _outlet_from_url(found["url"])
    found["meta_lines"] = meta_lines
    return found


# --- the whole pipeline ---------------------------------------------------------------------


def clean_text(raw: str, path: str | None = None) -> tuple[str, dict]:
    """Cleaned article text and the metadata found on the way (HTML meta, front matter, lines)."""
    page_meta: dict = {}
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    if looks_like_html(text) or (path and Path(path).suffix.lower() in {".html", ".htm"}):
        page = html_to_text(text)
        text = page.text
        page_meta = {"url": page.url, "outlet": page.outlet, "published": page.published}
    elif looks_like_markdown(text, path):
        text, front = markdown_to_text(text)
        page_meta = {
            "url": front.get("url") or front.get("link"),
            "outlet": front.get("outlet") or front.get("source") or front.get("site"),
            "published": front.get("published") or front.get("date"),
        }
    text = strip_furniture(text)
    if not text.strip():
        raise ReportError(f"{path or '<text>'}: no article text left after removing page furniture")
    return text, page_meta


def read_report(
    path_or_text: str | Path,
    *,
    published: date | None = None,
    extract: bool = True,
    max_bytes: int = MAX_BYTES,
    max_chars: int = MAX_CHARS,
) -> Report:
    """Read, clean and (unless `extract` is False) extract one report.

    Raises ReportError with the file name when the input is empty, binary, a special file,
    more than `max_bytes`, wrongly decoded, has no text or more than `max_chars` of it.
    """
    raw, path, mtime = read_source(path_or_text, max_bytes=max_bytes)
    text, page_meta = clean_text(raw, path)
    if len(text) > max_chars:
        raise ReportError(
            f"{path or '<text>'}: {len(text):,} characters of text, more than {max_chars:,}, "
            "the limit for one report (raise it with --max-chars)"
        )
    meta = find_metadata(text, published or mtime)
    if meta["meta_lines"]:
        kept = [line for i, line in enumerate(text.splitlines()) if i not in meta["meta_lines"]]
        text = strip_furniture("\n".join(kept)) or text
    page_published = parse_published(page_meta.get("published"))
    published_at: date | None
    if page_published:
        published_at, method = page_published, "metadata"
    elif meta["published"]:
        published_at, method = meta["published"], meta["published_method"]
    elif published is not None:
        published_at, method = published, "argument"
    elif date_from_url(page_meta.get("url") or meta["url"]):
        # the address files the page by day; better than the file's time, and a page whose
        # text shows no date ("Published: unknown") often has one in its address
        published_at, method = date_from_url(page_meta.get("url") or meta["url"]), "url"
    elif mtime is not None and not meta.get("no_date"):
        published_at, method = mtime, "file_mtime"
    else:
        published_at, method = None, "unknown"
    language = detect_language(text)
    report = Report(
        id=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        text=text,
        language=language,
        url=page_meta.get("url") or meta["url"],
        outlet=page_meta.get("outlet") or meta["outlet"],
        published_at=published_at,
        published_method=method,
        path=path,
        attribution=meta.get("attribution"),
    )
    if extract:
        from railwatch.reports.pipeline import extract as extract_report

        extract_report(report)
    return report
