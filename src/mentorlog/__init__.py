"""mentorlog: a private, local-first journal for your mentoring relationships."""

__version__ = "0.1.0"
