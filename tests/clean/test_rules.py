"""Line rules (data file) on short synthetic lines: each junk category, and body lines that must stay."""

from __future__ import annotations

import pytest

from newstrace.clean.rules import Rule, RuleSet, default_rules, parse_rules

JUNK = [
    ("Advertisement", "ad"),
    ("ADVERTISEMENT", "ad"),
    ("AD", "ad"),
    ("Story continues below advertisement", "ad"),
    ("Continue Reading Below", "ad"),
    ("___", "separator"),
    ("* * *", "separator"),
    ("[break]", "separator"),
    ("Video Embed", "embed"),
    ("Media playback is unsupported on your device Media caption The mayor speaks", "embed"),
    ("JUST WATCHED Mayor opens bridge Replay More Videos ... MUST WATCH Mayor opens bridge 01:12", "embed"),
    ("Slideshow (4 Images)", "embed"),
    ('{"slot":"sidebar","display":"mobile"} hidden ad unit', "embed"),
    ("var _q = _q || []; _q.push(['embed']);", "embed"),
    ("https://video.example.com/watch?v=abc123", "embed"),
    ("Photo: Jane Roe/Getty Images", "caption"),
    ("The mayor waves to supporters in Alder Bay on Tuesday. (AP Photo/John Doe)", "caption"),
    ("FILE - In this March 2, 2021, file photo, the mayor speaks to reporters.", "caption"),
    ("Image copyright Getty Images Image caption The bridge opened in 1998", "caption"),
    ("Crowds gather outside the town hall on Monday. Jane Roe/AP", "caption"),
    ("Firefighters work near the ridge [Jane Roe/Reuters]", "caption"),
    ("Share this: Pocket", "share"),
    ("Link Copied", "share"),
    ("Follow @cityticker", "share"),
    ("Follow us on Twitter @CityDesk", "share"),
    ("Sign up for our Daily Newsletter", "subscribe"),
    ("Get the best stories delivered to your inbox. By signing up, you agree to our Privacy Policy", "subscribe"),
    ("Download the Harbor News app for breaking news alerts", "subscribe"),
    ("Related: Council approves new cycle lanes", "related"),
    ("READ MORE: Rail fares to rise next spring", "related"),
    ("Related Content", "related"),
    ("More:", "related"),
    ("Go deeper:", "related"),
    ("Mayor opens new bridge after years of delay Read more", "related"),
    ("CLICK HERE TO READ MORE FROM THE HARBOR HERALD", "promo"),
    ("Click here to get the Harbor Herald app", "promo"),
    ("Copyright 2024 Harbor Herald. All rights reserved.", "copyright"),
    ("© 2023 Example Media LLC", "copyright"),
    ("The opinions expressed by columnists are their own and do not represent the views of the site.", "copyright"),
    ("Correction: An earlier version of this story misstated the date of the vote.", "editor_note"),
    ("Editor's note: This story has been updated.", "editor_note"),
    ("This story has been updated.", "editor_note"),
    ("The Associated Press contributed to this report.", "credit"),
    ("—Jane Roe contributed to this article.", "credit"),
    ("Write to Jane Roe at jane.roe@example.com", "credit"),
    ("(Reporting by Jane Roe; Editing by John Doe)", "credit"),
    ("Staff and agencies", "byline"),
    ("Harbor Wire staff", "byline"),
    ("This is a rush transcript. Copy may not be in its final form.", "chrome"),
    ("Opinion", "chrome"),
    ("Sunny weather all week! pic.twitter.com/abc123 — Jane Roe (@janeroe) May 4, 2024", "social"),
]

BODY = [
    "The finance minister stepped down on Tuesday after a deal with the opposition collapsed.",
    "Correction officers said the prison was at capacity.",
    "Support for the bill among members grew over the summer.",
    "Earlier — on Tuesday — the senator said no.",
    "More Americans are moving to smaller towns, the survey found.",
    "By the numbers: three bridges, two tunnels and one ferry.",
    "For more than a decade, the company has sold bicycles in the region.",
    "The email, sent on Friday, asked residents to stay home.",
    "FAUCI URGES CAUTION",
    "What happens next?",
    "“We were lucky,” she said.",
    "Police asked anyone with information to contact them.",
    "The report cites two officials familiar with the talks.",
]


@pytest.mark.parametrize("line, expected_reason", JUNK)
def test_rules_junk_line_gets_its_reason(line: str, expected_reason: str) -> None:
    assert default_rules().classify(line) == expected_reason


@pytest.mark.parametrize("line", BODY)
def test_rules_body_line_is_not_matched(line: str) -> None:
    assert default_rules().classify(line) is None


def test_rules_word_limit_stops_a_rule_on_long_lines() -> None:
    rules = RuleSet(parse_rules(("line promo 3 (?:click|tap) here\\b.{0,300}",)))
    assert rules.classify("Click here now") == "promo"
    assert rules.classify("Click here to see how the council voted on the plan") is None


def test_rules_gated_rule_runs_only_when_its_gate_is_present() -> None:
    rules = RuleSet(parse_rules(("has credit 30 {@} [\\w.]+@[\\w-]+\\.[a-z]{2,}",)))
    assert rules.classify("Reach the desk at desk@example.org any time") == "credit"
    assert rules.classify("Reach the desk by phone any time") is None


def test_rules_malformed_entries_fail_loudly() -> None:
    with pytest.raises(ValueError, match="malformed"):
        parse_rules(("lines ad - advertisement",))
    with pytest.raises(ValueError, match="gate"):
        parse_rules(("has ad 10 advertisement",))


def test_rules_first_rule_in_file_order_wins() -> None:
    rules = RuleSet([Rule("line", "ad", None, "advert"), Rule("line", "promo", None, "advert")])
    assert rules.classify("Advert") == "ad"
