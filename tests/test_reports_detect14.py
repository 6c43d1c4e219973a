"""Deeds told in words the triggers used to miss: a burned relay or signal cabinet (arson, as
partisans claim it), a headline's "sabotage <the railway>" and a span that collapses onto a
train. A threat of sabotage stays no trigger. The sentences are written for this test, in
English and Russian."""

from railwatch.reports.extract.triggers import find_triggers


def _types(sentence: str, language: str) -> set[str]:
    return {t.type for t in find_triggers(sentence, language)}


def test_en_burned_relay_box_is_arson() -> None:
    assert "arson" in _types("Their agent burned a relay box beside the junction.", "en")
    assert "arson" in _types("Activists burnt down two signalling cabinets on the line.", "en")


def test_ru_burned_relay_cabinet_is_arson() -> None:
    assert "arson" in _types("Активисты сожгли релейный шкаф у разъезда.", "ru")


def test_en_headline_sabotage_of_a_railway_is_a_deed() -> None:
    assert "other" in _types("Rebels sabotage key railway line in the south, group says", "en")


def test_en_threat_of_sabotage_is_no_trigger() -> None:
    assert not _types("Officials warn of the threat of sabotage on railways this winter.", "en")


def test_en_bridge_collapsing_onto_a_train_is_a_collision() -> None:
    found = _types("An old road bridge collapsed onto the freight train at dusk.", "en")
    assert "collision" in found


def test_ru_bridge_collapsing_onto_a_train_is_a_collision() -> None:
    assert "collision" in _types("Вечером пролёт моста обрушился на грузовой поезд.", "ru")
