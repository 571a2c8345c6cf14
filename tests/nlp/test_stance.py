"""Stance and hedging rules on short synthetic news sentences (no model needed)."""

from __future__ import annotations

import pytest

from newstrace.nlp.stance import classify_stance, is_hedged

# (cue, content, sentence, expected stance)
CASES = [
    # deny
    ("denied", "the report", "The ministry denied the report in a statement.", "deny"),
    ("has strongly denied", "any wrongdoing", "The mayor has strongly denied any wrongdoing.", "deny"),
    ("denies", "that she knew about the payments", "She denies that she knew about the payments.", "deny"),
    ("rejected the claim", "that the vote was rigged", "The board rejected the claim that the vote was rigged.", "deny"),
    ("rejected", "that argument", "The judge rejected that argument on Monday.", "deny"),
    ("dismissed", "the allegations as false", "The senator dismissed the allegations as false.", "deny"),
    ("dismissed", "the story as a hoax", "A spokesman dismissed the story as a hoax.", "deny"),
    ("disputed", "the idea that prices would fall", "Economists disputed the idea that prices would fall.", "deny"),
    ("rebutted", "the union's figures", "The company rebutted the union's figures.", "deny"),
    ("pushed back against", "the characterization of the deal", "Aides pushed back against the characterization of the deal.", "deny"),
    ("challenged", "the data", "The agency challenged the data in the audit.", "deny"),
    ("brushed aside", "speculation that he would resign", "He brushed aside speculation that he would resign.", "deny"),
    # deny-looking cues whose object is an action -> assert
    ("rejected", "the plan", "Lawmakers rejected the plan after a long debate.", "assert"),
    ("rejected", "a request from the defence to delay the trial", "The court rejected a request from the defence to delay the trial.", "assert"),
    ("could deny", "building permits", "The council could deny building permits to the developer.", "assert"),
    ("dismissed", "the coach as a has-been", "The owner dismissed the coach as a has-been.", "assert"),
    ("are challenging", "the new emissions rules", "Ten states are challenging the new emissions rules in court.", "assert"),
    ("are in a dispute over", "the border", "The two countries are in a dispute over the border.", "assert"),
    # confirm
    ("confirmed", "that the talks had stalled", "A government spokesman confirmed that the talks had stalled.", "confirm"),
    ("acknowledged", "the plan had flaws", "The minister acknowledged the plan had flaws.", "confirm"),
    ("admitted", "that he had misled investors", "The founder admitted that he had misled investors.", "confirm"),
    ("conceded", "that turnout was low", "Organisers conceded that turnout was low.", "confirm"),
    ("was confirmed", "the death of the driver", "The death of the driver was confirmed by police.", "confirm"),
    ("in a rare admission", "that mistakes were made", "In a rare admission that mistakes were made, the agency apologised.", "confirm"),
    # confirm-looking cues that are actions -> assert
    ("confirmed", "the nominee", "The Senate confirmed the nominee on Thursday.", "assert"),
    ("conceded", "defeat", "The challenger conceded defeat late on Sunday.", "assert"),
    ("acknowledged", "the crowd", "The singer acknowledged the crowd before leaving.", "assert"),
    # decline
    ("would not confirm", "whether talks took place", "Party officials would not confirm whether talks took place.", "decline"),
    ("declined to comment", None, "The company declined to comment.", "decline"),
    ("declined", "to comment", "A spokeswoman for the firm declined to comment.", "decline"),
    ("did not respond to", "a request for comment", "The embassy did not respond to a request for comment.", "decline"),
    ("did not immediately respond", "to requests for comment", "The White House did not immediately respond to requests for comment.", "decline"),
    ("refused to say", "how much was paid", "The club refused to say how much was paid.", "decline"),
    ("did not specify", "which regions would be affected", "Officials did not specify which regions would be affected.", "decline"),
    ("could not be reached", "for comment", "The owner could not be reached for comment.", "decline"),
    ("had no immediate comment", None, "The ministry had no immediate comment.", "decline"),
    ("did not deny", "the report", "The minister did not deny the report.", "decline"),
    ("has not disputed", "the figures", "The company has not disputed the figures.", "decline"),
    ("wouldn't say", "when the vote would be held", "The leader wouldn't say when the vote would be held.", "decline"),
    ("declined", "to discuss the terms of the deal", "Both sides declined to discuss the terms of the deal.", "decline"),
    ("refused to rule out", "a tax rise", "The chancellor refused to rule out a tax rise.", "decline"),
    ("declined to disclose", "how much the company paid", "He declined to disclose how much the company paid.", "decline"),
    ("confirm", "the figures", "The ministry would not, however, confirm the figures.", "decline"),
    # refusals of actions -> assert
    ("refused to release", "his tax returns", "The candidate refused to release his tax returns.", "assert"),
    ("declined", "to endorse the candidate", "The governor declined to endorse the candidate.", "assert"),
    ("decided to decline", "to appeal the ruling", "The city decided to decline to appeal the ruling.", "assert"),
    ("refused to disclose", "his medical records", "He has refused to disclose his medical records.", "assert"),
    ("declined", "the invitation", "The prime minister declined the invitation.", "assert"),
    ("did not want", "to raise taxes", "Voters did not want to raise taxes.", "assert"),
    ("does not reject", "the bill", "The party does not reject the bill outright.", "assert"),
    # assert
    ("said", "the vote would go ahead", "The minister said the vote would go ahead.", "assert"),
    ("said", "the report was not true", "He said the report was not true.", "assert"),
    ("according to", None, "The finance minister stepped down, according to a report.", "assert"),
    ("reportedly said", '"It was over before it started,"', '"It was over before it started," one official reportedly said.', "assert"),
    ("not only brushed off", "the criticism", "She not only brushed off the criticism but doubled down.", "deny"),
]


@pytest.mark.parametrize("cue, content, sentence, expected", CASES)
def test_stance_classifies_synthetic_cues(cue: str, content: str | None, sentence: str, expected: str) -> None:
    stance, _ = classify_stance(cue, content, sentence)
    assert stance == expected


def test_stance_every_class_is_reachable() -> None:
    produced = {classify_stance(c, t, s)[0] for c, t, s, _ in CASES}
    assert produced == {"assert", "deny", "confirm", "decline"}


@pytest.mark.parametrize(
    "cue, content, sentence, expected",
    [
        ("reportedly said", "it was over", "One official reportedly said it was over.", True),
        ("said", "the suspect allegedly fled the scene", "Police said the suspect allegedly fled the scene.", True),
        ("said", "the deal is done", "The deal is done, the buyer said, according to reports.", True),
        ("is said to have told", "aides", "The king is said to have told aides he would abdicate.", True),
        ("suggest", "the talks stalled", "Reports suggest the talks stalled.", True),
        ("said", "the deal is done", "The buyer said the deal is done.", False),
        ("denied", "the report", "The ministry denied the report.", False),
        ("confirmed", "the deal", "The ministry confirmed the deal, which was reportedly worth millions.", False),
    ],
)
def test_stance_hedging(cue: str, content: str, sentence: str, expected: bool) -> None:
    assert classify_stance(cue, content, sentence)[1] is expected
    assert is_hedged(cue, content, sentence) is expected


def test_stance_handles_empty_and_odd_input() -> None:
    assert classify_stance("", None, "") == ("assert", False)
    assert classify_stance("said", "", "said")[0] == "assert"
    assert classify_stance("DENIED", "THE REPORT", "THE MINISTRY DENIED THE REPORT.")[0] == "deny"
    # Curly apostrophes and contractions.
    assert classify_stance("wouldn\u2019t confirm", "it", "She wouldn\u2019t confirm it.")[0] == "decline"
    assert classify_stance("didn\u2019t respond", "to emails", "He didn\u2019t respond to emails.")[0] == "decline"


def test_stance_negation_far_before_cue_does_not_count() -> None:
    sentence = "The firm, which did not exist then, denied the claim."
    assert classify_stance("denied", "the claim", sentence)[0] == "deny"


def test_stance_design_example_attributions() -> None:
    assert classify_stance("according to", "The finance minister stepped down on Tuesday",
                           "The finance minister stepped down on Tuesday after a deal with the "
                           "opposition collapsed, according to a report.") == ("assert", False)
    assert classify_stance("cites", None, "The report cites two officials familiar with the talks.") == ("assert", False)
    assert classify_stance("reportedly said", "\u201cIt was over before it started,\u201d",
                           "\u201cIt was over before it started,\u201d one official reportedly said.") == ("assert", True)
    sentence = ("The ministry denied the report in a statement to the agency, and party officials "
                "would not confirm whether talks took place.")
    assert classify_stance("denied", "the report", sentence) == ("deny", False)
    assert classify_stance("would not confirm", "whether talks took place", sentence) == ("decline", False)


@pytest.mark.parametrize(
    "cue, content, expected",
    [
        ("did not reveal", "his plans", "decline"),
        ("did not disclose", "the price", "decline"),
        ("did not release", "his tax returns", "assert"),
        ("refused to disclose", "his medical records", "assert"),
        ("refused to disclose", "how much he was paid", "decline"),
        ("would neither confirm nor deny", "the report", "decline"),
        ("can't say", "whether the plant will close", "decline"),
        ("declined to be interviewed", None, "decline"),
    ],
)
def test_stance_withheld_information(cue: str, content: str | None, expected: str) -> None:
    sentence = f"The company {cue} {content or ''}."
    assert classify_stance(cue, content, sentence)[0] == expected
