"""The HTML report: one self-contained file from Jinja2 templates, all untrusted text escaped,
sources linked only when they are web addresses, claims in words, times in the scenario's zone."""

import json
import shutil
import subprocess
import sys
from datetime import date
from html.parser import HTMLParser
from importlib import resources

import pytest
import yaml

from netfixtures import small_fc
from railwatch.network import RailNetwork
from railwatch.render import IncidentRow, write_report
from railwatch.render.report_incidents import SourceRef, store_incidents
from railwatch.reports.codec import to_dict
from railwatch.reports.incident_store import FORMAT_VERSION, STORE_FILE
from railwatch.reports.model import Claim, DateValue, Incident, Location, Report
from railwatch.simulate import build_model, parse_scenario, run_monte_carlo

EVIL = '<script>alert("x")</script><img src="http://evil.example/x.png">'
MATHTEXT_BOMB = r"$\notacommand{$"


class Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []
        self.text = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parsed(html: str) -> Collector:
    parser = Collector()
    parser.feed(html)
    return parser


@pytest.fixture(scope="module")
def net():
    return RailNetwork.from_geojson(small_fc())


def scenario_data(**closure):
    return {
        "name": "Test <b>scenario</b>",
        "description": EVIL,
        "start": "2023-11-29T00:00+03:00",
        "demand": [{"origin": "a", "destination": "d", "trains_per_day": 7}],
        "horizon": "20d",
        "closures": [
            {
                "id": "tunnel",
                "target": "big_tunnel",
                "start": "2023-11-29T17:20+03:00",
                "restoration": {"dist": "uniform", "low": "1d", "high": "4d"},
                "source": [
                    "https://example.org/a?x=1&y=2",
                    "javascript:alert(1)",
                    "file:///etc/passwd",
                    "project notes, section 7",
                ],
                "claims": [EVIL],
                "description": "Fire in the big tunnel; crew out",
                **closure,
            }
        ],
    }


def build(net, tmp_path, data, store=None):
    scenario = parse_scenario(data, name="r.yaml", network=net)
    result = run_monte_carlo(build_model(scenario), runs=12, seed=4, workers=1)
    path = write_report(scenario, result, tmp_path / "report.html", store=store)
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def report_html(net, tmp_path_factory):
    rows = [
        IncidentRow(
            id="inc-1",
            type="explosion",
            when="2023-11-30",
            where=EVIL,
            effect="traffic blocked both ways",
            confidence="0.80",
            claims=[EVIL],
            sources=[
                "Outlet https://example.net/story",
                SourceRef("Wire, 2023-11-30", "https://wire.example/story?a=1&b=2"),
            ],
        )
    ]
    return build(net, tmp_path_factory.mktemp("rep"), scenario_data(), (rows, "1 incident"))


def test_report_is_self_contained(report_html):
    parser = parsed(report_html)
    assert not [t for t, _ in parser.tags if t in ("script", "link", "iframe", "object", "embed")]
    images = [a for t, a in parser.tags if t == "img"]
    assert len(images) == 3  # map, capacity, bands
    for tag, attrs in parser.tags:
        if "src" in attrs:
            assert attrs["src"].startswith("data:image/png;base64,"), (tag, attrs["src"][:80])
        if "href" in attrs:  # navigation only, never a resource the page loads
            assert tag == "a" and attrs["href"].startswith(("http://", "https://"))


def test_untrusted_text_is_escaped_everywhere(report_html):
    assert "<script" not in report_html
    assert "evil.example" in report_html  # shown, as text only
    assert "&lt;script&gt;" in report_html
    assert "Test &lt;b&gt;scenario&lt;/b&gt;" in report_html


def test_sources_are_links_only_for_web_addresses(report_html):
    links = {a["href"]: a for t, a in parsed(report_html).tags if t == "a"}
    assert set(links) == {"https://example.org/a?x=1&y=2", "https://wire.example/story?a=1&b=2"}
    assert 'href="https://example.org/a?x=1&amp;y=2"' in report_html
    for text in ("javascript:alert(1)", "file:///etc/passwd", "project notes, section 7"):
        assert f"<li>{text}</li>" in report_html  # plain text
    assert "<li>Outlet https://example.net/story</li>" in report_html


def test_times_are_in_the_scenario_zone(report_html):
    assert "29 Nov 2023 17:20 (UTC+03:00)" in report_html  # the closure, as written
    assert "29 Nov 2023 00:00 (UTC+03:00)" in report_html  # the clock start
    assert "21:00 UTC" not in report_html and "14:20" not in report_html


def test_closures_are_named_in_words(report_html):
    assert "<h3>Fire in the big tunnel</h3>" in report_html
    assert "closed; 100% of capacity back after uniform 24-96 h" in report_html


def test_sources_never_wrap_letter_by_letter():
    css = resources.files("railwatch.render").joinpath("templates/report.css").read_text("utf-8")
    assert "break-all" not in css and "anywhere" not in css
    assert "td.sources,dd.sources{min-width:13em}" in css


PROBE = """<script>
window.addEventListener("load", () => {
  const items = [...document.querySelectorAll(".sources li")];
  const out = document.createElement("pre");
  out.id = "probe";
  out.textContent = JSON.stringify(items.map(li => li.getBoundingClientRect().width));
  document.body.appendChild(out);
});
</script>"""


@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs a real browser (chromium)")
def test_sources_keep_their_width_in_a_real_browser(report_html, tmp_path):
    """Laid out by chromium in a narrow window, no source is squeezed to a column of letters."""
    page = tmp_path / "probe.html"
    page.write_text(report_html.replace("</body>", PROBE + "</body>"), encoding="utf-8")
    done = subprocess.run(
        [
            "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--window-size=640,2000",
            "--virtual-time-budget=3000",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    probe = done.stdout.split('<pre id="probe">', 1)[1].split("</pre>", 1)[0]
    widths = json.loads(probe)
    assert len(widths) == 6  # four scenario sources, two store sources
    assert min(widths) > 200, widths  # CSS px; a letter-wide column would be ~10


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


def test_capacity_table_shows_what_changes(report_html):
    # demand 7 a -> d: all delivered open; the bypass takes 4 with the tunnel shut
    row = report_html.split('<td class="id">a</td>', 1)[1].split("</tr>", 1)[0]
    cells = [c.split("<", 1)[0] for c in row.split('<td class="n">')[1:]]
    assert cells[:5] == ["7.0", "7.0", "4.0", "300", "340"]


@pytest.mark.parametrize(
    "odd",
    [
        {"description": 12345},
        {"restoration": {"dist": "fixed", "value": "30h", "source": 7}},
        {"id": f"tunnel {MATHTEXT_BOMB} $5"},
        {"description": f"costs {MATHTEXT_BOMB} and $5 more"},
    ],
    ids=["numeric-description", "numeric-restoration-source", "dollar-id", "dollar-description"],
)
def test_report_survives_what_simulate_accepts(net, tmp_path, odd):
    """Regression (issue 11): these crashed `report` after the whole Monte Carlo."""
    data = scenario_data(**odd)
    data["name"] = f"Scenario {MATHTEXT_BOMB} $"
    html = build(net, tmp_path, data)
    assert "<h2>Incidents in the scenario</h2>" in html
    if "id" in odd:
        assert "tunnel $\\notacommand{$ $5" in html
    if odd.get("description") == 12345:
        assert "<h3>12345</h3>" in html
    if "restoration" in odd:
        assert "source: 7" in html


def test_store_incidents_are_said_in_words(tmp_path):
    report = Report(
        id="r" * 64,
        text="Text.",
        language="en",
        url="https://news.example/item?id=1&x=<b>",
        outlet="News <i>Example</i>",
        published_at=date(2023, 11, 30),
        published_method="byline",
        path=None,
    )
    local = Report("s" * 64, "Text.", "ru", None, None, date(2023, 12, 1), "argument", "/x/r.txt")
    day = DateValue(date(2023, 11, 29), date(2023, 11, 29), "day", "explicit", "29 Nov")
    incident = Incident(
        id="inc-1",
        type="drone_strike",
        occurred=day,
        location=Location("structure", "big_tunnel", 0.0, 1.5, "structure", "Big tunnel", "alias"),
        effect="blocked_both",
        quantities=[],
        casualties={},
        claims=[
            Claim("Russian officials", "denies", "unknown", "Officials deny it."),
            Claim("SBU", "asserts", "sabotage", "<b>We did it</b>"),
        ],
        restored_at=None,
        reports=[report.id, local.id],
        merge=[],
        confidence=0.8,
    )
    # a railwatch 0.1 incident file: the database store imports it when it opens there
    (tmp_path / STORE_FILE).write_text(
        json.dumps(
            {
                "version": FORMAT_VERSION,
                "reports": [to_dict(report), to_dict(local)],
                "incidents": [to_dict(incident)],
            }
        ),
        encoding="utf-8",
    )
    (row,), note = store_incidents(tmp_path)
    assert "1 incident" in note
    assert row.type == "drone strike" and row.effect == "traffic blocked both ways"
    assert row.claims[0] == "Russian officials deny the cause: \u201cOfficials deny it.\u201d"
    assert row.claims[1].startswith("SBU says it was sabotage")
    assert row.sources == [
        SourceRef("News <i>Example</i>, 2023-11-30", "https://news.example/item?id=1&x=<b>"),
        SourceRef("2023-12-01, r.txt", None),
    ]


def test_empty_store_says_there_are_none(tmp_path):
    rows, note = store_incidents(tmp_path)
    assert rows == []
    assert "no incidents" in note


def test_report_command_survives_odd_scenarios_as_a_real_process(tmp_path):
    """Regression (issue 11), end to end: `railwatch report` as a user runs it."""
    (tmp_path / "net.geojson").write_text(json.dumps(small_fc()), encoding="utf-8")
    data = scenario_data(
        id=f"tunnel {MATHTEXT_BOMB}",
        description=12345,
        restoration={"dist": "fixed", "value": "30h", "source": 7},
    )
    data["name"] = f"Odd {MATHTEXT_BOMB}"
    data["network"] = "net.geojson"
    scenario = tmp_path / "odd.yaml"
    scenario.write_text(yaml.safe_dump(data), encoding="utf-8")
    out = tmp_path / "odd.html"
    done = subprocess.run(
        [sys.executable, "-m", "railwatch", "report", str(scenario), "-o", str(out)]
        + ["--runs", "4", "--workers", "1", "--store", str(tmp_path / "store")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    html = out.read_text(encoding="utf-8")
    assert "<h3>12345</h3>" in html and "source: 7" in html
    assert "Odd $\\notacommand{$" in html
