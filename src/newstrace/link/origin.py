"""Origin of every article: original reporting, wire copy, rewrite of another outlet, press release.

Rules, in order (each with the evidence it needs):
1. a press release (a release wire dateline, or an "About X:" + media-contact section) is
   ``press_release`` with the organisation as source; an article in its near-copy group pastes it;
2. an agency marker (dateline "(Reuters) -", agency byline, agency copyright) on an article that is
   not the agency's own is a ``wire_copy`` of that agency, pointing at the agency's own article in
   its near-copy group when present;
3. an article whose lead is a denial, confirmation or refusal is ``original`` even when it
   mentions another outlet's report (reporting the reaction is new reporting);
4. an article that attributes its story to an outlet (in its first paragraph, or twice) is a
   ``rewrite`` of it; the cited outlet's article is the one of the same story published first by
   that outlet. An official body ("the National Seismological Institute said") is a source, not
   an outlet, so it never makes a rewrite;
5. otherwise ``original``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Callable, Sequence

from newstrace.link.cues import looks_like_outlet
from newstrace.link.meta import canonical_agency, names_match, norm_name
from newstrace.link.signature import Signature
from newstrace.records import Origin


def matches_any(name: str, keys: Sequence[str]) -> bool:
    key = norm_name(name)
    canon = canonical_agency(name)
    canon_key = norm_name(canon) if canon else ""
    for k in keys:
        if names_match(key, k) or (canon_key and (names_match(canon_key, k) or canonical_agency(k) == canon)):
            return True
    return False


def agency_name(sig: Signature) -> str | None:
    """The agency an article carries, under its fullest name ("Northline" -> "Northline Wire")."""
    names = ([sig.dateline_agency] if sig.dateline_agency else []) + list(sig.agencies)
    if not names:
        return None
    first = names[0]
    canon = canonical_agency(first)
    if canon:
        return canon
    for other in names[1:]:
        if norm_name(other) != norm_name(first) and names_match(norm_name(first), norm_name(other)):
            return other if len(other) > len(first) else first
    return first


@dataclass(frozen=True, slots=True)
class Context:
    """What origin rules may look at: every signature, near-copy groups, stories, and time order."""

    sigs: Sequence[Signature]
    dup_members: Callable[[int], list[int]]
    story_members: Callable[[int], list[int]]
    sort_key: Callable[[int], tuple[float, int]]
    known_outlets: frozenset[str]
    group_info: Callable[[int], GroupInfo]
    story_outlets: Callable[[int], dict[str, list[int]]]


@dataclass(frozen=True, slots=True)
class GroupInfo:
    """A near-copy group summarised once, so that origins cost O(1) per member, not O(group)."""

    releases: tuple[int, ...]  # press releases in the group, earliest first
    agency_own: tuple[tuple[int, str], ...]  # (member, agency) for members that are an agency's own
    earliest: int


def summarise_group(members: list[int], sigs: Sequence[Signature], sort_key: Callable[[int], tuple[float, int]]) -> GroupInfo:
    ordered = sorted(members, key=sort_key)
    releases = tuple(j for j in ordered if _is_release(sigs[j]))
    own = []
    for j in ordered:
        name = agency_name(sigs[j])
        if name and _is_own(sigs[j], name):
            own.append((j, name))
    return GroupInfo(releases, tuple(own), ordered[0])


def outlets_of(members: list[int], sigs: Sequence[Signature], sort_key: Callable[[int], tuple[float, int]]) -> dict[str, list[int]]:
    """Publisher key -> the story's articles by that outlet, earliest first."""
    out: dict[str, list[int]] = {}
    for j in sorted(members, key=sort_key):
        for key in sigs[j].publisher_keys:
            out.setdefault(key, []).append(j)
    return out


def _is_own(sig: Signature, agency: str) -> bool:
    return matches_any(agency, sig.publisher_keys)


def assign_origin(i: int, ctx: Context) -> Origin:
    sig = ctx.sigs[i]
    if sig.skipped:
        return Origin("unknown", None, None)
    info = ctx.group_info(i)
    # 1. press releases and their pasted copies
    if _is_release(sig):
        return Origin("press_release", sig.release_org, None)
    releases = [j for j in info.releases if j != i]
    if releases:
        j = releases[0]
        return Origin("press_release", ctx.sigs[j].release_org, ctx.sigs[j].id)
    # 2. wire copies
    agency = agency_name(sig)
    if agency is None:
        # No marker of its own, but a near-copy of an agency's own article: still the agency's story.
        for j, other in info.agency_own:
            if j != i and not _is_own(sig, other):
                agency = other
                break
    if agency is not None:
        own = _is_own(sig, agency)
        owners = [j for j, name in info.agency_own if j != i and names_match(norm_name(name), norm_name(agency))]
        if not own and not sig.publisher_keys:
            # Nothing says who published it: it is the agency's own when no group member is.
            own = not owners and info.earliest == i
        if not own:
            article = ctx.sigs[owners[0]].id if owners else None
            return Origin("wire_copy", agency, article)
    # 3. reaction leads (denial, confirmation, refusal) are new reporting
    if sig.stance in ("deny", "decline", "confirm"):
        return Origin("original", None, None)
    # 4. rewrites of another outlet
    cited = _cited_outlet(sig, ctx.known_outlets, agency)
    if cited == "":
        return Origin("rewrite", None, None)
    if cited is not None:
        return Origin("rewrite", cited, _cited_article(i, cited, ctx))
    return Origin("original", None, None)


def _is_release(sig: Signature) -> bool:
    return sig.release_wire is not None or sig.release_org is not None


def _cited_outlet(sig: Signature, known: frozenset[str], own_agency: str | None) -> str | None:
    """The outlet the article attributes its story to, when it does so prominently."""
    counts: Counter[str] = Counter()
    display: dict[str, str] = {}
    in_lead: list[str] = []
    last: str | None = None
    unnamed_lead = False
    for citation in sig.citations:
        if citation.cue == "unnamed report":
            unnamed_lead = unnamed_lead or citation.paragraph == 0
            continue
        if citation.cue == "anaphor":
            if last is not None:
                counts[last] += 1
            continue
        name = citation.name
        if not (citation.outlet or looks_like_outlet(name, citation.descriptor, known)):
            continue
        if matches_any(name, sig.publisher_keys) or (own_agency and names_match(norm_name(name), norm_name(own_agency))):
            continue
        key = norm_name(canonical_agency(name) or name)
        display.setdefault(key, name)
        counts[key] += 1
        last = key
        if citation.paragraph == 0:
            in_lead.append(key)
    if not counts:
        return "" if unnamed_lead else None  # "" = a rewrite of a report nobody names
    if in_lead:
        return display[in_lead[0]]
    key, count = counts.most_common(1)[0]
    return display[key] if count >= 2 else None


def _cited_article(i: int, cited: str, ctx: Context) -> str | None:
    """The cited outlet's own article in the same story, published no later than the citing one."""
    mine = ctx.sigs[i].published
    best: int | None = None
    for key, members in ctx.story_outlets(i).items():
        if not matches_any(cited, (key,)):
            continue
        for j in members:
            other = ctx.sigs[j].published
            if j == i or (other is not None and mine is not None and other > mine):
                continue
            if best is None or ctx.sort_key(j) < ctx.sort_key(best):
                best = j
            break
    return ctx.sigs[best].id if best is not None else None
