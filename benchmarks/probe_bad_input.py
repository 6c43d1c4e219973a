"""Run every class of bad input against the commands that read it, as real processes.

For each case: the exit code, whether stderr holds a Python traceback, whether the command
accepted input it should have refused (a silent wrong result) or changed what it must not
(a partial write: an output file or a temporary left behind, an old file altered), the peak
memory of the process (getrusage of children) and the wall time. Writes
benchmarks/results/reliability.md.

    .venv/bin/python benchmarks/probe_bad_input.py [--out benchmarks/results/reliability.md]

The disk-full and read-only-file-system cases mount small tmpfs file systems and run only
where this process may mount (root in a container); elsewhere they are listed as not run.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RAILWATCH = [sys.executable, "-m", "railwatch"]
TEMP_PREFIX = ".railwatch-tmp-"
RU = (
    "Ночью у станции Тында сошли с рельсов шесть цистерн грузового поезда, движение "
    "закрыто в обе стороны, сообщили в дороге.\n"
)
EN = "A freight train derailed near Tynda overnight and traffic was halted both ways.\n"


# Runs the command as its own child and records that child's peak resident set (KB): the
# children rusage of the probe itself is a maximum over every case run so far.
# Each case runs under a 2 GiB address-space limit so that a runaway input cannot take the
# machine down; a case that needs more fails, and its peak is still recorded.
_MEASURE = (
    "import resource, subprocess, sys\n"
    "limit = 2 * 1024 ** 3\n"
    "def cap(): resource.setrlimit(resource.RLIMIT_AS, (limit, limit))\n"
    "code = subprocess.call(sys.argv[2:], preexec_fn=cap)\n"
    "use = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "open(sys.argv[1], 'w').write(f'{use.ru_maxrss} {use.ru_utime + use.ru_stime}')\n"
    "sys.exit(code)\n"
)


@dataclass
class Case:
    """One bad input fed to one command; `check` says whether the outcome is right."""

    name: str
    command: list[str]
    expect_error: bool = True
    stdin: str | None = None  # a file to feed on stdin
    check: Callable[[subprocess.CompletedProcess], str | None] | None = None
    watch: list[Path] = field(default_factory=list)  # files that must not change or appear


@dataclass
class Outcome:
    case: Case
    returncode: int
    traceback: bool
    silent_wrong: str | None
    partial: str | None
    seconds: float  # wall
    cpu_seconds: float  # user + system of the command
    peak_mb: float
    first_line: str


def _feature(geometry, **props):
    return {"type": "Feature", "geometry": geometry, "properties": props}


def _network(**section_changes) -> dict:
    def point(lon, lat):
        return {"type": "Point", "coordinates": [lon, lat]}

    section = {"type": "section", "id": "ab", "from": "a", "to": "b", "length_km": 71.0,
               "capacity": 40, "speed_kmh": 60, "source": "probe"}  # fmt: skip
    section.update(section_changes)
    return {
        "type": "FeatureCollection",
        "features": [
            _feature(point(100, 50), type="node", id="a", name="A", kind="station", source="p"),
            _feature(point(101, 50), type="node", id="b", name="B", kind="station", source="p"),
            _feature({"type": "LineString", "coordinates": [[100, 50], [101, 50]]}, **section),
        ],
    }


def _write_json(path: Path, data) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False))
    return path


def _snapshot(paths: list[Path]) -> dict[Path, bytes | None]:
    return {p: (p.read_bytes() if p.is_file() else None) for p in paths}


def _debris(paths: list[Path]) -> list[Path]:
    dirs = {p.parent for p in paths}
    return [d for parent in dirs if parent.is_dir() for d in parent.glob(f"{TEMP_PREFIX}*")]


def run_case(case: Case, timeout: float = 60) -> Outcome:
    before = _snapshot(case.watch)
    stdin = open(case.stdin, "rb") if case.stdin else subprocess.DEVNULL  # noqa: SIM115
    rusage_file = Path(tempfile.mkstemp(prefix="probe-rusage-")[1])
    started = time.perf_counter()
    command = [sys.executable, "-c", _MEASURE, str(rusage_file), *RAILWATCH, *case.command]
    proc = subprocess.Popen(
        command,
        stdin=stdin,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "COLUMNS": "100"},
        start_new_session=True,  # so a timeout kills the command too, not only the wrapper
    )
    try:
        stdout, stderr = proc.communicate(timeout=timeout)
        done = subprocess.CompletedProcess(command, proc.returncode, stdout, stderr)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        done = subprocess.CompletedProcess(command, -9, "", f"TIMEOUT after {timeout} s")
    finally:
        if case.stdin:
            stdin.close()
    seconds = time.perf_counter() - started
    try:
        peak_kb, cpu = rusage_file.read_text().split()
        peak_mb, cpu_seconds = int(peak_kb) / 1024, float(cpu)
    except ValueError:
        peak_mb = cpu_seconds = float("nan")  # killed by the timeout
    rusage_file.unlink(missing_ok=True)
    output = done.stdout + done.stderr
    traceback = "Traceback (most recent call last)" in output or done.returncode < 0
    silent = None
    if case.expect_error and done.returncode == 0:
        silent = "accepted input it should refuse"
    if case.check is not None:
        silent = case.check(done) or silent
    partial = None
    after = _snapshot(case.watch)
    changed = [str(p) for p in case.watch if before[p] != after[p]]
    if case.expect_error and changed:
        partial = "changed: " + ", ".join(changed)
    debris = _debris(case.watch)
    if debris:
        partial = (partial or "") + " debris: " + ", ".join(str(d) for d in debris)
    lines = [line for line in output.splitlines() if line.strip()]
    first = next((line for line in lines if "error" in line.lower()), lines[0] if lines else "")
    return Outcome(
        case, done.returncode, traceback, silent, partial, seconds, cpu_seconds, peak_mb, first
    )


def _can_mount(directory: Path, options: str) -> bool:
    directory.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(directory)], capture_output=True
    )
    return done.returncode == 0


def finds_the_incident(done: subprocess.CompletedProcess) -> str | None:
    """The report was read and its incident found (a wrong decoding loses it)."""
    if done.returncode != 0:
        return f"refused a readable report ({done.returncode})"
    read = json.loads(done.stdout).get("read", [])
    if not read or read[0]["incidents"] < 1:
        return "no incident found (text lost to a wrong decoding?)"
    return None


def no_escapes(done: subprocess.CompletedProcess) -> str | None:
    return "an escape sequence reached the output" if "\x1b" in done.stdout else None


def names_message(done: subprocess.CompletedProcess) -> str | None:
    payload = json.loads(done.stdout) if done.stdout.strip() else {}
    failed = " ".join(f["error"] for f in payload.get("failed", []))
    if "messages[1].date" not in failed:
        return "the bad message is not named"
    if len(payload.get("read", [])) != 1:
        return "the good message was not read"
    return None


def build_cases(work: Path) -> tuple[list[Case], list[str]]:
    data = work / "data"
    store = data / "railwatch.sqlite"
    cases: list[Case] = []
    not_run: list[str] = []

    # --- reports ---------------------------------------------------------------------------
    fifo = work / "pipe.txt"
    os.mkfifo(fifo)
    stray = work / "stray-byte-ru.txt"
    encoded = RU.encode()
    cut = encoded.index(b" ", 30)
    stray.write_bytes(encoded[:cut] + b"\xff" + encoded[cut:])
    mojibake = work / "mojibake.txt"
    mojibake.write_text((RU * 3).encode("utf-8").decode("cp1251", errors="replace"))
    escapes = work / "escapes.txt"
    escapes.write_bytes(b"\x1b]0;owned\x07\x1b[2J\x1b[31m" + EN.encode() + b"\x1b[0m")
    other_json = _write_json(work / "features.json", {"type": "FeatureCollection"})
    deep_json = work / "deep.json"
    deep_json.write_text("[" * 100_000 + "]" * 100_000)
    export = _write_json(
        work / "result.json",
        {"name": "probe", "username": "probe_ch", "messages": [
            {"id": 1, "type": "message", "date": "2023-11-30T08:00:00", "text": RU},
            {"id": 2, "type": "message", "date": 20231130, "text": EN},
        ]},
    )  # fmt: skip
    runon = work / "runon-30k.txt"
    runon.write_text("explosion tunnel Tynda train " * 1000)
    huge = work / "huge-4.9mb.txt"
    # distinct lines: repeated ones are page furniture and would be dropped as such
    huge.write_text("".join(f"{i}. {EN}" for i in range(4_900_000 // (len(EN) + 8))))
    readonly_store = work / "ro-data" / "railwatch.sqlite"
    subprocess.run(
        [*RAILWATCH, "ingest", "--data-dir", str(readonly_store.parent), str(escapes)],
        capture_output=True,
        cwd=ROOT,
    )
    readonly_store.chmod(0o444)

    def ingest(*args: str) -> list[str]:
        return ["ingest", "--data-dir", str(data), "--json", *args]

    cases += [
        Case("report: /dev/zero", ingest("/dev/zero"), watch=[store]),
        Case("report: a FIFO", ingest(str(fifo)), watch=[store]),
        Case("report: endless stdin", ingest("-"), stdin="/dev/zero", watch=[store]),
        Case("report: 4.9 MB of text", ingest(str(huge)), watch=[store]),
        Case("report: mojibake (UTF-8 read as cp1251)", ingest(str(mojibake)), watch=[store]),
        Case("report: JSON that is not an export", ingest(str(other_json)), watch=[store]),
        Case("report: JSON nested 100,000 deep", ingest(str(deep_json)), watch=[store]),
        Case(
            "report: read-only store file",
            ["ingest", "--data-dir", str(readonly_store.parent), str(stray)],
            watch=[readonly_store],
        ),
        Case(
            "report: one stray byte in UTF-8 Russian",
            ingest(str(stray)),
            expect_error=False,
            check=finds_the_incident,
        ),
        Case(
            "report: escape sequences",
            ["ingest", "--data-dir", str(data), str(escapes)],
            expect_error=False,
            check=no_escapes,
        ),
        Case("report: 30 KB run-on sentence", ingest(str(runon)), expect_error=False),
        Case(
            "report: Telegram export with one bad message",
            ingest(str(export)),
            expect_error=True,  # exit 1: a message failed; the good one is still stored
            check=names_message,
        ),
    ]

    # --- networks --------------------------------------------------------------------------
    bad_networks = {
        "kind list": _network(),
        "from list": _network(**{"from": ["a"]}),
        "400-digit integer": _network(capacity=10**400),
        "capacity 1e308": _network(capacity=1e308),
        "length NaN": _network(length_km=float("nan")),
        "id integer": _network(id=7),
        "3rd coordinate x": _network(),
    }
    bad_networks["kind list"]["features"][0]["properties"]["kind"] = ["station"]
    bad_networks["3rd coordinate x"]["features"][0]["geometry"]["coordinates"] = [100, 50, "x"]
    for label, network in bad_networks.items():
        path = work / f"net-{label.replace(' ', '-')}.geojson"
        path.write_text(json.dumps(network))  # NaN written as the NaN literal Python reads
        cases.append(Case(f"network: {label} (validate)", ["network", "validate", str(path)]))
        cases.append(
            Case(
                f"network: {label} (impact)",
                [
                    "impact",
                    "--network",
                    str(path),
                    "--close",
                    "ab",
                    "--from",
                    "a",
                    "--to",
                    "b",
                    "--json",
                ],
            )  # fmt: skip
        )
    deep = work / "net-deep.geojson"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    cases.append(
        Case("network: JSON nested 100,000 deep", ["network", "info", "--network", str(deep)])
    )
    zero_link = work / "net-zero.geojson"
    zero_link.symlink_to("/dev/zero")
    cases.append(Case("network: /dev/zero", ["network", "validate", str(zero_link)]))

    # --- scenarios and demand ----------------------------------------------------------------
    bomb = work / "bomb.yaml"
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for level in range(1, 10):
        lines.append(f"a{level}: &a{level} [{', '.join([f'*a{level - 1}'] * 9)}]")
    bomb.write_text("\n".join(lines) + "\nclosures: *a9\n")
    cases.append(Case("scenario: YAML alias bomb", ["simulate", str(bomb)]))
    seed = ROOT / "examples" / "severomuysky-2023.yaml"
    for label, replace in (
        ("horizon 100000000d", ("horizon:", "horizon: 100000000d\n#")),
        ("runs 10**12", ("runs:", "runs: 1000000000000\n#")),
        ("step []", ("step:", "step: []\n#")),
    ):
        text = seed.read_text()
        key, line = replace
        text = text.replace(key, line, 1) if key in text else text + line.split("#")[0]
        path = work / f"scenario-{label.split()[0]}.yaml"
        path.write_text(
            text.replace("demand: demand.csv", f"demand: {ROOT / 'examples' / 'demand.csv'}")
        )
        cases.append(Case(f"scenario: {label}", ["simulate", str(path), "--json"]))
    for label, body in (
        ("trains NaN", "origin,destination,trains_per_day\nkhasan,tikhoretsk,NaN\n"),
        ("trains empty", "origin,destination,trains_per_day\nkhasan,tikhoretsk,\n"),
        ("duplicate rows", "origin,destination,trains_per_day\nkhasan,tikhoretsk,2\nkhasan,tikhoretsk,3\n"),
    ):  # fmt: skip
        path = work / f"demand-{label.split()[-1]}.csv"
        path.write_text(body)
        cases.append(Case(f"demand: {label}", ["criticality", "--demand", str(path), "--top", "3"]))

    # --- writes ----------------------------------------------------------------------------
    full = work / "full"
    if _can_mount(full, "size=64k"):
        target = full / "corridor.gpkg"
        target.write_bytes(b"old network")
        cases.append(
            Case(
                "write: disk full (64 KB tmpfs)",
                ["network", "export", "--format", "gpkg", "-o", str(target)],
                watch=[target],
            )
        )
    else:
        not_run.append("write: disk full (cannot mount a tmpfs here)")
    readonly = work / "readonly"
    if _can_mount(readonly, "ro,size=64k"):
        target = readonly / "corridor.geojson"
        cases.append(
            Case(
                "write: read-only file system",
                ["network", "export", "--format", "geojson", "-o", str(target)],
                watch=[target],
            )
        )
    else:
        not_run.append("write: read-only file system (cannot mount a tmpfs here)")
    return cases, not_run


def kill_mid_write(work: Path) -> Outcome:
    """SIGKILL an export while it writes; the next export must leave no debris behind."""
    target = work / "killed" / "russia.gpkg"
    target.parent.mkdir()
    proc = subprocess.Popen(
        [*RAILWATCH, "network", "export", "--network", "russia", "--format", "gpkg", "-o", str(target)],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not list(target.parent.glob(f"{TEMP_PREFIX}*")):
        if proc.poll() is not None:
            break
        time.sleep(0.05)
    seen = bool(list(target.parent.glob(f"{TEMP_PREFIX}*")))
    proc.kill()
    proc.wait()
    case = Case(
        f"write: next run after a SIGKILL mid-write ({'debris was there' if seen else 'no debris seen'})",
        ["network", "export", "--format", "geojson", "-o", str(target.with_suffix(".geojson"))],
        expect_error=False,
        watch=[target],
    )
    return run_case(case)


def write_results(outcomes: list[Outcome], not_run: list[str], out: Path) -> dict:
    rejected = [o for o in outcomes if o.case.expect_error]
    peak_rejected = max((o.peak_mb for o in rejected if o.peak_mb == o.peak_mb), default=0.0)
    summary = {
        "runs": len(outcomes),
        # exit 1 (an error) or 2 (click's usage error, e.g. a bad --demand file)
        "clean errors": sum(1 for o in rejected if o.returncode in (1, 2) and not o.traceback),
        "tracebacks": sum(1 for o in outcomes if o.traceback),
        "silent wrong results": sum(1 for o in outcomes if o.silent_wrong),
        "partial writes": sum(1 for o in outcomes if o.partial),
        "peak memory of a rejected input (MB)": round(peak_rejected),
        "slowest rejection, CPU (s)": round(max((o.cpu_seconds for o in rejected), default=0.0), 1),
        "slowest rejection, wall (s)": round(max((o.seconds for o in rejected), default=0.0), 1),
        "rejections over 3 s CPU": sum(1 for o in rejected if not o.cpu_seconds <= 3),
        "rejections over 3 s wall": sum(1 for o in rejected if o.seconds > 3),
    }
    load = os.getloadavg()[0]
    lines = [
        "# Bad input against every command (benchmarks/probe_bad_input.py)",
        "",
        f"{len(outcomes)} runs as real processes, Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs, load average {load:.1f} when it finished.",
        "",
        "| measure | value |",
        "|---|---|",
        *(f"| {k} | {v} |" for k, v in summary.items()),
        "",
        "Times include starting Python and importing railwatch. On a shared machine wall time "
        "grows with the load (CPU time does not), so the 3 s target is judged on CPU time and "
        "wall time is shown beside it. Peak memory is the command's maximum resident set.",
        "",
        "| case | exit | traceback | silent wrong | partial write | CPU s | wall s | peak MB "
        "| first line |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for o in outcomes:
        first = o.first_line.replace("|", "\\|")[:110]
        lines.append(
            f"| {o.case.name} | {o.returncode} | {'yes' if o.traceback else ''} | "
            f"{o.silent_wrong or ''} | {o.partial or ''} | {o.cpu_seconds:.1f} | {o.seconds:.1f} | "
            f"{o.peak_mb:.0f} | {first} |"
        )
    if not_run:
        lines += ["", "Not run here: " + "; ".join(not_run) + "."]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines) + "\n")
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks/results/reliability.md")
    parser.add_argument("--only", help="run only cases whose name contains this")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="railwatch-probe-"))
    mounts = [work / "full", work / "readonly"]
    try:
        cases, not_run = build_cases(work)
        outcomes = []
        for case in cases:
            if args.only and args.only not in case.name:
                continue
            outcome = run_case(case)
            flag = "TRACEBACK " if outcome.traceback else ""
            flag += "SILENT " if outcome.silent_wrong else ""
            flag += "PARTIAL " if outcome.partial else ""
            print(
                f"{outcome.cpu_seconds:5.1f}s cpu {outcome.seconds:5.1f}s "
                f"{outcome.peak_mb:6.0f}MB {flag}{case.name}",
                flush=True,
            )
            outcomes.append(outcome)
        if not args.only or args.only in "write: next run after a SIGKILL mid-write":
            outcomes.append(kill_mid_write(work))
        summary = write_results(outcomes, not_run, args.out)
        print(json.dumps(summary, indent=1))
    finally:
        for mount in mounts:
            subprocess.run(["umount", str(mount)], capture_output=True)


if __name__ == "__main__":
    main()
