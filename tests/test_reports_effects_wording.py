"""Effect wording (own sentences): "has not been affected" and "does not affect" are no
effect; an active "заблокировав движение" is a stop; a closure told as a guess is no state."""

import pytest

from railwatch.reports.extract.effects import sentence_effects


@pytest.mark.parametrize(
    ("sentence", "effects"),
    [
        ("Rail traffic on the line has not been affected, the operator said.", {"none"}),
        ("The derailment does not affect rail traffic on the main line.", {"none"}),
        ("Train services haven't been disrupted.", {"none"}),
        ("Диверсанты подорвали пути, заблокировав движение поездов по магистрали.", {"suspended"}),
        ("Сход вагонов заблокировал движение на перегоне.", {"suspended"}),
        ("Движение заблокировано в обоих направлениях.", {"blocked_both"}),
        # damage of the adjacent track puts it out too; traffic moved to it uses it
        (
            "Because of damage of the adjacent track, traffic on the stretch was suspended.",
            {"suspended"},
        ),
        ("Trains were switched to the adjacent track.", {"blocked_one"}),
        # a guess is no state
        ("It seems likely the line will be closed to traffic for several days.", set()),
        ("The route may be closed for a week while the bridge is inspected.", set()),
        ("Движение на участке, вероятно, будет закрыто до конца недели.", set()),
        ("Движение может быть приостановлено на несколько часов.", set()),
        # a stated or announced closure stays one
        ("The line will be closed until Friday.", {"suspended"}),
        ("Traffic was closed for six hours.", {"suspended"}),
        ("Движение поездов приостановлено.", {"suspended"}),
    ],
)
def test_effect_wording(sentence: str, effects: set[str]) -> None:
    assert sentence_effects(sentence) == effects
