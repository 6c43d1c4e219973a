"""The HTML report: one self-contained file, all untrusted text escaped."""

from html.parser import HTMLParser

import pytest

from netfixtures import small_fc
from railwatch.network import RailNetwork
from railwatch.render import IncidentRow, write_report
from railwatch.render.report_incidents import store_incidents
from railwatch.simulate import build_model, parse_scenario, run_monte_carlo

EVIL = '<script>alert("x")</script><img src="http://evil.example/x.png">'


class Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []
        self.text = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


@pytest.fixture(scope="module")
def report_html(tmp_path_factory):
    net = RailNetwork.from_geojson(small_fc())
    data = {
        "name": "Test <b>scenario</b>",
        "description": EVIL,
        "demand": [{"origin": "a", "destination": "d", "trains_per_day": 7}],
        "horizon": "20d",
        "closures": [
            {
                "id": "tunnel",
                "target": "big_tunnel",
                "start": "1d",
                "restoration": {"dist": "uniform", "low": "1d", "high": "4d"},
                "source": "https://example.org/a?x=1&y=2",
                "claims": [EVIL],
            }
        ],
    }
    scenario = parse_scenario(data, name="r.yaml", network=net)
    result = run_monte_carlo(build_model(scenario), runs=20, seed=4, workers=1)
    rows = [
        IncidentRow(
            id="inc-1",
            type="explosion",
            when="2023-11-30",
            where=EVIL,
            effect="blocked",
            confidence="0.80",
            claims=[EVIL],
            sources=["Outlet https://example.net/story"],
        )
    ]
    path = write_report(
        scenario, result, tmp_path_factory.mktemp("rep") / "report.html", store=(rows, "1 incident")
    )
    return path.read_text(encoding="utf-8")


def test_report_is_self_contained(report_html):
    parser = Collector()
    parser.feed(report_html)
    assert not [t for t, _ in parser.tags if t in ("script", "link", "iframe", "object")]
    for tag, attrs in parser.tags:
        for name in ("src", "href"):
            value = attrs.get(name)
            if value is not None:
                assert "http" not in value, (tag, value[:80])
                assert value.startswith("data:image/png;base64,")
    images = [a for t, a in parser.tags if t == "img"]
    assert len(images) == 3  # map, capacity, bands


def test_untrusted_text_is_escaped_everywhere(report_html):
    assert "<script" not in report_html
    assert "evil.example" in report_html  # shown, as text only
    assert "&lt;script&gt;" in report_html
    assert "Test &lt;b&gt;scenario&lt;/b&gt;" in report_html
    assert "https://example.org/a?x=1&amp;y=2" in report_html


def test_report_has_every_section(report_html):
    for heading in (
        "Map: incidents and closed sections",
        "Capacity before and after",
        "The reroute",
        "Monte Carlo bands",
        "Incidents in the scenario",
        "Incidents in the store",
    ):
        assert f"<h2>{heading}</h2>" in report_html


def test_empty_store_says_there_are_none(tmp_path):
    rows, note = store_incidents(tmp_path)
    assert rows == []
    assert "no incidents" in note
