"""The Word outline: built through the CLI, opened by python-docx, converted by LibreOffice, and
holding every part of the seed outline, with real footnotes; hostile values come out literally;
user templates work and their mistakes are named."""

from __future__ import annotations

import io
import os
import re
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import attrs
import docx
import pytest
from confdocs_docx import DocxExporter
from confdocs_docx.checks import document_text, normalise
from confdocs_docx.wordml import clean
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

import confdocs
from confdocs.view import (
    ContactGroupView,
    ContactView,
    HeaderView,
    SectionView,
    line,
    make_view,
)
from confdocs.view.richtext import escape_markdown, parse
from tests import conftest, seed_parts
from tests.conftest import HAGUE, MINIMAL, ROOT, confdocs_cli, require_tool
from tests.seed_parts import COUNTRIES

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
TEMPLATE = ROOT / "plugins" / "confdocs_docx" / "templates" / "outline.docx"
BILINGUAL = TEMPLATE.with_name("bilingual.docx")
SCRIPT = ROOT / "scripts" / "make_docx_template.py"

#: What a reader of the seed outline finds in it, word for word: the parts every format
#: shows, and what the Word layout adds.
SEED_TEXTS = [
    *seed_parts.SEED_TEXTS,
    "OUTLINE",
    "with currently 64 Parties and 8 Observer States",
    "Each participating country should designate one specialized prosecutor",
    "Location and other arrangements",
    "premises in The Hague, The Netherlands at Johan de Wittlaan 9, 2517JR The Hague",
    "Programme",
    "Panel:",
    "A separate agenda for these eventual meetings should be prepared by Eurojust",
    "Contacts",
    "At the Council of Europe:",
    "At EUROJUST:",
]


FOOTNOTES = [
    "Armenia, Azerbaijan and Ukraine should only appoint one participant per country under "
    "CyberEast",
    "This designation is without prejudice to positions on status and is in line with UNSC "
    "Resolution 1244/1999 and the International Court of Justice Opinion on the Kosovo "
    "Declaration of Independence.",
    "The priority countries of EndOCSEA@Europe project should appoint only one participant "
    "per country",
]

TIMES = [
    "09h00",
    "09h30",
    "10h40",
    "11h00",
    "11h15",
    "11h45",
    "12h15",
    "12h45",
    "13h00",
    "14h15",
    "15h15",
    "15h45",
    "16h00",
    "16h30",
    "17h00",
    "17h30",
    "09h20",
    "10h15",
    "10h30",
    "12h30",
]

CONTACTS = [
    ("Manuel DE ALMEIDA PEREIRA", "+40 21 201 78 32", None, "Manuel.PEREIRA@coe.int"),
    ("Elvio SALOMON", "+40 21 201 78 41", None, "Elvio.Salomon@coe.int"),
    ("Sinziana HANGANU", "+40 21 201 78 87", None, "Sinziana.HANGANU@coe.int"),
    ("Daniela BURUIANA", "+31-70 412 5360", "+31 6 119 57 605", "dburuiana@eurojust.europa.eu"),
    ("Peter GOUWY", "+31-70 412 5621", "+31 6 479 34 828", "pgouwy@eurojust.europa.eu"),
]


def flat(text: str) -> str:
    """Text with whitespace collapsed and the bullet glyphs of PDF text removed."""
    return normalise(re.sub("[\ue000-\uf8ff•]", " ", text))


def pdf_flat(text: str) -> str:
    """Like :func:`flat`, without hyphens: pdftotext joins words hyphenated across lines."""
    return normalise(flat(text).replace("-", ""))


def run_confdocs(*args: str, home: Path | None = None) -> subprocess.CompletedProcess[str]:
    return confdocs_cli(*args, env={"HOME": str(home)} if home else None)


def load_script() -> Any:
    return conftest.load_script(SCRIPT)


def xml_parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def render(view: Any, **options: Any) -> bytes:
    return DocxExporter().render(view, options)  # type: ignore[arg-type]


# -- the default template ----------------------------------------------------------------------


@pytest.mark.parametrize("template", [TEMPLATE, BILINGUAL], ids=["outline", "bilingual"])
def test_shipped_template_is_what_the_script_makes(tmp_path: Path, template: Path) -> None:
    script = load_script()
    targets = [tmp_path / "outline.docx", tmp_path / "bilingual.docx"]
    assert script.main(["make_docx_template.py", *map(str, targets)]) == 0
    target = tmp_path / template.name
    made, shipped = xml_parts(target.read_bytes()), xml_parts(template.read_bytes())
    assert sorted(made) == sorted(shipped)
    for name in made:
        assert made[name] == shipped[name], (
            f"{name} differs: run python scripts/make_docx_template.py"
        )
    # Deterministic: the same bytes, zip and all.
    assert target.read_bytes() == template.read_bytes()


def test_every_jinja_tag_of_the_template_sits_in_one_run() -> None:
    tag = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}")
    seen = 0
    for name, data in xml_parts(TEMPLATE.read_bytes()).items():
        if not re.fullmatch(r"word/(document|header\d+|footer\d+|footnotes)\.xml", name):
            continue
        root = etree.fromstring(data)
        for paragraph in root.iter(f"{{{W}}}p"):
            runs = [
                "".join(r.xpath(".//w:t/text()", namespaces=NS))
                for r in paragraph.iter(f"{{{W}}}r")
            ]
            for found in tag.findall("".join(runs)):
                seen += 1
                assert any(found in text for text in runs), f"{name}: {found} is split across runs"
    assert seen > 40


WORD_TEMPLATES = sorted(
    [TEMPLATE, BILINGUAL, *(ROOT / "plugins" / "confdocs_recipients" / "templates").glob("*.docx")]
)


@pytest.mark.parametrize("template", WORD_TEMPLATES, ids=[t.stem for t in WORD_TEMPLATES])
def test_templates_carry_no_table_style_nothing_uses_and_no_second_copy_of_the_styles(
    template: Path,
) -> None:
    """Every render parses, copies, writes and compresses each part of the template: python-
    docx's 99 unused table styles and Word 2010's stylesWithEffects.xml were most of it."""
    parts = xml_parts(template.read_bytes())
    assert "word/stylesWithEffects.xml" not in parts
    assert b"stylesWithEffects" not in parts["word/_rels/document.xml.rels"]
    assert len(parts["word/styles.xml"]) < 60_000
    styles = etree.fromstring(parts["word/styles.xml"])
    referred = {"BilingualTable"}
    for name, data in parts.items():
        if name.endswith(".xml") and name != "word/styles.xml":
            root = etree.fromstring(data)
            referred |= {t.get(f"{{{W}}}val") for t in root.iter(f"{{{W}}}tblStyle")}
    for style in styles.findall("w:style[@w:type='table']", NS):
        ident = style.get(f"{{{W}}}styleId")
        based = {s.get(f"{{{W}}}val") for s in styles.findall("w:style/w:basedOn", NS)}
        assert ident in referred | based or style.get(f"{{{W}}}default") == "1", ident


def test_template_is_a4_with_a_repeating_programme_header_and_fixed_widths() -> None:
    document = docx.Document(str(TEMPLATE))
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    names = {style.name for style in document.styles}
    assert {"Title", "Heading 1", "List Bullet", "Programme Table", "Footnote Text"} <= names
    body = document.element.body
    programme = [
        t for t in body.iter(f"{{{W}}}tbl") if "{{ labels.time }}" in "".join(t.itertext())
    ]
    assert len(programme) == 1
    table = programme[0]
    assert table.find("w:tblPr/w:tblLayout", NS).get(f"{{{W}}}type") == "fixed"
    grid = [int(c.get(f"{{{W}}}w")) for c in table.findall("w:tblGrid/w:gridCol", NS)]
    assert len(grid) == 2 and grid[0] < grid[1]
    assert table.findall(".//w:tcW", NS)
    assert len(table.findall("w:tr/w:trPr/w:tblHeader", NS)) == 2


# -- the Hague outline through the CLI and LibreOffice -------------------------------------------


@pytest.fixture(scope="module")
def hague_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("docx")
    result = run_confdocs("build", str(HAGUE), "-f", "docx", "-o", str(out))
    assert result.returncode == 0, result.stderr
    path = out / "hague-2019.docx"
    assert path.is_file()
    return path


@pytest.fixture(scope="module")
def hague_pdf(hague_docx: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    soffice = require_tool("soffice")
    home = tmp_path_factory.mktemp("home")
    out = hague_docx.parent
    result = subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(out), str(hague_docx)],
        capture_output=True,
        text=True,
        env={**os.environ, "HOME": str(home)},
        timeout=240,
    )
    pdf = out / "hague-2019.pdf"
    assert pdf.is_file(), result.stdout + result.stderr
    return pdf


@pytest.fixture(scope="module")
def pdf_text(hague_pdf: Path) -> str:
    pdftotext = require_tool("pdftotext")
    return subprocess.run(
        [pdftotext, str(hague_pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_builds_are_reproducible(hague_event: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every part is dated by the event (its version date), not by the clock: the same event
    makes the same bytes on another day; SOURCE_DATE_EPOCH dates them otherwise."""
    import time

    first = render(make_view(hague_event))
    time.sleep(2.1)  # a zip stores times to two seconds
    assert render(make_view(hague_event)) == first
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2019, 9, 29, 0, 0, 0)}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # read by a build, as the view's
    with zipfile.ZipFile(io.BytesIO(render(confdocs.prepare_view(hague_event)))) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2023, 11, 14, 22, 13, 20)}


def test_the_package_is_written_once_as_it_was_written_twice(
    hague_event: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The package is written by python-docx's writer into a stamped zip (one compression of
    each part): the same bytes as docxtpl's save followed by writing every entry again, which
    is what happens when python-docx's writer is not as expected."""
    from confdocs_docx import language

    view = make_view(hague_event)
    once = render(view)
    monkeypatch.setattr(language, "_WRITER_STEPS", ("_no_such_step",))
    assert render(view) == once


def test_each_render_has_its_own_copy_of_the_template(hague_event: Any) -> None:
    """A template rendered again in the process is copied from the one opened then: what a
    render writes into its document (another event's text, pictures, links) never reaches the
    next, and the bytes are those of a template opened anew."""
    from confdocs_docx import exporter

    exporter._OPENED.clear()
    exporter._SEEN.clear()
    hague = make_view(hague_event)
    other = make_view(confdocs.load_event(MINIMAL))
    first = render(hague)  # opened, used as it is
    again = render(hague)  # opened and kept: a copy
    assert len(exporter._OPENED) == 1
    assert render(other) != first  # a copy
    assert render(hague) == again == first  # a copy again


def test_python_docx_opens_the_outline(hague_docx: Path) -> None:
    document = docx.Document(str(hague_docx))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Background and justification" in text
    assert len(document.tables) >= 4  # header block, three programme days, contacts


@pytest.mark.parametrize("expected", SEED_TEXTS)
def test_pdf_holds_the_seed_text(pdf_text: str, expected: str) -> None:
    assert pdf_flat(expected) in pdf_flat(pdf_text)


def test_pdf_holds_all_38_countries_and_the_footnotes(pdf_text: str) -> None:
    text = flat(pdf_text)
    assert len(COUNTRIES) == 38
    missing = [c for c in COUNTRIES if c not in text]
    assert not missing
    for footnote in FOOTNOTES:
        assert flat(footnote) in text


def test_pdf_holds_every_slot_speaker_and_contact(pdf_text: str, hague_event: Any) -> None:
    text = pdf_flat(pdf_text)
    for time in TIMES:
        assert time in text
    view = make_view(hague_event)
    for day in view.programme:
        assert day.date_text in text
        for slot in day.slots:
            assert pdf_flat(slot.heading) in text
            for session in slot.sessions:
                for item in session.contributions:
                    assert pdf_flat(item.line.plain) in text, item.line.plain
    for name, phone, mobile, email in CONTACTS:
        assert pdf_flat(name) in text
        assert pdf_flat(f"Tel: {phone}") in text
        if mobile:
            assert pdf_flat(f"Mob: {mobile}") in text
        assert pdf_flat(f"Email: {email}") in text


def test_footnotes_are_real_word_footnotes(hague_docx: Path) -> None:
    parts = xml_parts(hague_docx.read_bytes())
    assert "word/footnotes.xml" in parts
    rels = parts["word/_rels/document.xml.rels"].decode()
    assert "relationships/footnotes" in rels
    assert "wordprocessingml.footnotes+xml" in parts["[Content_Types].xml"].decode()
    footnotes = etree.fromstring(parts["word/footnotes.xml"])
    notes = [n for n in footnotes.findall("w:footnote", NS) if n.get(f"{{{W}}}type") is None]
    assert [n.get(f"{{{W}}}id") for n in notes] == ["1", "2", "3"]
    for note, expected in zip(notes, FOOTNOTES, strict=True):
        assert flat(expected) in flat("".join(note.itertext()))
        assert note.find(".//w:footnoteRef", NS) is not None
    document = etree.fromstring(parts["word/document.xml"])
    refs = [r.get(f"{{{W}}}id") for r in document.iter(f"{{{W}}}footnoteReference")]
    assert refs == ["1", "2", "3"]
    # The references follow Ukraine (CyberEast), Kosovo and the EndOCSEA@Europe list.
    paragraphs = [
        "".join(p.itertext())
        for p in document.iter(f"{{{W}}}p")
        if p.find(".//w:footnoteReference", NS) is not None
    ]
    assert paragraphs[0].startswith("CyberEast:") and paragraphs[0].endswith("Ukraine")
    assert "Kosovo" in paragraphs[1]
    assert paragraphs[2].startswith("EndOCSEA@Europe:")


def test_libreoffice_puts_the_footnotes_at_the_bottom_of_the_page(hague_pdf: Path) -> None:
    pdftotext = require_tool("pdftotext")
    html = subprocess.run(
        [pdftotext, "-bbox", str(hague_pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    page = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.DOTALL)
    for _width, height, words in page.findall(html):
        found = re.search(r'<word xMin="[\d.]+" yMin="([\d.]+)"[^>]*>1244/1999</word>', words)
        if found:
            assert float(found.group(1)) > 0.7 * float(height)
            return
    pytest.fail("the Kosovo footnote is not in the PDF")


def test_first_pages_are_not_blank(hague_pdf: Path, tmp_path: Path) -> None:
    pdftoppm = require_tool("pdftoppm")
    subprocess.run(
        [
            pdftoppm,
            "-r",
            "50",
            "-gray",
            "-f",
            "1",
            "-l",
            "4",
            str(hague_pdf),
            str(tmp_path / "page"),
        ],
        check=True,
    )
    pages = sorted(tmp_path.glob("page-*.pgm"))
    assert len(pages) == 4
    for path in pages:
        pixels = read_pgm(path)
        mean = sum(pixels) / len(pixels)
        variance = sum((p - mean) ** 2 for p in pixels) / len(pixels)
        dark = sum(1 for p in pixels if p < 128) / len(pixels)
        assert variance > 100, f"{path.name} looks blank"
        assert 0.005 < dark < 0.5, f"{path.name}: {dark:.1%} dark pixels"


def read_pgm(path: Path) -> bytes:
    """The pixels of a binary PGM (P5) image."""
    data = path.read_bytes()
    fields = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    assert fields is not None
    width, height = int(fields.group(1)), int(fields.group(2))
    pixels = data[fields.end() :]
    assert len(pixels) == width * height
    return pixels


# -- hostile values -------------------------------------------------------------------------------

HOSTILE = [
    "Tom & Jerry & co",
    "<b>not bold</b>",
    "vertical\x0btab",
    "nul\x00byte",
    "lone \ud800 surrogate",
    "{{ 7*7 }}",
    "{%p if x %}",
    "{_{ escaped }_}",
    "]]> <![CDATA[ x",
    "Donaudampfschifffahrtsgesellschaftskapitänswitwe" * 4,
    "مؤتمر دولي حول التحقيقات عبر الإنترنت",
    "Международная конференция по расследованиям",
]


def hostile_view(value: str) -> Any:
    """The minimal event's view with ``value`` in every kind of field."""
    view = make_view(confdocs.load_event(MINIMAL))
    literal = parse(escape_markdown(value))
    person = ContactView(
        id="p",
        name=value,
        display=value,
        position=value,
        organisation=value,
        office=value,
        place=value,
        phone=value,
        mobile=value,
        email=value,
        identity_lines=(line(value), line(value), line(value)),
        contact_lines=(line("Tel: ", value), line("Mob: ", value), line("Email: ", value)),
    )
    return attrs.evolve(
        view,
        title=value,
        dates=value,
        place=value,
        organised_by=literal,
        header=HeaderView((value,), (value,), value),
        sections=(SectionView("s", value, literal), SectionView("t", value, parse(value))),
        location=attrs.evolve(view.location, text=literal, interpretation=value),
        contacts=(ContactGroupView(value, value, (person,), line(value, " (", value, ")")),),
    )


def docx_text(data: bytes) -> str:
    """The document's text as python-docx and a strict XML parser see it."""
    document = docx.Document(io.BytesIO(data))
    assert document.paragraphs
    return document_text(data)


#: What must survive from the minimal event whatever the hostile value is.
MINIMAL_TEXTS = [
    "Programme",
    "Opening and introduction",
    "Jane Doe, Project Manager (30 min)",
    "Coffee break",
]


@pytest.mark.parametrize("value", HOSTILE, ids=lambda v: repr(v[:20]))
def test_hostile_values_come_out_literally(value: str) -> None:
    text = flat(docx_text(render(hostile_view(value))))
    expected = flat(clean(value))
    assert expected
    # The title, header lines, contact fields, escaped Markdown: each appears as typed.
    assert text.count(expected) >= 10
    assert "49" not in text or "49" in value
    for kept in MINIMAL_TEXTS:
        assert flat(kept) in text


def test_docxtpl_alone_would_lose_text_after_an_ampersand(tmp_path: Path) -> None:
    """Why the exporter renders with autoescape and checks the result (docxtpl #634, #105, #557)."""
    from docxtpl import DocxTemplate

    template = tmp_path / "plain.docx"
    document = docx.Document()
    document.add_paragraph("{{ value }}")
    document.add_paragraph("after")
    document.save(str(template))
    tpl = DocxTemplate(str(template))
    tpl.render({"value": "Tom & Jerry"})
    buffer = io.BytesIO()
    tpl.save(buffer)
    if "Tom & Jerry" in document_text(buffer.getvalue()):
        pytest.skip("this docxtpl no longer drops text after '&'")
    view = attrs.evolve(make_view(confdocs.load_event(MINIMAL)), title="Tom & Jerry")
    assert "Tom & Jerry" in document_text(render(view))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(exclude_categories=()), max_size=60))
def test_arbitrary_text_survives(value: str) -> None:
    view = hostile_view(value)
    text = flat(docx_text(render(view)))
    expected = flat(clean(value))
    if expected:
        assert expected in text
        assert flat(clean(parse(value).plain)) in text
    for kept in MINIMAL_TEXTS:
        assert flat(kept) in text


# -- user templates -------------------------------------------------------------------------------


def make_user_template(path: Path, *paragraphs: str, table: bool = False) -> Path:
    """A .docx whose paragraphs are the given texts, each one run (a tag is never split)."""
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph().add_run(text)
    if table:
        grid = document.add_table(rows=3, cols=3)
        grid.rows[0].cells[0].paragraphs[0].add_run("{%tr for slot in day.slots %}")
        for cell, text in zip(
            grid.rows[1].cells,
            ("{{ day.date_text }}", "{{ slot.time }}", "{{r slot.title.runs }}"),
            strict=True,
        ):
            cell.paragraphs[0].add_run(text)
        grid.rows[2].cells[0].paragraphs[0].add_run("{%tr endfor %}")
        document.add_paragraph().add_run("{%p endfor %}")
    document.save(str(path))
    return path


def test_user_template_with_another_layout_works_end_to_end(tmp_path: Path) -> None:
    template = make_user_template(
        tmp_path / "letterhead.docx",
        "MINISTRY LETTERHEAD",
        "{{ title }} ({{ dates }}, {{ place }})",
        "{%p for group in contacts %}",
        "{{ group.label }}: {% for person in group.people %}{{ person.name }} "
        "<{{ person.email }}>{% if not loop.last %}; {% endif %}{% endfor %}",
        "{%p endfor %}",
        "{{r participants.groups[1].line.runs }}",
        "{{p sections[0].body.paragraphs }}",
        "{%p for day in programme %}",
        table=True,
    )
    out = tmp_path / "out"
    result = run_confdocs(
        "build", str(HAGUE), "-f", "docx", "--template", str(template), "-o", str(out)
    )
    assert result.returncode == 0, result.stderr
    data = (out / "hague-2019.docx").read_bytes()
    document = docx.Document(io.BytesIO(data))
    assert document.paragraphs[0].text == "MINISTRY LETTERHEAD"
    text = flat(document_text(data))
    assert "At EUROJUST:: Daniela BURUIANA <dburuiana@eurojust.europa.eu>; Peter GOUWY" in text
    assert "CyberEast: Armenia, Azerbaijan, Belarus, Georgia, Moldova and Ukraine" in text
    assert "As societies rely increasingly on the use of information technology" in text
    assert "Tuesday, 1 October 2019 14h00–16h00 Bilateral meetings" in text
    # The template had no footnotes part: the exporter made one for CyberEast's note.
    parts = xml_parts(data)
    footnotes = flat("".join(etree.fromstring(parts["word/footnotes.xml"]).itertext()))
    assert flat(FOOTNOTES[0]) in footnotes
    assert b"footnoteReference" in parts["word/document.xml"]


def test_unknown_variable_is_named_with_the_template_and_tag(tmp_path: Path) -> None:
    template = make_user_template(
        tmp_path / "mine.docx", "{{ title }}", "Speakers: {{ speaker_list }}"
    )
    result = run_confdocs(
        "build", str(MINIMAL), "-f", "docx", "--template", str(template), "-o", str(tmp_path / "o")
    )
    assert result.returncode == 2
    assert "mine.docx" in result.stderr
    assert "{{ speaker_list }}" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "o").exists()


def test_unknown_attribute_is_named_too(tmp_path: Path) -> None:
    template = make_user_template(
        tmp_path / "mine.docx", "{%p for day in programme %}", "{{ day.weather }}", "{%p endfor %}"
    )
    with pytest.raises(confdocs.TemplateError) as caught:
        render(make_view(confdocs.load_event(MINIMAL)), template=str(template))
    message = str(caught.value)
    assert "mine.docx" in message and "{{ day.weather }}" in message


def test_user_templates_run_in_the_sandbox(tmp_path: Path) -> None:
    template = make_user_template(tmp_path / "evil.docx", "{{ title.__class__ }}")
    with pytest.raises(confdocs.TemplateError) as caught:
        render(make_view(confdocs.load_event(MINIMAL)), template=str(template))
    message = str(caught.value)
    assert "evil.docx" in message and "{{ title.__class__ }}" in message
    assert "not allowed" in message or "unsafe" in message


def test_syntax_error_names_the_template(tmp_path: Path) -> None:
    template = make_user_template(tmp_path / "broken.docx", "{{ title }", "after")
    with pytest.raises(confdocs.TemplateError) as caught:
        render(make_view(confdocs.load_event(MINIMAL)), template=str(template))
    message = str(caught.value)
    assert "broken.docx" in message and "syntax error" in message
    assert "{{ title }" in message


def test_a_block_value_inside_a_run_is_reported_not_lost(tmp_path: Path) -> None:
    template = make_user_template(tmp_path / "runs.docx", "Body: {{ sections[0].body.paragraphs }}")
    view = attrs.evolve(
        make_view(confdocs.load_event(MINIMAL)),
        sections=(SectionView("s", "S", parse("Some *text*")),),
    )
    with pytest.raises(confdocs.TemplateError) as caught:
        render(view, template=str(template))
    assert "runs.docx" in str(caught.value)


def test_a_file_that_is_not_a_docx_is_a_template_error(tmp_path: Path) -> None:
    template = tmp_path / "notes.docx"
    template.write_text("not a zip")
    with pytest.raises(confdocs.TemplateError, match=r"notes\.docx"):
        render(make_view(confdocs.load_event(MINIMAL)), template=str(template))


# -- documentation ------------------------------------------------------------------------------


def context_keys(value: Any, skip: frozenset[str] = frozenset({"labels", "extra"})) -> set[str]:
    keys: set[str] = set()
    if isinstance(value, dict):
        for key, item in value.items():
            keys.add(key)
            if key not in skip:
                keys |= context_keys(item)
    elif isinstance(value, list):
        for item in value:
            keys |= context_keys(item)
    return keys


def test_every_template_variable_is_documented(hague_event: Any) -> None:
    from confdocs_docx.context import build_context
    from confdocs_docx.values import Recorder

    context = build_context(make_view(hague_event), None, Recorder())
    documented = (ROOT / "docs" / "docx-templates.md").read_text(encoding="utf-8")
    missing = sorted(
        key
        for key in context_keys(context)
        if not re.search(rf"[`.]{re.escape(key)}\b", documented)
    )
    assert not missing, f"docs/docx-templates.md does not describe: {missing}"


@pytest.mark.parametrize(
    ("locale", "expected"),
    [("fr", "Lundi 30 septembre 2019"), ("es", "Lunes"), ("pt", "Segunda-feira")],
)
def test_other_locales(hague_event: Any, locale: str, expected: str) -> None:
    text = document_text(render(make_view(hague_event, locale)))
    assert expected in text


def test_links_become_word_hyperlinks_and_unsafe_ones_stay_text() -> None:
    body = parse("See [the site](https://example.org/a?b=1&c=2) and [bad](javascript:alert(1)).")
    view = attrs.evolve(
        make_view(confdocs.load_event(MINIMAL)), sections=(SectionView("s", "Links", body),)
    )
    data = render(view)
    parts = xml_parts(data)
    links = etree.fromstring(parts["word/document.xml"]).findall(".//w:hyperlink", NS)
    assert ["".join(link.itertext()) for link in links] == ["the site"]
    rid = links[0].get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
    rels = {r.get("Id"): r for r in etree.fromstring(parts["word/_rels/document.xml.rels"])}
    assert rels[rid].get("Target") == "https://example.org/a?b=1&c=2"
    assert rels[rid].get("TargetMode") == "External"
    assert b"javascript" not in parts["word/_rels/document.xml.rels"]
    assert "[bad](javascript:alert(1))" in document_text(data)


# -- bounds ---------------------------------------------------------------------------------------


def test_a_title_longer_than_a_core_property_holds_still_builds() -> None:
    """Word's core properties hold 255 characters: the title is cut there, the body keeps it."""
    title = "A very long title " * 20  # 360 characters
    event = attrs.evolve(confdocs.load_event(MINIMAL), title=title.strip())
    data = render(make_view(event))
    document = docx.Document(io.BytesIO(data))
    assert len(document.core_properties.title) == 255
    assert document.core_properties.title.endswith("…")
    assert title.strip() in document_text(data)


def test_a_zip_bomb_template_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    import time

    from confdocs_docx.exporter import default_template_bytes

    path = tmp_path / "bomb.docx"
    source = zipfile.ZipFile(io.BytesIO(default_template_bytes()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, source.read(item))
        target.writestr("word/bomb.xml", b"<a/>" + b" " * 50_000_000)  # 50 MB of spaces
    assert path.stat().st_size < 1_000_000
    started = time.monotonic()
    with pytest.raises(confdocs.TemplateError, match=r"bomb\.docx: its part word/bomb\.xml unp"):
        render(make_view(confdocs.load_event(MINIMAL)), template=str(path))
    assert time.monotonic() - started < 2


def test_the_document_says_who_it_is_by(tmp_path: Path) -> None:
    """Word's authors and the PDF's are the organisers (a trial's PDF said "Implementado
    por el Consejo de Europa", a header line); without organisers, the header's lines."""
    import pikepdf

    event = confdocs.load_event(HAGUE)
    built = {d.format: d.data for d in confdocs.build(event, ["docx", "pdf"]).documents}
    names = [event.index.organisations[x].name for x in event.organisers]
    assert docx.Document(io.BytesIO(built["docx"])).core_properties.author == "; ".join(names)
    with pikepdf.open(io.BytesIO(built["pdf"])) as pdf, pdf.open_metadata() as meta:
        creators = " ".join(meta.get("dc:creator"))
    assert all(name in creators for name in names) and "Implemented" not in creators
    alone = confdocs.build(attrs.evolve(event, organisers=()), ["docx"]).documents[0]
    author = docx.Document(io.BytesIO(alone.data)).core_properties.author
    assert author == "; ".join(event.header.implementers)
