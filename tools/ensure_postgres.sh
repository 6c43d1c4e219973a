#!/usr/bin/env bash
# Make sure the PostgreSQL the tests use answers at 127.0.0.1:5432 (database `test`).
# Starts the Debian cluster if it is installed but not running, and creates the database
# if it is missing. Exits non-zero, saying why, when PostgreSQL cannot be brought up:
# the store's PostgreSQL tests fail rather than skip, so CI should stop here first.
set -euo pipefail

HOST=127.0.0.1
PORT=5432

answers() { pg_isready -q -h "$HOST" -p "$PORT"; }

if ! command -v pg_isready >/dev/null 2>&1; then
    echo "ensure_postgres: pg_isready not found; install PostgreSQL (Debian: apt-get install postgresql)" >&2
    exit 1
fi

if ! answers; then
    version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1 || true)
    if [ -z "$version" ]; then
        echo "ensure_postgres: no cluster under /etc/postgresql; install PostgreSQL first" >&2
        exit 1
    fi
    echo "ensure_postgres: starting PostgreSQL $version/main" >&2
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
    for _ in $(seq 1 30); do
        answers && break
        sleep 1
    done
fi

if ! answers; then
    echo "ensure_postgres: PostgreSQL does not answer at $HOST:$PORT" >&2
    exit 1
fi

# the tests connect as postgres (or root) to the database `test`
for user in postgres root; do
    if psql -h "$HOST" -p "$PORT" -U "$user" -d postgres -Atqc "SELECT 1" >/dev/null 2>&1; then
        if [ "$(psql -h "$HOST" -p "$PORT" -U "$user" -d postgres -Atqc \
            "SELECT 1 FROM pg_database WHERE datname = 'test'")" != "1" ]; then
            psql -h "$HOST" -p "$PORT" -U "$user" -d postgres -qc "CREATE DATABASE test" >/dev/null
        fi
        echo "ensure_postgres: PostgreSQL answers at $HOST:$PORT (user $user, database test)" >&2
        exit 0
    fi
done
echo "ensure_postgres: PostgreSQL answers but neither user postgres nor root may connect" >&2
exit 1
