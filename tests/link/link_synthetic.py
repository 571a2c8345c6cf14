"""Synthetic news written for the link tests: an agency story, its wire copies, rewrites, a denial,
a press release, and a look-alike event. Every name, place and outlet is invented."""

from __future__ import annotations

from typing import Any

import pytest

from newstrace.records import Article
from newstrace.settings import Settings

AGENCY_BODY = [
    "A landslide blocked the main road into Fernhollow on Tuesday after two days of heavy rain, cutting off about 900 residents, regional officials said.",
    "The slide buried a 200-metre stretch of the Quillan valley road under mud and rock, according to the regional roads authority. No one was hurt.",
    '"We heard a noise like a train and then the whole hillside moved," said Odile Marchetti, who runs a bakery near the road.',
    "Engineers expect to reopen one lane by Friday. Until then a ferry across Lake Brennet will carry supplies and school children, the council said.",
    "The valley had its last serious landslide in 2011, when a bridge was swept away.",
]


def agency_text(dateline: str = "FERNHOLLOW, March 5 (Reuters) - ", keep: int = 5, edits: dict[int, tuple[str, str]] | None = None) -> str:
    paragraphs = list(AGENCY_BODY[:keep])
    for index, (old, new) in (edits or {}).items():
        paragraphs[index] = paragraphs[index].replace(old, new)
    paragraphs[0] = dateline + paragraphs[0]
    return "\n\n".join(paragraphs)


def article(id: str, body: str, **kwargs: Any) -> Article:
    return Article(id=id, body=body, **kwargs)


@pytest.fixture
def settings() -> Settings:
    return Settings()


@pytest.fixture
def landslide_corpus() -> list[Article]:
    """An agency story, two wire copies, a rewrite citing the agency, a rewrite citing a local
    paper outside the corpus, a denial that mentions the report, and an official-source article."""
    return [
        article("rt1", agency_text() + "\n\nCopyright 2026 Reuters. All rights reserved.",
                headline="Landslide cuts off Fernhollow", publisher="Reuters", published_at="2026-03-05T09:00:00Z"),
        article("cp1", "Wire staff\n\n" + agency_text(keep=3, edits={1: ("No one was hurt", "Nobody was injured")})
                + "\n\nClick here to read more from The Lakeside Courier",
                headline="Valley town cut off by slide", publisher="The Lakeside Courier", published_at="2026-03-05T10:30:00Z"),
        article("cp2", agency_text(keep=4, edits={0: ("heavy rain", "torrential rain")}),
                headline="Mud buries valley road", publisher="Harbour Evening Post", published_at="2026-03-05T11:15:00Z"),
        article("rw1", "Around 900 people in Fernhollow have been cut off by a landslide on the Quillan valley road, Reuters reported on Tuesday.\n\n"
                "The agency said engineers hoped to reopen one lane by Friday, and that a ferry would carry supplies in the meantime.",
                headline="Landslide strands 900, Reuters says", publisher="Northgate Daily", published_at="2026-03-05T13:00:00Z"),
        article("rw2", "The Fernhollow Gazette first reported that cracks had appeared in the school on the hill above the slide.\n\n"
                "According to the Fernhollow Gazette, parents were told to keep children at home on Wednesday.",
                headline="School closed after landslide, local paper says", publisher="Northgate Daily", published_at="2026-03-05T18:00:00Z"),
        article("dn1", "The roads authority on Wednesday denied that it had ignored warnings about the slope above the Quillan valley road, "
                "after a report by the Fernhollow Gazette said residents had complained for years.\n\n"
                '"Every inspection found the slope stable," a spokesperson for the authority said.',
                headline="Roads authority denies it ignored landslide warnings", publisher="Harbour Evening Post", published_at="2026-03-06T08:00:00Z"),
        article("of1", "The landslide that cut off Fernhollow moved about 40,000 cubic metres of rock and mud, according to the National Geological Survey.\n\n"
                "The survey said the slope above the Quillan valley road had been saturated by the heaviest rain in the valley in a decade, and the council said the ferry across Lake Brennet would run until the road reopens.",
                headline="Fernhollow landslide moved 40,000 cubic metres", publisher="Northgate Daily", published_at="2026-03-06T12:00:00Z"),
    ]


@pytest.fixture
def lookalike_corpus() -> list[Article]:
    """Two earthquakes in one city, seven weeks apart, told with the same actors and vocabulary."""
    first = [
        ("q1a", "2026-02-02T06:00:00Z", "A magnitude 5.4 earthquake struck near Castelbruna early on Monday, cracking the walls of the old cathedral and injuring nine people, the civil protection agency said. Mayor Ilse Varga said schools would stay closed on Tuesday."),
        ("q1b", "2026-02-02T09:30:00Z", "Nine people were injured when a 5.4 magnitude quake shook Castelbruna on Monday morning. The old cathedral was cracked and Mayor Ilse Varga closed the schools for Tuesday, the civil protection agency said."),
        ("q1c", "2026-02-03T10:00:00Z", "Engineers checked the cracked walls of the old cathedral in Castelbruna on Tuesday, a day after a magnitude 5.4 earthquake injured nine people. Mayor Ilse Varga said schools would stay closed until Wednesday, the civil protection agency said."),
    ]
    second = [
        ("q2a", "2026-03-23T21:00:00Z", "A magnitude 6.0 earthquake hit Castelbruna on Monday night, bringing down part of the cathedral bell tower and injuring 31 people, the civil protection agency said. Mayor Ilse Varga opened sports halls for residents afraid to sleep at home."),
        ("q2b", "2026-03-24T07:00:00Z", "Thirty-one people were hurt when a 6.0 magnitude quake struck Castelbruna late on Monday and part of the cathedral bell tower fell. Mayor Ilse Varga said sports halls would stay open, the civil protection agency said."),
    ]
    # Unrelated stories of the same weeks: a corpus never holds one topic only.
    background = [
        ("b1", "2026-02-10T08:00:00Z", "The Castelbruna city council approved a budget that raises spending on buses and cuts the cost of parking permits, the finance office said on Thursday."),
        ("b2", "2026-02-20T12:00:00Z", "A new ferry between Port Aldane and the islands will start sailing in May, the transport ministry said, after two years of delays at the shipyard."),
        ("b3", "2026-03-01T15:00:00Z", "Castelbruna's football club sacked its coach after a fifth straight defeat left the team bottom of the league on Monday."),
        ("b4", "2026-03-10T09:00:00Z", "Farmers in the Velden plain said the dry winter had cut their wheat harvest forecast by a third, the agriculture union said on Monday."),
        ("b5", "2026-03-15T10:00:00Z", "The national statistics office said inflation fell to 2.1 percent in February, its lowest level in three years, helped by cheaper energy."),
        ("b6", "2026-03-18T18:00:00Z", "A fire at a recycling depot on the edge of Castelbruna sent smoke over the old town on Monday evening, the fire service said. No one was hurt."),
    ]
    out = []
    for id, when, text in first + second + background:
        out.append(article(id, text, headline=text.split(",")[0][:60], publisher=f"Outlet {id}", published_at=when))
    return out
