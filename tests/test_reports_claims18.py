"""Claims in Russian regional news (governors, security services, railway branches), on
sentences written for these tests."""

import pytest

from railwatch.reports.evaluate import real_stance
from railwatch.reports.extract.claims import find_claims, is_case_classification

# --- a charge in the words of the criminal code ---------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Prosecutors said the man is charged with committing a terrorist act on the railway.",
        "«Задержанный обвиняется в совершении диверсии на железной дороге», — сообщили в СК.",
        "В полиции сообщили, что юноше предъявлено обвинение в совершении теракта.",
    ],
)
def test_a_charge_worded_as_the_law_is_a_classification(sentence: str) -> None:
    assert is_case_classification(sentence)
    claims = find_claims(sentence)
    assert claims and all(real_stance(c) == "attributes" for c in claims)


def test_blaming_a_party_is_no_classification() -> None:
    sentence = "Губернатор обвинил украинских диверсантов в поджоге релейного шкафа."
    assert not is_case_classification(sentence)
    assert [real_stance(c) for c in find_claims(sentence)] == ["asserts"]
