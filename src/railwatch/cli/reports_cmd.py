"""CLI commands for reports (filled in by its issue)."""
