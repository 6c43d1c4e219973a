"""A claimed sabotage told first in vague words ("sabotaged a railway line linking X and Y")
and then as the deed itself at a place in another region ("burned down a relay cabinet near
Z, ... video of the alleged sabotage") is one incident: "the alleged sabotage" points back
at the deed already told. The sentences are written for this test, in English and Russian."""

from datetime import date

import pytest

from railwatch.reports.extract.extract import extract_incidents

PUBLISHED = date(2025, 10, 20)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "Partisans sabotage railway line linking Moscow to Kursk Oblast, group claims\n"
            "The partisan group sabotaged a key railway line linking Moscow and Kursk oblasts, "
            "the group said on October 19.\n\n"
            "An operative burned down a relay cabinet near the village of Chekhov in Moscow "
            "Oblast, the group said, posting video of the alleged sabotage.",
        ),
        (
            "ru",
            "Партизаны заявили о диверсии на железной дороге из Москвы в Курскую область\n"
            "Партизанская группа вывела из строя ключевую железнодорожную линию между Москвой "
            "и Курской областью, сообщила группа 19 октября.\n\n"
            "Агент сжёг релейный шкаф у города Чехов в Московской области, говорится в "
            "заявлении, к которому приложено видео предполагаемой диверсии.",
        ),
    ],
)
def test_the_alleged_deed_points_back_at_the_one_told(language: str, text: str) -> None:
    found = extract_incidents(text, language, PUBLISHED)
    assert [i.type for i in found] == ["arson"]
