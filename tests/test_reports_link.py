"""Placing mentions on the network: known answers, and the gazetteer's keys."""

from __future__ import annotations

import pytest

from railwatch.network.geo import distance_km
from railwatch.reports.place.gazetteer import (
    load_regions,
    load_settlements,
    name_keys,
    translit_key,
)
from railwatch.reports.place.link import lines_named, place, section_between
from reportfixtures import mention
from reportnet import bam_network


@pytest.fixture(scope="module")
def net():
    return bam_network()


def test_tunnel_in_russian_inflection(net):
    loc = place([mention("в Северомуйском тоннеле", "structure")], net, "")
    assert (loc.kind, loc.id, loc.precision) == (
        "structure",
        "bam:severomuysky_tunnel",
        "structure",
    )
    assert "Северомуйский тоннель" in loc.via


def test_english_structure_and_devils_bridge(net):
    assert place([mention("the Severomuysky Tunnel")], net).id == "bam:severomuysky_tunnel"
    assert place([mention("на Чёртовом мосту")], net).id == "bam:devils_bridge"


def test_between_two_stations_takes_the_middle_section_of_the_path(net):
    for text in ("between Taksimo and Severobaikalsk", "между Таксимо и Северобайкальском"):
        loc = place([mention(text, "section")], net)
        assert loc.kind == "section" and loc.precision == "section"
        # path: okusikan-taksimo 60 + tunnel 23 + severobaikalsk-itykit 260 km; the midpoint
        # (171.5 km from Taksimo) lies on the long western section
        assert loc.id == "bam:severobaikalsk-itykit"
        assert "3 sections" in loc.via


def test_adjacent_stations_give_their_section(net):
    loc = place([mention("на перегоне Окусикан – Таксимо", "section")], net)
    assert loc.id == "bam:okusikan-taksimo"
    assert section_between(net, "itykit", "okusikan")[0] == "bam:itykit-okusikan:tunnel"


def test_structure_beats_station(net):
    loc = place([mention("Таксимо"), mention("Северомуйском тоннеле")], net)
    assert loc.id == "bam:severomuysky_tunnel"


def test_station_name_gives_the_node(net):
    loc = place([mention("под Читой", "settlement")], net)
    assert (loc.kind, loc.id, loc.precision) == ("node", "chita", "near_node")


def test_settlement_snaps_to_the_named_line(net):
    # Novy Uoyan (GeoNames) lies on the BAM between Severobaikalsk and Itykit
    loc = place([mention("в Новом Уояне", "settlement")], net, "Пожар на БАМе в Новом Уояне")
    assert (loc.kind, loc.id, loc.precision) == (
        "section",
        "bam:severobaikalsk-itykit",
        "near_node",
    )
    assert "snapped" in loc.via and "named line" in loc.via


def test_settlement_snaps_within_the_distance_limit_without_a_line(net):
    loc = place([mention("Novyy Uoyan", "settlement")], net, "A fire near Novyy Uoyan.")
    assert loc.id == "bam:severobaikalsk-itykit"
    assert "within 30 km" in loc.via


def test_far_settlement_stays_an_unplaced_point(net):
    loc = place([mention("Мухоршибирь", "settlement")], net, "")
    assert loc.kind == "point" and loc.id is None and loc.precision == "near_node"
    assert "unplaced" in loc.via


def test_unknown_village_gives_none(net):
    assert place([mention("Кукуево-Залесское", "settlement")], net, "") is None


def test_region_and_district_only(net):
    region = place([mention("в Бурятии", "region")], net)
    assert (region.kind, region.precision) == ("point", "region")
    assert "Бурятия" in region.name
    district = place([mention("в Муйском районе", "district")], net)
    assert district.precision == "district"
    # a district is placed at its administrative centre (Taksimo)
    assert distance_km(district.lon, district.lat, 114.894, 56.345) < 5
    krai = place([mention("в Забайкальском крае", "region")], net)
    assert krai.precision == "region" and "Забайкальский край" in krai.name


def test_line_only_and_country(net):
    loc = place([mention("на БАМе", "line")], net, "Движение на БАМе остановлено")
    assert loc.precision == "line"
    assert place([mention("в России", "country")], net).precision == "country"
    assert lines_named("поезда на Транссибе и Малом БАМе") == ["little bam", "trans-siberian"]
    assert lines_named("на Байкало-Амурской магистрали") == ["bam"]


def test_keys_bridge_scripts_and_inflection():
    assert translit_key("Северобайкальск") == translit_key("Severobaykal'sk")
    assert translit_key("Улан-Удэ") == translit_key("Ulan-Ude")
    assert "бурятия" in name_keys("Бурятии")
    assert name_keys("Новой Чарой") & name_keys("Новая Чара")


def test_shipped_place_list_is_small_and_sourced():
    places = load_settlements()
    assert 5000 < len(places) < 20000
    assert {p.country for p in places} == {"RU", "CN", "KP"}
    regions = {p.name for p, _ in load_regions()}
    assert {"Republic of Buryatia", "Zabaykalsky Krai", "Primorsky Krai"} <= regions
    assert all(p.source.startswith("http") for p, _ in load_regions())


def test_place_named_for_an_earlier_event_loses(net):
    sentence = (
        "A second train was blown up, a day after Kyiv claimed a blast in the Severomuysky Tunnel."
    )
    mentions = [
        mention("Severomuysky Tunnel", "structure", sentence),
        mention("Devil's Bridge", "structure", "Explosives went off on the Devil's Bridge."),
    ]
    assert place(mentions, net).id == "bam:devils_bridge"


def test_stretch_with_ends_off_the_network_snaps_their_midpoint(net):
    # Novy Uoyan and Kyuchus-less: one end is a GeoNames settlement, the other a network node
    loc = place([mention("между Новым Уояном и Северобайкальском", "section")], net, "на БАМе")
    assert loc.id == "bam:severobaikalsk-itykit"
    assert loc.precision == "section"
    assert "midpoint" in loc.via


def test_region_named_with_a_line_guesses_the_nearest_section(net):
    loc = place([mention("в Забайкальском крае", "region")], net, "на Транссибе в Забайкалье")
    assert loc.precision == "region"
    assert loc.id in {"ts:ulan_ude-chita", "ts:chita-karymskaya"}
    assert "best guess" in loc.via


def test_route_ends_rank_below_the_site(net):
    sentence = "A train running from Ulan-Ude to Chita hit a tractor near Karymskaya station."
    mentions = [
        mention("from Ulan-Ude", "unknown", sentence),
        mention("Karymskaya station", "station", sentence),
    ]
    assert place(mentions, net, sentence).id == "karymskaya"


def test_station_name_with_a_railway_suffix_is_its_town(net):
    loc = place([mention("станции Карымская-Сортировочная", "station")], net)
    assert loc.id == "karymskaya"


def test_region_hint_never_resolves_to_a_village_of_that_name(net):
    loc = place([mention("в Крыму", "region")], net)
    assert loc is None or loc.precision in ("region", "country")


def test_named_line_between_two_nodes_is_their_section(net):
    text = "на линии Чита — Карымская"
    assert place([mention(text, "section")], net, text).id == "ts:chita-karymskaya"


def test_a_reference_point_ranks_below_the_site(net):
    sentence = "Wagons derailed at Karymskaya station, about 90 km east of Chita."
    mentions = [
        mention("of Chita", "unknown", sentence),
        mention("Karymskaya station", "station", sentence),
    ]
    assert place(mentions, net, sentence).id == "karymskaya"


def test_one_name_on_every_kind_places_the_structure_whatever_the_index_order():
    """The gazetteer indexes the node, section and structure tables; the most precise kind
    wins by rank, not by which table was read first."""
    from netfixtures import node, section, structure
    from railwatch.network import RailNetwork
    from railwatch.reports.place.gazetteer import Gazetteer

    features = [
        node("kedrovy", 100.0, 55.0),
        node("lesnoy", 100.5, 55.0),
        section("kedrovy-lesnoy", "kedrovy", "lesnoy", [[100.0, 55.0], [100.5, 55.0]],
                name="Kedrovy"),
        structure("kedrovy_bridge", "kedrovy-lesnoy", 100.2, 55.0, kind="bridge",
                  name="Kedrovy"),
    ]  # fmt: skip
    for ordered in (features, features[::-1]):
        net = RailNetwork.from_geojson({"type": "FeatureCollection", "features": ordered})
        hits = Gazetteer(net).network_hits("Kedrovy")
        assert {(h.kind, h.id) for h in hits} == {
            ("node", "kedrovy"),
            ("section", "kedrovy-lesnoy"),
            ("structure", "kedrovy_bridge"),
        }
        placed = place([mention("Kedrovy")], net)
        assert (placed.kind, placed.id) == ("structure", "kedrovy_bridge")
