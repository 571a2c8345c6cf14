"""Chunking long bodies at paragraph boundaries and the cheap language check (no model)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newstrace.nlp.chunks import has_words, split_chunks
from newstrace.nlp.language import is_english


@given(st.text(alphabet=st.sampled_from(list("ab .\n\u201c\u201d\"")), max_size=400), st.integers(1, 60))
@settings(max_examples=200, deadline=None)
def test_chunks_cover_text_exactly(text: str, size: int) -> None:
    chunks = split_chunks(text, size)
    assert "".join(c for _, c in chunks) == text
    for offset, chunk in chunks:
        assert text[offset:offset + len(chunk)] == chunk
        assert len(chunk) <= size


def test_chunks_prefer_paragraph_ends() -> None:
    text = ("The council met on Monday. " * 4 + "\n\n") * 3
    chunks = split_chunks(text, 250)
    assert all(c.endswith("\n\n") for _, c in chunks[:-1])


def test_chunks_has_words() -> None:
    assert has_words("a.")
    assert not has_words(" ... \n -- ")


def test_language_english_and_not() -> None:
    assert is_english("The minister said on Tuesday that the talks had failed and that he would resign.")
    assert not is_english("Le ministre a déclaré mardi que les négociations avaient échoué et qu’il allait démissionner.")
    assert not is_english("Der Minister sagte am Dienstag, die Gespräche seien gescheitert und er werde zurücktreten.")
    assert is_english("Short line")  # too short to judge: analysed, not skipped
