"""Placing a named station or stretch with the report's context: the region it names, the
other places it names, the station table's neighbours, station numbers in any numerals.

Sample sentences are written for these tests; station names and regions are facts of the
shipped ESR table.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from railwatch.network.geo import distance_km
from railwatch.reports.place.gazetteer import gazetteer_for
from railwatch.reports.place.link import place, region_stem
from railwatch.reports.place.places_text import find_places
from railwatch.reports.place.stations_gazetteer import (
    StationIndex,
    is_dictionary_word,
    pick_station,
    plain_name,
    station_index,
)
from reportnet import bam_network


def _index() -> StationIndex:
    rows = [
        {"esr": "1", "name": "Лесная", "region": "Амурская область", "lat": 52.0, "lon": 128.0},
        {"esr": "2", "name": "Горка", "region": "Амурская область", "lat": 52.1, "lon": 128.1},
        {"esr": "3", "name": "Лесная", "region": "Тамбовская область", "lat": 52.7, "lon": 41.4},
        {"esr": "4", "name": "Горка", "region": "Тамбовская область", "lat": 52.8, "lon": 41.5},
        {"esr": "5", "name": "Люберцы I", "region": "Московская область", "lat": 55.7, "lon": 37.9},
        {"esr": "6", "name": "Люберцы II", "region": "Московская область", "lat": 55.67, "lon": 37.93},
    ]  # fmt: skip
    for row in rows:
        row["railway"] = ""
    return StationIndex(rows, [("1", "2"), ("3", "4"), ("5", "6")])


def test_a_stretch_of_shared_names_is_the_pair_in_the_named_region():
    index = _index()
    a, b, _ = index.pair("Lesnaya", "Gorka", {region_stem("Тамбовская область")})
    assert (a.esr, b.esr) == ("3", "4")
    a, b, _ = index.pair("Лесная", "Горка", {region_stem("Амурская область")})
    assert (a.esr, b.esr) == ("1", "2")


def test_a_shared_name_goes_to_the_station_near_the_other_places_named():
    index = _index()
    found = index.find("Lesnaya")
    assert {s.esr for s in found} == {"1", "3"}
    near_tambov = [(52.6, 41.4)]
    assert pick_station(found, set(), near_tambov).esr == "3"
    assert pick_station(found, set(), [(51.9, 127.9)]).esr == "1"
    # an anchor too far from every candidate says nothing: the first stays
    assert pick_station(found, set(), [(10.0, 10.0)]).esr == found[0].esr
    # a named region beats a nearby anchor
    assert pick_station(found, {region_stem("Амурская область")}, near_tambov).esr == "1"


def test_station_numbers_in_roman_and_arabic_numerals_are_one_name():
    index = _index()
    for spelling in ("Люберцы 1", "Люберцы-1", "Lyubertsy I", "Lyubertsy-1", "Люберцы I"):
        assert [s.esr for s in index.find(spelling)] == ["5"], spelling
    assert [s.esr for s in index.find("Lyubertsy II")] == ["6"]
    assert plain_name("Ulyanovsk-II") == "ulyanovsk 2"
    assert plain_name("Ii") == "ii"  # a lone word is a name, not a numeral


def test_region_stems_keep_similar_regions_apart():
    assert region_stem("Краснодарский край") != region_stem("Красноярский край")
    assert region_stem("Краснодарский край") in "краснодарский край"
    assert region_stem("Республика Бурятия") in "республика бурятия"
    assert region_stem("Республика") == ""


@pytest.mark.parametrize(
    ("sentence", "text", "kind"),
    [
        ("Огонь заметили на перегоне Перово - Люберцы 1 в 5:23.", "перегоне Перово - Люберцы 1", "section"),
        ("Wagons left the rails at the Kraskovo railway station.", "Kraskovo railway station", "station"),
        ("A fire broke out at Ulyanovsk-II station.", "Ulyanovsk-II station", "station"),
        ("A blast hit the Perovo – Lyubertsy 1 section.", "Perovo – Lyubertsy 1 section", "section"),
        ("Взрыв повредил путь между станциями Пинозером и Червасом.", "между станциями Пинозером и Червасом", "section"),
        ("Сход произошёл на станции Облепиха Восточно-Сибирской железной дороги.", "станции Облепиха", "station"),
    ],
)  # fmt: skip
def test_mentions_keep_station_numbers_and_last_names(sentence, text, kind):
    found = [(m.text, m.kind_hint) for m in find_places(sentence)]
    assert (text, kind) in found


def test_a_count_after_a_name_is_not_a_station_number():
    found = find_places("На станции Тында 2 вагона сошли с рельсов.")
    assert [m.text for m in found] == ["станции Тында"]


def _placed(text: str, network):
    return place(find_places(text), network, text, evidence=[text])


def test_a_stretch_of_common_names_resolves_through_the_table_neighbours(russia):
    # both names are shared across the country; only one pair of them are neighbours
    index = station_index()
    assert len(index.find("Угольная")) > 1 and len(index.find("Геологическая")) > 1
    a, b, steps = index.pair("Угольная", "Геологическая")
    location = _placed("Сход вагонов произошёл на перегоне Угольная — Геологическая.", russia)
    assert location.precision == "section"
    assert set(location.id.split("-")) == {a.esr, b.esr}
    assert steps == 1


def test_a_village_named_with_its_region_is_the_station_in_that_region(russia):
    text = "An explosion damaged the tracks near the village of Sakharny Zavod in Krasnodar Krai."
    location = _placed(text, russia)
    in_region = [
        s for s in station_index().find("Сахарный Завод") if s.region == "Краснодарский край"
    ]
    assert location.precision == "near_node"
    assert distance_km(location.lon, location.lat, in_region[0].lon, in_region[0].lat) < 15


def test_a_site_sentence_after_a_day_before_report_belongs_to_the_incident():
    from datetime import date

    from railwatch.reports.extract.extract import extract_incidents

    text = (
        "Поезда задерживаются из-за схода вагонов.\n\n"
        "О сходе вагонов железная дорога сообщила накануне вечером. "
        "Инцидент произошёл на станции Гудачи Забайкальской железной дороги."
    )
    incidents = extract_incidents(text, "ru", date(2025, 6, 3))
    assert "станции Гудачи" in [m.text for m in incidents[0].places]


# --- structures named with words around them, in plural or misspelled -----------------------


@pytest.mark.parametrize(
    "text",
    [
        "the Bezsolov Severomuysky Tunnel",
        "Severnomuysky Bessolov tunnel",
        "the Severnomuysky tunnels",
        "Severomoisk tunnel",
        "в Северомуйском тоннеле",
        # the adjective cut short of its ending
        "the Severomuy tunnel",
    ],
)
def test_a_structure_is_found_by_its_distinctive_word(text):
    hits = gazetteer_for(bam_network()).structure_hits(text)
    assert [h.kind for h in hits] == ["structure"]
    assert "severomuysky" in hits[0].id


@pytest.mark.parametrize(
    "text",
    [
        "the Severobaikalsk bridge",
        "Taksimo tunnel",
        "a tunnel",
        "the Kindly Tunnel",
        # too little of the name is left to tell which structure it was
        "the Severo tunnel",
    ],
)
def test_a_structure_cue_with_another_name_finds_no_structure(text):
    assert gazetteer_for(bam_network()).structure_hits(text) == []


# --- stretches with one end the tables do not know ----------------------------------------


def test_a_stretch_with_an_unknown_end_is_placed_at_the_known_station(russia):
    lyubertsy = station_index().find("Люберцы I")[0]
    location = _placed("Релейные шкафы подожгли на перегоне Небывалово - Люберцы 1.", russia)
    assert location.precision == "near_node"  # one end: not a section
    assert distance_km(location.lon, location.lat, lyubertsy.lon, lyubertsy.lat) < 1


def test_a_stretch_end_shared_by_a_far_village_does_not_pull_the_place_away(russia):
    # "Перово" is also a village far from Moscow; the other end settles which is meant
    lyubertsy = station_index().find("Люберцы I")[0]
    location = _placed("Релейные шкафы подожгли на перегоне Перово - Люберцы 1.", russia)
    assert distance_km(location.lon, location.lat, lyubertsy.lon, lyubertsy.lat) < 15


# --- typo tolerance is guarded: words of the language never guess a station -----------------

_CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def _corpus_words(script: str) -> list[str]:
    """Lower-case words of 6+ letters from the project's own corpora, in one script."""
    pattern = re.compile(r"\b[a-z]{6,}\b" if script == "latin" else r"\b[а-яё]{6,}\b")
    words: set[str] = set()
    for path in sorted(_CORPUS.glob("*/reports/*")) + sorted(_CORPUS.glob("reports/*")):
        if path.is_file():
            words.update(pattern.findall(path.read_text(encoding="utf-8", errors="ignore")))
    return sorted(words)


_ENGLISH = _corpus_words("latin")
_RUSSIAN = _corpus_words("cyrillic")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(word=st.sampled_from(_ENGLISH + _RUSSIAN))
def test_a_capitalised_word_of_the_language_never_gets_a_guessed_station(word):
    # capitalised as at the start of a sentence or in a headline: only an exact name may
    # match (a station may be called "Победа"), never a typo-tolerant guess
    index = station_index()
    capitalised = word[:1].upper() + word[1:]
    assume(is_dictionary_word(capitalised))
    assert index.find(capitalised, fuzzy=True) == index.find(capitalised, fuzzy=False)


def test_the_guard_knows_words_and_leaves_names_alone():
    assert len(_ENGLISH) > 300 and len(_RUSSIAN) > 300
    for word in ("Stories", "Device", "Победой", "Moscow"):
        assert is_dictionary_word(word), word
    for name in ("Severomoisk", "Saguna", "Mal'tzevo", "Гудачи"):
        assert not is_dictionary_word(name), name
    # most words of the corpora are known to the guard
    known = sum(is_dictionary_word(w) for w in _ENGLISH[::5] + _RUSSIAN[::5])
    assert known >= 0.8 * len(_ENGLISH[::5] + _RUSSIAN[::5])


@given(
    name=st.sampled_from(["Северомуйск", "Евдаково", "Бушулей", "Кочетовка-2", "Ледяная"]),
    position=st.integers(min_value=2, max_value=5),
    letter=st.sampled_from("aeou"),
)
@settings(max_examples=60, deadline=None)
def test_one_typo_in_a_long_romanized_name_still_finds_the_station(name, position, letter):
    from railwatch.reports.place.transliterate import romanize

    index = station_index()
    spelled = romanize(name)
    typo = spelled[:position] + letter + spelled[position + 1 :]
    # a substitution next to the same letter reads as a doubled letter, and one next to
    # "y"/"i" as an iotated vowel ("Ledyenaya"), which keys fold: those typos cost two
    # edits and are not guessed (a known limit); between other letters one edit is found
    assume(letter not in spelled[position - 1 : position + 2].lower())
    assume(not set("yij") & set(spelled[position - 1 : position + 2].lower()))
    assume(not is_dictionary_word(typo))
    found = index.find(typo, fuzzy=True)
    # the guess may tie with another station one edit away, never miss the right one
    assert any(s.name == name for s in found), typo


def test_a_bare_misspelled_name_is_guessed_only_where_the_report_points(russia):
    rasskazovo = station_index().find("Рассказово")[0]
    with_region = "A freight train derailed at Rasskazovi in Tambov Oblast on Tuesday."
    location = _placed(with_region, russia)
    assert location.precision == "near_node"
    assert distance_km(location.lon, location.lat, rasskazovo.lon, rasskazovo.lat) < 15
    without = _placed("A freight train derailed at Rasskazovi on Tuesday.", russia)
    assert without is None or without.precision not in ("near_node", "section", "structure")
