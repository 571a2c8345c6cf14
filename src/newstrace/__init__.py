"""newstrace: a news provenance engine.

Clean scraped news, find who says what (attributions, stance), and trace where claims came from.

    >>> import newstrace
    >>> nt = newstrace.load_pipeline(["clean", "analyze"])
    >>> for article in nt.pipe(newstrace.read_inputs(["corpus.jsonl"])): ...
"""

from __future__ import annotations

from typing import Any, Iterable, Iterator, Sequence

from newstrace.errors import ConfigError, InputError, NewstraceError, Skip
from newstrace.pipeline import Pipeline, Stats, build_pipeline
from newstrace.records import (
    Article,
    Attribution,
    Claim,
    Entity,
    LinkRecord,
    Origin,
    RawDocument,
    Removal,
    Source,
    Span,
    Story,
    TimeExpression,
)
from newstrace.settings import Settings, load_settings

__version__ = "0.1.0"

__all__ = [
    "Article", "Attribution", "Claim", "ConfigError", "Entity", "InputError", "LinkRecord",
    "NewstraceError", "Origin", "Pipeline", "RawDocument", "Removal", "Settings", "Skip", "Source",
    "Span", "Stats", "Story", "TimeExpression", "load_pipeline", "load_settings", "pipe",
    "read_inputs", "__version__",
]


def load_pipeline(stages: Sequence[str] = ("clean", "analyze"), settings: Settings | None = None, **stage_kwargs: Any) -> Pipeline:
    """Build a pipeline once (models load here) and reuse it: ``nt.pipe(items)``."""
    return build_pipeline(stages, settings, **stage_kwargs)


def read_inputs(paths: Iterable[str], settings: Settings | None = None) -> Iterator[RawDocument | Article | InputError]:
    """Stream raw documents from files, directories or ``-`` (see ``newstrace.ingest``)."""
    from newstrace.ingest import read_inputs as _read

    return _read(paths, (settings or load_settings()).ingest)


def pipe(
    items: Iterable[RawDocument | Article | dict[str, Any] | str],
    stages: Sequence[str] = ("clean", "analyze"),
    *,
    settings: Settings | None = None,
    batch_size: int | None = None,
    n_process: int | None = None,
    errors: str | None = None,
) -> Iterator[Article]:
    """Clean (and analyse) articles lazily; one ``Article`` per input, in input order.

    ``items`` may be ``RawDocument``/``Article`` records, contract input dicts
    (``{"id", "text"|"html", ...}``) or plain strings (raw text, given a content-hash id).
    """
    pipeline = build_pipeline(stages, settings)
    return pipeline.pipe(_coerce_items(items), batch_size=batch_size, n_process=n_process, errors=errors)


def _coerce_items(items: Iterable[Any]) -> Iterator[RawDocument | Article]:
    from newstrace.ingest.decode import content_id
    from newstrace.ingest.jsonl import parse_jsonl_object

    for index, item in enumerate(items):
        if isinstance(item, (RawDocument, Article)):
            yield item
        elif isinstance(item, str):
            yield RawDocument(id=content_id(item), source=f"<item {index}>", text=item)
        elif isinstance(item, dict):
            yield parse_jsonl_object(item, f"<item {index}>")
        else:
            raise TypeError(f"item {index}: expected RawDocument, Article, dict or str, got {type(item).__name__}")
