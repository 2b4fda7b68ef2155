"""The ``docx`` format's bilingual document: the rows of a :class:`~confdocs.view.BilingualView`
in one two-column table, a table row per aligned row, so that each paragraph, heading and slot
starts beside its translation on every page, however long either language runs.

Each column is written as the single-language document writes its parts (the same styles, the
same slot cells), in its own language: its paragraphs run in its direction (``w:bidi``), its
runs carry its language (``w:lang``, so Word spell-checks each column in its own). Footnotes
are numbered alike in both columns (each language's references are superscript numbers) and
their texts are the last rows, side by side. The template (``templates/bilingual.docx``, or
``--template``) places the table with ``{{p bilingual.table }}``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .context import SHADE, SHADED_KINDS, ContextBuilder
from .language import in_language
from .pictures import Pictures
from .styles import TABLE_STYLES, paragraph_style, style_id
from .values import Fragment, Recorder
from .wordml import (
    PROSE,
    Converted,
    Format,
    LinkTarget,
    paragraph,
    run,
    tab_run,
)

if TYPE_CHECKING:
    from confdocs import ExportOptions
    from confdocs.view import BilingualView, ContactView, Row, View

BILINGUAL_TEMPLATE = "bilingual.docx"
#: The text width of the default templates (A4 less 2.2 cm margins), in twentieths of a point,
#: split between the two columns.
TABLE_WIDTH = 9580
COLUMN_WIDTH = TABLE_WIDTH // 2
#: Cell margins inside a column: what a nested table (parallel sessions, seats) may fill.
CELL_MARGIN = 115
INNER_WIDTH = COLUMN_WIDTH - 2 * CELL_MARGIN
#: Rows that may break across pages (a long paragraph); every other row stays whole, but a
#: slot with parallel sessions (which may be most of a page in a half-width column).
BREAKABLE = frozenset({"paragraph"})
#: Rows that belong with the row after them (a heading, a day's date).
KEPT_WITH_NEXT = frozenset({"heading", "day", "title"})


def superscript(number: int) -> str:
    """A footnote reference as the note's number in superscript: one numbering in both
    columns (Word would number two columns' footnotes one after the other)."""
    return run(str(number), Format(superscript=True))


class Column:
    """One language's column: its view, and its parts as Word paragraphs."""

    def __init__(
        self, view: View, link_target: LinkTarget, recorder: Recorder, pictures: Pictures
    ) -> None:
        self.view = view
        self.builder = ContextBuilder(
            view, link_target, recorder, pictures, superscript, (INNER_WIDTH, 1)
        )
        self.rtl = view.direction == "rtl"
        self.language = view.regional_language

    def cell(self, row: Row, value: Any) -> Converted:
        """The paragraphs ``row`` holds in this language (one empty paragraph for nothing: a
        cell holds at least one)."""
        made = self.paragraphs(row, value) if value is not None else []
        xml = "".join(part.xml for part in made) or paragraph("")
        texts = [t for m in made for t in m.texts]
        return Converted(in_language(xml, self.language, self.rtl), texts)

    def paragraphs(self, row: Row, value: Any) -> list[Converted]:
        b = self.builder
        kind = row.kind
        if kind == "title":
            return self.title(value)
        if kind == "heading":
            style = "Heading1" if row.level == 1 else "Heading2"
            return [self.text(value, style)]
        if kind == "paragraph":
            return [b.blocks(PROSE).convert(value.tokens)]
        if kind == "item":
            return [self.line(value, paragraph_style("bullet"))]
        if kind == "numbered":
            label = b.runs_of(value.label)
            runs = run(f"{value.number}.") + tab_run() + label.xml
            return [Converted(paragraph(runs, paragraph_style("numbered")), label.texts)]
        if kind == "line":
            return [self.line(value, paragraph_style("body"))]
        if kind == "seats":
            return [self.seats(value)]
        if kind == "day":
            return [self.line(value.heading, style_id("Day Heading"))]
        if kind == "slot":
            return [self.text(value.time, style_id("Slot Time")), b.slot_paragraphs(value)]
        if kind == "contact":
            return self.contact(value)
        if kind == "note":
            note = b.runs_of(value.text)
            runs = superscript(value.number) + run(" ") + note.xml
            return [Converted(paragraph(runs, paragraph_style("footnote")), note.texts)]
        raise ValueError(f"no Word layout for a row of kind {kind!r}")

    def text(self, value: str, style: str) -> Converted:
        return Converted(paragraph(run(value), style), [value]) if value else Converted("", [])

    def line(self, value: Any, style: str) -> Converted:
        runs = self.builder.line_runs(value)
        return Converted(paragraph(runs.xml, style), runs.texts) if runs.xml else runs

    def title(self, view: View) -> list[Converted]:
        b = self.builder
        header = view.header
        lines = (*header.funders, *header.implementers)
        made = [self.text(x, style_id("Header Line")) for x in lines]
        if header.version:
            made.append(self.text(header.version, style_id("Version Line")))
        made.append(self.text(view.title, "Title"))
        made.append(self.line(view.when_where, "Subtitle"))
        if view.organised_by is not None:
            runs = b.runs_of(view.organised_by)
            made.append(Converted(paragraph(runs.xml, style_id("Organised By")), runs.texts))
        made.append(self.text(view.labels["outline"], style_id("Outline Label")))
        return made

    def contact(self, person: ContactView) -> list[Converted]:
        made = [self.text(person.name, style_id("Contact Name"))]
        made += [self.line(x, style_id("Contact Line")) for x in person.lines]
        return made

    def seats(self, participants: Any) -> Converted:
        """The seats table, nested in the column: group, countries, seats."""
        labels = self.view.labels
        rows = [[labels["group"], labels["countries"], labels["seats"]]]
        texts = list(rows[0])
        cells = []
        for row in participants.table:
            label = self.builder.line_runs(row.label)
            texts += [*label.texts, row.seats]
            countries = "" if row.countries is None else str(row.countries)
            cells.append([label.xml, run(countries), run(row.seats)])
        widths = (INNER_WIDTH - 2 * 1100, 1100, 1100)
        head = [run(x, Format(bold=True)) for x in rows[0]]
        body = "".join(
            _row(_cell(width, paragraph(content)) for width, content in zip(widths, r, strict=True))
            for r in [head, *cells]
        )
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
        table = (
            f'<w:tbl><w:tblPr><w:tblW w:w="{INNER_WIDTH}" w:type="dxa"/>{_BORDERS}'
            f'<w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{body}</w:tbl>'
        )
        # A cell ends with a paragraph.
        return Converted(table + paragraph(""), texts)


_BORDER = '<w:{side} w:val="single" w:sz="4" w:space="0" w:color="BFBFBF"/>'
_BORDERS = (
    "<w:tblBorders>"
    + "".join(
        _BORDER.format(side=s) for s in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    + "</w:tblBorders>"
)


def _cell(width: int, content: str, extra: str = "") -> str:
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{extra}</w:tcPr>{content}</w:tc>'


def _row(cells: Iterable[str], properties: str = "<w:cantSplit/>") -> str:
    return f"<w:tr><w:trPr>{properties}</w:trPr>{''.join(cells)}</w:tr>"


def bilingual_table(view: BilingualView, columns: list[Column]) -> Converted:
    """The aligned rows as a two-column table: a header row naming each column's language (in
    that language; repeated on every page), then a row per aligned row."""
    from babel import Locale

    head = []
    for column in columns:
        name = Locale.parse(column.view.locale).display_name or column.view.locale
        head.append(column.text(name[:1].upper() + name[1:], style_id("Table Heading")))
    shaded = '<w:shd w:val="clear" w:color="auto" w:fill="1F3864"/>'
    cells = (
        _cell(COLUMN_WIDTH, in_language(x.xml, c.language, c.rtl), shaded)
        for x, c in zip(head, columns, strict=True)
    )
    rows = [_row(cells, "<w:cantSplit/><w:tblHeader/>")]
    texts = [t for x in head for t in x.texts]
    for row in view.rows:
        made = [c.cell(row, value) for c, value in zip(columns, row.sides, strict=True)]
        texts += [t for m in made for t in m.texts]
        fill = ""
        if row.kind == "slot" and row.left is not None and row.left.kind in SHADED_KINDS:
            fill = f'<w:shd w:val="clear" w:color="auto" w:fill="{SHADE}"/>'
        whole = row.kind not in BREAKABLE and not (row.kind == "slot" and _has_tracks(row))
        properties = "<w:cantSplit/>" if whole else ""
        rows.append(
            _row((_cell(COLUMN_WIDTH, m.xml, fill) for m in made), properties)
        )
    grid = f'<w:gridCol w:w="{COLUMN_WIDTH}"/>' * 2
    inside = '<w:insideV w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/>'
    props = (
        f'<w:tblPr><w:tblStyle w:val="{style_id(TABLE_STYLES["bilingual"])}"/>'
        f'<w:tblW w:w="{TABLE_WIDTH}" w:type="dxa"/>'
        f"<w:tblBorders>{inside}</w:tblBorders>"
        '<w:tblLayout w:type="fixed"/>'
        f'<w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="{CELL_MARGIN}" w:type="dxa"/>'
        f'<w:bottom w:w="40" w:type="dxa"/><w:right w:w="{CELL_MARGIN}" w:type="dxa"/>'
        "</w:tblCellMar>"
        '<w:tblLook w:val="0000"/></w:tblPr>'
    )
    table = f"<w:tbl>{props}<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"
    return Converted(table, texts)


def _has_tracks(row: Row) -> bool:
    return any(side is not None and side.tracks for side in row.sides)


def render_bilingual_docx(view: BilingualView, options: ExportOptions) -> bytes:
    """The bilingual document for ``view``: the default template, or ``options["template"]``.

    The template's variables: ``bilingual.table`` (the table, for ``{{p … }}``), ``title``,
    ``header`` (``funder_logos``, ``implementer_logos``, ``version``) and ``organiser_logos``
    of the first language, and ``left`` and ``right`` (each ``title``, ``language``,
    ``labels``) for each language."""
    from .exporter import default_template_bytes, render_document

    def context(link_target: LinkTarget, recorder: Recorder, pictures: Pictures) -> dict[str, Any]:
        columns = [Column(v, link_target, recorder, pictures) for v in view.views]
        table = bilingual_table(view, columns)
        first = columns[0].builder
        header = view.left.header
        return {
            "title": first.text(view.left.title),
            "header": {
                "funder_logos": first.logos(header.funder_logos, "funders"),
                "implementer_logos": first.logos(header.implementer_logos, "implementers"),
                "version": first.text(header.version),
            },
            "organiser_logos": first.logos(view.left.organiser_logos, "organisers"),
            "labels": {k: first.text(x) for k, x in view.left.labels.as_dict().items()},
            **{
                side: {
                    "title": c.builder.text(c.view.title),
                    "language": c.builder.text(c.view.language),
                    "labels": {k: c.builder.text(x) for k, x in c.view.labels.as_dict().items()},
                }
                for side, c in zip(("left", "right"), columns, strict=True)
            },
            "bilingual": {"table": Fragment(table.xml, table.texts, recorder)},
        }

    title = f"{view.left.title} · {view.right.title}"
    default = default_template_bytes(BILINGUAL_TEMPLATE)
    return render_document(view.left, options, default, BILINGUAL_TEMPLATE, context, None, title)
