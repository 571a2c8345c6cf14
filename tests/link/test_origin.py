from __future__ import annotations

import pytest

from link_synthetic import landslide_corpus, lookalike_corpus, settings  # noqa: F401 (fixtures)
from newstrace.link import link_articles
from newstrace.records import Article
from newstrace.settings import Settings


def _by_id(records):  # type: ignore[no-untyped-def]
    return {r.id: r for r in records}


def test_origin_wire_copies_point_at_the_agency_article(landslide_corpus: list[Article], settings: Settings) -> None:
    records, _, _ = link_articles(landslide_corpus, settings)
    by_id = _by_id(records)
    for copy in ("cp1", "cp2"):
        assert by_id[copy].origin.type == "wire_copy"
        assert by_id[copy].origin.source == "Reuters"
        assert by_id[copy].origin.article_id == "rt1"
        assert by_id[copy].duplicate_of == "rt1"
    assert by_id["rt1"].origin.type == "original"
    assert by_id["rt1"].duplicate_of is None


def test_origin_rewrite_names_the_cited_outlet_and_its_article(landslide_corpus: list[Article], settings: Settings) -> None:
    by_id = _by_id(link_articles(landslide_corpus, settings)[0])
    assert by_id["rw1"].origin.type == "rewrite"
    assert by_id["rw1"].origin.source == "Reuters"
    assert by_id["rw1"].origin.article_id == "rt1"
    # The cited local paper is not in the corpus: still the source, with no article.
    assert by_id["rw2"].origin.type == "rewrite"
    assert by_id["rw2"].origin.source == "Fernhollow Gazette"
    assert by_id["rw2"].origin.article_id is None


def test_origin_denial_mentioning_the_report_is_original(landslide_corpus: list[Article], settings: Settings) -> None:
    by_id = _by_id(link_articles(landslide_corpus, settings)[0])
    assert by_id["dn1"].origin.type == "original"


def test_origin_official_body_is_a_source_not_an_outlet(landslide_corpus: list[Article], settings: Settings) -> None:
    by_id = _by_id(link_articles(landslide_corpus, settings)[0])
    assert by_id["of1"].origin.type == "original"
    assert by_id["of1"].origin.source is None


def test_origin_press_release_and_its_pasted_copy(settings: Settings) -> None:
    release_body = (
        "Tarnwick, April 2, 2026 /Brightline Newswire/ -- Orrel Foods today announces that it will build a new bakery in Tarnwick, creating 140 jobs by the end of next year.\n\n"
        "The plant will supply bread to supermarkets across the north of the country and will run on solar power from its own roof.\n\n"
        '"Tarnwick has the people and the roads we need," said Chief Executive Mara Pell.\n\n'
        "About Orrel Foods: Orrel Foods is a family-owned baker with four plants.\n\n"
        "Media contact: press@orrel.example"
    )
    pasted = (
        "Orrel Foods said on Wednesday it would open a plant in the town. In a statement, the company said:\n\n"
        "Orrel Foods today announces that it will build a new bakery in Tarnwick, creating 140 jobs by the end of next year.\n\n"
        "The plant will supply bread to supermarkets across the north of the country and will run on solar power from its own roof.\n\n"
        '"Tarnwick has the people and the roads we need," said Chief Executive Mara Pell.'
    )
    records, _, _ = link_articles([
        Article(id="pr", body=release_body, headline="Orrel Foods to build Tarnwick bakery", published_at="2026-04-02T09:00:00Z"),
        Article(id="re", body=pasted, headline="Bakery to bring 140 jobs", publisher="Tarnwick Herald", published_at="2026-04-02T11:00:00Z"),
    ], settings)
    by_id = _by_id(records)
    assert by_id["pr"].origin.type == "press_release"
    assert by_id["pr"].origin.source == "Orrel Foods"
    assert by_id["re"].origin.type == "press_release"
    assert by_id["re"].origin.article_id == "pr"
    assert by_id["re"].duplicate_of == "pr"


def test_origin_agency_rewrite_chain_and_copies(settings: Settings) -> None:
    scoop = Article(id="sc", body="Harrow Mills plans to close its Dunmore plant, according to documents seen by the Dunmore Ledger. Two managers confirmed the plan to the paper.",
                    headline="Harrow Mills to close Dunmore plant", publisher="Dunmore Ledger", published_at="2026-05-01T08:00:00Z")
    agency = ("DUNMORE, May 1 (AFP) - Harrow Mills plans to close its plant in Dunmore with the loss of 300 jobs, the Dunmore Ledger reported on Friday, citing company documents.\n\n"
              "The company did not respond to a request for comment. The plant has made textiles in the town since 1952 and is its largest employer.")
    records, _, _ = link_articles([
        scoop,
        Article(id="afp", body=agency, headline="Textile maker to shut plant - paper", publisher="AFP", published_at="2026-05-01T10:00:00Z"),
        Article(id="cp", body=agency.replace("300 jobs", "about 300 jobs"), headline="300 jobs to go at Dunmore mill", publisher="Valley Star", published_at="2026-05-01T12:00:00Z"),
    ], settings)
    by_id = _by_id(records)
    assert by_id["sc"].origin.type == "original"
    assert (by_id["afp"].origin.type, by_id["afp"].origin.source, by_id["afp"].origin.article_id) == ("rewrite", "Dunmore Ledger", "sc")
    assert (by_id["cp"].origin.type, by_id["cp"].origin.source, by_id["cp"].origin.article_id) == ("wire_copy", "AFP", "afp")


def test_origin_wire_copy_known_by_its_copyright_line_only(settings: Settings) -> None:
    body = ("Ferry crews on the Brennet line will strike for 48 hours from Friday after pay talks broke down, the union said.\n\n"
            "The operator said it would run a reduced timetable.\n\nCopyright 2026 Lakeland Wire. All rights reserved.")
    records, _, _ = link_articles([Article(id="w", body=body, headline="Ferry crews to strike", publisher="Orrin Valley Times")], settings)
    assert (records[0].origin.type, records[0].origin.source, records[0].origin.article_id) == ("wire_copy", "Lakeland Wire", None)


@pytest.mark.parametrize("lead, expected", [
    ("Quillford Foods reported a 12 percent rise in annual profit on Thursday, helped by lower grain prices.", "original"),
    ("Residents of Pinewick were evacuated overnight after a chemical leak, KQRT reported on Sunday.", "rewrite"),
    ("The Tarnwick Herald first reported that the mill would close, citing two managers.", "rewrite"),
])
def test_origin_who_reports_makes_a_rewrite(lead: str, expected: str, settings: Settings) -> None:
    records, _, _ = link_articles([Article(id="a", body=lead + "\n\nMore details were expected later in the week.",
                                           headline="Headline", publisher="Orrin Valley Times")], settings)
    assert records[0].origin.type == expected
