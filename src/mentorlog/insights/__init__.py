"""Computed views of the journal (health, nudges, dashboard, review) as plain Pydantic data.

Nothing here reads the clock, touches files, or renders: `today` and the config are passed in.
"""
