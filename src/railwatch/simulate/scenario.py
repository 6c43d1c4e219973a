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
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
import yaml
from pydantic import TypeAdapter, ValidationError

from railwatch.simulate.durations import looks_like_duration, parse_duration_hours, parse_instant
from railwatch.simulate.restoration import (
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
from railwatch.simulate.safe_yaml import YAMLLimitError, read_text_bounded, safe_load
from railwatch.simulate.scenario_spec import (
    MAX_DURATION_H,
    MAX_LIST,
    ClosureSpec,
    EmpiricalSpec,
    FixedSpec,
    LogNormalSpec,
    RestorationSpec,
    StagesSpec,
    TopSpec,
    TriangularSpec,
    UniformSpec,
    problems,
    short,
)

if TYPE_CHECKING:
    from railwatch.network.model import RailNetwork

STEPS = {"day": 24, "hour": 1}
DIRECTIONS = ("both", "forward", "backward")
# runs x steps x pairs: each Monte Carlo result array holds this many numbers.
DEFAULT_MAX_CELLS = 50_000_000
CELLS_ENV = "RAILWATCH_MAX_SIMULATION_CELLS"


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

    def add_all(self, exc: ValidationError, prefix: tuple[Any, ...] = ()) -> None:
        for where, message in problems(exc, prefix):
            self.add(where, message)


def _default_table() -> dict:
    text = (resources.files("railwatch.simulate") / "restoration_defaults.yaml").read_text("utf-8")
    return yaml.safe_load(text)


_RESTORATION = TypeAdapter(RestorationSpec)


def _distribution(spec: Any) -> Distribution:
    if isinstance(spec, float):
        return Fixed(spec)
    if isinstance(spec, FixedSpec):
        return Fixed(spec.value)
    if isinstance(spec, UniformSpec):
        return Uniform(spec.low, spec.high)
    if isinstance(spec, TriangularSpec):
        return Triangular(spec.low, spec.mode, spec.high)
    if isinstance(spec, LogNormalSpec):
        return LogNormal(spec.median, spec.p90)
    if isinstance(spec, EmpiricalSpec):
        return Empirical(tuple(spec.values))
    raise TypeError(f"not a distribution spec: {spec!r}")


def _restoration(spec: Any) -> Restoration:
    """A Restoration from a validated spec: never, stages, or one distribution to full."""
    if spec == "never":
        return NEVER
    if isinstance(spec, StagesSpec):
        stages = tuple(Stage(st.remaining, _distribution(st.after)) for st in spec.stages)
        return Restoration(stages, spec.source, spec.assumption)
    return Restoration((Stage(1.0, _distribution(spec)),), spec.source, spec.assumption)


def restoration_table(overrides: Any, errors: _Errors) -> dict[str, Restoration]:
    """The default restoration per incident type, with the scenario's overrides applied."""
    table: dict[str, Restoration] = {}
    for kind, spec in _default_table().items():
        try:  # a broken packaged table is a bug, not a user error: let it raise
            table[kind] = _restoration(_RESTORATION.validate_python(spec))
        except ValidationError as exc:
            raise RuntimeError(f"restoration_defaults.yaml: {kind}: {exc}") from None
    if overrides is None:
        return table
    if not isinstance(overrides, dict):
        errors.add("restoration_defaults", "expected a mapping of incident type to restoration")
        return table
    for kind, spec in overrides.items():
        if not isinstance(kind, str):
            errors.add(
                "restoration_defaults", f"expected incident types as text, got {short(kind)}"
            )
            continue
        try:
            table[kind] = _restoration(_RESTORATION.validate_python(spec))
        except ValidationError as exc:
            errors.add_all(exc, ("restoration_defaults", kind))
    return table


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


def _resolve_targets(
    closures: list[tuple[str, ClosureEvent]], network: RailNetwork, errors: _Errors
) -> list[tuple[str, ClosureEvent]]:
    """Closure targets as ids (a name that matches exactly one feature is allowed)."""
    from railwatch.impact.closures import resolve_target

    out = []
    for where, event in closures:
        try:
            kind, fid = resolve_target(network, event.target)
        except ValueError as exc:
            errors.add(f"{where}.target", str(exc))
            continue
        if kind == "node" and event.direction != "both":
            errors.add(f"{where}.direction", "a node closure has no direction; use both")
            continue
        out.append((where, replace(event, target=fid)))
    return out


@dataclass
class _Pending:
    """A checked closure whose start (and end) still need the scenario's clock origin."""

    where: str
    event: ClosureEvent
    start: Any
    end: Any = None


def _closure(
    spec: ClosureSpec, where: str, index: int, defaults: dict[str, Restoration], errors: _Errors
) -> _Pending | None:
    restoration: Restoration | None
    if spec.duration is not None:
        restoration = Restoration((Stage(1.0, Fixed(spec.duration)),))
    elif spec.restoration is not None:
        restoration = _restoration(spec.restoration)
    elif spec.end is not None:
        restoration = NEVER  # replaced once the start is known
    elif spec.type is None:
        errors.add(where, "needs an end, a duration, a restoration or a type with a default")
        return None
    elif spec.type not in defaults:
        errors.add(
            f"{where}.type",
            f"no default restoration for {short(spec.type)}; known: {', '.join(sorted(defaults))}",
        )
        return None
    else:
        restoration = defaults[spec.type]
    event = ClosureEvent(
        id=spec.id if spec.id is not None else f"closure-{index + 1}",
        target=spec.target.strip(),
        start_h=0.0,
        restoration=restoration,
        remaining=spec.remaining,
        direction=spec.direction,
        probability=spec.probability,
        type=spec.type,
        description=spec.description,
        sources=tuple(spec.sources or spec.source),
        claims=tuple(spec.claims),
    )
    return _Pending(where, event, spec.start, spec.end)


def _closures(data: dict, defaults: dict[str, Restoration], errors: _Errors) -> list[_Pending]:
    pending: list[_Pending] = []
    index = 0
    for key in ("closures", "incidents"):
        items = data.get(key)
        if not isinstance(items, list):
            continue  # None, or reported by the top-level check
        for i, item in enumerate(items[:MAX_LIST]):
            try:
                spec = ClosureSpec.model_validate(item)
            except ValidationError as exc:
                errors.add_all(exc, (key, i))
            else:
                parsed = _closure(spec, f"{key}[{i}]", index, defaults, errors)
                if parsed is not None:
                    pending.append(parsed)
            index += 1
    return pending


def _clock(
    top: TopSpec | None, pending: list[_Pending], errors: _Errors
) -> tuple[dt.datetime | None, list[tuple[str, ClosureEvent]]]:
    """The clock origin and each closure with its start (and end) in hours from it.

    Origin: the explicit `start`, else midnight of the first dated closure, else 0.
    """
    origin = None
    if top is not None and top.start is not None:
        try:
            origin = parse_instant(top.start)
        except ValueError as exc:
            errors.add("start", str(exc))
    dated = []
    for item in pending:
        if not looks_like_duration(item.start):
            try:
                dated.append(parse_instant(item.start))
            except ValueError as exc:
                errors.add(f"{item.where}.start", f"{exc}, or an offset like 41h")
    if origin is None and dated:
        first = min(dated)
        origin = dt.datetime(first.year, first.month, first.day)
    closures = []
    for item in pending:
        start_h = _start_hours(item.start, origin, f"{item.where}.start", errors)
        if start_h is None:
            continue
        event = item.event
        if item.end is not None:
            end_h = _start_hours(item.end, origin, f"{item.where}.end", errors)
            if end_h is None:
                continue
            if end_h <= start_h:
                errors.add(f"{item.where}.end", "expected a time after the start")
                continue
            event = replace(event, restoration=Restoration((Stage(1.0, Fixed(end_h - start_h)),)))
        closures.append((item.where, replace(event, start_h=start_h)))
    return origin, closures


def max_simulation_cells() -> int:
    """The limit on runs x steps x pairs (settable with RAILWATCH_MAX_SIMULATION_CELLS)."""
    text = os.environ.get(CELLS_ENV, "")
    try:
        return int(text) if text.strip() else DEFAULT_MAX_CELLS
    except ValueError:
        return DEFAULT_MAX_CELLS


def _check_size(top: TopSpec, n_pairs: int, errors: _Errors) -> None:
    """Runs x steps x pairs bounds the memory the Monte Carlo needs: refuse it up front."""
    steps = math.ceil(top.horizon / STEPS[top.step])
    cells = top.runs * steps * max(n_pairs, 1)
    limit = max_simulation_cells()
    if cells > limit:
        errors.add(
            "runs",
            f"{top.runs:,} runs x {steps:,} {top.step} steps x {max(n_pairs, 1)} pair(s) = "
            f"{cells:,} cells is over the limit of {limit:,}; lower runs or horizon, use "
            f"step: day, or raise the limit with the environment variable {CELLS_ENV}",
        )


def parse_scenario(
    data: Any,
    *,
    name: str = "<scenario>",
    base: Path | None = None,
    network: RailNetwork | None = None,
) -> Scenario:
    """Check and build a Scenario from a parsed YAML mapping; raises ScenarioError.

    Every problem found is listed at once, each with its key path. `network`: use this
    RailNetwork instead of the one the scenario names (for tests and for callers that
    already hold the network).
    """
    errors = _Errors(name)
    base = base or Path.cwd()
    if not isinstance(data, dict):
        errors.add("", f"expected a mapping at the top level, got {type(data).__name__}")
        raise ScenarioError(errors.items)
    top: TopSpec | None = None
    try:
        top = TopSpec.model_validate(data)
    except ValidationError as exc:
        errors.add_all(exc)
    defaults = restoration_table(data.get("restoration_defaults"), errors)
    if network is None:
        ref = data.get("network")
        network_ref, network = (
            _resolve_network(ref, base, errors)
            if ref is None or isinstance(ref, str)
            else ("", None)
        )
    else:
        network_ref = str(data.get("network") or network.name)
    demand = None
    if "demand" not in data:
        errors.add("demand", "missing; expected a CSV path or a list of pairs")
    else:
        demand = _parse_demand(data["demand"], base, network, errors)
    origin, closures = _clock(top, _closures(data, defaults, errors), errors)
    ids = [event.id for _, event in closures]
    for dup in sorted({i for i in ids if ids.count(i) > 1}):
        errors.add("closures", f"id {dup!r} is used more than once")
    if network is not None:
        closures = _resolve_targets(closures, network, errors)
    if top is not None:
        _check_size(top, 0 if demand is None else len(demand), errors)
    if errors.items or top is None or demand is None or network is None:
        raise ScenarioError(errors.items or [f"{name}: cannot be used"])
    return Scenario(
        name=top.name or (Path(name).stem if name else "scenario"),
        description=top.description,
        network_ref=network_ref,
        network=network,
        demand=demand.reset_index(drop=True),
        closures=tuple(event for _, event in closures),
        horizon_h=top.horizon,
        step=top.step,
        runs=top.runs,
        seed=top.seed,
        start=origin,
        max_backlog_h=top.max_backlog,
        raw=data,
    )


def _start_hours(
    value: Any, origin: dt.datetime | None, where: str, errors: _Errors
) -> float | None:
    if looks_like_duration(value):
        hours = parse_duration_hours(value)
        if not hours <= MAX_DURATION_H:
            errors.add(
                where, f"expected an offset up to {MAX_DURATION_H / 24:g}d, got {short(value)}"
            )
            return None
        return hours
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
        text = read_text_bounded(path)
    except FileNotFoundError:
        raise ScenarioError([f"{path}: file not found"]) from None
    except OSError as exc:
        raise ScenarioError([f"{path}: cannot read ({exc.strerror or exc})"]) from None
    except UnicodeDecodeError as exc:
        raise ScenarioError([f"{path}: not UTF-8 text (byte {exc.start})"]) from None
    except ValueError as exc:
        raise ScenarioError([f"{path}: {exc}"]) from None
    try:
        data = safe_load(text)
    except YAMLLimitError as exc:
        raise ScenarioError(
            [f"{path}: refused: {exc}; a scenario is a small file, write its values out"]
        ) from None
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
