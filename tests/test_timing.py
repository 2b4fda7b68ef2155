"""The timing validator: every code, on the Hague seed and on small events of our own."""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from pathlib import Path

import pytest
from confdocs_timing import CODES, TimingValidator

import confdocs

from .conftest import HAGUE


def timing_findings(event: confdocs.model.Event) -> list[confdocs.Finding]:
    return list(TimingValidator().validate(event, None))


def write_event(
    tmp_path: Path, days: str, start: str = "2024-03-12", end: str = "2024-03-13"
) -> Path:
    """A small event file with the given ``programme.days`` YAML (indented as a list)."""
    text = textwrap.dedent(
        f"""\
        id: timing-test
        title: Timing test
        start: {start}
        end: {end}
        settings: {{time_format: "HH'h'mm"}}
        people:
          - {{id: ana, given_name: Ana, family_name: Silva}}
          - {{id: ben, given_name: Ben, family_name: Okoro}}
        organisations:
          - {{id: unodc, name: UNODC}}
        programme:
          days:
        """
    ) + textwrap.indent(textwrap.dedent(days), "    ")
    path = tmp_path / "event.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def codes(findings: list[confdocs.Finding]) -> list[tuple[str, str]]:
    return [(f.code, f.severity.value) for f in findings]


# --- the seed --------------------------------------------------------------------------------


def test_hague_timing_reports_the_ten_unallocated_minutes_and_the_preparation_day(hague_event):
    findings = timing_findings(hague_event)
    assert codes(findings) == [
        ("programme.unallocated", "warning"),
        ("programme.outside-dates", "info"),
    ]
    unallocated, preparation = findings
    assert unallocated.path == "programme.days[1].slots[1]"
    assert "09h30" in unallocated.message
    assert "60 of its 70 minutes" in unallocated.message
    assert "10 minutes unallocated" in unallocated.message
    assert preparation.path == "programme.days[0].date"
    assert "29 September 2019" in preparation.message
    assert "before" in preparation.message


def test_check_of_the_hague_prints_both_figures_and_no_error(run_cli):
    result = run_cli("check", str(HAGUE), "--json")
    assert result.returncode == 0, result.stderr
    findings = json.loads(result.stdout)
    assert not [f for f in findings if f["severity"] == "error"]
    unallocated = [f for f in findings if f["code"] == "programme.unallocated"]
    assert len(unallocated) == 1
    assert unallocated[0]["file"].endswith("event.yaml")
    assert isinstance(unallocated[0]["line"], int)
    assert "10 minutes" in unallocated[0]["message"]
    total = [f for f in findings if f["code"] == "quota.total-mismatch"]
    assert len(total) == 1 and total[0]["severity"] == "info"
    assert "119" in total[0]["message"] and "120" in total[0]["message"]


def test_every_code_is_documented():
    assert set(CODES) == {
        "programme.order",
        "programme.overlap",
        "programme.overrun",
        "programme.unallocated",
        "programme.outside-dates",
        "programme.double-booked",
        "programme.room-double-booked",
        "programme.skipped-time",
        "programme.repeated-time",
        "dates.reply-after-start",
        "dates.letters-after-reply",
        "dates.certificates-before-end",
    }


# --- each code -------------------------------------------------------------------------------


def test_slots_out_of_order(tmp_path):
    event = confdocs.load_event(
        write_event(
            tmp_path,
            """\
            - date: 2024-03-12
              slots:
                - {start: 09h00, title: Opening}
                - {start: 11h00, title: Late}
                - {start: 10h00, title: Early}
            """,
        )
    )
    findings = timing_findings(event)
    assert codes(findings) == [("programme.order", "error")]
    assert findings[0].path == "programme.days[0].slots[2]"
    assert "10h00" in findings[0].message and "11h00" in findings[0].message


def test_days_out_of_order(tmp_path):
    event = confdocs.load_event(
        write_event(
            tmp_path,
            """\
            - date: 2024-03-13
              slots:
                - {start: 09h00, title: Second day}
            - date: 2024-03-12
              slots:
                - {start: 09h00, title: Opening}
            """,
        )
    )
    findings = timing_findings(event)
    assert codes(findings) == [("programme.order", "error")]
    assert findings[0].path == "programme.days[1].date"


def test_an_event_built_in_code_with_a_slot_ending_before_it_starts(hague_event):
    # The loader refuses this in files; a validator still catches it in events built in code.
    import datetime as dt

    import attrs

    day = hague_event.programme.days[2]
    slots = list(day.slots)
    slots[-1] = attrs.evolve(slots[-1], end=dt.time(13, 30))
    days = list(hague_event.programme.days)
    days[2] = attrs.evolve(day, slots=tuple(slots))
    event = attrs.evolve(hague_event, programme=confdocs.model.Programme(tuple(days)))
    order = [f for f in timing_findings(event) if f.code == "programme.order"]
    assert [f.path for f in order] == [f"programme.days[2].slots[{len(slots) - 1}].end"]


def test_overlapping_slots(tmp_path):
    event = confdocs.load_event(
        write_event(
            tmp_path,
            """\
            - date: 2024-03-12
              slots:
                - {start: 09h00, end: 10h15, title: Long}
                - {start: 10h00, title: Next}
                - {start: 11h00, title: Same time}
                - {start: 11h00, title: Same time again}
                - {start: 12h00, kind: end, title: End}
            """,
        )
    )
    findings = timing_findings(event)
    assert codes(findings) == [("programme.overlap", "error"), ("programme.overlap", "error")]
    first, second = findings
    assert first.path == "programme.days[0].slots[0]"
    assert "15 minutes overlap" in first.message
    assert second.path == "programme.days[0].slots[3]"


def test_contributions_overrunning_their_slot(tmp_path):
    event = confdocs.load_event(
        write_event(
            tmp_path,
            """\
            - date: 2024-03-12
              slots:
                - start: 09h00
                  title: Panel
                  contributions:
                    - {people: [ana], duration: 20}
                    - {people: [ben], duration: 20}
                  discussion: {duration: 10}
                - {start: 09h45, kind: break, title: Coffee}
                - start: 10h00
                  end: 10h30
                  title: Talk
                  contributions:
                    - {people: [ana], duration: 45}
            """,
        )
    )
    findings = timing_findings(event)
    assert codes(findings) == [("programme.overrun", "error"), ("programme.overrun", "error")]
    assert "50 minutes in its 45" in findings[0].message
    assert "5 minutes too many" in findings[0].message
    assert findings[1].path == "programme.days[0].slots[2]"


def test_unallocated_time_only_where_every_contribution_is_timed(tmp_path):
    event = confdocs.load_event(
        write_event(
            tmp_path,
            """\
            - date: 2024-03-12
              slots:
                - start: 09h00
                  title: Timed panel
                  contributions:
                    - {people: [ana], duration: 10}
                    - {people: [ben], duration: 10}
                - start: 09h30
                  title: Untimed contribution
                  contributions:
                    - {people: [ana], duration: 10}
                    - {people: [ben]}
                - start: 10h00
                  title: Discussion only
                  discussion: {duration: 10}
                - {start: 11h00, kind: end, title: End}
            """,
        )
    )
    findings = timing_findings(event)
    assert codes(findings) == [("programme.unallocated", "warning")]
    assert findings[0].path == "programme.days[0].slots[0]"
    assert "20 of its 30 minutes" in findings[0].message
    assert "10 minutes unallocated" in findings[0].message


def test_a_session_day_outside_the_dates_is_an_error_a_preparation_day_is_not(tmp_path):
    event = confdocs.load_event(
        write_event(
            tmp_path,
            """\
            - date: 2024-03-11
              slots:
                - {all_day: true, kind: preparation, title: Setting up}
            - date: 2024-03-12
              slots:
                - {start: 09h00, title: Opening}
            - date: 2024-03-15
              slots:
                - {start: 09h00, title: Forgotten day}
                - {start: 10h00, end: 11h00, kind: meeting, title: Bilaterals}
            """,
        )
    )
    findings = timing_findings(event)
    assert codes(findings) == [
        ("programme.outside-dates", "info"),
        ("programme.outside-dates", "error"),
    ]
    preparation, forgotten = findings
    assert preparation.path == "programme.days[0].date"
    assert forgotten.path == "programme.days[2].date"  # one finding for the day
    assert forgotten.message.startswith("Friday, March 15, 2024 is after the event")
    assert "holds 1 slot of the programme (Forgotten day)" in forgotten.message  # not the meeting


def test_the_same_person_in_two_places_at_once(tmp_path):
    event = confdocs.load_event(
        write_event(
            tmp_path,
            """\
            - date: 2024-03-12
              slots:
                - start: 09h00
                  title: Breakouts
                  parallel:
                    - {title: Room A, room: a, moderators: [ana]}
                    - {title: Room B, room: b, contributions: [{people: [ana]}]}
                - start: 10h00
                  end: 11h00
                  title: Morning
                  moderators: [ben]
                - start: 10h30
                  title: Overlapping
                  moderators: [unodc]
                  contributions: [{people: [ben]}, {people: [ben]}]
                - {start: 12h00, kind: end, title: End}
            """,
        )
    )
    findings = [f for f in timing_findings(event) if f.code == "programme.double-booked"]
    assert [f.path for f in findings] == [
        "programme.days[0].slots[0].parallel[1]",
        "programme.days[0].slots[2]",
    ]
    assert "Ana Silva" in findings[0].message
    assert "Ben Okoro" in findings[1].message
    # The organisation moderating is not a person, and appearing twice in one session is fine.
    assert all("unodc" not in f.message for f in findings)


def test_consecutive_sessions_of_one_person_are_not_double_booked(hague_event):
    # Manuel de Almeida Pereira moderates several Hague sessions one after another.
    assert not [f for f in timing_findings(hague_event) if f.code == "programme.double-booked"]


@pytest.mark.parametrize("fmt", ["HH:mm", "HH'h'mm"])
def test_times_are_written_as_the_event_writes_them(tmp_path, fmt):
    path = write_event(
        tmp_path,
        """\
        - date: 2024-03-12
          slots:
            - {start: 09h00, title: A, contributions: [{people: [ana], duration: 5}]}
            - {start: 09h30, kind: end, title: End}
        """,
    )
    path.write_text(path.read_text().replace("HH'h'mm", fmt))
    (finding,) = timing_findings(confdocs.load_event(path))
    assert ("09:00" if fmt == "HH:mm" else "09h00") in finding.message


def test_findings_through_the_cli_carry_file_and_line(tmp_path, run_cli):
    path = write_event(
        tmp_path,
        """\
        - date: 2024-03-12
          slots:
            - {start: 09h00, title: Opening}
            - {start: 08h00, title: Too early}
        """,
    )
    result = run_cli("check", str(path), "--json")
    assert result.returncode == 1, result.stderr
    (finding,) = [f for f in json.loads(result.stdout) if f["code"] == "programme.order"]
    assert finding["severity"] == "error"
    assert finding["file"] == str(path)
    lines = path.read_text().splitlines()
    assert "Too early" in lines[finding["line"] - 1]


def test_the_dates_the_letters_and_certificates_print_are_checked_against_the_event(
    hague_event,
):
    """Nominations due once the event has begun, letters dated after them, certificates
    signed before the last day: a warning each, at the date; the seed's own dates are fine."""
    import attrs

    def dated(reply_by=None, letters=None, certificates=None):
        event = attrs.evolve(
            hague_event,
            participants=attrs.evolve(hague_event.participants, reply_by=reply_by),
            letters=attrs.evolve(hague_event.letters, date=letters),
            certificates=attrs.evolve(hague_event.certificates, date=certificates),
        )
        return [(f.code, f.path) for f in timing_findings(event) if f.code.startswith("dates.")]

    start, end = hague_event.start, hague_event.end
    day = dt.timedelta(days=1)
    assert not [f for f in timing_findings(hague_event) if f.code.startswith("dates.")]
    assert dated(start - 30 * day, start - 60 * day, end) == []
    assert dated(reply_by=start) == [("dates.reply-after-start", "participants.reply_by")]
    assert dated(start - day, letters=start - day + day) == [
        ("dates.letters-after-reply", "letters.date")
    ]
    assert dated(certificates=end - day) == [
        ("dates.certificates-before-end", "certificates.date")
    ]


def test_a_build_names_the_errors_check_finds_in_the_event_and_strict_writes_nothing(tmp_path):
    """A date mistyped in the programme printed a day that is not the event's, and put it in
    the calendar, with no word from the build (a trial's organiser)."""
    from .conftest import confdocs_cli

    path = write_event(
        tmp_path,
        """\
        - date: 2024-03-12
          slots:
            - {start: 09h00, title: Opening}
        - date: 2024-03-15
          slots:
            - {start: 09h00, title: Forgotten day}
        """,
    )
    out = tmp_path / "out"
    done = confdocs_cli("build", str(path), "-f", "md", "-f", "ics", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert "the event has 1 error that the documents would print" in done.stderr
    line = next(x for x in done.stderr.splitlines() if "programme.outside-dates" in x)
    assert line.startswith(f"  {path}:") and "programme.days[1].date" in line
    assert "Friday, March 15, 2024 is after the event" in line
    assert sorted(p.suffix for p in out.iterdir()) == [".ics", ".md"]
    # Warnings and infos are check's to list, not the build's.
    assert "unallocated" not in done.stderr and "info" not in done.stderr

    strict = confdocs_cli("build", str(path), "-f", "md", "-o", str(tmp_path / "s"), "--strict")
    assert strict.returncode == 1
    assert "confdocs: error: " in strict.stderr and "nothing was written" in strict.stderr
    assert not (tmp_path / "s").exists()

    (tmp_path / "fine").mkdir()
    fine = write_event(
        tmp_path / "fine", "- date: 2024-03-12\n  slots:\n    - {start: 09h00, title: Opening}\n"
    )
    quiet = confdocs_cli("build", str(fine), "-f", "md", "-o", str(tmp_path / "f"), "--strict")
    assert quiet.returncode == 0 and "error" not in quiet.stderr, quiet.stderr
