"""The recovery bands of a Monte Carlo run, saved as JSON for the dashboard's impact panel."""

from __future__ import annotations

import json
import math
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from railwatch.reports.incident_store import write_atomic

if TYPE_CHECKING:
    from railwatch.simulate.montecarlo import MonteCarloResult
    from railwatch.simulate.scenario import Scenario


def _finite(value: Any) -> Any:
    """JSON has no infinity: "never recovered" becomes null."""
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def write_simulation(scenario: Scenario, result: MonteCarloResult, path: str | os.PathLike) -> Path:
    """Write the P10/P50/P90 bands per day and the summary of `result` to `path`."""
    bands = result.bands()
    per_day = max(1, round(result.steps_per_day))
    start = scenario.start.date().isoformat() if scenario.start is not None else None

    def daily(values: Iterable[float]) -> list[float]:
        # The dashboard plots days: one value per day (the day's first step).
        return [round(float(v), 3) for v in list(values)[::per_day]]

    payload = {
        "scenario": getattr(scenario, "name", None) or "scenario",
        "start": start,
        "runs": result.runs,
        "bands": {key: daily(values) for key, values in bands.items()},
        "summary": _finite(result.summary()),
    }
    target = Path(path)
    write_atomic(target, json.dumps(payload, ensure_ascii=False))
    return target
