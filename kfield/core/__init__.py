"""The engine: results, checks, profiles, languages and errors.

Nothing in this package imports typer or rich; the CLI formats what the core returns.
"""
