from __future__ import annotations

import pytest

from newstrace.link import meta
from newstrace.link.cues import find_citations, looks_like_outlet, stance_of


@pytest.mark.parametrize("line, expected", [
    ("Published 3:45 p.m. ET, March 3, 2026", "2026-03-03T20:45:00Z"),
    ("Published 7:17 a.m. ET, May 4, 2026", "2026-05-04T11:17:00Z"),  # daylight saving time
    ("Updated 14:05 GMT, 4 March 2026", "2026-03-04T14:05:00Z"),
    ("Posted: 04/03/2026 14:05 (UTC)", "2026-03-04T14:05:00Z"),
    ("January 25, 2026 at 4:37 PM UTC", "2026-01-25T16:37:00Z"),
])
def test_meta_time_lines(line: str, expected: str) -> None:
    value = meta.time_from_text([line], None)
    assert value is not None and value.strftime("%Y-%m-%dT%H:%M:%SZ") == expected


def test_meta_date_inside_a_sentence_is_not_the_publication_time() -> None:
    assert meta.time_from_text(["The bridge opened on March 3, 1998, after four years of work."], None) is None


def test_meta_url_date_is_a_fallback() -> None:
    value = meta.time_from_text(["No dates here."], "https://news.example/2026/02/11/story")
    assert value is not None and value.strftime("%Y-%m-%d") == "2026-02-11"


@pytest.mark.parametrize("line, agency", [
    ("FERNHOLLOW, March 5 (Reuters) - A landslide blocked the road.", "Reuters"),
    ("PORT ALDANE (AP) \u2014 The ferry sailed.", "AP"),
    ("Tarnwick (AFP) - Rain fell.", "AFP"),
    ("DUNMORE, May 1 (Valley Wire) - The mill shut.", "Valley Wire"),
])
def test_meta_agency_datelines(line: str, agency: str) -> None:
    assert meta.agency_markers([line]) == [agency]


def test_meta_canonical_agency_names() -> None:
    assert meta.canonical_agency("The Associated Press") == "Associated Press"
    assert meta.canonical_agency("AP") == "Associated Press"
    assert meta.canonical_agency("Northgate Daily") is None


def test_meta_press_release_wire_and_organisation() -> None:
    lines = ["Tarnwick, April 2, 2026 /Brightline Newswire/ -- Orrel Foods today announces a new bakery."]
    assert meta.release_wire(lines) == "Brightline Newswire"
    assert meta.release_org(lines) == "Orrel Foods"


def test_cues_citations_and_outlets() -> None:
    citations = find_citations([
        "Ninety homes lost power, the Harbour Evening Post reported, citing the grid operator.",
        "According to the National Geological Survey, the slope had moved. The agency said more rain was due.",
    ])
    names = [(c.name, c.outlet) for c in citations if c.cue != "anaphor"]
    assert ("Harbour Evening Post", True) in names
    assert ("National Geological Survey", False) in names
    assert looks_like_outlet("KQRT Radio")
    assert looks_like_outlet("Tarnwick Herald")
    assert not looks_like_outlet("Fernhollow Police Department")
    assert looks_like_outlet("Shopwindow", descriptor="trade publication")


@pytest.mark.parametrize("sentence, stance", [
    ("The ministry denied the report on Tuesday.", "deny"),
    ("Officials would not confirm whether talks took place.", "decline"),
    ("The company confirmed it had received the notice.", "confirm"),
    ("It was the first confirmed closure of the year.", None),
    ("The bakery opened a second shop.", None),
])
def test_cues_stance(sentence: str, stance: str | None) -> None:
    assert stance_of(sentence) == stance
