"""Property: cleaning only removes. Every kept paragraph is a verbatim piece of the input."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newstrace.clean.text import clean_text

LINES = st.sampled_from([
    "The council met on Monday to discuss the harbour budget.",
    "“We were lucky,” the mayor said\u00a0— twice.",
    "Advertisement",
    "Related: Rail fares to rise next spring",
    "COUNCIL VOTES TO CLOSE THREE LIBRARIES NEXT YEAR",
    "By Jane Roe",
    "Published 3:45 p.m. ET, March 3, 2024",
    "ALDER BAY (AP) — Residents slept outdoors.",
    "Photo: Jane Roe/Getty Images",
    "___",
    "Jane Roe is a senior fellow at the Harbor Institute.",
])
FREE = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="<"), max_size=80)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(LINES, FREE), max_size=14), st.sampled_from(["\n", "\n\n", "\r\n"]), st.booleans())
def test_properties_kept_paragraphs_are_verbatim_substrings(parts: list[str], sep: str, has_headline: bool) -> None:
    text = sep.join(parts)
    result = clean_text(text, has_headline=has_headline)
    for paragraph in result.body.split("\n\n") if result.body else []:
        assert paragraph and paragraph in text
    for removal in result.removed:
        assert removal.text in text


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_properties_any_text_cleans_without_error(text: str) -> None:
    result = clean_text(text)
    assert isinstance(result.body, str)
    assert "\n\n\n" not in result.body
