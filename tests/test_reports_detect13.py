"""A deed named only as what may happen ("possible washouts"), as what a railway is ready
for, or as what suspects are charged with tells no incident. The sentences are written for
this test, in English and Russian."""

from railwatch.reports.extract.report_kind import report_kind
from railwatch.reports.extract.triggers import find_triggers, is_hypothetical


def _hypothetical(sentence: str, language: str) -> list[bool]:
    return [is_hypothetical(sentence, t) for t in find_triggers(sentence, language)]


def test_en_possible_deed_is_hypothetical() -> None:
    found = _hypothetical("Track crews are trained for possible derailments near the river.", "en")
    assert found and all(found)


def test_ru_possible_deed_is_hypothetical() -> None:
    found = _hypothetical("Бригады обучают действиям на случай возможных размывов насыпи.", "ru")
    assert found and all(found)


def test_en_possible_causes_of_a_real_derailment_keep_it_real() -> None:
    found = _hypothetical("Experts study possible causes of the derailment near Orsk.", "en")
    assert found and not any(found)


def test_ru_possible_causes_of_a_real_derailment_keep_it_real() -> None:
    found = _hypothetical("Эксперты изучают возможные причины схода вагонов под Орском.", "ru")
    assert found and not any(found)


def test_en_readiness_for_floods_is_hypothetical() -> None:
    found = _hypothetical("Railway depots say they are ready for the spring flooding.", "en")
    assert found and all(found)


def test_ru_readiness_for_floods_is_hypothetical() -> None:
    found = _hypothetical("Дистанции пути готовы встретить весенний паводок.", "ru")
    assert found and all(found)


# --- a report of charges: the deed is only what suspects are charged with ---------------------


def test_en_charged_with_arson_is_news_of_the_case() -> None:
    lead = [
        "Two teenagers charged over railway arson",
        "Investigators charged two 16-year-old boys with setting fire to a signal cabinet "
        "in Tver, a newspaper reported.",
    ]
    assert report_kind(lead, "en") != "incident"


def test_ru_charged_with_arson_is_news_of_the_case() -> None:
    lead = [
        "Двух подростков обвинили в поджоге на железной дороге",
        "Следователи обвинили двух 16-летних школьников в поджоге релейного шкафа в Твери, "
        "сообщила газета.",
    ]
    assert report_kind(lead, "ru") != "incident"


def test_en_explosive_charge_keeps_the_blast_an_incident() -> None:
    lead = [
        "Blast damages track near Tver",
        "An explosive charge went off under a freight train near Tver, damaging the track.",
    ]
    assert report_kind(lead, "en") == "incident"
