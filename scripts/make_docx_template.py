"""Generate the Word exporter's default templates, plugins/confdocs_docx/templates/outline.docx
and bilingual.docx.

The templates are made from code with python-docx so that no hand-edited binary drifts from
what the exporter expects: A4 pages, the styles the exporter refers to (confdocs_docx.styles),
the title block, prose sections, participants, location, a programme table per day and
contacts; the bilingual one has the same pages and styles, the logos, and the table of aligned
rows the exporter makes (``{{p bilingual.table }}``). Every Jinja tag is written as one run, so
docxtpl sees it whole. The output is deterministic (fixed zip timestamps and document
properties): running the script twice gives the same bytes, and tests/test_docx.py checks that
the shipped files are what this script produces.

    python scripts/make_docx_template.py [OUTPUT [BILINGUAL_OUTPUT]]
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import zipfile
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_SECTION_START
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Emu, Pt, RGBColor

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from confdocs_docx.styles import (  # noqa: E402
    CHARACTER_STYLES,
    PARAGRAPH_STYLES,
    TABLE_STYLES,
    style_id,
)

OUTPUT = ROOT / "plugins" / "confdocs_docx" / "templates" / "outline.docx"
BILINGUAL_OUTPUT = OUTPUT.with_name("bilingual.docx")

FONT = "Arial"
NAVY = RGBColor(0x1F, 0x38, 0x64)
GREY = RGBColor(0x59, 0x59, 0x59)
PAGE_WIDTH, PAGE_HEIGHT = Cm(21.0), Cm(29.7)
MARGIN_SIDE, MARGIN_TOP, MARGIN_BOTTOM = Cm(2.2), Cm(2.0), Cm(2.0)
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN_SIDE
TIME_WIDTH = Cm(3.3)
CONTACT_WIDTH = Cm(9.4)
BORDER = "A6A6A6"
HEADER_FILL = "1F3864"
DAY_FILL = "D9E2F3"
FIXED_DATE = dt.datetime(2019, 9, 29, 12, 0, 0)


# -- styles ------------------------------------------------------------------------------------


def paragraph_style(doc: Any, name: str, base: str = "Normal") -> Any:
    styles = doc.styles
    style = (
        styles[name]
        if name in [s.name for s in styles]
        else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    )
    if name != "Normal":
        style.base_style = styles[base]
    style.quick_style = True
    return style


def character_style(doc: Any, name: str) -> Any:
    styles = doc.styles
    if name in [s.name for s in styles]:
        return styles[name]
    return styles.add_style(name, WD_STYLE_TYPE.CHARACTER)


def set_font(style: Any, name: str = FONT) -> None:
    """Set the font on every script, dropping the theme fonts that would otherwise win."""
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), name)


def spacing(style: Any, before: float = 0, after: float = 6, keep: bool = False) -> None:
    fmt = style.paragraph_format
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    fmt.keep_with_next = keep


def remove_borders(style: Any) -> None:
    ppr = style.element.find(qn("w:pPr"))
    if ppr is not None:
        for border in ppr.findall(qn("w:pBdr")):
            ppr.remove(border)


#: Each Latin run property and its complex-script twin.
COMPLEX_SCRIPT_TWINS = (("w:b", "w:bCs"), ("w:i", "w:iCs"), ("w:sz", "w:szCs"))


def complex_script_formatting(doc: Any) -> None:
    """Bold, italic and size for complex scripts as for Latin (w:bCs, w:iCs, w:szCs): Word
    formats right-to-left and complex-script runs (Arabic, Hebrew) with those alone, so an
    Arabic title is as large and as bold as a French one only so.

    Each twin is made the Latin property's copy, in every style, the document's defaults and
    every run of the body, headers and footers; one standing without its Latin property is
    removed (both then come from the same base). python-docx's blank document has twins of
    its own (a Title of 26 pt for Arabic): setting a style's size leaves them as they were,
    so run this after the styles and the text are made."""
    parts = [doc.styles.element, doc.element]
    for section in doc.sections:
        for hf in (section.header, section.footer):
            if not hf.is_linked_to_previous:
                parts.append(hf._element)
    for part in parts:
        for rpr in part.iter(qn("w:rPr")):
            for latin, complex_script in COMPLEX_SCRIPT_TWINS:
                for old in rpr.findall(qn(complex_script)):
                    rpr.remove(old)
                found = rpr.find(qn(latin))
                if found is None:
                    continue
                twin = parse_xml(f"<{complex_script} {nsdecls('w')}/>")
                for name, value in found.attrib.items():
                    twin.set(name, value)
                found.addnext(twin)


def define_styles(doc: Any) -> None:
    normal = doc.styles["Normal"]
    set_font(normal)
    normal.font.size = Pt(10)
    normal.paragraph_format.line_spacing = 1.1
    spacing(normal, 0, 6)

    title = paragraph_style(doc, "Title")
    remove_borders(title)
    set_font(title)
    title.font.size = Pt(17)
    title.font.bold = True
    title.font.color.rgb = NAVY
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    spacing(title, 18, 8)

    subtitle = paragraph_style(doc, "Subtitle")
    set_font(subtitle)
    subtitle.font.size = Pt(12)
    subtitle.font.italic = False
    # python-docx's Subtitle spreads its letters; an outline's date line does not.
    for spread in subtitle.element.get_or_add_rPr().findall(qn("w:spacing")):
        spread.getparent().remove(spread)
    subtitle.font.color.rgb = NAVY
    subtitle.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    spacing(subtitle, 0, 10)

    for level, size, before in ((1, 13, 16), (2, 11.5, 12), (3, 10.5, 10)):
        heading = paragraph_style(doc, f"Heading {level}")
        set_font(heading)
        heading.font.size = Pt(size)
        heading.font.bold = True
        heading.font.italic = False
        heading.font.color.rgb = NAVY
        spacing(heading, before, 6, keep=True)

    body = paragraph_style(doc, PARAGRAPH_STYLES["body"])
    body.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    spacing(body, 0, 6)

    for name in ("List Bullet", "List Bullet 2"):
        spacing(paragraph_style(doc, name), 0, 3)

    numbered = paragraph_style(doc, PARAGRAPH_STYLES["numbered"])
    numbered.paragraph_format.left_indent = Cm(0.9)
    numbered.paragraph_format.first_line_indent = Cm(-0.6)
    numbered.paragraph_format.tab_stops.add_tab_stop(Cm(0.9))
    spacing(numbered, 0, 3)

    quote = paragraph_style(doc, PARAGRAPH_STYLES["quote"])
    quote.font.italic = True
    quote.paragraph_format.left_indent = Cm(1)

    code = paragraph_style(doc, PARAGRAPH_STYLES["code"])
    set_font(code, "Courier New")
    code.font.size = Pt(9)
    spacing(code, 0, 0)

    header_line = paragraph_style(doc, "Header Line")
    header_line.font.size = Pt(9)
    header_line.font.color.rgb = GREY
    spacing(header_line, 0, 0)

    logos = paragraph_style(doc, "Header Logos", "Header Line")
    spacing(logos, 0, 3)
    logos.paragraph_format.keep_with_next = True

    organiser_logos = paragraph_style(doc, "Organiser Logos")
    organiser_logos.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    spacing(organiser_logos, 0, 10)

    version = paragraph_style(doc, "Version Line", "Header Line")
    version.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    spacing(version, 6, 0)

    organised = paragraph_style(doc, "Organised By")
    organised.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    organised.font.size = Pt(10.5)
    spacing(organised, 0, 12)

    label = paragraph_style(doc, "Outline Label")
    label.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    label.font.bold = True
    label.font.size = Pt(12)
    label.font.color.rgb = NAVY
    spacing(label, 6, 12)
    label.element.get_or_add_rPr().append(parse_xml(f'<w:spacing {nsdecls("w")} w:val="60"/>'))

    summary = paragraph_style(doc, "Seats Summary")
    summary.font.size = Pt(9)
    summary.font.color.rgb = GREY
    spacing(summary, 0, 6)

    slot_title = paragraph_style(doc, PARAGRAPH_STYLES["slot_title"])
    slot_title.font.bold = True
    slot_title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    spacing(slot_title, 0, 3)

    slot_text = paragraph_style(doc, PARAGRAPH_STYLES["slot_text"])
    spacing(slot_text, 0, 3)

    slot_bullet = paragraph_style(doc, PARAGRAPH_STYLES["slot_bullet"], "List Bullet")
    spacing(slot_bullet, 0, 2)

    slot_note = paragraph_style(doc, PARAGRAPH_STYLES["slot_note"])
    slot_note.font.italic = True
    spacing(slot_note, 2, 3)

    time_style = paragraph_style(doc, "Slot Time")
    time_style.font.bold = True
    time_style.font.color.rgb = NAVY
    spacing(time_style, 0, 0)

    table_heading = paragraph_style(doc, "Table Heading")
    table_heading.font.bold = True
    table_heading.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    spacing(table_heading, 1, 1)

    day_heading = paragraph_style(doc, "Day Heading")
    day_heading.font.bold = True
    day_heading.font.size = Pt(11)
    day_heading.font.color.rgb = NAVY
    spacing(day_heading, 2, 2)

    contact_group = paragraph_style(doc, "Contact Group", "Heading 3")
    spacing(contact_group, 12, 4, keep=True)

    contact_name = paragraph_style(doc, "Contact Name")
    contact_name.font.bold = True
    spacing(contact_name, 6, 0, keep=True)

    contact_line = paragraph_style(doc, "Contact Line")
    spacing(contact_line, 0, 0)

    footnote = paragraph_style(doc, PARAGRAPH_STYLES["footnote"])
    footnote.font.size = Pt(8.5)
    spacing(footnote, 0, 2)
    footnote.paragraph_format.line_spacing = 1.0

    ref = character_style(doc, CHARACTER_STYLES["footnote_ref"])
    ref.font.superscript = True

    link = character_style(doc, CHARACTER_STYLES["link"])
    link.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)
    link.font.underline = True

    code_char = character_style(doc, CHARACTER_STYLES["code"])
    set_font(code_char, "Courier New")

    grid = doc.styles.add_style("Programme Table", WD_STYLE_TYPE.TABLE)
    grid.base_style = doc.styles["Normal Table"]
    tbl_pr = grid.element.find(qn("w:tblPr"))
    if tbl_pr is None:
        tbl_pr = parse_xml(f"<w:tblPr {nsdecls('w')}/>")
        grid.element.append(tbl_pr)
    tbl_pr.append(
        parse_xml(
            f"<w:tblBorders {nsdecls('w')}>"
            + "".join(
                f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="{BORDER}"/>'
                for side in ("top", "left", "bottom", "right", "insideH", "insideV")
            )
            + "</w:tblBorders>"
        )
    )
    tbl_pr.append(
        parse_xml(
            f"<w:tblCellMar {nsdecls('w')}>"
            '<w:top w:w="57" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>'
            '<w:bottom w:w="57" w:type="dxa"/><w:right w:w="85" w:type="dxa"/>'
            "</w:tblCellMar>"
        )
    )


# -- building blocks ---------------------------------------------------------------------------


def para(container: Any, text: str = "", style: str | None = None) -> Any:
    """A paragraph whose text is one run: a Jinja tag is never split."""
    paragraph = container.add_paragraph(style=style)
    if text:
        paragraph.add_run(text)
    return paragraph


def tag(container: Any, text: str) -> Any:
    """A paragraph holding only a ``{%p … %}`` or ``{{p … }}`` tag (docxtpl removes it)."""
    return para(container, text)


def fix_widths(table: Any, widths: list[Any]) -> None:
    """Fixed layout with grid, table and cell widths, so Word and LibreOffice agree."""
    widths = [Emu(int(w)) for w in widths]
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    tbl_w = tbl_pr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = parse_xml(f"<w:tblW {nsdecls('w')}/>")
        tbl_pr.append(tbl_w)
    tbl_w.set(qn("w:w"), str(sum(w.twips for w in widths)))
    tbl_w.set(qn("w:type"), "dxa")
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


def header_row(row: Any) -> None:
    """Repeat this row at the top of each page; never split it."""
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(parse_xml(f"<w:cantSplit {nsdecls('w')}/>"))
    tr_pr.append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))


def shade(cell: Any, fill: str) -> None:
    cell._tc.get_or_add_tcPr().append(
        parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fill}"/>')
    )


def no_borders(table: Any) -> None:
    table._tbl.tblPr.append(
        parse_xml(
            f"<w:tblBorders {nsdecls('w')}>"
            + "".join(
                f'<w:{side} w:val="nil"/>'
                for side in ("top", "left", "bottom", "right", "insideH", "insideV")
            )
            + "</w:tblBorders>"
        )
    )


def cell_paragraph(cell: Any, text: str = "", style: str | None = None) -> Any:
    """The cell's first paragraph (python-docx gives each cell one), filled."""
    paragraph = cell.paragraphs[0]
    if style:
        paragraph.style = style
    if text:
        paragraph.add_run(text)
    return paragraph


def page_number(paragraph: Any) -> None:
    # A simple field is a child of the paragraph, not of a run.
    paragraph._p.append(
        parse_xml(
            f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'
        )
    )


# -- the document ------------------------------------------------------------------------------


def page_setup(doc: Any) -> None:
    section = doc.sections[0]
    section.start_type = WD_SECTION_START.NEW_PAGE
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.left_margin = section.right_margin = MARGIN_SIDE
    section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
    section.header_distance = section.footer_distance = Cm(1.0)
    section.different_first_page_header_footer = True
    header = section.header.paragraphs[0]
    header.style = "Header Line"
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    header.add_run("{{ title }}")
    for footer in (section.footer, section.first_page_footer):
        paragraph = footer.paragraphs[0]
        paragraph.style = "Header Line"
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        page_number(paragraph)


def header_block(doc: Any) -> None:
    table = doc.add_table(rows=1, cols=2)
    no_borders(table)
    # The funders' line is the longer ("Funded by the European Union and the Council of
    # Europe"): it gets the room to stay on one line at the header's size.
    funders = TEXT_WIDTH * 3 // 5
    fix_widths(table, [funders, TEXT_WIDTH - funders])
    left, right = table.rows[0].cells
    # Each group: its row of logos (scaled by the exporter to fit the cell), then its lines.
    cell_paragraph(left, "{%p if header.funder_logos %}")
    para(left, "{{r header.funder_logos }}", "Header Logos")
    para(left, "{%p endif %}")
    para(left, "{%p for line in header.funders %}")
    para(left, "{{ line }}", "Header Line")
    para(left, "{%p endfor %}")
    cell_paragraph(right, "{%p if header.implementer_logos %}")
    para(right, "{{r header.implementer_logos }}", "Header Logos").alignment = (
        WD_ALIGN_PARAGRAPH.RIGHT
    )
    para(right, "{%p endif %}")
    para(right, "{%p for line in header.implementers %}")
    para(right, "{{ line }}", "Header Line").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    para(right, "{%p endfor %}")
    tag(doc, "{%p if header.version %}")
    para(doc, "{{ header.version }}", "Version Line")
    tag(doc, "{%p endif %}")


def title_block(doc: Any) -> None:
    para(doc, "{{ title }}", "Title")
    para(doc, "{{r when_where.runs }}", "Subtitle")
    tag(doc, "{%p if organised_by %}")
    para(doc, "{{r organised_by.runs }}", "Organised By")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if organiser_logos %}")
    para(doc, "{{r organiser_logos }}", "Organiser Logos")
    tag(doc, "{%p endif %}")
    para(doc, "{{ labels.outline }}", "Outline Label")


def sections(doc: Any) -> None:
    tag(doc, "{%p for section in sections %}")
    tag(doc, "{%p if section.title %}")
    para(doc, "{{ section.title }}", "Heading 1")
    tag(doc, "{%p endif %}")
    tag(doc, "{{p section.body.paragraphs }}")
    tag(doc, "{%p endfor %}")


def participants(doc: Any) -> None:
    tag(doc, "{%p if not participants.empty %}")
    para(doc, "{{ labels.participants }}", "Heading 1")
    tag(doc, "{{p participants.intro.paragraphs }}")
    tag(doc, "{%p for group in participants.groups %}")
    para(doc, "{{r group.line.runs }}", "List Bullet")
    tag(doc, "{%p endfor %}")
    tag(doc, "{{p participants.eligibility.paragraphs }}")
    tag(doc, "{{p participants.composition.paragraphs }}")
    tag(doc, "{%p for composition_line in participants.composition_lines %}")
    para(doc, "{{r composition_line.runs }}", "List Bullet")
    tag(doc, "{%p endfor %}")
    tag(doc, "{{p participants.allocations_intro.paragraphs }}")
    tag(doc, "{%p for allocation in participants.allocations %}")
    numbered = para(doc, "{{ allocation.number }}.", PARAGRAPH_STYLES["numbered"])
    numbered.add_run("\t")
    numbered.add_run("{{r allocation.label.runs }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{{p participants.total_text.paragraphs }}")
    tag(doc, "{%p if participants.summary %}")
    para(doc, "{{r participants.summary.runs }}", "Seats Summary")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endif %}")


def location(doc: Any) -> None:
    tag(doc, "{%p if location.shown %}")
    para(doc, "{{ labels.location }}", "Heading 1")
    tag(doc, "{%p if location.text %}")
    tag(doc, "{{p location.text.paragraphs }}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p for fact in location.facts %}")
    para(doc, "{{r fact.line.runs }}", PARAGRAPH_STYLES["body"])
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if location.interpretation %}")
    para(doc, "{{ location.interpretation }}", PARAGRAPH_STYLES["body"])
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endif %}")


def programme(doc: Any) -> None:
    tag(doc, "{%p if programme %}")
    para(doc, "{{ labels.programme }}", "Heading 1")
    tag(doc, "{%p for day in programme %}")
    table = doc.add_table(rows=5, cols=2)
    table.style = doc.styles["Programme Table"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    fix_widths(table, [TIME_WIDTH, TEXT_WIDTH - TIME_WIDTH])
    day_row, columns_row, loop_start, slot_row, loop_end = table.rows
    header_row(day_row)
    header_row(columns_row)
    merged = day_row.cells[0].merge(day_row.cells[1])
    shade(merged, DAY_FILL)
    cell_paragraph(
        merged, "{{r day.heading.runs }}", "Day Heading"
    )
    for cell, text in zip(
        columns_row.cells, ("{{ labels.time }}", "{{ labels.content }}"), strict=True
    ):
        shade(cell, HEADER_FILL)
        cell_paragraph(cell, text, "Table Heading")
    cell_paragraph(loop_start.cells[0], "{%tr for slot in day.slots %}")
    cell_paragraph(loop_end.cells[0], "{%tr endfor %}")
    slot_row._tr.get_or_add_trPr().append(parse_xml(f"<w:cantSplit {nsdecls('w')}/>"))
    time_cell, content_cell = slot_row.cells
    cell_paragraph(time_cell, "{% cellbg slot.fill %}{{ slot.time }}", "Slot Time")
    cell_paragraph(content_cell, "{% cellbg slot.fill %}{{p slot.content.paragraphs }}")
    # A short gap between the days' tables.
    para(doc, "")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")


def contacts(doc: Any) -> None:
    """Per organisation, a borderless table: who (left) and how to reach them (right)."""
    tag(doc, "{%p if contacts %}")
    para(doc, "{{ labels.contacts }}", "Heading 1")
    tag(doc, "{%p for group in contacts %}")
    para(doc, "{{ group.label }}", "Contact Group")
    table = doc.add_table(rows=3, cols=2)
    no_borders(table)
    fix_widths(table, [CONTACT_WIDTH, TEXT_WIDTH - CONTACT_WIDTH])
    loop_start, person_row, loop_end = table.rows
    cell_paragraph(loop_start.cells[0], "{%tr for person in group.people %}")
    cell_paragraph(loop_end.cells[0], "{%tr endfor %}")
    person_row._tr.get_or_add_trPr().append(parse_xml(f"<w:cantSplit {nsdecls('w')}/>"))
    who, reach = person_row.cells
    cell_paragraph(who, "{{ person.name }}", "Contact Name")
    para(who, "{%p for line in person.identity_lines %}")
    para(who, "{{r line.runs }}", "Contact Line")
    para(who, "{%p endfor %}")
    # A cell needs one paragraph even when a person has no phone or e-mail.
    cell_paragraph(reach, "", "Contact Name")
    para(reach, "{%p for line in person.contact_lines %}")
    para(reach, "{{r line.runs }}", "Contact Line")
    para(reach, "{%p endfor %}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")


def footnotes_part(doc: Any) -> None:
    """An empty footnotes part with Word's separator notes; the exporter adds the notes."""
    from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f"<w:footnotes {nsdecls('w', 'r')}>"
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240"'
        ' w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0"'
        ' w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p>'
        "</w:footnote></w:footnotes>"
    )
    part = Part(
        PackURI("/word/footnotes.xml"),
        CONTENT_TYPE.WML_FOOTNOTES,
        xml.encode("utf-8"),
        doc.part.package,
    )
    doc.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)


def properties(doc: Any) -> None:
    props = doc.core_properties
    props.author = "confdocs"
    props.last_modified_by = "confdocs"
    props.title = "{{ title }}"
    props.subject = "{{ labels.outline }}"
    props.comments = "Generated by confdocs from the event file."
    props.revision = 1
    props.created = props.modified = FIXED_DATE
    props.last_printed = FIXED_DATE
    # python-docx's blank document carries a thumbnail of itself: not ours to ship.
    package_rels = doc.part.package.rels
    for rel_id, rel in list(package_rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            del package_rels[rel_id]


def slim(doc: Any) -> None:
    """Leave out what python-docx's blank document carries and no confdocs document uses: the
    99 built-in table styles no table refers to (they made styles.xml 357 kB instead of 45 kB)
    and Word 2010's copy of the styles (stylesWithEffects.xml, 438 kB; later Word and
    LibreOffice read styles.xml). Every render parses, copies, writes and compresses each part,
    so these were most of a Word document's bytes and a third of its rendering time. A table
    style stays when a table of the template's names it, when the exporter names it
    (confdocs_docx.styles.TABLE_STYLES), when it is the default, or when a kept style is based
    on it."""
    used = {style_id(name) for name in TABLE_STYLES.values()}
    for part in doc.part.package.iter_parts():
        element = getattr(part, "element", None)
        if element is not None:
            used.update(t.get(qn("w:val")) for t in element.iter(qn("w:tblStyle")))
    styles = doc.styles.element
    tables = [s for s in styles.iterchildren(qn("w:style")) if s.get(qn("w:type")) == "table"]
    kept = {s.get(qn("w:styleId")) for s in tables if s.get(qn("w:styleId")) in used}
    kept |= {s.get(qn("w:styleId")) for s in tables if s.get(qn("w:default")) == "1"}
    by_id = {s.get(qn("w:styleId")): s for s in styles.iterchildren(qn("w:style"))}
    for style_id_ in list(kept):  # what the kept ones are based on
        based = by_id[style_id_].find(qn("w:basedOn"))
        while based is not None and based.get(qn("w:val")) in by_id:
            kept.add(based.get(qn("w:val")))
            based = by_id[based.get(qn("w:val"))].find(qn("w:basedOn"))
    for style in tables:
        if style.get(qn("w:styleId")) not in kept:
            styles.remove(style)
    rels = doc.part.rels
    for rel_id, rel in list(rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            del rels[rel_id]


def build_document() -> Any:
    doc = Document()
    define_styles(doc)
    page_setup(doc)
    # python-docx's blank document starts with one empty paragraph: use it for the header.
    body = doc.element.body
    for paragraph in list(body.iterchildren(qn("w:p"))):
        body.remove(paragraph)
    header_block(doc)
    title_block(doc)
    sections(doc)
    participants(doc)
    location(doc)
    programme(doc)
    contacts(doc)
    footnotes_part(doc)
    complex_script_formatting(doc)
    properties(doc)
    return doc


def deterministic_zip(data: bytes) -> bytes:
    """The same archive with fixed timestamps and order: identical bytes on every run."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def narrow_columns(doc: Any) -> None:
    """A bilingual document's columns are half as wide: prose starts at its language's start
    rather than being justified (which opens wide gaps, and stretches Arabic)."""
    doc.styles[PARAGRAPH_STYLES["body"]].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT


def build_bilingual_document() -> Any:
    """The bilingual template: the same pages and styles, the logos of the first language's
    header, and the table of aligned rows (each column's title block is its first row)."""
    doc = Document()
    define_styles(doc)
    narrow_columns(doc)
    heading_2 = paragraph_style(doc, "Heading 2")
    heading_2.font.size = Pt(11)
    table_style = doc.styles.add_style(TABLE_STYLES["bilingual"], WD_STYLE_TYPE.TABLE)
    table_style.base_style = doc.styles["Normal Table"]
    page_setup(doc)
    body = doc.element.body
    for paragraph in list(body.iterchildren(qn("w:p"))):
        body.remove(paragraph)
    logos = doc.add_table(rows=1, cols=2)
    no_borders(logos)
    half = TEXT_WIDTH // 2
    fix_widths(logos, [half, TEXT_WIDTH - half])
    left, right = logos.rows[0].cells
    cell_paragraph(left, "{{r header.funder_logos }}", "Header Logos")
    cell_paragraph(right, "{{r header.implementer_logos }}", "Header Logos").alignment = (
        WD_ALIGN_PARAGRAPH.RIGHT
    )
    # Always a paragraph between the tables: Word and LibreOffice join adjacent tables into
    # one, and the bilingual table's heading row would then not repeat on every page.
    para(doc, "{{r organiser_logos }}", "Organiser Logos")
    tag(doc, "{{p bilingual.table }}")
    complex_script_formatting(doc)
    properties(doc)
    return doc


def build_template(bilingual: bool = False) -> bytes:
    """A default template's bytes: the outline's, or the bilingual one's."""
    doc = build_bilingual_document() if bilingual else build_document()
    slim(doc)
    buffer = io.BytesIO()
    doc.save(buffer)
    return deterministic_zip(buffer.getvalue())


def main(argv: list[str]) -> int:
    targets = [Path(a) for a in argv[1:3]] or [OUTPUT, BILINGUAL_OUTPUT]
    for target, bilingual in zip(targets, (False, True), strict=False):
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(build_template(bilingual))
        print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
