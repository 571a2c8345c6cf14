"""Fixtures for the NLP tests: the real spaCy model, loaded once per session (skipped if absent)."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(scope="session")
def nlp() -> Any:
    pytest.importorskip("spacy")
    from newstrace.nlp.model import load_model
    from newstrace.settings import NlpSettings

    try:
        return load_model(NlpSettings().model)
    except Exception as exc:  # noqa: BLE001 - a missing model skips, it does not fail
        pytest.skip(f"spaCy model not available: {exc}")
