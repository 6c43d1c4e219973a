"""The shape of a scenario file as pydantic models: keys, types and ranges, all checked at once.

Pydantic collects every problem with its location; `problems` turns them into
``key.path: expected ..., got ...`` lines. What needs more than one field or the network
(clock origin, ids, targets, limits) is checked afterwards in `scenario.py`.
"""

from __future__ import annotations

import math
import reprlib
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    ValidationError,
    model_validator,
)

from railwatch.simulate.durations import parse_duration_hours

# Longest duration anywhere in a scenario (horizon, restoration times, backlog): 20 years.
MAX_DURATION_H = 20 * 365.25 * 24
MAX_RUNS = 1_000_000
MAX_LIST = 10_000  # closures, empirical values, stages: more is a generated file gone wrong

_short = reprlib.Repr()  # keyword arguments need Python 3.12
_short.maxstring = _short.maxother = 60
_short.maxlist = _short.maxdict = 4
_short.maxlevel = 2
_short.maxlong = 40


def short(value: Any) -> str:
    """A bounded repr for messages: a hostile value can be enormous or deeply shared."""
    return _short.repr(value)


def _hours(value: Any) -> float:
    hours = parse_duration_hours(value)
    if not math.isfinite(hours) or hours > MAX_DURATION_H:
        raise ValueError(
            f"expected a duration up to {MAX_DURATION_H / 24:g}d (20 years), got {short(value)}"
        )
    return hours


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    raise ValueError(f"expected text, got {short(value)}")


def _free_text(value: Any) -> str:
    """Prose (names, descriptions, sources): text, or a plain number written as text.

    YAML reads `description: 2023` as a number; the author meant the words. Ids are not
    prose and stay strict (`_text`).
    """
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    raise ValueError(f"expected text, got {short(value)}")


def _share(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"expected a number from 0 to 1, got {short(value)}")
    number = float(value)
    if not 0.0 <= number <= 1.0:  # NaN fails too
        raise ValueError(f"expected a number from 0 to 1, got {short(value)}")
    return number


def _whole(low: int, high: int, limit_name: str | None = None):
    def check(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"expected a whole number >= {low}, got {short(value)}")
        if value < low:
            raise ValueError(f"expected a whole number >= {low}, got {value}")
        if value > high:
            what = f" (the limit on {limit_name})" if limit_name else ""
            raise ValueError(f"expected a whole number <= {high:,}{what}, got {short(value)}")
        return value

    return check


def _one_of(*choices: str):
    def check(value: Any) -> str:
        if isinstance(value, str) and value in choices:
            return value
        raise ValueError(f"expected one of {', '.join(choices)}, got {short(value)}")

    return check


def _positive_hours(value: Any) -> float:
    hours = _hours(value)
    if hours <= 0:
        raise ValueError(f"expected a positive duration, got {short(value)}")
    return hours


Hours = Annotated[float, BeforeValidator(_hours)]
PositiveHours = Annotated[float, BeforeValidator(_positive_hours)]
Text = Annotated[str, BeforeValidator(_text)]
FreeText = Annotated[str, BeforeValidator(_free_text)]
Share = Annotated[float, BeforeValidator(_share)]
Texts = Annotated[list[Text], Field(max_length=MAX_LIST)]


class Spec(BaseModel):
    """Unknown keys are errors; values are never coerced between types."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class _Documented(Spec):
    source: FreeText | None = None
    assumption: FreeText | None = None
    description: FreeText | None = None


class FixedSpec(_Documented):
    dist: Literal["fixed"]
    value: Hours


class UniformSpec(_Documented):
    dist: Literal["uniform"]
    low: Hours
    high: Hours

    @model_validator(mode="after")
    def _ordered(self) -> UniformSpec:
        if self.low > self.high:
            raise ValueError("expected low <= high")
        return self


class TriangularSpec(_Documented):
    dist: Literal["triangular"]
    low: Hours
    mode: Hours
    high: Hours

    @model_validator(mode="after")
    def _ordered(self) -> TriangularSpec:
        if not self.low <= self.mode <= self.high:
            raise ValueError("expected low <= mode <= high")
        return self


class LogNormalSpec(_Documented):
    dist: Literal["lognormal"]
    median: Hours
    p90: Hours

    @model_validator(mode="after")
    def _ordered(self) -> LogNormalSpec:
        if self.median <= 0 or self.p90 <= self.median:
            raise ValueError("expected 0 < median < p90")
        return self


class EmpiricalSpec(_Documented):
    dist: Literal["empirical"]
    values: Annotated[list[Hours], Field(min_length=1, max_length=MAX_LIST)]


DISTRIBUTION_SPECS = {
    "fixed": FixedSpec,
    "uniform": UniformSpec,
    "triangular": TriangularSpec,
    "lognormal": LogNormalSpec,
    "empirical": EmpiricalSpec,
}
# Tags of tagged unions start with '=' so that error locations can leave them out.
TAG = "="


def _dist_tag(value: Any) -> str | None:
    if isinstance(value, str):
        return f"{TAG}duration"
    if isinstance(value, dict):
        kind = value.get("dist")
        if isinstance(kind, str) and kind in DISTRIBUTION_SPECS:
            return f"{TAG}{kind}"
        raise ValueError(f"expected one of {', '.join(DISTRIBUTION_SPECS)}, got {short(kind)}")
    return None


def _dist_problem(value: Any) -> Any:
    """Turn an unknown `dist` into one clear error on the `dist` key."""
    if isinstance(value, dict) and value.get("dist") not in DISTRIBUTION_SPECS:
        raise ValueError(
            f"dist: expected one of {', '.join(DISTRIBUTION_SPECS)}, got {short(value.get('dist'))}"
        )
    if not isinstance(value, str | dict):
        raise ValueError(
            f"expected a duration like 42h or a mapping with `dist`, got {short(value)}"
        )
    return value


DistributionSpec = Annotated[
    Annotated[Hours, Tag(f"{TAG}duration")]
    | Annotated[FixedSpec, Tag(f"{TAG}fixed")]
    | Annotated[UniformSpec, Tag(f"{TAG}uniform")]
    | Annotated[TriangularSpec, Tag(f"{TAG}triangular")]
    | Annotated[LogNormalSpec, Tag(f"{TAG}lognormal")]
    | Annotated[EmpiricalSpec, Tag(f"{TAG}empirical")],
    Discriminator(lambda v: _dist_tag(v) if isinstance(v, str | dict) else None),
    BeforeValidator(_dist_problem),
]


class StageSpec(Spec):
    remaining: Share
    after: DistributionSpec


class StagesSpec(_Documented):
    stages: Annotated[list[StageSpec], Field(min_length=1, max_length=MAX_LIST)]

    @model_validator(mode="after")
    def _giving_back(self) -> StagesSpec:
        shares = [stage.remaining for stage in self.stages]
        if any(b < a for a, b in zip(shares, shares[1:], strict=False)):
            raise ValueError("stages must give capacity back, not take it away")
        return self


def _restoration_tag(value: Any) -> str | None:
    if isinstance(value, str):
        return f"{TAG}never"
    if isinstance(value, dict):
        return f"{TAG}stages" if "stages" in value else f"{TAG}distribution"
    return None


def _never(value: Any) -> str:
    if isinstance(value, str) and value.strip().lower() == "never":
        return "never"
    raise ValueError(f"expected `never` or a mapping with `dist` or `stages`, got {short(value)}")


def _restoration_shape(value: Any) -> Any:
    if not isinstance(value, str | dict):
        raise ValueError(f"expected a mapping with `dist` or `stages`, got {short(value)}")
    return value


RestorationSpec = Annotated[
    Annotated[Annotated[str, BeforeValidator(_never)], Tag(f"{TAG}never")]
    | Annotated[StagesSpec, Tag(f"{TAG}stages")]
    | Annotated[
        Annotated[
            Annotated[FixedSpec, Tag(f"{TAG}fixed")]
            | Annotated[UniformSpec, Tag(f"{TAG}uniform")]
            | Annotated[TriangularSpec, Tag(f"{TAG}triangular")]
            | Annotated[LogNormalSpec, Tag(f"{TAG}lognormal")]
            | Annotated[EmpiricalSpec, Tag(f"{TAG}empirical")],
            Discriminator(_dist_tag),
            BeforeValidator(_dist_problem),
        ],
        Tag(f"{TAG}distribution"),
    ],
    Discriminator(_restoration_tag),
    BeforeValidator(_restoration_shape),
]

Moment = Any  # a date-time or an offset like 41h: parsed with the scenario's clock origin


def _moment(value: Any) -> Any:
    import datetime as dt

    if isinstance(value, str | dt.date):
        return value
    raise ValueError(
        f"expected a date-time like 2023-11-29T17:20+03:00 or an offset like 41h, "
        f"got {short(value)}"
    )


def _claims(value: Any) -> list[str]:
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    if len(items) > MAX_LIST:
        raise ValueError(f"expected at most {MAX_LIST} items")
    out = []
    for item in items:
        if isinstance(item, str | int | float) and not isinstance(item, bool):
            out.append(_free_text(item))
        elif isinstance(item, dict) and item and all(isinstance(k, str) for k in item):
            out.append("; ".join(f"{k}: {_free_text(v)}" for k, v in item.items()))
        else:
            raise ValueError(f"expected text or a list of texts, got {short(item)}")
    return out


def _texts(value: Any) -> list[str]:
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    if len(items) > MAX_LIST:
        raise ValueError(f"expected at most {MAX_LIST} items")
    try:
        return [_free_text(item) for item in items]
    except ValueError:
        bad = next(i for i in items if not isinstance(i, str | int | float) or isinstance(i, bool))
        raise ValueError(f"expected text or a list of texts, got {short(bad)}") from None


class ClosureSpec(Spec):
    id: Text | None = None
    target: Annotated[str, BeforeValidator(_text), Field(min_length=1, max_length=500)]
    type: Text | None = None
    start: Annotated[Moment, BeforeValidator(_moment)]
    end: Annotated[Moment, BeforeValidator(_moment)] | None = None
    duration: Hours | None = None
    restoration: RestorationSpec | None = None
    remaining: Share = 0.0
    direction: Annotated[str, BeforeValidator(_one_of("both", "forward", "backward"))] = "both"
    probability: Share = 1.0
    source: Annotated[list[str], BeforeValidator(_texts)] = []
    sources: Annotated[list[str], BeforeValidator(_texts)] = []
    claims: Annotated[list[str], BeforeValidator(_claims)] = []
    description: FreeText | None = None

    @model_validator(mode="before")
    @classmethod
    def _one_ending(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            raise ValueError(f"expected a mapping with target and start, got {short(data)}")
        given = [key for key in ("end", "duration", "restoration") if key in data]
        if len(given) > 1:
            raise ValueError(
                f"give only one of end, duration, restoration (got {', '.join(given)})"
            )
        return data


class TopSpec(Spec):
    """Top-level keys; closures are checked one by one so each reports its own problems."""

    name: FreeText | None = None
    description: FreeText | None = None
    network: Text | None = None
    demand: Any = None
    start: Annotated[Moment, BeforeValidator(_moment)] | None = None
    horizon: PositiveHours = 180 * 24.0
    step: Annotated[str, BeforeValidator(_one_of("day", "hour"))] = "day"
    runs: Annotated[int, BeforeValidator(_whole(1, MAX_RUNS, "runs"))] = 1000
    seed: Annotated[int, BeforeValidator(_whole(0, 2**63 - 1))] = 0
    max_backlog: Hours | None = None
    closures: Annotated[list[Any], Field(max_length=MAX_LIST)] | None = None
    incidents: Annotated[list[Any], Field(max_length=MAX_LIST)] | None = None
    restoration_defaults: Any = None  # checked entry by entry in scenario.restoration_table


def problems(exc: ValidationError, prefix: tuple[Any, ...] = ()) -> list[tuple[str, str]]:
    """(key path, message) for every error pydantic found, in document order."""
    out = []
    for error in exc.errors(include_url=False):
        loc = [*prefix, *(p for p in error["loc"] if not str(p).startswith(TAG))]
        message = error["msg"]
        kind = error["type"]
        if kind == "value_error":
            message = message.removeprefix("Value error, ")
            if message.startswith("dist: "):  # an unknown distribution: name the key
                loc.append("dist")
                message = message.removeprefix("dist: ")
        elif kind == "extra_forbidden":
            message = "unknown key"
        elif kind == "missing":
            message = "missing"
        elif kind in ("list_type", "dict_type", "model_type", "model_attributes_type"):
            wanted = "a list" if kind == "list_type" else "a mapping"
            message = f"expected {wanted}, got {short(error.get('input'))}"
        elif kind == "too_long":
            message = f"expected at most {error.get('ctx', {}).get('max_length')} items"
        elif kind == "too_short":
            message = f"expected at least {error.get('ctx', {}).get('min_length')} item(s)"
        elif kind == "literal_error":
            message = f"expected {error.get('ctx', {}).get('expected')}"
        else:
            message = f"{message}, got {short(error.get('input'))}"
        out.append((key_path(loc), message))
    return out


def key_path(loc: list[Any]) -> str:
    """('closures', 1, 'restoration') -> 'closures[1].restoration'."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text
