"""How dates and times read on screen."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from workshop_app.tui.formatting import clock_time, count, long_date, short_date, when_changed

NOW = datetime(2026, 11, 23, 15, 30, tzinfo=UTC)


def test_dates_read_as_people_write_them() -> None:
    assert short_date("2026-11-23") == "23 Nov 2026"
    assert long_date("2026-04-01") == "Wednesday 1 April 2026"
    assert short_date("") == "no date"
    assert long_date("") == "no date yet"
    assert long_date("sometime") == "sometime"


def test_last_change_is_relative_to_now() -> None:
    assert when_changed(NOW - timedelta(minutes=5), NOW) == "today 15:25"
    assert when_changed(NOW - timedelta(days=1), NOW) == "yesterday 15:30"
    assert when_changed(datetime(2026, 3, 2, 9, 5, tzinfo=UTC), NOW) == "2 Mar 09:05"
    assert when_changed(datetime(2025, 3, 2, 9, 5, tzinfo=UTC), NOW) == "2 Mar 2025"


def test_last_change_is_shown_in_the_local_time_zone() -> None:
    paris = timezone(timedelta(hours=1))
    assert when_changed(NOW, NOW.astimezone(paris)) == "today 16:30"


def test_check_in_times_are_local_wall_clock_times() -> None:
    # The tests run with TZ=UTC (see conftest).
    assert clock_time("2026-11-23T09:12:00+00:00") == "09:12"
    assert clock_time("2026-11-23T09:12:00+01:00") == "08:12"
    assert clock_time("") == ""


def test_counts_agree_with_their_number() -> None:
    assert count(1, "attendee") == "1 attendee"
    assert count(10_000, "attendee") == "10,000 attendees"
    assert count(2, "community group") == "2 community groups"
