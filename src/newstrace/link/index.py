"""The ``Linker``: phase two of linking, incremental, persistable.

``add`` takes articles (or signatures computed elsewhere, see ``add_signatures``), places each in
its near-copy group, clusters group founders into stories (copies follow their original), matches
claims, and returns the current ``LinkRecord`` of each new article. Nothing is re-clustered from
scratch: new articles join or merge existing clusters, and a story keeps the id of its earliest
article's story when stories merge. ``dump``/``load`` persist the whole index as versioned,
compressed JSON (no pickle).
"""

from __future__ import annotations

import json
import logging
import math
import re
import zlib
from collections import Counter, defaultdict
from typing import Any, Sequence

from newstrace.errors import ConfigError
from newstrace.link.cluster import ClusterConfig, Item, SparseClusterer
from newstrace.link.dedup import DupIndex
from newstrace.link.meta import norm_name
from newstrace.link.origin import Context, GroupInfo, assign_origin, outlets_of, summarise_group
from newstrace.link.signature import ClaimText, Signature, compute_signature
from newstrace.link.text import stem, stopwords
from newstrace.records import Article, Claim, ClaimMention, LinkRecord, Origin, Story
from newstrace.settings import Settings

LOGGER = logging.getLogger(__name__)

STORY_SNN_K = 9
STORY_SNN_MIX = 0.25
REACTION_ATTACH = 0.1  # the closest article of the story, not the average over it
FORMAT = "newstrace-link-index"
VERSION = 1
_CLAIM_TOKEN = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*")


def story_config(settings: Settings) -> ClusterConfig:
    days = settings.link.story_window_days
    return ClusterConfig(
        threshold=settings.link.story_threshold,
        attach_threshold=settings.link.story_attach_threshold,
        window_seconds=days * 86400.0 if days and days > 0 else None,
        window_penalty=0.5,  # far-apart articles can still be one story (trials, follow-ups)
        # Shared nearest neighbours: two look-alike events whose articles are each other's
        # second choice share few neighbours. Chosen with the threshold by leave-one-topic-out
        # on the ECB+ dev topics (benchmarks/link_quality.py --loto): it widens the plateau of
        # good thresholds (F1 0.92-0.94 for k 9-11, mix 0.2-0.3, threshold 0.29-0.35) where cosine alone peaks sharply.
        snn_k=STORY_SNN_K,
        snn_mix=STORY_SNN_MIX,
    )


def claim_config(settings: Settings) -> ClusterConfig:
    # Claims are short: word stems plus character 3-5-grams (the "entity" channel here), which
    # match "jihadi"/"jihadist" and "Brit"/"British" that stems miss. Paraphrased headlines vary
    # word forms more than they vary words, so the grams weigh more than the stems (0.65 and
    # the 0.16 threshold: 5-fold cross-validation over EmergentLite dev claims, 0.905 vs 0.902
    # for the threshold alone at 0.5).
    return ClusterConfig(
        threshold=settings.link.claim_threshold,
        attach_threshold=0.12,
        ent_weight=0.65,
        year_penalty=1.0,
        posting_terms=16,
        ent_posting_terms=24,
        max_candidates=60,
        min_edge=0.05,
        max_edges=40,
        require_shared_term=True,
    )


def claim_terms(text: str) -> tuple[dict[str, float], dict[str, float]]:
    """Word stems (numbers count double) and character 3-5-grams of the content words."""
    stop = stopwords()
    terms: dict[str, float] = {}
    grams: dict[str, float] = {}
    for tok in _CLAIM_TOKEN.findall(text):
        low = tok.lower()
        if low in stop or len(low) < 2:
            continue
        key = stem(low)
        terms[key] = terms.get(key, 0.0) + (2.0 if tok[0].isdigit() else 1.0)
        padded = f" {low} "
        for size in (3, 4, 5):
            for i in range(len(padded) - size + 1):
                gram = padded[i : i + size]
                grams[gram] = grams.get(gram, 0.0) + 1.0
    return terms, grams


class Linker:
    """Incremental near-duplicate, story, claim and origin index over a growing set of articles."""

    STATE_VERSION = VERSION  # the store rebuilds a saved state of another version

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.sigs: list[Signature] = []
        self.dups = DupIndex()
        self.story_index = SparseClusterer(story_config(settings))
        self.claim_index = SparseClusterer(claim_config(settings))
        self.claim_items: list[tuple[int, ClaimText]] = []
        self._view: _View | None = None  # the read of the current state, until the next add

    # -- adding -----------------------------------------------------------------------------------
    def add(self, articles: Sequence[Article]) -> list[LinkRecord]:
        """Link new articles into the index; return their records (in the order given)."""
        return self.add_signatures([compute_signature(a, self.settings.link) for a in articles])

    def add_signatures(self, signatures: Sequence[Signature], records: bool = True) -> list[LinkRecord]:
        """Phase two for signatures computed elsewhere (a process pool, Ray workers).

        With ``records=False`` nothing is returned (saves building the records twice when the
        caller reads ``link_records()`` afterwards)."""
        self._view = None
        start = len(self.sigs)
        self.sigs.extend(signatures)
        pending: dict[int, Item] = {}
        reweighted: dict[int, float] = {}
        copies: set[int] = set()
        for offset, sig in enumerate(signatures):
            position = start + offset
            copy_of = self.dups.add(position, sig, self.sigs)
            if copy_of is not None:
                copies.add(position)
            if sig.skipped or not sig.terms:
                continue  # a skipped or empty article stays alone
            if copy_of is not None:
                # A copy follows its original's story, and weighs in as one more article.
                founder = self.dups.find(position)
                if founder in pending:
                    pending[founder].weight += 1.0
                    continue
                item = self.story_index.items.get(founder)
                if item is not None:
                    reweighted[founder] = reweighted.get(founder, item.weight) + 1.0
                    continue
            # Only metadata times gate stories: a date read from the text orders articles but can be
            # an event date or a misparse, and a wrong one would split a story.
            time = None if sig.time_from_text else sig.published
            # A reaction (a denial, a confirmation, a refusal) shares few words with the story it
            # reacts to: it may join the closest story on weaker evidence.
            attach = REACTION_ATTACH if sig.stance in ("deny", "confirm", "decline") else None
            pending[position] = Item(sig.terms, sig.entities, time, sig.year, attach_threshold=attach)
        self.story_index.add(list(pending.items()), reweighted)
        claim_items: list[tuple[int, Item]] = []
        for offset, sig in enumerate(signatures):
            if start + offset in copies:
                continue  # a near-copy carries its original's claims (see _View.claims)
            founder = self.dups.find(start + offset)
            story = f"s{self.story_index.find(founder)}" if founder in self.story_index.items else f"a{start + offset}"
            for claim in sig.claims:
                terms, grams = claim_terms(claim.text)
                if not terms:
                    continue
                # Headline claims are matched across the corpus; attributed claims only within
                # their story (where a re-report or a denial of them lives): linear cost.
                if claim.role == "main":
                    item = Item(terms, grams, query_ns="", insert_ns=("", story))
                else:
                    item = Item(terms, grams, query_ns=story, insert_ns=(story,))
                claim_items.append((len(self.claim_items), item))
                self.claim_items.append((start + offset, claim))
        self.claim_index.add(claim_items)
        if not records:
            return []
        view = self.view()
        return [view.record(p) for p in range(start, len(self.sigs))]

    # -- reading ----------------------------------------------------------------------------------
    def view(self) -> _View:
        """One consistent read of the state (origins of every article, groups), computed once
        and shared by every reader until the next ``add``: the store asks for records, stories,
        claims and many traces after each batch, and each used to recompute all origins."""
        if self._view is None:
            self._view = _View(self)
        return self._view

    def link_records(self) -> list[LinkRecord]:
        """The current record of every article, in the order they were added."""
        view = self.view()
        return [view.record(p) for p in range(len(self.sigs))]

    def stories(self) -> list[Story]:
        return self.view().stories()

    def claims(self) -> list[Claim]:
        return self.view().claims()

    def trace(self, id: str) -> Any:
        """The provenance chain of an article's story, a story or a claim (see ``provenance``)."""
        from newstrace.link.provenance import build_trace

        return build_trace(self.view(), id)

    # -- persistence ----------------------------------------------------------------------------
    def dump(self) -> bytes:
        """The index as versioned, zlib-compressed JSON."""
        data = {
            "format": FORMAT,
            "version": VERSION,
            "link_settings": {k: getattr(self.settings.link, k) for k in self.settings.link.__slots__},  # type: ignore[attr-defined]
            "signatures": [s.to_dict() for s in self.sigs],
            "dups": self.dups.to_dict(),
            "stories": self.story_index.to_dict(),
            "claims": self.claim_index.to_dict(),
            "claim_items": [[p, [c.text, c.stance, c.source, c.role]] for p, c in self.claim_items],
        }
        return zlib.compress(json.dumps(data, separators=(",", ":")).encode("utf-8"), 6)

    @classmethod
    def load(cls, data: bytes, settings: Settings) -> Linker:
        try:
            payload = json.loads(zlib.decompress(data).decode("utf-8"))
        except (zlib.error, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ConfigError(f"not a newstrace link index: {exc}") from None
        if payload.get("format") != FORMAT or payload.get("version") != VERSION:
            raise ConfigError(f"unsupported link index format {payload.get('format')!r} version {payload.get('version')!r}")
        linker = cls(settings)
        linker.sigs = [Signature.from_dict(s) for s in payload["signatures"]]
        linker.dups = DupIndex.rebuild(payload["dups"]["parent"], linker.sigs)
        linker.story_index = SparseClusterer.from_dict(story_config(settings), payload["stories"])
        linker.claim_index = SparseClusterer.from_dict(claim_config(settings), payload["claims"])
        linker.claim_items = [(int(p), ClaimText(*c)) for p, c in payload["claim_items"]]
        return linker


class _View:
    """A consistent read of the linker's state: groups, stories, origins, computed once."""

    def __init__(self, linker: Linker) -> None:
        self.linker = linker
        sigs = linker.sigs
        self.sigs = sigs
        n = len(sigs)
        self.dup_root = [linker.dups.find(i) if i < len(linker.dups.parent) else i for i in range(n)]
        dup_groups: dict[int, list[int]] = defaultdict(list)
        for i, root in enumerate(self.dup_root):
            dup_groups[root].append(i)
        self.dup_groups = dup_groups
        self.story_root: list[int] = []
        for i in range(n):
            founder = self.dup_root[i]
            if founder in linker.story_index.items:
                self.story_root.append(linker.story_index.find(founder))
            else:
                self.story_root.append(-1 - i)  # a singleton (skipped or empty)
        story_groups: dict[int, list[int]] = defaultdict(list)
        for i, root in enumerate(self.story_root):
            story_groups[root].append(i)
        self.story_groups = story_groups
        known = set()
        for sig in sigs:
            if sig.publisher:
                known.add(norm_name(sig.publisher))
        self.ctx = Context(
            sigs=sigs,
            dup_members=lambda i: self.dup_groups[self.dup_root[i]],
            story_members=lambda i: self.story_groups[self.story_root[i]],
            sort_key=self.sort_key,
            known_outlets=frozenset(known),
            group_info=self._group_info,
            story_outlets=self._story_outlets,
        )
        self._groups: dict[int, GroupInfo] = {}
        self._outlets: dict[int, dict[str, list[int]]] = {}
        self.origins = [assign_origin(i, self.ctx) for i in range(n)]
        self.by_id: dict[str, int] = {}
        for i, sig in enumerate(sigs):
            self.by_id.setdefault(sig.id, i)
        self.dup_source = self._dup_sources()
        self.claimed = {p for p, _ in linker.claim_items}
        self._claims: list[Claim] | None = None
        self._claims_by_id: dict[str, Claim] | None = None

    def _group_info(self, i: int) -> GroupInfo:
        root = self.dup_root[i]
        if root not in self._groups:
            self._groups[root] = summarise_group(self.dup_groups[root], self.sigs, self.sort_key)
        return self._groups[root]

    def _story_outlets(self, i: int) -> dict[str, list[int]]:
        root = self.story_root[i]
        if root not in self._outlets:
            self._outlets[root] = outlets_of(self.story_groups[root], self.sigs, self.sort_key)
        return self._outlets[root]

    def sort_key(self, i: int) -> tuple[float, int]:
        published = self.sigs[i].published
        return (published if published is not None else math.inf, i)

    def _dup_sources(self) -> dict[int, int]:
        """The article every member of a near-copy group points at: the copied one, else the earliest."""
        out: dict[int, int] = {}
        for members in self.dup_groups.values():
            if len(members) == 1:
                continue
            ids = {self.sigs[m].id: m for m in members}
            referenced = [ids[self.origins[m].article_id] for m in members
                          if self.origins[m].article_id in ids and ids[self.origins[m].article_id] != m]
            # The copied article of the group: the most referenced one, else the earliest.
            counts = Counter(referenced)
            source = max(counts, key=lambda m: (counts[m], -m)) if counts else min(members, key=self.sort_key)
            for m in members:
                out[m] = source
        return out

    def story_id(self, i: int) -> str:
        root = self.story_root[i]
        founder = root if root >= 0 else i
        return "s-" + self.sigs[founder].id

    def record(self, i: int) -> LinkRecord:
        sig = self.sigs[i]
        source = self.dup_source.get(i)
        duplicate_of = self.sigs[source].id if source is not None and source != i else None
        if duplicate_of == sig.id:
            duplicate_of = None
        return LinkRecord(id=sig.id, story_id=self.story_id(i), duplicate_of=duplicate_of,
                          origin=self.origins[i], skipped=sig.skipped)

    def stories(self) -> list[Story]:
        out = []
        for root, members in sorted(self.story_groups.items(), key=lambda kv: min(kv[1])):
            ordered = sorted(members, key=self.sort_key)
            first = ordered[0]
            out.append(Story(
                story_id=self.story_id(members[0]),
                article_ids=tuple(dict.fromkeys(self.sigs[m].id for m in ordered)),
                first_published=self.sigs[first].published_at if self.sigs[first].published is not None else None,
                title=self.sigs[first].headline,
            ))
        return out

    def claim_groups(self) -> dict[int, list[int]]:
        groups: dict[int, list[int]] = defaultdict(list)
        index = self.linker.claim_index
        for k in range(len(self.linker.claim_items)):
            root = index.find(k) if k in index.items else k
            groups[root].append(k)
        return groups

    def mention_source(self, article: int, claim: ClaimText) -> str | None:
        if claim.source:
            return claim.source
        origin: Origin = self.origins[article]
        return origin.source or self.sigs[article].publisher

    def claims(self) -> list[Claim]:
        if self._claims is None:
            self._claims = self._build_claims()
        return list(self._claims)

    def claim(self, claim_id: str) -> Claim | None:
        if self._claims_by_id is None:
            self._claims_by_id = {c.claim_id: c for c in self.claims()}
        return self._claims_by_id.get(claim_id)

    def _build_claims(self) -> list[Claim]:
        out = []
        items = self.linker.claim_items
        ordinal: list[int] = []  # how many earlier claim items the same article has
        seen_per_article: dict[int, int] = {}
        for article, _ in items:
            ordinal.append(seen_per_article.get(article, 0))
            seen_per_article[article] = ordinal[-1] + 1
        for root, members in sorted(self.claim_groups().items()):
            mentions: dict[str, ClaimMention] = {}
            by_article: dict[int, ClaimText] = {}
            for k in sorted(members):
                by_article.setdefault(items[k][0], items[k][1])
            for a in list(by_article):
                for copy in self.dup_groups[self.dup_root[a]]:
                    if copy not in by_article and not self.sigs[copy].claims == () and copy not in self.claimed:
                        by_article[copy] = by_article[a]
            articles = sorted(by_article, key=self.sort_key)
            for a in articles:
                claim = by_article[a]
                mentions.setdefault(self.sigs[a].id, ClaimMention(self.sigs[a].id, claim.stance, self.mention_source(a, claim)))
            root_article = items[root][0]
            count = ordinal[root]
            claim_id = f"c-{self.sigs[root_article].id}" + (f"-{count}" if count else "")
            out.append(Claim(
                claim_id=claim_id,
                text=items[root][1].text,
                articles=tuple(mentions.values()),
                first_article_id=self.sigs[articles[0]].id if articles else None,
                story_id=self.story_id(articles[0]) if articles else None,
            ))
        return out


def link_articles(articles: Sequence[Article], settings: Settings) -> tuple[list[LinkRecord], list[Story], list[Claim]]:
    """One-shot linking: records in input order, the stories and the claims."""
    linker = Linker(settings)
    linker.add(articles)
    view = _View(linker)
    return [view.record(p) for p in range(len(linker.sigs))], view.stories(), view.claims()


__all__ = ["Linker", "link_articles", "claim_terms"]
