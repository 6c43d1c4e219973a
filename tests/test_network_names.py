"""Names everywhere: ids, names and aliases in English or Russian, ambiguity listed."""

from __future__ import annotations

import pytest

from railwatch.impact.arcs import node_indices
from railwatch.impact.closures import resolve_target
from railwatch.impact.demand import DemandError, read_demand
from railwatch.network import default_network
from railwatch.network.names import AmbiguousName, resolve_name
from railwatch.network.registry import named_network


def test_ids_names_and_aliases_resolve_in_english_and_russian():
    net = default_network()
    assert resolve_name(net, "vladivostok") == ("node", "vladivostok")
    assert resolve_name(net, "Москва") == ("node", "moscow")
    assert resolve_name(net, "Komsomolsk-na-Amure") == ("node", "komsomolsk")
    assert resolve_name(net, "Чертов мост") == ("structure", "bam:devils_bridge")
    assert resolve_name(net, "Чертов мост", ("node",)) is None
    assert resolve_name(net, "Atlantis") is None


def test_a_shared_name_lists_every_candidate_with_its_id():
    net = named_network("russia")
    with pytest.raises(AmbiguousName) as caught:
        resolve_name(net, "Тихорецкая", ("node",))
    message = str(caught.value)
    assert "520102" in message and "250603" in message and "give the id" in message
    assert "Краснодарский край" in message  # where each one is
    assert {c[1] for c in caught.value.candidates} == {"520102", "250603"}
    # the English name of the corridor node is an alias of one of them only
    assert resolve_name(net, "Tikhoretsk", ("node",)) == ("node", "520102")


def test_from_to_close_and_demand_accept_names(tmp_path):
    net = named_network("russia")
    index = net.compiled.node_index
    assert node_indices(net, "Vladivostok", "origin") == [index["980003"]]
    assert node_indices(net, "Москва,Гонжа", "destination") == [index["195506"], index["952408"]]
    assert resolve_target(net, "Severomuysky Tunnel") == ("structure", "bam:severomuysky_tunnel")
    demand = tmp_path / "demand.csv"
    demand.write_text("origin,destination,trains_per_day\nKhasan,Москва,2\n", encoding="utf-8")
    frame = read_demand(demand, net)
    assert frame.iloc[0]["origin"] == "987002" and frame.iloc[0]["destination"] == "195506"
    demand.write_text("origin,destination,trains_per_day\nТихорецкая,Москва,2\n", encoding="utf-8")
    with pytest.raises(DemandError, match=r"line 2: origin: 'Тихорецкая' names 2 features"):
        read_demand(demand, net)
