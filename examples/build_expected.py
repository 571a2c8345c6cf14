"""Build ``expected/corpus.json``: the known facts of every article of the sample corpus.

The facts below are written by hand (headline, publisher, times, story, duplicate group, origin,
junk lines with their reason, attributions, resolved dates). What can be derived is derived, so it
cannot drift from the corpus files:

- ``id``: read through ``newstrace.ingest.read_inputs`` (the JSONL id, else the content hash);
- ``body`` of raw-text inputs: the input's non-blank lines minus the headline line and the junk;
- ``body`` of HTML inputs: the text of the ``<p>`` elements (without a class) inside ``<article>``;
- ``origin.article_id``: written ``@<source>`` here and resolved to that article's id.

Run from the repository root after changing the corpus or a fact; the test suite checks that the
committed JSON is what this script writes:

    .venv/bin/python examples/build_expected.py          # write examples/expected/corpus.json
    .venv/bin/python examples/build_expected.py --check  # exit 1 when the file is stale
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
OUT = HERE / "expected" / "corpus.json"

AP = {"source": "AP", "aliases": ["Associated Press", "The Associated Press", "AP News"]}
REUTERS = {"source": "Reuters", "aliases": ["Thomson Reuters", "Reuters News"]}
COURIER = {"source": "Harborville Courier", "aliases": ["The Harborville Courier", "Courier"]}
CORVALE = {"source": "Corvale Energy Cooperative", "aliases": ["Corvale", "Corvale Energy"]}

SCOOP = "@harborville_courier_eastern_quay_scoop.txt"
AP_STORY = "@newswire_feed.jsonl:1"
REUTERS_STORY = "@newswire_feed.jsonl:2"
RELEASE = "@newswire_feed.jsonl:6"

STORIES = {
    "terminal-sale": "Harborville: the Ministry of Ports' talks to sell a 49% stake in the Eastern Quay container "
    "terminal to Veltrana Logistics (scoop 2024-03-04, agency rewrites and wire copies, re-reports, denial "
    "2024-03-05, 'would not confirm' 2024-03-06, confirmation 2024-03-12).",
    "grain-pier-tender": "Look-alike of terminal-sale, seven weeks later: the same ministry opens a tender to lease "
    "Harborville's North Pier grain terminal and Veltrana says it will bid (2024-04-22). A separate story.",
    "oakhollow-solar": "Corvale Energy Cooperative's press release on a solar farm near Oakhollow, and two outlets "
    "pasting it largely verbatim.",
    "design-example": "The synthetic example of DESIGN.md (a minister's resignation).",
    "ketterby-snowstorm": "Snowstorm closes schools in Ketterby County.",
    "vennick-bike-lanes": "Vennick council votes for protected bike lanes.",
    "merrowgate-museum": "Merrowgate maritime museum reopens.",
    "dunhallow-cup-final": "Dunhallow Rovers win the Orlen Cup final.",
    "grevholt-election": "Grevholt city council election results.",
    "seagrass-study": "Seagrass recovery study in Tavish Bay.",
    "orlen-flood-warning": "Flood warning for the lower Orlen Valley.",
    "kesselbrunn-pool": "Kesselbrunn decides to build an indoor pool (German).",
    "vennick-library": "Vennick library reopens (a one-sentence article).",
    "quarrington-hospital-waits": "Hospital waiting times in Quarrington.",
    "brisklane-outage": "Brisklane Bank app outage.",
    "quillford-results": "Quillford Foods quarterly results (Reuters).",
    "castelvore-trial": "Trial of a former Castelvore mayor (AFP).",
}


def original() -> dict[str, Any]:
    return {"type": "original", "source": None, "article_id": None}


def rewrite(cited: dict[str, Any], article: str | None) -> dict[str, Any]:
    return {"type": "rewrite", "source": cited["source"], "article_id": article}


def wire(agency: dict[str, Any], article: str | None) -> dict[str, Any]:
    return {"type": "wire_copy", "source": agency["source"], "article_id": article}


def att(source: str | None, kind: str | None, cue: str, stance: str = "assert", type: str = "indirect",
        content: str | None = None, resolved: str | None = None) -> dict[str, Any]:
    """One expected attribution: texts as they appear in the body (``content`` is a phrase inside it)."""
    out: dict[str, Any] = {"source": source, "kind": kind, "cue": cue, "stance": stance, "type": type}
    if content is not None:
        out["content_contains"] = content
    if resolved is not None:
        out["resolved"] = resolved
    return out


def junk(text: str, reason: str) -> dict[str, str]:
    return {"text": text, "reason": reason}


# Facts by source (file name relative to examples/corpus; ``file.jsonl:N`` for line N; ``file.warc.gz:record N``).
FACTS: dict[str, dict[str, Any]] = {
    # ---------------------------------------------------------------- terminal-sale: the scoop
    "harborville_courier_eastern_quay_scoop.txt": {
        "headline": "Ministry in secret talks to sell stake in Harborville container terminal",
        "publisher": "Harborville Courier",
        "published_at": "2024-03-04T06:30:00Z",
        "updated_at": "2024-03-04T07:30:00Z",
        "url": "https://harborvillecourier.example/news/2024/03/04/eastern-quay-stake-talks",
        "authors": [],
        "dateline": {"text": "HARBORVILLE —", "place": "HARBORVILLE", "agency": None},
        "story": "terminal-sale", "dup_group": "terminal-sale:courier-scoop", "role": "first_report",
        "origin": original(),
        "junk": [
            junk('<cms-video-embed data-state="{"cms.content.publishDate":1709533800000,"cms.content.updateDate":1709537400000,'
                 '"cms.content.canonicalUrl":"https://harborvillecourier.example/news/2024/03/04/eastern-quay-stake-talks",'
                 '"rawHtml":"<div id=\\"HvcPlayer_7\\"></div>\n\n<script>var _hv = _hv||[]; _hv.push({ "div": "HvcPlayer_7", '
                 '"opts": {"id":"7781","clip":"dockside-aerials"} }); if (w < 640 && h > 0) { _hv.small(); }</script>",'
                 '"_type":"v7c2"}\u201d>Video Embed', "embed"),
            junk("DOCKWORKERS VOTE TO STRIKE OVER NIGHT-SHIFT PAY", "promo"),
            junk("Read more: Harbour dredging project falls two years behind schedule", "related"),
            junk("CLICK HERE TO READ MORE FROM THE HARBORVILLE COURIER", "promo"),
            junk("Related Content", "related"),
        ],
        "attributions": [
            att("two people familiar with the matter", "anonymous", "according to", content="secret talks to sell a 49 percent stake"),
            att("the people", "anonymous", "said", content="The talks began last month", resolved="two people familiar with the matter"),
            att("one of them", "anonymous", "said", content="A draft agreement could be ready"),
            att("one official", "anonymous", "reportedly said", type="direct", content="The minister wants this signed before anyone can object"),
            att("Minister Adela Korvan's office", "organization", "said", stance="decline", type="mixed", content="speculation about commercial matters"),
        ],
        "times": [{"text": "Sunday", "value": "2024-03-03"}],
    },
    # ---------------------------------------------------------------- agency rewrites of the scoop
    "newswire_feed.jsonl:1": {
        "headline": "Ports ministry in talks to sell stake in Harborville terminal, newspaper reports",
        "publisher": "The Associated Press",
        "published_at": "2024-03-04T08:20:00-05:00",
        "url": "https://apnews.example/article/harborville-eastern-quay-stake-veltrana",
        "authors": None,
        "dateline": {"text": "HARBORVILLE (AP) —", "place": "HARBORVILLE", "agency": "AP"},
        "story": "terminal-sale", "dup_group": "terminal-sale:ap", "role": "agency_rewrite",
        "origin": rewrite(COURIER, SCOOP), "source_aliases": COURIER["aliases"],
        "junk": [],
        "attributions": [
            att("the Harborville Courier", "outlet", "first reported", content="negotiating the sale of a 49% stake"),
            att("The Courier", "outlet", "said", content="the talks began in February", resolved="the Harborville Courier"),
            att("two people familiar with the matter", "anonymous", "citing"),
            att("Ministry spokesperson Tomas Reyl", "official", "said", stance="decline", type="mixed",
                content="does not comment on speculation about commercial matters"),
            att("union leader Rosa Almeda", "person", "said", type="direct",
                content="If the terminal is being sold, the people who work there should hear it from the ministry. Not from a newspaper"),
            att("one of the people cited by the Courier", "anonymous", "according to", content="first meeting with Veltrana executives on Feb. 24"),
        ],
        "times": [{"text": "Monday", "value": "2024-03-04"}, {"text": "Feb. 24", "value": "2024-02-24"}],
    },
    "newswire_feed.jsonl:2": {
        "headline": "Harborville port terminal stake sale under discussion - Courier",
        "publisher": "Reuters",
        "published_at": "2024-03-04T11:45:00Z",
        "url": "https://reuters.example/business/harborville-port-terminal-stake-sale-under-discussion-courier-2024-03-04",
        "authors": None,
        "dateline": {"text": "HARBORVILLE, March 4 (Reuters) -", "place": "HARBORVILLE", "agency": "Reuters"},
        "story": "terminal-sale", "dup_group": "terminal-sale:reuters", "role": "agency_rewrite",
        "origin": rewrite(COURIER, SCOOP), "source_aliases": COURIER["aliases"],
        "junk": [junk("(Reporting by Jonas Ekdahl; Editing by Mira Castell)", "credit")],
        "attributions": [
            att("the Harborville Courier", "outlet", "reported", content="in talks to sell almost half"),
            att("two people familiar with the matter", "anonymous", "citing"),
            att("A ministry spokesperson", "official", "declined to comment", stance="decline"),
            att("figures from the national statistics office", "document", "according to", content="largest privatisation"),
        ],
        "times": [{"text": "March 4", "value": "2024-03-04"}, {"text": "Monday", "value": "2024-03-04"}],
    },
    # ---------------------------------------------------------------- wire copies of the AP story
    "ketterby_daily_news_terminal_wire.txt": {
        "headline": "Harborville terminal stake could go to private operator",
        "publisher": "Ketterby Daily News",
        "published_at": "2024-03-04T09:40:00-05:00",
        "url": None,
        "authors": ["The Associated Press"],
        "dateline": {"text": "HARBORVILLE (AP) —", "place": "HARBORVILLE", "agency": "AP"},
        "story": "terminal-sale", "dup_group": "terminal-sale:ap", "role": "wire_copy",
        "origin": wire(AP, AP_STORY), "source_aliases": AP["aliases"],
        "junk": [
            junk("By The Associated Press", "byline"),
            junk("Published 9:40 a.m. ET, March 4, 2024", "dateline"),
            junk("Cranes stand idle at the Eastern Quay container terminal in Harborville. (Photo: Lena Strand/Ketterby Daily News)", "caption"),
            junk("Copyright 2024 The Associated Press. All rights reserved.", "copyright"),
            junk("Share this story: Facebook | X | Email", "share"),
            junk("CLICK HERE TO READ MORE FROM THE KETTERBY DAILY NEWS", "promo"),
        ],
        "attributions": [
            att("the Harborville Courier", "outlet", "first reported"),
            att("Ministry spokesperson Tomas Reyl", "official", "said", stance="decline", type="mixed"),
            att("union leader Rosa Almeda", "person", "said", type="direct"),
        ],
        "times": [{"text": "Monday", "value": "2024-03-04"}, {"text": "Feb. 24", "value": "2024-02-24"}],
    },
    "carrowmere_tribune_terminal_wire.html": {
        "headline": "Private operator in line for Harborville port stake",
        "publisher": "Carrowmere Tribune",
        "published_at": "2024-03-04T09:05:00-05:00",
        "url": "https://carrowmeretribune.example/business/2024/03/04/harborville-port-stake",
        "authors": ["The Associated Press"],
        "dateline": {"text": "HARBORVILLE (AP) —", "place": "HARBORVILLE", "agency": "AP"},
        "story": "terminal-sale", "dup_group": "terminal-sale:ap", "role": "wire_copy",
        "origin": wire(AP, AP_STORY), "source_aliases": AP["aliases"],
        "must_not_contain": ["We use cookies", "Accept all", "More from Business", "Freight rates ease",
                             "All rights reserved", "Privacy policy", "AP Photo"],
    },
    "newswire_feed.jsonl:4": {
        "headline": "Harborville port terminal stake talks reported",
        "publisher": "Selbrook Morning Post",
        "published_at": "2024-03-04T15:02:00Z",
        "url": "https://selbrookpost.example/region/2024/03/04/harborville-terminal-stake",
        "authors": ["The Associated Press"],
        "dateline": {"text": "HARBORVILLE (AP) —", "place": "HARBORVILLE", "agency": "AP"},
        "story": "terminal-sale", "dup_group": "terminal-sale:ap", "role": "wire_copy",
        "origin": wire(AP, AP_STORY), "source_aliases": AP["aliases"],
        "must_not_contain": ["We use cookies", "Read next", "New ferry timetable", "© 2024 Selbrook Morning Post"],
    },
    "tavish_bay_herald_crawl.warc.gz:record 3": {
        "headline": "Harborville terminal sale talks reported",
        "publisher": "Tavish Bay Herald",
        "published_at": "2024-03-04T16:10:00+00:00",
        "url": "https://tavishbayherald.example/business/2024/03/04/harborville-terminal-sale-talks",
        "authors": ["The Associated Press"],
        "dateline": {"text": "HARBORVILLE (AP) —", "place": "HARBORVILLE", "agency": "AP"},
        "story": "terminal-sale", "dup_group": "terminal-sale:ap", "role": "wire_copy",
        "origin": wire(AP, AP_STORY), "source_aliases": AP["aliases"],
        "must_not_contain": ["uses cookies", "Tavish Bay ferry fares", "Registered office", "Subscribe"],
    },
    # ---------------------------------------------------------------- the Reuters copy and a rewrite of Reuters
    "archive_feed.jsonl.gz:1": {
        "headline": "Veltrana shares rise on report of Harborville terminal talks",
        "publisher": "Merrowgate Observer",
        "published_at": "2024-03-04T12:30:00Z",
        "url": None,
        "authors": None,
        "dateline": {"text": "HARBORVILLE, March 4 (Reuters) -", "place": "HARBORVILLE", "agency": "Reuters"},
        "story": "terminal-sale", "dup_group": "terminal-sale:reuters", "role": "wire_copy",
        "origin": wire(REUTERS, REUTERS_STORY), "source_aliases": REUTERS["aliases"],
        "junk": [junk("Copyright 2024 Reuters. All rights reserved.", "copyright")],
    },
    "newswire_feed.jsonl:5": {
        "headline": "Port sale talks lift Veltrana shares",
        "publisher": "Pellham Times",
        "published_at": "2024-03-04T14:55:00Z",
        "url": "https://pellhamtimes.example/markets/veltrana-shares-port-sale-talks",
        "authors": ["Kit Halloran"],
        "dateline": None,
        "story": "terminal-sale", "dup_group": "terminal-sale:pellham", "role": "rewrite",
        "origin": rewrite(REUTERS, REUTERS_STORY), "source_aliases": REUTERS["aliases"],
        "notes": "Takes the news from Reuters ('after Reuters reported'), and Reuters in turn cites the Courier: "
                 "a three-link chain scoop -> Reuters -> Pellham Times.",
        "must_not_contain": ["Markets data delayed", "Companies"],
        "attributions": [
            att("Reuters", "outlet", "reported", content="in talks to sell nearly half"),
            att("Reuters", "outlet", "said", stance="assert", content="declined to comment"),
            att("analyst Oona Pike", "person", "wrote", type="direct", content="Terminals are the utility end of logistics"),
        ],
    },
    # ---------------------------------------------------------------- re-reports by other outlets
    "newswire_feed.jsonl:3": {
        "headline": "Report: Ports ministry eyes partial sale of Eastern Quay terminal",
        "publisher": "Quarrington Star",
        "published_at": "2024-03-04T10:15:00Z",
        "url": None,
        "authors": None,
        "dateline": None,
        "story": "terminal-sale", "dup_group": "terminal-sale:quarrington", "role": "rewrite",
        "origin": rewrite(COURIER, SCOOP), "source_aliases": COURIER["aliases"],
        "junk": [],
        "attributions": [
            att("the Harborville Courier", "outlet", "according to", content="in talks to sell a large stake"),
            att("The newspaper", "outlet", "said", content="negotiations had been running since February", resolved="the Harborville Courier"),
            att("one official", "anonymous", "quoted", type="mixed", content="signed before anyone can object"),
            att("Anil Dassow", "person", "said", type="direct", content="Private operators answer to shareholders first"),
        ],
        "times": [{"text": "Monday", "value": "2024-03-04"}],
    },
    "archive_feed.jsonl.gz:2": {
        "headline": "Harborville terminal: what we know about the reported sale",
        "publisher": "Faldon Gazette",
        "published_at": "2024-03-04T17:40:00+01:00",
        "url": "https://faldongazette.example/explainers/harborville-terminal-sale",
        "authors": None,
        "dateline": None,
        "story": "terminal-sale", "dup_group": "terminal-sale:faldon", "role": "rewrite",
        "origin": rewrite(COURIER, SCOOP), "source_aliases": COURIER["aliases"],
        "junk": [],
        "attributions": [
            att("The Harborville Courier", "outlet", "first reported", content="opened talks with Veltrana Logistics"),
            att("Opposition lawmaker Petra Lindqvist", "person", "wrote", type="direct",
                content="Any sale of strategic infrastructure has to come before this house"),
        ],
    },
    # ---------------------------------------------------------------- denial, declined comment, confirmation
    "harborville_evening_star_ministry_denies.txt": {
        "headline": "Ministry denies report it plans to sell Harborville terminal stake",
        "publisher": "Harborville Evening Star",
        "published_at": "2024-03-05T09:30:00+00:00",
        "updated_at": "2024-03-05T14:05:00+00:00",
        "url": None,
        "authors": ["Nora Lindahl"],
        "dateline": None,
        "story": "terminal-sale", "dup_group": "terminal-sale:star-denial", "role": "denial",
        "origin": original(),
        "junk": [
            junk("By Nora Lindahl", "byline"),
            junk("Published 09:30 GMT, 5 March 2024", "dateline"),
            junk("Updated 14:05 GMT, 5 March 2024", "dateline"),
            junk("Ministry of Ports headquarters on Quay Street, Harborville. (Photo: Hal Brody/Harborville Evening Star)", "caption"),
            junk("SIGN UP FOR THE MORNING BRIEFING: THE DAY'S HARBOUR NEWS IN YOUR INBOX", "subscribe"),
            junk("Subscribe to the Evening Star for unlimited access.", "subscribe"),
            junk("© 2024 Harborville Evening Star. All rights reserved.", "copyright"),
        ],
        "attributions": [
            att("The Ministry of Ports", "organization", "denied", stance="deny", content="it plans to sell a stake"),
            att("the Harborville Courier", "outlet", "reported", content="talks with Veltrana Logistics were under way"),
            att("ministry spokesperson Tomas Reyl", "official", "said", stance="deny", type="direct",
                content="There are no negotiations for the sale of any part of Eastern Quay. The terminal remains in public hands"),
            att("The ministry", "organization", "denied", stance="deny", content="the report"),
            att("Union leader Rosa Almeda", "person", "said", type="mixed", content="settles nothing"),
        ],
        "times": [{"text": "Tuesday", "value": "2024-03-05"}],
    },
    "wendleby_business_journal_veltrana_declines.html": {
        "headline": "Veltrana declines to comment on Eastern Quay talks as pressure mounts",
        "publisher": "Wendleby Business Journal",
        "published_at": "2024-03-06T07:45:00-05:00",
        "updated_at": "2024-03-06T10:12:00-05:00",
        "url": "https://wendlebybusiness.example/ports/veltrana-declines-comment-eastern-quay",
        "authors": ["Ines Marlowe"],
        "dateline": None,
        "story": "terminal-sale", "dup_group": "terminal-sale:wendleby", "role": "original",
        "origin": original(),
        "notes": "Own sources (bankers, the company, the minister); mentions the Courier's report only in passing.",
        "must_not_contain": ["This site uses cookies", "Most read", "Brennick index", "Sign up", "Advertisement",
                             "Wendleby Media Group", "Ports & Shipping"],
        "attributions": [
            att("Veltrana Logistics", "organization", "declined to comment", stance="decline", content="negotiating to buy a stake"),
            att("a Veltrana spokesperson, Dario Fenwick", "person", "told", stance="decline", type="direct", content="We do not discuss market rumours"),
            att("He", "person", "would not confirm", stance="decline", content="company executives had met ministry officials",
                resolved="Dario Fenwick"),
            att("Two bankers who have worked on port deals", "anonymous", "said", content="could be worth between 300 million and 400 million euros"),
            att("Minister Adela Korvan", "official", "would not confirm or deny", stance="decline", content="the talks"),
            att("she", "official", "said", stance="decline", type="direct", content="You will hear from me when there is something to say",
                resolved="Minister Adela Korvan"),
            att("The ministry", "organization", "denied", stance="deny", content="the Courier's report"),
        ],
        "times": [{"text": "Wednesday", "value": "2024-03-06"}, {"text": "Tuesday", "value": "2024-03-05"}],
    },
    "harborville_courier_minister_confirms.txt": {
        "headline": "Minister confirms Eastern Quay talks with Veltrana",
        "publisher": "Harborville Courier",
        "published_at": "2024-03-12T16:00:00Z",
        "updated_at": "2024-03-12T17:10:00Z",
        "url": "https://harborvillecourier.example/news/2024/03/12/korvan-confirms-eastern-quay-talks",
        "authors": [],
        "dateline": None,
        "story": "terminal-sale", "dup_group": "terminal-sale:courier-confirm", "role": "original",
        "origin": original(),
        "junk": [
            junk('<cms-video-embed data-state="{"cms.content.publishDate":1710259200000,"cms.content.updateDate":1710263400000,'
                 '"cms.content.canonicalUrl":"https://harborvillecourier.example/news/2024/03/12/korvan-confirms-eastern-quay-talks",'
                 '"rawHtml":"<div class=\\"hvc-video\\" data-clip=\\"9034\\"></div>\n<script type=\\"text/javascript\\">(function(d){ '
                 "var s = d.createElement('script'); s.src = '/player.js?clip=9034&w<1280'; d.body.appendChild(s); })(document);</script>\n\n"
                 '<p class=\\"caption\\">Korvan <b>before the committee</b></p>","_type":"v7c2"}\u201d>Video Embed', "embed"),
            junk("MAYOR UNVEILS PLAN FOR WATERFRONT TRAM LINE", "promo"),
            junk("Subscribe now: get all of the Courier's port coverage for $1 a week", "subscribe"),
            junk("CLICK HERE TO READ MORE FROM THE HARBORVILLE COURIER", "promo"),
        ],
        "attributions": [
            att("Minister of Ports Adela Korvan", "official", "confirmed", stance="confirm",
                content="her ministry has been negotiating with Veltrana Logistics"),
            att("Korvan", "official", "told", stance="confirm", type="direct",
                content="Yes, we have been talking to Veltrana, and to others. No decision has been taken"),
            att("She", "official", "acknowledged", stance="confirm", content="a first meeting with the company took place in February",
                resolved="Korvan"),
            att("Korvan", "official", "said", type="mixed", content="too narrowly"),
            att("Opposition lawmaker Petra Lindqvist", "person", "said", content="the committee would call the ministry's spokesperson"),
            att("The committee's interim report", "document", "cites", type="mixed", content="serious gaps"),
            att("Veltrana", "organization", "said", type="mixed", content="the minister's clarity"),
        ],
        "times": [{"text": "Tuesday", "value": "2024-03-12"}, {"text": "March 5", "value": "2024-03-05"}],
    },
    # ---------------------------------------------------------------- grain-pier-tender: the look-alike story
    "harborville_evening_star_grain_pier_tender.txt": {
        "headline": "Ports ministry opens tender for Harborville grain pier; Veltrana to bid",
        "publisher": "Harborville Evening Star",
        "published_at": "2024-04-22T08:15:00+00:00",
        "url": None,
        "authors": ["Nora Lindahl"],
        "dateline": None,
        "story": "grain-pier-tender", "dup_group": "grain-pier-tender:star", "role": "first_report",
        "origin": original(),
        "junk": [
            junk("By Nora Lindahl", "byline"),
            junk("Published 08:15 GMT, 22 April 2024", "dateline"),
            junk("The North Pier grain silos in Harborville. (Photo: Hal Brody/Harborville Evening Star)", "caption"),
            junk("Share this article: Facebook · X · WhatsApp · Email", "share"),
            junk("© 2024 Harborville Evening Star. All rights reserved.", "copyright"),
        ],
        "attributions": [
            att("Veltrana Logistics", "organization", "said", content="it would bid"),
            att("ministry spokesperson Tomas Reyl", "official", "said", content="The tender is separate from the Eastern Quay container terminal"),
            att("Reyl", "official", "said", type="direct", content="This is an open, public process. Anyone who meets the conditions can take part"),
            att("Veltrana spokesperson Dario Fenwick", "person", "said", type="mixed", content="intends to submit a competitive offer"),
        ],
        "times": [{"text": "Monday", "value": "2024-04-22"}, {"text": "June 14", "value": "2024-06-14"}],
    },
    "newswire_feed.jsonl:12": {
        "headline": "Harborville grain pier put up for 30-year lease",
        "publisher": "The Associated Press",
        "published_at": "2024-04-22T11:05:00-04:00",
        "url": "https://apnews.example/article/harborville-north-pier-grain-lease-tender",
        "authors": None,
        "dateline": {"text": "HARBORVILLE (AP) —", "place": "HARBORVILLE", "agency": "AP"},
        "story": "grain-pier-tender", "dup_group": "grain-pier-tender:ap", "role": "original",
        "origin": original(),
        "notes": "An agency's own reporting, not a copy of the March AP story despite the shared dateline and actors.",
        "junk": [],
    },
    "tavish_bay_herald_crawl.warc.gz:record 8": {
        "headline": "Veltrana hires advisers for Harborville grain pier bid",
        "publisher": "Tavish Bay Herald",
        "published_at": "2024-04-22T15:30:00+00:00",
        "url": "https://tavishbayherald.example/business/2024/04/22/veltrana-advisers-grain-pier-bid",
        "authors": ["Owen Crale"],
        "dateline": None,
        "story": "grain-pier-tender", "dup_group": "grain-pier-tender:tavish", "role": "original",
        "origin": original(),
        "must_not_contain": ["uses cookies", "Harborville harbour dues", "Registered office"],
        "attributions": [
            att("two people familiar with the company's plans", "anonymous", "said", content="hired advisers to prepare a bid"),
            att("A Veltrana spokesperson", "organization", "would not confirm", stance="decline", content="advisers had been hired"),
        ],
    },
    # ---------------------------------------------------------------- oakhollow-solar: press release and two pastes
    "newswire_feed.jsonl:6": {
        "headline": "Corvale Energy Cooperative to build 40-megawatt solar farm near Oakhollow",
        "publisher": "Corvale Energy Cooperative",
        "published_at": "2024-02-20T09:00:00-05:00",
        "url": "https://corvale-energy.example/news/oakhollow-solar-project",
        "authors": None,
        "dateline": {"text": "OAKHOLLOW, Feb. 20, 2024 —", "place": "OAKHOLLOW", "agency": None},
        "story": "oakhollow-solar", "dup_group": "oakhollow-solar:release", "role": "release",
        "origin": {"type": "press_release", "source": CORVALE["source"], "article_id": None}, "source_aliases": CORVALE["aliases"],
        "junk": [
            junk("About Corvale Energy Cooperative", "credit"),
            junk("Corvale Energy Cooperative is a member-owned electricity provider serving 48,000 households in the Orlen Valley. "
                 "For more information, visit corvale-energy.example.", "credit"),
            junk("Media contact: press@corvale-energy.example", "credit"),
        ],
        "attributions": [
            att("Corvale chief executive Helena Marsh", "person", "said", type="direct",
                content="Our members asked us for cleaner, locally produced power at a stable price. This project delivers exactly that"),
        ],
        "times": [{"text": "Feb. 20, 2024", "value": "2024-02-20"}, {"text": "March 5", "value": "2024-03-05"},
                  {"text": "March 7", "value": "2024-03-07"}],
    },
    "oakhollow_weekly_solar_farm.txt": {
        "headline": "Solar farm planned on old quarry land north of Oakhollow",
        "publisher": "Oakhollow Weekly",
        "published_at": "2024-02-20T16:10:00-05:00",
        "url": None,
        "authors": None,
        "dateline": {"text": "OAKHOLLOW —", "place": "OAKHOLLOW", "agency": None},
        "story": "oakhollow-solar", "dup_group": "oakhollow-solar:release", "role": "release_reuse",
        "origin": {"type": "press_release", "source": CORVALE["source"], "article_id": RELEASE}, "source_aliases": CORVALE["aliases"],
        "junk": [
            junk("By Oakhollow Weekly Staff", "byline"),
            junk("Published 4:10 p.m. ET, Feb. 20, 2024", "dateline"),
            junk("Read more: Quarry reclamation plan approved after long dispute", "related"),
            junk("Have a news tip? Email the newsroom at tips@oakhollowweekly.example", "credit"),
            junk("Copyright © 2024 Oakhollow Weekly", "copyright"),
        ],
    },
    "brisk_hollow_chronicle_solar_farm.html": {
        "headline": "Corvale plans 40-megawatt solar farm near Oakhollow",
        "publisher": "Brisk Hollow Chronicle",
        "published_at": "2024-02-21T06:00:00-05:00",
        "url": "https://briskhollowchronicle.example/local/corvale-solar-farm-oakhollow",
        "authors": ["Tobias Wren"],
        "dateline": None,
        "story": "oakhollow-solar", "dup_group": "oakhollow-solar:release", "role": "release_reuse",
        "origin": {"type": "press_release", "source": CORVALE["source"], "article_id": RELEASE}, "source_aliases": CORVALE["aliases"],
        "must_not_contain": ["We value your privacy", "Related stories", "Quarry reclamation", "Obituaries", "Advertise"],
    },
    # ---------------------------------------------------------------- the DESIGN.md example
    "design_example.txt": {
        "headline": "Minister resigned after secret budget talks: Report",
        "publisher": "Daily Ledger",
        "published_at": "2023-11-14T22:13:20Z",
        "updated_at": "2023-11-14T22:13:20Z",
        "url": None,
        "authors": [],
        "dateline": None,
        "story": "design-example", "dup_group": "design-example:ledger", "role": "rewrite",
        "origin": {"type": "rewrite", "source": None, "article_id": None},
        "notes": "Reports an unnamed 'report' ('according to a report', headline ends in ': Report'): a rewrite whose source is not named.",
        "junk": [
            junk('<cms-video-embed data-state="{"cms.content.publishDate":1700000000000,"cms.content.updateDate":1700000000000,'
                 '"rawHtml":"<div id=\\"Player_1\\"></div>\n\nvar _pl = _pl||[]; _pl.push({ "div": "Player_1", "obj": '
                 '{"id":"4411","video":"90210"} }); ","_type":"a1b2"}\u201d>Video Embed', "embed"),
            junk("SENATOR: BUDGET 'DEAD ON ARRIVAL' AFTER RESIGNATION", "promo"),
            junk("CLICK HERE TO READ MORE FROM THE DAILY LEDGER", "promo"),
            junk("Related Content", "related"),
        ],
        "attributions": [
            att("a report", "document", "according to", content="The finance minister stepped down on Tuesday"),
            att("two officials familiar with the talks", "anonymous", "cites", content=None),
            att("one official", "anonymous", "reportedly said", type="direct", content="It was over before it started"),
            att("The ministry", "organization", "denied", stance="deny", content="the report"),
            att("party officials", "official", "would not confirm", stance="decline", content="whether talks took place"),
        ],
        "times": [{"text": "Tuesday", "value": "2023-11-14"}],
    },
    # ---------------------------------------------------------------- unrelated single articles
    "ketterby_daily_news_snowstorm.txt": {
        "headline": "Snowstorm shuts schools across Ketterby County",
        "publisher": "Ketterby Daily News",
        "published_at": "2024-01-15T09:00:00Z",
        "updated_at": "2024-01-15T10:00:00Z",
        "url": None,
        "authors": [],
        "dateline": {"text": "KETTERBY —", "place": "KETTERBY", "agency": None},
        "story": "ketterby-snowstorm", "dup_group": "ketterby-snowstorm:kdn", "role": "original",
        "origin": original(),
        "junk": [
            junk('<cms-video-embed data-state="{"cms.content.publishDate":1705309200000,"cms.content.updateDate":1705312800000,'
                 '"rawHtml":"<div class=\\"kdn-player\\" data-id=\\"5521\\"></div>\n<script>window.kdn = window.kdn || []; '
                 'kdn.push(["load", {"clip": 5521, "autoplay": false, "ratio": "16>9"}]); if (kdn.length < 2) { kdn.push(["ads", "</div>"]); }'
                 '</script>\n\n","_type":"kdn9"}\u201d>Video Embed', "embed"),
            junk("POLICE: TWO HURT IN ICY PILEUP ON ROUTE 9", "promo"),
            junk("Follow us on Facebook and X for live updates.", "share"),
            junk("CLICK HERE TO READ MORE FROM THE KETTERBY DAILY NEWS", "promo"),
        ],
        "attributions": [
            att("The county's roads department", "organization", "said", content="60 ploughs had worked through the night"),
            att("Oskar Brandt", "person", "said", type="direct", content="We haven't seen snow like this in a decade"),
            att("the regional weather service", "organization", "according to", content="another 10 centimetres"),
        ],
        "times": [{"text": "Monday", "value": "2024-01-15"}, {"text": "Tuesday", "value": "2024-01-16"}],
    },
    "vennick_gazette_bike_lanes.txt": {
        "headline": "Vennick council approves protected bike lanes on Harrow Road",
        "publisher": "Vennick Gazette",
        "published_at": "2024-03-03T15:45:00-05:00",
        "url": None,
        "authors": ["Marcus Hale", "Priya Venn"],
        "dateline": {"text": "VENNICK —", "place": "VENNICK", "agency": None},
        "story": "vennick-bike-lanes", "dup_group": "vennick-bike-lanes:gazette", "role": "original",
        "origin": original(),
        "junk": [
            junk("By Marcus Hale and Priya Venn", "byline"),
            junk("Published 3:45 p.m. ET, March 3, 2024", "dateline"),
            junk("Cyclists ride along Harrow Road in Vennick on Saturday. (Photo by Priya Venn/Vennick Gazette)", "caption"),
            junk("Read more: Vennick's new parking rules, explained", "related"),
            junk("Enjoying our local coverage? Subscribe for $2 a month.", "subscribe"),
            junk("Share on Facebook   Share on X   Email this story", "share"),
            junk("Copyright 2024 Vennick Gazette. All rights reserved.", "copyright"),
        ],
        "attributions": [
            att("Council member Joanne Petrakis, who sponsored the plan", "official", "said", type="direct",
                content="Every month we wait, someone else gets hurt. We have the money and we have the design."),
            att("The Harrow Road Merchants Association", "organization", "said", content="losing 140 parking spaces would hurt small businesses"),
            att("city figures", "document", "According to", content="31 cyclists were injured"),
            att("the city's transport department", "organization", "said", content="Work is expected to begin in May"),
        ],
        "times": [{"text": "Saturday", "value": "2024-03-02"}],
    },
    "merrowgate_observer_museum.txt": {
        "headline": "Merrowgate maritime museum reopens after two-year restoration",
        "publisher": "Merrowgate Observer",
        "published_at": "2024-03-09T11:20:00+00:00",
        "url": None,
        "authors": [],
        "dateline": None,
        "story": "merrowgate-museum", "dup_group": "merrowgate-museum:observer", "role": "original",
        "origin": original(),
        "notes": "A kept paragraph holds a no-break space (14\u00a0million): cleaning must keep it verbatim.",
        "junk": [
            junk("Published 11:20 GMT, 9 March 2024", "dateline"),
            junk("Advertisement", "ad"),
            junk("Photo: Visitors look at the restored dry dock on Saturday. Credit: Ada Quill", "caption"),
            junk("Follow the Observer on Instagram", "share"),
            junk("© Merrowgate Observer 2024", "copyright"),
        ],
        "attributions": [
            att("director Colm Ashby", "person", "said", type="direct",
                content="We knew the building was old. We did not know it was sitting on a piece of history"),
            att("The museum's annual report", "document", "cites", content="a 40 percent rise in school visits"),
            att("the city council", "organization", "said", content="Tickets are free"),
        ],
        "times": [{"text": "Saturday", "value": "2024-03-09"}],
    },
    "dunhallow_evening_post_cup_final.html": {
        "headline": "Dunhallow Rovers win Orlen Cup with late penalty",
        "publisher": "Dunhallow Evening Post",
        "published_at": "2024-05-12T21:40:00+01:00",
        "url": None,
        "authors": ["Sam Keane"],
        "dateline": None,
        "story": "dunhallow-cup-final", "dup_group": "dunhallow-cup-final:post", "role": "original",
        "origin": original(),
        "notes": "Hostile markup: a <script>alert(1)</script> between paragraphs and an <img onerror=...> inside one; "
                 "neither may reach the body, and nothing may be executed or fetched.",
        "must_not_contain": ["alert(", "onerror", "<script", "<img", "document.cookie", "We use cookies", "Share this article",
                             "Latest sport", "Marathon route", "Sports Reporter", "dataLayer"],
        "attributions": [
            att("Marsh", "person", "said", type="direct", resolved="Captain Leon Marsh",
                content="I have waited my whole career for a night like this. The fans deserved it more than anyone"),
            att("Ketterby manager Alan Frey", "person", "said", type="mixed", content="punished for one moment of panic"),
            att("the organisers", "organization", "according to", content="a record for the competition"),
        ],
        "times": [{"text": "Sunday", "value": "2024-05-12"}],
    },
    "grevholt_ledger_election.html": {
        "headline": "Greens take most seats in Grevholt council election",
        "publisher": "Grevholt Ledger",
        "published_at": "2024-04-08T06:00:00+02:00",
        "url": None,
        "authors": ["Lotte Berg", "Henrik Aas"],
        "dateline": None,
        "story": "grevholt-election", "dup_group": "grevholt-election:ledger", "role": "original",
        "origin": original(),
        "notes": "The dek ('The party will need ...') is not body text (labelling policy of the cleaning gold).",
        "must_not_contain": ["The party will need at least one partner", "store and access information", "More politics",
                             "Tram plan splits", "Harbour Street 12", "Search the Ledger"],
        "attributions": [
            att("preliminary results from the city election office", "document", "according to", content="won 14 of the 41 seats"),
            att("Green Alliance leader Signe Dahl", "person", "said", type="mixed", content="every party that takes the housing shortage seriously"),
            att("he", "official", "told", type="direct", content="The voters wanted change, and I respect that", resolved="Frode Lie"),
        ],
        "times": [{"text": "Sunday", "value": "2024-04-07"}, {"text": "Wednesday", "value": "2024-04-10"}],
    },
    "tavish_bay_herald_crawl.warc.gz:record 5": {
        "headline": "Seagrass meadows are recovering in Tavish Bay, study finds",
        "publisher": "Tavish Bay Herald",
        "published_at": "2024-02-28T10:00:00+00:00",
        "url": "https://tavishbayherald.example/science/2024/02/28/seagrass-meadows-recovering",
        "authors": ["Mei Corran"],
        "dateline": None,
        "story": "seagrass-study", "dup_group": "seagrass-study:tavish", "role": "original",
        "origin": original(),
        "must_not_contain": ["uses cookies", "Grey seals return", "Registered office"],
        "attributions": [
            att("a study by marine biologists at Halvering University", "document", "according to", content="grown by almost a third"),
            att("lead author Farida Osei", "person", "said", type="direct",
                content="Seagrass is one of the best natural stores of carbon we have. Seeing it come back this quickly is remarkable"),
            att("The study", "document", "credits", content="a 2017 ban on anchoring"),
        ],
        "times": [{"text": "Wednesday", "value": "2024-02-28"}],
    },
    "newswire_feed.jsonl:7": {
        "headline": "Flood warning issued for the lower Orlen Valley",
        "publisher": "Orlen Valley Register",
        "published_at": None,
        "url": None,
        "authors": None,
        "dateline": None,
        "story": "orlen-flood-warning", "dup_group": "orlen-flood-warning:register", "role": "original",
        "origin": original(),
        "notes": "No date anywhere: not in the input fields, not in the text.",
        "junk": [],
        "attributions": [
            att("The regional water authority", "organization", "saying", content="water levels could rise by another metre"),
            att("authority engineer Dana Whitlock", "person", "said", type="direct", content="The river is already at the top of its banks"),
        ],
        "times": [],
    },
    "newswire_feed.jsonl:8": {
        "headline": "Kesselbrunn bekommt ein neues Hallenbad",
        "publisher": "Kesselbrunner Anzeiger",
        "published_at": "2024-02-14T10:00:00+01:00",
        "url": "https://kesselbrunner-anzeiger.example/lokales/neues-hallenbad",
        "authors": None,
        "language": "de",
        "dateline": None,
        "story": "kesselbrunn-pool", "dup_group": "kesselbrunn-pool:anzeiger", "role": "original",
        "origin": original(),
        "notes": "German: cleaning keeps it; an English-only analysis may skip it as 'language' (DESIGN.md: skipped by policy).",
        "junk": [],
    },
    "newswire_feed.jsonl:9": {
        "headline": "Vennick library reopens",
        "publisher": "Vennick Gazette",
        "published_at": "2024-03-09T12:00:00-05:00",
        "url": None,
        "authors": None,
        "dateline": None,
        "story": "vennick-library", "dup_group": "vennick-library:gazette", "role": "original",
        "origin": original(),
        "headline_in_text": False,
        "notes": "Very short: one sentence, the headline only in the 'title' field.",
        "junk": [],
        "attributions": [att("the city", "organization", "said", content="Vennick's central library reopened")],
        "times": [{"text": "Saturday", "value": "2024-03-09"}],
    },
    "newswire_feed.jsonl:10": {
        "headline": "Hospital waiting times fall for first time in three years, report says",
        "publisher": "Quarrington Star",
        "published_at": "2024-02-16T09:30:00Z",
        "url": None,
        "authors": None,
        "dateline": None,
        "story": "quarrington-hospital-waits", "dup_group": "quarrington-hospital-waits:star", "role": "original",
        "origin": original(),
        "junk": [],
        "attributions": [
            att("a report by the regional health department", "document", "according to", content="fell to 14 weeks"),
            att("The report", "document", "cites", content="more operating theatre hours"),
            att("Dr. Imogen Hart, who chairs the regional doctors' association", "person", "said", type="direct",
                content="It is a start, but 14 weeks is still too long"),
            att("The health department", "organization", "said", content="waiting times to fall further"),
        ],
        "times": [{"text": "Thursday", "value": "2024-02-15"}],
    },
    "newswire_feed.jsonl:11": {
        "headline": "Brisklane Bank app outage leaves customers unable to pay",
        "publisher": "Faldon Gazette",
        "published_at": "2024-02-23T19:20:00+00:00",
        "url": None,
        "authors": None,
        "dateline": None,
        "story": "brisklane-outage", "dup_group": "brisklane-outage:gazette", "role": "original",
        "origin": original(),
        "junk": [],
        "attributions": [
            att("the bank", "organization", "said", content="unable to log in"),
            att("A spokesperson", "organization", "said", type="mixed", content="a failed software update"),
            att("The bank", "organization", "declined to comment", stance="decline", content="whether customers would be compensated"),
            att("Faldon resident Greta Holm", "person", "said", type="direct", content="I stood at the checkout"),
        ],
        "times": [{"text": "Friday", "value": "2024-02-23"}],
    },
    "archive_feed.jsonl.gz:3": {
        "headline": "Quillford Foods quarterly profit beats forecasts on strong snack sales",
        "publisher": "Reuters",
        "published_at": "2024-02-08T08:05:00Z",
        "url": None,
        "authors": None,
        "dateline": {"text": "BRENNICK, Feb 8 (Reuters) -", "place": "BRENNICK", "agency": "Reuters"},
        "story": "quillford-results", "dup_group": "quillford-results:reuters", "role": "original",
        "origin": original(),
        "junk": [junk("(Reporting by Jonas Ekdahl; Editing by Mira Castell)", "credit")],
        "attributions": [
            att("Chief executive Ruth Okafor", "person", "said", content="demand had held up despite price increases"),
            att("she", "person", "told", type="direct", content="Shoppers are trading down in some categories", resolved="Ruth Okafor"),
        ],
        "times": [{"text": "Feb 8", "value": "2024-02-08"}, {"text": "Thursday", "value": "2024-02-08"}],
    },
    "archive_feed.jsonl.gz:4": {
        "headline": "Former Castelvore mayor goes on trial over sports hall contracts",
        "publisher": "AFP",
        "published_at": "2024-01-24T14:30:00+01:00",
        "url": None,
        "authors": None,
        "dateline": {"text": "Castelvore (AFP) -", "place": "Castelvore", "agency": "AFP"},
        "story": "castelvore-trial", "dup_group": "castelvore-trial:afp", "role": "original",
        "origin": original(),
        "junk": [],
        "attributions": [
            att("Bernard Lacaze, 64, who led the town for 14 years", "person", "denies", stance="deny", content="all charges"),
            att("Prosecutors", "official", "say", content="three contracts were awarded without a proper tender"),
        ],
        "times": [{"text": "Wednesday", "value": "2024-01-24"}],
    },
}


def _key(source: str) -> str:
    """The corpus-relative key of an ingest ``source`` (``<path>``, ``<path>:N`` or ``<path>:record N``)."""
    prefix = str(CORPUS) + "/"
    if not source.startswith(prefix):
        raise ValueError(f"source outside the corpus: {source}")
    return source[len(prefix):]


def _format(key: str) -> str:
    name = key.split(":", 1)[0]
    for suffix in ("jsonl.gz", "warc.gz", "jsonl", "txt", "html"):
        if name.endswith("." + suffix):
            return suffix
    raise ValueError(key)


def text_body(text: str, junk_items: list[dict[str, str]], headline_in_text: bool) -> str:
    """The expected body of a raw-text input: non-blank lines minus the headline line and every junk piece."""
    for item in junk_items:
        if "\n" in item["text"]:  # a multi-line embed: cut the exact span first
            if text.count(item["text"]) != 1:
                raise ValueError(f"multi-line junk not found exactly once: {item['text'][:60]!r}")
            text = text.replace(item["text"], "")
    lines = [line for line in text.split("\n") if line.strip()]
    if headline_in_text:
        lines = lines[1:]
    single = [item["text"] for item in junk_items if "\n" not in item["text"]]
    for piece in single:
        if sum(line == piece for line in lines) != 1:
            raise ValueError(f"junk line not found exactly once: {piece!r}")
    return "\n\n".join(line for line in lines if line not in single)


def html_body(html: str) -> str:
    """The ideal extraction of a page: the class-less ``<p>`` elements inside ``<article>``, in order."""
    import lxml.html

    tree = lxml.html.fromstring(html)
    return "\n\n".join(p.text_content().strip() for p in tree.xpath("//article//p[not(@class)]"))


def build() -> dict[str, Any]:
    sys.path.insert(0, str(HERE.parent / "src"))
    from newstrace.errors import InputError
    from newstrace.ingest import read_inputs

    ids: dict[str, str] = {}
    articles: list[dict[str, Any]] = []
    for doc in read_inputs([str(CORPUS)]):
        if isinstance(doc, InputError):
            raise SystemExit(f"the corpus must read without rejections: {doc}")
        key = _key(doc.source or "")
        if key not in FACTS:
            raise SystemExit(f"no facts for {key}")
        ids[key] = doc.id
        facts = dict(FACTS[key])
        kind = "text" if doc.text is not None else "html"
        headline_in_text = facts.pop("headline_in_text", True)
        record: dict[str, Any] = {
            "source": key,
            "id": doc.id,
            "input_id": doc.id if _format(key).startswith("jsonl") else None,
            "format": _format(key),
            "input_kind": kind,
            "headline": facts.pop("headline"),
            "publisher": facts.pop("publisher"),
            "published_at": facts.pop("published_at"),
            "updated_at": facts.pop("updated_at", None),
            "url": facts.pop("url"),
            "authors": facts.pop("authors"),
            "language": facts.pop("language", "en"),
            "dateline": facts.pop("dateline"),
            "story": facts.pop("story"),
            "dup_group": facts.pop("dup_group"),
            "origin": dict(facts.pop("origin")),
            "source_aliases": facts.pop("source_aliases", []),
            "role": facts.pop("role"),
        }
        if kind == "text":
            junk_items = facts.pop("junk")
            record["junk"] = junk_items
            record["body"] = text_body(doc.text or "", junk_items, headline_in_text)
        else:
            record["body"] = html_body(doc.html or "")
            record["must_not_contain"] = facts.pop("must_not_contain")
        record["attributions"] = facts.pop("attributions", [])
        record["times"] = facts.pop("times", None)
        record["notes"] = facts.pop("notes", None)
        if facts:
            raise SystemExit(f"{key}: unknown fact fields {sorted(facts)}")
        _check(record)
        articles.append(record)
    missing = set(FACTS) - set(ids)
    if missing:
        raise SystemExit(f"facts for articles not in the corpus: {sorted(missing)}")
    for record in articles:
        ref = record["origin"]["article_id"]
        if ref is not None:
            record["origin"]["article_id"] = ids[ref.lstrip("@")]
    return {
        "about": "Known facts of every article in examples/corpus (see examples/README.md). Written by "
                 "examples/build_expected.py; do not edit by hand.",
        "conventions": {
            "source": "file name relative to examples/corpus; 'file.jsonl:N' = line N; 'file.warc.gz:record N' = the N-th WARC record",
            "id": "the article id newstrace gives it: the JSONL id, else the content hash computed by newstrace.ingest",
            "published_at": "ISO 8601 with the source's UTC offset; epoch-millisecond times in Z. Compare instants (Z == +00:00)",
            "authors": "null = no expectation (agency or staff bylines, no byline)",
            "body": "raw text: exact expected body (kept lines verbatim, joined by a blank line); "
                    "html: the ideal extraction (the article's paragraphs)",
            "junk": "pieces cleaning must remove, with the expected reason slug; the headline line is never body",
            "origin": "as /work/shared/data/provenance/README.md: original | wire_copy | rewrite | press_release",
            "attributions": "a subset of what the article holds: source and cue as written in the body, "
                            "content_contains = a phrase inside the content span",
            "times": "relative or partial dates and the ISO date they resolve to (against the local publication date); "
                     "null = no expectation",
        },
        "stories": STORIES,
        "articles": articles,
    }


def _check(record: dict[str, Any]) -> None:
    """Every attribution and time text must occur in the expected body."""
    body = record["body"]
    for item in record["attributions"]:
        for field in ("source", "cue", "content_contains"):
            value = item.get(field)
            if value is not None and value not in body:
                raise SystemExit(f"{record['source']}: attribution {field} {value!r} is not in the body")
        if item.get("resolved") is not None and item["resolved"] not in body:
            raise SystemExit(f"{record['source']}: attribution referent {item['resolved']!r} is not in the body")
    for item in record["times"] or []:
        if item["text"] not in body:
            raise SystemExit(f"{record['source']}: time {item['text']!r} is not in the body")
    if record["dateline"] is not None and not body.startswith(record["dateline"]["text"]):
        raise SystemExit(f"{record['source']}: the body does not start with the dateline {record['dateline']['text']!r}")
    for text in record.get("must_not_contain", []):
        if text in body:
            raise SystemExit(f"{record['source']}: must_not_contain {text!r} is in the ideal body")


def render(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when the committed file differs from a fresh build")
    args = parser.parse_args(argv)
    text = render(build())
    if args.check:
        if not OUT.exists() or OUT.read_text(encoding="utf-8") != text:
            print(f"{OUT} is stale: run examples/build_expected.py", file=sys.stderr)
            return 1
        return 0
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT} ({len(data_articles(text))} articles)")
    return 0


def data_articles(text: str) -> list[Any]:
    return list(json.loads(text)["articles"])


if __name__ == "__main__":
    sys.exit(main())
