"""CLI commands for impact (filled in by its issue)."""
