"""What a running API needs to know: where the store is, the network, the token, limits."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

TOKEN_ENV = "RAILWATCH_API_TOKEN"
CORS_ENV = "RAILWATCH_CORS_ORIGINS"
DEFAULT_BODY_LIMIT = 2 * 1024 * 1024  # a long article or a channel export of a few hundred posts


@dataclass
class ApiSettings:
    """Settings of one API process.

    `token` None makes the server read-only (every write answers 403 and says why).
    `cors_origins` is empty by default: no cross-origin browser access.
    `simulation_file` is a JSON summary of a Monte Carlo run (bands) shown by the dashboard.
    """

    data_dir: Path | None = None
    database_url: str | None = None
    network_path: str | None = None
    demand_path: str | None = None
    token: str | None = None
    body_limit: int = DEFAULT_BODY_LIMIT
    cors_origins: list[str] = field(default_factory=list)
    simulation_file: Path | None = None

    @classmethod
    def from_env(cls, **overrides: Any) -> ApiSettings:
        """Settings from RAILWATCH_API_TOKEN and RAILWATCH_CORS_ORIGINS, then `overrides`."""
        token = os.environ.get(TOKEN_ENV) or None
        origins = [o.strip() for o in os.environ.get(CORS_ENV, "").split(",") if o.strip()]
        values: dict[str, Any] = {"token": token, "cors_origins": origins}
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    @property
    def read_only(self) -> bool:
        return not self.token
