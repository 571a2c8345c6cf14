"""Source referents (source.resolved) on short synthetic articles, parsed with the real model."""

from __future__ import annotations

import re
from typing import Any

import pytest

from _spacy_model import load_nlp
from newstrace.nlp.kinds import source_kind
from newstrace.nlp.resolve import resolve_source

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_nlp()


def _resolve(nlp: Any, text: str, mention: str) -> tuple[str | None, Any, Any]:
    """Resolve the *last* whole-word occurrence of ``mention``; returns (referent text, span, doc)."""
    starts = [m.start() for m in re.finditer(rf"(?<!\w){re.escape(mention)}(?!\w)", text)]
    assert starts, mention
    doc = nlp(text)
    span = doc.char_span(starts[-1], starts[-1] + len(mention))
    assert span is not None
    ref = resolve_source(span, doc)
    if ref is not None:
        assert ref[1] <= span.start_char
    return (text[ref[0] : ref[1]] if ref else None), span, doc


# (article text, source mention (its last occurrence), expected referent text or None)
TABLE = [
    # pronouns
    ("Finance Minister Jane Doe resigned on Tuesday. She said the budget was dead.", "She", "Jane Doe"),
    ("Vladimir Putin met the envoy in Moscow. He said the talks were useful.", "He", "Vladimir Putin"),
    ("Mr. Smith met Ms. Jones on Monday. She said the talks were useful.", "She", "Ms. Jones"),
    ("Mr. Smith met Ms. Jones on Monday. He said the talks were useful.", "He", "Mr. Smith"),
    ("Jane Doe spoke to John Roe. Later, she said the plan was fine.", "she", "Jane Doe"),
    ("Donald Trump met Hillary Clinton on Monday. She said the meeting was useful.", "She", "Hillary Clinton"),
    ("Donald Trump met Hillary Clinton on Monday. He said the meeting was useful.", "He", "Donald Trump"),
    ("Donald Trump's lawyer spoke first. He said the case was weak.", "He", "Donald Trump's lawyer"),
    ("A spokesman for the city said nothing new. He declined to comment on the fire.", "He", "A spokesman"),
    ("Party officials met on Monday. They would not confirm whether talks took place.", "They", "Party officials"),
    ("The company denied the report. It said the figures were wrong.", "It", "The company"),
    ("The senator, who spoke to reporters, said the bill was dead.", "who", "The senator"),
    ("Jane Doe, who chairs the committee, said the bill was dead.", "who", "Jane Doe"),
    ("Vladimir Putin spoke first. Putin, who arrived late, said little.", "who", "Vladimir Putin"),
    ("The weather was bad. He said the match was off.", "He", None),
    ("The weather was bad. It said nothing.", "It", None),
    # outlets behind "the newspaper", "the agency"
    ("The Springfield Gazette broke the story. The newspaper said the talks failed.", "The newspaper", "The Springfield Gazette"),
    ("Reuters reported that the minister quit. The agency said the talks failed.", "The agency", "Reuters"),
    ("The Environmental Protection Agency issued new rules. The agency said costs would fall.", "The agency", "The Environmental Protection Agency"),
    ("The minister resigned. The newspaper said the talks failed.", "The newspaper", None),
    # documents -> who is behind them
    ("According to a report by the Daily Ledger, the minister quit. The report cites two officials.", "The report", "the Daily Ledger"),
    ("Reuters reported that the minister quit. The report said the talks failed.", "The report", "Reuters"),
    ("The ministry said in a statement that the talks failed. The statement added that nobody was hurt.", "The statement", "The ministry"),
    ("According to a report, the minister quit. The report cites two officials.", "The report", None),
    # organisations
    ("The Finance Ministry issued new rules. The ministry said they would cut costs.", "The ministry", "The Finance Ministry"),
    ("Acme Corp. cut 500 jobs on Monday. The company said demand had fallen.", "The company", "Acme Corp."),
    # roles and anonymous repeats
    ("Finance Minister Jane Doe resigned on Tuesday. The minister said the budget was dead.", "The minister", "Jane Doe"),
    ("Jane Doe, the city's mayor, spoke on Monday. The mayor said the road would reopen.", "The mayor", "Jane Doe"),
    ("One official said the deal was dead. The official added that nothing was signed.", "The official", "One official"),
    ("A source close to the family said she was fine. The source added that she would return.", "The source", "A source close to the family"),
    # short names
    ("Vladimir Putin met the envoy. Putin said the talks were useful.", "Putin", "Vladimir Putin"),
    ("Vladimir Putin met the envoy. Mr. Putin said the talks were useful.", "Mr. Putin", "Vladimir Putin"),
    ("The Federal Bureau of Investigation opened an inquiry. The FBI said more arrests were likely.", "The FBI", "The Federal Bureau of Investigation"),
    ("Vladimir Putin said the talks were useful.", "Vladimir Putin", None),
]


@pytest.mark.parametrize("text, mention, expected", TABLE)
def test_resolve_synthetic_referents(nlp: Any, text: str, mention: str, expected: str | None) -> None:
    found, _, _ = _resolve(nlp, text, mention)
    assert found == expected


def test_resolve_pronoun_to_surname_follows_to_full_name(nlp: Any) -> None:
    text = "Vladimir Putin arrived on Monday. Putin met the envoy. He said the talks were useful."
    found, _, _ = _resolve(nlp, text, "He")
    assert found == "Vladimir Putin"


def test_resolve_pronoun_kind_follows_referent(nlp: Any) -> None:
    text = "Reuters reported that the minister quit. It said the talks had failed."
    found, span, doc = _resolve(nlp, text, "It")
    assert found == "Reuters"
    ref = doc.char_span(0, len("Reuters"))
    assert source_kind(span, ref) == "outlet"


def test_resolve_design_example_report_has_no_named_author(nlp: Any) -> None:
    text = (
        "The finance minister stepped down on Tuesday after a deal with the opposition collapsed, "
        "according to a report.\n\nThe report cites two officials familiar with the talks. "
        "\u201cIt was over before it started,\u201d one official reportedly said."
    )
    found, _, _ = _resolve(nlp, text, "The report")
    assert found is None


def test_resolve_empty_span_is_none(nlp: Any) -> None:
    doc = nlp("The minister said nothing.")
    assert resolve_source(doc[0:0], doc) is None
