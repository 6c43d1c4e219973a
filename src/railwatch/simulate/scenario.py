"""Scenario files: network + demand + closures over time + horizon, runs and seed (YAML).

Every problem is reported with the file, the key path and what was expected, e.g.
``scenario.yaml: closures[1].restoration.dist: expected one of fixed, uniform, triangular,
lognormal, empirical, got 'gauss'``. All problems found are listed at once.

```yaml
name: Severomuysky tunnel fire
network: corridor            # or a path to .geojson/.gpkg, relative to this file
demand:                      # or a CSV path with origin,destination,trains_per_day
  - {origin: khasan, destination: tikhoretsk, trains_per_day: 2}
start: 2023-11-29            # clock origin (default: the day of the first dated closure)
horizon: 180d
step: day                    # or hour
runs: 1000
seed: 20231129
max_backlog: 30d             # optional: backlog beyond 30 days of demand is lost (unmet)
closures:                    # or `incidents:`; each with end, duration, restoration or a type
  - id: tunnel-fire
    target: bam:itykit-okusikan:tunnel   # section, structure or node id (or exact name)
    type: tunnel_damage                  # default restoration from restoration_defaults.yaml
    start: 2023-11-29T17:20+03:00        # or an offset from `start`, e.g. 41h
    restoration: {dist: lognormal, median: 73h, p90: 120h}
    probability: 1.0                     # < 1: an uncertain incident
    source: https://...
```
"""

from __future__ import annotations

import datetime as dt
import math
import os
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
import yaml

from railwatch.simulate.durations import looks_like_duration, parse_duration_hours, parse_instant
from railwatch.simulate.restoration import (
    DISTRIBUTIONS,
    NEVER,
    Distribution,
    Empirical,
    Fixed,
    LogNormal,
    Restoration,
    Stage,
    Triangular,
    Uniform,
)

if TYPE_CHECKING:
    from railwatch.network.model import RailNetwork

STEPS = {"day": 24, "hour": 1}
DIRECTIONS = ("both", "forward", "backward")
TOP_KEYS = {
    "name",
    "description",
    "network",
    "demand",
    "start",
    "horizon",
    "step",
    "runs",
    "seed",
    "max_backlog",
    "closures",
    "incidents",
    "restoration_defaults",
}
CLOSURE_KEYS = {
    "id",
    "target",
    "type",
    "start",
    "end",
    "duration",
    "restoration",
    "remaining",
    "direction",
    "probability",
    "source",
    "sources",
    "claims",
    "description",
}


class ScenarioError(ValueError):
    """A scenario that cannot be used; `errors` lists every problem found."""

    def __init__(self, errors: list[str]):
        self.errors = list(errors)
        super().__init__("\n".join(self.errors))


@dataclass(frozen=True)
class ClosureEvent:
    """One closure in time: what, from when, how much is left, and how it is restored."""

    id: str
    target: str
    start_h: float
    restoration: Restoration
    remaining: float = 0.0
    direction: str = "both"
    probability: float = 1.0
    type: str | None = None
    description: str | None = None
    sources: tuple[str, ...] = ()
    claims: tuple[str, ...] = ()


@dataclass
class Scenario:
    """A parsed, checked scenario. `network` is resolved; demand is a DataFrame."""

    name: str
    network_ref: str
    network: RailNetwork
    demand: pd.DataFrame
    closures: tuple[ClosureEvent, ...]
    horizon_h: float
    step: str = "day"
    runs: int = 1000
    seed: int = 0
    start: dt.datetime | None = None
    max_backlog_h: float | None = None
    description: str | None = None
    path: Path | None = None
    raw: dict = field(default_factory=dict)

    @property
    def step_hours(self) -> int:
        return STEPS[self.step]

    @property
    def n_steps(self) -> int:
        return math.ceil(self.horizon_h / self.step_hours)

    @property
    def pairs(self) -> list[tuple[str, str]]:
        return list(zip(self.demand["origin"], self.demand["destination"], strict=True))


class _Errors:
    """Collects messages as 'file: key.path: message'."""

    def __init__(self, name: str):
        self.name = name
        self.items: list[str] = []

    def add(self, where: str, message: str) -> None:
        self.items.append(
            f"{self.name}: {where}: {message}" if where else f"{self.name}: {message}"
        )


def _default_table() -> dict:
    text = (resources.files("railwatch.simulate") / "restoration_defaults.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def _number(value: Any, where: str, errors: _Errors, *, low=None, high=None) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        errors.add(where, f"expected a number, got {value!r}")
        return None
    value = float(value)
    if (low is not None and value < low) or (high is not None and value > high):
        errors.add(where, f"expected a number from {low} to {high}, got {value:g}")
        return None
    return value


def _hours(value: Any, where: str, errors: _Errors) -> float | None:
    try:
        return parse_duration_hours(value)
    except ValueError as exc:
        errors.add(where, str(exc))
        return None


def parse_distribution(spec: Any, where: str, errors: _Errors) -> Distribution | None:
    """A distribution of hours from `{dist: ..., ...}` or a plain duration (= fixed)."""
    if isinstance(spec, str):
        hours = _hours(spec, where, errors)
        return None if hours is None else Fixed(hours)
    if not isinstance(spec, dict):
        errors.add(where, f"expected a duration like 42h or a mapping with `dist`, got {spec!r}")
        return None
    kind = spec.get("dist")
    if kind not in DISTRIBUTIONS:
        errors.add(f"{where}.dist", f"expected one of {', '.join(DISTRIBUTIONS)}, got {kind!r}")
        return None
    needed = {
        "fixed": ("value",),
        "uniform": ("low", "high"),
        "triangular": ("low", "mode", "high"),
        "lognormal": ("median", "p90"),
        "empirical": ("values",),
    }[kind]
    unknown = set(spec) - {"dist", *needed}
    for key in sorted(unknown):
        errors.add(f"{where}.{key}", f"unknown key for {kind}; expected {', '.join(needed)}")
    missing = [key for key in needed if key not in spec]
    for key in missing:
        errors.add(f"{where}.{key}", f"missing; {kind} needs {', '.join(needed)}")
    if missing or unknown:
        return None
    if kind == "empirical":
        values = spec["values"]
        if not isinstance(values, list) or not values:
            errors.add(f"{where}.values", f"expected a non-empty list of durations, got {values!r}")
            return None
        hours = [_hours(v, f"{where}.values[{i}]", errors) for i, v in enumerate(values)]
        return None if None in hours else Empirical(tuple(hours))
    params = {key: _hours(spec[key], f"{where}.{key}", errors) for key in needed}
    if None in params.values():
        return None
    if kind == "fixed":
        return Fixed(params["value"])
    if kind == "uniform":
        if params["low"] > params["high"]:
            errors.add(where, "expected low <= high")
            return None
        return Uniform(params["low"], params["high"])
    if kind == "triangular":
        if not params["low"] <= params["mode"] <= params["high"]:
            errors.add(where, "expected low <= mode <= high")
            return None
        return Triangular(params["low"], params["mode"], params["high"])
    if params["median"] <= 0 or params["p90"] <= params["median"]:
        errors.add(where, "expected 0 < median < p90")
        return None
    return LogNormal(params["median"], params["p90"])


def parse_restoration(spec: Any, where: str, errors: _Errors) -> Restoration | None:
    """`{dist: ...}` (one stage to full capacity) or `{stages: [{remaining, after}, ...]}`."""
    if isinstance(spec, str) and spec.strip().lower() == "never":
        return NEVER
    if not isinstance(spec, dict):
        errors.add(where, f"expected a mapping with `dist` or `stages`, got {spec!r}")
        return None
    source = spec.get("source")
    assumption = spec.get("assumption")
    if "stages" not in spec:
        body = {k: v for k, v in spec.items() if k not in ("source", "assumption", "description")}
        dist = parse_distribution(body, where, errors)
        return None if dist is None else Restoration((Stage(1.0, dist),), source, assumption)
    stages_spec = spec["stages"]
    if not isinstance(stages_spec, list) or not stages_spec:
        errors.add(f"{where}.stages", f"expected a non-empty list of stages, got {stages_spec!r}")
        return None
    stages = []
    previous = -1.0
    for i, stage in enumerate(stages_spec):
        here = f"{where}.stages[{i}]"
        if not isinstance(stage, dict) or "after" not in stage or "remaining" not in stage:
            errors.add(here, "expected a mapping with `remaining` (0..1) and `after` (a duration)")
            continue
        remaining = _number(stage["remaining"], f"{here}.remaining", errors, low=0, high=1)
        after = parse_distribution(stage["after"], f"{here}.after", errors)
        if remaining is not None and remaining < previous:
            errors.add(f"{here}.remaining", "stages must give capacity back, not take it away")
        if remaining is not None and after is not None:
            stages.append(Stage(remaining, after))
            previous = remaining
    if len(stages) != len(stages_spec):
        return None
    return Restoration(tuple(stages), source, assumption)


def restoration_table(overrides: Any, errors: _Errors) -> dict[str, Restoration]:
    """The default restoration per incident type, with the scenario's overrides applied."""
    table: dict[str, Restoration] = {}
    builtin = _errors_for_builtin()
    for kind, spec in _default_table().items():
        table[kind] = parse_restoration(spec_without_description(spec), kind, builtin)
    if builtin.items:  # a broken packaged table is a bug, not a user error
        raise RuntimeError("; ".join(builtin.items))
    if overrides is None:
        return table
    if not isinstance(overrides, dict):
        errors.add("restoration_defaults", "expected a mapping of incident type to restoration")
        return table
    for kind, spec in overrides.items():
        parsed = parse_restoration(
            spec_without_description(spec), f"restoration_defaults.{kind}", errors
        )
        if parsed is not None:
            table[str(kind)] = parsed
    return table


def _errors_for_builtin() -> _Errors:
    return _Errors("railwatch/simulate/restoration_defaults.yaml")


def spec_without_description(spec: Any) -> Any:
    if isinstance(spec, dict):
        return {k: v for k, v in spec.items() if k != "description"}
    return spec


def _texts(value: Any, where: str, errors: _Errors) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        out = []
        for i, item in enumerate(value):
            if isinstance(item, str):
                out.append(item)
            elif isinstance(item, dict) and item:
                out.append("; ".join(f"{k}: {v}" for k, v in item.items()))
            else:
                errors.add(f"{where}[{i}]", f"expected text, got {item!r}")
        return tuple(out)
    errors.add(where, f"expected text or a list of texts, got {value!r}")
    return ()


def _parse_demand(
    value: Any, base: Path, network: RailNetwork | None, errors: _Errors
) -> pd.DataFrame | None:
    """The demand rows (a CSV path or an inline list), checked by the one demand reader."""
    from railwatch.impact.demand import DemandError, check_demand, read_demand_rows

    try:
        if isinstance(value, str):
            rows = read_demand_rows((base / value).resolve())
        elif isinstance(value, list):
            rows = [(f"demand[{i}]", row) for i, row in enumerate(value)]
        else:
            errors.add(
                "demand",
                "expected a CSV path or a list of origin/destination/trains_per_day, "
                f"got {_short(value)}",
            )
            return None
        return check_demand(rows, network)
    except DemandError as exc:
        for problem in exc.errors:
            where, _, message = problem.partition(": ")
            if where.startswith("demand["):
                field, _, rest = message.partition(": ")
                if field in ("origin", "destination", "trains_per_day"):
                    where, message = f"{where}.{field}", rest
                errors.add(where, message)
            else:
                errors.add("demand", problem)
        return None


def _short(value: Any, limit: int = 60) -> str:
    """repr of a value, cut to `limit` characters (a bad value can be huge)."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _resolve_network(value: Any, base: Path, errors: _Errors):
    from railwatch.network import NetworkError, default_network, load_network

    if value in (None, "corridor"):
        return "corridor", default_network()
    if not isinstance(value, str):
        errors.add("network", f"expected `corridor` or a path to a network file, got {value!r}")
        return None, None
    path = (base / value).resolve()
    try:
        return str(path), load_network(path)
    except NetworkError as exc:
        for problem in exc.errors[:20]:
            errors.add("network", problem)
        return str(path), None


def _check_ids(scenario_demand, closures, network: RailNetwork, errors: _Errors) -> list:
    """Demand nodes must be nodes; closure targets resolve to ids (names allowed)."""
    from railwatch.impact.closures import resolve_target

    resolved = []
    for i, event in enumerate(closures):
        try:
            kind, fid = resolve_target(network, event.target)
        except ValueError as exc:
            errors.add(f"{event.where}.target", str(exc))
            continue
        if kind == "node" and event.event.direction != "both":
            errors.add(f"{event.where}.direction", "a node closure has no direction; use both")
        resolved.append((i, fid))
    return resolved


@dataclass
class _Pending:
    """A closure parsed except for its start (which may need the scenario's clock origin)."""

    where: str
    event: ClosureEvent
    start_value: Any

    @property
    def target(self) -> str:
        return self.event.target


def _parse_closure(
    spec: Any, where: str, index: int, defaults: dict[str, Restoration], errors: _Errors
) -> _Pending | None:
    if not isinstance(spec, dict):
        errors.add(where, f"expected a mapping with target and start, got {spec!r}")
        return None
    for key in sorted(set(spec) - CLOSURE_KEYS):
        errors.add(
            f"{where}.{key}", f"unknown key; expected one of {', '.join(sorted(CLOSURE_KEYS))}"
        )
    target = spec.get("target")
    if not isinstance(target, str) or not target.strip():
        errors.add(f"{where}.target", "expected a section, structure or node id")
        return None
    if "start" not in spec:
        errors.add(f"{where}.start", "missing; expected a date-time or an offset like 41h")
        return None
    remaining = _number(spec.get("remaining", 0.0), f"{where}.remaining", errors, low=0, high=1)
    probability = _number(
        spec.get("probability", 1.0), f"{where}.probability", errors, low=0, high=1
    )
    direction = spec.get("direction", "both")
    if direction not in DIRECTIONS:
        errors.add(
            f"{where}.direction", f"expected one of {', '.join(DIRECTIONS)}, got {direction!r}"
        )
    kind = spec.get("type")
    given = [key for key in ("end", "duration", "restoration") if key in spec]
    if len(given) > 1:
        errors.add(where, f"give only one of end, duration, restoration (got {', '.join(given)})")
        return None
    restoration: Restoration | None = None
    if "duration" in spec:
        hours = _hours(spec["duration"], f"{where}.duration", errors)
        restoration = None if hours is None else Restoration((Stage(1.0, Fixed(hours)),))
    elif "restoration" in spec:
        restoration = parse_restoration(spec["restoration"], f"{where}.restoration", errors)
    elif "end" in spec:
        restoration = NEVER  # replaced once the start is known
    elif kind is None:
        errors.add(where, "needs an end, a duration, a restoration or a type with a default")
        return None
    elif kind not in defaults:
        errors.add(
            f"{where}.type",
            f"no default restoration for {kind!r}; known: {', '.join(sorted(defaults))}",
        )
        return None
    else:
        restoration = defaults[kind]
    if restoration is None or remaining is None or probability is None:
        return None
    event = ClosureEvent(
        id=str(spec.get("id", f"closure-{index + 1}")),
        target=target.strip(),
        start_h=0.0,
        restoration=restoration,
        remaining=remaining,
        direction=direction if direction in DIRECTIONS else "both",
        probability=probability,
        type=None if kind is None else str(kind),
        description=spec.get("description"),
        sources=_texts(spec.get("sources", spec.get("source")), f"{where}.source", errors),
        claims=_texts(spec.get("claims"), f"{where}.claims", errors),
    )
    pending = _Pending(where, event, spec["start"])
    pending.end_value = spec.get("end")  # type: ignore[attr-defined]
    return pending


def parse_scenario(
    data: Any,
    *,
    name: str = "<scenario>",
    base: Path | None = None,
    network: RailNetwork | None = None,
) -> Scenario:
    """Check and build a Scenario from a parsed YAML mapping; raises ScenarioError.

    `network`: use this RailNetwork instead of the one the scenario names (for tests and
    for callers that already hold the network).
    """
    errors = _Errors(name)
    base = base or Path.cwd()
    if not isinstance(data, dict):
        errors.add("", f"expected a mapping at the top level, got {type(data).__name__}")
        raise ScenarioError(errors.items)
    for key in sorted(set(data) - TOP_KEYS):
        errors.add(key, f"unknown key; expected one of {', '.join(sorted(TOP_KEYS))}")
    defaults = restoration_table(data.get("restoration_defaults"), errors)
    if network is None:
        network_ref, network = _resolve_network(data.get("network"), base, errors)
    else:
        network_ref = str(data.get("network") or network.name)
    demand = None
    if "demand" not in data:
        errors.add("demand", "missing; expected a CSV path or a list of pairs")
    else:
        demand = _parse_demand(data["demand"], base, network, errors)
    step = data.get("step", "day")
    if step not in STEPS:
        errors.add("step", f"expected one of {', '.join(STEPS)}, got {step!r}")
    horizon_h = _hours(data.get("horizon", "180d"), "horizon", errors)
    if horizon_h is not None and horizon_h <= 0:
        errors.add("horizon", "expected a positive duration")
    runs = data.get("runs", 1000)
    if isinstance(runs, bool) or not isinstance(runs, int) or runs < 1:
        errors.add("runs", f"expected a whole number >= 1, got {runs!r}")
    seed = data.get("seed", 0)
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        errors.add("seed", f"expected a whole number >= 0, got {seed!r}")
    max_backlog_h = None
    if data.get("max_backlog") is not None:
        max_backlog_h = _hours(data["max_backlog"], "max_backlog", errors)

    pending: list[_Pending] = []
    index = 0
    for key in ("closures", "incidents"):
        items = data.get(key)
        if items is None:
            continue
        if not isinstance(items, list):
            errors.add(key, f"expected a list, got {type(items).__name__}")
            continue
        for i, spec in enumerate(items):
            parsed = _parse_closure(spec, f"{key}[{i}]", index, defaults, errors)
            index += 1
            if parsed is not None:
                pending.append(parsed)

    # Clock origin: explicit `start`, else midnight of the first dated closure, else 0.
    origin = None
    if data.get("start") is not None:
        try:
            origin = parse_instant(data["start"])
        except ValueError as exc:
            errors.add("start", str(exc))
    dated = []
    for item in pending:
        if not looks_like_duration(item.start_value):
            try:
                dated.append(parse_instant(item.start_value))
            except ValueError as exc:
                errors.add(f"{item.where}.start", f"{exc}, or an offset like 41h")
    if origin is None and dated:
        first = min(dated)
        origin = dt.datetime(first.year, first.month, first.day)
    closures = []
    for item in pending:
        start_h = _start_hours(item.start_value, origin, f"{item.where}.start", errors)
        if start_h is None:
            continue
        event = item.event
        end_value = getattr(item, "end_value", None)
        if end_value is not None:
            end_h = _start_hours(end_value, origin, f"{item.where}.end", errors)
            if end_h is None:
                continue
            if end_h <= start_h:
                errors.add(f"{item.where}.end", "expected a time after the start")
                continue
            event = _replace(event, restoration=Restoration((Stage(1.0, Fixed(end_h - start_h)),)))
        closures.append((item, _replace(event, start_h=start_h)))
    ids = [event.id for _, event in closures]
    for dup in sorted({i for i in ids if ids.count(i) > 1}):
        errors.add("closures", f"id {dup!r} is used more than once")
    if network is not None and demand is not None and not errors.items:
        resolved = dict(_check_ids(demand, [item for item, _ in closures], network, errors))
        closures = [
            (item, _replace(event, target=resolved.get(i, event.target)))
            for i, (item, event) in enumerate(closures)
        ]
    if errors.items:
        raise ScenarioError(errors.items)
    return Scenario(
        name=str(data.get("name") or (Path(name).stem if name else "scenario")),
        description=data.get("description"),
        network_ref=network_ref,
        network=network,
        demand=demand.reset_index(drop=True),
        closures=tuple(event for _, event in closures),
        horizon_h=horizon_h,
        step=step,
        runs=runs,
        seed=seed,
        start=origin,
        max_backlog_h=max_backlog_h,
        raw=data,
    )


def _replace(event: ClosureEvent, **changes) -> ClosureEvent:
    from dataclasses import replace

    return replace(event, **changes)


def _start_hours(value: Any, origin: dt.datetime | None, where: str, errors: _Errors):
    if looks_like_duration(value):
        return parse_duration_hours(value)
    try:
        moment = parse_instant(value)
    except ValueError:
        return None  # already reported
    if origin is None:
        errors.add(where, "a date needs the scenario's `start`")
        return None
    hours = (moment - origin).total_seconds() / 3600.0
    if hours < 0:
        errors.add(where, f"{moment.isoformat()} is before the scenario start {origin.isoformat()}")
        return None
    return hours


def load_scenario(path: str | os.PathLike) -> Scenario:
    """Read and check a scenario YAML file; relative paths in it are resolved against it."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ScenarioError([f"{path}: file not found"]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ScenarioError([f"{path}: cannot read ({exc})"]) from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise ScenarioError([f"{path}: {where}invalid YAML ({problem})"]) from None
    scenario = parse_scenario(data, name=str(path), base=path.resolve().parent)
    scenario.path = path.resolve()
    if not data.get("name"):
        scenario.name = path.stem
    return scenario


def example_scenario_path() -> Path:
    """The packaged seed scenario (the Nov 2023 Severomuysky tunnel and bypass closures)."""
    return Path(str(resources.files("railwatch.simulate") / "data" / "severomuysky-2023.yaml"))
