"""The ``pdf`` format's bilingual document: the rows of a :class:`~confdocs.view.BilingualView`
as the data of ``templates/bilingual.typ``, which lays them out in a two-column grid, a grid
row each (so each paragraph, heading and slot starts beside its translation on every page),
each column with its own language and direction.

``data.json`` holds ``columns`` (each ``lang``, ``region``, ``dir`` and ``name``, the language
in itself) and ``rows`` (each ``kind``, and ``cells``: a list of blocks per column, the nodes
``data.py`` describes, plus ``title`` and ``slot``); footnote references are superscript
numbers (``sup``), alike in both columns, and the notes are the last rows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .data import (
    DocumentData,
    Node,
    Notes,
    cleaned,
    kept_whole,
    logo_nodes,
    text,
    titled,
)
from .engine import default_layout
from .exporter import render_layout

if TYPE_CHECKING:
    from confdocs import ExportOptions
    from confdocs.view import BilingualView, Row, View

BILINGUAL_LAYOUT = "bilingual.typ"


class SameNumbers(Notes):
    """A reference is the note's number in superscript: one numbering in both columns, the
    texts side by side at the end (two columns' footnotes would number one after the other)."""

    def node(self, number: int) -> Node:
        return {"t": "sup", "v": str(number)}

    def unplaced(self) -> list[int]:
        return []


class ColumnData(DocumentData):
    """One language's column: each row's blocks in that language."""

    def __init__(self, view: View) -> None:
        super().__init__(view)
        self.notes = SameNumbers(view, self.inlines)
        self.inlines.notes = self.notes

    def cell(self, row: Row, value: Any) -> list[Node]:
        if value is None:
            return []
        kind = row.kind
        if kind == "title":
            return self.title(value)
        if kind == "heading":
            return [self.heading(row.level, [text(value)])]
        if kind == "paragraph":
            return self.blocks.rich(value, 2)
        if kind in ("item", "numbered"):
            ordered = kind == "numbered"
            content = self.rich_inline(value.label) if ordered else self.line(value)
            return [
                {
                    "t": "list",
                    "ordered": ordered,
                    "start": value.number if ordered else 1,
                    "items": [[self.para(content)]],
                }
            ]
        if kind == "line":
            return [self.para(self.line(value))]
        if kind == "seats":
            return [self.tally(value)]
        if kind == "day":
            return [self.heading(2, self.line(value.heading))]
        if kind == "slot":
            return [
                {
                    "t": "slot",
                    "break": value.is_break,
                    "time": [text(value.time)],
                    "content": self.slot(value),
                }
            ]
        if kind == "contact":
            return [self.para(self.contact(value))]
        if kind == "note":
            number = {"t": "sup", "v": str(value.number)}
            return [self.para([number, text(" "), *self.rich_inline(value.text)], "note")]
        raise ValueError(f"no PDF layout for a row of kind {kind!r}")

    def title(self, view: View) -> list[Node]:
        header = view.header
        out = [self.para([text(x)], "header") for x in (*header.funders, *header.implementers)]
        if header.version:
            out.append(self.para([text(header.version)], "header"))
        out.append(self.para([text(view.labels["outline"])], "kicker"))
        out.append(self.para([text(view.title)], "title"))
        out.append(self.para(self.line(view.when_where), "when-where"))
        if view.organised_by is not None:
            out.append(self.para(self.rich_inline(view.organised_by), "organised-by"))
        return out


def _language(view: View) -> dict[str, Any]:
    from babel import Locale

    lang, _, region = view.language.partition("-")
    name = Locale.parse(view.locale).display_name or view.locale
    return {
        "lang": lang,
        "region": region or None,
        "dir": view.direction,
        "name": name[:1].upper() + name[1:],
    }


def bilingual_data(view: BilingualView) -> dict[str, Any]:
    """What the bilingual layout reads as ``data.json``."""
    columns = [ColumnData(v) for v in view.views]
    left = view.left
    header = left.header
    stamp = header.version_date or left.start
    rows = []
    for row in view.rows:
        cells = [c.cell(row, value) for c, value in zip(columns, row.sides, strict=True)]
        # A slot short enough is kept on one page, both sides (a workshop's box was cut
        # under its room line): its longer side, in lines of a column.
        keep = row.kind == "slot" and all(kept_whole(cell, _COLUMN, _KEPT) for cell in cells)
        rows.append({"kind": row.kind, "cells": cells, "keep": keep})
    data = {
        **_language(left),
        "title": f"{left.title} · {view.right.title}",
        "running": left.title,
        "version": header.version or "",
        "date": [stamp.year, stamp.month, stamp.day],
        "authors": [*left.authors] or [left.title],
        "page_label": left.labels["page_of"],
        # The page's furniture in both languages: each title, and "Page 3 of 4" in each.
        "running_right": view.right.title,
        "page_labels": [{**_language(v), "label": v.labels["page_of"]} for v in view.views],
        "funder_logos": logo_nodes("funder", header.funder_logos),
        "implementer_logos": logo_nodes("implementer", header.implementer_logos),
        "organiser_logos": logo_nodes("organiser", left.organiser_logos),
        "columns": [_language(v) for v in view.views],
        "rows": rows,
    }
    return titled(cleaned(data), left.id)


#: Characters of a line in a column of the bilingual layout, at the least (half the page,
#: less the time of a slot).
_COLUMN = 36
#: The most lines of a slot kept on one page: a page of this layout holds about 60, so a slot
#: moved whole leaves at most half of one empty (a slot of parallel sessions, boxed, is
#: the one a reader minds cut the most).
_KEPT = 30


def render_bilingual_pdf(view: BilingualView, options: ExportOptions) -> bytes:
    """The bilingual PDF for ``view``: the default layout, or ``options["template"]``."""
    layout = default_layout(BILINGUAL_LAYOUT)
    return render_layout(view.left, options, bilingual_data(view), "pdf", layout)
