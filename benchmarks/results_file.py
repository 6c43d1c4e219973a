"""Write one benchmark's result into its own marked section of a results file.

Several benchmarks share `results/simulate.md`; each replaces only the text between its
`<!-- LABEL:begin -->` and `<!-- LABEL:end -->` lines (appended if they are missing), so
one script does not wipe another's figures or the notes written around them.
"""

from __future__ import annotations

from pathlib import Path


def write_section(path: Path, label: str, text: str) -> None:
    begin, end = f"<!-- {label}:begin -->", f"<!-- {label}:end -->"
    block = f"{begin}\n{text.rstrip()}\n{end}"
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    if begin in old and end in old:
        head, rest = old.split(begin, 1)
        new = head + block + rest.split(end, 1)[1]
    else:
        new = old + ("\n" if old and not old.endswith("\n") else "") + block + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(new, encoding="utf-8")
