"""Whole-article cleaning on synthetic raw scrapes: the DESIGN example, verbatim bodies, metadata."""

from __future__ import annotations

from newstrace.clean.text import clean_text


def _reasons(result: object) -> list[tuple[str, str]]:
    return [(r.reason, r.text) for r in result.removed]  # type: ignore[attr-defined]


def test_text_design_example_comes_out_as_designed(design_example: str) -> None:
    result = clean_text(design_example)
    assert result.headline == "Minister resigned after secret budget talks: Report"
    assert result.published_at == "2023-11-14T22:13:20Z"
    assert result.publisher == "Daily Ledger"
    reasons = _reasons(result)
    assert [r for r, _ in reasons] == ["embed", "promo", "promo", "related"]
    assert reasons[0][1].startswith("<cms-video-embed") and reasons[0][1].endswith("\u201d>Video Embed")
    assert reasons[1][1] == "SENATOR: BUDGET 'DEAD ON ARRIVAL' AFTER RESIGNATION"
    assert reasons[2][1] == "CLICK HERE TO READ MORE FROM THE DAILY LEDGER"
    assert reasons[3][1] == "Related Content"
    assert result.body == (
        "The finance minister stepped down on Tuesday after a deal with the opposition collapsed, according to a report."
        "\n\nThe report cites two officials familiar with the talks. \"It was over before it started,\" one official "
        "reportedly said.\n\nThe ministry denied the report in a statement to the agency, and party officials would "
        "not confirm whether talks took place."
    )


def test_text_kept_paragraphs_keep_every_character() -> None:
    para = "The mayor\u00a0said \u201cno\u201d \u2014 twice \u2013 and left\u2026 \u2018quietly\u2019."
    second = "\u00a0Then the council\u2019s \u201cfinal\u201d vote came\u00a0\u2014 at last."
    result = clean_text(f"Headline here\n\n{para}\n\nAdvertisement\n\n  {second}  \r\n")
    assert result.body.split("\n\n") == [para, second]
    assert result.body.count("\u00a0") == 3


def test_text_body_is_kept_paragraphs_joined_by_blank_lines() -> None:
    result = clean_text("Head\nFirst line.\nSecond line.\n\n\nThird line.")
    assert result.body == "First line.\n\nSecond line.\n\nThird line."


def test_text_without_headline_no_line_becomes_the_headline() -> None:
    body = "PINECREST (AP) — A wildfire forced evacuations on Friday.\n\nADVERTISEMENT\n\nCrews worked overnight."
    result = clean_text(body, has_headline=False)
    assert result.headline is None
    assert result.body.startswith("PINECREST (AP) — A wildfire")
    assert result.dateline == "PINECREST (AP)"
    assert result.extras.get("wire") == "Associated Press"
    assert [r.reason for r in result.removed] == ["ad"]


def test_text_title_given_drops_a_repeated_first_line() -> None:
    text = "Mayor opens bridge\n\nThe mayor opened the new bridge on Monday."
    result = clean_text(text, title="Mayor opens bridge")
    assert result.headline == "Mayor opens bridge"
    assert result.body == "The mayor opened the new bridge on Monday."
    other = clean_text("The mayor opened the new bridge on Monday.", title="Mayor opens bridge")
    assert other.body == "The mayor opened the new bridge on Monday."


def test_text_headline_repeated_in_the_body_is_removed() -> None:
    result = clean_text("Mayor opens new harbour bridge\n\nMayor opens new harbour bridge\n\nThe mayor spoke.")
    assert result.body == "The mayor spoke."
    assert [r.reason for r in result.removed] == ["headline"]


def test_text_glued_dek_goes_but_a_lede_starting_like_the_headline_stays() -> None:
    dek = clean_text("Mayor opens bridge\n\nMayor opens bridge The city waited ten years for it.\n\nBody paragraph here.")
    assert [r.reason for r in dek.removed] == ["dek"]
    lede = clean_text("Mayor opens bridge\n\nMayor opens bridge across the bay, ending a decade of delays.")
    assert lede.body == "Mayor opens bridge across the bay, ending a decade of delays."


def test_text_time_lines_bylines_and_agency_datelines() -> None:
    text = (
        "Quake hits coastal town\n\nBy Jane Roe, Harbor Wire\n\nPublished 3:45 p.m. ET, March 3, 2024\n\n"
        "ALDER BAY, March 3 (Reuters) - A strong earthquake struck the town on Sunday.\n\n"
        "Related: Rail fares to rise next spring\n\nResidents slept outdoors.\n\n"
        "Copyright 2024 Reuters. All rights reserved."
    )
    result = clean_text(text)
    assert result.authors == ["Jane Roe"]
    assert result.published_at == "2024-03-03T15:45:00-05:00"
    assert result.dateline == "ALDER BAY, March 3 (Reuters)"
    assert result.extras["wire"] == "Reuters"
    assert result.body.startswith("ALDER BAY, March 3 (Reuters) - A strong earthquake")
    assert [r.reason for r in result.removed] == ["byline", "dateline", "related", "copyright"]


def test_text_updated_only_time_is_also_the_best_published_time() -> None:
    result = clean_text("Fire spreads\n\nUpdated 14:05 GMT, 4 March 2024\n\nCrews fought the fire overnight.")
    assert result.updated_at == "2024-03-04T14:05:00Z"
    assert result.published_at == "2024-03-04T14:05:00Z"


def test_text_publisher_from_trailers_and_url() -> None:
    follow = clean_text("Head\n\nBody text of the story.\n\nFollow Harbor Herald on social media for the latest updates.")
    assert follow.publisher == "Harbor Herald"
    copyright_line = clean_text("Head\n\nBody text.\n\nCopyright 2024 Harbor Herald. All rights reserved.")
    assert copyright_line.publisher == "Harbor Herald"
    agency = clean_text("Head\n\nBody text.\n\nCopyright 2024 The Associated Press. All rights reserved.")
    assert agency.publisher is None and agency.extras["wire"] == "Associated Press"
    url = clean_text("Head\n\nBody text.", url="https://www.greystonedaily.example/news/2024/01/02/x")
    assert url.publisher == "Greystone Daily"
    given = clean_text("Head\n\nBody text.\n\nCLICK HERE TO READ MORE FROM THE HARBOR HERALD", publisher="Bay Times")
    assert given.publisher == "Bay Times"


def test_text_caps_teaser_goes_but_short_caps_subhead_stays() -> None:
    text = ("Head\n\nFirst paragraph of the story.\n\nCOUNCIL VOTES TO CLOSE THREE LIBRARIES NEXT YEAR\n\n"
            "BUDGET SHORTFALL\n\nSecond paragraph.\n\nWHO WILL BE AFFECTED?\n\nThird paragraph.")
    result = clean_text(text)
    assert [(r.reason, r.text) for r in result.removed] == [("promo", "COUNCIL VOTES TO CLOSE THREE LIBRARIES NEXT YEAR")]
    assert "BUDGET SHORTFALL" in result.body and "WHO WILL BE AFFECTED?" in result.body


def test_text_story_highlights_block_is_a_dek() -> None:
    text = ("Head\n\nStory highlights The council plans cuts\n\nLibraries may close early\n\n"
            "The council met on Monday to plan cuts.\n\nMore text follows here.")
    result = clean_text(text)
    assert [r.reason for r in result.removed] == ["dek", "dek"]
    assert result.body.startswith("The council met on Monday")


def test_text_duplicates_and_pull_quotes() -> None:
    para = "The council voted to keep the library open late on weekdays, members said after the meeting."
    text = f"Head\n\n{para}\n\nkeep the library open late on weekdays, members said\n\nOther paragraph.\n\n{para}"
    result = clean_text(text)
    assert result.body == f"{para}\n\nOther paragraph."
    assert [r.reason for r in result.removed] == ["duplicate", "duplicate"]


def test_text_short_repeated_transcript_turns_stay() -> None:
    text = "Head\n\nHOST: Right.\n\nThe guest explained the plan.\n\nHOST: Right.\n\nThe guest went on."
    result = clean_text(text)
    assert result.body.count("HOST: Right.") == 2


def test_text_top_name_is_a_byline_but_a_list_of_names_is_not() -> None:
    top = clean_text("Head\n\nJane Roe\n\nThe council met on Monday.")
    assert top.authors == ["Jane Roe"] and top.body == "The council met on Monday."
    names = clean_text("Head\n\nJane Roe\n\nJohn Doe\n\nMary Major")
    assert names.body == "Jane Roe\n\nJohn Doe\n\nMary Major"


def test_text_trailing_author_bio_is_removed_only_at_the_end() -> None:
    bio = "Jane Roe is a senior fellow at the Harbor Institute and the author of two books."
    result = clean_text(f"Head\n\nFirst paragraph.\n\n{bio}\n\nSecond paragraph.\n\nThird paragraph.\n\nFourth one.")
    assert bio in result.body
    end = clean_text(f"Head\n\nFirst paragraph.\n\nSecond paragraph.\n\n{bio}")
    assert bio not in end.body and [r.reason for r in end.removed] == ["bio"]


def test_text_every_removal_is_listed_in_input_order() -> None:
    text = "Head\n\nAdvertisement\n\nBody one.\n\nRelated: Other story\n\nBody two.\n\n___\n\nShare this article"
    result = clean_text(text)
    assert [r.reason for r in result.removed] == ["ad", "related", "separator", "share"]
    assert [r.text for r in result.removed] == ["Advertisement", "Related: Other story", "___", "Share this article"]


def test_text_empty_and_blank_inputs() -> None:
    assert clean_text("").body == ""
    assert clean_text("   \n\u200b\n ").body == ""
    only = clean_text("Just a headline")
    assert only.headline == "Just a headline" and only.body == "Just a headline"
    same = clean_text("A one-line item.", title="A one-line item.")
    assert same.body == "A one-line item." and same.removed == []
    junk_only = clean_text("Mayor opens bridge\n\nAdvertisement")
    assert junk_only.body == "Mayor opens bridge" and [r.reason for r in junk_only.removed] == ["ad"]


def test_text_press_release_about_block_is_a_credit() -> None:
    text = ("Harbor Markets announces review\n\nCASTLEMERE, Jan. 24, 2024 /Harbor Newswire/ -- Harbor Markets "
            "today announced a review of its stores.\n\nThe review will take six months.\n\n"
            "About Harbor Markets\n\nHarbor Markets is a member-owned grocer with 310 stores.\n\n"
            "Media contact: press@harbor.example")
    result = clean_text(text)
    assert result.body.endswith("The review will take six months.")
    assert [r.reason for r in result.removed] == ["credit", "credit", "credit"]
    assert result.extras["wire"] == "Harbor Newswire"
    inline = clean_text("Head\n\nBody text.\n\nAbout Harbor Markets: Harbor Markets runs 310 stores.")
    assert inline.body == "Body text."
    lead_in = clean_text("Head\n\nBody text.\n\nAbout the council's plan:\n\nIt will cost more than expected.")
    assert "About the council's plan:" in lead_in.body


def test_text_agency_byline_names_the_agency_as_author() -> None:
    result = clean_text("Head\n\nBy The Associated Press\n\nPINECREST (AP) — Crews fought the fire.")
    assert result.authors == ["The Associated Press"]
    assert result.extras["wire"] == "Associated Press"
    staff = clean_text("Head\n\nHarbor Wire staff\n\nThe council met.")
    assert staff.authors == [] and [r.reason for r in staff.removed] == ["byline"]


def test_text_copyright_holder_after_the_symbol_or_before_the_year() -> None:
    assert clean_text("Head\n\nBody.\n\n© Harbor Herald 2024").publisher == "Harbor Herald"
    follow = clean_text("Head\n\nBody.\n\nFollow the Herald on Instagram\n\n© Harbor Herald 2024")
    assert follow.publisher == "Harbor Herald"


def test_text_markup_cut_is_listed_before_the_lines_after_it() -> None:
    text = 'Head\n\n<x-embed data-a="{"k": 1}">Video\nBody one.\n\nAdvertisement\n\nBody two.'
    result = clean_text(text)
    assert [r.reason for r in result.removed] == ["embed", "ad"]
    assert result.body == "Body one.\n\nBody two."


def test_text_leading_junk_line_is_not_taken_as_the_headline() -> None:
    result = clean_text("Advertisement\n\nMayor opens bridge\n\nThe mayor opened the bridge.")
    assert result.headline == "Mayor opens bridge"
    assert result.body == "The mayor opened the bridge."


def test_text_canonical_url_from_markup() -> None:
    text = 'Head\n<link rel="canonical" href="https://harbor.example/a/1">\nBody text.'
    assert clean_text(text).url == "https://harbor.example/a/1"


def test_text_url_date_settles_day_month_order() -> None:
    text = "Head\n\nPosted: 04/03/2024 14:05 (UTC)\n\nBody."
    assert clean_text(text, url="https://x.example/2024/04/03/story").published_at == "2024-04-03T14:05:00Z"
    assert clean_text(text).published_at == "2024-03-04T14:05:00Z"
