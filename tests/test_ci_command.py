"""CI runs README command 2 exactly, and the type check covers the whole package."""

from __future__ import annotations

import shlex
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_ci_runs_the_readme_test_command_and_mypy_paths_exist():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()[-1]
    readme = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    assert ci in readme
    words = shlex.split(ci)
    paths = words[
        words.index(".venv/bin/mypy") + 1 : words.index("&&", words.index(".venv/bin/mypy"))
    ]
    assert paths == ["src/railwatch"]  # the whole package is type-checked
    assert all((ROOT / p).is_dir() for p in paths)
