"""A contact group says who its people work for: the view composes its heading once (the
label, and the organisation the label does not name) and every format that lists contacts
shows it, the outline's and the letters'.

A Spanish trial's group (``{organisation: coe, label: Contenido del programa}``) showed the
label and the people, never the organisation; the Hague example names the organisation in
its labels ("At the Council of Europe:"), which must not say it twice.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import attrs
import docx
import pytest

import confdocs
from confdocs.model import Organisation
from confdocs.view import make_view
from tests.conftest import HAGUE, ROOT, pdf_page_texts

NOTED = ROOT / "tests" / "events" / "noted-titles" / "event.yaml"
HEADING = "Contenido del programa (Consejo de Europa)"


def headings(event: Any, locale: str | None = None) -> list[str]:
    view = make_view(event, locale) if locale else make_view(event)
    return [group.heading.plain for group in view.contacts]


def with_label(event: Any, label: str | None, organisation: Organisation | None = None) -> Any:
    group = attrs.evolve(event.contacts[0], label=label)
    changed = attrs.evolve(event, contacts=(group, *event.contacts[1:]))
    if organisation is not None:
        others = [o for o in event.organisations if o.id != organisation.id]
        changed = attrs.evolve(changed, organisations=(organisation, *others))
    return changed


@pytest.fixture(scope="module")
def noted() -> confdocs.model.Event:
    return confdocs.load_event(NOTED)


@pytest.fixture(scope="module")
def hague() -> confdocs.model.Event:
    return confdocs.load_event(HAGUE)


def test_the_heading_names_the_organisation_the_label_does_not(noted: Any) -> None:
    assert headings(noted) == [HEADING]
    [group] = make_view(noted).contacts
    assert (group.label, group.organisation) == ("Contenido del programa", "Consejo de Europa")
    assert [s.text for s in group.heading if s.role == "organisation"] == ["Consejo de Europa"]
    # Without a label, the organisation alone; a label ending with a colon keeps it last.
    assert headings(with_label(noted, None)) == ["Consejo de Europa"]
    assert headings(with_label(noted, "Inscripciones:")) == ["Inscripciones (Consejo de Europa):"]


def test_a_label_that_names_the_organisation_is_the_heading_alone(hague: Any, noted: Any) -> None:
    # By its name, in any case, or its short name, as words of their own.
    assert headings(hague) == ["At the Council of Europe:", "At EUROJUST:"]
    assert headings(with_label(noted, "En el CONSEJO DE EUROPA:")) == ["En el CONSEJO DE EUROPA:"]
    coe = Organisation(id="coe", name="Consejo de Europa", short_name="CdE")
    assert headings(with_label(noted, "En el CdE:", coe)) == ["En el CdE:"]
    # "CdE" is not named by "CdEx".
    assert headings(with_label(noted, "CdEx", coe)) == ["CdEx (Consejo de Europa)"]
    # A name with a bracketed part is named by either part, and bracketed as its short name.
    ism = Organisation(id="coe", name="Institut supérieur (المعهد الأعلى)", short_name="ISM")
    assert headings(with_label(noted, "À l’Institut supérieur :", ism)) == [
        "À l’Institut supérieur :"
    ]
    assert headings(with_label(noted, "Contenu :", ism)) == ["Contenu (ISM) :"]


def test_the_shipped_examples_say_each_organisation_once(hague: Any) -> None:
    assert headings(hague, "fr") == ["At the Council of Europe:", "At EUROJUST:"]
    tunis = confdocs.load_event(ROOT / "examples" / "tunis-2025" / "event.yaml")
    # The label names the Council of Europe, the group is its Cybercrime Programme Office.
    assert headings(tunis, "fr") == [
        "Au Conseil de l’Europe (C-PROC) :",
        "À l’Institut supérieur de la magistrature :",
    ]


def contacts_of(text: str, start: str, end: str | None = None) -> str:
    part = text.split(start, 1)[1]
    return part.split(end, 1)[0] if end else part


def test_every_outline_format_shows_the_heading(noted: Any) -> None:
    result = confdocs.build(noted, ["md", "html", "docx"])
    assert result.ok, result.failures
    data = {d.format: d.data for d in result.documents}
    assert f"### {HEADING}\n" in data["md"].decode()
    html = data["html"].decode()
    assert re.search(
        r'<h3 id="contacts-1" dir="auto">Contenido del programa '
        r'\(<span class="organisation">Consejo de Europa</span>\)</h3>',
        html,
    ), contacts_of(html, '<section id="contacts">')
    document = docx.Document(io.BytesIO(data["docx"]))
    groups = [p.text for p in document.paragraphs if p.style.name == "Contact Group"]
    assert groups == [HEADING]


def test_the_pdf_shows_the_heading(noted: Any, tmp_path: Path) -> None:
    [doc] = confdocs.build(noted, ["pdf"]).documents
    text = " ".join(pdf_page_texts(doc.data, tmp_path))
    assert HEADING in " ".join(contacts_of(text, "Contactos").split())


def test_the_hague_outline_and_letters_name_each_organisation_once(hague: Any) -> None:
    result = confdocs.build(hague, ["md", "docx", "letters"])
    assert result.ok, result.failures
    data = {d.format: d.data for d in result.documents}
    md = contacts_of(data["md"].decode(), "## Contacts\n", "[^")
    assert "### At the Council of Europe:\n" in md and "### At EUROJUST:\n" in md
    assert "(Council of Europe)" not in md and "(Eurojust)" not in md
    document = docx.Document(io.BytesIO(data["docx"]))
    groups = [p.text for p in document.paragraphs if p.style.name == "Contact Group"]
    assert groups == ["At the Council of Europe:", "At EUROJUST:"]
    letters = docx.Document(io.BytesIO(data["letters"]))
    texts = [p.text for p in letters.paragraphs]
    assert "At the Council of Europe:" in texts and "(Council of Europe)" not in " ".join(texts)


def test_letters_say_who_the_contacts_work_for(hague: Any, tmp_path: Path) -> None:
    event = with_label(hague, "Programme content:")
    heading = "Programme content (Council of Europe):"
    result = confdocs.build(event, ["letters", "letters-pdf"])
    assert result.ok, result.failures
    data = {d.format: d.data for d in result.documents}
    texts = [p.text for p in docx.Document(io.BytesIO(data["letters"])).paragraphs]
    assert texts.count(heading) == len(make_view(event).letters) > 1
    pages = pdf_page_texts(data["letters-pdf"], tmp_path)
    # Every letter lists the contacts (the other group's heading as it is written).
    listing = [" ".join(page.split()) for page in pages if "At EUROJUST:" in page]
    assert len(listing) == len(make_view(event).letters)
    assert all(heading in page for page in listing)


def test_a_changed_label_is_tracked_in_the_heading(noted: Any) -> None:
    # The label's words deleted and inserted, the organisation after them unchanged; Word's
    # loss check finds every piece of the heading.
    older = with_label(noted, "Programa")
    result = confdocs.build(noted, ["html", "docx"], previous=older)
    assert result.ok, result.failures
    data = {d.format: d.data for d in result.documents}
    assert (
        '<h3 id="contacts-1" dir="auto"><del>Programa</del><ins>Contenido del programa</ins> '
        '(<span class="organisation">Consejo de Europa</span>)</h3>'
    ) in data["html"].decode()
    document = docx.Document(io.BytesIO(data["docx"]))
    [group] = [p for p in document.paragraphs if p.style.name == "Contact Group"]
    xml = group._p.xml
    assert "<w:delText" in xml and "Programa</w:delText>" in xml
    assert "Contenido del programa</w:t>" in xml and "Consejo de Europa</w:t>" in xml
