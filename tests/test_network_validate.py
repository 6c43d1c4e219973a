"""Every validation error, each on a small broken file, names the feature and the field."""

import copy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netfixtures import node, section, small_fc, structure
from railwatch.network import NetworkError, RailNetwork, validate_feature_collection


def errors_of(fc):
    return validate_feature_collection(fc, "broken.geojson").errors


def test_small_network_is_valid_and_connected():
    report = validate_feature_collection(small_fc(), "small.geojson")
    assert report.ok
    assert report.components == [4]
    assert report.warnings == []


def test_section_with_unknown_node():
    fc = small_fc()
    fc["features"].append(section("dx", "d", "nowhere", [[3, 0], [4, 0]]))
    (msg,) = errors_of(fc)
    assert msg == "broken.geojson: feature 10 (dx): to refers to unknown node 'nowhere'"


def test_duplicate_ids():
    fc = small_fc()
    fc["features"].append(node("b", 5, 5))
    (msg,) = errors_of(fc)
    assert "feature 10 (b): duplicate id 'b' (first used by feature 1)" in msg


@pytest.mark.parametrize("bad", [-3, 0])
def test_non_positive_length(bad):
    fc = small_fc()
    fc["features"][4]["properties"]["length_km"] = bad
    (msg,) = errors_of(fc)
    assert msg == f"broken.geojson: feature 4 (ab): length_km must be > 0, got {bad}"


@pytest.mark.parametrize("bad", ["lots", None, True, float("nan")])
def test_capacity_not_a_number(bad):
    fc = small_fc()
    fc["features"][5]["properties"]["capacity"] = bad
    (msg,) = errors_of(fc)
    assert "feature 5 (bc:tunnel): capacity" in msg
    assert "number" in msg


def test_structure_on_unknown_section():
    fc = small_fc()
    fc["features"].append(structure("ghost", "no-such-section", 1, 1))
    (msg,) = errors_of(fc)
    assert msg.endswith("feature 10 (ghost): section refers to unknown section 'no-such-section'")


@pytest.mark.parametrize(
    "geometry, expected",
    [
        ({"type": "Point", "coordinates": [0, 0]}, "geometry must be a LineString, got 'Point'"),
        ({"type": "LineString", "coordinates": [[0, 0]]}, "at least 2 positions"),
        ({"type": "LineString", "coordinates": [[0, 0], [500, 0]]}, "out of WGS84 range"),
        ({"type": "LineString", "coordinates": [[0, 0], ["x", 0]]}, "expected [lon, lat] numbers"),
        (None, "geometry must be a LineString, got NoneType"),
    ],
)
def test_bad_section_geometry(geometry, expected):
    fc = small_fc()
    fc["features"][4]["geometry"] = geometry
    (msg,) = errors_of(fc)
    assert "feature 4 (ab): geometry" in msg
    assert expected in msg


def test_bad_node_geometry_and_kind():
    fc = small_fc()
    fc["features"][0]["geometry"] = {"type": "LineString", "coordinates": [[0, 0], [1, 1]]}
    fc["features"][1]["properties"]["kind"] = "castle"
    errs = errors_of(fc)
    assert any("feature 0 (a): geometry must be a Point" in e for e in errs)
    assert any("feature 1 (b): kind must be one of" in e and "'castle'" in e for e in errs)


def test_bad_gauge_and_electrified():
    fc = small_fc()
    fc["features"][4]["properties"]["gauge"] = "narrow"
    fc["features"][4]["properties"]["electrified"] = "yes"
    errs = errors_of(fc)
    assert any("gauge must be 1520, 1435 or dual, got 'narrow'" in e for e in errs)
    assert any("electrified must be true or false, got 'yes'" in e for e in errs)


def test_missing_type_and_id():
    fc = small_fc()
    fc["features"].append({"type": "Feature", "geometry": None, "properties": {"id": "q"}})
    fc["features"].append(
        {"type": "Feature", "geometry": None, "properties": {"type": "node", "id": ""}}
    )
    errs = errors_of(fc)
    assert any("feature 10 (q): type must be one of node, section, structure" in e for e in errs)
    assert any("feature 11: id must be a non-empty string" in e for e in errs)


def test_a_feature_with_a_bad_or_taken_id_still_has_all_its_errors_listed():
    fc = small_fc()
    fc["features"].append(node("x", 200, 0, kind="castle", capacity=-1))
    fc["features"][-1]["properties"]["id"] = 7
    fc["features"].append(section("y", "a", "nowhere", [[0, 0], [1, 0]], length_km=0))
    fc["features"][-1]["properties"]["id"] = "   "
    fc["features"].append(structure("b", "ab", 0.5, 0, kind="castle", name=5))
    # in file order, every error of a feature together; named by index (and by name when
    # the id cannot name it)
    assert errors_of(fc) == [
        "broken.geojson: " + e
        for e in [
            "feature 10 (name 'X'): id must be a non-empty string, got 7",
            "feature 10 (name 'X'): geometry: coordinates out of WGS84 range: lon=200.0, lat=0.0",
            "feature 10 (name 'X'): kind must be one of border_crossing, depot, junction, port, "
            "station, yard, got 'castle'",
            "feature 10 (name 'X'): capacity must be > 0, got -1",
            "feature 11: id must be a non-empty string, got '   '",
            "feature 11: to refers to unknown node 'nowhere'",
            "feature 11: length_km must be > 0, got 0",
            "feature 12 (b): name must be a string, got 5",
            "feature 12 (b): duplicate id 'b' (first used by feature 1)",
            "feature 12 (b): kind must be one of border_crossing, bridge, bypass, tunnel, "
            "viaduct, yard, got 'castle'",
        ]
    ]


def test_a_section_with_a_bad_id_has_its_id_and_field_errors_side_by_side():
    fc = small_fc()
    props = fc["features"][4]["properties"]  # section ab
    props.update(id=None, gauge="narrow", speed_kmh=-5)
    fc["features"][4]["geometry"]["coordinates"][1] = [1, 95]
    fc["features"][0]["properties"]["kind"] = "castle"  # an earlier feature's error comes first
    errs = errors_of(fc)
    assert errs == [
        "broken.geojson: feature 0 (a): kind must be one of border_crossing, depot, junction, "
        "port, station, yard, got 'castle'",
        "broken.geojson: feature 4: id must be a non-empty string, got None",
        "broken.geojson: feature 4: geometry: position 1: coordinates out of WGS84 range: "
        "lon=1.0, lat=95.0",
        "broken.geojson: feature 4: speed_kmh must be > 0, got -5",
        "broken.geojson: feature 4: gauge must be 1520, 1435 or dual, got 'narrow'",
    ]


def test_a_feature_of_unknown_type_still_has_its_id_names_and_geometry_checked():
    fc = small_fc()
    fc["features"].append(
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [0, -91]},
            "properties": {"type": "station", "id": "", "name": "Zeta", "name_ru": 3},
        }
    )
    assert errors_of(fc) == [
        "broken.geojson: feature 10 (name 'Zeta'): type must be one of node, section, "
        "structure, got 'station'",
        "broken.geojson: feature 10 (name 'Zeta'): id must be a non-empty string, got ''",
        "broken.geojson: feature 10 (name 'Zeta'): name_ru must be a string, got 3",
        "broken.geojson: feature 10 (name 'Zeta'): geometry: coordinates out of WGS84 range: "
        "lon=0.0, lat=-91.0",
    ]


# Values no id may have, and one wrong value for each field the property test breaks.
bad_ids = st.one_of(
    st.none(),
    st.integers(),
    st.floats(allow_nan=True),
    st.booleans(),
    st.text(alphabet=" \t\n", max_size=3),
    st.lists(st.text(max_size=3), max_size=2),
    st.dictionaries(st.text(max_size=2), st.integers(), max_size=1),
)
FIELD_BREAKERS = {
    "node": {
        "kind": lambda f: f["properties"].update(kind="castle"),
        "capacity": lambda f: f["properties"].update(capacity=-2),
        "geometry": lambda f: f["geometry"].update(coordinates=[0, 100]),
    },
    "section": {
        "length_km": lambda f: f["properties"].update(length_km=0),
        "gauge": lambda f: f["properties"].update(gauge="narrow"),
        "electrified": lambda f: f["properties"].update(electrified="yes"),
        "geometry": lambda f: f["geometry"]["coordinates"].__setitem__(0, [-190, 0]),
    },
    "structure": {
        "kind": lambda f: f["properties"].update(kind="castle"),
        "length_m": lambda f: f["properties"].update(length_m=-1),
        "geometry": lambda f: f["geometry"].update(coordinates=["x", 0]),
    },
}


@settings(max_examples=150, deadline=None)
@given(
    index=st.integers(0, 9),
    bad_id=bad_ids,
    keep_name=st.booleans(),
    data=st.data(),
)
def test_every_broken_field_of_a_feature_with_a_bad_id_is_named(index, bad_id, keep_name, data):
    fc = small_fc()
    feat = fc["features"][index]
    ftype = feat["properties"]["type"]
    breakers = FIELD_BREAKERS[ftype]
    broken = data.draw(st.sets(st.sampled_from(sorted(breakers))), label="broken fields")
    feat["properties"]["id"] = bad_id
    if not keep_name:
        feat["properties"].pop("name", None)
    for field in broken:
        breakers[field](feat)
    name = feat["properties"].get("name")  # sections have none
    label = f"broken.geojson: feature {index}" + (f" (name {name!r})" if name else "")
    errs = errors_of(fc)
    own = [e for e in errs if e.startswith(label + ": ")]
    assert own, errs
    assert "id must be a non-empty string" in own[0]
    for field in broken:
        assert any(e.split(": ", 2)[2].startswith(field) for e in own), (field, own)
    # nothing else of its own is reported, and its errors are not split by another's
    assert len(own) == 1 + len(broken)
    first = errs.index(own[0])
    assert errs[first : first + len(own)] == own
    # other features only lose what referred to it; no other feature is blamed
    for e in errs:
        if e not in own:
            assert "refers to unknown" in e or e == "broken.geojson: no node features", e


def test_every_error_is_listed_not_just_the_first():
    fc = small_fc()
    fc["features"][4]["properties"]["length_km"] = -1
    fc["features"][5]["properties"]["capacity"] = "x"
    fc["features"][9]["properties"]["section"] = "nope"
    assert len(errors_of(fc)) == 3
    with pytest.raises(NetworkError) as info:
        RailNetwork.from_geojson(fc)
    assert len(info.value.errors) == 3
    assert "3 problem(s)" in str(info.value)


def test_disconnected_components_reported_with_sizes():
    fc = small_fc()
    fc["features"] += [
        node("x", 10, 10),
        node("y", 11, 10),
        node("z", 20, 20),
        section("xy", "x", "y", [[10, 10], [11, 10]]),
    ]
    report = validate_feature_collection(fc, "islands.geojson")
    assert report.ok
    assert report.components == [4, 2, 1]
    assert report.warnings == ["islands.geojson: 3 disconnected components (nodes each: 4, 2, 1)"]


def test_not_a_feature_collection():
    assert errors_of({"type": "Feature"}) == [
        "broken.geojson: expected a GeoJSON FeatureCollection"
    ]
    assert errors_of([]) == ["broken.geojson: expected a GeoJSON FeatureCollection"]


def test_validation_does_not_modify_input():
    fc = small_fc()
    before = copy.deepcopy(fc)
    validate_feature_collection(fc)
    assert fc == before


@pytest.mark.parametrize(
    ("field", "index", "value", "expected"),
    [
        ("capacity", 5, 1e308, "capacity must be at most 10,000, got 1e+308"),
        ("length_km", 4, 1e308, "length_km must be at most 20,000, got 1e+308"),
        ("speed_kmh", 4, 5000, "speed_kmh must be at most 600, got 5000"),
        ("capacity", 5, 10**400, "capacity must be a number"),
        ("length_km", 4, float("inf"), "length_km must be a number"),
    ],
)
def test_numbers_must_be_finite_and_believable(field, index, value, expected):
    fc = small_fc()
    fc["features"][index]["properties"][field] = value
    (msg,) = errors_of(fc)
    assert expected in msg


def test_a_third_coordinate_must_be_a_number_too():
    fc = small_fc()
    fc["features"][0]["geometry"]["coordinates"] = [0, 0, "x"]
    (msg,) = errors_of(fc)
    assert "feature 0 (a): geometry: expected [lon, lat] numbers" in msg
    fc["features"][0]["geometry"]["coordinates"] = [0, 0, 120.5]
    assert errors_of(fc) == []
