"""The C3VOC/frab schedule formats, checked against the published JSON Schema and XSD."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import xmlschema
from confdocs_schedule import BREAK_KINDS, ScheduleJsonExporter, schedule
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import confdocs
from confdocs import build
from confdocs.model import Day, Event, Programme, Room, Session, Settings, Slot, Venue

ROOT = Path(__file__).resolve().parent.parent
HAGUE = ROOT / "examples" / "hague-2019" / "event.yaml"
SCHEMAS = Path("/work/shared/schemas/c3voc-schedule")
if not SCHEMAS.exists():  # a checkout beside the shared folder
    SCHEMAS = ROOT.parent / "shared" / "schemas" / "c3voc-schedule"

pytestmark = pytest.mark.skipif(not SCHEMAS.exists(), reason="the C3VOC schemas are not available")


@pytest.fixture(scope="module")
def json_validator() -> jsonschema.Draft6Validator:
    schema = json.loads((SCHEMAS / "schema.json").read_text())
    return jsonschema.Draft6Validator(
        schema, format_checker=jsonschema.Draft6Validator.FORMAT_CHECKER
    )


@pytest.fixture(scope="module")
def xsd() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(SCHEMAS / "schedule.xml.xsd"))


@pytest.fixture(scope="module")
def hague() -> Event:
    return confdocs.load_event(HAGUE)


def built(event: Event) -> tuple[dict[str, Any], bytes]:
    result = build(event, ["schedule-json", "schedule-xml"])
    assert result.ok, result.failures
    by_format = {d.format: d for d in result.documents}
    assert by_format["schedule-json"].filename == f"{event.id}.schedule.json"
    assert by_format["schedule-xml"].filename == f"{event.id}.schedule.xml"
    return json.loads(by_format["schedule-json"].data), by_format["schedule-xml"].data


def assert_valid(doc: dict[str, Any], xml: bytes, json_validator: Any, xsd: Any) -> None:
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in json_validator.iter_errors(doc)]
    assert not errors, errors
    xml_errors = [str(e) for e in xsd.iter_errors(xml.decode("utf-8"))]
    assert not xml_errors, xml_errors[:3]


def talks(doc: dict[str, Any]) -> list[dict[str, Any]]:
    days = doc["schedule"]["conference"]["days"]
    return [e for day in days for events in day["rooms"].values() for e in events]


def test_hague_schedules_validate_against_the_shared_schemas(
    hague: Event, json_validator: Any, xsd: Any
) -> None:
    doc, xml = built(hague)
    assert_valid(doc, xml, json_validator, xsd)


def test_every_slot_is_a_talk_with_its_time(hague: Event) -> None:
    doc, _ = built(hague)
    entries = talks(doc)
    assert len(entries) == len(list(hague.programme.slots())) == 26
    panel = next(e for e in entries if e["title"].startswith("Challenges"))
    assert panel["date"] == "2019-09-30T09:30:00+02:00"
    assert (panel["start"], panel["duration"]) == ("09:30", "01:10")
    assert panel["type"] == "discussion"
    assert "Moderator: Alexander SEGER" in panel["description"]
    names = [p["name"] for p in panel["persons"]]
    assert names[0] == "Alexander SEGER"
    assert "Delegation of Argentina" in names and "Mieke DE VLAMINCK" in names
    conference = doc["schedule"]["conference"]
    assert conference["acronym"] == "hague_2019"
    assert conference["time_zone_name"] == "Europe/Amsterdam"
    assert [d["date"] for d in conference["days"]] == ["2019-09-29", "2019-09-30", "2019-10-01"]


def test_guids_are_unique_and_stable_across_builds(hague: Event) -> None:
    first, first_xml = built(hague)
    again, again_xml = built(hague)
    guids = [e["guid"] for e in talks(first)]
    assert len(set(guids)) == len(guids)
    assert guids == [e["guid"] for e in talks(again)]
    assert first_xml == again_xml
    # A person has one GUID wherever they appear.
    by_name: dict[str, set[str]] = {}
    for entry in talks(first):
        for person in entry["persons"]:
            by_name.setdefault(person["name"], set()).add(person["guid"])
    assert all(len(g) == 1 for g in by_name.values())
    assert len(by_name["Manuel DE ALMEIDA PEREIRA"]) == 1


def test_the_xml_says_what_the_json_says(hague: Event) -> None:
    doc, xml = built(hague)
    root = ET.fromstring(xml)
    xml_events = root.findall("day/room/event")
    assert [e.get("guid") for e in xml_events] == [t["guid"] for t in talks(doc)]
    assert [e.findtext("title") for e in xml_events] == [t["title"] for t in talks(doc)]


def test_the_ics_uid_of_a_slot_is_its_schedule_guid(hague: Event) -> None:
    import icalendar

    doc, _ = built(hague)
    cal = icalendar.Calendar.from_ical(build(hague, ["ics"]).documents[0].data)
    uids = [str(e["uid"]) for e in cal.walk("VEVENT")]
    assert uids == [t["guid"] for t in talks(doc)]


def test_breaks_can_be_left_out(hague: Event, json_validator: Any, xsd: Any) -> None:
    from confdocs_schedule import schedule_xml

    view = confdocs.make_view(hague)
    doc = schedule(view, include_breaks=False)
    kinds = [slot.kind for day in view.programme for slot in day.slots]
    assert len(talks(doc)) == sum(k not in BREAK_KINDS for k in kinds) == 19
    assert not any(t["title"] == "Coffee break" for t in talks(doc))
    assert_valid(doc, schedule_xml(doc), json_validator, xsd)
    data = ScheduleJsonExporter(include_breaks=False).render(view, {})
    assert json.loads(data) == doc


def test_parallel_sessions_go_to_their_rooms(json_validator: Any, xsd: Any) -> None:
    day = dt.date(2024, 5, 6)
    event = Event(
        id="breakout",
        title="Breakouts",
        start=day,
        end=day,
        settings=Settings(timezone="America/Sao_Paulo"),
        venue=Venue(name="Centro", rooms=(Room("a", "Sala A"), Room("b", "Sala B"))),
        programme=Programme(
            (
                Day(
                    day,
                    (
                        Slot(
                            start=dt.time(9),
                            end=dt.time(10, 30),
                            parallel=(
                                Session(title="Grupo 1", room="a"),
                                Session(title="Grupo 2", room="b"),
                            ),
                        ),
                    ),
                ),
            )
        ),
    )
    doc, xml = built(event)
    assert_valid(doc, xml, json_validator, xsd)
    rooms = doc["schedule"]["conference"]["days"][0]["rooms"]
    assert {name: [e["title"] for e in events] for name, events in rooms.items()} == {
        "Sala A": ["Grupo 1"],
        "Sala B": ["Grupo 2"],
    }
    assert rooms["Sala A"][0]["date"] == "2024-05-06T09:00:00-03:00"


def test_cli_writes_both_files(run_cli, tmp_path: Path, json_validator: Any, xsd: Any) -> None:  # type: ignore[no-untyped-def]
    done = run_cli(
        "build", str(HAGUE), "-f", "schedule-json", "-f", "schedule-xml", "-o", str(tmp_path)
    )
    assert done.returncode == 0, done.stderr
    doc = json.loads((tmp_path / "hague-2019.schedule.json").read_text())
    assert_valid(doc, (tmp_path / "hague-2019.schedule.xml").read_bytes(), json_validator, xsd)


KINDS = st.sampled_from(
    ["session", "break", "meal", "photo", "meeting", "preparation", "end", "other"]
)
#: Any text, but the footnote syntax: an event's ``[^id]`` must name one of its notes.
TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=0, max_size=30
).filter(lambda t: "[^" not in t)


@st.composite
def events(draw: st.DrawFn) -> Event:
    first = draw(st.dates(dt.date(2001, 1, 1), dt.date(2035, 1, 1)))
    day_count = draw(st.integers(1, 3))
    days = []
    for offset in range(day_count):
        minutes = sorted(draw(st.lists(st.integers(0, 23 * 60), max_size=5, unique=True)))
        slots = [
            Slot(start=dt.time(m // 60, m % 60), kind=draw(KINDS), title=draw(TEXT) or None)
            for m in minutes
        ]
        if draw(st.booleans()):
            slots.insert(0, Slot(all_day=True, title=draw(TEXT) or None, kind="preparation"))
        days.append(Day(first + dt.timedelta(days=offset), tuple(slots)))
    return Event(
        id=draw(st.from_regex(r"[a-z][a-z0-9-]{0,12}", fullmatch=True)),
        title=draw(TEXT) or "T",
        start=first,
        end=first + dt.timedelta(days=day_count - 1),
        settings=Settings(timezone=draw(st.sampled_from(["UTC", "Europe/Paris", "Asia/Kolkata"]))),
        programme=Programme(tuple(days)),
    )


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(event=events())
def test_any_programme_gives_valid_schedules(event: Event, json_validator: Any, xsd: Any) -> None:
    from confdocs_schedule import schedule_xml

    view = confdocs.make_view(event)
    for breaks in (True, False):
        doc = schedule(view, include_breaks=breaks)
        assert_valid(doc, schedule_xml(doc), json_validator, xsd)


def test_ics_schedules_and_json_in_one_build(
    run_cli, tmp_path: Path, json_validator: Any, xsd: Any
) -> None:  # type: ignore[no-untyped-def]
    """The issue's "done when": one build writes all four, each usable by the tool it is for."""
    import icalendar

    done = run_cli(
        "build",
        str(HAGUE),
        "-f",
        "ics",
        "-f",
        "schedule-json",
        "-f",
        "schedule-xml",
        "-f",
        "json",
        "-o",
        str(tmp_path),
    )
    assert done.returncode == 0, done.stderr
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [
        "hague-2019.ics",
        "hague-2019.json",
        "hague-2019.schedule.json",
        "hague-2019.schedule.xml",
    ]
    event = confdocs.load_event(HAGUE)
    cal = icalendar.Calendar.from_ical((tmp_path / "hague-2019.ics").read_bytes())
    assert len(list(cal.walk("VEVENT"))) == len(list(event.programme.slots()))
    doc = json.loads((tmp_path / "hague-2019.schedule.json").read_text())
    assert_valid(doc, (tmp_path / "hague-2019.schedule.xml").read_bytes(), json_validator, xsd)
    # The event's own data: its logos are named relative to it, so they go beside it.
    shutil.copytree(HAGUE.parent / "logos", tmp_path / "logos")
    assert confdocs.load_event(tmp_path / "hague-2019.json") == event


def test_a_slot_of_no_particular_kind_has_no_track(json_validator: Any, xsd: Any) -> None:
    """A welcome of kind ``other`` had the track "other" beside "Pause-café" and "Séance"
    (a trial's French schedule)."""
    day = dt.date(2027, 6, 9)
    slots = (
        Slot(start=dt.time(8, 30), end=dt.time(9), title="Accueil des participants", kind="other"),
        Slot(start=dt.time(9), end=dt.time(10), title="Ouverture", kind="session"),
        Slot(start=dt.time(10), end=dt.time(10, 30), kind="break"),
        Slot(start=dt.time(10, 30), end=dt.time(11), kind="other"),  # untitled
    )
    event = Event(
        id="tunis",
        title="Atelier",
        start=day,
        end=day,
        settings=Settings(locale="fr", timezone="Africa/Tunis"),
        programme=Programme((Day(day, slots),)),
    )
    assert slots[0].kind == "other"
    doc, xml = built(event)
    assert_valid(doc, xml, json_validator, xsd)
    [events] = doc["schedule"]["conference"]["days"][0]["rooms"].values()
    assert [(e["title"], e["track"]) for e in events] == [
        ("Accueil des participants", None),
        ("Ouverture", "Séance"),
        ("Pause-café", "Pause-café"),
        ("Atelier", None),  # an untitled one: the event's title, not the kind's code "other"
    ]
    tracks = [t.text for t in ET.fromstring(xml).iter("track")]
    assert tracks == [None, "Séance", "Pause-café", None]
