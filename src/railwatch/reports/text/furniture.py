"""Strip page furniture from article text: sign-up prompts, captions, credits, share bars,
"read more" blocks, and lines repeated across the page. A video caption that tells what the
footage shows is text, not furniture.

Only short lines are judged, so a paragraph that mentions a newsletter in passing stays.
"""

import re

_SHORT = 200

_FURNITURE = re.compile(
    r"^\W*(?:"
    # English prompts and chrome
    r"subscribe|sign\s*up|sign\s*in|log\s*in|register\b|get\s+(?:our|the)\s+\w+\s+newsletter|"
    r"newsletter|join\s+(?:us|our)|follow\s+us|share\b|share\s+this|tweet\b|email\s+this|"
    r"click\s+here|advertisement|sponsored|ad\b|cookie|we\s+use\s+cookies|accept\s+all|"
    r"listen\s+to\s+this\s+article|all\s+rights\s+reserved|copyright|©|"
    r"photo\b|photos\b|image\b|picture\b|credit\b|video\b|watch\b|source\s+of\s+(?:the\s+)?photo|"
    r"read\s+more|read\s+also|see\s+also|related\b|recommended|more\s+from|most\s+read|"
    r"trending|tags?\s*:|topics?\s*:|comments?\b|leave\s+a\s+comment|"
    r"support\s+(?:our|independent)\s+journalism|donate|"
    # Russian prompts and chrome
    r"подпис\w*|подпиш\w*|читайте\s+также|читать\s+также|читайте\s+нас|смотрите\s+также|"
    r"по\s+теме|фото\b|фото:|видео\b|смотрите\s+видео|источник\s+фото|скриншот|поделиться|реклама|"
    r"новости\s+партн[её]ров|следите\s+за|присоединяйтесь|наш\s+канал|наш\s+telegram|"
    r"все\s+права\s+защищены|комментари\w*|теги\s*:|темы\s*:|"
    r"если\s+вы\s+нашли\s+ошибку|нашли\s+ошибку"
    r")",
    re.IGNORECASE,
)
# A line made only of social network names or links is a share bar.
_SHARE_BAR = re.compile(
    r"^(?:\W*(?:facebook|twitter|x|telegram|whatsapp|vk|вконтакте|ok|одноклассники|viber|"
    r"email|e-mail|copy\s+link|linkedin|reddit|https?://\S+)\W*)+$",
    re.IGNORECASE,
)
_CREDIT = re.compile(
    r"(?:\((?:photo|фото)[^)]*\)|getty\s+images|reuters/|afp\s+via|ap\s+photo|/\s*tass|"
    r"фото:\s|photo:\s|©)",
    re.IGNORECASE,
)
_READ_MORE_HEAD = re.compile(
    r"^\W*(?:read\s+more|read\s+also|related(?:\s+stories|\s+articles)?|more\s+on\s+this|"
    r"читайте\s+также|по\s+теме|смотрите\s+также|ещ[её]\s+по\s+теме)\W*$",
    re.IGNORECASE,
)


# A video caption tells what the footage shows ("Video: smoke over the station after the
# blast", "Видео: момент схода вагонов под Тындой"): the event itself, often in words the body
# does not repeat, so it is text. A photo caption is not kept: photos are as often archive
# pictures as the event's. Prompts ("Watch the video", "Видео дня") and credits ("Video:
# SHOT Telegram channel") stay furniture.
_VIDEO_CAPTION = re.compile(
    r"^\W*(?:video|watch|видео)\b\s*(?:[:|—–-]\s*|shows\s+|показывает\s+)(?P<rest>.+)$",
    re.IGNORECASE,
)
_CAPTION_CREDIT = re.compile(
    r"\b(?:source|courtesy|credit|channel|telegram|youtube|press\s+service|handout|"
    r"our|latest|more|источник|канал\w*|пресс-служб\w*|соцсет\w*|очевид\w+|наш\w*|"
    r"больше)\b|©|@",
    re.IGNORECASE,
)


def _is_telling_caption(line: str) -> bool:
    """A video caption of four words or more that describes rather than credits."""
    caption = _VIDEO_CAPTION.match(line)
    if caption is None:
        return False
    rest = caption.group("rest")
    words = re.findall(r"[^\W\d_]+", rest)
    return len(words) >= 4 and not _CAPTION_CREDIT.search(rest)


# A line that opens with a quotation mark and runs on is someone's words quoted ("«Снимки с
# места... Поезда пропускают по соседнему пути...», — говорится в сообщении"), not chrome.
_QUOTED = re.compile(r'^["«“„].{60,}', re.DOTALL)


def _is_furniture(line: str) -> bool:
    if len(line) > _SHORT or _is_telling_caption(line) or _QUOTED.match(line):
        return False
    return bool(
        _FURNITURE.match(line)
        or _SHARE_BAR.match(line)
        or (_CREDIT.search(line) and len(line) < 120)
    )


def strip_furniture(text: str) -> str:
    """Text without furniture lines; paragraphs stay separated by one blank line."""
    lines = [line.strip() for line in text.splitlines()]
    counts: dict[str, int] = {}
    for line in lines:
        if line:
            counts[line] = counts.get(line, 0) + 1
    kept: list[str] = []
    in_read_more = False
    for line in lines:
        if not line:
            if kept and kept[-1]:
                kept.append("")
            continue
        if _READ_MORE_HEAD.match(line):
            in_read_more = True
            continue
        if in_read_more:
            # headlines listed under "read more" are short and do not end a sentence
            if len(line) < 140 and not line.endswith((".", "!", "?", "»", '"')):
                continue
            in_read_more = False
        # a short line repeated on the page (captions, credits, prompts) is chrome
        if counts[line] > 1 and len(line) < 120 and line in kept:
            continue
        if _is_furniture(line):
            continue
        kept.append(line)
    while kept and not kept[-1]:
        kept.pop()
    return "\n".join(kept)
