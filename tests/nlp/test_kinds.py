"""Source kinds on synthetic source mentions, parsed with the real model."""

from __future__ import annotations

from typing import Any

import pytest

from _spacy_model import load_nlp
from newstrace.nlp.kinds import find_outlets, is_outlet_name, source_kind

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_nlp()


def _span(nlp: Any, sentence: str, mention: str, occurrence: int = 0) -> Any:
    doc = nlp(sentence)
    start = -1
    for _ in range(occurrence + 1):
        start = sentence.index(mention, start + 1)
    span = doc.char_span(start, start + len(mention), alignment_mode="expand")
    assert span is not None, (sentence, mention)
    return span


# (sentence, source mention, expected kind)
TABLE = [
    # anonymous: the variants fact-checkers look for first
    ('"It was over before it started," one official reportedly said.', "one official", "anonymous"),
    ("The report cites two officials familiar with the talks.", "two officials familiar with the talks", "anonymous"),
    ("One source said the deal was dead.", "One source", "anonymous"),
    ("A source close to the family said she was fine.", "A source close to the family", "anonymous"),
    ("Sources said the plan had been shelved.", "Sources", "anonymous"),
    ("People close to the talks said no deal was near.", "People close to the talks", "anonymous"),
    ("A person familiar with the matter said the sale was off.", "A person familiar with the matter", "anonymous"),
    ("Officials who spoke on condition of anonymity said troops had moved.", "Officials who spoke on condition of anonymity", "anonymous"),
    ("Officials, speaking on condition of anonymity, said troops had moved.", "Officials", "anonymous"),
    ("A senior administration official said the order was ready.", "A senior administration official", "anonymous"),
    ("Two senior diplomats said the vote would fail.", "Two senior diplomats", "anonymous"),
    ("An aide said the senator was tired.", "An aide", "anonymous"),
    ("Several officials said the budget was late.", "Several officials", "anonymous"),
    ("Insiders say the chief executive will quit.", "Insiders", "anonymous"),
    ("A person with knowledge of the negotiations said talks stalled.", "A person with knowledge of the negotiations", "anonymous"),
    ("People briefed on the plan said it was costly.", "People briefed on the plan", "anonymous"),
    ("An official who declined to be named said the talks failed.", "An official who declined to be named", "anonymous"),
    ("An unnamed official told the paper the deal was off.", "An unnamed official", "anonymous"),
    ("A Western diplomat said sanctions were coming.", "A Western diplomat", "anonymous"),
    ("Another source said the vote was rigged.", "Another source", "anonymous"),
    ("The source added that more arrests were likely.", "The source", "anonymous"),
    ("One of the officials said the talks had collapsed.", "One of the officials", "anonymous"),
    ("A government official, who was not authorized to speak publicly, said the plan was dead.", "A government official", "anonymous"),
    ("People involved in the talks said a deal was close.", "People involved in the talks", "anonymous"),
    # official
    ("Ukrainian officials said the strike hit a school.", "Ukrainian officials", "official"),
    ("A White House spokesman said the president was briefed.", "A White House spokesman", "official"),
    ("The minister said the budget was balanced.", "The minister", "official"),
    ("Police said the suspect fled.", "Police", "official"),
    ("Officials said the road would reopen.", "Officials", "official"),
    ("Party officials would not confirm whether talks took place.", "Party officials", "official"),
    ("The finance minister said growth would slow.", "The finance minister", "official"),
    ("Prosecutors said the scheme ran for years.", "Prosecutors", "official"),
    ("Local authorities said the river had burst its banks.", "Local authorities", "official"),
    ("A spokeswoman for the ministry declined to comment.", "A spokeswoman for the ministry", "official"),
    ("The prime minister said the election would be held in May.", "The prime minister", "official"),
    ("State Department officials said the embassy was closed.", "State Department officials", "official"),
    # outlet
    ("Reuters reported that the talks had stalled.", "Reuters", "outlet"),
    ("The Associated Press reported the figures.", "The Associated Press", "outlet"),
    ("The New York Times reported that the plan was dropped.", "The New York Times", "outlet"),
    ("The newspaper said the minister had resigned.", "The newspaper", "outlet"),
    ("The Daily Ledger reported the resignation first.", "The Daily Ledger", "outlet"),
    ("CNN reported that the bill had passed.", "CNN", "outlet"),
    ("The broadcaster said it would appeal.", "The broadcaster", "outlet"),
    ("Reuters contacted the ministry. The agency said the ministry did not reply.", "The agency", "outlet"),
    ("The Springfield Gazette reported the fire.", "The Springfield Gazette", "outlet"),
    ("State media said the leader had arrived.", "State media", "outlet"),
    ("Al Jazeera reported heavy shelling.", "Al Jazeera", "outlet"),
    ("The Post has learned that the deal is off.", "The Post", "outlet"),
    # document
    ("The report cites two officials familiar with the talks.", "The report", "document"),
    ("A statement from the company said profits fell.", "A statement from the company", "document"),
    ("Court papers show the firm owed millions.", "Court papers", "document"),
    ("A 2014 study by two universities found the same effect.", "A 2014 study by two universities", "document"),
    ("A new poll shows the senator ahead.", "A new poll", "document"),
    ("The filing says the bank hid losses.", "The filing", "document"),
    ("Emails suggest the mayor knew.", "Emails", "document"),
    ("The indictment alleges that he lied.", "The indictment", "document"),
    ("A report by the Daily Ledger said the minister quit.", "A report by the Daily Ledger", "document"),
    # organization
    ("The ministry denied the report in a statement.", "The ministry", "organization"),
    ("The company said profits fell.", "The company", "organization"),
    ("Microsoft said the outage was fixed.", "Microsoft", "organization"),
    ("The Kremlin said the talks were useful.", "The Kremlin", "organization"),
    ("The Trump campaign did not respond to requests for comment.", "The Trump campaign", "organization"),
    ("Russia said the drills were routine.", "Russia", "organization"),
    ("The agency said the vaccine was safe.", "The agency", "organization"),
    ("The European Union said it would respond.", "The European Union", "organization"),
    # person
    ("Vladimir Putin said the talks were useful.", "Vladimir Putin", "person"),
    ("Mr. Smith said the plan was fair.", "Mr. Smith", "person"),
    ("Senator Jane Doe said the bill would pass.", "Senator Jane Doe", "person"),
    ("A witness said the car sped away.", "A witness", "person"),
    ("Jane Doe, a spokeswoman for the city, said the park was closed.", "Jane Doe, a spokeswoman for the city", "person"),
    # unknown
    ("Critics say the law goes too far.", "Critics", "unknown"),
    ("Experts warn that prices will rise.", "Experts", "unknown"),
]


@pytest.mark.parametrize("sentence, mention, expected", TABLE)
def test_kinds_synthetic_mentions(nlp: Any, sentence: str, mention: str, expected: str) -> None:
    assert source_kind(_span(nlp, sentence, mention)) == expected


def test_kinds_table_covers_every_kind() -> None:
    assert {k for _, _, k in TABLE} == {"person", "organization", "outlet", "official", "anonymous", "document", "unknown"}
    assert len(TABLE) >= 60


def test_kinds_pronoun_takes_resolved_kind(nlp: Any) -> None:
    text = "Reuters spoke to the minister. It said the vote was close. He said it was not."
    doc = nlp(text)
    it = doc.char_span(text.index("It"), text.index("It") + 2)
    he = doc.char_span(text.index("He"), text.index("He") + 2)
    minister = doc.char_span(text.index("the minister"), text.index("the minister") + 12)
    assert source_kind(it, resolved=doc[0:1]) == "outlet"
    assert source_kind(it) == "unknown"
    assert source_kind(he) == "person"
    assert source_kind(he, resolved=minister) == "official"


def test_kinds_definite_official_after_anonymous_one(nlp: Any) -> None:
    doc = nlp("One official said the plan was dead. The official added that talks would resume.")
    first = doc[0:2]
    later = doc.char_span(doc.text.index("The official"), doc.text.index("The official") + 12)
    assert source_kind(first) == "anonymous"
    assert source_kind(later) == "official"
    assert source_kind(later, resolved=first) == "anonymous"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Reuters", True), ("The New York Times", True), ("the Daily Ledger", True), ("REUTERS", True),
        ("The Springfield Gazette", True), ("Fox News", True), ("the White House", False),
        ("Times Square", False), ("the sun", False), ("John Post", False), ("people", False),
    ],
)
def test_kinds_outlet_names(text: str, expected: bool) -> None:
    assert is_outlet_name(text) is expected


def test_kinds_find_outlets_in_text() -> None:
    text = "According to a report by the Daily Ledger, and as Reuters reported, the talks failed."
    found = [text[s:e] for s, e in find_outlets(text)]
    assert found == ["the Daily Ledger", "Reuters"]


def test_kinds_counted_party_member_is_anonymous(nlp: Any) -> None:
    assert source_kind(_span(nlp, "One Republican said the bill was doomed.", "One Republican")) == "anonymous"
    assert source_kind(_span(nlp, "No one said the bill was doomed.", "No one")) == "unknown"


DESIGN_BODY = (
    "The finance minister stepped down on Tuesday after a deal with the opposition collapsed, "
    "according to a report.\n\n"
    "The report cites two officials familiar with the talks. \u201cIt was over before it started,\u201d "
    "one official reportedly said.\n\n"
    "The ministry denied the report in a statement to the agency, and party officials would not "
    "confirm whether talks took place."
)


@pytest.mark.parametrize(
    "mention, occurrence, expected",
    [
        ("a report", 0, "document"),
        ("The report", 0, "document"),
        ("two officials familiar with the talks", 0, "anonymous"),
        ("one official", 0, "anonymous"),
        ("The ministry", 0, "organization"),
        ("party officials", 0, "official"),
    ],
)
def test_kinds_design_example_sources(nlp: Any, mention: str, occurrence: int, expected: str) -> None:
    assert source_kind(_span(nlp, DESIGN_BODY, mention, occurrence)) == expected
