"""Repairs of trafilatura's output: related-story links and lost standfirsts."""

from __future__ import annotations

from newstrace.clean.html import parse_html
from newstrace.clean.htmlrepair import Block, drop_related, mark_links, recover_lead

PROSE = [
    "The museum will reopen its east wing in April after two years of repairs to the roof and the heating.",
    "Curators said the collection of maritime paintings would return to the walls in the same order as before.",
    "Tickets for the first weekend are free, but visitors must book a time slot on the museum's website.",
    "The city council paid for most of the work, with a smaller share coming from a regional heritage fund.",
]


def blocks(texts: list[str]) -> list[Block]:
    return [Block(text=t, kind="p") for t in texts]


def test_htmlrepair_drop_related_removes_prompts_and_link_lists() -> None:
    paras = blocks(PROSE[:2] + ["Read more: Harbour pier closed after cracks found"] + PROSE[2:]
                   + ["Council approves budget for coastal road", "Lighthouse reopens to visitors"])
    paras[2].link_chars = len("Harbour pier closed after cracks found")
    paras[-1].link_chars = len(paras[-1].text)
    paras[-2].link_chars = len(paras[-2].text)
    kept, removed = drop_related(paras)
    assert [b.text for b in kept] == PROSE
    assert [r.reason for r in removed] == ["related"] * 3


def test_htmlrepair_drop_related_keeps_sentences_that_start_like_prompts() -> None:
    paras = blocks(["Related to the budget, the mayor said repairs would take priority over new roads."] + PROSE)
    kept, removed = drop_related(paras)
    assert len(kept) == len(paras) and not removed


def test_htmlrepair_lone_link_in_the_middle_of_prose_is_kept() -> None:
    paras = blocks(PROSE[:1] + ["Museum opening hours"] + PROSE[1:])
    paras[1].link_chars = len(paras[1].text)
    kept, _ = drop_related(paras)
    assert "Museum opening hours" in [b.text for b in kept]


def test_htmlrepair_mark_links_uses_links_to_other_pages_only() -> None:
    tree = parse_html(
        "<html><body><p><a href='/other'>Lighthouse reopens to visitors</a></p>"
        "<h2><a href='#history'>A short history of the museum</a></h2></body></html>"
    )
    assert tree is not None
    paras = blocks(["Lighthouse reopens to visitors", "A short history of the museum", PROSE[0]])
    mark_links(paras, tree)
    assert [b.link_share for b in paras] == [1.0, 0.0, 0.0]


def test_htmlrepair_recover_lead_between_headline_and_body() -> None:
    lead = "After two years of roof repairs the east wing reopens in April, with free tickets on the first weekend."
    teaser = "<div class='teaser'><p>Unrelated story teaser that sits in a list of other stories here.</p></div>"
    html = (
        "<html><body><article><h1>Museum east wing to reopen</h1>"
        f"<p class='article-intro'>{lead}</p>"
        + "".join(f"<p>{p}</p>" for p in PROSE)
        + f"</article><section>{teaser * 3}</section></body></html>"
    )
    tree = parse_html(html)
    assert tree is not None
    headline = tree.find(".//h1")
    recovered = recover_lead(tree, blocks(PROSE), headline)
    assert [b.text for b in recovered] == [lead]
    assert recover_lead(tree, blocks([lead] + PROSE), headline) == []
