"""Claims checked against the dependency parse (spaCy for English, natasha for Russian), and
the lexicon files. Every sample text is written for these tests."""

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from railwatch.reports.extract.nlp import parse, speech_acts
from railwatch.reports.extract.nlp_claims import refers_to_event, speaker_of
from railwatch.reports.lexicon import LexiconError, lexicon, load_lexicon
from railwatch.reports.text.ingest_text import read_report

PUBLISHED = date(2025, 3, 12)  # a Wednesday
HEAD = (
    "Blast derails freight train near Kotelnich\n"
    "An explosion derailed a freight train near Kotelnich station on Monday, halting traffic. "
)


def claims_of(text: str) -> list[tuple[str, str, str]]:
    report = read_report(text, published=PUBLISHED)
    return [(c.claimant, c.stance, c.cause) for i in report.incidents for c in i.claims]


def test_speaker_is_the_subject_of_a_speaking_verb() -> None:
    acts = speech_acts("The regional railway said a short circuit caused the fire.", "en")
    assert [(a.verb, a.speaker, a.negated) for a in acts] == [
        ("said", "The regional railway", False)
    ]
    acts = speech_acts("В ФСБ заявили, что путь поврежден в результате подрыва.", "ru")
    assert [(a.speaker, a.negated) for a in acts] == [("В ФСБ", False)]


def test_negated_speaking_verb_is_seen() -> None:
    acts = speech_acts("The ministry has not commented on possible causes of the blast.", "en")
    assert acts and all(a.negated for a in acts)
    acts = speech_acts("Officials have not been able to confirm the cause of the fire.", "en")
    assert acts and all(a.negated for a in acts)
    acts = speech_acts("Представители перевозчика не подтвердили версию о поджоге.", "ru")
    assert acts and all(a.negated for a in acts)


def test_negated_comment_gives_no_attribution() -> None:
    text = HEAD + "The Kremlin has not commented on potential causes of the sabotage.\n"
    assert claims_of(text) == []


def test_negated_confirmation_in_russian_gives_no_attribution() -> None:
    text = (
        "Поезд сошел с рельсов под Котельничем\n"
        "В понедельник у станции Котельнич сошли с рельсов десять вагонов грузового поезда, "
        "движение остановлено. В Росгвардии не подтвердили версию о диверсии.\n"
    )
    assert all(stance == "denies" for _, stance, _ in claims_of(text))


def test_affirmed_claim_is_kept() -> None:
    text = HEAD + "Ukraine's military intelligence said its agents blew up the track.\n"
    assert ("HUR", "asserts", "sabotage") in claims_of(text)


def test_unrelated_sentence_about_rockets_gives_no_claim() -> None:
    text = HEAD + "Separately, HUR said rockets hit an air base in Crimea last week.\n"
    assert claims_of(text) == []


def test_named_entity_speaks_when_the_claimant_table_does_not_know_it() -> None:
    sentence = "The Vyatka Freight Company said a short circuit caused the fire."
    assert speaker_of(sentence, "en") == "The Vyatka Freight Company"
    text = (
        "Fire on a freight train near Kotelnich\n"
        "A tank wagon caught fire near Kotelnich station on Monday, halting traffic. "
        + sentence
        + "\n"
    )
    claims = claims_of(text)
    assert len(claims) == 1
    claimant, stance, cause = claims[0]
    assert "Vyatka Freight Company" in claimant and cause == "short_circuit"


def test_refers_to_event() -> None:
    assert refers_to_event("Police said the driver had ignored the signal.", "en")
    assert not refers_to_event("Rockets hit an air base in Crimea.", "en")
    assert refers_to_event("Это была диверсия, заявили в ведомстве.", "ru")
    assert not refers_to_event("Над областью сбили три ракеты.", "ru")


def test_parse_is_none_for_other_languages() -> None:
    assert parse("Der Zug ist entgleist.", "de") is None
    assert speech_acts("Der Zug ist entgleist.", "de") is None


@settings(max_examples=25, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=80))
def test_speech_acts_never_fail_on_arbitrary_text(text: str) -> None:
    for language in ("en", "ru"):
        acts = speech_acts(text, language)
        assert acts is None or isinstance(acts, list)


def test_lexicons_have_every_list() -> None:
    for language in ("en", "ru"):
        data = lexicon(language)
        assert data["speech_patterns"] and data["speech_lemmas"] and data["event_words"]


def test_unknown_language_and_bad_lexicon_are_named(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match="'de'"):
        lexicon("de")
    bad = tmp_path / "en.yaml"
    bad.write_text("speech_patterns: [said]\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"en.yaml: field 'speech_lemmas'"):
        load_lexicon(bad)
    bad.write_text("negations: [not, no]\n", encoding="utf-8")  # YAML reads a bare no as false
    with pytest.raises(LexiconError, match="field 'speech_patterns'"):
        load_lexicon(bad)


def test_abbreviation_is_not_read_as_a_verb() -> None:
    from railwatch.reports.extract.morph import lemma_tokens

    assert lemma_tokens("из-за падения БПЛА задерживаются поезда")[2] == "бпла"
    text = (
        "Из-за падения БПЛА задерживаются поезда\n"
        "Утром у станции Котельнич из-за падения БПЛА пропало напряжение в контактной сети, "
        "задерживаются пять поездов.\n"
    )
    report = read_report(text, published=PUBLISHED)
    assert [i.type for i in report.incidents] == ["drone_strike"]


def test_criminal_case_without_a_named_body_is_the_investigators_classification() -> None:
    text = (
        "Поезд сошел с рельсов под Котельничем\n"
        "В понедельник у станции Котельнич сошли с рельсов десять вагонов грузового поезда. "
        "Возбуждено уголовное дело о теракте.\n"
    )
    assert ("Investigative Committee", "attributes", "terrorist_attack") in claims_of(text)


def test_blast_named_as_the_cause_in_russian() -> None:
    text = (
        "Поезд сошел с рельсов под Котельничем\n"
        "В понедельник у станции Котельнич сошли с рельсов десять вагонов грузового поезда. "
        "В ФСБ сообщили, что путь был поврежден в результате подрыва.\n"
    )
    assert [c for c in claims_of(text) if c[0] == "FSB" and c[2] == "explosive_device"]


def test_contracted_negation_gives_no_attribution() -> None:
    text = HEAD + "The Kremlin hasn't commented on the sabotage claims.\n"
    assert claims_of(text) == []


def test_damage_told_with_a_blast_as_its_cause_is_an_explosion() -> None:
    text = (
        "На перегоне под Котельничем повреждены пути\n"
        "В понедельник на перегоне у станции Котельнич обнаружено повреждение путей. "
        "В ФСБ сообщили, что путь был поврежден в результате подрыва.\n"
    )
    report = read_report(text, published=PUBLISHED)
    assert [i.type for i in report.incidents] == ["explosion"]
