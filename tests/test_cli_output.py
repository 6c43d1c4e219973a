"""The command line as a user's program sees it: real processes, real stdout.

click's CliRunner does not see what C libraries write to file descriptor 1, so every
machine-readable output is checked here through a subprocess.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CORRIDOR = REPO / "src" / "railwatch" / "network" / "data" / "corridor.geojson"
SAMPLE = REPO / "corpus" / "reports" / "001-wire-severomuysky-fire-en.txt"


def run(*args: str, cwd: Path | None = None, check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "-m", "railwatch", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
        env={"COLUMNS": "80", "PATH": "/usr/bin:/bin", "HOME": str(cwd or REPO)},
    )
    if check:
        assert result.returncode == 0, result.stderr
    return result


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("store")
    run("ingest", str(SAMPLE), "--published", "2023-11-30", "--data-dir", str(data))
    return data


@pytest.mark.parametrize(
    "args",
    [
        ("network", "info", "--json"),
        ("network", "validate", str(CORRIDOR), "--json"),
        (
            "impact",
            "--close",
            "bam:severomuysky_tunnel",
            "--from",
            "khasan",
            "--to",
            "moscow",
            "--json",
        ),
        ("criticality", "--demand", str(REPO / "examples" / "demand.csv"), "--top", "3", "--json"),
        ("simulate", "--runs", "2", "--json"),
    ],
    ids=["network-info", "validate", "impact", "criticality", "simulate"],
)
def test_json_stdout_is_json_and_nothing_else(args: tuple[str, ...]) -> None:
    out = run(*args).stdout
    json.loads(out)  # the whole of stdout: a banner before it or a NaN in it fails here
    assert out.lstrip().startswith("{")


def test_store_outputs_parse(store_dir: Path) -> None:
    records = json.loads(run("incidents", "--json", "--data-dir", str(store_dir)).stdout)
    assert records and records[0]["type"]
    collection = json.loads(run("incidents", "--geojson", "--data-dir", str(store_dir)).stdout)
    assert collection["type"] == "FeatureCollection"
    assert len(collection["features"]) == len(records)
    rows = list(
        csv.DictReader(io.StringIO(run("incidents", "--csv", "--data-dir", str(store_dir)).stdout))
    )
    assert [row["id"] for row in rows] == [r["id"] for r in records]


def test_ingest_json_is_json(tmp_path: Path) -> None:
    out = run("ingest", str(SAMPLE), "--data-dir", str(tmp_path), "--json").stdout
    assert json.loads(out)["new_reports"]


def test_help_and_version_import_no_heavy_library() -> None:
    probe = (
        "import sys\n"
        "from railwatch.cli import cli\n"
        "for args in (['--version'], ['--help']):\n"
        "    try:\n"
        "        cli.main(args, prog_name='railwatch')\n"
        "    except SystemExit:\n"
        "        pass\n"
        "heavy = {'geopandas', 'igraph', 'matplotlib', 'scipy', 'highspy', 'pandas'}\n"
        "print(sorted(heavy & set(sys.modules)))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_every_command_listed_in_help_exists() -> None:
    from railwatch.cli import LAZY_COMMANDS, cli

    for name in LAZY_COMMANDS:
        command = cli.get_command(None, name)  # type: ignore[arg-type]
        assert command is not None, name
        assert command.name == name


def test_unexpected_error_is_one_line_with_a_hint_and_debug_shows_the_trace() -> None:
    probe = (
        "import sys\n"
        "from railwatch.cli import cli, main\n"
        "@cli.command('explode')\n"
        "def explode():\n"
        "    raise RuntimeError('the \\x1b[2J disk is on fire\\nsecond line')\n"
        "sys.argv = ['railwatch', *sys.argv[1:], 'explode']\n"
        "main()\n"
    )
    plain = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert plain.returncode == 1
    assert "Traceback" not in plain.stderr
    assert "RuntimeError" in plain.stderr and "--debug" in plain.stderr
    assert "second line" not in plain.stderr
    debug = subprocess.run([sys.executable, "-c", probe, "--debug"], capture_output=True, text=True)
    assert debug.returncode == 1
    assert "Traceback" in debug.stderr


def test_escape_sequences_in_a_report_never_reach_the_terminal(tmp_path: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8").replace(
        "Severomuysky", "\x1b[2J\x1b]0;owned\x07Severomuysky\x9b31m", 1
    )
    report = tmp_path / "hostile.txt"
    report.write_text(text, encoding="utf-8")
    data = tmp_path / "data"
    ingested = run("ingest", str(report), "--data-dir", str(data))
    listed = run("incidents", "--data-dir", str(data))
    wide = run("incidents", "--wide", "--data-dir", str(data))
    for output in (ingested.stdout, ingested.stderr, listed.stdout, wide.stdout):
        assert "\x1b" not in output and "\x07" not in output and "\x9b" not in output
    assert "1 incident(s)" in listed.stdout


def test_tables_fit_80_columns_and_never_break_ids(store_dir: Path) -> None:
    listed = run("incidents", "--data-dir", str(store_dir)).stdout
    records = json.loads(run("incidents", "--json", "--data-dir", str(store_dir)).stdout)
    assert max(len(line) for line in listed.splitlines()) <= 80
    for record in records:
        assert record["id"] in listed  # whole, on one line
    ranked = run(
        "criticality", "--demand", str(REPO / "examples" / "demand.csv"), "--top", "10"
    ).stdout
    assert max(len(line) for line in ranked.splitlines()) <= 80
    assert "ts:krasnoyarsk-tayshet" in ranked or "ts:novosibirsk-krasnoyarsk" in ranked


def test_validate_prints_one_line_when_valid() -> None:
    out = run("network", "validate", str(CORRIDOR)).stdout
    assert len(out.strip().splitlines()) == 1
    assert out.startswith("valid")


@pytest.mark.parametrize(("option", "value"), [("--top", "-5"), ("--n2", "-1"), ("--workers", "0")])
def test_out_of_range_options_are_refused(option: str, value: str) -> None:
    result = run(
        "criticality",
        "--demand",
        str(REPO / "examples" / "demand.csv"),
        option,
        value,
        check=False,
    )
    assert result.returncode == 2
    assert option in result.stderr
