"""Footnote references in plain text: a calendar, a schedule or a change list has no notes to
point to, so a title's reference is left out there ("Budapest en la región", never
"Budapest1 en la región"); the formats that show notes still raise it.

The event is a Spanish trial's outline (tests/events/noted-titles): a slot title with a note
in the middle, one with a note at its end, a contribution title with a spaced one.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import icalendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

import confdocs
from confdocs.view.richtext import parse
from tests.conftest import ROOT

NOTED = ROOT / "tests" / "events" / "noted-titles" / "event.yaml"
SCHEMAS = Path("/work/shared/schemas/c3voc-schedule")
if not SCHEMAS.exists():  # a checkout beside the shared folder
    SCHEMAS = ROOT.parent / "shared" / "schemas" / "c3voc-schedule"

TITLE = "Sesión 1: el Convenio de Budapest en la región"
#: A word with a digit glued to it: what a reference left in plain text looks like.
GLUED = re.compile(r"[^\W\d_]\d")


@pytest.fixture(scope="module")
def event() -> confdocs.model.Event:
    return confdocs.load_event(NOTED)


def built(event: Any, formats: list[str], **kwargs: Any) -> dict[str, bytes]:
    result = confdocs.build(event, formats, **kwargs)
    assert result.ok, result.failures
    return {d.format: d.data for d in result.documents}


def test_the_calendar_leaves_references_out(event: Any) -> None:
    calendar = icalendar.Calendar.from_ical(built(event, ["ics"])["ics"])
    summaries = [str(e["summary"]) for e in calendar.walk("VEVENT")]
    assert summaries == [TITLE, "Participación a distancia"]
    descriptions = " ".join(str(e.get("description", "")) for e in calendar.walk("VEVENT"))
    # The space before a reference goes with it: no "distancia  –".
    assert "Una ponencia a distancia – María Fernández" in descriptions
    assert not GLUED.search(" ".join(summaries) + descriptions)


def test_the_schedules_leave_references_out_and_stay_valid(event: Any) -> None:
    import jsonschema
    import xmlschema

    if not SCHEMAS.exists():
        pytest.skip("the C3VOC schemas are not available")
    data = built(event, ["schedule-json", "schedule-xml"])
    doc = json.loads(data["schedule-json"])
    days = doc["schedule"]["conference"]["days"]
    talks = [t for day in days for room in day["rooms"].values() for t in room]
    assert [t["title"] for t in talks] == [TITLE, "Participación a distancia"]
    assert not any(GLUED.search(t["title"] + t["description"]) for t in talks)
    schema = json.loads((SCHEMAS / "schema.json").read_text())
    validator = jsonschema.Draft6Validator(
        schema, format_checker=jsonschema.Draft6Validator.FORMAT_CHECKER
    )
    assert not [e.message for e in validator.iter_errors(doc)]
    xml = data["schedule-xml"].decode("utf-8")
    assert f"<title>{TITLE}</title>" in xml and "Budapest1" not in xml
    xsd = xmlschema.XMLSchema(str(SCHEMAS / "schedule.xml.xsd"))
    assert not [str(e) for e in xsd.iter_errors(xml)][:3]


def test_formats_that_show_notes_still_raise_the_references(event: Any) -> None:
    import docx

    data = built(event, ["html", "md", "docx"])
    html = data["html"].decode()
    assert 'Budapest<sup class="fnref"><a href="#fn1"' in html
    assert "<title>Taller regional sobre cooperación internacional</title>" in html
    assert "Budapest[^1] en la región" in data["md"].decode()
    # Word: a footnote reference in the title's paragraph, and the loss check passed (the
    # build is ok), though the plain title it records has no number.
    document = docx.Document(io.BytesIO(data["docx"]))
    assert document.core_properties.title == "Taller regional sobre cooperación internacional"
    body = document.element.body.xml
    # Two notes, each a footnote where first referenced; the repeat is its number, raised.
    assert body.count("<w:footnoteReference ") == 2
    repeat = body[body.index("Participación a distancia</w:t>") :]
    assert "FootnoteReference" in repeat[: repeat.index("</w:p>")]


def version_two(tmp_path: Path, old: str, new: str) -> Path:
    text = NOTED.read_text()
    assert old in text
    path = tmp_path / "event.yaml"
    path.write_text(text.replace(old, new))
    return path


def test_the_change_list_leaves_references_out(tmp_path: Path, event: Any) -> None:
    from tests.test_versions import run

    moved = version_two(
        tmp_path, "start: 10:00\n          end: 11:00", "start: 10:15\n          end: 11:00"
    )
    result = run("diff", str(NOTED), str(moved))
    assert result.exit_code == 1, result.output
    assert "Participación a distancia: cambio de horario, 10:00–11:00 → 10:15–11:00" in result.stdout
    assert not GLUED.search(result.stdout.replace(str(moved), "").replace(str(NOTED), ""))
    # The list of changes at the top of the outline (Markdown's preamble, HTML's aside).
    data = built(confdocs.load_event(moved), ["md", "html"], previous=event)
    preamble = data["md"].decode().split("\n---\n", 1)[0]
    aside = data["html"].decode().split('<aside class="changes"', 1)[1].split("</aside>")[0]
    for listed in (preamble, re.sub(r"<[^>]+>", "", aside)):
        assert "Participación a distancia: cambio de horario" in listed, listed
        assert not GLUED.search(listed), listed


def test_a_reference_added_to_a_title_is_still_a_change(tmp_path: Path, event: Any) -> None:
    # The plain title reads the same; the tracked document still marks the new reference.
    older = version_two(
        tmp_path, "title: Participación a distancia[^remota]", "title: Participación a distancia"
    )
    data = built(event, ["html"], previous=confdocs.load_event(older))
    html = data["html"].decode()
    assert re.search(r"distancia<ins[^>]*><sup class=\"fnref\">", html), html


WORDS = st.lists(st.from_regex(r"[a-zA-Záéíóúñ]{1,8}", fullmatch=True), min_size=1, max_size=6)


@given(WORDS, st.data())
def test_no_reference_is_glued_to_a_word_in_plain_text(words: list[str], data: Any) -> None:
    # Each word may carry a reference, glued ("Budapest[^a]") or spaced ("Budapest [^a]").
    pieces = []
    for word in words:
        after = data.draw(st.sampled_from(["", "[^a]", " [^b]", "[^a][^b]"]))
        pieces.append(word + after)
    source = " ".join(pieces)
    numbers = {"a": 1, "b": 12}
    text = parse(source, numbers.__getitem__)
    assert text.plain == " ".join(words)
    assert not GLUED.search(text.plain)
    # Where references are, the rich text still holds them, numbered.
    assert len(text.notes) == source.count("[^")
