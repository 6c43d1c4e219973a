"""A stretch told from one end to the other: "the Chita to Tynda section" (the cue noun after
the English pair), «на участке от Читы до Тынды» (the cue noun before the Russian one).

Sample sentences are written for these tests.
"""

from __future__ import annotations

from railwatch.reports.place.places_text import find_places


def _sections(sentence: str) -> list[str]:
    return [m.normalized for m in find_places(sentence) if m.kind_hint == "section"]


def test_english_pair_joined_by_to_before_a_section_noun_is_a_stretch():
    assert _sections("Two wagons left the rails on the Mogzon-2 to Khilok section at dawn.") == [
        "mogzon-2 — khilok"
    ]
    assert _sections("The line was shut on the stretch from Chita to Tynda section.") == [
        "chita — tynda"
    ]


def test_english_route_without_a_section_noun_is_no_stretch():
    assert _sections("A passenger train travelling from Chita to Tynda was delayed.") == []


def test_russian_section_from_one_end_to_the_other_is_a_stretch():
    assert _sections("Вагоны сошли с рельсов на участке от Читы до Тынды.") == ["чита — тында"]
    found = _sections("Движение закрыли на перегоне от станции Могзон до станции Хилок.")
    assert len(found) == 1 and found[0].endswith("хилок")
