"""The count lexicon (lexicon/quantities.yaml) is checked when it is read: a broken entry is
named with its file and field, and the shipped file reads the phrasings it lists."""

from pathlib import Path

import pytest
import yaml

from railwatch.reports.extract.quantities import (
    find_casualties,
    find_quantities,
    hedge_range,
    load_quantity_lexicon,
)
from railwatch.reports.lexicon import LexiconError

SHIPPED = Path(__file__).parents[1] / "src/railwatch/reports/lexicon/quantities.yaml"


def _broken(tmp_path: Path, key: str, value) -> Path:
    data = yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))
    data[key] = value
    path = tmp_path / "quantities.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("key", "value"),
    [("killed", "not a list"), ("burned", ["ok", ""]), ("counted", ["wagons"])],
)
def test_a_malformed_entry_is_named_with_its_file_and_field(tmp_path, key, value):
    path = _broken(tmp_path, key, value)
    with pytest.raises(LexiconError, match=rf"quantities\.yaml: field '{key}'"):
        load_quantity_lexicon(path)


def test_a_hedge_with_an_unknown_range_is_refused(tmp_path):
    path = _broken(tmp_path, "hedges", [["up to", "up_to"], ["lots of", "plenty"]])
    with pytest.raises(LexiconError, match=r"field 'hedges'.*up_to"):
        load_quantity_lexicon(path)


def test_unreadable_yaml_is_named(tmp_path):
    path = tmp_path / "quantities.yaml"
    path.write_text("numbers: [unclosed\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="cannot read the lexicon"):
        load_quantity_lexicon(path)


def test_the_shipped_lexicon_reads_its_hedges_counts_and_casualties():
    assert load_quantity_lexicon(SHIPPED)["hedges"]
    assert hedge_range(20, "не менее") == (20.0, 20.0, 30.0)
    assert hedge_range(20, "roughly") == (18.0, 20.0, 22.0)
    (wagons,) = [q for q in find_quantities("Nearly forty freight wagons left the rails.")]
    assert (wagons.kind, wagons.low, wagons.best, wagons.high) == ("wagons", 36.0, 40.0, 40.0)
    assert find_casualties("В результате погибли двое рабочих.") == {"killed": 2}
    assert find_casualties("Nobody was injured when the wagons overturned.") == {
        "killed": 0,
        "injured": 0,
    }
