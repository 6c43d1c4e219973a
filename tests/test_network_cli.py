"""`railwatch network info|validate|export` through the real console script."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from netfixtures import small_fc

RAILWATCH = [sys.executable, "-m", "railwatch"]


def run(*args, cwd=None):
    return subprocess.run([*RAILWATCH, *args], capture_output=True, text=True, cwd=cwd, timeout=120)


@pytest.fixture()
def small_file(tmp_path):
    path = tmp_path / "small.geojson"
    path.write_text(json.dumps(small_fc(), ensure_ascii=False), encoding="utf-8")
    return path


def test_info_json(small_file):
    result = run("network", "info", "--network", str(small_file), "--json")
    assert result.returncode == 0, result.stderr
    info = json.loads(result.stdout)
    assert info["sections"] == 4 and info["structures"] == 2
    assert info["km_by_line"] == {"Test line": 440.0}


def test_info_table(small_file):
    result = run("network", "info", "--network", str(small_file))
    assert result.returncode == 0, result.stderr
    assert "Kilometres by line" in result.stdout
    assert "big_tunnel" in result.stdout


def test_validate_valid_file(small_file):
    result = run("network", "validate", str(small_file))
    assert result.returncode == 0
    assert "valid" in result.stdout


def test_validate_lists_every_error(tmp_path):
    fc = small_fc()
    fc["features"][4]["properties"]["length_km"] = -3
    fc["features"][5]["properties"]["capacity"] = "many"
    path = tmp_path / "broken.geojson"
    path.write_text(json.dumps(fc))
    result = run("network", "validate", str(path))
    assert result.returncode == 1
    assert "2 error(s)" in result.stdout
    assert "feature 4 (ab): length_km must be > 0, got -3" in result.stdout
    assert "feature 5 (bc:tunnel): capacity must be a number, got 'many'" in result.stdout
    as_json = json.loads(run("network", "validate", str(path), "--json").stdout)
    assert as_json["valid"] is False and len(as_json["errors"]) == 2


def test_validate_unparseable_file(tmp_path):
    path = tmp_path / "junk.geojson"
    path.write_text("{")
    result = run("network", "validate", str(path))
    assert result.returncode == 1
    assert "invalid JSON" in result.stdout


def test_bad_network_option_exits_1_with_message(tmp_path):
    result = run("network", "info", "--network", str(tmp_path / "missing.geojson"))
    assert result.returncode == 1
    assert "file not found" in result.stderr


@pytest.mark.parametrize("fmt", ["geojson", "gpkg"])
def test_export_round_trips(small_file, tmp_path, fmt):
    out = tmp_path / f"out.{fmt}"
    result = run("network", "export", "--network", str(small_file), "--format", fmt, "-o", str(out))
    assert result.returncode == 0, result.stderr
    check = run("network", "validate", str(out), "--json")
    assert json.loads(check.stdout)["valid"] is True


def test_main_module_runs():
    assert Path(sys.executable).exists()
    assert run("--version").stdout.startswith("railwatch")
