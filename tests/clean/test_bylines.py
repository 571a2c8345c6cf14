"""Bylines -> authors; inline datelines stay in the body and are parsed with their agency."""

from __future__ import annotations

import pytest

from newstrace.clean.bylines import name_only, parse_byline, parse_dateline

BYLINES = [
    ("By Jane Roe", ["Jane Roe"]),
    ("By Jane Roe and John Doe, Harbor Wire", ["Jane Roe", "John Doe"]),
    ("By Maria Lopez, The Associated Press", ["Maria Lopez"]),
    ("BY JOHN SMITH AND MARY JONES", ["John Smith", "Mary Jones"]),
    ("By Ann O'Neil - February 7, 2013", ["Ann O'Neil"]),
    ("By Jane Roe | 03/02/16 3:44am", ["Jane Roe"]),
    ("By Jane Roe, Harbor News", ["Jane Roe"]),
]


@pytest.mark.parametrize("line, authors", BYLINES)
def test_bylines_byline_gives_authors(line: str, authors: list[str]) -> None:
    assert parse_byline(line) == authors


@pytest.mark.parametrize("line", [
    "By the numbers: three bridges and one ferry",
    "By Thursday night, the mayor was gone. He did not vote.",
    "By contrast, the council spent less than planned this year.",
    "Bystanders said the crowd was calm.",
])
def test_bylines_prose_starting_with_by_is_not_a_byline(line: str) -> None:
    assert parse_byline(line) is None


DATELINES = [
    ("WASHINGTON (AP) — The senator said", "WASHINGTON (AP)", "AP"),
    ("ALDER BAY, March 4 (Reuters) - The council voted", "ALDER BAY, March 4 (Reuters)", "Reuters"),
    ("Varesh (AFP) - A magnitude 5 quake", "Varesh (AFP)", "AFP"),
    ("(CNN) - She is still ahead", "(CNN)", "CNN"),
    ("SANAA, Yemen (AP) — Protesters gathered", "SANAA, Yemen (AP)", "AP"),
    ("Castlemere, January 24, 2024 /Harbor Newswire/ -- The company said", "Castlemere, January 24, 2024 /Harbor Newswire/", "Harbor Newswire"),
    ("NEW YORK, March 3 — Stocks rose", "NEW YORK, March 3", None),
]


@pytest.mark.parametrize("paragraph, text, agency", DATELINES)
def test_bylines_dateline_is_parsed(paragraph: str, text: str, agency: str | None) -> None:
    found = parse_dateline(paragraph)
    assert found is not None
    assert (found.text, found.agency) == (text, agency)


@pytest.mark.parametrize("paragraph", [
    "Meanwhile - the council voted again.",
    "WARNING: graphic content below.",
    "The minister - who resigned - spoke.",
])
def test_bylines_prose_is_not_a_dateline(paragraph: str) -> None:
    assert parse_dateline(paragraph) is None


def test_bylines_name_only_line_needs_a_known_first_name() -> None:
    assert name_only("Howard Lee") == ["Howard Lee"]
    assert name_only("Jane Roe and John Doe") == ["Jane Roe", "John Doe"]
    assert name_only("Hush Money") is None
    assert name_only("Story Continued Below") is None
