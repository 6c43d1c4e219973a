"""Benchmark: reports read and extracted per second on one core, with the NLP models loaded.

    .venv/bin/python benchmarks/run_extract.py [--passes 2] [--out FILE]

Reads every report of the project's four corpora (corpus/reports, dev2, dev3, heldout) as
`railwatch ingest` does (decode, clean, detect language, find metadata, extract). The
reference in the same run is the same work with the statistical parsers switched off (rules
alone). Model loading is timed on its own and excluded from the throughput; the parse cache
is cleared before each pass so no sentence is parsed for free.
"""

from __future__ import annotations

import argparse
import os
import platform
import time
from pathlib import Path

from railwatch.reports.extract import nlp
from railwatch.reports.text.ingest_text import read_report

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ["corpus", "corpus/dev2", "corpus/dev3", "corpus/heldout"]
TARGET = 20.0  # reports per second with the models loaded (issue 9)


def corpus_texts() -> list[Path]:
    return [
        path
        for name in CORPORA
        for path in sorted((ROOT / name / "reports").iterdir())
        if path.is_file()
    ]


def measure(texts: list[Path], passes: int, models: bool) -> dict:
    nlp.use_models(models)
    best = None
    for _ in range(passes):
        nlp.parse.cache_clear()
        started = time.process_time()
        for text in texts:
            read_report(text)
        seconds = time.process_time() - started
        best = seconds if best is None else min(best, seconds)
    return {"models": models, "reports": len(texts), "cpu_s": best, "per_s": len(texts) / best}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--passes", type=int, default=2, help="passes per configuration (best kept)"
    )
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks/results/extract.md")
    args = parser.parse_args()
    texts = corpus_texts()
    started = time.process_time()
    nlp.use_models(True)
    loaded = {lang: nlp.available(lang) for lang in ("en", "ru")}
    load_s = time.process_time() - started
    rules = measure(texts, args.passes, models=False)
    models = measure(texts, args.passes, models=True)
    ratio = models["cpu_s"] / rules["cpu_s"]
    lines = [
        "# Extraction throughput",
        "",
        f"`python benchmarks/run_extract.py --passes {args.passes}` on {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} CPUs visible, one process (CPU time, best of {args.passes} passes).",
        "",
        f"{len(texts)} reports of the project's four corpora (English and Russian, 1-60 lines each).",
        f"Models loaded once per process in {load_s:.1f} s CPU "
        f"(spaCy en_core_web_sm: {loaded['en']}, natasha news: {loaded['ru']}); not in the rates.",
        "",
        "| configuration | CPU s | reports/s |",
        "|---|---:|---:|",
        f"| rules only (reference) | {rules['cpu_s']:.2f} | {rules['per_s']:.1f} |",
        f"| rules + spaCy/natasha parses | {models['cpu_s']:.2f} | {models['per_s']:.1f} |",
        "",
        f"Models cost {ratio:.2f}x the rules-only time. Target: >= {TARGET:.0f} reports/s with "
        f"the models loaded: {'met' if models['per_s'] >= TARGET else 'NOT met'}.",
        "",
    ]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
