"""Write the JSONL feeds of the sample corpus: ``corpus/newswire_feed.jsonl`` and ``corpus/archive_feed.jsonl.gz``.

Every article here is synthetic (invented people, places, companies and outlets; AP, Reuters and AFP
appear only as wire-agency names). The output is deterministic (fixed key order, gzip mtime 0), so
re-running the script leaves the committed files byte-identical. Run from the repository root:

    .venv/bin/python examples/make_corpus_feeds.py
"""

from __future__ import annotations

import argparse
import gzip
import json
from pathlib import Path
from typing import Any

CORPUS = Path(__file__).resolve().parent / "corpus"


def _text(*paragraphs: str) -> str:
    """Raw text in the usual scraped layout: headline, blank line, paragraphs split by blank lines."""
    return "\n\n".join(paragraphs) + "\n"


SELBROOK_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Harborville port terminal stake talks reported - Selbrook Morning Post</title>
<meta property="og:site_name" content="Selbrook Morning Post">
<meta property="article:published_time" content="2024-03-04T15:02:00+00:00">
</head><body>
<div class="cookies">We use cookies. <button>Accept</button></div>
<header><a href="/">Selbrook Morning Post</a><nav><a href="/news">News</a> <a href="/region">Region</a> <a href="/business">Business</a></nav></header>
<main><article>
<h1>Harborville port terminal stake talks reported</h1>
<p class="byline">By The Associated Press</p>
<p>HARBORVILLE (AP) \u2014 The Ministry of Ports is negotiating the sale of a 49% stake in Harborville's Eastern Quay container terminal to the private operator Veltrana Logistics, the Harborville Courier first reported Monday.</p>
<p>The Courier, citing two people familiar with the matter, said the talks began in February and a draft agreement could be ready by the summer. The Associated Press could not independently confirm the report.</p>
<p>Ministry spokesperson Tomas Reyl said Monday that the ministry "does not comment on speculation about commercial matters." Veltrana did not immediately respond to an email seeking comment.</p>
<p>The Harborville Dockworkers' Union said it had not been consulted. "If the terminal is being sold, the people who work there should hear it from the ministry. Not from a newspaper," union leader Rosa Almeda said.</p>
<p>The ministry held a first meeting with Veltrana executives on Feb. 24, according to one of the people cited by the Courier.</p>
</article>
<aside><h2>Read next</h2><ul><li><a href="/region/ferry-timetable">New ferry timetable starts in April</a></li></ul></aside>
</main>
<footer>\u00a9 2024 Selbrook Morning Post</footer>
</body></html>
"""

PELLHAM_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Port sale talks lift Veltrana shares | Pellham Times</title>
<meta property="og:site_name" content="Pellham Times">
<meta property="article:published_time" content="2024-03-04T14:55:00+00:00">
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Port sale talks lift Veltrana shares", "datePublished": "2024-03-04T14:55:00+00:00", "author": {"@type": "Person", "name": "Kit Halloran"}}</script>
</head><body>
<header><a href="/">Pellham Times</a><nav><a href="/markets">Markets</a> <a href="/companies">Companies</a></nav></header>
<main><article>
<h1>Port sale talks lift Veltrana shares</h1>
<p class="byline">By Kit Halloran</p>
<p>Shares in Veltrana Group climbed 3.4 percent on Monday after Reuters reported that the Ministry of Ports was in talks to sell nearly half of Harborville's Eastern Quay container terminal to the group's logistics arm.</p>
<p>Reuters, citing the Harborville Courier, said a ministry spokesperson had declined to comment.</p>
<p>Analysts at Brennick Securities said a deal would add steady income to a business that has relied on volatile freight rates. "Terminals are the utility end of logistics," analyst Oona Pike wrote in a note to clients.</p>
<p>Veltrana Group did not respond to a request for comment from the Pellham Times.</p>
</article></main>
<footer><p>Pellham Times \u00b7 Markets data delayed 15 minutes</p></footer>
</body></html>
"""

NEWSWIRE_FEED: list[dict[str, Any]] = [
    {
        "id": "ap-harborville-terminal-0304",
        "url": "https://apnews.example/article/harborville-eastern-quay-stake-veltrana",
        "publisher": "The Associated Press",
        "published_at": "2024-03-04T08:20:00-05:00",
        "text": _text(
            "Ports ministry in talks to sell stake in Harborville terminal, newspaper reports",
            "HARBORVILLE (AP) \u2014 The Ministry of Ports is negotiating the sale of a 49% stake in Harborville's Eastern Quay container terminal to the private operator Veltrana Logistics, the Harborville Courier first reported Monday.",
            "The Courier, citing two people familiar with the matter, said the talks began in February and a draft agreement could be ready by the summer. The Associated Press could not independently confirm the report.",
            'Ministry spokesperson Tomas Reyl said Monday that the ministry "does not comment on speculation about commercial matters." Veltrana did not immediately respond to an email seeking comment.',
            "The Harborville Dockworkers' Union said it had not been consulted. \"If the terminal is being sold, the people who work there should hear it from the ministry. Not from a newspaper,\" union leader Rosa Almeda said.",
            "The ministry held a first meeting with Veltrana executives on Feb. 24, according to one of the people cited by the Courier.",
            "The Eastern Quay terminal is the country's second-busiest container port and handled about 1.2 million containers last year.",
            "Opposition lawmaker Petra Lindqvist called on the minister to appear before parliament's transport committee.",
        ),
    },
    {
        "id": "reuters-harborville-terminal-0304",
        "url": "https://reuters.example/business/harborville-port-terminal-stake-sale-under-discussion-courier-2024-03-04",
        "publisher": "Reuters",
        "published_at": "2024-03-04T11:45:00Z",
        "title": "Harborville port terminal stake sale under discussion - Courier",
        "text": _text(
            "Harborville port terminal stake sale under discussion - Courier",
            "HARBORVILLE, March 4 (Reuters) - The Ministry of Ports is in talks to sell almost half of the Eastern Quay container terminal to Veltrana Logistics, the Harborville Courier reported on Monday, citing two people familiar with the matter.",
            "Reuters could not immediately verify the report. A ministry spokesperson declined to comment. Veltrana did not respond to a request for comment outside business hours.",
            "A sale would be the largest privatisation in the ports sector in a decade, according to figures from the national statistics office.",
            "Shares in Veltrana's listed parent, Veltrana Group, rose 3.1% in early trading.",
            "(Reporting by Jonas Ekdahl; Editing by Mira Castell)",
        ),
    },
    {
        "id": "quarrington-star-terminal-report",
        "publisher": "Quarrington Star",
        "published_at": "2024-03-04T10:15:00Z",
        "text": _text(
            "Report: Ports ministry eyes partial sale of Eastern Quay terminal",
            "The government is in talks to sell a large stake in the Eastern Quay container terminal in Harborville to Veltrana Logistics, according to the Harborville Courier.",
            'The newspaper said on Monday that the negotiations had been running since February and were known only to a handful of officials. It quoted one official as saying the minister wanted the deal "signed before anyone can object."',
            'Quarrington shippers who route goods through Eastern Quay said they feared higher handling fees. "Private operators answer to shareholders first," said Anil Dassow, who runs a freight forwarding firm in the city.',
            "The Ministry of Ports did not answer questions sent by the Star on Monday.",
        ),
    },
    {
        "id": "selbrook-post-terminal-wire",
        "url": "https://selbrookpost.example/region/2024/03/04/harborville-terminal-stake",
        "publisher": "Selbrook Morning Post",
        "published_at": "2024-03-04T15:02:00Z",
        "html": SELBROOK_HTML,
    },
    {
        "id": "pellham-times-veltrana-shares",
        "url": "https://pellhamtimes.example/markets/veltrana-shares-port-sale-talks",
        "publisher": "Pellham Times",
        "published_at": "2024-03-04T14:55:00Z",
        "html": PELLHAM_HTML,
    },
    {
        "id": "corvale-release-oakhollow-solar",
        "url": "https://corvale-energy.example/news/oakhollow-solar-project",
        "publisher": "Corvale Energy Cooperative",
        "published_at": "2024-02-20T09:00:00-05:00",
        "text": _text(
            "Corvale Energy Cooperative to build 40-megawatt solar farm near Oakhollow",
            "OAKHOLLOW, Feb. 20, 2024 \u2014 Corvale Energy Cooperative today announced plans to build a 40-megawatt solar farm on 300 acres of former quarry land north of Oakhollow, the cooperative's largest renewable project to date.",
            "The Oakhollow Solar Project is expected to supply enough electricity for about 9,000 homes once it begins operating in late 2025. Construction is scheduled to start this autumn and will create about 120 temporary jobs.",
            '"Our members asked us for cleaner, locally produced power at a stable price. This project delivers exactly that," said Corvale chief executive Helena Marsh. "It also gives a second life to land that has stood empty for twenty years."',
            "The cooperative will hold two public information evenings at the Oakhollow community hall on March 5 and March 7.",
            "About Corvale Energy Cooperative",
            "Corvale Energy Cooperative is a member-owned electricity provider serving 48,000 households in the Orlen Valley. For more information, visit corvale-energy.example.",
            "Media contact: press@corvale-energy.example",
        ),
    },
    {
        "id": "orlen-register-flood-warning",
        "publisher": "Orlen Valley Register",
        "text": _text(
            "Flood warning issued for the lower Orlen Valley",
            "The regional water authority issued a flood warning for villages along the lower Orlen River, saying water levels could rise by another metre within two days.",
            'Residents of Cressby and Low Marden were told to move cars and valuables to higher ground. "The river is already at the top of its banks in several places," said authority engineer Dana Whitlock.',
            "Emergency shelters have opened in the school halls of both villages.",
        ),
    },
    {
        "id": "kesselbrunner-anzeiger-hallenbad",
        "url": "https://kesselbrunner-anzeiger.example/lokales/neues-hallenbad",
        "publisher": "Kesselbrunner Anzeiger",
        "published_at": "2024-02-14T10:00:00+01:00",
        "text": _text(
            "Kesselbrunn bekommt ein neues Hallenbad",
            "Der Stadtrat von Kesselbrunn hat am Dienstag mit gro\u00dfer Mehrheit den Bau eines neuen Hallenbads beschlossen. Die Kosten werden auf rund 18 Millionen Euro gesch\u00e4tzt.",
            "\u201eDas alte Bad ist seit drei Jahren geschlossen, und die Schulen brauchen dringend Schwimmunterricht\u201c, sagte B\u00fcrgermeisterin Renate Falk nach der Sitzung.",
            "Nach Angaben der Stadtverwaltung soll der Bau im Herbst beginnen und Ende 2026 abgeschlossen sein.",
        ),
    },
    {
        "id": "vennick-library-reopens",
        "title": "Vennick library reopens",
        "publisher": "Vennick Gazette",
        "published_at": "2024-03-09T12:00:00-05:00",
        "text": "Vennick's central library reopened on Saturday after roof repairs, the city said.",
    },
    {
        "id": "quarrington-star-hospital-waits",
        "publisher": "Quarrington Star",
        "published_at": "2024-02-16T09:30:00Z",
        "text": _text(
            "Hospital waiting times fall for first time in three years, report says",
            "The average wait for planned surgery at Quarrington's three public hospitals fell to 14 weeks last year, according to a report by the regional health department published on Thursday.",
            "The report cites more operating theatre hours and a new day-surgery unit at St. Aldric's Hospital.",
            '"It is a start, but 14 weeks is still too long for a hip replacement," said Dr. Imogen Hart, who chairs the regional doctors\' association.',
            "The health department said it expects waiting times to fall further this year.",
        ),
    },
    {
        "id": "faldon-gazette-bank-outage",
        "publisher": "Faldon Gazette",
        "published_at": "2024-02-23T19:20:00+00:00",
        "text": _text(
            "Brisklane Bank app outage leaves customers unable to pay",
            "Customers of Brisklane Bank were unable to log in to its mobile app or use their cards online for about six hours on Friday, the bank said.",
            'A spokesperson said the fault was caused by "a failed software update" and that no customer data had been affected. The bank declined to comment on whether customers would be compensated.',
            '"I stood at the checkout with a full trolley and nothing worked," said Faldon resident Greta Holm.',
        ),
    },
    {
        "id": "ap-harborville-grain-pier-0422",
        "url": "https://apnews.example/article/harborville-north-pier-grain-lease-tender",
        "publisher": "The Associated Press",
        "published_at": "2024-04-22T11:05:00-04:00",
        "text": _text(
            "Harborville grain pier put up for 30-year lease",
            "HARBORVILLE (AP) \u2014 The Ministry of Ports on Monday invited bids to lease Harborville's North Pier grain terminal for 30 years, and the private port operator Veltrana Logistics said it would take part.",
            "The tender comes weeks after the ministry confirmed separate talks with Veltrana over a stake in the city's Eastern Quay container terminal.",
            'Ministry spokesperson Tomas Reyl said the grain pier process was "open to every qualified operator." Bids are due June 14.',
        ),
    },
]

ARCHIVE_FEED: list[dict[str, Any]] = [
    {
        "id": "merrowgate-observer-veltrana-shares",
        "publisher": "Merrowgate Observer",
        "published_at": "2024-03-04T12:30:00Z",
        "text": _text(
            "Veltrana shares rise on report of Harborville terminal talks",
            "HARBORVILLE, March 4 (Reuters) - The Ministry of Ports is in talks to sell almost half of the Eastern Quay container terminal to Veltrana Logistics, the Harborville Courier reported on Monday, citing two people familiar with the matter.",
            "Reuters could not immediately verify the report. A ministry spokesperson declined to comment. Veltrana did not respond to a request for comment.",
            "A sale would be the largest privatisation in the ports sector in a decade, according to figures from the national statistics office.",
            "Shares in Veltrana's listed parent, Veltrana Group, rose 3.1% in early trading.",
            "Copyright 2024 Reuters. All rights reserved.",
        ),
    },
    {
        "id": "faldon-gazette-terminal-explainer",
        "url": "https://faldongazette.example/explainers/harborville-terminal-sale",
        "publisher": "Faldon Gazette",
        "published_at": "2024-03-04T17:40:00+01:00",
        "text": _text(
            "Harborville terminal: what we know about the reported sale",
            "The Harborville Courier first reported on Monday that the Ministry of Ports had opened talks with Veltrana Logistics over a 49 percent stake in the Eastern Quay terminal.",
            "Here is what is known so far: the talks are said to have started in February, no price has been reported, and neither side has confirmed them.",
            "Veltrana already operates two smaller quays in Harborville under a 25-year lease signed in 2016.",
            'Opposition lawmaker Petra Lindqvist wrote on social media: "Any sale of strategic infrastructure has to come before this house."',
        ),
    },
    {
        "id": "reuters-quillford-results",
        "publisher": "Reuters",
        "published_at": "2024-02-08T08:05:00Z",
        "text": _text(
            "Quillford Foods quarterly profit beats forecasts on strong snack sales",
            "BRENNICK, Feb 8 (Reuters) - Quillford Foods reported a better-than-expected rise in fourth-quarter profit on Thursday, helped by strong demand for its snack brands and lower packaging costs.",
            "Net profit rose 12% to 214 million euros, above the 198 million euros expected by analysts, according to a company-compiled consensus.",
            'Chief executive Ruth Okafor said demand had held up despite price increases. "Shoppers are trading down in some categories, but not in snacks," she told analysts on a call.',
            "Quillford shares rose 4.2% in morning trading.",
            "(Reporting by Jonas Ekdahl; Editing by Mira Castell)",
        ),
    },
    {
        "id": "afp-castelvore-trial",
        "publisher": "AFP",
        "published_at": "2024-01-24T14:30:00+01:00",
        "text": _text(
            "Former Castelvore mayor goes on trial over sports hall contracts",
            "Castelvore (AFP) - The former mayor of Castelvore went on trial on Wednesday accused of steering 6 million euros of public contracts for a municipal sports hall to companies run by his friends.",
            'Bernard Lacaze, 64, who led the town for 14 years, denies all charges. His lawyer told reporters the case rested "on rumours and the testimony of a disgruntled former employee".',
            "Prosecutors say three contracts were awarded without a proper tender between 2017 and 2019. The trial is expected to last two weeks.",
        ),
    },
]


def _line(row: dict[str, Any]) -> str:
    return json.dumps(row, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out-dir", type=Path, default=CORPUS, help=f"output directory (default {CORPUS})")
    out_dir: Path = parser.parse_args(argv).out_dir
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "newswire_feed.jsonl").write_text("".join(_line(r) for r in NEWSWIRE_FEED), encoding="utf-8")
    payload = "".join(_line(r) for r in ARCHIVE_FEED).encode("utf-8")
    with open(out_dir / "archive_feed.jsonl.gz", "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as gz:
        gz.write(payload)


if __name__ == "__main__":
    main()
