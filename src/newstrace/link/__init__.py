"""The link stage: near-duplicates, stories, claims, origins and provenance chains.

Phase one, ``compute_signature(article, settings.link)``, is a pure per-article function (run it on
any worker); phase two, ``Linker.add_signatures``, groups signatures globally and incrementally.
"""

from newstrace.link.index import Linker, link_articles
from newstrace.link.signature import Signature, compute_signature

__all__ = ["Linker", "link_articles", "Signature", "compute_signature"]
