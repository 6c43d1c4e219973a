"""The bands chart says what it shows: steps, calendar dates in the scenario's zone,
percentile bands named as such, sample runs, events in words, text from data kept literal."""

import datetime as dt
import subprocess
import sys

import matplotlib.dates as mdates
import pytest
from matplotlib.patches import StepPatch

from netfixtures import small_fc
from railwatch.network import RailNetwork
from railwatch.render.bands import SAMPLE_RUNS, save_figure, scenario_bands_figure
from railwatch.simulate import build_model, parse_scenario, run_monte_carlo

MATHTEXT_BOMB = r"cost $\notacommand{$ and $5"  # mathtext would raise on this


@pytest.fixture(scope="module")
def drawn():
    net = RailNetwork.from_geojson(small_fc())
    data = {
        "name": f"Test {MATHTEXT_BOMB}",
        "start": "2023-11-29T00:00+03:00",
        "demand": [{"origin": "a", "destination": "d", "trains_per_day": 7}],
        "horizon": "20d",
        "closures": [
            {
                "id": "tunnel-$fire$",
                "target": "big_tunnel",
                "start": "2023-11-29T17:20+03:00",
                "restoration": {"dist": "uniform", "low": "1d", "high": "4d"},
                "description": f"Fire in the big tunnel {MATHTEXT_BOMB}; crew out",
            }
        ],
    }
    scenario = parse_scenario(data, name="bands.yaml", network=net)
    result = run_monte_carlo(build_model(scenario), runs=20, seed=4, workers=1)
    return scenario, result, scenario_bands_figure(scenario, result)


def _texts(fig):
    found = []
    for artist in fig.findobj():
        if hasattr(artist, "get_text"):
            found.append(artist.get_text())
    return found


def test_daily_values_are_drawn_as_steps_from_the_zoned_start(drawn):
    _, _, fig = drawn
    top = fig.axes[0]
    steps = [p for p in top.patches if isinstance(p, StepPatch)]
    # the band, the sample runs, the median and the baseline
    assert len(steps) == 1 + SAMPLE_RUNS + 2
    edges = steps[-1].get_data().edges
    start = dt.datetime(2023, 11, 29, 0, 0, tzinfo=dt.timezone(dt.timedelta(hours=3)))
    assert edges[0] == pytest.approx(mdates.date2num(start))
    assert edges[1] - edges[0] == pytest.approx(1.0)  # one step, one day
    assert not [line for line in top.lines if len(line.get_xdata()) > 2]  # no diagonals


def test_axis_is_the_calendar_in_the_scenario_zone(drawn):
    _, _, fig = drawn
    bottom = fig.axes[1]
    assert "UTC+03:00" in bottom.get_xlabel()
    assert "days after" not in bottom.get_xlabel()
    fig.canvas.draw()
    labels = [t.get_text() for t in bottom.get_xticklabels()]
    assert "29" in labels  # the scenario's 29 November, not 28 November 21:00 UTC


def test_bands_are_named_as_pointwise_percentiles(drawn):
    _, _, fig = drawn
    legend = [t.get_text() for ax in fig.axes[:2] for t in ax.get_legend().get_texts()]
    assert "P10\u2013P90 band (pointwise, over 20 runs)" in legend
    assert "pointwise median" in legend
    assert any(label.endswith("single runs") for label in legend)
    assert not [label for label in legend if "median run" in label or label == "P50"]


def test_events_are_named_from_descriptions_and_dollars_stay_literal(drawn, tmp_path):
    _, _, fig = drawn
    texts = _texts(fig)
    notes = [t for t in texts if "Fire in the big tunnel" in t]
    assert notes and "29 Nov 2023 17:20" in notes[0]
    assert MATHTEXT_BOMB in notes[0]
    assert not [t for t in texts if "tunnel-$fire$" in t]
    # drawing parses no mathtext: this would raise ValueError if it did
    path = save_figure(fig, tmp_path / "bands.png")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert any(MATHTEXT_BOMB in t for t in texts if t.startswith("Test"))


def test_importing_render_leaves_matplotlib_alone():
    code = (
        "import sys, matplotlib\n"
        "import railwatch.render\n"
        "assert 'matplotlib.pyplot' not in sys.modules\n"
        "matplotlib.use('svg')\n"
        "import railwatch.render.bands, railwatch.render.report_html\n"
        "import railwatch.render.report_figures, railwatch.render.network_map\n"
        "import railwatch.cli.simulate_cmd\n"
        "assert matplotlib.get_backend() == 'svg', matplotlib.get_backend()\n"
        "assert 'matplotlib.pyplot' not in sys.modules\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_the_axis_starts_at_the_clock_origin(drawn):
    _, _, fig = drawn
    start = dt.datetime(2023, 11, 29, 0, 0, tzinfo=dt.timezone(dt.timedelta(hours=3)))
    assert fig.axes[1].get_xlim()[0] == pytest.approx(mdates.date2num(start))
