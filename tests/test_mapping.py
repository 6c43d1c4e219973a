"""The network map: PNG output, colours on the picture, errors, the shipped outlines, the projection."""

from __future__ import annotations

import math
import os
import struct
from dataclasses import dataclass
from pathlib import Path

import matplotlib.image as mimg
import numpy as np
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.colors import to_rgb

from netfixtures import node, section, small_fc, structure
from railwatch.network import RailNetwork
from railwatch.render.network_map import (
    CLOSED_COLOUR,
    INCIDENT_FACE,
    PARTIAL_COLOUR,
    EquidistantConic,
    MapError,
    display_name,
    draw_network_map,
    line_colours,
    line_detail,
    line_family,
    load_countries,
    write_png,
)

FIGSIZE = (8, 4.5)
DPI = 100


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG signature"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def pixels_near(path: Path, colour: str, tolerance: float = 0.06) -> int:
    """How many pixels of the PNG are within `tolerance` (0..1 per channel) of `colour`."""
    rgb = mimg.imread(path)[..., :3]
    return int((np.abs(rgb - np.array(to_rgb(colour))).max(axis=2) < tolerance).sum())


def primorye_fc() -> dict:
    """Khasan, Tumangang, Vladivostok and Ussuriysk at their real places, two lines."""
    return {
        "type": "FeatureCollection",
        "features": [
            node("ussuriysk", 131.95, 43.80, name="Ussuriysk", kind="junction"),
            node("vladivostok", 131.89, 43.12, name="Vladivostok", kind="port"),
            node("khasan", 130.78, 42.43, name="Khasan", kind="border_crossing"),
            node("tumangang", 130.60, 42.42, name="Tumangang", kind="border_crossing"),
            node("khabarovsk", 135.07, 48.46, name="Khabarovsk"),
            section(
                "ts:a",
                "khabarovsk",
                "ussuriysk",
                [[135.07, 48.46], [131.95, 43.80]],
                line="Trans-Siberian",
                tracks=2,
            ),  # fmt: skip
            section(
                "ts:b",
                "ussuriysk",
                "vladivostok",
                [[131.95, 43.80], [131.89, 43.12]],
                line="Trans-Siberian",
                tracks=2,
            ),  # fmt: skip
            section(
                "kh:a",
                "ussuriysk",
                "khasan",
                [[131.95, 43.80], [130.78, 42.43]],
                line="Baranovsky–Khasan",
            ),  # fmt: skip
            section(
                "kh:b",
                "khasan",
                "tumangang",
                [[130.78, 42.43], [130.60, 42.42]],
                line="Khasan–Tumangang (Friendship Bridge)",
            ),  # fmt: skip
            structure(
                "friendship_bridge", "kh:b", 130.69, 42.425, kind="bridge", name="Friendship Bridge"
            ),  # fmt: skip
        ],
    }


@pytest.fixture(scope="module")
def small_net() -> RailNetwork:
    return RailNetwork.from_geojson(small_fc(), source_name="small")


@pytest.fixture(scope="module")
def plain_map(small_net, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("map") / "plain.png"
    draw_network_map(small_net, path, figsize=FIGSIZE, dpi=DPI)
    return path


def test_png_is_written_with_the_requested_size(plain_map):
    assert png_size(plain_map) == (FIGSIZE[0] * DPI, FIGSIZE[1] * DPI)
    assert not [p for p in plain_map.parent.iterdir() if p.name.endswith(".tmp")]


def test_line_colour_is_on_the_picture(small_net, plain_map):
    (colour,) = line_colours(small_net).values()
    assert pixels_near(plain_map, colour) > 200


def test_no_red_and_no_incident_stars_without_them(plain_map):
    assert pixels_near(plain_map, CLOSED_COLOUR) == 0
    assert pixels_near(plain_map, INCIDENT_FACE) == 0


def test_closed_section_is_red_and_partial_is_orange(small_net, tmp_path):
    path = tmp_path / "closed.png"
    draw_network_map(small_net, path, closed_sections=["cd", "ab:0.5"], figsize=FIGSIZE, dpi=DPI)
    assert pixels_near(path, CLOSED_COLOUR) > 100
    assert pixels_near(path, PARTIAL_COLOUR) > 100


def test_closing_a_structure_closes_its_section(small_net, tmp_path):
    path = tmp_path / "structure.png"
    draw_network_map(small_net, path, closed_sections=["big_tunnel"], figsize=FIGSIZE, dpi=DPI)
    assert pixels_near(path, CLOSED_COLOUR) > 100


def test_figure_is_returned_without_a_path(small_net):
    fig = draw_network_map(small_net, figsize=FIGSIZE, dpi=DPI, title="Test map")
    assert fig.get_size_inches().tolist() == list(FIGSIZE)
    assert fig._suptitle.get_text() == "Test map"


def test_missing_folder_is_a_clear_error_and_leaves_nothing(small_net, tmp_path):
    target = tmp_path / "no_such_folder" / "map.png"
    with pytest.raises(MapError, match="no_such_folder.*does not exist"):
        draw_network_map(small_net, target, figsize=FIGSIZE, dpi=DPI)
    assert not target.parent.exists()


def test_folder_as_output_is_a_clear_error_and_leaves_no_temp_file(small_net, tmp_path):
    folder = tmp_path / "out.png"
    folder.mkdir()
    with pytest.raises(MapError, match="folder"):
        draw_network_map(small_net, folder, figsize=FIGSIZE, dpi=DPI)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.png"]
    assert list(folder.iterdir()) == []


def test_failed_draw_keeps_the_old_file_and_leaves_no_temp_file(small_net, tmp_path):
    path = tmp_path / "map.png"
    path.write_bytes(b"old map")
    fig = draw_network_map(small_net, figsize=FIGSIZE, dpi=DPI)
    # mathtext that cannot be parsed makes the real savefig fail half way
    fig.text(0.5, 0.5, r"$\frac{1}$")
    with pytest.raises(ValueError):
        write_png(fig, path, dpi=DPI)
    assert path.read_bytes() == b"old map"
    assert [p.name for p in tmp_path.iterdir()] == ["map.png"]


def test_unknown_closed_id_names_the_id(small_net):
    with pytest.raises(MapError, match="closed_sections.*'nowhere'"):
        draw_network_map(small_net, closed_sections=["nowhere"], figsize=FIGSIZE, dpi=DPI)


def test_unknown_highlight_id_suggests_a_match(small_net):
    with pytest.raises(MapError, match="did you mean 'a'"):
        draw_network_map(small_net, highlight_sections=["Alpha"], figsize=FIGSIZE, dpi=DPI)


def test_dollar_signs_in_labels_are_text_not_maths(small_net, tmp_path):
    path = tmp_path / "dollar.png"
    incidents = [{"lat": 0.1, "lon": 0.5, "label": "damage $5 million, $3 more"}]
    draw_network_map(small_net, path, incidents=incidents, title="$ cost", figsize=FIGSIZE, dpi=DPI)
    assert png_size(path) == (800, 450)


def test_incident_dicts_and_objects_are_drawn(small_net, tmp_path):
    @dataclass
    class Location:
        lat: float | None
        lon: float | None
        id: str | None = None

    @dataclass
    class Incident:
        location: Location | None
        type: str = "explosion"
        occurred: object = None

    incidents = [
        {"lat": 0.1, "lon": 0.5, "label": "dict incident"},
        Incident(Location(0.0, 2.5)),
        Incident(Location(None, None, id="big_tunnel")),
        Incident(None),
    ]
    path = tmp_path / "incidents.png"
    fig = draw_network_map(small_net, path, incidents=incidents, figsize=FIGSIZE, dpi=DPI)
    assert pixels_near(path, INCIDENT_FACE) > 20
    texts = " ".join(t.get_text() for t in fig.texts)
    assert "1 incident(s) without a location not shown" in texts


def test_incident_without_coordinates_is_an_error(small_net):
    with pytest.raises(MapError, match=r"incidents\[0\].*lat"):
        draw_network_map(small_net, incidents=[{"label": "x"}], figsize=FIGSIZE, dpi=DPI)


def test_inset_appears_only_where_the_network_has_its_places(small_net):
    primorye = RailNetwork.from_geojson(primorye_fc(), source_name="primorye")
    fig = draw_network_map(primorye, figsize=FIGSIZE, dpi=DPI)
    titles = [ax.get_title() for ax in fig.axes]
    assert any("Khasan" in t for t in titles)
    assert len(fig.axes) == 2
    assert len(draw_network_map(primorye, insets=None, figsize=FIGSIZE, dpi=DPI).axes) == 1
    assert len(draw_network_map(small_net, figsize=FIGSIZE, dpi=DPI).axes) == 1


def test_countries_file_has_the_corridor_countries():
    countries = load_countries()
    names = set(countries["name"])
    assert {"Russia", "China", "North Korea", "South Korea", "Mongolia", "Japan"} <= names
    assert {"Kazakhstan", "Ukraine", "Belarus"} <= names
    assert "Natural Earth" in countries.attrs["source"]
    russia = countries.loc[countries["name"] == "Russia"].geometry.iloc[0]
    # Chukotka beyond 180° is dropped, so nothing wraps to negative longitudes
    assert russia.bounds[0] > 0 and russia.bounds[2] <= 180
    # Moscow and Vladivostok lie inside Russia's outline
    assert russia.buffer(0.5).contains(shapely.Point(37.62, 55.75))
    assert russia.buffer(0.5).contains(shapely.Point(131.89, 43.12))


def test_countries_file_is_small():
    path = Path(__file__).parents[1] / "src/railwatch/render/data/countries.geojson"
    assert path.stat().st_size < 400_000


def test_line_family_detail_and_display_name():
    assert line_family("BAM (Severomuysky bypass, 1989)") == "BAM"
    assert line_detail("BAM (Severomuysky bypass, 1989)") == "Severomuysky bypass, 1989"
    assert line_detail("Trans-Siberian") == ""
    assert line_family("Trans-Siberian") == "Trans-Siberian"
    assert line_family(None) == "(unnamed line)"
    assert display_name("Ust-Kut (Lena station)", "ust_kut") == "Ust-Kut"
    assert display_name(float("nan"), "ust_kut") == "ust_kut"


def test_palette_gives_the_longest_line_the_first_colour():
    fc = primorye_fc()
    colours = line_colours(RailNetwork.from_geojson(fc))
    assert list(colours)[0] == "Trans-Siberian"
    assert len(set(colours.values())) == len(colours)


# ---- projection: known answers from the definition of an equidistant conic ---------------------

PROJ = EquidistantConic(lon0=90.0, lat0=50.0, lat1=45.0, lat2=55.0)
KM_PER_DEGREE = 2 * math.pi * 6371.0 / 360


def test_meridians_keep_true_distance():
    x, y = PROJ.forward([90.0, 90.0], [40.0, 60.0])
    assert x == pytest.approx([0.0, 0.0], abs=1e-6)
    assert y[1] - y[0] == pytest.approx(20 * KM_PER_DEGREE, rel=1e-9)


@pytest.mark.parametrize("lat", [45.0, 55.0])
def test_standard_parallels_keep_true_distance(lat):
    lons = np.linspace(80.0, 100.0, 2001)
    x, y = PROJ.forward(lons, np.full_like(lons, lat))
    arc = np.hypot(np.diff(x), np.diff(y)).sum()
    assert arc == pytest.approx(20 * KM_PER_DEGREE * math.cos(math.radians(lat)), rel=1e-6)


def test_origin_projects_to_zero():
    x, y = PROJ.forward(90.0, 50.0)
    assert (float(x), float(y)) == pytest.approx((0.0, 0.0), abs=1e-6)


@settings(max_examples=200, deadline=None)
@given(
    lon=st.floats(-179.0, 179.0),
    lat=st.floats(-80.0, 80.0),
    lat1=st.floats(-60.0, 60.0),
    gap=st.floats(0.0, 25.0),
)
def test_inverse_undoes_forward(lon, lat, lat1, gap):
    proj = EquidistantConic(lon0=lon / 2, lat0=lat1 + gap / 2, lat1=lat1, lat2=lat1 + gap)
    if abs(lon - proj.lon0) * max(abs(proj.cone_constant), 1e-9) > 170:
        return  # past the cone's seam the longitude is ambiguous by design
    back_lon, back_lat = proj.inverse(*proj.forward(lon, lat))
    assert float(back_lon) == pytest.approx(lon, abs=1e-6)
    assert float(back_lat) == pytest.approx(lat, abs=1e-6)


# ---- the embedded corridor: what a reader must be able to find -----------------------------------


@pytest.fixture(scope="module")
def corridor_map():
    from railwatch.network import default_network

    return draw_network_map(default_network(), dpi=100)


def _texts(ax) -> list[str]:
    return [t.get_text() for t in ax.texts]


def test_corridor_map_names_the_places_readers_look_for(corridor_map):
    main = corridor_map.axes[0]
    wanted = {
        "Trans-Siberian",
        "BAM",
        "Moscow",
        "Belgorod",
        "Zabaikalsk",
        "Khasan",
        "Tumangang",
        "Vanino",
    }
    assert wanted <= set(_texts(main))


def test_corridor_insets_show_the_tunnel_and_the_friendship_bridge(corridor_map):
    insets = {ax.get_title(): _texts(ax) for ax in corridor_map.axes[1:]}
    assert set(insets) == {
        "Severomuysky Tunnel and its bypass",
        "Khasan – Tumangang and Primorye",
        "Rostov, Kuban and the Crimean Bridge",
    }
    severomuysky = " ".join(insets["Severomuysky Tunnel and its bypass"])
    assert "Severomuysky Tunnel\n15.3 km" in severomuysky
    assert "bypass" in severomuysky and "Itykit" in severomuysky
    assert any("Friendship Bridge" in t for t in insets["Khasan – Tumangang and Primorye"])


SOUTH_WEST = ("Rostov-on-Don", "Tikhoretsk", "Krasnodar", "Kerch", "Dzhankoy")


def test_south_west_railheads_are_named_at_their_nodes_in_their_inset(corridor_map):
    from railwatch.network import default_network
    from railwatch.render.map_inputs import network_bounds
    from railwatch.render.map_projection import EquidistantConic

    network = default_network()
    proj = EquidistantConic.for_extent(*network_bounds(network, []))
    (inset,) = [a for a in corridor_map.axes if a.get_title().startswith("Rostov, Kuban")]
    renderer = corridor_map.canvas.get_renderer()
    labels = {t.get_text(): t.get_window_extent(renderer) for t in inset.texts}
    node_px = {
        nid: inset.transData.transform(proj.forward(lon, lat))
        for nid, lon, lat in zip(
            network.nodes.index, network.nodes["lon"], network.nodes["lat"], strict=True
        )
    }
    for name in SOUTH_WEST:
        (match,) = [m for m in network.lookup(name) if m.id in node_px][:1]
        box = labels[name]
        nearest = min(
            node_px,
            key=lambda nid: (
                max(box.x0 - node_px[nid][0], 0, node_px[nid][0] - box.x1) ** 2
                + max(box.y0 - node_px[nid][1], 0, node_px[nid][1] - box.y1) ** 2
            ),
        )
        # the node closest to the label is the one it names, and it is close
        gap_x = max(box.x0 - node_px[nearest][0], 0, node_px[nearest][0] - box.x1)
        gap_y = max(box.y0 - node_px[nearest][1], 0, node_px[nearest][1] - box.y1)
        assert nearest == match.id, (name, nearest)
        assert max(gap_x, gap_y) < 15, name
    # the crowded corner's names are given only in the inset, not on the main map
    assert not set(SOUTH_WEST) & set(_texts(corridor_map.axes[0]))


def test_corridor_labels_do_not_overlap(corridor_map):
    renderer = corridor_map.canvas.get_renderer()
    for ax in corridor_map.axes:
        flat = [t for t in ax.texts if t.get_rotation() == 0 and t.get_text()]
        boxes = [t.get_window_extent(renderer) for t in flat]
        for i, a in enumerate(boxes):
            for j in range(i + 1, len(boxes)):
                assert not a.overlaps(boxes[j]), (flat[i].get_text(), flat[j].get_text())


def test_corridor_insets_do_not_cover_the_legend_or_each_other(corridor_map):
    renderer = corridor_map.canvas.get_renderer()
    main = corridor_map.axes[0]
    boxes = [main.get_legend().get_window_extent(renderer)]
    boxes += [ax.get_window_extent(renderer) for ax in corridor_map.axes[1:]]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not a.overlaps(b)


def test_written_png_is_readable_by_others(small_net, tmp_path):
    path = tmp_path / "shared.png"
    draw_network_map(small_net, path, figsize=FIGSIZE, dpi=DPI)
    umask = os.umask(0)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask


def test_projection_note_names_hemispheres():
    south = EquidistantConic(lon0=-60.0, lat0=-30.0, lat1=-35.0, lat2=-25.0)
    assert "35°S" in south.describe() and "60°W" in south.describe()


def test_incident_stars_get_short_labels_that_overlap_nothing():
    from railwatch.network import default_network
    from railwatch.network.queries import feature_point
    from railwatch.render.map_labels import incident_labels

    network = default_network()
    lon, lat = feature_point(network, "bam:severomuysky_tunnel")
    incidents = [
        {"lon": lon, "lat": lat, "label": "fire 2023-11-29 $x$"},
        {"lon": lon, "lat": lat, "label": "explosion 2023-11-30"},
        {"lon": lon, "lat": lat, "label": "fire 2023-11-29 $x$"},  # a second report of it
    ]
    assert incident_labels([(1.0, 2.0, "a"), (1.0, 2.0, "b"), (3.0, 4.0, "a")]) == [
        (1.0, 2.0, "a\nb"),
        (3.0, 4.0, "a"),
    ]
    fig = draw_network_map(network, incidents=incidents, figsize=(12, 6.5), dpi=100)
    renderer = fig.canvas.get_renderer()
    shared = "fire 2023-11-29 $x$\nexplosion 2023-11-30"
    inset = [a for a in fig.axes if a.get_title().startswith("Severomuysky")]
    assert len(inset) == 1
    for ax in [fig.axes[0], *inset]:
        texts = [t for t in ax.texts if t.get_text()]
        (star,) = [t for t in texts if t.get_text() == shared]
        assert not star.get_parse_math()  # dollars stay text, not mathtext
        box = star.get_window_extent(renderer)
        for other in texts:
            if other is not star and other.get_rotation() == 0:
                assert not box.overlaps(other.get_window_extent(renderer)), other.get_text()
