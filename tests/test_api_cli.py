"""`railwatch serve` as a real subprocess: it says whether it takes writes, then serves."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(tmp_path, token: str | None):
    env = {k: v for k, v in os.environ.items() if k != "RAILWATCH_API_TOKEN"}
    env.pop("RAILWATCH_DATABASE_URL", None)
    if token:
        env["RAILWATCH_API_TOKEN"] = token
    port = free_port()
    command = [sys.executable, "-m", "railwatch", "serve", "--port", str(port)]
    command += ["--data-dir", str(tmp_path / "data")]
    proc = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"serve exited {proc.returncode}: {proc.stderr.read()}")
        try:
            httpx.get(url + "/api/status", timeout=2)
            return proc, url
        except httpx.TransportError:
            time.sleep(0.3)
    proc.kill()
    raise AssertionError("serve did not answer within 120 s")


def stop(proc) -> str:
    proc.terminate()
    try:
        _, err = proc.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        _, err = proc.communicate()
    return err


@pytest.mark.parametrize("token", [None, "cli-token"])
def test_serve_says_whether_it_is_read_only_and_serves(tmp_path, token):
    proc, url = serve(tmp_path, token)
    try:
        status = httpx.get(url + "/api/status").json()
        posted = httpx.post(
            url + "/api/reports",
            content="Nothing happened on the line today.\n",
            headers={"Authorization": f"Bearer {token or 'x'}"},
        )
        page = httpx.get(url + "/")
    finally:
        err = stop(proc)
    assert status["read_only"] is (token is None)
    assert status["store_location"] == str(tmp_path / "data" / "railwatch.sqlite")
    assert page.status_code == 200 and "railwatch dashboard" in page.text
    if token is None:
        assert "read-only" in err and "RAILWATCH_API_TOKEN is not set" in err
        assert posted.status_code == 403
    else:
        assert "read-only" not in err
        assert posted.status_code == 201, posted.text
        assert posted.json()["incidents"] == []


def test_serve_refuses_a_bad_network_file_naming_it(tmp_path):
    bad = tmp_path / "net.geojson"
    bad.write_text('{"type": "FeatureCollection", "features": [{"type": "Feature"}]}')
    done = subprocess.run(
        [sys.executable, "-m", "railwatch", "serve", "--network", str(bad)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert "net.geojson" in done.stderr.replace("\n", "")  # rich wraps long paths


def test_demo_serve_runs_the_demo_then_serves_its_store(tmp_path):
    port = free_port()
    out = tmp_path / "demo"
    env = {k: v for k, v in os.environ.items() if k != "RAILWATCH_DATABASE_URL"}
    env["RAILWATCH_DATA_DIR"] = str(tmp_path / "not-used")  # the demo keeps its own store
    proc = subprocess.Popen(
        [sys.executable, "-m", "railwatch", "demo", "-o", str(out), "--serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:
            assert proc.poll() is None, proc.stderr.read()
            try:
                status = httpx.get(url + "/api/status", timeout=2).json()
                break
            except httpx.TransportError:
                time.sleep(0.5)
        else:
            raise AssertionError("demo --serve did not answer within 600 s")
        incidents = httpx.get(url + "/api/incidents", params={"format": "json"}).json()
        bands = httpx.get(url + "/api/simulation").json()
    finally:
        stop(proc)
    assert status["store"] == "database"
    assert status["store_location"] == str(out / "incident-store" / "railwatch.sqlite")
    assert status["simulation"] is True
    assert {i["location_id"] for i in incidents} == {"bam:severomuysky_tunnel", "bam:devils_bridge"}
    assert bands["runs"] == 200 and len(bands["bands"]["delivered_p50"]) > 28
    assert (out / "report.html").exists()


def test_ci_runs_the_readme_test_command_which_installs_chromium_first():
    root = Path(__file__).resolve().parents[1]
    readme = (root / "README.md").read_text(encoding="utf-8")
    command = next(line for line in readme.splitlines() if "pytest -n 2" in line)
    assert "bash tools/install-test-deps.sh && " in command
    ci = (root / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert command in ci
