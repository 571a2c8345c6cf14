"""Write ``corpus/tavish_bay_herald_crawl.warc.gz``: a small synthetic crawl of one outlet.

Records, in order: a ``warcinfo`` record, then for each page a ``request`` and an HTML ``response``,
and one ``image/png`` response that is not an article. The three HTML pages (one per article) are
synthetic: invented outlet, people and places; AP appears only as a wire-agency name. Record ids,
dates and gzip headers are fixed, so re-running the script reproduces the committed file exactly:

    .venv/bin/python examples/make_corpus_warc.py
"""

from __future__ import annotations

import argparse
import base64
import io
import uuid
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

OUT = Path(__file__).resolve().parent / "corpus" / "tavish_bay_herald_crawl.warc.gz"
SITE = "https://tavishbayherald.example"

# A 1x1 transparent PNG: a non-HTML response the reader must pass over.
PIXEL_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)


def page(headline: str, published: str, author: str, section: str, paragraphs: list[str], related: list[str]) -> str:
    """One article page in the outlet's template (the same chrome on every page)."""
    body = "\n".join(f"      <p>{p}</p>" for p in paragraphs)
    links = "\n".join(f'        <li><a href="/{section.lower()}/{i}">{t}</a></li>' for i, t in enumerate(related, 1))
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{headline} | Tavish Bay Herald</title>
  <meta property="og:title" content="{headline}">
  <meta property="og:site_name" content="Tavish Bay Herald">
  <meta property="article:published_time" content="{published}">
  <meta name="author" content="{author}">
  <script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "{headline}", "datePublished": "{published}", "author": {{"@type": "Person", "name": "{author}"}}, "publisher": {{"@type": "Organization", "name": "Tavish Bay Herald"}}}}</script>
</head>
<body>
  <div class="cookie-banner">The Tavish Bay Herald uses cookies for analytics and advertising. <button>Accept</button> <button>Settings</button></div>
  <header>
    <a class="logo" href="/">Tavish Bay Herald</a>
    <nav><a href="/news">News</a> <a href="/business">Business</a> <a href="/science">Science</a> <a href="/coast">Coast</a> <a href="/subscribe">Subscribe</a></nav>
  </header>
  <main>
    <article>
      <h1>{headline}</h1>
      <p class="byline">By {author} &middot; {section}</p>
{body}
    </article>
    <aside class="related">
      <h2>Related</h2>
      <ul>
{links}
      </ul>
    </aside>
  </main>
  <footer><p>&copy; 2024 Tavish Bay Herald. Registered office: 4 Quay Lane, Tavish Bay.</p></footer>
</body>
</html>
"""


PAGES = [
    (
        "/business/2024/03/04/harborville-terminal-sale-talks",
        "2024-03-04T16:12:00Z",
        page(
            "Harborville terminal sale talks reported",
            "2024-03-04T16:10:00+00:00",
            "The Associated Press",
            "Business",
            [
                "HARBORVILLE (AP) \u2014 The Ministry of Ports is negotiating the sale of a 49% stake in Harborville's Eastern Quay container terminal to the private operator Veltrana Logistics, the Harborville Courier first reported Monday.",
                "The Courier, citing two people familiar with the matter, said the talks began in February and a draft agreement could be ready by the summer. The Associated Press could not independently confirm the report.",
                'Ministry spokesperson Tomas Reyl said Monday that the ministry "does not comment on speculation about commercial matters." Veltrana did not immediately respond to an email seeking comment.',
                "The Eastern Quay terminal is the country's second-busiest container port and handled about 1.2 million containers last year.",
            ],
            ["Tavish Bay ferry fares frozen for 2024", "Fish market moves to new hall"],
        ),
    ),
    (
        "/science/2024/02/28/seagrass-meadows-recovering",
        "2024-02-28T10:03:00Z",
        page(
            "Seagrass meadows are recovering in Tavish Bay, study finds",
            "2024-02-28T10:00:00+00:00",
            "Mei Corran",
            "Science",
            [
                "Seagrass meadows in Tavish Bay have grown by almost a third since 2018, according to a study by marine biologists at Halvering University published on Wednesday.",
                "The researchers mapped the meadows from drone images and found that the largest, off Gull Point, now covers 42 hectares.",
                "\u201cSeagrass is one of the best natural stores of carbon we have. Seeing it come back this quickly is remarkable,\u201d said lead author Farida Osei.",
                "The study credits a 2017 ban on anchoring in the shallow northern half of the bay.",
            ],
            ["Grey seals return to Gull Point", "Beach clean-up draws record crowd"],
        ),
    ),
    (
        "/business/2024/04/22/veltrana-advisers-grain-pier-bid",
        "2024-04-22T15:33:00Z",
        page(
            "Veltrana hires advisers for Harborville grain pier bid",
            "2024-04-22T15:30:00+00:00",
            "Owen Crale",
            "Business",
            [
                "Veltrana Logistics has hired advisers to prepare a bid for the 30-year lease of Harborville's North Pier grain terminal, two people familiar with the company's plans said on Monday.",
                "The Ministry of Ports opened the tender earlier in the day. A Veltrana spokesperson would not confirm that advisers had been hired.",
                "Grain traders said a private operator could replace the pier's ageing conveyors, which broke down three times last winter.",
            ],
            ["Harborville harbour dues to rise in July", "Tavish Bay boatyard wins navy contract"],
        ),
    ),
]


def _record_id(n: int) -> str:
    return f"<urn:uuid:{uuid.UUID(int=0x7a71_5b00_0000_4000_8000_0000_0000_0000 + n)}>"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=OUT, help=f"output file (default {OUT})")
    out: Path = parser.parse_args(argv).out
    out.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    counter = iter(range(1, 100))

    info = writer.create_warcinfo_record(
        "tavish_bay_herald_crawl.warc.gz",
        {"software": "examples/make_corpus_warc.py (newstrace sample corpus)", "format": "WARC File Format 1.1"},
    )
    info.rec_headers.replace_header("WARC-Record-ID", _record_id(next(counter)))
    info.rec_headers.replace_header("WARC-Date", "2024-04-23T08:00:00Z")
    writer.write_record(info)

    def write_pair(path: str, date: str, payload: bytes, content_type: str) -> None:
        url = SITE + path
        request = writer.create_warc_record(
            url,
            "request",
            payload=io.BytesIO(b""),
            http_headers=StatusAndHeaders(f"GET {path} HTTP/1.1", [("Host", SITE.split("//")[1]), ("User-Agent", "newstrace-sample/1.0")], is_http_request=True),
            warc_headers_dict={"WARC-Record-ID": _record_id(next(counter)), "WARC-Date": date},
        )
        writer.write_record(request)
        response = writer.create_warc_record(
            url,
            "response",
            payload=io.BytesIO(payload),
            http_headers=StatusAndHeaders("200 OK", [("Content-Type", content_type), ("Content-Length", str(len(payload)))], protocol="HTTP/1.1"),
            warc_headers_dict={"WARC-Record-ID": _record_id(next(counter)), "WARC-Date": date},
        )
        writer.write_record(response)

    for index, (path, date, html) in enumerate(PAGES):
        write_pair(path, date, html.encode("utf-8"), "text/html; charset=utf-8")
        if index == 1:  # a page asset fetched during the crawl: not an article
            asset = writer.create_warc_record(
                SITE + "/static/pixel.png",
                "response",
                payload=io.BytesIO(PIXEL_PNG),
                http_headers=StatusAndHeaders("200 OK", [("Content-Type", "image/png"), ("Content-Length", str(len(PIXEL_PNG)))], protocol="HTTP/1.1"),
                warc_headers_dict={"WARC-Record-ID": _record_id(next(counter)), "WARC-Date": date},
            )
            writer.write_record(asset)
    out.write_bytes(buffer.getvalue())


if __name__ == "__main__":
    main()
