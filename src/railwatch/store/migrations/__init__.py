"""Alembic migrations of the store (run by railwatch.store.engine.upgrade)."""
