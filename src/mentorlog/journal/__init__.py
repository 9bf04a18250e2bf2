"""Use cases on the loaded records: add, change, close, link, resolve references.

Nothing here reads the clock, touches files, or renders: `today` is passed in, the store loads
and saves, the CLI prints.
"""

from mentorlog.journal.state import Journal

__all__ = ["Journal"]
