"""The analyze stage: attributions, entities and times for each cleaned article (interim: none)."""

from __future__ import annotations

from typing import Sequence

from newstrace.errors import Skip
from newstrace.pipeline import Item
from newstrace.records import Article
from newstrace.settings import Settings


class AnalyzeStage:
    """Adds attributions, entities and resolved times to articles."""

    name = "analyze"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings.nlp

    def process_batch(self, items: Sequence[Item]) -> list[Item | Skip]:
        out: list[Item | Skip] = []
        for item in items:
            if not isinstance(item, Article):
                raise TypeError("analyze needs cleaned articles; put the clean stage first")
            out.append(item)
        return out
