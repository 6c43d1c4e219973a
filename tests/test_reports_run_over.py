"""A train running over or hitting an explosive device is an explosion, not a collision; a
train that hits *the* truck is a collision as one that hits *a* truck (own sentences)."""

import pytest

from railwatch.reports.extract.triggers import find_triggers


@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        ("Поезд наехал на взрывное устройство под рельсами в Курской области.", "ru"),
        ("Грузовой состав наехал на взрывчатку и сошёл с рельсов.", "ru"),
        ("Локомотив наехал на СВУ на перегоне у станции Глушково.", "ru"),
        ("A freight train ran over an explosive device in the Kursk region.", "en"),
        ("The locomotive struck an explosive device planted under the rails.", "en"),
    ],
)
def test_running_over_a_device_is_an_explosion(sentence: str, language: str) -> None:
    kinds = {t.type for t in find_triggers(sentence, language)}
    assert "explosion" in kinds
    assert "collision" not in kinds


@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        ("Поезд наехал на грузовик на переезде у станции Котельниково.", "ru"),
        ("The train hit a truck at a level crossing near Kotelnikovo.", "en"),
        ("The passenger train hit the lorry on a level crossing near the station.", "en"),
    ],
)
def test_hitting_a_vehicle_stays_a_collision(sentence: str, language: str) -> None:
    kinds = {t.type for t in find_triggers(sentence, language)}
    assert kinds == {"collision"}


@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        ("Police found an explosive device near the tracks.", "en"),
        ("У путей обнаружили взрывное устройство.", "ru"),
    ],
)
def test_a_device_found_is_still_no_explosion(sentence: str, language: str) -> None:
    assert "explosion" not in {t.type for t in find_triggers(sentence, language)}
