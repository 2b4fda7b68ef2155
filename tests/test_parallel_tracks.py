"""Parallel tracks that read as parallel, in every format, and what organisers could not say.

Most tests read the second shipped example, ``examples/tunis-2025`` (a three-day workshop in
French, hybrid, two breakout groups in two rooms on day 2, one ending early, without
interpretation and with an internal link; a session that continues after lunch; a dinner after
the end of day 1; a remote speaker; a host country with a composition of its own), as its users
do: the HTML parsed and laid out by Chromium, the .docx opened with python-docx and turned into
a PDF by LibreOffice, the calendar parsed, the schedules validated against the C3VOC schemas.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import attrs
import pytest

import confdocs
from confdocs.model import Event
from tests.conftest import ROOT, require_tool
from tests.test_schedule import SCHEMAS, assert_valid

TUNIS = ROOT / "examples" / "tunis-2025" / "event.yaml"
FORMATS = ["md", "html", "docx", "ics", "schedule-json", "schedule-xml", "json"]
GROUP_A = "Groupe A — conservation et production des données"
GROUP_B = "Groupe B — enquêtes sur les cryptoactifs"
DIDON_LINK = "https://meet.coe.example/j/4411-didon?pwd=kQ7"
HANNIBAL_LINK = "https://coe.example/cybersouth/tunis-2025/groupe-a"


@pytest.fixture(scope="module")
def event() -> Event:
    return confdocs.load_event(TUNIS)


def build(event: Event, audience: str = "internal") -> dict[str, bytes]:
    result = confdocs.build(event, FORMATS, {"audience": audience})  # type: ignore[typeddict-item]
    assert result.ok, result.failures
    return {doc.format: doc.data for doc in result.documents}


@pytest.fixture(scope="module")
def built(event: Event) -> dict[str, bytes]:
    return build(event)


@pytest.fixture(scope="module")
def public(event: Event) -> dict[str, bytes]:
    return build(event, "public")


def slot_of(view: confdocs.View, slot_id: str) -> Any:
    return next(s for d in view.programme for s in d.slots if s.id == slot_id)


# -- the example checks clean ------------------------------------------------------------------


def test_the_example_checks_clean(run_cli: Any) -> None:
    done = run_cli("check", str(TUNIS))
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip().endswith("tunis-2025: 0 errors, 0 warnings, 0 infos")


# -- the view ------------------------------------------------------------------------------------


def test_the_view_has_the_tracks_with_their_rooms_ends_interpretation_and_links(
    event: Event,
) -> None:
    view = confdocs.make_view(event)
    groups = slot_of(view, "groupes")
    assert groups.own_sessions == ()  # the title alone is the heading over the tracks
    a, b = groups.tracks
    assert groups.parallel_line.plain == "Sessions parallèles"
    assert (a.room, b.room) == ("Salle Hannibal", "Salle Didon")
    assert (a.key, b.key) == ("groupes/room:hannibal", "groupes/room:didon")
    assert a.ends_at.time() == dt.time(11, 0) and b.ends_at.time() == dt.time(10, 45)
    assert a.time_line is None  # ends with its slot
    assert b.time_line.plain == "Heure\u00a0: 09h15\u202f–\u202f10h45"
    assert a.interpretation_line.plain == "Interprétation\u00a0: français et arabe"
    assert b.interpretation_line.plain == "Sans interprétation"
    assert (a.url, b.url) == (HANNIBAL_LINK, DIDON_LINK)
    assert [s.href for s in b.link_line if s.href] == [DIDON_LINK]
    # The plenary's room has the event's interpretation and the venue's link: nothing to add.
    [opening] = slot_of_start(view, 0, "09h00").sessions
    assert (opening.room, opening.interpretation_line, opening.link_line) == (
        "Salle Carthage",
        None,
        None,
    )
    assert opening.interpretation == ("français", "arabe", "anglais")


def slot_of_start(view: confdocs.View, day: int, start: str) -> Any:
    return next(s for s in view.programme[day].slots if s.start == start)


def test_a_public_view_has_no_internal_link(event: Event) -> None:
    view = confdocs.make_view(event, audience="public")
    a, b = slot_of(view, "groupes").tracks
    assert (a.url, b.url, b.link_line) == (HANNIBAL_LINK, None, None)
    assert DIDON_LINK not in json.dumps(view.file_form())


def test_a_remote_speaker_is_said_so(event: Event) -> None:
    view = confdocs.make_view(event)
    [opening] = slot_of_start(view, 0, "09h00").sessions
    remote = opening.contributions[2]
    assert remote.remote and remote.line.plain.endswith("Vienne (à distance, 10\u00a0min)")
    english = confdocs.make_view(event, locale="en")
    [opening] = slot_of_start(english, 0, "09h00").sessions
    assert "(remotely, 10\u00a0min)" in opening.contributions[2].line.plain


def test_a_titled_delegation_contribution_names_its_delegation(
    event: Event, hague_event: Event
) -> None:
    view = confdocs.make_view(event)
    [panel] = slot_of_start(view, 0, "09h30").sessions
    assert panel.contributions[4].line.plain == (
        "La loi organique de 2023 sur la cybercriminalité – Délégation\u00a0: Tunisie (10\u00a0min)"
    )
    assert panel.contributions[4].delegation.code == "TN"
    # A title that already names the country is not followed by the delegation again.
    hague = confdocs.make_view(hague_event)
    cases = next(s for d in hague.programme for s in d.slots if s.start == "14h15").sessions[0]
    assert cases.contributions[0].line.plain == (
        'Presentation of Case "Riño" by the Costa Rican delegation (15\u00a0mins)'
    )
    assert cases.contributions[0].delegation.name == "Costa Rica"


def test_the_host_countrys_composition_is_a_footnote_and_the_online_seats_a_row(
    event: Event,
) -> None:
    counted = attrs.evolve(event, settings=attrs.evolve(event.settings, show_seat_counts=True))
    part = confdocs.make_view(counted).participants
    [host] = part.compositions
    assert (host.country.code, host.seats) == ("TN", 4)
    assert [(r.id, r.per_delegation) for r in host.roles] == [
        ("prosecutor", 2),
        ("law-enforcement", 2),
    ]
    tunisia = next(c for c in part.groups[0].countries if c.code == "TN")
    assert tunisia.notes == (host.note,)
    [note] = [n for n in confdocs.make_view(event).notes if n.number == host.note]
    assert note.text.plain == (
        "Tunisie\u00a0: 2 × procureur ou juge spécialisé et 2 × enquêteur spécialisé en "
        "cybercriminalité."
    )
    assert part.online_seats == 5 * 2 + 3
    assert [(row.kind, row.seats) for row in part.table][-3:] == [
        ("total", "16"),
        ("online", "13"),
        ("stated", "16"),
    ]
    assert part.summary.plain.endswith("Places en ligne\u00a0: 13")


# -- the timeline: day markers and own ends -----------------------------------------------------


def test_the_end_of_day_is_a_moment_and_the_dinner_keeps_its_own_end(event: Event) -> None:
    laid_out = confdocs.timeline(event)
    day = laid_out.days[0]
    end, dinner = day.slots[-2], day.slots[-1]
    assert (end.slot.kind, end.end_rule, end.length) == ("end", "moment", 0)
    assert (dinner.start, dinner.end, dinner.end_rule) == (19 * 60 + 30, 22 * 60, "stated")
    [a, b] = laid_out.days[1].slots[1].sessions
    assert (a.end, a.own_end, b.end, b.own_end) == (11 * 60, False, 10 * 60 + 45, True)


def test_an_all_day_slot_spans_its_days_programme_in_a_schedule() -> None:
    day = dt.date(2025, 3, 3)
    event = Event(
        id="all-day",
        title="All day",
        start=day,
        end=day,
        programme=confdocs.model.Programme(
            (
                confdocs.model.Day(
                    day,
                    (
                        confdocs.model.Slot(all_day=True, kind="preparation", title="Set-up"),
                        confdocs.model.Slot(start=dt.time(9), end=dt.time(12), title="Talks"),
                    ),
                ),
            )
        ),
    )
    laid_out = confdocs.timeline(event)
    assert laid_out.extent(laid_out.days[0].slots[0]) == (9 * 60, 12 * 60)
    [doc] = confdocs.build(event, ["schedule-json"]).documents
    talks = [t for r in json.loads(doc.data)["schedule"]["conference"]["days"][0]["rooms"].values()
             for t in r]
    setup = next(t for t in talks if t["title"] == "Set-up")
    assert (setup["start"], setup["duration"]) == ("09:00", "03:00")


# -- HTML ----------------------------------------------------------------------------------------


def html_tree(data: bytes) -> Any:
    import html5lib

    return html5lib.parse(data, namespaceHTMLElements=False)


def text_of(element: Any) -> str:
    """The element's text with runs of ASCII white space folded; no-break spaces are kept."""
    return " ".join(re.split(r"[ \t\r\n\f]+", "".join(element.itertext()))).strip()


def test_html_shows_the_tracks_side_by_side_each_with_its_room(built: dict[str, bytes]) -> None:
    tree = html_tree(built["html"])
    row = next(r for r in tree.iter("tr") if r.get("id") == "slot-groupes")
    [tracks] = [d for d in row.iter("div") if d.get("class") == "tracks"]
    assert tracks.get("role") == "group" and tracks.get("aria-label") == "Sessions parallèles"
    a, b = [s for s in tracks.iter("section") if s.get("class") == "track"]
    assert (a.get("aria-label"), b.get("aria-label")) == ("Salle Hannibal", "Salle Didon")
    assert GROUP_A in text_of(a) and "Interprétation\u00a0: français et arabe" in text_of(a)
    assert GROUP_B in text_of(b)
    for said in ("Heure\u00a0: 09h15\u202f–\u202f10h45", "Sans interprétation", "(à distance, 30\u00a0min)"):
        assert said in text_of(b)
    assert [x.get("href") for x in b.iter("a")] == [DIDON_LINK]
    # The grouping slot's title is its heading, not a session of its own.
    assert text_of(row).count("Travaux de groupe") == 1


def test_a_public_html_has_no_internal_link(public: dict[str, bytes]) -> None:
    page = public["html"].decode()
    assert DIDON_LINK.split("?")[0] not in page and HANNIBAL_LINK in page


def test_html_tracks_sit_side_by_side_on_a_screen_and_stack_on_a_phone(
    built: dict[str, bytes], tmp_path: Path
) -> None:
    from tests.browser import Browser

    chromium = require_tool("chromium")
    page = tmp_path / "tunis-2025.html"
    page.write_bytes(built["html"])
    shown = {}
    with Browser(chromium) as browser:
        for width in (1200, 390):
            browser.send(
                "Emulation.setDeviceMetricsOverride",
                {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 500},
            )
            browser.goto(page.as_uri())
            browser.wait_for("document.readyState === 'complete'")
            shown[width] = browser.evaluate(
                "[...document.querySelectorAll('#slot-groupes .track')].map(t => {"
                " const r = t.getBoundingClientRect();"
                " return [Math.round(r.left), Math.round(r.top), Math.round(r.width)]; })"
            )
    (a, b) = shown[1200]
    assert a[1] == b[1] and b[0] >= a[0] + a[2]  # one row, B right of A
    (a, b) = shown[390]
    assert a[0] == b[0] and b[1] > a[1] and a[2] > 300  # stacked, each the phone's width


# -- Word ----------------------------------------------------------------------------------------


def programme_cell(data: bytes, time: str) -> Any:
    import docx

    document = docx.Document(io.BytesIO(data))
    for table in document.tables:
        for row in table.rows:
            if row.cells[0].text.strip() == time and len(row.cells) == 2:
                return row.cells[1]
    raise AssertionError(f"no programme row at {time}")


def test_word_shows_the_tracks_in_a_table_of_their_own(built: dict[str, bytes]) -> None:
    cell = programme_cell(built["docx"], "09h15")
    assert cell.paragraphs[0].text == "Travaux de groupe"
    [tracks] = cell.tables
    [row] = tracks.rows
    a, b = (c.text for c in row.cells)
    assert a.startswith("Salle\u00a0: Salle Hannibal\n" + GROUP_A)
    assert b.startswith("Salle\u00a0: Salle Didon\n" + GROUP_B)
    for said in ("Heure\u00a0: 09h15\u202f–\u202f10h45", "Sans interprétation", DIDON_LINK):
        assert said in b
    assert "Interprétation\u00a0: français et arabe" in a


def test_word_prints_the_venues_mode_and_link_after_its_text(built: dict[str, bytes]) -> None:
    import docx

    document = docx.Document(io.BytesIO(built["docx"]))
    texts = [p.text for p in document.paragraphs]
    at = next(i for i, t in enumerate(texts) if t.startswith("L’atelier se tiendra"))
    after = texts[at + 1 : at + 4]
    assert "Lieu\u00a0: Hôtel Laico Tunis (sur place et en ligne)" in after
    assert "Lien\u00a0: https://coe.example/cybersouth/tunis-2025" in after


def test_libreoffice_lays_the_tracks_side_by_side_on_a4(
    built: dict[str, bytes], tmp_path: Path
) -> None:
    soffice = require_tool("soffice")
    pdftotext = require_tool("pdftotext")
    source = tmp_path / "tunis-2025.docx"
    source.write_bytes(built["docx"])
    subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    layout = subprocess.run(
        [pdftotext, "-layout", str(tmp_path / "tunis-2025.pdf"), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    lines = layout.splitlines()
    # Both rooms on one line, and both titles' first words on one line: side by side.
    assert any("Salle Hannibal" in x and "Salle Didon" in x for x in lines)
    assert any("Groupe A" in x and "Groupe B" in x for x in lines)
    # pdftotext gives the no-break space before the colon as a plain one.
    assert "Lien : https://coe.example/cybersouth/tunis-2025" in layout


# -- the calendar --------------------------------------------------------------------------------


def vevents(data: bytes) -> list[Any]:
    import icalendar

    return list(icalendar.Calendar.from_ical(data).walk("VEVENT"))


def test_the_calendar_has_one_event_per_session_in_its_room(
    built: dict[str, bytes], event: Event
) -> None:
    events = vevents(built["ics"])
    summaries = [str(e["summary"]) for e in events]
    assert "Travaux de groupe" not in summaries  # the grouping slot has no event
    a = next(e for e in events if str(e["summary"]) == f"Travaux de groupe\u00a0: {GROUP_A}")
    b = next(e for e in events if str(e["summary"]) == f"Travaux de groupe\u00a0: {GROUP_B}")
    assert str(a["location"]).startswith("Salle Hannibal, Hôtel Laico Tunis")
    assert str(b["location"]).startswith("Salle Didon, Hôtel Laico Tunis")
    assert (a.decoded("dtstart").time(), a.decoded("dtend").time()) == (dt.time(9, 15), dt.time(11))
    assert b.decoded("dtend").time() == dt.time(10, 45)
    assert (str(a["url"]), str(b["url"])) == (HANNIBAL_LINK, DIDON_LINK)
    assert not str(b["description"]).startswith("\n")
    assert str(b["description"]).splitlines()[:2] == ["Sans interprétation", f"Lien\u00a0: {DIDON_LINK}"]
    uids = [str(e["uid"]) for e in events]
    assert len(uids) == len(set(uids))
    # A slot's own session keeps the slot's UID; the same build gives the same UIDs.
    from confdocs_ical import slot_uid

    view = confdocs.make_view(event)
    entraide = slot_of(view, "entraide")
    assert slot_uid(view.id, entraide) in uids
    assert uids == [str(e["uid"]) for e in vevents(build(event)["ics"])]


def test_the_public_calendar_falls_back_to_the_venues_link(public: dict[str, bytes]) -> None:
    b = next(e for e in vevents(public["ics"]) if GROUP_B in str(e["summary"]))
    assert str(b["url"]) == "https://coe.example/cybersouth/tunis-2025"
    assert DIDON_LINK.encode() not in public["ics"]


def test_the_end_of_day_is_not_stretched_to_the_dinner(built: dict[str, bytes]) -> None:
    events = vevents(built["ics"])
    end = next(e for e in events if str(e["summary"]) == "Fin de la journée")
    assert "dtend" not in end  # a moment: no length
    dinner = next(e for e in events if str(e["summary"]).startswith("Dîner"))
    assert dinner.decoded("dtend") - dinner.decoded("dtstart") == dt.timedelta(hours=2, minutes=30)


# -- the schedules -------------------------------------------------------------------------------


@pytest.mark.skipif(not SCHEMAS.exists(), reason="the C3VOC schemas are not available")
def test_the_schedules_have_one_event_per_session_in_its_own_room(
    built: dict[str, bytes], event: Event
) -> None:
    import jsonschema
    import xmlschema

    doc = json.loads(built["schedule-json"])
    validator = jsonschema.Draft6Validator(
        json.loads((SCHEMAS / "schema.json").read_text()),
        format_checker=jsonschema.Draft6Validator.FORMAT_CHECKER,
    )
    assert_valid(
        doc, built["schedule-xml"], validator, xmlschema.XMLSchema(str(SCHEMAS / "schedule.xml.xsd"))
    )
    day = doc["schedule"]["conference"]["days"][1]
    titles = {room: [t["title"] for t in talks] for room, talks in day["rooms"].items()}
    for room, group in (("Salle Hannibal", GROUP_A), ("Salle Didon", GROUP_B)):
        title = f"Travaux de groupe\u00a0: {group}"
        assert titles[room] == [title, f"{title} (suite)"]
    every = [t["title"] for talks in day["rooms"].values() for t in talks]
    assert "Travaux de groupe" not in every
    b = day["rooms"]["Salle Didon"][0]
    assert (b["start"], b["duration"]) == ("09:15", "01:30")
    assert b["links"] == [{"url": DIDON_LINK, "type": "web"}]
    assert b["description"].splitlines()[:2] == ["Sans interprétation", f"Lien\u00a0: {DIDON_LINK}"]
    first = doc["schedule"]["conference"]["days"][0]["rooms"]
    end = next(t for talks in first.values() for t in talks if t["title"] == "Fin de la journée")
    assert end["duration"] == "00:00"
    # The schedule's GUID of a session is the calendar's UID.
    uids = {str(e["uid"]) for e in vevents(built["ics"])}
    assert {t["guid"] for talks in day["rooms"].values() for t in talks} <= uids
    root = ElementTree.fromstring(built["schedule-xml"])
    links = [x for x in root.iter("link") if x.get("href") == DIDON_LINK]
    assert [(x.get("type"), x.text) for x in links] == [("web", DIDON_LINK)] * 2  # and after


# -- Markdown ------------------------------------------------------------------------------------


def test_markdown_heads_each_track_with_its_room(built: dict[str, bytes]) -> None:
    text = built["md"].decode()
    at = text.index("| 09h15 | **Travaux de groupe** |")
    cell = text[at : text.index("| 11h00 |", at)]
    assert "*Sessions parallèles*" in cell
    assert cell.index("**Salle\u00a0: Salle Hannibal**") < cell.index(GROUP_A)
    assert cell.index(GROUP_A) < cell.index("**Salle\u00a0: Salle Didon**") < cell.index(GROUP_B)
    assert "Heure\u00a0: 09h15\u202f–\u202f10h45" in cell and "Sans interprétation" in cell


# -- every document says the footnote, the remote speaker and the delegation ---------------------


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_every_document_says_the_composition_remote_and_delegation(
    built: dict[str, bytes], fmt: str
) -> None:
    from tests.test_view_is_the_document import READERS, flat

    text = flat(READERS[fmt](built[fmt]))
    if fmt == "docx":  # Word keeps footnotes in a part of their own
        import zipfile

        with zipfile.ZipFile(io.BytesIO(built[fmt])) as package:
            notes = ElementTree.fromstring(package.read("word/footnotes.xml"))
        text += " " + flat("".join(notes.itertext()))
    assert "Tunisie : 2 × procureur ou juge spécialisé et 2 × enquêteur spécialisé" in text
    assert "Rania ABDEL RAHMAN, Spécialiste de la prévention du crime" in text
    assert "(à distance, 10 min)" in text  # flat: each space one plain one
    assert "cybercriminalité – Délégation : Tunisie (10 min)" in text
    # The seat counts are bookkeeping (settings.show_seat_counts); the organiser's text says it.
    assert "et d’autres en ligne" in text


# -- room and people checks ------------------------------------------------------------------------


def with_groups(event: Event, change: Any) -> Event:
    """``event`` with the parallel sessions of day 2's first group slot changed."""
    days = list(event.programme.days)
    slots = list(days[1].slots)
    slots[1] = attrs.evolve(slots[1], parallel=change(slots[1].parallel))
    days[1] = attrs.evolve(days[1], slots=tuple(slots))
    return attrs.evolve(event, programme=attrs.evolve(event.programme, days=tuple(days)))


def errors(event: Event) -> list[confdocs.Finding]:
    return [f for f in confdocs.check(event) if f.severity is confdocs.Severity.ERROR]


def test_a_room_booked_twice_at_once_is_an_error(event: Event) -> None:
    both_in_hannibal = with_groups(event, lambda p: (p[0], attrs.evolve(p[1], room="hannibal")))
    [found] = errors(both_in_hannibal)
    assert found.code == "programme.room-double-booked"
    assert found.path == "programme.days[1].slots[1].parallel[1].room"
    assert found.message == (
        f"Salle Hannibal is booked twice at once: “Travaux de groupe: {GROUP_A}” in Salle "
        f"Hannibal (09h15–11h00) and “Travaux de groupe: {GROUP_B}” in Salle Hannibal "
        "(09h15–10h45)"
    )


def test_the_cli_reports_a_double_booked_room_at_its_line(tmp_path: Path, run_cli: Any) -> None:
    import shutil

    folder = tmp_path / "tunis"
    shutil.copytree(TUNIS.parent, folder)
    path = folder / "event.yaml"
    text = path.read_text("utf-8")
    group_b = "\n              title:\n                fr: Groupe B"
    text = text.replace(f"            - room: didon{group_b}", f"            - room: hannibal{group_b}", 1)
    path.write_text(text, "utf-8")
    done = run_cli("check", str(path), "--json")
    assert done.returncode == 1
    [found] = [f for f in json.loads(done.stdout) if f["severity"] == "error"]
    lines = text.splitlines()
    line = next(
        i
        for i, x in enumerate(lines, 1)
        if x.endswith("- room: hannibal") and "Groupe B" in lines[i + 1]
    )
    assert (found["code"], found["file"], found["line"]) == (
        "programme.room-double-booked", str(path), line
    )


def test_a_person_in_two_rooms_at_once_is_named_with_the_rooms_and_times(event: Event) -> None:
    both = with_groups(
        event, lambda p: (p[0], attrs.evolve(p[1], moderators=("ben-salah",)))
    )
    [found] = errors(both)
    assert found.code == "programme.double-booked"
    assert found.message == (
        f"Leïla BEN SALAH (ben-salah) is in two sessions at once: “Travaux de groupe: {GROUP_A}” "
        f"in Salle Hannibal (09h15–11h00) and “Travaux de groupe: {GROUP_B}” in Salle Didon "
        "(09h15–10h45)"
    )
    assert "parallel[" not in found.message


def test_a_placeholder_is_never_double_booked(event: Event) -> None:
    tbc = confdocs.model.Person(id="tbc", given_name="", family_name="TBC", placeholder=True)
    both = with_groups(event, lambda p: tuple(attrs.evolve(s, moderators=("tbc",)) for s in p))
    assert not errors(attrs.evolve(both, people=(*both.people, tbc)))
    real = attrs.evolve(tbc, placeholder=False)
    [found] = errors(attrs.evolve(both, people=(*both.people, real)))
    assert found.message.startswith("TBC (tbc) is in two sessions at once")


def test_a_track_is_measured_against_its_own_end(event: Event) -> None:
    longer = with_groups(
        event,
        lambda p: (p[0], attrs.evolve(p[1], end=dt.time(11, 15))),
    )
    [found] = errors(longer)
    assert (found.code, found.path) == ("programme.overlap", "programme.days[1].slots[1].parallel[1].end")
    assert "after its slot ends at 11h00" in found.message
    overbooked = with_groups(
        event, lambda p: (p[0], attrs.evolve(p[1], end=dt.time(10, 30)))
    )
    [found] = errors(overbooked)
    assert found.code == "programme.overrun" and "books 90 minutes in its 75" in found.message


# -- the model's new fields, checked where they are read ------------------------------------------


def test_marking_a_field_internal_that_cannot_be_is_an_input_error(tmp_path: Path) -> None:
    import shutil

    folder = tmp_path / "tunis"
    shutil.copytree(TUNIS.parent, folder)
    path = folder / "event.yaml"
    text = path.read_text("utf-8").replace("internal: [url]}", "internal: [url, name]}", 1)
    path.write_text(text, "utf-8")
    with pytest.raises(confdocs.InputError) as caught:
        confdocs.load_event(path)
    message = str(caught.value)
    assert "venue.rooms[2].internal: 'name' cannot be marked internal; these can: url" in message


def test_an_unknown_interpretation_language_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "event.yaml"
    path.write_text(
        "id: x\ntitle: X\nstart: 2025-01-06\nend: 2025-01-06\n"
        "venue: {rooms: [{id: a, name: A, interpretation: [fr, klingon]}]}\n",
        "utf-8",
    )
    with pytest.raises(confdocs.InputError) as caught:
        confdocs.load_event(path)
    assert f"{path}:5:" in str(caught.value)
    assert "venue.rooms[0].interpretation[1]: 'klingon' is not a language code" in str(
        caught.value
    )


# -- registrations: organisations without a role, online seats -----------------------------------


def test_the_examples_registrations_check_clean_and_fill_online_seats(run_cli: Any) -> None:
    registrations = TUNIS.parent / "registrations.csv"
    checked = run_cli("check", str(TUNIS), "-r", str(registrations))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.strip().endswith("tunis-2025: 0 errors, 0 warnings, 0 infos")
    report = run_cli("quota", str(TUNIS), "-r", str(registrations))
    assert report.returncode == 0, report.stderr
    online = next(x for x in report.stdout.splitlines() if x.startswith("Online, on top"))
    assert online.split()[-3:] == ["13", "2", "11"]
    rows = confdocs.load_registrations(registrations)
    assert [r.role for r in rows if r.group == "ism"] == [None, None, None]


# -- a slot with a session of its own and three tracks -------------------------------------------


def three_rooms() -> Event:
    from confdocs.model import Contribution, Day, Person, Programme, Room, Session, Slot, Venue

    day = dt.date(2025, 6, 2)
    people = tuple(Person(id=p, given_name=p.title(), family_name="Doe") for p in "abcd")
    return Event(
        id="three-rooms",
        title="Three rooms",
        start=day,
        end=day,
        venue=Venue(
            name="Centre",
            rooms=(Room("r1", "Room One"), Room("r2", "Room Two"), Room("r3", "Room Three")),
        ),
        people=people,
        programme=Programme(
            (
                Day(
                    day,
                    (
                        Slot(
                            id="tracks",
                            start=dt.time(9),
                            end=dt.time(10),
                            title="Tracks",
                            moderators=("a",),  # a session of its own: the introduction
                            body="Each group reports at 11h00.",
                            parallel=tuple(
                                Session(
                                    title=f"Track {n}",
                                    room=f"r{n}",
                                    contributions=(Contribution(people=(p,), duration=30),),
                                )
                                for n, p in ((1, "b"), (2, "c"), (3, "d"))
                            ),
                        ),
                        Slot(start=dt.time(10), kind="end"),
                    ),
                ),
            )
        ),
    )


def test_a_slot_with_its_own_session_keeps_its_uid_before_its_tracks(tmp_path: Path) -> None:
    event = three_rooms()
    view = confdocs.make_view(event)
    slot = view.programme[0].slots[0]
    [own] = slot.own_sessions
    assert (own.key, own.track) == ("tracks", False)
    assert [s.key for s in slot.tracks] == [f"tracks/room:r{n}" for n in (1, 2, 3)]
    result = confdocs.build(event, ["ics", "html", "docx"])
    data = {d.format: d.data for d in result.documents}
    from confdocs_ical import slot_uid

    events = vevents(data["ics"])
    assert [str(e["summary"]) for e in events][:4] == [
        "Tracks",
        "Tracks: Track 1",
        "Tracks: Track 2",
        "Tracks: Track 3",
    ]
    assert str(events[0]["uid"]) == slot_uid(view.id, slot)
    # HTML: the introduction above the tracks, the three tracks together.
    row = next(r for r in html_tree(data["html"]).iter("tr") if r.get("id") == "slot-tracks")
    cell = text_of(row)
    assert cell.index("Each group reports") < cell.index("Parallel sessions") < cell.index(
        "Track 1"
    )
    [tracks] = [d for d in row.iter("div") if d.get("class") == "tracks"]
    assert len([s for s in tracks.iter("section")]) == 3
    # Word: two tracks a row, the third alone across the row below.
    cell = programme_cell(data["docx"], "09:00\u202f–\u202f10:00")
    [table] = cell.tables
    assert len(table.columns) == 2 and len(table.rows) == 2
    spans = table._tbl.xpath(".//w:tr[2]/w:tc/w:tcPr/w:gridSpan/@w:val")
    assert spans == ["2"]
    assert table.rows[1].cells[0].text.startswith("Room: Room Three\nTrack 3")
    assert cell.text.index("Each group reports") < cell.text.index("Parallel sessions")


def test_a_title_that_says_continuation_is_not_told_it_again(tmp_path: Path) -> None:
    """The organiser wrote "(suite)" in a continuing slot's and a session's titles: every
    format says it once (a trial read "Talleres paralelos (continuación) (continuación)")."""
    shutil.copytree(TUNIS.parent, tmp_path / "tunis")
    edited = tmp_path / "tunis" / "event.yaml"
    text = edited.read_text("utf-8")
    for old, new in (  # the last of each: the slot that continues, after the break
        ("title: {fr: Travaux de groupe,", "title: {fr: Travaux de groupe (suite),"),
        (f"fr: {GROUP_A}\n", f"fr: {GROUP_A} (Suite)\n"),
    ):
        assert text.count(old) == 2, old
        head, _, tail = text.rpartition(old)
        text = head + new + tail
    edited.write_text(text, "utf-8")
    event = confdocs.load_event(edited)
    [slot] = [
        s
        for d in confdocs.make_view(event).programme
        for s in d.slots
        if s.continuation and s.summary.startswith("Travaux")
    ]
    assert slot.heading_line.plain == "Travaux de groupe (suite)"
    outputs = build(event)
    md = outputs["md"].decode()
    ics = outputs["ics"].decode().replace("\r\n ", "")  # unfolded
    assert "Travaux de groupe (suite)" in md
    assert f"SUMMARY:Travaux de groupe (suite)\u00a0: {GROUP_A} (Suite)\r\n" in ics
    # The other track, whose own title does not say it: its slot's title does, once.
    assert f"SUMMARY:Travaux de groupe (suite)\u00a0: {GROUP_B}\r\n" in ics
    for text in (md, ics):
        assert "(suite) (suite)" not in text.casefold()


def test_a_session_held_online_is_placed_online_not_at_the_venue(tmp_path: Path) -> None:
    """`online: true`: the session's place is "Online" (its link), in every format, not the
    venue (a trial's online panel sent calendar users to the hotel); with a room, refused."""
    shutil.copytree(TUNIS.parent, tmp_path / "tunis")
    edited = tmp_path / "tunis" / "event.yaml"
    text = edited.read_text("utf-8")
    # The session after lunch, in Salle Carthage: moved online.
    anchor = "          continues: entraide"
    head, tail = text.split(anchor, 1)
    room = "          room: carthage\n"
    online = head + anchor + tail.replace(room, "          online: true\n", 1)
    edited.write_text(online, "utf-8")
    event = confdocs.load_event(edited)
    view = confdocs.make_view(event)
    [slot] = [s for d in view.programme for s in d.slots if s.place == "En ligne"]
    assert slot.continuation and slot.sessions[0].place == "En ligne"
    assert slot.sessions[0].room_line is not None
    assert slot.sessions[0].room_line.plain == "En ligne"
    outputs = build(event)
    ics = outputs["ics"].decode().replace("\r\n ", "")
    [entry] = [e for e in ics.split("BEGIN:VEVENT")[1:] if "l’entraide" in e and "suite" in e]
    assert "LOCATION:En ligne\r\n" in entry
    rooms = json.loads(outputs["schedule-json"])["schedule"]["conference"]["rooms"]
    assert "En ligne" in [room["name"] for room in rooms]
    # A slot of parallel sessions is not online itself: each session says it.
    groupes = "          continues: groupes\n"
    edited.write_text(text.replace(groupes, groupes + "          online: true\n", 1), "utf-8")
    with pytest.raises(confdocs.InputError, match="on each session held online"):
        confdocs.load_event(edited)
    # Online in a room is a contradiction: said at the room.
    both = head + anchor + tail.replace(room, room + "          online: true\n", 1)
    edited.write_text(both, "utf-8")
    with pytest.raises(confdocs.InputError, match=r"held online .* has no room"):
        confdocs.load_event(edited)


def test_a_session_held_elsewhere_is_placed_there_in_every_format(tmp_path: Path) -> None:
    """`place`: a dinner at a restaurant, a field visit. Its place stands where the room
    would, and calendars and schedules send people there, not to the hotel (a trial's field
    visit had nowhere to say it); with a room of the venue, or online, refused."""
    shutil.copytree(TUNIS.parent, tmp_path / "tunis")
    edited = tmp_path / "tunis" / "event.yaml"
    text = edited.read_text("utf-8")
    dinner = "title: {fr: Dîner offert par le Conseil de l’Europe, ar: عشاء يقيمه مجلس أوروبا}}"
    place = (
        "title: {fr: Dîner offert par le Conseil de l’Europe, ar: عشاء يقيمه مجلس أوروبا},\n"
        "           place: {name: {fr: Restaurant Dar El Jeld, ar: مطعم دار الجلد},\n"
        "                   address: 5-10 rue Dar El Jeld, city: {fr: Tunis, ar: تونس}}}"
    )
    assert text.count(dinner) == 1
    edited.write_text(text.replace(dinner, place), "utf-8")
    event = confdocs.load_event(edited)
    where = "Restaurant Dar El Jeld, 5-10 rue Dar El Jeld, Tunis"
    view = confdocs.make_view(event)
    [slot] = [s for d in view.programme for s in d.slots if s.place == where]
    assert slot.kind == "meal" and slot.sessions[0].room == "Restaurant Dar El Jeld"
    assert slot.sessions[0].room_line is not None
    assert slot.sessions[0].room_line.plain == f"Lieu\u00a0: {where}"
    arabic = confdocs.make_view(event, locale="ar")
    [slot] = [s for d in arabic.programme for s in d.slots if "مطعم" in s.place]
    assert slot.place == "مطعم دار الجلد، 5-10 rue Dar El Jeld، تونس"
    outputs = build(event)
    ics = outputs["ics"].decode().replace("\r\n ", "")
    [entry] = [e for e in ics.split("BEGIN:VEVENT")[1:] if "Dîner" in e]
    assert "LOCATION:Restaurant Dar El Jeld\\, 5-10 rue Dar El Jeld\\, Tunis\r\n" in entry
    schedule = json.loads(outputs["schedule-json"])
    rooms = schedule["schedule"]["conference"]["rooms"]
    assert "Restaurant Dar El Jeld" in [room["name"] for room in rooms]
    assert f"Lieu\u00a0: {where}" in outputs["md"].decode()

    # A slot's place is its sessions': the group work's sessions are in rooms of the hotel.
    groupes = "          title: {fr: Travaux de groupe, ar: أعمال المجموعات}\n          parallel:"
    elsewhere = groupes.replace("\n ", "\n          place: {name: Ailleurs}\n ", 1)
    edited.write_text(text.replace(groupes, elsewhere, 1), "utf-8")
    with pytest.raises(confdocs.InputError, match=r"held elsewhere \(place\) is in none of the"):
        confdocs.load_event(edited)
    online = place.replace("place: {", "online: true, place: {")
    edited.write_text(text.replace(dinner, online), "utf-8")
    with pytest.raises(confdocs.InputError, match=r"held online .* has no place") as refused:
        confdocs.load_event(edited)
    assert len(refused.value.problems) == 1
    # A slot's place that a parallel session held online would not be at: said once, at it.
    both = text.replace(groupes, elsewhere, 1)
    both = both.replace("            - room: hannibal\n              title:", "            - title:", 1)
    both = both.replace("            - room: didon\n", "            - online: true\n", 1)
    edited.write_text(both, "utf-8")
    with pytest.raises(confdocs.InputError) as refused:
        confdocs.load_event(edited)
    said = [p.message for p in refused.value.problems]
    assert sum("held online" in m for m in said) == 1, said
    assert refused.value.problems[0].location.path.endswith("slots[1].place"), said
