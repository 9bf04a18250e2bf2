"""Where the journal lives on disk and how it is read and written safely (docs/reliability.md)."""
