"""Run the API under uvicorn in a background thread (tests, benchmarks, `demo --serve`)."""

from __future__ import annotations

import threading
import time

import uvicorn
from starlette.types import ASGIApp


class ServerThread:
    """A real uvicorn server on `host`, in a daemon thread; port 0 picks a free port.

    Use as a context manager: on entry the server is accepting connections and `url` is
    its base URL; on exit it is shut down.
    """

    def __init__(
        self, app: ASGIApp, host: str = "127.0.0.1", port: int = 0, startup_s: float = 30.0
    ) -> None:
        config = uvicorn.Config(app, host=host, port=port, log_level="warning", lifespan="off")
        self.server = uvicorn.Server(config)
        self.host = host
        self.startup_s = startup_s
        self.thread = threading.Thread(target=self.server.run, name="railwatch-api", daemon=True)
        self.port: int | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self) -> ServerThread:
        self.thread.start()
        deadline = time.monotonic() + self.startup_s
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"the API server did not start on {self.host}")
            time.sleep(0.02)
        self.port = self.server.servers[0].sockets[0].getsockname()[1]
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)

    def __enter__(self) -> ServerThread:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
