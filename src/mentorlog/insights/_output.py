"""Kept for the modules that import the view base from here; it lives in mentorlog.output,
below `journal` and `insights` both."""

from __future__ import annotations

from mentorlog.output import Output, Ref

__all__ = ["Output", "Ref"]
