"""Report-level attribution (a source named once for the whole post) and the speaker the parse
finds. Every sample text is written for these tests."""

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from railwatch.reports.extract.claims import event_causes, report_claim, report_source
from railwatch.reports.text.ingest_text import read_report

PUBLISHED = date(2025, 3, 12)


def claims_of(text: str) -> list[tuple[str, str, str]]:
    report = read_report(text, published=PUBLISHED)
    return [(c.claimant, c.stance, c.cause) for i in report.incidents for c in i.claims]


def test_source_named_after_the_lead_speaks_for_the_blast() -> None:
    text = (
        "Blast on a rail bridge near Kotelnich\n"
        "An unknown device exploded under a rail bridge near Kotelnich station on Monday. "
        "Freight trains were halted.\n"
        "This was reported by the Baza Telegram channel.\n"
    )
    assert claims_of(text) == [("Baza", "asserts", "explosion")]


def test_russian_post_with_its_source_named_once() -> None:
    text = (
        "Взрыв на перегоне у Котельнича\n"
        "В понедельник на перегоне у станции Котельнич взорвалось неизвестное устройство, "
        "движение поездов остановлено.\n"
        "Об этом сообщает SHOT.\n"
    )
    assert claims_of(text) == [("SHOT", "asserts", "explosion")]


def test_headline_ending_with_the_source() -> None:
    text = (
        "An explosion hit the track near Kotelnich station on Monday - SHOT\n"
        "Trains on the line were stopped for several hours.\n"
    )
    assert claims_of(text) == [("SHOT", "asserts", "explosion")]


def test_no_named_source_gives_no_claim() -> None:
    text = (
        "Blast on a rail bridge near Kotelnich\n"
        "An unknown device exploded under a rail bridge near Kotelnich station on Monday. "
        "Freight trains were halted.\n"
    )
    assert claims_of(text) == []


def test_vague_source_is_no_claimant() -> None:
    assert report_source(["Blast near Kotelnich station - Russian media"], "en") is None
    assert report_source(["This was reported by several local outlets."], "en") is None


def test_sentence_quoting_someone_else_is_not_the_posts_claim() -> None:
    sentence = "The governor said a drone caused the fire at the depot."
    assert report_claim("Baza", sentence, "en") is None
    assert report_claim("Baza", "A drone hit the depot at Kotelnich station.", "en") == (
        report_claim("Baza", "A drone hit the depot at Kotelnich station.", "en")
    )
    claim = report_claim("Baza", "A drone hit the depot at Kotelnich station.", "en")
    assert claim is not None and (claim.claimant, claim.cause) == ("Baza", "drone")


def test_generic_channel_named_after_its_noun() -> None:
    text = (
        "Drone hits locomotive at Kotelnich\n"
        "A drone struck a locomotive at Kotelnich station on Monday, according to a report "
        "from the Telegram channel Baza.\n"
    )
    assert [c for c, _s, _k in claims_of(text)] == ["Baza"]


def test_speaker_is_the_subject_not_the_party_talked_about() -> None:
    text = (
        "Blast derails freight train near Kotelnich\n"
        "An explosion derailed a freight train near Kotelnich station on Monday.\n"
        "Vladimir Putin said that Kyiv's actions amount to terrorism.\n"
    )
    claimants = [c for c, _s, _k in claims_of(text)]
    assert "Ukrainian officials" not in claimants
    assert any("Putin" in c for c in claimants)


def test_event_causes_name_the_blast_only() -> None:
    assert event_causes("An explosion occurred on the bridge", "en") == ["explosion"]
    assert event_causes("На мосту прогремел взрыв", "ru") == ["explosion"]
    assert event_causes("The train was delayed by a signal fault", "en") == []


@settings(max_examples=50, deadline=None)
@given(st.lists(st.text(max_size=80), max_size=6), st.sampled_from(["en", "ru", "uk"]))
def test_report_source_never_fails(sentences: list[str], language: str) -> None:
    found = report_source(sentences, language)
    assert found is None or (isinstance(found[0], str) and found[0])


def test_source_line_in_the_body_names_the_posts_claimant() -> None:
    text = (
        "Military train blown up near Kotelnich\n"
        "A military train was blown up near Kotelnich station on Monday night.\n"
        "Source: Defence Intelligence of Ukraine\n"
        "The train carried fuel tankers.\n"
    )
    assert claims_of(text) == [("HUR", "asserts", "explosion")]


def test_source_line_in_the_header_is_the_outlet_not_a_claimant() -> None:
    text = (
        "Source: Reuters\n"
        "Blast near Kotelnich station\n"
        "An unknown device exploded under a rail bridge near Kotelnich station on Monday.\n"
    )
    assert claims_of(text) == []


def test_outlet_citing_a_source_is_not_the_claimant() -> None:
    found = report_source(
        ["Об этом сообщает «Украинская правда» со ссылкой на источник в СБУ."], "ru"
    )
    assert found is not None and found[0] == "source in SBU"


def test_pipeline_reading_runs_no_extraction_and_extract_fills_incidents() -> None:
    from railwatch.reports import pipeline

    text = (
        "Blast on a rail bridge near Kotelnich\n"
        "An unknown device exploded under a rail bridge near Kotelnich station on Monday.\n"
        "Source: Defence Intelligence of Ukraine\n"
    )
    report = pipeline.read(text, published=PUBLISHED)
    assert report.incidents == []
    assert report.attribution == "Defence Intelligence of Ukraine"
    pipeline.extract(report)
    assert [i.type for i in report.incidents] == ["explosion"]
    assert [(c.claimant, c.cause) for c in report.incidents[0].claims] == [("HUR", "explosion")]


def test_trigger_and_effect_rules_are_lexicon_data() -> None:
    from railwatch.reports.extract.effects import EFFECT_ORDER, EFFECT_PATTERNS, sentence_effects
    from railwatch.reports.extract.triggers import EN_TYPE_PATTERNS, RU_TYPE_LEMMAS, TYPE_PRIORITY
    from railwatch.reports.lexicon import lexicon

    kinds = set(lexicon("en")["effect_patterns"]) | set(lexicon("ru")["effect_patterns"])
    assert kinds == set(EFFECT_ORDER) == set(EFFECT_PATTERNS)
    assert set(EN_TYPE_PATTERNS) <= set(TYPE_PRIORITY)
    assert set(RU_TYPE_LEMMAS) == set(lexicon("ru")["trigger_lemmas"])
    assert sentence_effects("Traffic was halted in both directions.") == {"blocked_both"}
    assert sentence_effects("Движение поездов возобновлено.") == {"resumed"}
    assert sentence_effects("The blast did not affect train traffic.") == {"none"}
