"""Time expressions resolved against the publication time (synthetic sentences)."""

from __future__ import annotations

import pytest

from _spacy_model import load_nlp
from newstrace.nlp.times import extract_times, extract_times_text, parse_published, resolve_weekday


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return load_nlp()

# The DESIGN.md example: epoch 1700000000000 ms = Tuesday 2023-11-14T22:13:20Z.
PUB = "2023-11-14T22:13:20Z"
# A Tuesday just after New Year, with a UTC offset.
NEW_YEAR = "2024-01-02T09:30:00+01:00"


def _values(text: str, published_at: str | None) -> list[tuple[str, str | None]]:
    return [(t.text, t.value) for t in extract_times_text(text, published_at)]


# (sentence, publication time, expected (text, value) pairs in order)
TABLE = [
    ("The minister stepped down on Tuesday after talks collapsed.", PUB, [("Tuesday", "2023-11-14")]),
    ("The minister resigned Monday.", PUB, [("Monday", "2023-11-13")]),
    ("The minister resigned on Wednesday.", PUB, [("Wednesday", "2023-11-08")]),
    ("The committee will vote on Friday.", PUB, [("Friday", "2023-11-17")]),
    ("The court is scheduled to rule on Thursday.", PUB, [("Thursday", "2023-11-16")]),
    ("Protesters gathered on Sunday night.", PUB, [("Sunday night", "2023-11-12")]),
    ("The deal was signed last Tuesday.", PUB, [("last Tuesday", "2023-11-07")]),
    ("The deal was signed last Friday.", PUB, [("last Friday", "2023-11-10")]),
    ("They meet again next Tuesday.", PUB, [("next Tuesday", "2023-11-21")]),
    ("They meet again this coming Saturday.", PUB, [("this coming Saturday", "2023-11-18")]),
    ("Talks ended yesterday.", PUB, [("yesterday", "2023-11-13")]),
    ("Talks resume tomorrow morning.", PUB, [("tomorrow morning", "2023-11-15")]),
    ("Shots were fired last night.", PUB, [("last night", "2023-11-13")]),
    ("The vote is today.", PUB, [("today", "2023-11-14")]),
    ("He arrived the day before yesterday.", PUB, [("the day before yesterday", "2023-11-12")]),
    ("The ruling came three days ago.", PUB, [("three days ago", "2023-11-11")]),
    ("The ruling came 10 days ago.", PUB, [("10 days ago", "2023-11-04")]),
    ("The ruling came two weeks ago.", PUB, [("two weeks ago", "2023-10-31")]),
    ("The plant closed six months ago.", PUB, [("six months ago", "2023-05")]),
    ("The plant closed a year ago.", PUB, [("a year ago", "2022")]),
    ("The talks began last week.", PUB, [("last week", "2023-W45")]),
    ("The talks began earlier this week.", PUB, [("earlier this week", "2023-W46")]),
    ("The talks resume next week.", PUB, [("next week", "2023-W47")]),
    ("Prices rose last month.", PUB, [("last month", "2023-10")]),
    ("Prices will rise next month.", PUB, [("next month", "2023-12")]),
    ("Prices rose last year.", PUB, [("last year", "2022")]),
    ("Elections are due next year.", PUB, [("next year", "2024")]),
    ("Crowds gathered last weekend.", PUB, [("last weekend", "2023-11-11")]),
    ("The invasion began on Feb. 24.", PUB, [("Feb. 24", "2023-02-24")]),
    ("The invasion began on February 24th.", PUB, [("February 24th", "2023-02-24")]),
    ("The summit is on Dec. 5.", PUB, [("Dec. 5", "2023-12-05")]),
    ("The plant opened on Dec. 1.", PUB, [("Dec. 1", "2022-12-01")]),
    ("The law passed on March 3, 2024.", PUB, [("March 3, 2024", "2024-03-03")]),
    ("The law passed on 3 March 2024.", PUB, [("3 March 2024", "2024-03-03")]),
    ("The law passed on the 3rd of March, 2021.", PUB, [("the 3rd of March, 2021", "2021-03-03")]),
    ("The law passed in March 2021.", PUB, [("March 2021", "2021-03")]),
    ("The firm was founded in 2019.", PUB, [("2019", "2019")]),
    ("It was the 2016 election all over again.", PUB, [("2016", "2016")]),
    ("The figure appeared in a filing dated 2023-10-02.", PUB, [("2023-10-02", "2023-10-02")]),
    ("The order is dated 10/2/2023.", PUB, [("10/2/2023", "2023-10-02")]),
    ("The strike started in March.", PUB, [("March", "2023-03")]),
    ("Prices have risen since late January.", PUB, [("late January", "2023-01")]),
    ("The meeting on Monday, Nov. 13, 2023, was tense.", PUB, [("Monday, Nov. 13, 2023", "2023-11-13")]),
    ("He resigned on Friday. Two days earlier, he had met the premier.", PUB,
     [("Friday", "2023-11-10"), ("Two days earlier", "2023-11-08")]),
    ("The polls closed on Nov. 5. The next day, the count began.", PUB,
     [("Nov. 5", "2023-11-05"), ("The next day", "2023-11-06")]),
    ("Two days earlier, he had met the premier.", PUB, [("Two days earlier", None)]),
    # Year boundaries (published Tuesday 2024-01-02, +01:00).
    ("The blast happened on Dec. 28.", NEW_YEAR, [("Dec. 28", "2023-12-28")]),
    ("The talks ended last week.", NEW_YEAR, [("last week", "2023-W52")]),
    ("Sales fell last month.", NEW_YEAR, [("last month", "2023-12")]),
    ("Sales fell last year.", NEW_YEAR, [("last year", "2023")]),
    ("The deal was reached on Friday.", NEW_YEAR, [("Friday", "2023-12-29")]),
    ("The fire started yesterday.", NEW_YEAR, [("yesterday", "2024-01-01")]),
    ("The strike began in December.", NEW_YEAR, [("December", "2023-12")]),
    ("The summit is on Jan. 9.", NEW_YEAR, [("Jan. 9", "2024-01-09")]),
    ("Parliament will meet on Dec. 30.", "2023-12-20T10:00:00Z", [("Dec. 30", "2023-12-30")]),
    ("Parliament will meet on Jan. 3.", "2023-12-28T10:00:00Z", [("Jan. 3", "2024-01-03")]),
    ("The vote is set for next month.", "2023-12-28T10:00:00Z", [("next month", "2024-01")]),
    # Time zones: the date is read in the publication's own offset.
    ("The minister resigned today.", "2023-11-14T23:30:00-05:00", [("today", "2023-11-14")]),
    ("The minister resigned today.", "2023-11-15T01:30:00+09:00", [("today", "2023-11-15")]),
    ("The minister resigned yesterday.", "2023-11-15T00:10:00+02:00", [("yesterday", "2023-11-14")]),
    ("He spoke on Tuesday.", "2023-11-15T03:00:00+05:30", [("Tuesday", "2023-11-14")]),
    ("He spoke on Tuesday.", "2023-11-14", [("Tuesday", "2023-11-14")]),
    # No publication time: absolute dates still resolve, relative ones do not.
    ("The law passed on March 3, 2024, and talks began last week.", None,
     [("March 3, 2024", "2024-03-03"), ("last week", None)]),
    ("He spoke on Tuesday.", None, [("Tuesday", None)]),
    ("He spoke on Tuesday.", "not a date", [("Tuesday", None)]),
]


@pytest.mark.parametrize("text, published_at, expected", TABLE)
def test_times_resolve_synthetic_expressions(
    text: str, published_at: str | None, expected: list[tuple[str, str | None]]
) -> None:
    assert _values(text, published_at) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Prime Minister Theresa May said the plan was fair.",
        "The bill may pass, and lawmakers march on.",
        "The club has 2019 members and 1,500 fans.",
        "April Ryan asked the question.",
        "Turnout reached 2021 votes in the district.",
        "",
    ],
)
def test_times_ignore_names_verbs_and_counts(text: str) -> None:
    assert extract_times_text(text, PUB) == []


def test_times_offsets_index_the_text() -> None:
    text = "On Tuesday, \u201cit ended,\u201d he said. Two days earlier, on Nov. 12, talks had stalled."
    times = extract_times_text(text, PUB)
    assert [t.text for t in times] == ["Tuesday", "Two days earlier", "Nov. 12"]
    for t in times:
        assert text[t.start : t.end] == t.text


def test_times_parse_published_formats() -> None:
    assert parse_published("2023-11-14T22:13:20Z").isoformat() == "2023-11-14"  # type: ignore[union-attr]
    assert parse_published("2023-11-14T22:13:20.123+00:00").isoformat() == "2023-11-14"  # type: ignore[union-attr]
    assert parse_published("2023-11-14").isoformat() == "2023-11-14"  # type: ignore[union-attr]
    assert parse_published("yesterday") is None
    assert parse_published(None) is None


def test_times_resolve_weekday_modes() -> None:
    from datetime import date

    tuesday = date(2023, 11, 14)
    assert resolve_weekday(1, tuesday, "past") == tuesday
    assert resolve_weekday(1, tuesday, "future") == tuesday
    assert resolve_weekday(1, tuesday, "last") == date(2023, 11, 7)
    assert resolve_weekday(1, tuesday, "next") == date(2023, 11, 21)
    assert resolve_weekday(6, tuesday, "past") == date(2023, 11, 12)
    assert resolve_weekday(6, tuesday, "future") == date(2023, 11, 19)


@pytest.mark.model
def test_times_design_example_on_parsed_doc(nlp, design_example: str) -> None:  # type: ignore[no-untyped-def]
    body = (
        "The finance minister stepped down on Tuesday after a deal with the opposition collapsed, "
        "according to a report."
    )
    times = extract_times(nlp(body), "2023-11-14T22:13:20Z")
    assert [(t.text, t.value) for t in times] == [("Tuesday", "2023-11-14")]
    assert "on Tuesday after a deal" in design_example


@pytest.mark.model
def test_times_doc_mode_uses_the_parse_for_tense(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("The board meets Thursday. It met on Friday. The plant opened on Dec. 1.")
    assert [(t.text, t.value) for t in extract_times(doc, PUB)] == [
        ("Thursday", "2023-11-16"),
        ("Friday", "2023-11-10"),
        ("Dec. 1", "2022-12-01"),
    ]


@pytest.mark.model
def test_times_doc_mode_keeps_unresolved_periods(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("This summer was hot. The 72-year-old said it took two years.")
    found = [(t.text, t.value) for t in extract_times(doc, PUB)]
    assert ("This summer", None) in found
    assert all("old" not in text and text != "two years" for text, _ in found)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The memorial honours the victims of the Sept. 11 attacks.", [("Sept. 11", "2001-09-11")]),
        ("The Sept. 11 anniversary fell on a Sunday.", [("Sept. 11", "2001-09-11"), ("Sunday", "2023-11-12")]),
        ("The vote is on Sept. 11.", [("Sept. 11", "2023-09-11")]),
        ("He told USA TODAY the plan was dead.", []),
        ("Today, the plan is dead.", [("Today", "2023-11-14")]),
    ],
)
def test_times_special_cases(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert _values(text, PUB) == expected
