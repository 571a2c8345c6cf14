"""Cleaning of HTML pages (interim version: trafilatura main text + metadata)."""

from __future__ import annotations

from newstrace.clean.result import CleanResult


def clean_html(html: str, url: str | None = None) -> CleanResult:
    import trafilatura  # lazy: only HTML inputs pay for it

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False, as_dict=False)
    if doc is None:
        return CleanResult(body="")
    text = doc.text or ""
    paragraphs = [p for p in text.split("\n") if p.strip()]
    authors = [a.strip() for a in (doc.author or "").split(";") if a.strip()]
    return CleanResult(
        body="\n\n".join(paragraphs),
        headline=doc.title,
        publisher=doc.sitename,
        published_at=doc.date,
        authors=authors,
        url=doc.url,
        language=doc.language,
    )
