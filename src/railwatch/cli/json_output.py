"""`--json` output: strict JSON (no NaN or Infinity), the same layout for every command."""

from __future__ import annotations

import json
import math
from typing import Any

import click


def finite(value: Any) -> Any:
    """`value` with every non-finite float (NaN, ±inf) replaced by None, recursively."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {key: finite(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [finite(item) for item in value]
    return value


def dumps_strict(payload: Any, *, indent: int = 2) -> str:
    """JSON text that any parser accepts: non-finite numbers become null."""
    return json.dumps(
        finite(payload), ensure_ascii=False, indent=indent, allow_nan=False, default=str
    )


def echo_json(payload: Any, *, indent: int = 2) -> None:
    """Print `payload` as strict JSON on stdout."""
    click.echo(dumps_strict(payload, indent=indent))
