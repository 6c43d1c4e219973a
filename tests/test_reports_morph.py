"""Russian lemmatization: inflected place phrases meet their dictionary forms."""

import pytest

from railwatch.reports.extract.morph import lemmatize_phrase, lemmatize_word, normalize_letters


@pytest.mark.parametrize(
    ("inflected", "base"),
    [
        ("в Северомуйском тоннеле", "в Северомуйский тоннель"),
        ("Чертовом мосту", "Чёртов мост"),
        ("Хабаровском крае", "Хабаровский край"),
        ("Амурской области", "Амурская область"),
        ("Новом Ургале", "Новый Ургал"),
        ("Забайкальского края", "Забайкальский край"),
        ("Бурятии", "Бурятия"),
        ("Тайшете", "Тайшет"),
    ],
)
def test_inflected_phrase_lemmatizes_like_its_base_form(inflected: str, base: str) -> None:
    assert lemmatize_phrase(inflected) == lemmatize_phrase(base)


def test_known_answers() -> None:
    assert lemmatize_phrase("в Северомуйском тоннеле") == "в северомуйский тоннель"
    assert lemmatize_phrase("Хабаровском крае") == "хабаровский край"
    assert lemmatize_word("вагонов") == "вагон"


def test_latin_words_are_only_lowercased() -> None:
    assert (
        lemmatize_phrase("Devil's Bridge, Severomuysky Tunnel")
        == "devil's bridge severomuysky tunnel"
    )


def test_yo_is_folded() -> None:
    assert normalize_letters("Чёртов") == "чертов"
    assert "ё" not in lemmatize_phrase("Чёртовом мосту")
