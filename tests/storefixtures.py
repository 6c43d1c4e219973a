"""Stores for the tests: a fresh SQLite file, or a fresh schema in the real PostgreSQL.

PostgreSQL is the one at 127.0.0.1:5432 (database `test`, trust auth, user postgres or root;
RAILWATCH_TEST_PG_URL overrides). A test that cannot reach it fails: it is never skipped.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg

CANDIDATE_URLS = (
    "postgresql://postgres@127.0.0.1:5432/test",
    "postgresql://root@127.0.0.1:5432/test",
)


def pg_base_url() -> str:
    """The first PostgreSQL URL that answers; AssertionError (a failure) when none does."""
    urls = [os.environ["RAILWATCH_TEST_PG_URL"]] if os.environ.get("RAILWATCH_TEST_PG_URL") else []
    errors = []
    for url in urls or list(CANDIDATE_URLS):
        try:
            with psycopg.connect(url, connect_timeout=10) as conn:
                conn.execute("SELECT 1")
            return url
        except psycopg.Error as exc:
            errors.append(f"{url}: {str(exc).strip()}")
    raise AssertionError(
        "PostgreSQL does not answer (run tools/ensure_postgres.sh first):\n" + "\n".join(errors)
    )


@contextmanager
def pg_schema_url() -> Iterator[str]:
    """A URL whose connections use a new, empty schema; the schema is dropped afterwards."""
    base = pg_base_url()
    schema = f"rw_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield f"{base}?options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


@contextmanager
def backend_url(backend: str, tmp_path) -> Iterator[str]:
    """A database URL of a fresh, empty store on `backend` ("sqlite" or "postgresql")."""
    if backend == "sqlite":
        yield f"sqlite:///{(tmp_path / 'store.sqlite').as_posix()}"
    else:
        with pg_schema_url() as url:
            yield url
