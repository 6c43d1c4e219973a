"""The canonical table of claimants (lexicon/claimants.yaml): who can speak about a cause.

Extraction names a claimant by its display name; evaluation compares claimants by id, so
"Следственный комитет", "СК" and "investigators" are one claimant, and "a source in the
SBU" is the SBU heard through a source.
"""

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

_SOURCE_PREFIX = re.compile(
    r"^\s*(?:an?\s+)?sources?\s+(?:in|at|within|close\s+to)\s+(?:the\s+)?|^\s*источник\w*\s+(?:в|во|из)\s+",
    re.IGNORECASE,
)


# a relayed claim names its intermediary in brackets: "Russian Railways (via TASS)"
_VIA = re.compile(r"\s*\(via\s+([^()]+)\)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Claimant:
    """One row of the table."""

    id: str
    name: str
    patterns: tuple[re.Pattern[str], ...]
    # "outlet": a news outlet or channel, which may relay others' claims; "partisan": a group
    # claiming its own attacks
    kind: str = "party"


@cache
def claimant_table() -> tuple[Claimant, ...]:
    """The table in priority order (earlier rows win overlaps)."""
    raw = yaml.safe_load(
        resources.files("railwatch.reports.lexicon").joinpath("claimants.yaml").read_text("utf-8")
    )
    table = []
    for row in raw:
        patterns = tuple(re.compile(p, re.IGNORECASE) for p in row["patterns"])
        kind = str(row.get("kind", "party"))
        table.append(Claimant(str(row["id"]), str(row["name"]), patterns, kind))
    return tuple(table)


@cache
def _by_id() -> dict[str, Claimant]:
    return {row.id: row for row in claimant_table()}


def outlets() -> frozenset[str]:
    """Display names of the news outlets and channels in the table."""
    return frozenset(row.name for row in claimant_table() if row.kind == "outlet")


def partisan_groups() -> frozenset[str]:
    """Display names of the partisan groups, which claim the attacks they say they did."""
    return frozenset(row.name for row in claimant_table() if row.kind == "partisan")


def split_via(text: str) -> tuple[str, str]:
    """ "Russian Railways (via TASS)" -> ("Russian Railways", "TASS"); no via gives ""."""
    match = _VIA.search(text)
    if not match:
        return text.strip(), ""
    return text[: match.start()].strip(), match.group(1).strip()


def display_name(claimant_id: str) -> str:
    """The English display name of a canonical claimant id."""
    return _by_id()[claimant_id].name


def canonical_claimant(text: str) -> tuple[str | None, bool]:
    """(canonical id, heard via a source) for any claimant string, or (None, flag) if no row
    names it. "source in HUR" and "источник в ГУР" give ("hur", True); an intermediary
    ("Russian Railways (via TASS)") is not the claimant."""
    text = split_via(text)[0]
    via_source = False
    stripped = _SOURCE_PREFIX.sub("", text)
    if stripped != text:
        via_source, text = True, stripped
    found = [
        (match.start(), rank, row.id, match.end())
        for rank, row in enumerate(claimant_table())
        for pattern in row.patterns
        if (match := pattern.search(text))
    ]
    if not found:
        return None, via_source
    # (start, rank, id): earliest mention, then rank
    best = min(found)[:3]
    if best[2] in _MEDIUM:
        # "the Telegram channel of Russian Railways", "телеграм-канал МЖД": the party that
        # owns the channel speaks through it
        end = max(f[3] for f in found if f[2] == best[2] and f[0] == best[0])
        owners = [f for f in found if f[2] not in _MEDIUM | {"source"} and f[0] <= end + _OWNER_GAP]
        if owners:
            best = min(owners)[:3]
    if best[2] == "source" and not via_source:
        return "source", False
    return best[2], via_source


# a medium that carries a party's words, and how far after it the owner's name may start
# ("Telegram channel of the ...")
_MEDIUM = frozenset({"telegram_channel"})
_OWNER_GAP = 9


def same_claimant(a: str, b: str) -> bool:
    """Two claimant strings name the same party: same canonical id, or (for names the table
    does not know) one contains the other."""
    id_a, _ = canonical_claimant(a)
    id_b, _ = canonical_claimant(b)
    if id_a and id_b:
        return id_a == id_b
    a, b = a.strip().lower(), b.strip().lower()
    return bool(a and b) and (a == b or a in b or b in a)
