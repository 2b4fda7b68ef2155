"""A Word document's package holds exactly the relationships its XML uses: a link or a logo is
related when a template shows it, by the part that shows it (a page header's link is the
header's), and none to an address no page shows (an internal build's mobile numbers in a
certificate, a contact's e-mail a letterhead leaves out)."""

from __future__ import annotations

import io
import posixpath
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

import confdocs
from tests.conftest import HAGUE

R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#: Relationships a value of the view makes: links and pictures.
MADE = ("/hyperlink", "/image")
REGISTRATIONS = HAGUE.parent / "registrations.csv"


def relationships(data: bytes) -> dict[str, list[tuple[str, str, str, bool]]]:
    """Each XML part's relationships of the kinds values make: (id, type, target, used), where
    ``used`` says whether an attribute of the part refers to it."""
    out: dict[str, list[tuple[str, str, str, bool]]] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = set(archive.namelist())
        for name in sorted(names):
            if not name.endswith(".rels") or name == "_rels/.rels":
                continue
            folder, rels = posixpath.split(name)
            part = posixpath.join(posixpath.dirname(folder), rels.removesuffix(".rels"))
            if part not in names:
                continue
            root = etree.fromstring(archive.read(part))
            referred = {
                value
                for element in root.iter()
                for key, value in element.attrib.items()
                if key.startswith(f"{{{R}}}")
            }
            out[part] = [
                (rel.get("Id"), rel.get("Type"), rel.get("Target"), rel.get("Id") in referred)
                for rel in etree.fromstring(archive.read(name))
                if rel.get("Type", "").endswith(MADE)
            ]
    return out


def unused(data: bytes) -> list[tuple[str, str]]:
    return [
        (part, target)
        for part, rels in relationships(data).items()
        for _id, _type, target, used in rels
        if not used
    ]


def targets(data: bytes) -> set[str]:
    return {target for rels in relationships(data).values() for _i, _t, target, _u in rels}


def template(path: Path, *paragraphs: str, header: str | None = None) -> Path:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph().add_run(text)
    if header is not None:
        document.sections[0].header.paragraphs[0].add_run(header)
    document.save(str(path))
    return path


@pytest.fixture(scope="module")
def hague() -> Any:
    return confdocs.load_event(HAGUE)


def build(event: Any, fmt: str, **options: Any) -> bytes:
    result = confdocs.build(event, [fmt], options)
    assert result.ok, result.failures
    (document,) = result.documents
    return document.data


def shown_links(data: bytes) -> list[str]:
    """The address of every hyperlink of the body and the page headers, as python-docx
    resolves its relationship from the part it sits in."""
    document = docx.Document(io.BytesIO(data))
    owners = [document.part, *(s.header.part for s in document.sections)]
    found = []
    for part in owners:
        for link in part.element.iter(f"{{{W}}}hyperlink"):
            rel = part.rels[link.get(f"{{{R}}}id")]  # a KeyError: a link to nothing
            assert rel.reltype == RT.HYPERLINK and rel.is_external
            found.append(rel.target_ref)
    return found


def test_a_template_leaving_out_the_contacts_relates_none_of_their_addresses(
    tmp_path: Path, hague: Any
) -> None:
    mine = template(tmp_path / "title.docx", "{{ title }}", "{{ dates }}")
    data = build(hague, "docx", template=str(mine), audience="internal")
    assert unused(data) == []
    assert not any(t.startswith(("mailto:", "tel:")) for t in targets(data)), targets(data)
    assert shown_links(data) == []


def test_the_links_a_template_shows_are_related_and_work(tmp_path: Path, hague: Any) -> None:
    mine = template(
        tmp_path / "contacts.docx",
        "{%p for group in contacts %}",
        "{%p for person in group.people %}",
        "{%p for line in person.contact_lines %}",
        "{{r line.runs }}",
        "{%p endfor %}",
        "{%p endfor %}",
        "{%p endfor %}",
    )
    data = build(hague, "docx", template=str(mine), audience="internal")
    assert unused(data) == []
    links = shown_links(data)
    assert "mailto:Manuel.PEREIRA@coe.int" in links
    assert any(link.startswith("tel:") for link in links)
    assert set(links) == targets(data)


def test_a_link_in_a_page_header_is_the_headers_relationship(tmp_path: Path, hague: Any) -> None:
    """docxtpl renders headers with the body's variables: a link made for the body pointed at
    a relationship of the body, which the header does not have."""
    mine = template(
        tmp_path / "header.docx",
        "{{ title }}",
        header="{{r contacts[0].people[0].contact_lines[-1].runs }}",
    )
    data = build(hague, "docx", template=str(mine), audience="internal")
    assert unused(data) == []
    assert shown_links(data) == ["mailto:Manuel.PEREIRA@coe.int"]
    assert list(relationships(data)["word/document.xml"]) == []


def test_the_outline_relates_what_it_shows(hague: Any) -> None:
    data = build(hague, "docx")
    assert unused(data) == []
    assert "mailto:Manuel.PEREIRA@coe.int" in shown_links(data)
    # the logos: a picture each, related by the body that shows them
    images = [r for r in relationships(data)["word/document.xml"] if r[1] == RT.IMAGE]
    assert images and all(used for *_rest, used in images)


@pytest.mark.parametrize("fmt", ["letters", "participant-list", "sign-in", "certificates"])
def test_the_recipients_word_documents_relate_only_what_they_show(hague: Any, fmt: str) -> None:
    """Their templates show few of the outline's values: an internal build made every
    contact's e-mail and phone links and every logo, shown or not."""
    registrations = confdocs.load_registrations(REGISTRATIONS)
    result = confdocs.build(hague, [fmt], {"audience": "internal"}, registrations=registrations)
    assert result.ok, result.failures
    data = result.documents[0].data
    assert unused(data) == []
    assert set(shown_links(data)) == {t for t in targets(data) if ":" in t}


def test_a_link_the_template_itself_holds_goes_with_the_paragraph_left_out(
    tmp_path: Path, hague: Any
) -> None:
    """A template may show its own link only in internal builds: a public build must not keep
    the address in the package."""
    path = tmp_path / "own-link.docx"
    document = docx.Document()
    document.add_paragraph().add_run("{{ title }}")
    document.add_paragraph().add_run("{%p if audience == 'internal' %}")
    paragraph = document.add_paragraph()
    rid = document.part.relate_to("https://intranet.example/rota", RT.HYPERLINK, is_external=True)
    link = etree.SubElement(paragraph._p, f"{{{W}}}hyperlink", {f"{{{R}}}id": rid})
    run = etree.SubElement(link, f"{{{W}}}r")
    etree.SubElement(run, f"{{{W}}}t").text = "the rota"
    document.add_paragraph().add_run("{%p endif %}")
    document.save(str(path))

    internal = build(hague, "docx", template=str(path), audience="internal")
    assert shown_links(internal) == ["https://intranet.example/rota"]
    assert unused(internal) == []
    public = build(hague, "docx", template=str(path), audience="public")
    assert shown_links(public) == []
    assert "https://intranet.example/rota" not in targets(public)
    with zipfile.ZipFile(io.BytesIO(public)) as archive:
        assert not [n for n in archive.namelist() if b"intranet.example" in archive.read(n)]


def test_logos_a_template_does_not_show_are_not_in_the_package(tmp_path: Path, hague: Any) -> None:
    mine = template(tmp_path / "no-logos.docx", "{{ title }}")
    data = build(hague, "docx", template=str(mine))
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert not [n for n in names if n.startswith("word/media/")], names
