"""Start-up of the impact modules: what they import in a fresh process."""

import subprocess
import sys

CHECK = """
import sys
import railwatch.impact
from railwatch.impact.igraph_loader import load_igraph
igraph = load_igraph()
g = igraph.Graph(n=3, edges=[(0, 1), (1, 2)], directed=True)
assert g.maxflow_value(0, 2) == 1.0
print(sorted(m for m in ("matplotlib", "scipy.optimize") if m in sys.modules))
"""


def test_impact_imports_neither_matplotlib_nor_linprog():
    out = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_igraph_unchanged_when_matplotlib_already_loaded():
    code = (
        "import matplotlib, sys\n"
        "from railwatch.impact.igraph_loader import load_igraph\n"
        "load_igraph()\n"
        "print(sys.modules['matplotlib'] is matplotlib)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"
