"""Impact of closures: corridor capacity, rerouting, OD losses and criticality."""

from railwatch.impact.capacity import CapacityResult, corridor_capacity
from railwatch.impact.closures import Closure, arc_capacities, parse_closure
from railwatch.impact.criticality import CriticalityResult, criticality
from railwatch.impact.flows import FlowResult, MultiCommodityFlow, od_losses
from railwatch.impact.routes import Reroute, Route, reroute

__all__ = [
    "CapacityResult",
    "Closure",
    "CriticalityResult",
    "FlowResult",
    "MultiCommodityFlow",
    "Reroute",
    "Route",
    "arc_capacities",
    "corridor_capacity",
    "criticality",
    "od_losses",
    "parse_closure",
    "reroute",
]
