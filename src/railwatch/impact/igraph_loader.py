"""Import python-igraph without its matplotlib plotting back end.

When matplotlib is installed, `import igraph` imports `matplotlib.pyplot` at once (through
`igraph.drawing`), which costs about a second of start-up, more than the whole cheap N-1 on
`russia`. railwatch never draws through igraph, so while igraph is first imported,
matplotlib is hidden; igraph then falls back to its own placeholder for plotting. A process
that has already imported matplotlib gets igraph unchanged.
"""

from __future__ import annotations

import sys
from types import ModuleType


def load_igraph() -> ModuleType:
    """The `igraph` module, imported without matplotlib unless that is already loaded."""
    if "igraph" in sys.modules or "matplotlib" in sys.modules:
        import igraph

        return igraph
    # A None entry makes `import matplotlib` raise ImportError, which igraph handles.
    sys.modules["matplotlib"] = None  # type: ignore[assignment]
    try:
        import igraph
    finally:
        del sys.modules["matplotlib"]
    return igraph
