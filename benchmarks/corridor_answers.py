"""The embedded corridor's answers to the questions people ask about it.

.venv/bin/python benchmarks/corridor_answers.py   # writes benchmarks/results/corridor.md
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from railwatch.impact import corridor_capacity, od_losses, reroute
from railwatch.network import default_network

HERE = Path(__file__).resolve().parent
TUNNEL, BYPASS, BRIDGE = (
    "bam:severomuysky_tunnel",
    "bam:itykit-okusikan:bypass",
    ("kp:friendship_bridge"),
)
SCENARIOS = (
    ("open network", []),
    ("tunnel closed", [TUNNEL]),
    ("tunnel and bypass closed", [TUNNEL, BYPASS]),
)
PAIRS = (
    ("khasan", "tikhoretsk"),
    ("zabaikalsk", "moscow"),
    ("tayshet", "vanino"),
    ("severobaikalsk", "taksimo"),
)


def main() -> None:
    net = default_network()
    out = [
        "# Corridor answers (embedded network)",
        "",
        "Command: `.venv/bin/python benchmarks/corridor_answers.py`. Capacities in trains/day "
        "per direction as given in the network file (many are assumptions, marked there).",
        "",
    ]
    out += [
        "| scenario | pair | capacity | fastest h | shortest km | +km | +h | bottleneck |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for title, closures in SCENARIOS:
        for o, d in PAIRS:
            cap = corridor_capacity(net, o, d, closures)
            (r,) = reroute(net, o, d, closures)
            cut = ", ".join(f"{b['id']} ({b['capacity']:g})" for b in cap.bottleneck) or "—"
            out.append(
                f"| {title} | {o} → {d} | {cap.trains_per_day:g} | "
                f"{r.fastest.time_h:.1f} | {r.shortest.length_km:,.0f} | {r.detour_km:,.0f} | "
                f"{r.detour_h:.1f} | {cut} |"
            )
    bam = corridor_capacity(net, "severobaikalsk", "taksimo", [TUNNEL])
    others = [n for n in net.nodes.index if n not in ("rajin", "tumangang")]
    rajin = [corridor_capacity(net, "rajin", others, c).trains_per_day for c in ([], [BRIDGE])]
    out += [
        "",
        f"With the tunnel closed, the BAM between Severobaikalsk and Taksimo carries "
        f"{bam.section_flow.get(BYPASS, 0):g} trains/day over the bypass (its capacity); "
        f"the rest of the {bam.trains_per_day:g} goes round by the Trans-Siberian and the "
        "Little BAM.",
        f"Rajin to the rest of the network: {rajin[0]:g} trains/day open, {rajin[1]:g} with "
        "the Friendship Bridge closed.",
        "",
    ]
    demand = pd.read_csv(HERE.parent / "examples" / "demand.csv")
    out += [
        "OD losses for examples/demand.csv (shared capacity, one LP):",
        "",
        "| closures | delivered | unmet | train-km beyond shortest routes |",
        "|---|---|---|---|",
    ]
    for title, closures in (*SCENARIOS, ("Friendship Bridge closed", [BRIDGE])):
        res = od_losses(net, demand, closures)
        out.append(
            f"| {title} | {res.delivered.sum():g} | {res.unmet.sum():g} | "
            f"{res.detour_train_km.sum():,.0f} |"
        )
    path = HERE / "results" / "corridor.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    print("\n".join(out))


if __name__ == "__main__":
    main()
