"""Shared test set-up: make tests/ importable for the small fixture builders, and load the
national network once per test process for the tests that place text on it."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture(scope="session")
def russia():
    """The national network (`--network russia`)."""
    from railwatch.network import resolve_network

    return resolve_network("russia")
