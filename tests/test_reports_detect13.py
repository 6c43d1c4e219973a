"""A deed named only as what may happen ("possible washouts") or as what a railway is ready
for tells no incident. The sentences are written for this test, in English and Russian."""

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
