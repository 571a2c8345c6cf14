"""The stages newstrace can build, by name: one explicit table, no import-time magic."""

from __future__ import annotations

from typing import Any, Callable


def _clean(settings: Any, **kwargs: Any) -> Any:
    from newstrace.clean.stage import CleanStage

    return CleanStage(settings, **kwargs)


def _analyze(settings: Any, **kwargs: Any) -> Any:
    from newstrace.nlp.stage import AnalyzeStage

    return AnalyzeStage(settings, **kwargs)


STAGES: dict[str, Callable[..., Any]] = {
    "clean": _clean,
    "analyze": _analyze,
}
