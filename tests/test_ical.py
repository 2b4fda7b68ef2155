"""The ``ics`` format: one VEVENT per programme slot, real times in the event's time zone."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from pathlib import Path
from typing import Any

import attrs
import icalendar
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import confdocs
from confdocs import build
from confdocs.model import Day, Event, Programme, Settings, Slot
from tests.strategies import events, texts

HAGUE = Path(__file__).resolve().parent.parent / "examples" / "hague-2019" / "event.yaml"

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")


def render(event: Event) -> icalendar.Calendar:
    result = build(event, ["ics"])
    assert result.ok, result.failures
    return icalendar.Calendar.from_ical(result.documents[0].data)


def vevents(cal: icalendar.Calendar) -> list[icalendar.Event]:
    return list(cal.walk("VEVENT"))


@pytest.fixture(scope="module")
def hague() -> Event:
    return confdocs.load_event(HAGUE)


@pytest.fixture(scope="module")
def cal(hague: Event) -> icalendar.Calendar:
    return render(hague)


def test_every_programme_slot_is_one_vevent(hague: Event, cal: icalendar.Calendar) -> None:
    slots = list(hague.programme.slots())
    events = vevents(cal)
    assert len(events) == len(slots) == 26
    assert len({str(e["uid"]) for e in events}) == len(events)


def test_times_are_real_times_in_the_events_time_zone(cal: icalendar.Calendar) -> None:
    opening = next(e for e in vevents(cal) if str(e["summary"]) == "Opening")
    start, end = opening.decoded("dtstart"), opening.decoded("dtend")
    assert start == dt.datetime(2019, 9, 30, 9, 0, tzinfo=AMSTERDAM)
    assert start.astimezone(dt.UTC) == dt.datetime(2019, 9, 30, 7, 0, tzinfo=dt.UTC)
    # The end comes from the next slot (09h30), as the outline implies.
    assert end == dt.datetime(2019, 9, 30, 9, 30, tzinfo=AMSTERDAM)
    assert b"BEGIN:VTIMEZONE" in cal.to_ical()
    assert b"TZID:Europe/Amsterdam" in cal.to_ical()


def test_all_day_slot_is_a_date_event(cal: icalendar.Calendar) -> None:
    preparation = vevents(cal)[0]
    assert preparation.decoded("dtstart") == dt.date(2019, 9, 29)
    assert preparation.decoded("dtend") == dt.date(2019, 9, 30)
    assert not isinstance(preparation.decoded("dtstart"), dt.datetime)


def test_an_explicit_end_is_kept(cal: icalendar.Calendar) -> None:
    meetings = vevents(cal)[-1]
    assert str(meetings["summary"]).startswith("Bilateral meetings")
    assert meetings.decoded("dtend") == dt.datetime(2019, 10, 1, 16, 0, tzinfo=AMSTERDAM)


def test_description_names_moderators_and_speakers(cal: icalendar.Calendar) -> None:
    panel = next(e for e in vevents(cal) if str(e["summary"]).startswith("Challenges"))
    text = str(panel["description"])
    assert "Moderator: Alexander SEGER" in text
    assert "Delegation of Argentina (LATAM, 10\u00a0mins)" in text
    assert "Mieke DE VLAMINCK" in text
    assert str(panel["location"]) == "Eurojust, Johan de Wittlaan 9, 2517JR The Hague"
    discussion = next(
        e for e in vevents(cal) if str(e["summary"]).startswith("The Council of Europe")
    )
    assert "Discussion moderated by Manuel DE ALMEIDA PEREIRA (10\u00a0mins)" in str(
        discussion["description"]
    )


def test_continuation_is_marked(cal: icalendar.Calendar) -> None:
    titles = [str(e["summary"]) for e in vevents(cal)]
    assert sum(t.endswith("(continuation)") for t in titles) == 1


def test_uids_are_stable_across_builds_and_follow_slot_ids(hague: Event) -> None:
    first = [str(e["uid"]) for e in vevents(render(hague))]
    assert first == [str(e["uid"]) for e in vevents(render(hague))]
    # Inserting a slot before one with an id keeps that slot's UID.
    day = hague.programme.days[1]
    extra = Slot(start=dt.time(8, 30), title="Registration")
    changed = attrs.evolve(
        hague,
        programme=Programme(
            (
                hague.programme.days[0],
                attrs.evolve(day, slots=(extra, *day.slots)),
                *hague.programme.days[2:],
            )
        ),
    )
    by_summary = {str(e["summary"]): str(e["uid"]) for e in vevents(render(hague))}
    changed_by_summary = {str(e["summary"]): str(e["uid"]) for e in vevents(render(changed))}
    title = next(
        t for t in by_summary if t.startswith("EU and international") and "continuation" not in t
    )
    assert changed_by_summary[title] == by_summary[title]


def test_build_is_reproducible(hague: Event) -> None:
    assert build(hague, ["ics"]).documents[0].data == build(hague, ["ics"]).documents[0].data


def test_cli_writes_the_ics(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    done = run_cli("build", str(HAGUE), "-f", "ics", "-o", str(tmp_path))
    assert done.returncode == 0, done.stderr
    cal = icalendar.Calendar.from_ical((tmp_path / "hague-2019.ics").read_bytes())
    assert len(vevents(cal)) == 26


ZONES = ["UTC", "Europe/Amsterdam", "America/Sao_Paulo", "Asia/Manila", "Pacific/Tongatapu"]


@settings(max_examples=25, deadline=None)
@given(
    zone=st.sampled_from(ZONES),
    day=st.dates(dt.date(2000, 1, 1), dt.date(2035, 12, 31)),
    starts=st.lists(st.integers(0, 23 * 60), min_size=1, max_size=5, unique=True),
)
def test_each_slot_starts_at_its_wall_clock_time_in_any_zone(
    zone: str, day: dt.date, starts: list[int]
) -> None:
    times = sorted(dt.time(m // 60, m % 60) for m in starts)
    event = Event(
        id="prop",
        title="Property",
        start=day,
        end=day,
        settings=Settings(timezone=zone),
        programme=Programme((Day(day, tuple(Slot(start=t, title=f"at {t}") for t in times)),)),
    )
    events = vevents(render(event))
    assert len(events) == len(times)
    for vevent, time in zip(events, times, strict=True):
        start = vevent.decoded("dtstart")
        assert (start.date(), start.time()) == (day, time)
        assert start.utcoffset() == zoneinfo.ZoneInfo(zone).utcoffset(
            dt.datetime.combine(day, time)
        )


@settings(max_examples=30, deadline=None)
@given(title=texts(), slot_title=texts())
def test_any_text_gives_a_calendar_that_parses(title: str, slot_title: str) -> None:
    day = dt.date(2024, 3, 12)
    event = Event(
        id="any",
        title=title or "T",
        start=day,
        end=day,
        programme=Programme((Day(day, (Slot(start=dt.time(9), title=slot_title or None),)),)),
    )
    [vevent] = vevents(render(event))
    heading = confdocs.make_view(event).programme[0].slots[0].heading
    # The view's one-line titles hold no control characters (C0, DEL, C1).
    expected = "".join(
        c for c in heading if c in "\t\n" or not (ord(c) < 32 or 127 <= ord(c) <= 159)
    )
    expected = expected.replace("\\N", "\\\u2060N")  # the library reads \N as a new line
    assert str(vevent["summary"]) == (expected or "Session")


ZONES = ["Europe/Amsterdam", "UTC", "Etc/GMT+5", "Asia/Kolkata", "Australia/Lord_Howe"]


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    events(),
    st.sampled_from(ZONES),
    st.sampled_from([None, "https://example.org/a,b;c\\d", "https://x.org/" + "é" * 80]),
)
def test_fast_writer_writes_what_icalendar_writes(event: Any, zone: str, url: str | None) -> None:
    """The VEVENTs are written as text for speed; icalendar's own output is the reference."""
    from confdocs_ical.calendar import calendar
    from confdocs_ical.writer import write_calendar

    from confdocs.view import make_view

    event = attrs.evolve(event, settings=attrs.evolve(event.settings, timezone=zone))
    if url is not None:
        event = attrs.evolve(event, venue=attrs.evolve(event.venue, url=url))
    view = make_view(event)
    fast = write_calendar(view)
    if fast is not None:
        assert fast == bytes(calendar(view).to_ical())


def test_fast_writer_is_used_for_the_hague(hague_event: Any) -> None:
    from confdocs_ical.calendar import calendar
    from confdocs_ical.writer import write_calendar

    from confdocs.view import make_view

    view = make_view(hague_event)
    assert write_calendar(view) == bytes(calendar(view).to_ical())


def _sequences(event: Event) -> set[int]:
    return {int(e["sequence"]) for e in vevents(render(event))}


def test_a_later_version_of_the_outline_counts_higher(hague: Event) -> None:
    """Calendar applications take an imported event as updated only when its SEQUENCE is
    higher: every event of a later version's calendar is, and the same version's is the
    same."""
    version = hague.header.version
    assert version is not None
    (first,) = _sequences(hague)
    later = attrs.evolve(
        hague, header=attrs.evolve(hague.header, version=version + dt.timedelta(days=1))
    )
    (second,) = _sequences(later)
    assert second > first > 0
    assert second - first == 24 * 60  # minutes
    assert _sequences(hague) == {first}


def test_source_date_epoch_orders_builds_of_a_day(
    hague: Event, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two versions sent the same day: SOURCE_DATE_EPOCH (the commit's time) tells them
    apart, to the minute."""
    morning = int(dt.datetime(2019, 9, 30, 9, 0, tzinfo=dt.UTC).timestamp())
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(morning))
    (nine,) = _sequences(hague)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(morning + 3 * 3600))
    (noon,) = _sequences(hague)
    assert noon - nine == 180


def test_an_outline_without_a_version_counts_from_its_first_day() -> None:
    event = confdocs.load_event(HAGUE.parent.parent / "minimal" / "event.yaml")
    assert event.header.version is None
    first_day = dt.datetime.combine(event.start, dt.time(), dt.UTC)
    minutes = int((first_day - dt.datetime(2000, 1, 1, tzinfo=dt.UTC)).total_seconds()) // 60
    assert _sequences(event) == {minutes}


def test_the_time_zone_carries_no_english_comment(cal: icalendar.Calendar) -> None:
    """icalendar notes the years a VTIMEZONE covers in English; a calendar in Spanish or
    Arabic says nothing in English."""
    (zone,) = cal.walk("VTIMEZONE")
    assert "COMMENT" not in zone and zone["TZID"] == "Europe/Amsterdam"
    assert zone.walk("STANDARD") and zone.walk("DAYLIGHT")
