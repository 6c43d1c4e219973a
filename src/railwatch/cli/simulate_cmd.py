"""CLI commands for simulate (filled in by its issue)."""
