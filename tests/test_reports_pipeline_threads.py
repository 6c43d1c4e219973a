"""Extraction runs with one BLAS thread (natasha's small matrix products gain nothing from
more, and OpenBLAS's idle threads spin), and the process's setting is given back after."""

from __future__ import annotations

import numpy  # noqa: F401  (loads OpenBLAS, which threadpoolctl then finds)
from threadpoolctl import threadpool_info, threadpool_limits

from railwatch.reports import pipeline
from railwatch.reports.extract import extract as extract_module


def _blas_threads() -> list[int]:
    return [pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"]


def test_extract_runs_with_one_blas_thread_and_restores_the_setting(monkeypatch) -> None:
    seen: list[list[int]] = []

    def spy(*args, **kwargs):
        seen.append(_blas_threads())
        return []

    monkeypatch.setattr(extract_module, "extract_incidents", spy)
    report = pipeline.read("A freight train derailed near a station on Monday.")
    with threadpool_limits(limits=2, user_api="blas"):
        assert _blas_threads() and set(_blas_threads()) == {2}  # numpy's OpenBLAS is loaded
        pipeline.extract(report)
        after = _blas_threads()
    assert seen == [[1] * len(after)]
    assert set(after) == {2}
    assert report.incidents == []
