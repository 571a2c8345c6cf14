"""Date strings of web pages to ISO 8601, keeping the source's offset."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from newstrace.clean.htmldates import normalize_date, written_date

NOW = datetime(2024, 7, 1, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("2024-06-14T07:45:00-04:00", "2024-06-14T07:45:00-04:00"),
        ("2024-06-14T07:45:00.000Z", "2024-06-14T07:45:00Z"),
        ("2024-06-14T07:45:00+0200", "2024-06-14T07:45:00+02:00"),
        ("2024-06-14 07:45", "2024-06-14T07:45:00"),
        ("2024-06-14", "2024-06-14"),
        ("20240614", "2024-06-14"),
        ("14.06.2024", "2024-06-14"),
        ("1718351100000", "2024-06-14T07:45:00Z"),
        ("Fri, 14 Jun 2024 07:45:00 GMT", "2024-06-14T07:45:00+00:00"),
        ("2024-02-30T10:00:00Z", None),
        ("1985-01-01", None),
        ("2031-01-01", None),
        ("yesterday", None),
        ("", None),
    ],
)
def test_htmldates_normalize_date(raw: str, expected: str | None) -> None:
    assert normalize_date(raw, now=NOW) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Berlin, 3. November 2021 - The council", "2021-11-03"),
        ("Publié le 5 mars 2022", "2022-03-05"),
        ("5 de mayo de 2022, 10:00", "2022-05-05"),
        ("March 5, 2022 at 9am", "2022-03-05"),
        ("Stand: 03.11.2021, 12:00 Uhr", "2021-11-03"),
        ("Updated 11/03/2021", None),
        ("In May 2021 the plan changed", None),
    ],
)
def test_htmldates_written_date(text: str, expected: str | None) -> None:
    assert written_date(text) == expected
