"""How long the embedded networks take to load, each in a fresh process (no warm cache).

.venv/bin/python benchmarks/load_networks.py [--repeat 3]   # writes benchmarks/results/load.md

Each run starts a new Python process, imports railwatch.network, then times the load of one
named network (parse, validate, build the tables) and its compile to arrays. Absolute
seconds: on a loaded machine they grow, so compare runs made at the same time.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROBE = """
import json, time
from railwatch.network.registry import named_network
t0 = time.perf_counter(); net = named_network({name!r}); t1 = time.perf_counter()
net.compiled; t2 = time.perf_counter()
print(json.dumps({{"load": t1 - t0, "compile": t2 - t1, "sections": len(net.sections)}}))
"""


def timed(code: str) -> dict:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1]) if out.stdout.strip() else {}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rows = []
    for name in ("corridor", "russia"):
        runs = [timed(PROBE.format(name=name)) for _ in range(args.repeat)]
        rows.append(
            (
                name,
                runs[0]["sections"],
                statistics.median(r["load"] for r in runs),
                statistics.median(r["compile"] for r in runs),
            )
        )
    lines = [
        "# Loading the embedded networks",
        "",
        f"Command: `.venv/bin/python benchmarks/load_networks.py --repeat {args.repeat}`; "
        "median of fresh processes, seconds.",
        "",
        "| network | sections | load (parse, validate, tables) | compile |",
        "|---|---|---|---|",
        *(f"| {n} | {s:,} | {load:.2f} | {comp:.3f} |" for n, s, load, comp in rows),
        "",
    ]
    (HERE / "results" / "load.md").write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
