"""`railwatch simulate`, `railwatch report` and the demo step, run for real."""

import json

import yaml
from click.testing import CliRunner
from rich.console import Console

from netfixtures import small_fc
from railwatch.cli import _register, cli
from railwatch.cli.simulate_cmd import demo_step

_register()


def write_scenario(tmp_path, **changes):
    (tmp_path / "net.geojson").write_text(json.dumps(small_fc()))
    data = {
        "network": "net.geojson",
        "demand": [{"origin": "a", "destination": "d", "trains_per_day": 6}],
        "horizon": "15d",
        "runs": 12,
        "seed": 3,
        "closures": [
            {
                "target": "big_tunnel",
                "start": "1d",
                "restoration": {"dist": "uniform", "low": "1d", "high": "3d"},
            }
        ],
        **changes,
    }
    path = tmp_path / "s.yaml"
    path.write_text(yaml.safe_dump(data))
    return path


def test_simulate_json_and_plot(tmp_path):
    path = write_scenario(tmp_path)
    png = tmp_path / "bands.png"
    result = CliRunner().invoke(
        cli, ["simulate", str(path), "--runs", "10", "--workers", "1", "--json", "-o", str(png)]
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["runs"] == 10 and summary["seed"] == 3
    assert summary["baseline_trains_per_day"] == 6
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_simulate_reports_scenario_errors_without_a_traceback(tmp_path):
    path = write_scenario(tmp_path, step="week")
    result = CliRunner().invoke(cli, ["simulate", str(path)])
    assert result.exit_code == 1
    assert "s.yaml: step: expected one of day, hour, got 'week'" in result.output
    assert "Traceback" not in result.output


def test_report_command_writes_one_html_file(tmp_path):
    path = write_scenario(tmp_path)
    out = tmp_path / "report.html"
    result = CliRunner().invoke(
        cli,
        [
            "report",
            str(path),
            "-o",
            str(out),
            "--runs",
            "8",
            "--workers",
            "1",
            "--store",
            str(tmp_path / "store"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(out.resolve())
    assert out.read_text().startswith("<!DOCTYPE html>")


def test_demo_step_writes_plot_and_report(tmp_path, monkeypatch):
    monkeypatch.setattr("railwatch.cli.simulate_cmd.DEMO_RUNS", 20)
    console = Console(record=True, width=120)
    demo_step(console, tmp_path)
    assert (tmp_path / "simulation-bands.png").exists()
    assert (tmp_path / "report.html").exists()
    assert str(tmp_path / "report.html") in console.export_text()
