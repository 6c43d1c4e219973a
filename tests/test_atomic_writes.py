"""Atomic writes: no debris after a kill, read-only files kept, write errors in one line."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from railwatch import atomic
from railwatch.atomic import TEMP_PREFIX, WriteError, atomic_path, write_text_atomic


def test_a_write_replaces_the_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("old")
    write_text_atomic(target, "new")
    assert target.read_text() == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_an_error_inside_the_block_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("old")
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_text("half")
        raise RuntimeError("boom")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_disk_full_is_one_line_and_the_old_file_stays(tmp_path, monkeypatch) -> None:
    # simulated: os.write fails with ENOSPC as a full disk makes it (the probe script does the
    # same on a real 64 KB tmpfs where it can mount one)
    target = tmp_path / "store.json"
    target.write_text("old")

    def full(fd: int, data) -> int:  # noqa: ANN001
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "write", full)
    with pytest.raises(WriteError) as caught:
        write_text_atomic(target, "x" * 100_000)
    monkeypatch.undo()
    message = str(caught.value)
    assert message == f"{target}: cannot write (the disk is full); the old file is unchanged"
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["store.json"]


def test_a_read_only_file_is_refused_not_replaced(tmp_path: Path) -> None:
    target = tmp_path / "store.json"
    target.write_text("keep me")
    target.chmod(0o444)
    with pytest.raises(WriteError, match="read-only; not written"):
        write_text_atomic(target, "new")
    assert target.read_text() == "keep me"


def test_stale_temporaries_are_swept_fresh_ones_kept(tmp_path: Path) -> None:
    stale = tmp_path / f"{TEMP_PREFIX}store.json.abc.json"  # no pid: only age tells
    fresh = tmp_path / f"{TEMP_PREFIX}store.json.def.json"
    live = tmp_path / f"{TEMP_PREFIX}1-store.json.ghi.json"  # pid 1 is alive
    live.write_text("in progress")
    other = tmp_path / ".store.json.notours"
    for path in (stale, fresh, other):
        path.write_text("debris")
    old = time.time() - atomic.STALE_SECONDS - 60
    os.utime(stale, (old, old))
    os.utime(other, (old, old))
    write_text_atomic(tmp_path / "store.json", "{}")
    assert not stale.exists()
    assert fresh.exists() and other.exists() and live.exists()


def test_a_killed_writer_leaves_debris_that_the_next_run_removes(tmp_path: Path) -> None:
    # a real process killed with SIGKILL in the middle of a write
    script = (
        "import sys, time\n"
        "from railwatch.atomic import atomic_path\n"
        "with atomic_path(sys.argv[1]) as tmp:\n"
        "    tmp.write_text('half')\n"
        "    print('writing', flush=True)\n"
        "    time.sleep(60)\n"
    )
    target = tmp_path / "store.json"
    target.write_text("old")
    proc = subprocess.Popen(
        [sys.executable, "-c", script, str(target)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "writing"
    proc.kill()
    proc.wait()
    debris = list(tmp_path.glob(f"{TEMP_PREFIX}*"))
    assert len(debris) == 1 and target.read_text() == "old"
    assert debris[0].name.startswith(f"{TEMP_PREFIX}{proc.pid}-store.json.")
    write_text_atomic(target, "new")  # the writer is gone: its file goes at once
    assert not debris[0].exists() and target.read_text() == "new"


def _read_only_directory(tmp_path: Path) -> tuple[Path, str]:
    """A directory this process really cannot write to, and the cause it will report.

    As a normal user: mode 0555 (permission denied). As root, who ignores modes: a read-only
    tmpfs mount (the file system is read-only); skipped where root may not mount.
    """
    directory = tmp_path / "ro"
    directory.mkdir()
    if os.geteuid() != 0:
        directory.chmod(0o555)
        return directory, "permission denied"
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", str(directory)],
        capture_output=True,
    )
    if mounted.returncode != 0:
        pytest.skip("running as root without permission to mount a read-only file system")
    return directory, "the file system is read-only"


def _release(directory: Path) -> None:
    if os.geteuid() == 0:
        subprocess.run(["umount", str(directory)], capture_output=True)
    else:
        directory.chmod(0o755)


def test_a_read_only_directory_is_one_clear_line(tmp_path: Path) -> None:
    # for real: a railwatch process that cannot write where it is told to
    directory, cause = _read_only_directory(tmp_path)
    network = directory / "net.geojson"
    try:
        done = subprocess.run(
            [sys.executable, "-m", "railwatch", "network", "export", "--format", "geojson",
             "-o", str(network)],
            capture_output=True, text=True,
        )  # fmt: skip
        left = list(directory.iterdir())
    finally:
        _release(directory)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert f"{network}: cannot write ({cause}); nothing changed" in done.stderr
    assert left == []


def test_a_read_only_database_is_refused_by_ingest(tmp_path: Path) -> None:
    from railwatch.store.engine import DB_FILE

    data = tmp_path / "data"
    report = tmp_path / "r.txt"
    report.write_text("A freight train derailed near Tynda overnight, the railway said.\n")
    command = [sys.executable, "-m", "railwatch", "ingest", "--data-dir", str(data)]
    first = subprocess.run([*command, str(report)], capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    database = data / DB_FILE
    database.chmod(0o444)
    before = database.read_bytes()
    other = tmp_path / "s.txt"
    other.write_text("A fire broke out on a freight train near Tayshet, officials said.\n")
    done = subprocess.run([*command, str(other)], capture_output=True, text=True)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert f"{database}: the file is read-only; not written" in done.stdout + done.stderr
    assert database.read_bytes() == before
