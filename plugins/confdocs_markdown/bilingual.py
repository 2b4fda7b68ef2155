"""The ``md`` format's bilingual document: Markdown has no columns, so each part of the
:class:`~confdocs.view.BilingualView` (the title block, a section, the participants, the
location, a day of the programme, the contacts, the notes) is given in the first language, then
in the second, each written as the one-language outline writes it. Footnote labels are each
language's own (``[^fr-1]``, ``[^ar-1]``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from confdocs import TemplateError

from .escaping import MarkdownSafe, clean, escape
from .exporter import footnote, strong
from .notes import labels_prefixed
from .programme import hardbreaks, render_line, slot_lines
from .rendering import to_inline, to_markdown

if TYPE_CHECKING:
    from confdocs import ExportOptions
    from confdocs.view import AlignedPart, BilingualView, Row, View


def render_bilingual_markdown(view: BilingualView, options: ExportOptions) -> bytes:
    """Each part of ``view`` in both languages, one after the other."""
    if options.get("template"):
        raise TemplateError(
            "the bilingual Markdown is made without a template (each part in both languages, "
            "as the outline's own template writes it): build it without --template"
        )
    blocks: list[str] = []
    for part in view.parts:
        for index, side in enumerate(view.views):
            with labels_prefixed(f"{side.language}-"):
                blocks.extend(part_blocks(part, index, side))
    text = "\n\n".join(b.strip("\n") for b in blocks if b.strip())
    return (clean(text).rstrip("\n") + "\n").encode("utf-8")


def part_blocks(part: AlignedPart, index: int, view: View) -> list[str]:
    """The blocks of ``part`` in the language of ``view`` (the side ``index`` of its rows)."""
    blocks: list[str] = []
    slots: list[Any] = []
    previous = ""
    for row in part.rows:
        value = row.sides[index]
        if value is None:
            continue
        if row.kind == "slot":
            slots.append(value)
            continue
        block = row_block(row, value, view)
        if row.kind == previous and row.kind in LIST_ROWS:
            blocks[-1] += "\n" + block  # one list, not a list per item
        else:
            blocks.append(block)
        previous = row.kind
    if slots:
        blocks.append(programme_table(slots, view))
    return blocks


#: Rows that are items of a list: those in a row make one list.
LIST_ROWS = frozenset({"item", "numbered"})


def row_block(row: Row, value: Any, view: View) -> str:
    kind = row.kind
    if kind == "title":
        return title_block(value)
    if kind == "heading":
        return f"{'#' * (row.level + 1)} {escape(value)}"
    if kind == "paragraph":
        return str(to_markdown(value, 1))
    if kind == "item":
        return f"- {render_line(value)}"
    if kind == "numbered":
        return f"{value.number}. {to_inline(value.label)}"
    if kind == "line":
        return str(render_line(value))
    if kind == "seats":
        return seats_table(value, view)
    if kind == "day":
        return f"### {render_line(value.heading)}"
    if kind == "contact":
        return str(hardbreaks([strong(value.name), *value.lines]))
    if kind == "note":
        return str(footnote(value.number, to_markdown(value.text)))
    raise ValueError(f"no Markdown for a row of kind {kind!r}")


def title_block(view: View) -> str:
    header = view.header
    lines: list[str] = [escape(x) for x in (*header.funders, *header.implementers)]
    if header.version:
        lines.append(escape(header.version))
    lines += [f"# {escape(view.title)}", str(render_line(view.when_where))]
    if view.organised_by is not None:
        lines.append(str(to_markdown(view.organised_by)))
    lines.append(str(strong(view.labels["outline"])))
    return "\n\n".join(lines)


def programme_table(slots: list[Any], view: View) -> str:
    """A day's slots as the outline's table: time, and what each slot says line by line."""
    labels = view.labels
    rows = [f"| {escape(labels['time'])} | {escape(labels['content'])} |", "| :--- | :--- |"]
    for slot in slots:
        lines = slot_lines(slot) or [MarkdownSafe("")]
        for i, line in enumerate(lines):
            rows.append(f"| {escape(slot.time) if i == 0 else ''} | {line} |")
    return "\n".join(rows)


def seats_table(participants: Any, view: View) -> str:
    labels = view.labels
    rows = [
        f"| {escape(labels['seats_table'])} | {escape(labels['countries'])} | "
        f"{escape(labels['seats'])} |",
        "| :--- | ---: | ---: |",
    ]
    for row in participants.table:
        countries = "" if row.countries is None else str(row.countries)
        rows.append(f"| {render_line(row.label, False)} | {countries} | {escape(row.seats)} |")
    return "\n".join(rows)
