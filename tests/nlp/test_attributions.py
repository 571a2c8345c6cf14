"""Attribution extraction on short synthetic news sentences (real spaCy model)."""

from __future__ import annotations

from typing import Any

import pytest

from _spacy_model import load_nlp
from newstrace.nlp.attributions import Found, extract


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_nlp()


def _find(nlp: Any, text: str) -> list[dict[str, Any]]:
    doc = nlp(text)
    found, _ = extract(doc)

    def part(span: tuple[int, int] | None) -> str | None:
        return None if span is None else text[span[0]:span[1]]

    return [{"source": part(f.source), "cue": part(f.cue), "content": part(f.content), "type": f.type}
            for f in found]


def _by_cue(rows: list[dict[str, Any]], cue: str) -> dict[str, Any]:
    matches = [r for r in rows if r["cue"] == cue]
    assert matches, f"no attribution with cue {cue!r} in {rows}"
    return matches[0]


# A hand-written token: word, space after it, head index, dependency, coarse tag, fine tag, lemma.
_Tok = tuple[str, bool, int, str, str, str, str]


def _hand_parsed(nlp: Any, tokens: list[_Tok]) -> list[dict[str, Any]]:
    """Attributions of a parse written out by hand: one the model produces on some real sentences
    but not on a short synthetic one."""
    from spacy.tokens import Doc

    words, spaces, heads, deps, pos, tags, lemmas = (list(column) for column in zip(*tokens))
    doc = Doc(nlp.vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas)
    found, _ = extract(doc)
    text = doc.text

    def part(span: tuple[int, int] | None) -> str | None:
        return None if span is None else text[span[0]:span[1]]

    return [{"source": part(f.source), "cue": part(f.cue), "content": part(f.content)} for f in found]


CASES = [
    # (text, cue, source, content, type)
    ("The mayor said that the bridge would reopen in May.", "said", "The mayor",
     "that the bridge would reopen in May", "indirect"),
    ('"We will rebuild the bridge," the mayor said.', "said", "the mayor",
     '"We will rebuild the bridge,"', "direct"),
    ('The mayor said: "We will rebuild the bridge."', "said:", "The mayor",
     '"We will rebuild the bridge."', "direct"),
    ("The bridge will reopen in May, according to the city council.", "according to", "the city council",
     "The bridge will reopen in May", "indirect"),
    ("The union has denied the allegations.", "has denied", "The union", "the allegations", "indirect"),
    ("The company would not confirm whether the plant will close.", "would not confirm", "The company",
     "whether the plant will close", "indirect"),
    ("A spokeswoman declined to comment.", "declined", "A spokeswoman", "to comment", "indirect"),
    ("The senator also told reporters that the vote was rigged.", "also told", "The senator",
     "that the vote was rigged", "indirect"),
    ("The minister reportedly said the deal was dead.", "reportedly said", "The minister",
     "the deal was dead", "indirect"),
    ("Analysts believe that prices will fall next year.", "believe", "Analysts",
     "that prices will fall next year", "indirect"),
    ("The deal, officials said, is worth two billion dollars.", "said", "officials",
     "The deal, officials said, is worth two billion dollars", "indirect"),
    ("Residents called for a new investigation into the fire.", "called for", "Residents",
     "a new investigation into the fire", "indirect"),
    ('The governor called the plan "a disaster for farmers."', "called", "The governor",
     'the plan "a disaster for farmers."', "mixed"),
    ("A new survey shows that most voters oppose the tax.", "shows", "A new survey",
     "that most voters oppose the tax", "indirect"),
    ("Governor: Budget talks are dead on arrival", ":", "Governor", "Budget talks are dead on arrival",
     "indirect"),
    # a cue ending its line with a colon introduces the next paragraph, quoted or not
    ('The mayor continued:\n\n"We will rebuild the bridge. It takes a year."\n\nThe meeting ended.',
     "continued:", "The mayor", '"We will rebuild the bridge. It takes a year."', "direct"),
    ("In her speech the mayor declared:\n\nThe bridge will be rebuilt by spring.\n\nThe meeting ended.",
     "declared:", "the mayor", "The bridge will be rebuilt by spring", "indirect"),
    ('The mayor told the crowd:\n\n"We will rebuild the bridge."\n\nThe meeting ended.', "told", "The mayor",
     '"We will rebuild the bridge."', "direct"),
    ("To the farmers, the new tax looks like a punishment.", "To", "the farmers",
     "the new tax looks like a punishment", "indirect"),
    ("Acme senior adviser Jo Lund said the deal was dead.", "said", "Acme senior adviser Jo Lund",
     "the deal was dead", "indirect"),
    ("Campaign chief Jo Lund says in a statement that the governor will stay in the race.", "says",
     "Campaign chief Jo Lund", "that the governor will stay in the race", "indirect"),
    ("In the mayor's view, the bridge is safe enough for trucks.", "view", "the mayor's",
     "the bridge is safe enough for trucks", "indirect"),
    # a military title stays one token, so the parse does not end a sentence inside the name
    ("Navy spokesman Capt. Jo Lund said the drill was planned.", "said",
     "Navy spokesman Capt. Jo Lund", "the drill was planned", "indirect"),
    # "called for X to Y": the parser's for-to clause is the content of "called for"
    ("The mayor is calling for the state to pay for the new bridge.", "is calling for", "The mayor",
     "the state to pay for the new bridge", "indirect"),
    # the date of a poll says which poll it is, so it stays in the source
    ("A Pew study from 2011 found that most residents oppose the toll.", "found", "A Pew study from 2011",
     "that most residents oppose the toll", "indirect"),
    # ... but the day it spoke belongs to the cue
    ("A council report on Wednesday said the bridge was unsafe.", "said", "A council report",
     "the bridge was unsafe", "indirect"),
    # an expletive "it" names nobody
    ("It seems that the bridge will reopen in May.", "seems", None, "that the bridge will reopen in May",
     "indirect"),
    # a participle set off by commas says what the speaker was doing, not who speaks
    ("The mayor, speaking to reporters at the bridge, said the repairs would take a year.", "said",
     "The mayor", "the repairs would take a year", "indirect"),
    # "X on Y:" headline: Y is the topic, X speaks
    ("Mayor Lund on Bridge Tolls: No increase this year", ":", "Mayor Lund", "No increase this year",
     "indirect"),
    # "an effort to condemn": the one who leads the effort condemns, not the effort
    ("The mayor has led a quiet effort to condemn the plan.", "to condemn", "The mayor", "the plan",
     "indirect"),
    # "seems stable": the writer's impression, the subject is part of what seems so
    ("The council seems stable, but that could change.", "seems", None, "The council seems stable",
     "indirect"),
    # the one asked is not the one who speaks
    ("The mayor was asked about the tolls at a meeting on Monday.", "was asked about", None, "the tolls",
     "indirect"),
    # ... also when the parser tags the fronted participle as a past tense
    ("Asked what the plan would cost, Lund replied that nobody knew.", "Asked", None,
     "what the plan would cost", "indirect"),
    # a document someone issued speaks for its issuer
    ("The council published a report detailing the rising costs of the bridge.", "detailing", "The council",
     "the rising costs of the bridge", "indirect"),
    ("The mayor shot back in an article stating that the bridge was safe.", "stating", "The mayor",
     "that the bridge was safe", "indirect"),
    # a reported clause the parser read as a second subject of "said" is still the frame's content
    ('The rejection of the treaty signals "the beginning of the end" for the union, said Jo Lund, founder of '
     'the Party for Freedom.', "said", "Jo Lund, founder of the Party for Freedom",
     'The rejection of the treaty signals "the beginning of the end" for the union', "mixed"),
    # the owner of a refusal is the one who refuses
    ("The mayor's refusal to condemn the attack angered residents.", "to condemn", "The mayor's", "the attack",
     "indirect"),
    # a dateline the parser made the subject is not part of who speaks
    ("PHILADELPHIA (AFP) \u2013 US President Barack Obama will lead an effort to paint the senator as unfit.",
     "to paint", "US President Barack Obama", "the senator as unfit", "indirect"),
    # ... but a dash before an apposition inside a mention is
    ("The three scholars -- Jo Lund, Ann Lee and Bo Ek -- agreed that the law was flawed.", "agreed",
     "The three scholars -- Jo Lund, Ann Lee and Bo Ek", "that the law was flawed", "indirect"),
    # an endorsement won from someone: that someone endorses, the winner is endorsed
    ("Last month, Mr. Lund won the endorsement of the most influential pastor in the state.", "endorsement of",
     "the most influential pastor in the state", "Mr. Lund", "indirect"),
    # "by some as a betrayal": the agent is "some", the "as" phrase is the view
    ("The plan was seen by some as a betrayal of the farmers.", "was seen", "some", "The plan", "indirect"),
    # a line break at the end of the speaker's mention does not wipe it out
    ("\u201cThe bridge works,\u201d said Jo Lund, an engineer at the firm..\n\nThe bridge opened in May.", "said",
     "Jo Lund, an engineer at the firm", "\u201cThe bridge works,\u201d", "direct"),
]


@pytest.mark.model
@pytest.mark.parametrize("text,cue,source,content,kind", CASES)
def test_attributions_finds_source_cue_content(nlp: Any, text: str, cue: str, source: str | None,
                                              content: str | None, kind: str) -> None:
    row = _by_cue(_find(nlp, text), cue)
    assert row["source"] == source
    assert row["content"] == content
    assert row["type"] == kind


@pytest.mark.model
def test_attributions_quote_split_by_said_is_one_content(nlp: Any) -> None:
    text = '"The plan is dead," the senator said, "and nobody will revive it."'
    row = _by_cue(_find(nlp, text), "said")
    assert row["source"] == "the senator"
    assert row["content"] == text[:-1] or row["content"] == text  # both quotes, "the senator said" inside
    assert row["type"] == "direct"


@pytest.mark.model
def test_attributions_quote_across_sentences_and_paragraphs(nlp: Any) -> None:
    text = ('"We did everything we could. The storm was too strong," the fire chief said.\n\n'
            'Residents returned on Sunday.')
    row = _by_cue(_find(nlp, text), "said")
    assert row["content"] == '"We did everything we could. The storm was too strong,"'
    text2 = '"The first part goes here.\n\n"The second paragraph ends it," the chief said.'
    row2 = _by_cue(_find(nlp, text2), "said")
    assert row2["content"] is not None and row2["content"].startswith('"The first part')


@pytest.mark.model
def test_attributions_cites_people_makes_them_the_source(nlp: Any) -> None:
    rows = _find(nlp, "The report cites two officials familiar with the talks.")
    row = _by_cue(rows, "cites")
    assert row["source"] == "two officials familiar with the talks"
    assert row["content"] is None


@pytest.mark.model
def test_attributions_source_is_null_for_impersonal_cues(nlp: Any) -> None:
    row = _by_cue(_find(nlp, "The factory is expected to close next year."), "is expected")
    assert row["source"] is None
    assert row["content"] is not None and "factory" in row["content"]


@pytest.mark.model
def test_attributions_no_attribution_in_plain_narration(nlp: Any) -> None:
    assert _find(nlp, "The river flooded the town and the bridge collapsed on Tuesday.") == []


@pytest.mark.model
def test_attributions_unbalanced_quote_skips_only_that_quote(nlp: Any) -> None:
    text = 'He said "the vote was fair. The mayor denied the report.'
    doc = nlp(text)
    found, unbalanced = extract(doc)
    assert unbalanced == 1
    cues = [text[f.cue[0]:f.cue[1]] for f in found]
    assert "denied" in cues


@pytest.mark.model
def test_attributions_empty_and_wordless_docs(nlp: Any) -> None:
    for text in ("", "   \n\n  ", "... --- !!!", '"""'):
        found, _ = extract(nlp(text))
        assert found == []


def test_attributions_found_records_are_frozen() -> None:
    found = Found((0, 4), None, None, "indirect", "rule", 0, None)
    with pytest.raises(AttributeError):
        found.cue = (1, 2)  # type: ignore[misc]


@pytest.mark.model
def test_attributions_declined_to_comment_is_one_attribution(nlp: Any) -> None:
    rows = _find(nlp, "The spokesman declined to comment. The board met on Friday.")
    assert [r["cue"] for r in rows] == ["declined"]
    assert rows[0]["content"] == "to comment"


def _parts(nlp: Any, text: str, cue: str) -> list[str]:
    found, _ = extract(nlp(text))
    match = next(f for f in found if text[f.cue[0]:f.cue[1]] == cue)
    return [text[s:e] for s, e in match.content_parts]


@pytest.mark.model
def test_attributions_content_parts_leave_out_the_said_frame(nlp: Any) -> None:
    text = '"We will win," Smith said on Tuesday at a rally, "and then we will govern."'
    assert _parts(nlp, text, "said") == ['"We will win,"', '"and then we will govern."']
    assert _parts(nlp, "The plan, she said on Monday, will fail.", "said") == ["The plan", "will fail"]


@pytest.mark.model
def test_attributions_plain_content_has_no_parts(nlp: Any) -> None:
    assert _parts(nlp, "The mayor said that the bridge would reopen in May.", "said") == []


@pytest.mark.model
def test_attributions_standing_in_the_polls_is_no_poll_finding(nlp: Any) -> None:
    assert not [r for r in _find(nlp, "The senator has a slim lead in the polls.") if r["cue"] == "in"]
    row = _by_cue(_find(nlp, "The senator leads the governor by four points in a new state poll."), "in")
    assert row["source"] == "a new state poll"


@pytest.mark.model
def test_attributions_likely_is_a_forecast_unless_a_cue_follows(nlp: Any) -> None:
    assert not _find(nlp, "The senator is likely to win the seat.")
    row = _by_cue(_find(nlp, "Voters are likely to say that taxes matter."), "are likely to say")
    assert row["source"] == "Voters"


@pytest.mark.model
def test_attributions_colon_closing_a_paragraph_before_a_quote_is_the_cue(nlp: Any) -> None:
    text = 'The senator ended the evening with three wishes:\n\n"Peace, patience and a balanced budget."\n\nThe end.'
    row = _by_cue(_find(nlp, text), ":")
    assert row["source"] == "The senator"
    assert row["content"] == '"Peace, patience and a balanced budget."'
    assert row["type"] == "direct"


@pytest.mark.model
def test_attributions_participle_in_the_frame_keeps_the_quote_going(nlp: Any) -> None:
    text = '"We have come a long way," he said, noting that he once trailed by fifty points. "We will win."'
    rows = _find(nlp, text)
    assert _by_cue(rows, "noting")["content"] == "that he once trailed by fifty points"
    assert _parts(nlp, text, "said") == ['"We have come a long way,"', '"We will win."']


@pytest.mark.model
def test_attributions_addressee_object_yields_to_the_adjacent_quote(nlp: Any) -> None:
    # a parse that reads "reporters" as the message of "told" (as the model sometimes does)
    rows = _hand_parsed(nlp, [
        ('"', False, 5, "punct", "PUNCT", "``", '"'), ("Fine", False, 5, "dep", "ADJ", "JJ", "fine"),
        (",", False, 5, "punct", "PUNCT", ",", ","), ('"', True, 5, "punct", "PUNCT", "''", '"'),
        ("she", True, 5, "nsubj", "PRON", "PRP", "she"), ("told", True, 5, "ROOT", "VERB", "VBD", "tell"),
        ("reporters", False, 5, "dobj", "NOUN", "NNS", "reporter"), (".", False, 5, "punct", "PUNCT", ".", "."),
    ])
    assert _by_cue(rows, "told")["content"] == '"Fine,"'


@pytest.mark.model
def test_attributions_quote_goes_on_in_a_quoted_paragraph_without_a_cue(nlp: Any) -> None:
    from newstrace.nlp.model import line_sentences

    text = 'He said: "We will win the state."\n\n"And then we will govern it."\n\n"Not yet," his rival said.'
    found, _ = extract(nlp(line_sentences(nlp, text)))
    spans = {text[f.cue[0]:f.cue[1]]: f.content for f in found}
    said = spans["said:"]
    assert said is not None and text[said[0]:said[1]] == '"We will win the state."\n\n"And then we will govern it."'
    rival = spans["said"]
    assert rival is not None and text[rival[0]:rival[1]] == '"Not yet,"'


@pytest.mark.model
def test_attributions_participle_of_speech_inside_another_content_is_kept(nlp: Any) -> None:
    rows = _find(nlp, 'The engineer also wrote that the crews knew the rules, saying, "They did not fail once."')
    assert _by_cue(rows, "saying")["source"] == "The engineer"
    assert _by_cue(rows, "also wrote")["source"] == "The engineer"
    rows = _find(nlp, "Stressing the cost of repairs, the mayor said the bridge would close.")
    assert _by_cue(rows, "Stressing")["source"] == "the mayor"


@pytest.mark.model
def test_attributions_subject_whose_clause_was_parsed_as_a_clause(nlp: Any) -> None:
    # The parser reads "Mr. Dunn ... uses big data" as a clause of "said"; the repair makes
    # "Mr. Dunn" the source and the clause after "said" the content.
    rows = _find(nlp, "Mr. Dunn, whose latest start-up, Gridly, uses big data to help farmers find buyers, "
                      "said the mayor was a candidate very much in the spirit of the valley.")
    row = _by_cue(rows, "said")
    assert row["source"] == "Mr. Dunn"
    assert row["content"] == "the mayor was a candidate very much in the spirit of the valley"


@pytest.mark.model
def test_attributions_quote_signed_with_a_dash_and_a_name(nlp: Any) -> None:
    text = ("Readers wrote in after the debate.\n"
            "\u201cThe bridge plan is a waste of our money.\u201d \u2014 Jo Lund\n"
            "\u201cI trust the mayor to fix the roads first.\u201d\n\n- Ann K. Berg.\n\n"
            "The council will vote in May.")
    rows = [r for r in _find(nlp, text) if r["source"] in ("Jo Lund", "Ann K. Berg")]
    assert [(r["cue"], r["source"], r["content"], r["type"]) for r in rows] == [
        ("\u2014", "Jo Lund", "\u201cThe bridge plan is a waste of our money.\u201d", "direct"),
        ("-", "Ann K. Berg", "\u201cI trust the mayor to fix the roads first.\u201d", "direct"),
    ]


@pytest.mark.model
def test_attributions_dash_after_a_quote_without_a_name_is_no_signature(nlp: Any) -> None:
    text = ("The town is called \u201cLas Brujas\u201d -- Spanish for \u201cthe witches\u201d -- by its residents.\n"
            "\u201cWe will rebuild,\u201d \u2013 a promise heard at every rally \u2013 became the slogan.")
    assert not [r for r in _find(nlp, text) if r["cue"] in ("--", "\u2013")]


@pytest.mark.model
def test_attributions_one_word_list_item_after_a_quote_is_no_signature(nlp: Any) -> None:
    text = "The mayor closed with a slogan: \u201cBuild it now.\u201d\n\n- Roads\n\n- Bridges\n\nThe vote is in May."
    assert not [r for r in _find(nlp, text) if r["cue"] == "-"]


@pytest.mark.model
def test_attributions_participle_after_reported_clause_belongs_to_the_speaker(nlp: Any) -> None:
    # the parser hangs "arguing" on the reported clause ("he had doubts"); Lund argues
    rows = _find(nlp, "Senator Lund said he had doubts about the toll plan, arguing that it would hurt commuters.")
    assert _by_cue(rows, "arguing")["source"] == "Senator Lund"


@pytest.mark.model
def test_attributions_nationality_before_a_reporting_noun_is_its_source(nlp: Any) -> None:
    rows = _find(nlp, "The plan stalled because of German reluctance to share the costs.")
    row = _by_cue(rows, "reluctance")
    assert (row["source"], row["content"]) == ("German", "to share the costs")


@pytest.mark.model
def test_attributions_passive_clause_does_not_borrow_the_main_subject(nlp: Any) -> None:
    rows = _find(nlp, "When the diagnosis was confirmed, the mayor did not wait for the council.")
    row = _by_cue(rows, "was confirmed")
    assert (row["source"], row["content"]) == (None, "the diagnosis")


@pytest.mark.model
def test_attributions_generic_that_clause_needs_a_known_source(nlp: Any) -> None:
    # "spread" is no reporting verb and "the rumor" is nobody: the generic that-clause rule stays quiet
    assert _find(nlp, "The rumor spread that the mayor would resign.") == []
    # with a person as subject the same rule reports a stance
    rows = _find(nlp, "The mayor wagered that the council would resign.")
    assert _by_cue(rows, "wagered")["source"] == "The mayor"


@pytest.mark.model
@pytest.mark.parametrize("text,cue,source", [
    # the parser read the inverted speaker as the object of "added"
    ("\u201cIt works,\u201d added a council member from the east side. \u201cWe are happy.\u201d", "added",
     "a council member"),
    # ... or as the subject of a clause after it; that clause is no frame of its own
    ("\u201cI am more skilled with my hands than with my brain,\u201d said Jo Lund, half joking.", "said", "Jo Lund"),
])
def test_attributions_inverted_speaker_the_parse_hung_elsewhere(nlp: Any, text: str, cue: str, source: str) -> None:
    rows = _find(nlp, text)
    assert _by_cue(rows, cue)["source"] == source
    assert all(r["source"] != "half" for r in rows)


@pytest.mark.model
@pytest.mark.parametrize("text", [
    # a relative "that" describing a group is not a reported stance
    "The mayor leads a party that favors tariffs on steel.",
    # an imperative reports nobody's words
    "Now tell us this is not a tax on commuters.",
    # what someone would or will think is not what they think
    "Voters would see the toll as a tax.",
    "The council will consider the plan next week.",
    # the generic "you" is nobody in particular
    "You can see why the toll is unpopular.",
])
def test_attributions_unasserted_cues_are_no_attributions(nlp: Any, text: str) -> None:
    assert _find(nlp, text) == []


@pytest.mark.model
@pytest.mark.parametrize("text,cue,source", [
    ("The data may suggest that tolls reduce traffic.", "may suggest", "The data"),  # a hedged finding
    ("Some residents, however, question the wisdom of the toll.", "question", "Some residents"),
])
def test_attributions_hedged_and_plural_present_cues_stay(nlp: Any, text: str, cue: str, source: str) -> None:
    assert _by_cue(_find(nlp, text), cue)["source"] == source


@pytest.mark.model
@pytest.mark.parametrize("text,cue,source", [
    ("She stated, \u201cWhen I look at this, an absence of action by the council would have hurt the town,\u201d "
     "adding, \u201cI think we acted.\u201d", "adding", "She"),
    ('Lund stressed that "the way to proceed is to get both parties working together," suggesting that the only '
     'way to do that is a vote.', "suggesting", "Lund"),
])
def test_attributions_source_is_never_inside_a_quote_the_cue_is_outside(nlp: Any, text: str, cue: str,
                                                                       source: str) -> None:
    assert _by_cue(_find(nlp, text), cue)["source"] == source


@pytest.mark.model
def test_attributions_person_doing_a_reporting_act_is_its_source(nlp: Any) -> None:
    # the one who avoids, offers or makes the criticism is its source ...
    for text, doer in [("He avoided direct criticism of the mayor until Monday.", "He"),
                       ("The Sierra Club avoided direct criticism of the mayor until Monday.", "The Sierra Club"),
                       ("Local activists avoided direct criticism of the mayor until Monday.", "Local activists")]:
        assert _by_cue(_find(nlp, text), "direct criticism of")["source"] == doer
    # ... the one who faces it is not
    assert _by_cue(_find(nlp, "She faced sharp criticism over the toll."), "sharp criticism over")["source"] is None


@pytest.mark.model
@pytest.mark.parametrize("text,source", [
    # the parser hung the name on the fronted clause, or made the participle the subject
    ("Worried by the protests in Ohio, Senator Ann Lund, the majority leader, said that she spoke with the mayor.",
     "Senator Ann Lund, the majority leader"),
    ("Alarmed by the unrest in Nevada, Senator Ann Lund, the minority leader, said that she spoke with the mayor.",
     "Senator Ann Lund, the minority leader"),
])
def test_attributions_speaker_after_a_fronted_participle_clause(nlp: Any, text: str, source: str) -> None:
    assert _by_cue(_find(nlp, text), "said")["source"] == source


@pytest.mark.model
def test_attributions_subject_of_an_adjective_governs_its_infinitive(nlp: Any) -> None:
    # "are inclined to describe": the residents describe
    assert _by_cue(_find(nlp, "Residents are inclined to describe the toll as a tax."),
                   "to describe")["source"] == "Residents"


@pytest.mark.model
@pytest.mark.parametrize("text,cue", [
    ("It was reported that the toll will rise.", "was reported"),
    ("It was revealed on Monday that the mayor had resigned.", "was revealed"),
    ("It is fair to say that the toll failed.", "to say"),
    ("It is worth noting that the toll rose.", "noting"),
])
def test_attributions_expletive_it_names_no_source(nlp: Any, text: str, cue: str) -> None:
    assert _by_cue(_find(nlp, text), cue)["source"] is None


@pytest.mark.model
def test_attributions_speaker_hung_on_a_fronted_phrase_with_a_long_apposition(nlp: Any) -> None:
    # the parser made the name an apposition of "Harbor Point"; the verb has no subject
    text = ("At Harbor Point, where it costs new members 90 dollars to join, Ann Reyes, the marina's 64-year-old "
            "owner and general manager, suggested that the losses of some rivals could be blamed on poor planning.")
    assert _by_cue(_find(nlp, text), "suggested")["source"] == \
        "Ann Reyes, the marina's 64-year-old owner and general manager"


@pytest.mark.model
def test_attributions_participle_after_a_frame_the_parse_hung_beside_it(nlp: Any) -> None:
    # '"It is fine," Lund said, going on to say ...' with "Lund said" parsed as a parataxis of "going"
    rows = _hand_parsed(nlp, [
        ('"', False, 7, "punct", "PUNCT", "``", '"'), ("It", True, 2, "nsubj", "PRON", "PRP", "it"),
        ("is", True, 7, "ccomp", "AUX", "VBZ", "be"), ("fine", False, 2, "acomp", "ADJ", "JJ", "fine"),
        (",", False, 7, "punct", "PUNCT", ",", ","), ('"', True, 7, "punct", "PUNCT", "''", '"'),
        ("Lund", True, 7, "nsubj", "PROPN", "NNP", "Lund"), ("said", False, 9, "parataxis", "VERB", "VBD", "say"),
        (",", True, 7, "punct", "PUNCT", ",", ","), ("going", True, 9, "ROOT", "VERB", "VBG", "go"),
        ("on", True, 9, "prt", "ADP", "RP", "on"), ("to", True, 12, "aux", "PART", "TO", "to"),
        ("say", True, 9, "xcomp", "VERB", "VB", "say"), ("that", True, 16, "mark", "SCONJ", "IN", "that"),
        ("the", True, 15, "det", "DET", "DT", "the"), ("vote", True, 16, "nsubj", "NOUN", "NN", "vote"),
        ("was", True, 12, "ccomp", "AUX", "VBD", "be"), ("fair", False, 16, "acomp", "ADJ", "JJ", "fair"),
        (".", False, 9, "punct", "PUNCT", ".", "."),
    ])
    assert _by_cue(rows, "to say")["source"] == "Lund"


@pytest.mark.model
@pytest.mark.parametrize("text,cue,source", [
    # the speaker of a participle in a fronted "after" phrase is the subject of a passive main clause
    ("After saying her left knee was sore, she was rushed to the clinic for tests.", "saying", "she"),
    # "aside from" hangs the phrase on an adverb; the speaker is still the subject it reaches
    ("Lund has said about 20 people have shown an interest in the seat, but he refuses to discuss possible picks, "
     "aside from saying he wants a diverse slate.", "saying", "he"),
])
def test_attributions_participle_in_a_prepositional_phrase_takes_the_governing_subject(
        nlp: Any, text: str, cue: str, source: str) -> None:
    assert _by_cue(_find(nlp, text), cue)["source"] == source


@pytest.mark.model
def test_attributions_an_expected_act_is_a_forecast_with_no_source(nlp: Any) -> None:
    # "is expected to approve": nobody has approved anything yet; the forecast names no source
    rows = _find(nlp, "The council is expected to approve the toll on Monday.")
    assert _by_cue(rows, "is expected")["source"] is None
    # "seemed to confirm" still reports the mayor's act
    assert _by_cue(_find(nlp, "The mayor seemed to confirm that the toll would rise."),
                   "seemed to confirm")["source"] == "The mayor"


@pytest.mark.model
def test_attributions_transcript_quoted_paragraph_by_paragraph(nlp: Any) -> None:
    # each paragraph opens a quote that is never closed: the label speaks its own paragraph only
    text = ('Partial transcript as follows:\n\n"LUND: Let us start with the toll. Why did the council vote for it?\n\n'
            '"REYES: Well, look, the council had no choice. The bridge needs repairs.\n\n'
            '"LUND: Do you think drivers will pay?')
    turns = [r for r in _find(nlp, text) if r["cue"] == ":"]
    assert [(r["source"], r["content"]) for r in turns] == [
        ("LUND", "Let us start with the toll. Why did the council vote for it"),
        ("REYES", "Well, look, the council had no choice. The bridge needs repairs"),
        ("LUND", "Do you think drivers will pay"),
    ]


@pytest.mark.model
def test_attributions_a_date_after_a_reporting_noun_is_no_content(nlp: Any) -> None:
    # "remarks on Saturday" says when, "remarks on the toll" what
    assert _find(nlp, "But his remarks on Saturday carried a more personal tone.") == []
    assert _by_cue(_find(nlp, "His remarks on the toll were brief."), "remarks on")["content"] == "the toll"


@pytest.mark.model
@pytest.mark.parametrize("text,source", [
    # where and when the speaker spoke belong to the verb, even when the parser hangs them on the name
    ("Senator Jo Lund (D-Ohio) in an interview said the toll would fall.", "Senator Jo Lund (D-Ohio)"),
    ("Jo Lund in a Medium post said the toll would fall.", "Jo Lund"),
    ("Lund at the time said the toll would fall.", "Lund"),
    # ... but a time that describes the role stays: it says who
    ("Jo Lund, a council member since 2014, said the toll would fall.", "Jo Lund, a council member since 2014"),
])
def test_attributions_closing_channel_or_time_leaves_the_source(nlp: Any, text: str, source: str) -> None:
    assert _by_cue(_find(nlp, text), "said")["source"] == source


@pytest.mark.model
def test_attributions_subject_the_parser_split_in_two_is_one_source(nlp: Any) -> None:
    # "Lee, Ross" parsed as two subjects of "had": both hold the views
    assert _by_cue(_find(nlp, "Lee, Ross had opposing views on the toll."), "had opposing views on")["source"] == \
        "Lee, Ross"


@pytest.mark.model
@pytest.mark.parametrize("text,cue,source", [
    # the parser split the hyphenated word; the source is never a piece of a word
    ("The non-profit is seeking to raise the toll.", "is seeking", "non-profit"),
    ("His ex-wife contended that the toll was unfair.", "contended", "His ex-wife"),
])
def test_attributions_source_keeps_whole_hyphenated_words(nlp: Any, text: str, cue: str, source: str) -> None:
    assert _by_cue(_find(nlp, text), cue)["source"] == source


@pytest.mark.model
def test_attributions_title_words_the_parser_made_sentences_stay_in_the_source(nlp: Any) -> None:
    # after a live blog's timestamp the parser made "Minnesota" a sentence of its own
    rows = _hand_parsed(nlp, [
        ("5:45", True, 1, "nummod", "NUM", "CD", "5:45"), ("p.m.", False, 1, "ROOT", "NOUN", "NN", "p.m."),
        ("\n\n", False, 1, "dep", "SPACE", "_SP", "\n\n"), ("Minnesota", True, 3, "ROOT", "PROPN", "NNP", "Minnesota"),
        ("Gov.", True, 6, "compound", "PROPN", "NNP", "Gov."), ("Ann", True, 6, "compound", "PROPN", "NNP", "Ann"),
        ("Reyes", True, 8, "nsubj", "PROPN", "NNP", "Reyes"), ("is", True, 8, "aux", "AUX", "VBZ", "be"),
        ("backing", True, 8, "ROOT", "VERB", "VBG", "back"), ("the", True, 10, "det", "DET", "DT", "the"),
        ("toll", False, 8, "dobj", "NOUN", "NN", "toll"), (".", False, 8, "punct", "PUNCT", ".", "."),
    ])
    assert _by_cue(rows, "is backing")["source"] == "Minnesota Gov. Ann Reyes"


@pytest.mark.model
def test_attributions_a_document_that_reads_a_quote_is_its_source(nlp: Any) -> None:
    text = '"The toll is a tax on the poor," the letter reads.'
    row = _by_cue(_find(nlp, text), "reads")
    assert (row["source"], row["content"]) == ("the letter", '"The toll is a tax on the poor,"')
    # reading something is no report of it
    assert _find(nlp, "She read the report last night.") == []


@pytest.mark.model
@pytest.mark.parametrize("text,source,content", [
    ('As Lund put it, "The toll is a tax on the poor."', "Lund", '"The toll is a tax on the poor."'),
    ("The council, as Reyes put it, has no plan.", "Reyes", "The council, as Reyes put it, has no plan"),
])
def test_attributions_as_someone_put_it(nlp: Any, text: str, source: str, content: str) -> None:
    row = _by_cue(_find(nlp, text), "put it")
    assert (row["source"], row["content"]) == (source, content)
    assert _find(nlp, "She put it on the table.") == []


@pytest.mark.model
def test_attributions_frame_closing_a_sentence_the_parser_missed(nlp: Any) -> None:
    text = ("Lund has not given money to any other candidate this year, election records compiled by the Center "
            "for Politics show.")
    row = _by_cue(_find(nlp, text), "show")
    assert (row["source"], row["content"]) == (
        "election records compiled by the Center for Politics",
        "Lund has not given money to any other candidate this year")
    # "the show" is a noun
    assert all(r["cue"] != "show" for r in _find(nlp, "Lund said more, according to a transcript of the show."))


@pytest.mark.model
def test_attributions_extraposed_it_with_an_adjective_names_nobody(nlp: Any) -> None:
    assert _find(nlp, "It was clear from the start that the toll would fail.") == []


@pytest.mark.model
def test_attributions_a_heading_before_a_colon_is_no_speaker(nlp: Any) -> None:
    assert _find(nlp, "ANALYSIS: The toll is failing the city badly.\n\nThe council met on Monday.") == []
    # a fact check's "THE FACTS:" answers each claim; it is no speaker, however often it recurs
    check = ("LUND: The toll is the lowest ever.\n\nTHE FACTS: The toll is not the lowest.\n\n"
             "LUND: The bridge is new.\n\nTHE FACTS: It opened in 1960.")
    assert [r["source"] for r in _find(nlp, check) if r["cue"] == ":"] == ["LUND", "LUND"]
    # a capitalised label is a speaker when it opens turn after turn, not once
    once = 'Notes:\n\n"TOLL WATCH: The toll rose again in May and June.\n\nThe council met on Monday.'
    assert all(r["source"] != "TOLL WATCH" for r in _find(nlp, once))
