"""Getting records in and out of the journal: backups, readable and calendar exports, imports.

Pure functions over a `Journal` that return bytes or plain reports; the CLI decides where the
bytes go and how a report is shown. Nothing here imports Typer or Rich.
"""
