"""Which database, how to connect to it, how writers take turns, and migrations.

SQLite (the default, one file in the user's data directory) runs in WAL mode with a busy
timeout, and every write transaction starts with BEGIN IMMEDIATE, so concurrent writers queue
instead of failing half-way. PostgreSQL writers take one transaction-scoped advisory lock:
ingest reads the incidents a report may join and then writes, and two ingests interleaving
there would split one event into two incidents.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

URL_ENV = "RAILWATCH_DATABASE_URL"
DB_FILE = "railwatch.sqlite"
BUSY_TIMEOUT_MS = 120_000
# an arbitrary 64-bit key naming "the railwatch store writer" among advisory locks
PG_WRITE_LOCK = 0x7261696C77617463
MIGRATIONS = Path(__file__).parent / "migrations"


class StoreError(RuntimeError):
    """The store cannot be opened or used (says which database and what is wrong)."""


def resolve_url(url: str | None, data_dir: Path) -> str:
    """The database URL: `url`, else $RAILWATCH_DATABASE_URL, else SQLite under `data_dir`.

    `postgresql://` and `postgres://` mean psycopg 3 (`postgresql+psycopg://`).
    """
    url = url or os.environ.get(URL_ENV) or None
    if url is None:
        return f"sqlite:///{(data_dir / DB_FILE).as_posix()}"
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    if not url.startswith(("sqlite:", "postgresql+psycopg:")):
        raise StoreError(
            f"unsupported database URL {safe_url(url)!r}: expected sqlite:///PATH or "
            "postgresql+psycopg://USER@HOST/DB"
        )
    return url


def safe_url(url: str) -> str:
    """The URL with any password hidden, for messages."""
    try:
        return sa.engine.make_url(url).render_as_string(hide_password=True)
    except Exception:
        return url.split("@")[-1]


def make_engine(url: str) -> Engine:
    """An engine for `url` with the settings concurrent writers need."""
    if url.startswith("sqlite"):
        path = sa.engine.make_url(url).database
        if path and path != ":memory:":
            _check_sqlite_file(Path(path))
        engine = sa.create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        _sqlite_settings(engine)
        return engine
    return sa.create_engine(url, pool_pre_ping=True)


def _check_sqlite_file(path: Path) -> None:
    """Refuse, in one line, a database file SQLite would open half-way: one marked read-only
    (even root, who could write it, must not), unreadable, or not a regular file."""
    from railwatch.atomic import WriteError, refuse_read_only

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        refuse_read_only(path)
    except WriteError as exc:
        raise StoreError(str(exc)) from None
    except OSError as exc:
        raise StoreError(f"{path}: cannot create the store's directory ({exc.strerror})") from None
    if path.exists() and not path.is_file():
        raise StoreError(f"{path}: not a regular file, expected a SQLite database")
    if path.exists() and not os.access(path, os.R_OK | os.W_OK):
        raise StoreError(f"{path}: cannot open the database (permission denied)")


def _sqlite_settings(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # take transaction control from the driver so BEGIN is ours to issue
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # writers reserve the database up front: a reader upgrading to a writer mid-way
        # could otherwise fail with "database is locked" after the busy timeout is skipped
        write = conn.get_execution_options().get("railwatch_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """One write transaction; writers run one at a time (see the module docstring)."""
    with engine.connect().execution_options(railwatch_write=True) as conn, conn.begin():
        if conn.dialect.name == "postgresql":
            conn.execute(
                sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _signed(PG_WRITE_LOCK)}
            )
        yield conn


@contextmanager
def read_transaction(engine: Engine) -> Iterator[Connection]:
    """One read-only transaction (a consistent snapshot)."""
    with engine.connect() as conn, conn.begin():
        yield conn


def _signed(key: int) -> int:
    return key - (1 << 64) if key >= 1 << 63 else key


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Run the shipped Alembic migrations up to `revision`, one writer at a time."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with write_transaction(engine) as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)


def current_revision(engine: Engine) -> str | None:
    """The schema revision the database is at (None before the first migration)."""
    from alembic.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision() -> str:
    """The newest revision shipped with this version of railwatch."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(config).get_current_head() or ""
