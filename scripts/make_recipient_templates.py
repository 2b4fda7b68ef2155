"""Generate the Word templates of the documents made for each recipient: the invitation letters
(with a letterhead), the participant list, the attendance sheets and the certificates.

Made from code with python-docx, on the outline template's styles and building blocks
(``scripts/make_docx_template.py``), so that no hand-edited binary drifts from what the
exporters expect; every Jinja tag is one run; the output is deterministic, and
tests/test_recipient_documents.py checks that the shipped files are what this script makes.

    python scripts/make_recipient_templates.py [FOLDER]

With FOLDER, the four templates are written there instead of into the plugin (a starting
point for your own letterhead: change the header, then pass your file with --template).
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "plugins"))

import make_docx_template as base  # noqa: E402

FOLDER = ROOT / "plugins" / "confdocs_recipients" / "templates"
#: Each template's file, and the function below that makes it.
TEMPLATES: dict[str, str] = {
    "letters.docx": "letters",
    "participants.docx": "participants",
    "sign-in.docx": "sign_in",
    "certificates.docx": "certificates",
}
NUMBER_WIDTH = Cm(1.1)
ROW_HEIGHT = Cm(0.95)


# -- styles ------------------------------------------------------------------------------------


#: The styles these templates add to the outline's: name → (size in points or None, bold,
#: italic, colour, space before and after in points, keep with the next paragraph).
STYLES: dict[str, tuple[float | None, bool, bool, Any, float, float, bool]] = {
    "Letter Date": (None, False, False, None, 0, 8, False),
    "Letter Meta": (9, False, False, base.GREY, 0, 6, False),
    "Letter Address": (None, True, False, None, 0, 0, False),
    "Letter Subject": (None, True, False, base.NAVY, 12, 12, False),
    # The contacts a letter gives, smaller than the outline's so that a letter fits a page.
    "Letter Contact Group": (None, True, False, base.NAVY, 6, 2, True),
    "Letter Contact Name": (9, True, False, None, 3, 0, False),
    "Letter Contact Line": (9, False, False, None, 0, 0, False),
    "Letter Closing": (None, False, False, None, 8, 0, True),
    "Letter Note": (9, False, True, None, 0, 4, False),
    "Signature Name": (None, True, False, None, 16, 0, True),
    # An empty paragraph that starts a page (page break before): see new_page_but_first.
    "Page Start": (1, False, False, None, 0, 0, False),
    "Sheet Cell": (9.5, False, False, None, 0, 0, False),
    "List Note": (9, False, True, base.GREY, 3, 6, False),
    "Certificate Title": (28, True, False, base.NAVY, 0, 24, False),
    "Certificate Name": (22, True, False, base.NAVY, 0, 12, False),
    "Certificate Text": (13, False, False, None, 0, 8, False),
}


def define_styles(doc: Any) -> None:
    """The outline's styles, and those of letters, lists, sheets and certificates."""
    base.define_styles(doc)
    for name, (size, bold, italic, colour, before, after, keep) in STYLES.items():
        made = base.paragraph_style(doc, name)
        if size is not None:
            made.font.size = Pt(size)
        made.font.bold = bold or None
        made.font.italic = italic or None
        if colour is not None:
            made.font.color.rgb = colour
        base.spacing(made, before, after, keep=keep)
        if name == "Letter Date":
            made.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif name.startswith("Certificate"):
            made.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.styles["Page Start"].paragraph_format.page_break_before = True


# -- building blocks ---------------------------------------------------------------------------


def blank_document(landscape: bool = False) -> Any:
    """An A4 document with the styles, no paragraph yet, the header lines as a letterhead on
    every page (funders left, implementers right, a rule under them) and page numbers."""
    doc = Document()
    define_styles(doc)
    section = doc.sections[0]
    section.page_width, section.page_height = base.PAGE_WIDTH, base.PAGE_HEIGHT
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = base.PAGE_HEIGHT, base.PAGE_WIDTH
    section.left_margin = section.right_margin = base.MARGIN_SIDE
    section.top_margin, section.bottom_margin = Cm(2.6), Cm(1.6)
    section.header_distance = section.footer_distance = Cm(0.9)
    letterhead(section.header, section.page_width - 2 * base.MARGIN_SIDE)
    body = doc.element.body
    for paragraph in list(body.iterchildren(qn("w:p"))):
        body.remove(paragraph)
    return doc


def letterhead(header: Any, width: Any) -> None:
    """The letterhead: the event's funders and implementers, as the outline's first lines."""
    table = header.add_table(rows=1, cols=2, width=width)
    base.no_borders(table)
    half = width // 2
    base.fix_widths(table, [half, width - half])
    left, right = table.rows[0].cells
    base.cell_paragraph(left, "{%p for line in header.funders %}")
    base.para(left, "{{ line }}", "Header Line")
    base.para(left, "{%p endfor %}")
    base.cell_paragraph(right, "{%p for line in header.implementers %}")
    base.para(right, "{{ line }}", "Header Line").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    base.para(right, "{%p endfor %}")
    rule = header.paragraphs[0]
    rule.style = "Header Line"
    rule._p.get_or_add_pPr().append(
        parse_xml(
            f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="6" w:space="1" '
            f'w:color="{base.HEADER_FILL}"/></w:pBdr>'
        )
    )
    # The rule stands under the table: move the header's own paragraph after it.
    header._element.append(rule._p)


def shown_if(doc: Any, condition: str, text: str, style: str) -> None:
    """A paragraph kept only when ``condition`` holds (``{%p if … %}`` around it)."""
    base.tag(doc, f"{{%p if {condition} %}}")
    base.para(doc, text, style)
    base.tag(doc, "{%p endif %}")


def page_numbers(doc: Any) -> None:
    paragraph = doc.sections[0].footer.paragraphs[0]
    paragraph.style = "Header Line"
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    base.page_number(paragraph)


def new_page_but_first(doc: Any) -> None:
    """Every item of the loop but the first starts a page: an empty paragraph that breaks the
    page before itself (a page break after a page that is just full would leave one blank)."""
    shown_if(doc, "not loop.first", "", "Page Start")


def table_rows(
    doc: Any, widths: list[Any], heads: list[str], cells: list[str], loop: str, style: str
) -> Any:
    """A bordered table: a header row (repeated on each page), then one row per item of
    ``loop`` (``{%tr for … %}``), never split across pages."""
    table = doc.add_table(rows=4, cols=len(widths))
    table.style = doc.styles["Programme Table"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    base.fix_widths(table, widths)
    head_row, loop_start, item_row, loop_end = table.rows
    base.header_row(head_row)
    for cell, text in zip(head_row.cells, heads, strict=True):
        base.shade(cell, base.HEADER_FILL)
        base.cell_paragraph(cell, text, "Table Heading")
    base.cell_paragraph(loop_start.cells[0], f"{{%tr {loop} %}}")
    base.cell_paragraph(loop_end.cells[0], "{%tr endfor %}")
    item_row._tr.get_or_add_trPr().append(parse_xml(f"<w:cantSplit {nsdecls('w')}/>"))
    for cell, text in zip(item_row.cells, cells, strict=True):
        base.cell_paragraph(cell, text, style)
    return item_row


def contacts_table(doc: Any, loop: str) -> None:
    """The contacts, compactly: a borderless table per organisation, each person's name and
    position on the left, how to reach them on the right."""
    base.tag(doc, f"{{%p {loop} %}}")
    base.para(doc, "{{ group.label }}", "Letter Contact Group")
    table = doc.add_table(rows=3, cols=2)
    base.no_borders(table)
    base.fix_widths(table, [base.CONTACT_WIDTH, base.TEXT_WIDTH - base.CONTACT_WIDTH])
    loop_start, person_row, loop_end = table.rows
    base.cell_paragraph(loop_start.cells[0], "{%tr for person in group.people %}")
    base.cell_paragraph(loop_end.cells[0], "{%tr endfor %}")
    person_row._tr.get_or_add_trPr().append(parse_xml(f"<w:cantSplit {nsdecls('w')}/>"))
    who, reach = person_row.cells
    base.cell_paragraph(who, "{{ person.name }}", "Letter Contact Name")
    base.para(who, "{{ person.position }}", "Letter Contact Line")
    base.cell_paragraph(reach, "", "Letter Contact Name")
    base.para(reach, "{%p for line in person.contact_lines %}")
    base.para(reach, "{{r line.runs }}", "Letter Contact Line")
    base.para(reach, "{%p endfor %}")
    base.tag(doc, "{%p endfor %}")


def signature(doc: Any, who: str) -> None:
    base.tag(doc, f"{{%p if {who} %}}")
    base.para(doc, f"{{{{ {who}.name }}}}", "Signature Name")
    base.tag(doc, f"{{%p for line in {who}.identity_lines %}}")
    base.para(doc, "{{r line.runs }}", "Contact Line")
    base.tag(doc, "{%p endfor %}")
    base.tag(doc, "{%p endif %}")


def properties(doc: Any, subject: str) -> None:
    base.properties(doc)
    doc.core_properties.subject = subject


# -- the templates -----------------------------------------------------------------------------


def letters() -> Any:
    """A letter per recipient, each starting on a new page."""
    doc = blank_document()
    base.tag(doc, "{%p for letter in letters %}")
    new_page_but_first(doc)
    shown_if(doc, "letter.place_date", "{{ letter.place_date }}", "Letter Date")
    shown_if(doc, "letter.reference_line", "{{r letter.reference_line.runs }}", "Letter Meta")
    base.tag(doc, "{%p for line in letter.address %}")
    base.para(doc, "{{ line }}", "Letter Address")
    base.tag(doc, "{%p endfor %}")
    base.para(doc, "{{r letter.subject.runs }}", "Letter Subject")
    base.para(doc, "{{ letter.salutation }}", base.PARAGRAPH_STYLES["body"])
    base.para(doc, "{{r letter.invitation.runs }}", base.PARAGRAPH_STYLES["body"])
    base.tag(doc, "{%p if letter.body %}")
    base.tag(doc, "{{p letter.body.paragraphs }}")
    base.tag(doc, "{%p endif %}")
    base.para(doc, "{{r letter.seats_line.runs }}", base.PARAGRAPH_STYLES["body"])
    # An allocation's label, then its groups' lines (seats for each of its countries); a
    # country's letter has no label, and a line per group it is invited under.
    shown_if(doc, "letter.allocation", "{{r letter.allocation.runs }}", "List Bullet")
    base.tag(doc, "{%p for group in letter.groups %}")
    base.para(doc, "{{r group.line.runs }}", "List Bullet")
    base.tag(doc, "{%p endfor %}")
    # The event's own words for the composition, else the roles' list.
    base.tag(doc, "{%p if letter.composition_text %}")
    base.tag(doc, "{{p letter.composition_text.paragraphs }}")
    base.tag(doc, "{%p elif letter.composition_line %}")
    base.para(doc, "{{r letter.composition_line.runs }}", base.PARAGRAPH_STYLES["body"])
    base.tag(doc, "{%p for role in letter.composition %}")
    base.para(doc, "{{r role.line.runs }}", "List Bullet")
    base.tag(doc, "{%p endfor %}")
    base.tag(doc, "{%p endif %}")
    base.tag(doc, "{%p for note in letter.notes %}")
    base.para(doc, "{{r note.runs }}", "Letter Note")
    base.tag(doc, "{%p endfor %}")
    base.para(doc, "{{r letter.reply_line.runs }}", base.PARAGRAPH_STYLES["body"])
    contacts_table(doc, "for group in contacts")
    base.para(doc, "{{ letter.closing }}", "Letter Closing")
    signature(doc, "letter.signatory")
    base.tag(doc, "{%p endfor %}")
    properties(doc, "{{ labels.letters }}")
    return doc


def participants() -> Any:
    """The list: per country, then per organisation, a table of those who may be named."""
    doc = blank_document()
    page_numbers(doc)
    part = "registrants.participant_list"
    base.para(doc, "{{ labels.participant_list }}", "Title")
    base.para(doc, "{{ title }}", "Subtitle")
    base.para(doc, "{{r when_where.runs }}", "Subtitle")
    base.para(doc, f"{{{{r {part}.summary.runs }}}}", "Seats Summary")
    base.tag(doc, f"{{%p for group in {part}.groups %}}")
    shown_if(doc, "group.section", "{{ group.section }}", "Heading 1")
    base.para(doc, "{{ group.heading }}", "Heading 2")
    base.tag(doc, "{%p if group.people %}")
    widths = [NUMBER_WIDTH, Cm(5.6), Cm(6.0)]
    widths.append(base.TEXT_WIDTH - sum(widths))
    table_rows(
        doc,
        widths,
        ["{{ labels.number_heading }}", "{{ labels.name }}", "{{ labels.organisation }}",
         "{{ group.detail_label }}"],
        ["{{ person.number }}",
         "{{ person.name }}{% if person.attendance %} ({{ person.attendance }}){% endif %}",
         "{{ person.organisation }}", "{{ person.detail }}"],
        "for person in group.people",
        "Sheet Cell",
    )
    base.tag(doc, "{%p endif %}")
    shown_if(doc, "group.unnamed_line", "{{r group.unnamed_line.runs }}", "List Note")
    base.tag(doc, "{%p endfor %}")
    properties(doc, "{{ labels.participant_list }}")
    return doc


def sign_in() -> Any:
    """A sheet per day: everyone expected, a tall row each with room to sign."""
    doc = blank_document()
    page_numbers(doc)
    base.tag(doc, "{%p for sheet in sign_in %}")
    new_page_but_first(doc)
    base.para(doc, "{{ title }}", "Subtitle")
    base.para(doc, "{{r sheet.heading.runs }}", "Heading 1")
    widths = [NUMBER_WIDTH, Cm(5.4), Cm(4.6)]
    widths.append(base.TEXT_WIDTH - sum(widths))
    row = table_rows(
        doc,
        widths,
        ["{{ labels.number_heading }}", "{{ labels.name }}", "{{ labels.affiliation }}",
         "{{ labels.signature }}"],
        ["{{ row.number }}", "{{ row.name }}", "{{ row.affiliation }}", ""],
        "for row in sheet.rows",
        "Sheet Cell",
    )
    row._tr.get_or_add_trPr().append(
        parse_xml(f'<w:trHeight {nsdecls("w")} w:val="{ROW_HEIGHT.twips}" w:hRule="atLeast"/>')
    )
    for cell in row.cells:
        cell._tc.get_or_add_tcPr().append(parse_xml(f'<w:vAlign {nsdecls("w")} w:val="center"/>'))
    base.tag(doc, "{%p endfor %}")
    properties(doc, "{{ labels.sign_in }}")
    return doc


def certificates() -> Any:
    """A certificate per page, landscape, centred."""
    doc = blank_document(landscape=True)
    base.tag(doc, "{%p for certificate in certificates %}")
    new_page_but_first(doc)
    spacer = base.para(doc, "", "Certificate Text")
    spacer.paragraph_format.space_before = Pt(28)
    base.para(doc, "{{ certificate.heading }}", "Certificate Title")
    base.para(doc, "{{ certificate.certify }}", "Certificate Text")
    base.para(doc, "{{ certificate.name }}", "Certificate Name")
    base.para(doc, "{{r certificate.sentence.runs }}", "Certificate Text")
    place = base.para(doc, "{{ certificate.place_date }}", "Certificate Text")
    place.paragraph_format.space_before = Pt(24)
    signed = base.para(doc, "", "Certificate Text")
    signed.paragraph_format.space_before = Pt(6)
    base.tag(doc, "{%p if certificate.signatory %}")
    base.para(doc, "{{ certificate.signatory.name }}", "Certificate Text").runs[0].bold = True
    base.tag(doc, "{%p for line in certificate.signatory.signature_lines %}")
    base.para(doc, "{{r line.runs }}", "Certificate Text")
    base.tag(doc, "{%p endfor %}")
    base.tag(doc, "{%p endif %}")
    base.tag(doc, "{%p endfor %}")
    properties(doc, "{{ labels.certificates }}")
    return doc


MAKERS: dict[str, Callable[[], Any]] = {
    "letters": letters,
    "participants": participants,
    "sign_in": sign_in,
    "certificates": certificates,
}


def build_template(name: str) -> bytes:
    """The bytes of template ``name`` (``letters.docx`` …)."""
    doc = MAKERS[TEMPLATES[name]]()
    base.footnotes_part(doc)
    # Arabic is set at the styles' sizes and weights too (w:szCs, w:bCs, w:iCs).
    base.complex_script_formatting(doc)
    base.slim(doc)
    buffer = io.BytesIO()
    doc.save(buffer)
    return base.deterministic_zip(buffer.getvalue())


def main(argv: list[str]) -> int:
    folder = Path(argv[1]) if len(argv) > 1 else FOLDER
    for name in TEMPLATES:
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(build_template(name))
        print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
