"""The clean stage: ``RawDocument`` -> ``Article``, with size and emptiness policy."""

from __future__ import annotations

from typing import Any

from newstrace.clean.result import CleanResult
from newstrace.errors import Skip
from newstrace.pipeline import Item, ItemStage
from newstrace.records import Article, RawDocument
from newstrace.settings import Settings


class CleanStage(ItemStage):
    """Clean raw text or HTML into an article; with ``assume_clean`` keep ``text`` exactly as body.

    ``profile`` is a learned ``BoilerplateProfile`` (the CLI learns one in a first pass); without
    one, ``settings.clean.boilerplate_profile`` names a saved profile to load.
    """

    name = "clean"

    def __init__(self, settings: Settings, assume_clean: bool = False, profile: Any = None) -> None:
        self.settings = settings.clean
        self.assume_clean = assume_clean
        if profile is None and self.settings.boilerplate_profile and not assume_clean:
            from newstrace.clean.boilerplate import load_profile

            profile = load_profile(self.settings.boilerplate_profile)
        self.profile = profile

    def process(self, item: Item) -> Item:
        if isinstance(item, Article):  # already cleaned (an analyze/clean output record)
            return item
        raw = item
        size = len(raw.text or "") + len(raw.html or "")
        if size > self.settings.max_chars:
            raise Skip("too_large", f"{size} characters")
        if self.assume_clean:
            result = CleanResult(body=raw.text if raw.text is not None else "")
            if raw.text is None and raw.html is not None:
                from newstrace.clean.html import clean_html

                result = clean_html(raw.html, raw.url)
        elif raw.html is not None and not raw.text:
            from newstrace.clean.html import clean_html

            result = clean_html(raw.html, raw.url)
        else:
            from newstrace.clean.text import clean_text

            result = clean_text(raw.text or "", title=raw.title, publisher=raw.publisher, url=raw.url,
                                profile=self._profile_for(raw))
        if len(result.body.strip()) < self.settings.min_chars:
            raise Skip("empty")
        return merge(raw, result)

    def _profile_for(self, raw: RawDocument) -> Any:
        """The profile bound to the article's outlet (which may only be named in ``extras``)."""
        if self.profile is None:
            return None
        from newstrace.clean.boilerplate import outlet_key

        return self.profile.bind(outlet_key(raw.publisher, raw.url, dict(raw.extras)))


def merge(raw: RawDocument, result: CleanResult) -> Article:
    """Combine the input's own fields (which win) with what cleaning found."""
    return Article(
        id=raw.id,
        body=result.body,
        url=raw.url or result.url,
        headline=raw.title or result.headline,
        publisher=raw.publisher or result.publisher,
        published_at=raw.published_at or result.published_at,
        updated_at=result.updated_at,
        authors=tuple(result.authors),
        dateline=result.dateline,
        language=result.language,
        removed=tuple(result.removed),
        source=raw.source,
        extras=dict(result.extras),
    )
