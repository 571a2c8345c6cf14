"""Quote pairing: straight and curly marks, paragraphs, unbalanced and nested marks (no model)."""

from __future__ import annotations

import pytest

from newstrace.nlp.quotes import find_quotes


@pytest.mark.parametrize(
    "text,quotes,unbalanced",
    [
        ('He said "we will win," and left.', ['"we will win,"'], 0),
        ("\u201cA. B,\u201d he said. \u201cC.\u201d", ["\u201cA. B,\u201d", "\u201cC.\u201d"], 0),
        ("\u201cPart one.\n\n\u201cPart two,\u201d she said.", ["\u201cPart one.\n\n\u201cPart two,\u201d"], 0),
        ('Broken "quote here. Then \u201cok\u201d fine.', ["\u201cok\u201d"], 1),
        ("''Old style,'' he added.", ["''Old style,''"], 0),
        ("x \u201ca \u201cb\u201d c\u201d d", ["\u201cb\u201d"], 2),
        ("No quotes at all.", [], 0),
        ("", [], 0),
        ('Trailing " mark', [], 1),
    ],
)
def test_quotes_pairs_marks(text: str, quotes: list[str], unbalanced: int) -> None:
    scan = find_quotes(text)
    assert [text[s:e] for s, e in scan.spans] == quotes
    assert scan.unbalanced == unbalanced


def test_quotes_unclosed_paragraph_without_reopening_is_unbalanced() -> None:
    text = '"The first paragraph never closes.\n\nThe next one is narration. "Here," he said.'
    scan = find_quotes(text)
    assert scan.unbalanced == 1
    assert [text[s:e] for s, e in scan.spans] == ['"Here,"']
