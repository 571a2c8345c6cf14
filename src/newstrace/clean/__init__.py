"""Cleaning: raw scraped text and HTML pages -> clean body + removals + metadata."""

from newstrace.clean.result import CleanResult
from newstrace.clean.stage import CleanStage

__all__ = ["CleanResult", "CleanStage"]
