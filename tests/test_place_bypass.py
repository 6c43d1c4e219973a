"""A tunnel and its bypass are two places, also on the network of every station, where the
bypass is a chain of sections through its own halts: incidents on the two never merge, and
"the bypass around the tunnel" places an incident on the bypass (sentences written for these
tests, not taken from any corpus)."""

from __future__ import annotations

import pytest

from railwatch.network.registry import named_network
from railwatch.reports.merge import place_score
from railwatch.reports.model import Location
from railwatch.reports.place.link import place
from reportfixtures import mention


def _structure(network, sid: str) -> Location:
    row = network.structures.loc[sid]
    point = row.geometry.representative_point()
    return Location("structure", sid, point.y, point.x, "structure", str(row["name"]), "t")


@pytest.mark.parametrize("name", ["russia", "corridor"])
def test_the_tunnel_and_a_bridge_on_its_bypass_never_merge(name: str) -> None:
    network = named_network(name)
    tunnel = _structure(network, "bam:severomuysky_tunnel")
    bridge = _structure(network, "bam:devils_bridge")
    assert place_score(tunnel, bridge, network) is None


def test_two_structures_of_the_bypass_are_one_place() -> None:
    network = named_network("russia")
    bypass = _structure(network, "bam:severomuysky_bypass")
    bridge = _structure(network, "bam:devils_bridge")
    assert place_score(bypass, bridge, network) is not None


@pytest.mark.parametrize(
    ("sentence", "surface", "want"),
    [
        (
            "Overnight a tank car blew up on the bypass line around the Severomuysky tunnel.",
            "Severomuysky tunnel",
            "bam:severomuysky_bypass",
        ),
        (
            "Ночью цистерна взорвалась на объездной линии вокруг Северомуйского тоннеля.",
            "Северомуйского тоннеля",
            "bam:severomuysky_bypass",
        ),
        (
            "Overnight a tank car blew up inside the Severomuysky tunnel.",
            "Severomuysky tunnel",
            "bam:severomuysky_tunnel",
        ),
        (
            "Ночью в Северомуйском тоннеле взорвалась цистерна.",
            "Северомуйском тоннеле",
            "bam:severomuysky_tunnel",
        ),
    ],
)
@pytest.mark.parametrize("name", ["russia", "corridor"])
def test_the_bypass_around_the_tunnel_is_the_bypass(
    name: str, sentence: str, surface: str, want: str
) -> None:
    network = named_network(name)
    location = place([mention(surface, "structure", sentence)], network, sentence)
    assert location is not None
    assert location.id == want
