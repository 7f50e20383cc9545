"""Fixtures shared across test packages: the namespace labs (tests/lab/fixtures.py)."""

pytest_plugins = ["tests.lab.fixtures"]
