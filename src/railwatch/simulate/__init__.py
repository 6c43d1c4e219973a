"""Simulation: closures over time, restoration models, Monte Carlo, distributed runs."""

from railwatch.simulate.engine import (
    RunResult,
    SimulationModel,
    baseline_run,
    build_model,
    run_seed,
    simulate_run,
)
from railwatch.simulate.montecarlo import MonteCarloResult, run_monte_carlo
from railwatch.simulate.scenario import (
    ClosureEvent,
    Scenario,
    ScenarioError,
    example_scenario_path,
    load_scenario,
    parse_scenario,
)


def simulate(scenario: Scenario, *, runs: int | None = None, **options) -> MonteCarloResult:
    """Run a scenario's Monte Carlo (`runs` overrides the scenario's); options as run_monte_carlo."""
    model = build_model(scenario)
    return run_monte_carlo(model, runs=runs or scenario.runs, seed=scenario.seed, **options)


__all__ = [
    "ClosureEvent",
    "MonteCarloResult",
    "RunResult",
    "Scenario",
    "ScenarioError",
    "SimulationModel",
    "baseline_run",
    "build_model",
    "example_scenario_path",
    "load_scenario",
    "parse_scenario",
    "run_monte_carlo",
    "run_seed",
    "simulate",
    "simulate_run",
]
