"""A krai or oblast written as plain 'X region' in English is still that region.

Sample sentences are written for these tests.
"""

from __future__ import annotations

import pytest

from railwatch.network import resolve_network
from railwatch.reports.place.gazetteer import load_regions
from railwatch.reports.place.link import place
from railwatch.reports.place.places_text import find_places


@pytest.fixture(scope="module")
def network():
    return resolve_network("russia")


def test_every_krai_and_oblast_is_also_known_as_a_region():
    for region, aliases in load_regions():
        if region.name.endswith((" Krai", " Oblast")):
            assert region.name.rsplit(" ", 1)[0] + " region" in aliases


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Eight tank cars burned in the Zabaykalsky region overnight.", "Zabaykalsky Krai"),
        ("A bridge pier cracked in the Primorsky region, the press office in Khabarovsk said.", "Primorsky Krai"),
        ("Two hopper cars overturned in the Tambov region on Friday.", "Tambov Oblast"),
    ],
)  # fmt: skip
def test_a_region_written_with_the_plain_word_region(network, sentence, expected):
    location = place(find_places(sentence), network, sentence, evidence=[sentence])
    assert location is not None and location.precision == "region"
    assert location.name.startswith(expected)
