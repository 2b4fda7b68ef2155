"""``confdocs new``: a new event from the minimal template or from a past event."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import confdocs
from confdocs import build
from confdocs.authoring.newevent import (
    PLACEHOLDER,
    TEMPLATE,
    from_past_event,
    new_event,
    template_text,
)
from confdocs.model import Event

ROOT = Path(__file__).resolve().parent.parent
HAGUE = ROOT / "examples" / "hague-2019" / "event.yaml"
MINIMAL = ROOT / "examples" / "minimal" / "event.yaml"


@pytest.fixture(scope="module")
def hague() -> Event:
    return confdocs.load_event(HAGUE)


def people_refs(event: Event) -> set[str]:
    refs: set[str] = set()
    for _, _, _, slot in event.programme.slots():
        for session in slot.sessions():
            refs.update(session.moderators)
            refs.update(p for c in session.contributions for p in c.people)
            if session.discussion is not None:
                refs.update(session.discussion.moderators)
    return refs


def test_the_shipped_template_is_the_minimal_example() -> None:
    shipped = ROOT / "src" / "confdocs" / "authoring" / TEMPLATE
    assert shipped.read_text("utf-8") == MINIMAL.read_text("utf-8"), (
        f"copy examples/minimal/event.yaml to src/confdocs/authoring/{TEMPLATE}"
    )
    assert template_text() == MINIMAL.read_text("utf-8")


def test_new_from_the_template(tmp_path: Path) -> None:
    folder = tmp_path / "Cyber Workshop 2025"
    written = new_event(folder, None, dt.date(2025, 6, 2))
    assert written == [folder / "event.yaml"]
    event = confdocs.load_event(written[0])
    minimal = confdocs.load_event(MINIMAL)
    assert event.id == "cyber-workshop-2025"
    assert (event.start, event.end) == (dt.date(2025, 6, 2), dt.date(2025, 6, 2))
    assert [d.date for d in event.programme.days] == [dt.date(2025, 6, 2)]
    assert event.programme.days[0].slots == minimal.programme.days[0].slots
    # The template's comments are kept: they are its documentation.
    assert "# People are defined once" in written[0].read_text()


def test_new_without_start_keeps_the_templates_dates(tmp_path: Path) -> None:
    event = confdocs.load_event(new_event(tmp_path / "w", None, None)[0])
    assert event.start == confdocs.load_event(MINIMAL).start


def test_new_from_a_past_event_keeps_structure_and_moves_dates(
    hague: Event, tmp_path: Path
) -> None:
    start = dt.date(2025, 3, 10)
    path, *logos = new_event(tmp_path / "darknet-2025", HAGUE, start)
    # The past event's logos come along, where the new file names them.
    assert sorted(p.name for p in logos) == sorted(p.name for p in (HAGUE.parent / "logos").iterdir())
    event = confdocs.load_event(path)
    assert event.organisation("eurojust").logo == hague.organisation("eurojust").logo
    assert event.id == "darknet-2025"
    assert (event.start, event.end) == (start, start + dt.timedelta(days=1))
    shift = start - hague.start
    assert [d.date for d in event.programme.days] == [d.date + shift for d in hague.programme.days]
    # Same slots at the same times, with the same titles, kinds and durations.
    old = [(s.start, s.end, s.kind, s.title, s.all_day) for *_, s in hague.programme.slots()]
    new = [(s.start, s.end, s.kind, s.title, s.all_day) for *_, s in event.programme.slots()]
    assert new == old
    durations = [[c.duration for c in s.contributions] for *_, s in hague.programme.slots()]
    assert [[c.duration for c in s.contributions] for *_, s in event.programme.slots()] == durations
    assert event.participants == hague.participants
    # People cleared: only the placeholder and organisations speak or moderate.
    assert event.people == (PLACEHOLDER,)
    assert people_refs(event) <= {PLACEHOLDER.id, *(o.id for o in event.organisations)}
    assert {"europol", "interpol"} <= people_refs(event)
    assert event.contacts == ()
    assert event.header.version is None
    assert "confdocs new" in path.read_text().splitlines()[0]


def test_a_new_event_from_a_past_one_builds(tmp_path: Path) -> None:
    path, *_ = new_event(tmp_path / "again", HAGUE, dt.date(2026, 1, 12))
    event = confdocs.load_event(path)
    result = build(event, ["ics", "json", "schedule-json"])
    assert result.ok, result.failures
    assert not [f for f in confdocs.check(event) if f.severity is confdocs.Severity.ERROR]


def test_from_past_event_without_start_keeps_dates(hague: Event) -> None:
    event = from_past_event(hague, "same-days")
    assert [d.date for d in event.programme.days] == [d.date for d in hague.programme.days]


def test_never_overwrites(tmp_path: Path) -> None:
    [path] = new_event(tmp_path / "x", None, None)
    path.write_text("# mine\n")
    with pytest.raises(confdocs.InputError, match="exists already"):
        new_event(tmp_path / "x", HAGUE, None)
    assert path.read_text() == "# mine\n"


def test_cli_new_and_refusal(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "cli-2025"
    done = run_cli("new", str(folder), "--from", str(HAGUE), "--start", "2025-09-29")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == f"wrote {folder / 'event.yaml'}"
    assert f"wrote {folder / 'logos' / 'eurojust.png'}" in done.stdout.splitlines()
    assert sorted(p.name for p in folder.iterdir()) == ["event.yaml", "logos"]  # no temporary file
    assert sorted(p.name for p in (folder / "logos").iterdir()) == sorted(
        p.name for p in (HAGUE.parent / "logos").iterdir()
    )
    again = run_cli("new", str(folder))
    assert again.returncode == 2
    assert "exists already" in again.stderr and "Traceback" not in again.stderr


def test_cli_new_from_a_missing_event(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    done = run_cli("new", str(tmp_path / "n"), "--from", str(tmp_path / "nope.yaml"))
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "n" / "event.yaml").exists()
