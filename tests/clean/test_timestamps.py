"""Time lines -> ISO 8601 with the source's UTC offset, including US daylight-saving time."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from newstrace.clean.timestamps import from_epoch, parse_date_text, parse_time_line, us_dst

TIME_LINES = [
    ("Published 3:45 p.m. ET, March 3, 2024", "2024-03-03T15:45:00-05:00", False),
    ("Published 7:17 a.m. ET, May 4, 2024", "2024-05-04T07:17:00-04:00", False),
    ("Updated 14:05 GMT, 4 March 2024", "2024-03-04T14:05:00Z", True),
    ("Posted: 04/03/2024 14:05 (UTC)", "2024-03-04T14:05:00Z", False),
    ("May 2, 2024 at 9:51 PM UTC", "2024-05-02T21:51:00Z", False),
    ("Monday, November 4, 2019 10:15 AM EST", "2019-11-04T10:15:00-05:00", False),
    ("Updated Dec. 21, 2019", "2019-12-21", True),
    ("Published: 2024-03-04T10:00:00+01:00", "2024-03-04T10:00:00+01:00", False),
    ("Last updated 8:02 p.m. PT, July 9, 2023", "2023-07-09T20:02:00-07:00", True),
    ("January 10, 2023 at 11:00 AM CET", "2023-01-10T11:00:00+01:00", False),
]


@pytest.mark.parametrize("line, expected, updated", TIME_LINES)
def test_timestamps_time_line_to_iso(line: str, expected: str, updated: bool) -> None:
    parsed = parse_time_line(line)
    assert parsed is not None
    assert parsed.value == expected
    assert parsed.updated is updated


@pytest.mark.parametrize("line", ["5 years ago", "Updated 12 minutes ago", "4:05 p.m.", "Updated: 2:56 p.m. ET"])
def test_timestamps_time_line_without_a_date_has_no_value(line: str) -> None:
    parsed = parse_time_line(line)
    assert parsed is not None and parsed.value is None


@pytest.mark.parametrize("line", [
    "Alder Bay, Harbor County, Dec. 31, 2011",
    "The vote was 51-49 on March 3, 2024.",
    "Officials met at 3 p.m. to discuss the budget.",
    "Route 9",
])
def test_timestamps_other_lines_are_not_time_lines(line: str) -> None:
    assert parse_time_line(line) is None


@pytest.mark.parametrize("moment, dst", [
    (datetime(2024, 3, 10, 1, 59), False),  # second Sunday of March, before 2 a.m.
    (datetime(2024, 3, 10, 3, 0), True),
    (datetime(2024, 11, 3, 0, 30), True),  # first Sunday of November
    (datetime(2024, 11, 3, 2, 30), False),
    (datetime(2006, 4, 1, 12, 0), False),  # rules before 2007: first Sunday of April
    (datetime(2006, 4, 2, 12, 0), True),
    (datetime(2006, 10, 29, 12, 0), False),  # last Sunday of October
])
def test_timestamps_us_daylight_saving_rules(moment: datetime, dst: bool) -> None:
    assert us_dst(moment) is dst


def test_timestamps_day_month_order_follows_the_url_date() -> None:
    assert parse_time_line("Posted: 04/03/2024 14:05", hint=date(2024, 4, 3)).value == "2024-04-03T14:05:00"
    assert parse_time_line("Posted: 04/03/2024 14:05", hint=date(2024, 3, 4)).value == "2024-03-04T14:05:00"
    assert parse_time_line("Posted 04/03/2024 2:05 p.m. ET").value == "2024-04-03T14:05:00-04:00"


def test_timestamps_epoch_milliseconds_and_seconds_are_utc() -> None:
    assert from_epoch("1700000000000") == "2023-11-14T22:13:20Z"
    assert from_epoch("1700000000") == "2023-11-14T22:13:20Z"
    assert from_epoch("99999999999999") is None


def test_timestamps_date_inside_a_short_text() -> None:
    assert parse_date_text("Jane Roe - February 7, 2013") == "2013-02-07"
    assert parse_date_text("no date here") is None
