"""The REST API: FastAPI over the incident store, the network and the impact engine.

`create_app(settings)` builds the application; `railwatch serve` runs it under uvicorn.
"""

from railwatch.api.app import create_app
from railwatch.api.settings import ApiSettings

__all__ = ["ApiSettings", "create_app"]
