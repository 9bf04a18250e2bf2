"""Sync between devices through git (docs/sync.md)."""

# The conflict log, part of the journal and synced: named here so that the dashboard and
# `nudge` can tell a journal that never synced without importing the log's models.
LOG_FILE = "sync-conflicts.json"
