"""The view is the document: every format says each line the view composed, word for word.

Each contribution line and each discussion line of the view must read the same, in the same
order, in md, html, docx, ics, schedule-json and schedule-xml (markup aside), for the Hague
example, an event with parallel rooms of our own (tests/events/parallel-rooms) and the shipped
parallel-tracks example (examples/tunis-2025).
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import attrs
import pytest

import confdocs
from tests.conftest import HAGUE, ROOT

PARALLEL = ROOT / "tests" / "events" / "parallel-rooms" / "event.yaml"
#: The shipped example with parallel tracks, in French.
TUNIS = ROOT / "examples" / "tunis-2025" / "event.yaml"
FORMATS = ("md", "html", "docx", "ics", "schedule-json", "schedule-xml")
#: Formats that write the whole programme in document order in one text.
DOCUMENTS = ("md", "html", "docx")


def flat(text: str) -> str:
    """Words only: white space folded (table cells and folded lines break text anywhere)."""
    return " ".join(text.split())


def markdown_text(data: bytes) -> str:
    import html5lib
    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark").enable("table").render(data.decode("utf-8"))
    tree = html5lib.parse(html, namespaceHTMLElements=False)
    return "".join(tree.itertext())


def html_text(data: bytes) -> str:
    import html5lib

    tree = html5lib.parse(data, namespaceHTMLElements=False)
    for style in tree.iter("style"):
        style.text = ""
    return "".join(tree.itertext())


def docx_text(data: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]

    def read(tables: Any) -> None:
        # Cells in document order, and the tables nested in them (parallel sessions).
        for table in tables:
            for row in table.rows:
                for cell in row.cells:
                    texts.extend(p.text for p in cell.paragraphs)
                    read(cell.tables)

    read(document.tables)
    return " ".join(texts)


def ics_text(data: bytes) -> str:
    import icalendar

    calendar = icalendar.Calendar.from_ical(data)
    return " ".join(
        f"{event.get('summary')} {event.get('description', '')}"
        for event in calendar.walk("VEVENT")
    )


def schedule_json_text(data: bytes) -> str:
    document = json.loads(data)
    return " ".join(
        f"{talk['title']} {talk['description']}"
        for day in document["schedule"]["conference"]["days"]
        for talks in day["rooms"].values()
        for talk in talks
    )


def schedule_xml_text(data: bytes) -> str:
    root = ElementTree.fromstring(data)
    return " ".join(
        f"{event.findtext('title')} {event.findtext('description')}" for event in root.iter("event")
    )


READERS = {
    "md": markdown_text,
    "html": html_text,
    "docx": docx_text,
    "ics": ics_text,
    "schedule-json": schedule_json_text,
    "schedule-xml": schedule_xml_text,
}


@pytest.fixture(
    scope="module", params=[HAGUE, PARALLEL, TUNIS], ids=["hague", "parallel-rooms", "tunis"]
)
def built(request: pytest.FixtureRequest) -> tuple[confdocs.View, dict[str, str]]:
    event = confdocs.load_event(request.param)
    host = confdocs.get_plugin_manager(load_entrypoints=True)
    result = confdocs.build(event, list(FORMATS), plugins=host)
    assert not result.failures, result.failures
    texts = {doc.format: flat(READERS[doc.format](doc.data)) for doc in result.documents}
    return confdocs.prepare_view(event, plugins=host), texts


def lines_of(view: confdocs.View) -> list[str]:
    """Every contribution and discussion line of the view, in reading order."""
    out = []
    for day in view.programme:
        for slot in day.slots:
            for session in slot.sessions:
                out += [item.line.plain for item in session.contributions]
                if session.discussion is not None:
                    out.append(session.discussion.line.plain)
    return [flat(x) for x in out if x.strip()]


def test_the_events_have_lines_to_compare(built: tuple[confdocs.View, dict[str, str]]) -> None:
    view, _ = built
    assert len(lines_of(view)) >= 10


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_line_reads_the_same_in_every_format(
    built: tuple[confdocs.View, dict[str, str]], fmt: str
) -> None:
    view, texts = built
    text = texts[fmt]
    missing = [line for line in lines_of(view) if line not in text]
    assert not missing, f"{fmt} does not say: {missing[:3]}"


@pytest.mark.parametrize("fmt", DOCUMENTS)
def test_the_documents_say_the_lines_in_the_views_order(
    built: tuple[confdocs.View, dict[str, str]], fmt: str
) -> None:
    view, texts = built
    text, position = texts[fmt], 0
    for line in lines_of(view):
        found = text.find(line, position)
        assert found >= 0, f"{fmt}: {line!r} is not after the line before it"
        position = found + 1


def test_contributions_name_their_people_by_reference(hague_event: Any) -> None:
    view = confdocs.make_view(hague_event)
    [overview] = [s for d in view.programme for s in d.slots if s.start == "10h30"]
    [item] = overview.sessions[0].contributions
    assert [p.id for p in item.people] == ["vlahovic", "aghroum"]
    assert [p.organisation for p in item.people] == ["Council of Europe"] * 2
    assert item.speaker.plain == "Rajka VLAHOVIC and Christian AGHROUM, Council of Europe"
    assert [span.role for span in item.speaker][:3] == ["person", "separator", "person"]
    [panel] = [s for d in view.programme for s in d.slots if s.start == "09h30"]
    delegation = panel.sessions[0].contributions[0].delegation
    assert delegation is not None
    assert (delegation.code, delegation.name, delegation.delegation) == (
        "AR",
        "Argentina",
        "Delegation of Argentina",
    )


def test_times_carry_their_zone(hague_event: Any) -> None:
    view = confdocs.make_view(hague_event)
    [opening] = [s for d in view.programme for s in d.slots if s.start == "09h00"][:1]
    assert opening.starts_at is not None and opening.ends_at is not None
    assert opening.starts_at.isoformat() == "2019-09-30T09:00:00+02:00"
    assert opening.ends_at.isoformat() == "2019-09-30T09:30:00+02:00"
    assert view.timezone == "Europe/Amsterdam"


def test_the_timeline_is_the_views_and_the_validators(hague_event: Any) -> None:
    laid_out = confdocs.timeline(hague_event)
    view = confdocs.make_view(hague_event)
    for day, times in zip(view.programme, laid_out.days, strict=True):
        for slot, timed in zip(day.slots, times.slots, strict=True):
            assert (slot.start_time, slot.end_time) == (timed.start_time, timed.end_time)


def test_parallel_sessions_have_their_rooms_and_moderators() -> None:
    view = confdocs.make_view(confdocs.load_event(PARALLEL))
    [breakouts] = [s for d in view.programme for s in d.slots if s.id == "breakouts"]
    assert [s.room for s in breakouts.sessions] == ["Salle Gorée", "Salle Saloum"]
    lines = [s.room_line.plain for s in breakouts.sessions if s.room_line]
    assert lines == ["Room: Salle Gorée", "Room: Salle Saloum"]
    second = breakouts.sessions[1]
    assert [(m.id, m.kind) for m in second.moderators] == [
        ("novak", "person"),
        ("unodc", "organisation"),
    ]
    assert second.moderators_line is not None
    assert second.moderators_line.plain == "Moderators: Petr NOVÁK and UNODC"
    assert breakouts.place == "Salle Gorée, Salle Saloum, Hôtel Terrou-Bi, Boulevard Martin Luther King, Dakar"


def test_display_name_is_one_public_rule() -> None:
    from confdocs.model import Person

    person = Person(id="w", given_name="Rolf", family_name="Wegberg", particle="van")
    assert confdocs.display_name(person, "upper") == "Rolf van WEGBERG"
    assert confdocs.display_name(person) == "Rolf van Wegberg"


def test_json_is_made_from_the_same_audience_filter(hague_event: Any) -> None:
    public = confdocs.for_audience(hague_event, "public")
    result = confdocs.build(hague_event, ["json"], {"audience": "public"})
    written = json.loads(result.documents[0].data)
    assert written == json.loads(confdocs.dump_event(public, "json"))
    assert confdocs.make_view(hague_event, audience="public").file_form() == written


def test_the_schedule_lists_rooms_per_session_from_the_view() -> None:
    result = confdocs.build(confdocs.load_event(PARALLEL), ["schedule-json"])
    document = json.loads(result.documents[0].data)
    rooms = {name for day in document["schedule"]["conference"]["days"] for name in day["rooms"]}
    assert {"Salle Gorée", "Salle Saloum"} <= rooms


def test_no_plugin_file_reads_the_raw_model_through_the_view() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "plugins").rglob("*.py")
        if re.search(r"\bview\.event\b", path.read_text("utf-8"))
    ]
    assert not offenders
    assert "event" not in {f.name for f in __import__("attrs").fields(confdocs.View)}


def test_a_user_template_can_show_each_line(tmp_path: Path) -> None:
    template = tmp_path / "lines.md.j2"
    template.write_text(
        "{% for day in programme %}{% for slot in day.slots %}{% for s in slot.sessions %}"
        "{% for c in s.contributions %}{{ c.line|line }}\n{% endfor %}{% endfor %}{% endfor %}"
        "{% endfor %}",
        "utf-8",
    )
    event = confdocs.load_event(PARALLEL)
    [doc] = confdocs.build(event, ["md"], {"template": str(template)}).documents
    assert "- " not in doc.data.decode()  # the template decides the markup, the view the words
    assert "Requests to service providers – Lucía de ORTIZ (25\u00a0mins)" in doc.data.decode()


# -- a delegation's composition -----------------------------------------------------------------

#: A small workshop in Spanish whose delegations are said by their roles alone (no
#: ``participants.composition`` text), as docs/event-files.md writes one.
WORKSHOP = """\
id: taller-lima
title: Taller sobre pruebas electrónicas
kind: workshop
start: 2025-03-10
end: 2025-03-11
settings: {locale: es, timezone: America/Lima}
participants:
  intro: "Se invitará a {seats_per_country} representantes de los siguientes {countries} países:"
  groups:
    - {id: glacy, project: GLACY-e, countries: [PE, CL, CO], seats_per_country: 2}
  roles:
    - {id: prosecutor, label: fiscal especializado, per_delegation: 1}
    - {id: police, label: oficial de policía, per_delegation: 1}
    - {id: observer, label: observador, per_delegation: 0}
venue: {name: Hotel Central, city: Lima, country: PE}
programme:
  days:
    - date: 2025-03-10
      slots:
        - {start: "09:00", end: "10:00", title: Apertura}
"""
#: The formats that lay out the participants part, and how to read what each shows.
OUTLINES = ("md", "html", "docx", "pdf")


def pdf_text(data: bytes) -> str:
    import subprocess
    import tempfile

    from tests.conftest import require_tool

    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "outline.pdf"
        source.write_bytes(data)
        done = subprocess.run(
            [require_tool("pdftotext"), str(source), "-"],
            capture_output=True,
            text=True,
            check=True,
        )
    return done.stdout


def outline_texts(event: Any) -> tuple[confdocs.View, dict[str, str]]:
    host = confdocs.get_plugin_manager(load_entrypoints=True)
    result = confdocs.build(event, list(OUTLINES), plugins=host)
    assert not result.failures, result.failures
    readers = {**READERS, "pdf": pdf_text}
    texts = {doc.format: flat(readers[doc.format](doc.data)) for doc in result.documents}
    return confdocs.prepare_view(event, plugins=host), texts


@pytest.fixture(scope="module")
def workshop(tmp_path_factory: pytest.TempPathFactory) -> Any:
    path = tmp_path_factory.mktemp("workshop") / "event.yaml"
    path.write_text(WORKSHOP, encoding="utf-8")
    return confdocs.load_event(path)


@pytest.mark.parametrize("given", [False, True], ids=["roles-only", "composition-given"])
def test_every_format_shows_the_same_composition(
    workshop: Any, hague_event: Any, given: bool
) -> None:
    """Without a ``composition`` text every format lists the roles that have seats, as the
    view composed their lines (Word showed none), after the line the view puts before them
    (else they read as more of the groups' list); with one, every format shows that text
    and none lists the roles in its stead."""
    event = hague_event if given else workshop
    view, texts = outline_texts(event)
    part = view.participants
    roles = [flat(r.line.plain) for r in part.roles if r.per_delegation]
    assert roles, "the event has roles with seats"
    assert part.composition is not None
    if given:
        said = [flat(part.composition.plain)]
        assert not part.composition_lines
    else:
        assert part.composition.plain == "Cada delegación debería estar compuesta por:"
        said = [flat(part.composition.plain), *roles]
        assert roles == ["1 × fiscal especializado", "1 × oficial de policía"]
    for fmt, text in texts.items():
        position = 0
        for expected in said:
            found = text.find(expected, position)
            assert found >= 0, f"{fmt} does not say {expected!r}"
            position = found + len(expected)
        if given:
            shown = [role for role in roles if role in text]
            assert not shown, f"{fmt} lists the roles beside the composition: {shown}"
    if not given:
        assert "observador" not in " ".join(texts.values()), "a role without seats is listed"


def test_the_composition_lines_are_the_views_choice(hague_event: Any) -> None:
    """``composition_lines`` are the roles' when the event gives no ``composition`` text."""
    import attrs

    event = attrs.evolve(
        hague_event, participants=attrs.evolve(hague_event.participants, composition=None)
    )
    part = confdocs.make_view(event).participants
    assert part.composition is not None
    assert part.composition.plain == "Each delegation should be composed of:"
    assert [x.plain for x in part.composition_lines] == [
        r.line.plain for r in part.roles if r.per_delegation
    ]
    _, texts = outline_texts(event)
    for fmt, text in texts.items():
        for expected in part.composition_lines:
            assert flat(expected.plain) in text, f"{fmt} does not say {expected.plain!r}"


def test_two_notes_side_by_side_are_told_apart_in_every_format(workshop: Any) -> None:
    """A host country with a note of its own and a composition of its own has two footnote
    references: the language's separator stands between them (³,⁴, not ³⁴, which reads as
    note 34), in the view and so in every format."""
    import attrs

    from confdocs.model import CountryRule, Note

    host = CountryRule("PE", seats=4, note="host", composition={"prosecutor": 2, "police": 2})
    groups = (attrs.evolve(workshop.participants.groups[0], exceptions=(host,)),)
    event = attrs.evolve(
        workshop,
        participants=attrs.evolve(workshop.participants, groups=groups),
        notes=(Note("host", "Perú acoge el taller."),),
    )
    view, texts = outline_texts(event)
    [group] = view.participants.groups
    roles = [span.role for span in group.line]
    at = roles.index("note-ref")
    assert roles[at : at + 3] == ["note-ref", "note-separator", "note-ref"]
    assert group.line.spans[at + 1].text == ","
    for fmt, text in texts.items():
        # Word's references are elements, not text: its text shows the separator alone.
        expected = {"md": "Perú[^1],[^2],", "docx": "Perú,,"}.get(fmt, "Perú1,2,")
        assert expected in text.replace(" ", ""), fmt


def test_roles_a_group_has_too_few_seats_for_are_to_choose_among(workshop: Any) -> None:
    """A group that gives a country fewer seats than the roles make up has its participants
    chosen among the roles (as its letters say), not a delegation of each."""
    import attrs

    groups = workshop.participants.groups
    short = (attrs.evolve(groups[0], seats_per_country=1), *groups[1:])
    event = attrs.evolve(workshop, participants=attrs.evolve(workshop.participants, groups=short))
    part = confdocs.make_view(event).participants
    assert part.composition is not None
    assert part.composition.plain == "Los participantes deberían elegirse entre:"
    assert len(part.composition_lines) == 2


@pytest.mark.parametrize("locale", ["en", "fr+en"])
def test_a_part_with_nothing_to_say_is_left_out_in_every_format(
    tmp_path: Path, locale: str
) -> None:
    """A draft with only a title and dates: no "Location …" or "Programme" heading with
    nothing under it, in any format; a venue brings the location back."""
    path = tmp_path / "event.yaml"
    path.write_text(
        "id: draft\ntitle: Regional workshop on cybercrime legislation\n"
        "start: 2027-03-10\nend: 2027-03-11\n",
        encoding="utf-8",
    )
    event = confdocs.load_event(path)
    view = confdocs.make_view(event)
    assert not view.location.shown and not view.programme
    headings = [view.labels["location"], view.labels["programme"]]
    host = confdocs.get_plugin_manager(load_entrypoints=True)
    result = confdocs.build(event, list(OUTLINES), {"locale": locale}, plugins=host)
    assert not result.failures, result.failures
    readers = {**READERS, "pdf": pdf_text}
    for doc in result.documents:
        text = flat(readers[doc.format](doc.data))
        assert "Regional workshop on cybercrime legislation" in text, doc.format
        assert not [h for h in headings if h in text], f"{doc.format}: {text[:300]}"
    with_venue = attrs.evolve(event, venue=attrs.evolve(event.venue, name="Palais de l'Europe"))
    assert confdocs.make_view(with_venue).location.shown
    _, texts = outline_texts(with_venue)
    assert all(view.labels["location"] in text for text in texts.values()), texts.keys()
