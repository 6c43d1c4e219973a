"""Monte Carlo: same seed, same results - whatever the split across processes or Dask."""

import numpy as np
import pytest

from netfixtures import small_fc
from railwatch.network import RailNetwork
from railwatch.simulate import build_model, parse_scenario, run_monte_carlo
from railwatch.simulate.montecarlo import split_runs

SCENARIO = {
    "demand": [
        {"origin": "a", "destination": "d", "trains_per_day": 5},
        {"origin": "b", "destination": "d", "trains_per_day": 2},
    ],
    "horizon": "30d",
    "seed": 11,
    "closures": [
        {
            "id": "tunnel",
            "target": "big_tunnel",
            "start": "2d 5h",
            "restoration": {"dist": "lognormal", "median": "60h", "p90": "150h"},
        },
        {
            "id": "bypass",
            "target": "devil_bridge",
            "start": "3d",
            "probability": 0.4,
            "restoration": {"dist": "triangular", "low": "10h", "mode": "30h", "high": "90h"},
        },
    ],
}


@pytest.fixture(scope="module")
def model():
    net = RailNetwork.from_geojson(small_fc())
    return build_model(parse_scenario(SCENARIO, name="mc.yaml", network=net))


def arrays(result):
    return [result.delivered, result.backlog, result.unmet, result.detour_km, result.restored_h]


def assert_same(a, b):
    for x, y in zip(arrays(a), arrays(b), strict=True):
        np.testing.assert_array_equal(x, y)


def test_same_seed_same_results_and_other_seed_differs(model):
    first = run_monte_carlo(model, runs=40, seed=5, workers=1)
    again = run_monte_carlo(model, runs=40, seed=5, workers=1)
    other = run_monte_carlo(model, runs=40, seed=6, workers=1)
    assert_same(first, again)
    assert not np.array_equal(first.restored_h, other.restored_h)
    assert first.spawn_keys[:3] == [(0,), (1,), (2,)]
    # The closures bite: some runs fall short of the baseline, and all recover.
    recover = first.days_to_recover()
    assert (recover > 0).any() and (recover == 0).any()


def test_results_do_not_depend_on_chunking_or_processes(model):
    serial = run_monte_carlo(model, runs=30, seed=9, workers=1, chunk_runs=30)
    chunked = run_monte_carlo(model, runs=30, seed=9, workers=1, chunk_runs=7)
    parallel = run_monte_carlo(model, runs=30, seed=9, workers=2, chunk_runs=4)
    assert_same(serial, chunked)
    assert_same(serial, parallel)


def test_a_run_is_the_same_alone_or_among_others(model):
    many = run_monte_carlo(model, runs=12, seed=3, workers=1)
    # Run 11 computed in a fresh order (after others were cached) equals run 11 among many.
    from railwatch.simulate.montecarlo import run_chunk

    alone = run_chunk(model, 3, [11])
    lo, hi = alone["windows"][0]
    np.testing.assert_array_equal(alone["delivered"], many.delivered[11, lo:hi])
    np.testing.assert_array_equal(many.delivered[11, :lo], many.baseline_delivered[:lo])


def test_utilisation_mean_is_the_mean_over_runs_of_full_arrays(model):
    # Runs keep utilisation only for the steps they recompute; the mean over runs must
    # still be the plain mean of every run's full (steps x sections) array.
    from railwatch.simulate.engine import run_seed, simulate_run

    result = run_monte_carlo(model, runs=15, seed=4, workers=1, chunk_runs=6)
    full = np.stack([simulate_run(model, run_seed(4, r)).utilisation for r in range(15)])
    assert full.shape == (15, model.n_steps, model.m)
    assert np.isnan(full).any()  # closed sections are NaN in some steps of some runs
    with np.errstate(invalid="ignore"):
        expected = np.nanmean(full, axis=0)
    np.testing.assert_allclose(result.utilisation_mean, expected, rtol=1e-12, atol=1e-12)
    window = simulate_run(model, run_seed(4, 0))
    assert len(window.util_rows) < model.n_steps  # only the disrupted window is stored


def test_split_runs_covers_every_run_once():
    for runs, chunks in ((10, 3), (7, 7), (5, 9), (1000, 8)):
        parts = split_runs(runs, chunks)
        assert sum(parts, []) == list(range(runs))


def test_dask_cluster_gives_the_local_results(model):
    from distributed import LocalCluster

    local = run_monte_carlo(model, runs=24, seed=21, workers=1)
    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        silence_logs=50,
    ) as cluster:
        seen = []
        remote = run_monte_carlo(
            model,
            runs=24,
            seed=21,
            scheduler=cluster.scheduler_address,
            chunk_runs=5,
            progress=seen.append,
        )
    assert_same(local, remote)
    assert sum(seen) == 24


def test_bands_are_ordered_and_summary_is_plain(model):
    result = run_monte_carlo(model, runs=50, seed=2, workers=1)
    bands = result.bands()
    assert (bands["delivered_p10"] <= bands["delivered_p50"] + 1e-9).all()
    assert (bands["delivered_p50"] <= bands["delivered_p90"] + 1e-9).all()
    assert (bands["loss_p10"] <= bands["loss_p90"] + 1e-9).all()
    summary = result.summary()
    assert summary["runs"] == 50
    assert summary["baseline_trains_per_day"] == 7
    assert {"p10", "p50", "p90"} == set(summary["days_to_recover"])
