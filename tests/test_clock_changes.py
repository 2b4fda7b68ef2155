"""The nights the clocks change: the zone line of an event that spans one, and the times the
programme states that the zone skips or passes twice."""

from __future__ import annotations

import datetime as dt
import textwrap
import zoneinfo
from pathlib import Path

import icalendar
import pytest
from confdocs_timing import TimingValidator

import confdocs


def write_event(
    tmp_path: Path,
    zone: str,
    start: str,
    end: str,
    days: str,
    locale: str = "en",
    mode: str = "hybrid",
) -> Path:
    text = textwrap.dedent(
        f"""\
        id: clocks
        title: Workshop on electronic evidence
        start: {start}
        end: {end}
        settings: {{locale: {locale}, timezone: {zone}}}
        venue: {{name: Hotel Rus, city: Kyiv, country: UA, mode: {mode},
                 url: "https://example.org/join"}}
        programme:
          days:
        """
    ) + textwrap.indent(textwrap.dedent(days), "    ")
    path = tmp_path / "event.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def findings_of(path: Path) -> list[confdocs.Finding]:
    codes = {"programme.skipped-time", "programme.repeated-time"}
    found = TimingValidator().validate(confdocs.load_event(path), None)
    return [f for f in found if f.code in codes]


# --- the zone line -------------------------------------------------------------------------


def _times_line(path: Path, fmt: str = "md", **options: str) -> str:
    event = confdocs.load_event(path)
    (document,) = confdocs.build(event, [fmt], options).documents
    text = document.data.decode("utf-8")
    return text


KYIV_AUTUMN = """\
- date: 2027-10-29
  slots:
    - {start: "09:00", end: "10:00", title: Opening}
- date: 2027-10-31
  slots:
    - {start: "09:00", end: "10:00", title: Closing}
"""


def test_an_event_across_the_end_of_summer_time_says_both_offsets_and_the_day(tmp_path):
    path = write_event(tmp_path, "Europe/Kyiv", "2027-10-29", "2027-10-31", KYIV_AUTUMN)
    text = _times_line(path)
    assert (
        "Times: Eastern European Summer Time (GMT+03:00); from October 31, "
        "Eastern European Standard Time (GMT+02:00)"
    ) in text
    french = _times_line(path, locale="fr")
    assert (
        "heure d’été d’Europe de l’Est (UTC+03:00)\u202f; à partir du 31 octobre, "
        "heure normale d’Europe de l’Est (UTC+02:00)"
    ) in french
    ukrainian = _times_line(path, locale="uk")
    assert (
        "Час: за східноєвропейським літнім часом (GMT+03:00); з 31 жовтня – "
        "за східноєвропейським стандартним часом (GMT+02:00)"
    ) in ukrainian


def test_the_zone_line_of_the_html_outline_follows_the_view(tmp_path):
    import html5lib

    path = write_event(tmp_path, "Europe/Kyiv", "2027-10-29", "2027-10-31", KYIV_AUTUMN)
    page = html5lib.parse(_times_line(path, "html"), namespaceHTMLElements=False)
    text = " ".join("".join(page.itertext()).split())
    assert "(GMT+03:00); from October 31, Eastern European Standard Time (GMT+02:00)" in text


def test_an_event_where_summer_time_begins_in_the_south_says_it_too(tmp_path):
    days = """\
    - date: 2027-10-01
      slots:
        - {start: "09:00", end: "10:00", title: Opening}
    - date: 2027-10-04
      slots:
        - {start: "09:00", end: "10:00", title: Closing}
    """
    path = write_event(tmp_path, "Australia/Sydney", "2027-10-01", "2027-10-04", days)
    text = _times_line(path)
    assert "Australian Eastern Standard Time (GMT+10:00); from October 3, " in text
    assert "Australian Eastern Daylight Time (GMT+11:00)" in text


def test_an_event_with_one_offset_throughout_names_it_once(tmp_path):
    days = """\
    - date: 2027-10-25
      slots:
        - {start: "09:00", end: "10:00", title: Opening}
    """
    path = write_event(tmp_path, "Europe/Kyiv", "2027-10-25", "2027-10-27", days)
    text = _times_line(path)
    assert "Times: Eastern European Summer Time (GMT+03:00)\n" in text
    assert "from" not in text.split("Times:")[1].splitlines()[0]


# --- times the clocks skip or repeat ---------------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "spring", "autumn", "skipped", "repeated", "fine"),
    [
        # Kyiv: 03:00 → 04:00 on 28 March, 04:00 → 03:00 on 31 October 2027.
        ("Europe/Kyiv", "2027-03-28", "2027-10-31", "03:30", "03:30", ("02:59", "04:00")),
        # New York: 02:00 → 03:00 on 14 March, 02:00 → 01:00 on 7 November 2027.
        ("America/New_York", "2027-03-14", "2027-11-07", "02:00", "01:15", ("01:59", "03:00")),
    ],
)
def test_a_time_the_zone_skips_is_an_error_one_it_repeats_a_warning(
    tmp_path, zone, spring, autumn, skipped, repeated, fine
):
    days = f"""\
    - date: {spring}
      slots:
        - {{start: "{fine[0]}", end: "{skipped}", title: Night}}
        - {{start: "{fine[1]}", end: "10:00", title: Morning}}
    - date: {autumn}
      slots:
        - {{start: "{repeated}", title: Night}}
        - {{start: "09:00", end: "10:00", title: Morning}}
    """
    path = write_event(tmp_path, zone, spring, autumn, days)
    found = findings_of(path)
    assert [(f.code, f.severity.value, f.path) for f in found] == [
        ("programme.skipped-time", "error", "programme.days[0].slots[0].end"),
        ("programme.repeated-time", "warning", "programme.days[1].slots[0].start"),
    ]
    gap, twice = found
    assert f"{skipped} does not exist on " in gap.message and zone in gap.message
    assert "the clocks go forward an hour that night" in gap.message
    assert f"{repeated} happens twice on " in twice.message
    assert "the clocks go back an hour that night" in twice.message


def test_the_time_a_calendar_shows_for_a_skipped_one_is_the_one_the_error_names(tmp_path):
    days = """\
    - date: 2027-03-28
      slots:
        - {start: "03:30", end: "05:00", title: Night}
    """
    path = write_event(tmp_path, "Europe/Kyiv", "2027-03-28", "2027-03-28", days)
    (gap,) = findings_of(path)
    assert "a calendar shows 04:30 instead" in gap.message
    event = confdocs.load_event(path)
    (document,) = confdocs.build(event, ["ics"]).documents
    calendar = icalendar.Calendar.from_ical(document.data)
    (vevent,) = [c for c in calendar.walk("VEVENT")]
    start = vevent.decoded("DTSTART")
    shown = start.astimezone(dt.UTC).astimezone(zoneinfo.ZoneInfo("Europe/Kyiv"))
    assert shown.time() == dt.time(4, 30)


def test_a_change_of_half_an_hour_is_said_in_minutes(tmp_path):
    # Lord Howe Island moves its clocks by 30 minutes: 02:00 → 02:30 on 3 October 2027.
    days = """\
    - date: 2027-10-03
      slots:
        - {start: "02:15", end: "03:00", title: Night}
    """
    path = write_event(tmp_path, "Australia/Lord_Howe", "2027-10-03", "2027-10-03", days)
    (gap,) = findings_of(path)
    assert "the clocks go forward 30 minutes that night" in gap.message


def test_a_session_ending_in_the_skipped_hour_is_placed_at_its_own_end(tmp_path):
    days = """\
    - date: 2027-03-28
      slots:
        - start: "01:00"
          end: "05:00"
          title: Night
          parallel:
            - {title: Breakout, end: "03:15"}
    """
    path = write_event(tmp_path, "Europe/Kyiv", "2027-03-28", "2027-03-28", days)
    assert [f.path for f in findings_of(path)] == ["programme.days[0].slots[0].parallel[0].end"]


def test_check_reports_the_skipped_time_at_its_line(tmp_path, run_cli):
    days = """\
    - date: 2027-03-28
      slots:
        - {start: "03:30", end: "05:00", title: Night}
    """
    path = write_event(tmp_path, "Europe/Kyiv", "2027-03-28", "2027-03-28", days)
    result = run_cli("check", str(path))
    assert result.returncode == 1, result.stderr
    assert "programme.skipped-time" in result.stdout
    (line,) = [n for n, text in enumerate(path.read_text().splitlines(), 1) if "03:30" in text]
    assert f"{path}:{line}" in result.stdout
