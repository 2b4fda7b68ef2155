"""``confdocs new``: a new event from the minimal template or from a past event."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import attrs
import pytest
import yaml

import confdocs
from confdocs import build
from confdocs.authoring.newevent import (
    PLACEHOLDER,
    TEMPLATE,
    from_past_event,
    new_event,
    template_text,
)
from confdocs.loading.sources import parse_yaml
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
    made = new_event(folder, None, dt.date(2025, 6, 2))
    written = made.written
    assert written == (folder / "event.yaml",)
    assert made.dates == "moved the dates of the template by 447 days: 2024-03-12 → 2025-06-02"
    event = confdocs.load_event(written[0])
    minimal = confdocs.load_event(MINIMAL)
    assert event.id == "cyber-workshop-2025"
    assert (event.start, event.end) == (dt.date(2025, 6, 2), dt.date(2025, 6, 2))
    assert [d.date for d in event.programme.days] == [dt.date(2025, 6, 2)]
    assert event.programme.days[0].slots == minimal.programme.days[0].slots
    # The template's comments are kept: they are its documentation.
    assert "# People are defined once" in written[0].read_text()


def test_new_without_start_keeps_the_templates_dates(tmp_path: Path) -> None:
    made = new_event(tmp_path / "w", None, None)
    event = confdocs.load_event(made.written[0])
    assert event.start == confdocs.load_event(MINIMAL).start
    assert made.dates == (
        "kept the dates of the template (2024-03-12); give --start YYYY-MM-DD to move them"
    )


def test_new_from_a_past_event_keeps_structure_and_moves_dates(
    hague: Event, tmp_path: Path
) -> None:
    start = dt.date(2025, 3, 10)
    path, *copied = new_event(tmp_path / "darknet-2025", HAGUE, start).written
    names = sorted(p.relative_to(path.parent).as_posix() for p in copied)
    # The catalogs it includes, and the past event's logos, where the new file names them.
    logos = sorted(f"logos/{p.name}" for p in (HAGUE.parent / "logos").iterdir())
    assert names == sorted(
        ["catalog/people.yaml", "catalog/organisations.yaml", "catalog/country-sets.yaml", *logos]
    )
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
    assert attrs.evolve(event.participants, reply_by=None) == attrs.evolve(
        hague.participants, reply_by=None
    )
    # The letters' dates keep their distance to the event; the past mailing's reference goes.
    assert event.participants.reply_by == dt.date(2019, 8, 30) + shift
    assert event.letters.date == dt.date(2019, 7, 15) + shift
    assert (event.letters.reference, event.letters.signatory) == (None, "seger")
    assert from_past_event(hague, "x", start).letters == event.letters
    # Speakers cleared: only the placeholder and organisations speak or moderate; the
    # catalogs still define everyone, so the contacts (the organisers' people) stay.
    assert event.person(PLACEHOLDER.id) == PLACEHOLDER
    assert event.people == (*hague.people, PLACEHOLDER)
    assert people_refs(event) <= {PLACEHOLDER.id, *(o.id for o in event.organisations)}
    assert {"europol", "interpol"} <= people_refs(event)
    assert event.contacts == hague.contacts
    assert event.header.version is None
    assert "confdocs new" in path.read_text().splitlines()[0]


def test_a_new_event_from_a_past_one_builds(tmp_path: Path) -> None:
    path = new_event(tmp_path / "again", HAGUE, dt.date(2026, 1, 12)).written[0]
    event = confdocs.load_event(path)
    result = build(event, ["ics", "json", "schedule-json"])
    assert result.ok, result.failures
    assert not [f for f in confdocs.check(event) if f.severity is confdocs.Severity.ERROR]


def test_from_past_event_without_start_keeps_dates(hague: Event) -> None:
    event = from_past_event(hague, "same-days")
    assert [d.date for d in event.programme.days] == [d.date for d in hague.programme.days]


def test_never_overwrites(tmp_path: Path) -> None:
    [path] = new_event(tmp_path / "x", None, None).written
    path.write_text("# mine\n")
    with pytest.raises(confdocs.InputError, match="exists already"):
        new_event(tmp_path / "x", HAGUE, None)
    assert path.read_text() == "# mine\n"


def test_cli_new_and_refusal(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "cli-2025"
    done = run_cli("new", str(folder), "--from", str(HAGUE), "--start", "2025-09-29")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[:4] == [
        f"wrote {folder / 'event.yaml'}",
        f"wrote {folder / 'catalog' / 'people.yaml'}",
        f"wrote {folder / 'catalog' / 'organisations.yaml'}",
        f"wrote {folder / 'catalog' / 'country-sets.yaml'}",
    ]
    assert f"wrote {folder / 'logos' / 'eurojust.png'}" in lines
    assert lines[-1] == (
        f"moved the dates of {HAGUE.as_posix()} (hague-2019) by 2191 days: "
        "2019-09-30 – 2019-10-01 → 2025-09-29 – 2025-09-30"
    )
    # No temporary file left.
    assert sorted(p.name for p in folder.iterdir()) == ["catalog", "event.yaml", "logos"]
    again = run_cli("new", str(folder))
    assert again.returncode == 2
    assert "exists already" in again.stderr and "Traceback" not in again.stderr


def test_cli_new_from_a_missing_event(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    done = run_cli("new", str(tmp_path / "n"), "--from", str(tmp_path / "nope.yaml"))
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "n" / "event.yaml").exists()


@pytest.mark.parametrize(
    ("folder", "expected"), [("CON", "con-event"), ("x" * 150, "x" * 100), ("Été 2025", "ete-2025")]
)
def test_the_folder_name_becomes_a_valid_id(folder: str, expected: str, tmp_path: Path) -> None:
    from confdocs.authoring.newevent import _id_for
    from confdocs.model.names import id_problem

    made = _id_for(tmp_path / folder)
    assert made == expected
    assert id_problem(made) is None


# -- from a past event's file: catalogs, comments, key order, placeholders that check clean ----

TUNIS = ROOT / "examples" / "tunis-2025" / "event.yaml"


def comments(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip().startswith("#")]


@pytest.mark.parametrize("source", [HAGUE, TUNIS], ids=["hague", "tunis"])
def test_new_from_an_example_checks_clean_and_keeps_catalogs_comments_and_order(
    run_cli, tmp_path: Path, source: Path  # type: ignore[no-untyped-def]
) -> None:
    folder = tmp_path / "next"
    done = run_cli("new", str(folder), "--from", str(source), "--start", "2026-05-04")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1].startswith(f"moved the dates of {source.as_posix()}")
    path = folder / "event.yaml"
    checked = run_cli("check", str(path), "--json")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert not [f for f in json.loads(checked.stdout) if f["severity"] == "error"]
    new, old = path.read_text("utf-8"), source.read_text("utf-8")
    # Still includes the catalogs, copied beside it as they were.
    include = next(line for line in old.splitlines() if line.startswith("include:"))
    assert include in new.splitlines()
    for name in yaml.safe_load(include)["include"]:
        assert (folder / name).read_bytes() == (source.parent / name).read_bytes()
    # Every comment of the source, in its order, after the note saying where it came from.
    assert comments(new)[: len(comments(new)) - len(comments(old))][0].startswith(
        "# Made by `confdocs new`"
    )
    assert comments(new)[-len(comments(old)) :] == comments(old)
    # The keys in the source's order (the placeholder's people last when there were none).
    keys = [list(parse_yaml(text, "x").data) for text in (new, old)]
    assert keys[0] in (keys[1], [*keys[1], "people"])
    event = confdocs.load_event(path)
    assert event.start == dt.date(2026, 5, 4)
    assert event.person(PLACEHOLDER.id).placeholder


def test_the_placeholder_moderates_parallel_groups_without_a_double_booking(
    tmp_path: Path,
) -> None:
    [path, *_] = new_event(tmp_path / "again", TUNIS, dt.date(2026, 11, 16)).written
    event = confdocs.load_event(path)
    groups = event.programme.days[1].slots[1]
    assert [s.moderators for s in groups.parallel] == [(PLACEHOLDER.id,), (PLACEHOLDER.id,)]
    found = confdocs.check(event)
    assert not [f for f in found if f.severity is confdocs.Severity.ERROR]
    assert not [f for f in found if "double-booked" in f.code]
    # The placeholder's name has no leading space anywhere.
    assert not [f.message for f in found if re.search(r"(^|\s\s)TBC|^\sTBC", f.message)]


def test_without_start_new_says_it_kept_the_dates(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    done = run_cli("new", str(tmp_path / "same"), "--from", str(TUNIS))
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == (
        f"kept the dates of {TUNIS.as_posix()} (tunis-2025) (2025-11-18 – 2025-11-20); "
        "give --start YYYY-MM-DD to move them"
    )
    assert confdocs.load_event(tmp_path / "same" / "event.yaml").start == dt.date(2025, 11, 18)


def test_a_catalog_from_outside_the_folder_is_named_from_the_new_folder(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "people.yaml").write_text(
        "# shared people\npeople:\n  - {id: ana, given_name: Ana, family_name: Silva}\n", "utf-8"
    )
    old = tmp_path / "events" / "2025" / "event.yaml"
    old.parent.mkdir(parents=True)
    old.write_text(
        "include: [../../shared/people.yaml]  # the programme's people\n"
        "id: a\ntitle: A\nstart: 2025-01-06\nend: 2025-01-06\n"
        "programme:\n  days:\n    - date: 2025-01-06\n      slots:\n"
        "        - {start: 09h00, title: Opening, contributions: [{people: [ana]}]}\n",
        "utf-8",
    )
    made = new_event(tmp_path / "events" / "2026", old, dt.date(2026, 1, 5), [str(shared)])
    assert [p.name for p in made.written] == ["event.yaml"]  # nothing copied
    text = made.written[0].read_text("utf-8")
    assert "include: [../../shared/people.yaml]  # the programme's people" in text
    event = confdocs.load_event(made.written[0], [str(shared)])
    assert event.programme.days[0].slots[0].contributions[0].people == ("tbc",)
    assert event.person("ana").given_name == "Ana"


def test_a_toml_source_is_written_as_yaml(tmp_path: Path) -> None:
    old = tmp_path / "old" / "event.toml"
    old.parent.mkdir()
    old.write_text(
        'id = "t"\ntitle = "T"\nstart = 2025-01-06\nend = 2025-01-07\n'
        "[[people]]\nid = \"ana\"\ngiven_name = \"Ana\"\nfamily_name = \"Silva\"\n"
        "[[programme.days]]\ndate = 2025-01-07\n"
        "[[programme.days.slots]]\nstart = \"09h00\"\ntitle = \"Opening\"\nmoderators = [\"ana\"]\n",
        "utf-8",
    )
    [path] = new_event(tmp_path / "new", old, dt.date(2026, 1, 5)).written
    text = path.read_text("utf-8")
    assert "its comments are not kept" in text
    event = confdocs.load_event(path)
    assert (event.start, event.end, event.programme.days[0].date) == (
        dt.date(2026, 1, 5),
        dt.date(2026, 1, 6),
        dt.date(2026, 1, 6),
    )
    assert event.programme.days[0].slots[0].moderators == ("tbc",)


def test_a_catalog_with_other_content_is_never_overwritten(tmp_path: Path) -> None:
    folder = tmp_path / "n"
    (folder / "catalog").mkdir(parents=True)
    mine = folder / "catalog" / "people.yaml"
    mine.write_text("people: []\n", "utf-8")
    with pytest.raises(confdocs.InputError, match="exists already with other content"):
        new_event(folder, HAGUE, dt.date(2026, 5, 4))
    assert mine.read_text("utf-8") == "people: []\n"
    assert sorted(p.name for p in folder.rglob("*")) == ["catalog", "people.yaml"]


def test_new_from_an_event_in_two_languages_keeps_every_translation(tmp_path: Path) -> None:
    from confdocs.model import Translated
    from confdocs.model.walk import text_fields

    def translations(event: confdocs.model.Event) -> dict[tuple[object, ...], dict[str, str]]:
        return {
            path: dict(value.texts)
            for path, _, value in text_fields(event)
            if isinstance(value, Translated)
        }

    [path, *_] = new_event(tmp_path / "next", TUNIS, dt.date(2026, 11, 16)).written
    old, new = confdocs.load_event(TUNIS), confdocs.load_event(path)
    assert new.settings.languages == ("fr", "ar")
    assert len(translations(old)) > 100
    assert translations(new) == translations(old)
    # The new outline builds side by side at once.
    built = confdocs.build(new, ["html"], {"locale": "fr+ar"})
    assert built.documents[0].filename == "next.fr.ar.html"


def test_the_placeholder_speaks_the_events_language(tmp_path: Path) -> None:
    """A French event's speakers become "À confirmer", not the English "TBC"."""
    tunis = ROOT / "examples" / "tunis-2025" / "event.yaml"
    path = new_event(tmp_path / "tunis-2027", tunis, dt.date(2027, 1, 11)).written[0]
    event = confdocs.load_event(path)
    [placeholder] = [p for p in event.people if p.placeholder]
    assert placeholder.family_name == "À confirmer"
    assert people_refs(event) == {placeholder.id}


def test_a_placeholder_the_event_has_is_the_one_used(tmp_path: Path) -> None:
    """An event (or its catalog) with a person marked ``placeholder: true`` keeps it: the
    speakers become that person, and no second placeholder is added."""
    folder = tmp_path / "past"
    shutil.copytree(HAGUE.parent, folder)
    catalog = folder / "catalog" / "people.yaml"
    text = catalog.read_text("utf-8").replace(
        "\npeople:\n", '\npeople:\n  - {id: nn, given_name: "", family_name: N.N., placeholder: true}\n', 1
    )
    catalog.write_text(text, "utf-8")
    path = new_event(tmp_path / "next", folder / "event.yaml", dt.date(2026, 1, 12)).written[0]
    event = confdocs.load_event(path)
    assert [p.id for p in event.people if p.placeholder] == ["nn"]
    assert {r for r in people_refs(event) if r in event.index.people} == {"nn"}  # organisations stay
