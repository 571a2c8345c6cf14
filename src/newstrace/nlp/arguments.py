"""Source and content of a cue verb, read off the dependency parse.

The source is the mention in the cue's own clause: its subject, a relative pronoun ("who said"),
the "by" agent of a passive, or the subject a participle ("..., saying") or a coordinated verb
inherits. Anything before a line break (a timestamp heading a live blog entry) or a dateline dash is left
out; a document that carries the words ("a statement saying") yields to the one who issued it. The content is the verb's message:
a clause ("that ..."), a "to" clause, an object with its complement ("described the plan as
reckless"), a prepositional object for cues like "called for", or the clause an "X said"
parenthetical interrupts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newstrace import lexicon
from newstrace.nlp.cues import ATTITUDE, COGNITION, INTENT, SPEECH, CueLexicon

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

SUBJ_DEPS = ("nsubj", "csubj")
QUOTE_TEXTS = frozenset("\"'\u201c\u201d\u2018\u2019\u201e\u00ab\u00bb`") | {"''", "``"}
# Verbs whose object is the addressee, not the message ("told reporters that ...").
ADDRESSEE_VERBS = frozenset({"tell", "ask", "inform", "remind", "assure", "warn", "notify", "urge",
                             "advise", "promise", "email", "text", "thank", "congratulate"})
# Documents that carry someone's words ("issued a statement saying ...").
CARRIERS = frozenset({"statement", "release", "letter", "email", "memo", "post", "tweet", "message",
                      "note", "video", "ad", "advertisement"})
_CONTENT_PREPS = frozenset({"about", "on", "of", "for", "against", "over"})
_FOCUS = frozenset({"also", "even", "just"})
_NOT_PARTICIPLES = frozenset({"including", "excluding", "according", "regarding", "concerning"})
_RELATIVES = frozenset({"that", "which", "what", "whom", "who", "whatever"})


def trim(doc: Doc, ids: list[int], keep_quotes: bool = True) -> list[int]:
    """Drop leading/trailing punctuation, spaces and coordinators (quote marks kept if asked)."""
    ids = sorted(ids)

    def drop(tok: Token) -> bool:
        if tok.is_space:
            return True
        if keep_quotes and tok.text in QUOTE_TEXTS:
            return False
        return tok.is_punct or tok.text in QUOTE_TEXTS or tok.dep_ == "cc"

    lo, hi = 0, len(ids)
    while lo < hi and drop(doc[ids[lo]]):
        lo += 1
    while hi > lo and drop(doc[ids[hi - 1]]):
        hi -= 1
    return ids[lo:hi]


def span_ids(tok: Token) -> list[int]:
    """Token ids of the contiguous span of ``tok``'s subtree."""
    return list(range(tok.left_edge.i, tok.right_edge.i + 1))


def own_subject(verb: Token) -> Token | None:
    """The verb's subject; with two (a parse that ran over a paragraph break), the nearer one
    on the verb's own line."""
    subjects = [c for c in verb.children if c.dep_ in SUBJ_DEPS]
    if len(subjects) > 1:
        doc = verb.doc
        same_line = [c for c in subjects if "\n" not in doc[min(c.i, verb.i):max(c.i, verb.i)].text]
        subjects = sorted(same_line or subjects, key=lambda c: abs(verb.i - c.i))
    return subjects[0] if subjects else None


def agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return pobj
    return None


def find_source(verb: Token) -> Token | None:
    """The head token of the source mention of a cue verb, or None."""
    subj = own_subject(verb) or agent(verb)
    if subj is not None:
        return subj
    if verb.tag_ == "VBN" and verb.dep_ in ("advcl", "acl") and not any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return None  # "Asked about the plan, she said ...": the asker is not given
    if verb.dep_ in ("advcl", "conj") and any(c.dep_ == "auxpass" for c in verb.children):
        return None  # "When the diagnosis was confirmed, Clinton ...": who confirmed is not given
    cur = verb
    for _ in range(3):
        frame = _frame_before(cur) if cur.tag_ == "VBG" else None
        if frame is not None:
            return frame  # '"...," Lund said, going on to say ...': Lund
        head = cur.head
        if head.i == cur.i:
            return None
        if cur.dep_ == "advcl" and cur.tag_ == "VBG" and head.dep_ == "ccomp" and head.head.pos_ == "VERB" \
                and cur.left_edge.i > 0 and cur.doc[cur.left_edge.i - 1].text == ",":
            reporter = own_subject(head.head)
            if reporter is not None:
                return reporter  # "Lund said he had doubts, arguing that ...": Lund argues
        if cur.dep_ in ("conj", "xcomp", "advcl"):
            subj = own_subject(head) or agent(head)
            if cur.dep_ == "xcomp" and subj is not None and subj.lower_ == "it" and head.lemma_ == "be" \
                    and any(c.dep_ in ("acomp", "attr") for c in head.children):
                return None  # "it is hard to say", "it is worth noting": nobody is named
            if subj is not None:
                return subj
            cur = head
            continue
        if cur.dep_ == "acomp" and head.pos_ in ("VERB", "AUX"):
            subj = own_subject(head)  # "they are inclined to describe ...": they
            return subj if subj is not None and subj.lower_ != "it" else None
        if cur.dep_ == "pcomp" and head.dep_ == "prep":
            governor = head.head  # "risks losing by dismissing him": the subject of "risks"
            if governor.dep_ == "advmod" and governor.pos_ == "ADV":
                governor = governor.head  # "refuses to discuss it, aside from saying ...": through "aside"
            if governor.pos_ not in ("VERB", "AUX"):
                return None
            cur = governor
            subj = own_subject(cur) or agent(cur) or (_passive_subject(cur) if head.lower_ in _TIME_PREPS else None)
            if subj is not None:
                return subj  # "After saying ..., she was taken to hospital": she
            continue
        if cur.dep_ in ("acl", "relcl") and head.pos_ in ("NOUN", "PROPN", "PRON"):
            if _carrier(head):
                issuer_verb = governing_verb(head)
                issuer = own_subject(issuer_verb) if issuer_verb is not None else None
                if issuer is not None:
                    return issuer  # "The campaign issued a statement saying ...": the campaign
            owner = next((c for c in head.children if c.dep_ == "poss"), None)
            if owner is not None and cur is verb and verb.tag_ == "VB" and head.pos_ == "NOUN" and not _agent_noun(head):
                return owner  # "Cruz's refusal to disavow", "his reluctance to embrace": Cruz, he
            if _undertaking(head):
                doer_verb = governing_verb(head)
                doer = own_subject(doer_verb) if doer_verb is not None else None
                if doer is not None:
                    return doer  # "Khan mounted a campaign to condemn ...": Khan
            return head
        return None
    return None


def _frame_before(participle: Token) -> Token | None:
    """The speaker of an "X said" the parser hung beside a participle that follows it after a comma."""
    doc = participle.doc
    left = min([c.left_edge.i for c in participle.children if c.i < participle.i and c.dep_ in ("neg", "advmod")]
               + [participle.i])  # "not even needing"
    if left < 2 or doc[left - 1].text != ",":
        return None
    for frame in list(participle.children) + list(participle.head.children):
        if frame.dep_ == "parataxis" and frame.i < left and frame.right_edge.i in (left - 2, left - 1):
            return own_subject(frame)
    return None


_TIME_PREPS = frozenset({"after", "before", "while", "upon", "since"})


def _passive_subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ == "nsubjpass"), None)


def governing_verb(noun: Token) -> Token | None:
    """The verb a noun is the object of, directly ("issued a statement") or through a preposition
    ("in an article"), if that head is a verb."""
    verb = noun.head.head if noun.dep_ == "pobj" else noun.head
    return verb if verb.pos_ in ("VERB", "AUX") else None


_DATA_NOUNS = frozenset({"poll", "survey", "study", "data", "figure", "result", "statistic", "evidence", "finding"})


def _carrier(noun: Token) -> bool:
    """A document someone issued ("published a report detailing", "in an article stating"): its
    issuer speaks. Polls and data that were only pointed to speak for themselves."""
    if noun.dep_ not in ("dobj", "pobj"):
        return False
    lemma = noun.lemma_.lower()
    if lemma in CARRIERS:
        return True
    if noun.pos_ != "NOUN" or lemma not in lexicon.load_set("kind_document_nouns"):
        return False
    return noun.dep_ == "dobj" or lemma not in _DATA_NOUNS


def _agent_noun(noun: Token) -> bool:
    lemma = noun.lemma_.lower()
    return any(lemma in lexicon.load_set(name) for name in _AGENT_NOUNS)


def _undertaking(noun: Token) -> bool:
    """A thing someone does or has ("a campaign to", "the ability to", "a rally blasting"), not a
    speaker: neither a name, a pronoun nor a word for people, and the object of a verb."""
    if noun.dep_ not in ("dobj", "attr") and not (noun.dep_ == "pobj" and noun.head.dep_ == "prep"):
        return False
    if noun.pos_ != "NOUN" or noun.ent_type_ or noun.lemma_.lower() in CARRIERS:
        return False
    return not _agent_noun(noun)


_AGENT_NOUNS = ("kind_person_nouns", "kind_org_nouns", "kind_group_nouns", "kind_official_roles",
                "kind_outlet_nouns", "kind_document_nouns", "kind_anonymous_heads", "kind_spokes_roles")


def mention_ids(head: Token, exclude: Token | None = None) -> list[int]:
    """The mention headed by ``head``: its subtree without the clause ``exclude`` heads, nothing
    before a line break or a dateline dash ("WASHINGTON (AP) \u2014 The senator said")."""
    doc = head.doc
    ids = set(span_ids(head))
    if exclude is not None:
        ids -= set(span_ids(exclude))
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "as" and doc[child.i - 1].lower_ != "such" and head.dep_ == "pobj" \
                and head.head.dep_ == "agent":
            ids -= set(span_ids(child))  # "seen by some as a demotion": the view, not the viewers
        # "Trump, speaking to veterans, said": the participle tells what he was doing, not who
        if child.dep_ in ("acl", "advcl") and child.tag_ == "VBG" and child.i > head.i \
                and doc[child.left_edge.i - 1].text == "," and child.lower_ not in _NOT_PARTICIPLES:
            ids -= set(span_ids(child))
    out = sorted(i for i in ids)
    # Never reach over a paragraph or line break ("9:05 a.m.\n\nThe senator said ...").
    breaks = [i for i in out if i < head.i and ("\n" in doc[i].text or "\n" in doc[i].whitespace_)]
    if breaks:
        out = [i for i in out if i > breaks[-1]]
    out = [i for i in out if i <= head.i or "\n" not in doc[head.i:i].text]
    dashes = [i for i in out if i < head.i and (doc[i].text in ("\u2013", "\u2014", "--") or (
        doc[i].text == "-" and doc[i].whitespace_ and i > 0 and doc[i - 1].whitespace_))]
    if dashes:
        out = [i for i in out if i > dashes[-1]]
    # "Alarmed by the unrest, Senator Lee said": a fronted participle clause is not who speaks
    if out and doc[out[0]].tag_ in ("VBG", "VBN") and out[0] < head.i:
        commas = [i for i in out if i < head.i and doc[i].text == ","]
        if commas:
            out = [i for i in out if i > commas[-1]]
    # "PHILADELPHIA (AFP) \u2013 President Obama will ...": a dateline the parser made the subject,
    # with the speaker as its apposition after the dash
    dateline = next((i for i in out if i > head.i and doc[i].head.i == head.i and (
        doc[i].text in ("\u2013", "\u2014", "--") or doc[i].text == "-" and doc[i].whitespace_)), None)
    place = head.ent_type_ in ("GPE", "LOC") or head.is_upper and head.ent_type_ != "ORG"
    if dateline is not None and place and any(doc[i].dep_ == "appos" and doc[i].head.i == head.i
                                              for i in out if i > dateline):
        out = [i for i in out if i > dateline]
    out = trim(doc, out, keep_quotes=False)
    # "even some allies": a focus adverb is not part of who speaks ("only 7 percent" keeps "only")
    while len(out) > 1 and doc[out[0]].lower_ in _FOCUS and doc[out[0]].dep_ in ("advmod", "amod", "cc", "preconj"):
        out = out[1:]
    # "Trump on Tuesday", "the report on Wednesday", "officials last week": time is the cue's; but
    # "a poll in December" or "a study from 2011" names which document
    document = head.lemma_.lower() in lexicon.load_set("kind_document_nouns")
    for child in head.children:
        if document and not (child.dep_ == "prep" and child.lower_ == "on"):
            continue
        if child.i > head.i and (child.dep_ == "npadvmod" and child.ent_type_ in ("DATE", "TIME") or (
                child.dep_ == "prep" and any(g.ent_type_ in ("DATE", "TIME") for g in child.children))):
            cut = set(span_ids(child))
            out = trim(doc, [i for i in out if i not in cut], keep_quotes=False)
    # "Jeb Bush in a Medium post", "Lund, the mayor, on Tuesday", "Trump at the time": a closing phrase
    # of channel or time the parser hung on the mention belongs to the verb
    if not document:
        out = _without_closing_circumstance(doc, out, head)
    # "Strategists for both campaigns all agree": a floating quantifier belongs to the predicate
    while len(out) > 1 and doc[out[-1]].lower_ in ("all", "both", "each") and out[-1] > head.i:
        out = out[:-1]
    return out


def _without_closing_circumstance(doc: Doc, out: list[int], head: Token) -> list[int]:
    """The mention without a phrase of channel or time that closes it and hangs on its head."""
    if not out or out[-1] <= head.i:
        return out
    for prep in (doc[i] for i in out if i > head.i and doc[i].dep_ == "prep"):
        owner = prep.head
        on_head = owner.i == head.i or owner.dep_ in ("appos", "conj") and owner.head.i == head.i
        if prep.right_edge.i != out[-1] or not on_head:
            continue
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if pobj is None:
            continue
        channel = prep.lower_ in ("in", "during", "via") and pobj.lemma_.lower() in CHANNELS \
            and head.pos_ == "PROPN"  # "a narrator in the ad" is who; "Jo Lund in a post" is where
        # (a DATE or TIME phrase on the head is already gone: see the time cut in mention_ids)
        when = owner.i == head.i and pobj.lower_ == "time" and prep.lower_ == "at"
        if channel or when:
            kept = [i for i in out if i < prep.i]
            while kept and (doc[kept[-1]].is_space or doc[kept[-1]].text in (",", "-", "\u2013", "\u2014")):
                kept.pop()  # a closing bracket stays: "Dick Durbin (D-Ill.)"
            return kept or out
    return out


def left_neighbour_subject(verb: Token) -> Token | None:
    """A subject the parser lost ("About 4 in 10 say ..."): the noun right before the verb."""
    i = verb.i - 1
    doc = verb.doc
    while i >= verb.sent.start and doc[i].dep_ in ("aux", "neg", "advmod", "auxpass"):
        i -= 1
    if i < verb.sent.start:
        return None
    tok = doc[i]
    if tok.text == "," and i - 1 >= verb.sent.start:
        appos = doc[i - 1]  # the apposition that ends right before the comma ("the undersecretary for management")
        while appos.dep_ != "appos" and appos.head.i < appos.i and appos.head.right_edge.i == i - 1:
            appos = appos.head
        name = appos.head
        if appos.dep_ == "appos" and name.i < appos.i and name.pos_ in ("PROPN", "NOUN") \
                and name.ent_type_ not in ("GPE", "LOC", "DATE") and name.dep_ not in ("nsubj", "nsubjpass"):
            # "..., Senator Jo Lund, the minority leader, said": the parse hung the name elsewhere;
            # "In addition to Lee, two members, Jo Lund and Al Ng, have said": the apposition speaks
            return appos if name.dep_ == "pobj" else name
    if tok.pos_ not in ("PROPN", "NOUN", "PRON", "NUM") or tok.right_edge.i >= verb.i + 1:
        return None
    while tok.head.i < verb.i and tok.head.pos_ in ("PROPN", "NOUN", "NUM") and tok.head.right_edge.i < verb.i:
        tok = tok.head
    return tok


_NAME_RUN_POS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "NUM"})


def right_neighbour_subject(verb: Token) -> tuple[Token, list[int]] | None:
    """The speaker of an inverted frame the parser hung elsewhere ('"...," said Jo Lund, an
    engineer' with "Lund" the subject of a later verb, or "added a council member" read as an
    object): the noun phrase right after the verb, and the ids of its mention."""
    doc = verb.doc
    before = doc[verb.i - 1] if verb.i > 0 else None
    if before is None or not (before.text == "," or before.text in QUOTE_TEXTS):
        return None
    run: list[int] = []
    i = verb.i + 1
    while i < len(doc) and (doc[i].pos_ in _NAME_RUN_POS or doc[i].lower_ in ("'s", "\u2019s") or (
            doc[i].tag_ in ("VBG", "VBN") and i + 1 < len(doc) and doc[i + 1].pos_ in ("NOUN", "PROPN"))):
        run.append(i)
        i += 1
    heads = [k for k in run if doc[k].pos_ in ("NOUN", "PROPN") and doc[k].ent_type_ not in ("DATE", "TIME")]
    if not heads or (i < len(doc) and doc[i].text == "-" and not doc[i - 1].whitespace_):
        return None  # "said matter-of-factly": an adverb, not a name
    head = doc[heads[-1]]
    ids = set(run) | set(mention_ids(head))
    out, k = [], verb.i + 1
    while k in ids:
        out.append(k)
        k += 1
    return head, trim(doc, out, keep_quotes=False)


def source_ids(src: Token, verb: Token) -> list[int]:
    if src.right_edge.i >= verb.i > src.i:  # a lost subject's subtree may hold the verb itself
        return trim(src.doc, [i for i in mention_ids(src) if i < verb.i], keep_quotes=False)
    if verb.dep_ in ("acl", "relcl") and src.i == verb.head.i:
        return mention_ids(src, exclude=verb)  # "a statement saying ...": the noun phrase only
    return _whole_words(src.doc, _with_lost_modifier(src, _with_split_subject(src, mention_ids(src))))


def _whole_words(doc: Doc, ids: list[int]) -> list[int]:
    """A mention never starts or ends inside a hyphenated word the parser split ("co-host Mika
    Brzezinski" with "co" and "-" hung elsewhere)."""
    if not ids or ids != list(range(ids[0], ids[-1] + 1)):
        return ids
    first, last = ids[0], ids[-1]

    def joined(a: Token, b: Token) -> bool:  # a right before b, no space between, one of them a hyphen
        return a.whitespace_ == "" and (a.text == "-" and b.is_alpha or a.is_alpha and b.text == "-")

    while first > 0 and joined(doc[first - 1], doc[first]):
        first -= 1
    while last + 1 < len(doc) and joined(doc[last], doc[last + 1]):
        last += 1
    before = doc[first - 1] if first > 0 else None
    if first < ids[0] and before is not None and before.dep_ in ("det", "poss") and first <= before.head.i <= last:
        first -= 1  # "The non-profit", "His ex-wife"
    return list(range(first, last + 1))


_NOT_IN_SPLIT = frozenset({"-", "--", "\u2013", "\u2014", "(", "<", ">", ":"})


def _with_split_subject(src: Token, ids: list[int]) -> list[int]:
    """"Sullivan's lawyer Beth Wilkinson did not respond", "Clinton, Sanders had views": a subject
    the parser split in two, the first part a second subject of the same verb right before it."""
    if not ids or src.dep_ not in SUBJ_DEPS or src.pos_ == "PRON":
        return ids
    doc = src.doc
    for other in src.head.children:
        if other.i < src.i and other.dep_ in SUBJ_DEPS and (other.pos_ == "PROPN" or _agent_noun(other)) \
                and other.ent_type_ not in ("GPE", "LOC", "DATE") and not other.is_upper:
            gap = doc[other.right_edge.i + 1:ids[0]]
            lead = doc[other.left_edge.i:ids[0]]
            if (len(gap) == 0 or len(gap) == 1 and gap[0].text == ",") and "\n" not in lead.text and not any(
                    t.text in _NOT_IN_SPLIT or t.text in QUOTE_TEXTS for t in lead):
                return list(range(other.left_edge.i, ids[0])) + ids
    return ids


def _lone_title_word(tok: Token) -> bool:
    """A capitalised name word the parser made a sentence of its own."""
    return tok.is_sent_start and tok.dep_ == "ROOT" and tok.tag_ == "NNP" and tok.is_title and not tok.is_stop \
        and tok.whitespace_ == " " and not any(True for _ in tok.children)


def _with_lost_modifier(src: Token, ids: list[int]) -> list[int]:
    """"Texas Sen. Ted Cruz said": a capitalised first word of the sentence the parser split off
    the subject (as a verb or a clause) still belongs to it."""
    if not ids or ids[0] == 0:
        return ids
    doc = src.doc
    # "5:45 p.m.\n\nMinnesota Gov. Mark Dayton is backing ...": after a timestamp the parser may make
    # each capitalised word before the name a sentence of its own
    while ids[0] > 0 and doc[ids[0]].is_sent_start and _lone_title_word(doc[ids[0] - 1]):
        ids = [ids[0] - 1] + ids
    prev = doc[ids[0] - 1] if ids[0] > 0 else None
    if prev is None or prev.i != src.sent.start or not prev.is_title or prev.is_stop or prev.whitespace_ != " " \
            or prev.dep_ not in ("advcl", "npadvmod", "nmod", "dep", "amod", "compound", "nsubj") \
            or prev.tag_ not in ("NNP", "NNPS", "VB", "VBP", "JJ") or prev.head.i in ids:
        return ids
    return [prev.i] + ids


def _with_complements(obj: Token, verb: Token) -> list[int]:
    """An object plus the complement that follows it ("the plan as reckless", "him of lying")."""
    end = obj.right_edge.i
    for c in verb.children:
        if c.i > end and c.dep_ in ("oprd", "xcomp", "ccomp") or (
                c.i > end and c.dep_ == "prep" and c.lower_ in ("as", "of", "for", "to")):
            end = max(end, c.right_edge.i)
    return list(range(obj.left_edge.i, end + 1))


_PAREN_DEPS = frozenset({"nsubj", "aux", "neg", "advmod", "punct", "npadvmod", "prep"})


def _is_parenthetical(verb: Token) -> bool:
    """An inserted "he said" / "she added Tuesday": a subject, no message of its own, set off by
    punctuation from the clause it interrupts."""
    if own_subject(verb) is None or any(c.dep_ not in _PAREN_DEPS for c in verb.children):
        return False
    doc = verb.doc
    left = verb.left_edge.i
    before = doc[left - 1].text if left > 0 else ""
    return before in (",", "\u2014", "--", "(") or before in QUOTE_TEXTS or verb.i < verb.head.i


def as_clause(verb: Token) -> list[int] | None:
    """For "..., as the report noted" / "as some have speculated, ...": the clause it comments on."""
    head = verb.head
    if verb.dep_ != "advcl" or head.i == verb.i or not any(
            c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        return None
    skip = set(span_ids(verb))
    return [i for i in span_ids(head) if i not in skip]


def content_of(verb: Token, cls: str, lex: CueLexicon) -> tuple[list[int], Token | None, str]:
    """Content token ids of a cue verb, a preposition that joins the cue, and a rule id."""
    children = list(verb.children)
    right = [c for c in children if c.i > verb.i]
    lemma = verb.lemma_.lower()
    for child in children:
        if child.dep_ == "ccomp":
            return span_ids(child), None, "ccomp"
    for child in right:
        # "asked whether the plan would work", "asked if he was bullied"
        if child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "whether") for m in child.children):
            return span_ids(child), None, "ccomp"
    objs = [c for c in right if c.dep_ in ("dobj", "attr", "oprd")]
    passive_subj = next((c for c in children if c.dep_ == "nsubjpass"), None)
    if passive_subj is not None and not objs and any(c.dep_ == "auxpass" for c in children) \
            and lemma not in ADDRESSEE_VERBS:
        return span_ids(passive_subj), None, "passive"  # "the report was denied by the ministry"
    for child in right:
        if child.dep_ == "xcomp":
            if objs and objs[0].i < child.i:  # "urged her to resign": both
                return list(range(objs[0].left_edge.i, child.right_edge.i + 1)), None, "xcomp"
            return span_ids(child), None, "xcomp"
    for child in right:
        if child.dep_ == "prep" and f"{lemma} {child.lower_}" in lex.preps:
            pobjs = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
            if pobjs:
                return span_ids(pobjs[0]), child, "prep"
        if child.dep_ == "prt" and f"{lemma} {child.lower_}" in lex.preps:
            # "came out against the deal", "doubled down on it": the preposition after the particle
            nxt = next((c for c in right if c.dep_ == "prep" and c.i == child.i + 1), None)
            pobjs = [c for c in nxt.children if c.dep_ in ("pobj", "pcomp")] if nxt is not None else []
            if nxt is not None and pobjs:
                return span_ids(pobjs[0]), nxt, "prep"
    if objs and lemma not in lexicon.load_set("cue_no_object"):
        obj = objs[0]
        if lemma in ADDRESSEE_VERBS and obj.dep_ == "dobj":
            # "told reporters" alone carries no message; a quote after it is handled by widening
            rest = [c for c in right if c.i > obj.right_edge.i and c.dep_ in ("ccomp", "xcomp")]
            if rest:
                return span_ids(rest[0]), None, "ccomp"
        return _with_complements(obj, verb), None, "dobj"
    if cls == SPEECH:
        for child in right:
            if child.dep_ == "intj" or (child.dep_ == "advmod" and child.lower_ == "so" and child.i == verb.i + 1):
                return [child.i], None, "intj"  # "said no", "said so"
    if cls in (SPEECH, ATTITUDE):
        for child in right:
            if child.dep_ == "prep" and child.lower_ in _CONTENT_PREPS and child.i == verb.i + 1:
                pobjs = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
                if pobjs and pobjs[0].ent_type_ not in ("DATE", "TIME"):  # "said on Monday": when
                    return span_ids(pobjs[0]), child, "prep"
    clause = channel_clause(verb)
    if clause is not None:
        return span_ids(clause), None, "ccomp"
    head = verb.head
    if verb.dep_ == "relcl" and head.pos_ in ("NOUN", "PROPN", "PRON") and not any(
            c.dep_ in ("dobj", "ccomp", "xcomp", "attr", "oprd") and c.i > verb.i for c in children):
        # "something that he mocked", "everything she said": the relative pronoun or the noun
        # phrase stands for what was said
        rel = next((c for c in children if c.i < verb.i and c.dep_ in ("dobj", "ccomp", "attr", "oprd")
                    and c.lower_ in _RELATIVES), None)
        if rel is not None:
            return [rel.i], None, "relative"
        if not any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in _RELATIVES for c in children):
            skip = set(span_ids(verb))
            return [i for i in span_ids(head) if i not in skip and i <= verb.i], None, "relative"
    commented = as_clause(verb)
    if commented is not None:
        return commented, None, "as"
    if cls in (SPEECH, COGNITION) and head.i != verb.i and head.pos_ in ("VERB", "AUX") \
            and verb.dep_ in ("parataxis", "ccomp", "advcl", "conj") and _is_parenthetical(verb):
        # "The plan, she said, will fail." / "It will fail, he said": the interrupted clause
        skip = set(span_ids(verb))
        return [i for i in span_ids(head) if i not in skip], None, "parenthetical"
    return [], None, ""


# Where words were said: "said in a statement that ...", "told him in an interview that ...".
CHANNELS = CARRIERS | {"interview", "speech", "conversation", "call", "appearance", "op-ed", "filing", "report"}


def channel_clause(verb: Token) -> Token | None:
    """The that-clause the parser hung on the channel noun of "says in a statement that ..."."""
    for child in verb.children:
        if child.i > verb.i and child.dep_ == "prep" and child.lower_ in ("in", "during", "on", "via"):
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is None or pobj.lemma_.lower() not in CHANNELS:
                continue
            for clause in pobj.children:
                if clause.i > pobj.i and clause.dep_ in ("acl", "ccomp", "relcl") and any(
                        m.dep_ == "mark" and m.lower_ == "that" for m in clause.children):
                    return clause
    return None


# A fronted adverbial clause is not what a "..., he said" frames.
_SUBORDINATORS = frozenset({"as", "when", "while", "if", "despite", "although", "though", "after", "before",
                            "since", "because", "in", "over", "even", "until", "once", "whether", "with"})
_FRAME_TAIL_DEPS = frozenset({"npadvmod", "prep", "advmod", "agent", "punct"})


def framed_content(verb: Token, source: list[int]) -> list[int]:
    """The rest of the sentence around a comma-framed "X, police said." / "A, he said, B" whose
    parse lost the clause: everything in the sentence outside the frame, if the frame is set off
    by a comma before it and by a comma or the sentence end after it."""
    doc = verb.doc
    if verb.dep_ == "ccomp" and verb.head.i < verb.i and verb.head.pos_ == "VERB":
        return []  # '"...," said Lund, half joking': a clause of the verb before it, not a frame
    sent = verb.sent
    block = [verb.i] + source + [c.i for c in verb.children if c.dep_ in ("aux", "neg", "advmod") and c.i < verb.i]
    lo, hi = min(block), max(block)
    for child in verb.children:  # "police said Tuesday", "he said in an interview"
        if child.i > hi and child.dep_ in _FRAME_TAIL_DEPS and child.text not in (",", ":"):
            hi = max(hi, child.right_edge.i)
    if lo - 1 <= sent.start or doc[lo - 1].text not in (",", "\u2014", "--"):
        return []
    end = sent.end
    while end - 1 > hi and (doc[end - 1].is_punct or doc[end - 1].is_space) and doc[end - 1].text not in QUOTE_TEXTS:
        end -= 1
    after = doc[hi + 1] if hi + 1 < sent.end else None
    if hi + 1 < end and (after is None or after.text not in (",", "\u2014", "--")):
        return []
    content = list(range(sent.start, lo - 1)) + list(range(hi + 2, end))
    if any("\n" in doc[i].text for i in content) or doc[content[0]].lower_ in _SUBORDINATORS if content else True:
        return []
    if not any(doc[i].pos_ in ("VERB", "AUX") for i in content) and not any(
            c.dep_ in SUBJ_DEPS and c.i in content for c in verb.children):
        return []  # no clause, unless the parse made its head a second subject of the verb
    return content if len(content) >= 3 else []
