"""railwatch: turn reporting about a rail network into answers about it."""

__version__ = "0.1.0"
