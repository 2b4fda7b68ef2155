"""The view as the data a Typst layout reads (``data.json``): plain JSON, never markup.

Every text of the event reaches Typst as a JSON string, which Typst typesets literally; no user
text is ever put into Typst markup, so ``#set text(size: 400pt)``, ``\\``, ``$`` or ``]`` in a
title come out as written. Rich text and the view's lines become a small tree of nodes that the
layout renders with Typst functions:

- inlines: ``text`` (``v``), ``strong``/``emph``/``strike`` (``c``), ``code`` (``v``), ``br``,
  ``link`` (``url``, ``c``), ``note`` (``n``, the note's number; ``c``, its text, on the first
  reference only: a later one refers back to it); in a tracked document (``--changes-since``),
  ``ins`` and ``del`` (``c``): what this version added and what it removed;
- blocks: ``heading`` (``level``, ``c``), ``para`` (``c``, ``style``: ``slot-title``, ``note``
  or none), ``list`` (``ordered``, ``start``, ``items``: each a list of blocks), ``quote``
  (``c``: blocks), ``code`` (``v``), ``rule``; and the outline's own: ``programme`` (a day's
  table; each row's ``change``, ``ins`` or ``del`` for a slot one version lacks), ``tracks``
  (parallel sessions, ``items``: each a list of blocks; ``changes``: each one's ``ins``,
  ``del`` or null), ``tally`` (the seats table), ``contacts``.

Heading levels are kept consecutive (a section's ``###`` under its title becomes the next level),
as PDF/UA requires.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from confdocs.rendering import TreeRenderer, clean_text

if TYPE_CHECKING:
    from markdown_it.tree import SyntaxTreeNode

    from confdocs import View
    from confdocs.view import (
        ContactView,
        Line,
        LogoView,
        ParticipantsView,
        RichText,
        SessionView,
        SlotView,
    )

__all__ = [
    "DocumentData",
    "Node",
    "cleaned",
    "document_data",
    "language_parts",
    "layout_basics",
    "text",
    "timestamp",
]

Node = dict[str, Any]

#: The marks of a tracked document, as the view writes them (``confdocs.view.INSERTED``,
#: ``DELETED``) and as inline nodes name them.
_MARKS = ("ins", "del")


def text(value: str) -> Node:
    return {"t": "text", "v": value}


def marked(change: str | None, nodes: list[Node]) -> list[Node]:
    """``nodes`` inside an ``ins`` or ``del`` node when ``change`` says so."""
    if change in _MARKS and nodes:
        return [{"t": change, "c": nodes}]
    return nodes


def shown(value: str | None) -> list[Node]:
    """A plain text of the view as nodes: in a tracked document a text that changed
    (:class:`~confdocs.view.ChangedText`) is its old text deleted and its new one inserted."""
    from confdocs.view import ChangedText

    if isinstance(value, ChangedText):
        return [
            *marked("del", [text(value.old)] if value.old else []),
            *marked("ins", [text(value.new)] if value.new else []),
        ]
    return [text(value)] if value else []


class Notes:
    """Footnotes in reading order: the first reference carries the note's text, later ones
    refer back to it (a PDF footnote has one body)."""

    def __init__(self, view: View, inlines: InlineNodes) -> None:
        self.texts = {note.number: note.text for note in view.notes}
        self.inlines = inlines
        self.placed: set[int] = set()

    def node(self, number: int) -> Node:
        if number in self.placed or number not in self.texts:
            return {"t": "note", "n": number}
        self.placed.add(number)
        return {"t": "note", "n": number, "c": self.inlines.rich(self.texts[number])}

    def unplaced(self) -> list[int]:
        return [n for n in self.texts if n not in self.placed]


class InlineNodes(TreeRenderer[list[Node]]):
    """Inline rich text (a paragraph's children) as nodes, a rule per node type."""

    def __init__(self) -> None:
        super().__init__()
        self.notes: Notes | None = None

    def rich(self, value: RichText) -> list[Node]:
        """Inline rich text: each paragraph (or list item, or code line) on a line of its own,
        for titles, table cells and notes."""
        out: list[Node] = []
        for piece in self._pieces(self.tree(value.tokens)):
            if out:
                out.append({"t": "br"})
            out.extend(piece)
        return out

    def _pieces(self, node: SyntaxTreeNode) -> Iterator[list[Node]]:
        if node.type == "inline":
            yield self.render(node.children)
        elif node.type in ("fence", "code_block"):
            yield [{"t": "code", "v": node.content.rstrip("\n")}]
        else:
            for child in node.children:
                yield from self._pieces(child)

    def render(self, nodes: Sequence[SyntaxTreeNode]) -> list[Node]:
        # A tracked document's words carry their mark (``meta["change"]``).
        return [
            item
            for node in nodes
            for item in marked((node.meta or {}).get("change"), self.node(node, None))
        ]

    def fallback(self, node: SyntaxTreeNode, env: object) -> list[Node]:
        return [text(node.content)] if node.content else self.render(node.children)

    def rule_softbreak(self, node: SyntaxTreeNode, env: object) -> list[Node]:
        return [text(" ")]

    def rule_hardbreak(self, node: SyntaxTreeNode, env: object) -> list[Node]:
        return [{"t": "br"}]

    def rule_code_inline(self, node: SyntaxTreeNode, env: object) -> list[Node]:
        return [{"t": "code", "v": node.content}]

    def rule_strong(self, node: SyntaxTreeNode, env: object) -> list[Node]:
        return [{"t": "strong", "c": self.render(node.children)}]

    def rule_em(self, node: SyntaxTreeNode, env: object) -> list[Node]:
        return [{"t": "emph", "c": self.render(node.children)}]

    def rule_s(self, node: SyntaxTreeNode, env: object) -> list[Node]:
        return [{"t": "strike", "c": self.render(node.children)}]

    def rule_link(self, node: SyntaxTreeNode, env: object) -> list[Node]:
        url = str(node.attrs.get("href", ""))
        return [{"t": "link", "url": url, "c": self.render(node.children)}]

    def rule_image(self, node: SyntaxTreeNode, env: object) -> list[Node]:
        # An image in an event's text is shown by its description: the PDF holds no remote file.
        return self.render(node.children)

    def rule_footnote_ref(self, node: SyntaxTreeNode, env: object) -> list[Node]:
        number = (node.meta or {}).get("number")
        if isinstance(number, int) and self.notes is not None:
            return [self.notes.node(number)]
        return [text(str((node.meta or {}).get("id", "")))]


class BlockNodes(TreeRenderer[list[Node]]):
    """Rich text blocks as nodes; headings placed under ``base`` and kept consecutive."""

    def __init__(self, inlines: InlineNodes, levels: HeadingLevels) -> None:
        super().__init__()
        self.inlines = inlines
        self.levels = levels

    def rich(self, value: RichText | None, base: int) -> list[Node]:
        if value is None:
            return []
        return self.render(self.tree(value.tokens).children, base)

    def render(self, nodes: Sequence[SyntaxTreeNode], base: int) -> list[Node]:
        return [item for node in nodes for item in self.node(node, base)]

    def fallback(self, node: SyntaxTreeNode, base: int) -> list[Node]:
        if node.content:
            return [{"t": "para", "c": [text(node.content)]}]
        return self.render(node.children, base)

    def rule_paragraph(self, node: SyntaxTreeNode, base: int) -> list[Node]:
        return [{"t": "para", "c": self.inlines.render(node.children[0].children)}]

    def rule_heading(self, node: SyntaxTreeNode, base: int) -> list[Node]:
        level = self.levels.place(base + int(node.tag[1]) - 1)
        content = self.inlines.render(node.children[0].children)
        return [{"t": "heading", "level": level, "c": content}]

    def rule_bullet_list(self, node: SyntaxTreeNode, base: int) -> list[Node]:
        ordered = node.type == "ordered_list"
        return [
            {
                "t": "list",
                "ordered": ordered,
                "start": int(node.attrs.get("start", 1)) if ordered else 1,
                "items": [self.render(item.children, base) for item in node.children],
            }
        ]

    rule_ordered_list = rule_bullet_list

    def rule_blockquote(self, node: SyntaxTreeNode, base: int) -> list[Node]:
        return [{"t": "quote", "c": self.render(node.children, base)}]

    def rule_fence(self, node: SyntaxTreeNode, base: int) -> list[Node]:
        return [{"t": "code", "v": node.content.rstrip("\n")}]

    rule_code_block = rule_fence

    def rule_hr(self, node: SyntaxTreeNode, base: int) -> list[Node]:
        return [{"t": "rule"}]


class HeadingLevels:
    """The level of the last heading placed: a heading may go at most one level deeper."""

    def __init__(self) -> None:
        self.last = 0

    def place(self, wanted: int) -> int:
        self.last = max(1, min(wanted, self.last + 1, 6))
        return self.last


class DocumentData:
    """The data of one document: the view's parts as nodes."""

    def __init__(self, view: View) -> None:
        self.view = view
        self.inlines = InlineNodes()
        self.notes = Notes(view, self.inlines)
        self.inlines.notes = self.notes
        self.levels = HeadingLevels()
        self.blocks = BlockNodes(self.inlines, self.levels)

    # -- pieces ----------------------------------------------------------------------------

    def line(self, value: Line | None) -> list[Node]:
        if value is None:
            return []
        out: list[Node] = []
        for span in value:
            if span.note is not None:
                out.append(self.notes.node(span.note))
                continue
            if span.role == "note-separator":  # raised between two references, as they are
                out.append({"t": "sup", "v": span.text})
                continue
            nodes = self.inlines.rich(span.rich) if span.rich is not None else [text(span.text)]
            if span.href is not None:
                nodes = [{"t": "link", "url": span.href, "c": nodes}]
            if span.strong:
                nodes = [{"t": "strong", "c": nodes}]
            out.extend(marked(span.change, nodes))
        return out

    def rich_inline(self, value: RichText | None) -> list[Node]:
        return self.inlines.rich(value) if value is not None else []

    def heading(self, level: int, content: list[Node]) -> Node:
        return {"t": "heading", "level": self.levels.place(level), "c": content}

    def para(self, content: list[Node], style: str = "") -> Node:
        return {"t": "para", "c": content, "style": style}

    # -- the document ----------------------------------------------------------------------

    def make(self) -> dict[str, Any]:
        view = self.view
        labels = view.labels
        # The title block first, as it is read: a note referenced there is placed there (and
        # numbered first), not listed again with the notes nothing referenced.
        when_where = self.line(view.when_where)
        organised_by = self.rich_inline(view.organised_by)
        body: list[Node] = self.changes()
        for section in view.sections:
            if section.title:
                body.append(self.heading(1, shown(section.title)))
            body += self.blocks.rich(section.body, 2 if section.title else 1)
        body += self.participants()
        body += self.location()
        body += self.programme()
        body += self.contacts()
        rest = self.notes.unplaced()
        if rest:
            body.append(self.heading(1, [text(labels["footnotes"])]))
            notes = {n.number: n for n in view.notes}
            body.append(
                {
                    "t": "list",
                    "ordered": False,
                    "start": 1,
                    "items": [[self.para(self.rich_inline(notes[n].text))] for n in rest],
                }
            )
        stamp = view.header.version_date or view.start
        header = view.header
        return {
            "lang": view.language.split("-")[0],
            "region": view.language.split("-")[1] if "-" in view.language else None,
            "dir": view.direction,
            "title": view.title,
            "kind": view.kind,
            "dates": view.dates,
            "place": view.place,
            "when_where": when_where,
            "kicker": labels["outline"],
            "organised_by": organised_by,
            "funders": list(header.funders),
            "implementers": list(header.implementers),
            # The same lines as nodes, with a tracked document's marks.
            "funder_lines": [shown(x) for x in header.funders],
            "implementer_lines": [shown(x) for x in header.implementers],
            "version_line": shown(header.version),
            "funder_logos": logo_nodes("funder", header.funder_logos),
            "implementer_logos": logo_nodes("implementer", header.implementer_logos),
            "organiser_logos": logo_nodes("organiser", view.organiser_logos),
            "version": header.version or "",
            "date": [stamp.year, stamp.month, stamp.day],
            "authors": [*view.authors] or [view.title],
            "page_label": labels["page_of"],
            "labels": labels.as_dict(),
            "body": body,
        }

    def changes(self) -> list[Node]:
        """The change list, first, in a tracked document whose outline has no changes section
        of its own (as the HTML page shows it above the outline)."""
        changes = self.view.changes
        if changes is None or not changes.marked or changes.listed:
            return []
        items = [
            [self.para(self.line(item.line))]
            + [self.para(self.line(excerpt), "note") for excerpt in item.detail]
            for item in changes.items
        ]
        out: list[Node] = [self.heading(1, [text(changes.heading)])]
        if items:
            out.append({"t": "list", "ordered": False, "start": 1, "items": items})
        else:
            out.append(self.para([text(self.view.labels["no_changes"])]))
        return out

    def participants(self) -> list[Node]:
        part = self.view.participants
        if part.empty:
            return []
        labels = self.view.labels
        out: list[Node] = [self.heading(1, [text(labels["participants"])])]
        out += self.blocks.rich(part.intro, 2)
        if part.groups:
            out.append(
                {
                    "t": "list",
                    "ordered": False,
                    "start": 1,
                    "items": [[self.para(self.line(g.line))] for g in part.groups],
                }
            )
        out += self.blocks.rich(part.eligibility, 2)
        out += self.blocks.rich(part.composition, 2)
        if part.composition_lines:
            items = [[self.para(self.line(x))] for x in part.composition_lines]
            out.append({"t": "list", "ordered": False, "start": 1, "items": items})
        out += self.blocks.rich(part.allocations_intro, 2)
        if part.allocations:
            out.append(
                {
                    "t": "list",
                    "ordered": True,
                    "start": part.allocations[0].number,
                    "items": [[self.para(self.rich_inline(a.label))] for a in part.allocations],
                }
            )
        out += self.blocks.rich(part.total_text, 2)
        if part.table:
            out.append(self.tally(part))
        return out

    def tally(self, part: ParticipantsView) -> Node:
        """The seats table."""
        labels = self.view.labels
        return {
            "t": "tally",
            "caption": [text(labels["seats_table"])],
            "header": [[text(labels["group"])], [text(labels["countries"])],
                       [text(labels["seats"])]],
            "rows": [
                {
                    "kind": row.kind,
                    "cells": [
                        self.line(row.label),
                        [text("" if row.countries is None else str(row.countries))],
                        [text(row.seats)],
                    ],
                }
                for row in part.table
            ],
        }

    def location(self) -> list[Node]:
        loc = self.view.location
        if not loc.shown:
            return []
        out: list[Node] = [self.heading(1, [text(self.view.labels["location"])])]
        out += self.blocks.rich(loc.text, 2)
        out += [self.para(self.line(fact.line)) for fact in loc.facts]
        if loc.interpretation:
            out.append(self.para(shown(loc.interpretation)))
        return out

    def programme(self) -> list[Node]:
        view = self.view
        if not view.programme:
            return []
        labels = view.labels
        out: list[Node] = [self.heading(1, [text(labels["programme"])])]
        for day in view.programme:
            out.append(self.heading(2, self.line(day.heading)))
            out.append(
                {
                    "t": "programme",
                    "header": [[text(labels["time"])], [text(labels["content"])]],
                    "rows": [self.row(slot) for slot in day.slots],
                }
            )
        return out

    def row(self, slot: SlotView) -> Node:
        content = self.slot(slot)
        return {
            "break": slot.is_break,
            "time": shown(slot.time),
            "content": content,
            "change": slot.change,
            # Short enough to move to the next page whole: about a third of a page.
            "keep": kept_whole(content),
        }

    def slot(self, slot: SlotView) -> list[Node]:
        out: list[Node] = []
        if slot.heading_line:
            out.append(self.para(self.line(slot.heading_line), "slot-title"))
        for session in slot.own_sessions:
            out += self.session(session)
        if slot.tracks:
            out.append(self.para(self.line(slot.parallel_line), "note"))
            # Parallel sessions side by side: a track each, two to a row.
            out.append(
                {
                    "t": "tracks",
                    "items": [self.session(s) for s in slot.tracks],
                    "changes": [s.change for s in slot.tracks],
                }
            )
        return out

    def session(self, session: SessionView) -> list[Node]:
        out: list[Node] = []
        if session.room_line:
            out.append(self.para(self.line(session.room_line), "note"))
        if session.title is not None:
            out.append(self.para(self.rich_inline(session.title), "slot-title"))
        for fact in (session.time_line, session.interpretation_line, session.link_line):
            if fact:
                out.append(self.para(self.line(fact), "note"))
        if session.body is not None:
            # Headings inside a cell are shown as bold paragraphs: the document's outline
            # (and its bookmarks) is sections, days and contacts.
            out += [
                self.para(node["c"], "slot-title") if node["t"] == "heading" else node
                for node in BlockNodes(self.inlines, HeadingLevels()).rich(session.body, 9)
            ]
        for extra in (session.moderators_line, session.panel_line):
            if extra:
                out.append(self.para(self.line(extra)))
        if session.contributions:
            out.append(
                {
                    "t": "list",
                    "ordered": False,
                    "start": 1,
                    "items": [[self.para(self.line(item.line))] for item in session.contributions],
                }
            )
        if session.discussion is not None and session.discussion.line:
            out.append(self.para(self.line(session.discussion.line), "note"))
        return out

    def contacts(self) -> list[Node]:
        view = self.view
        if not view.contacts:
            return []
        out: list[Node] = [self.heading(1, [text(view.labels["contacts"])])]
        for group in view.contacts:
            out.append(self.heading(2, self.line(group.heading)))
            out.append({"t": "contacts", "people": [self.contact(p) for p in group.people]})
        return out

    def contact(self, person: ContactView) -> list[Node]:
        lines: list[Node] = [{"t": "strong", "c": shown(person.name)}]
        for item in person.lines:
            lines.append({"t": "br"})
            lines += self.line(item)
        return lines


def document_data(view: View) -> dict[str, Any]:
    """What the layout reads as ``data.json``: every text without the characters no document
    may hold (PDF/UA refuses a control character)."""
    return titled(cleaned(DocumentData(view).make()), view.id)


def _visible(nodes: Any) -> bool:
    """Do inline ``nodes`` hold any text that is not blank?"""
    if isinstance(nodes, str):
        return bool(nodes.strip())
    if isinstance(nodes, list):
        return any(_visible(n) for n in nodes)
    if isinstance(nodes, dict):
        return _visible(nodes.get("v")) or _visible(nodes.get("c"))
    return False


def titled(data: dict[str, Any], fallback: str) -> dict[str, Any]:
    """``data`` with a title: PDF/UA requires one, and a title of control characters alone
    has none left once cleaned; the event's id stands in."""
    if not str(data.get("title", "")).strip():
        data["title"] = fallback
    return data


def cleaned(value: Any) -> Any:
    """``value`` (the layout's data) with every text cleaned; a heading left without text (a
    title of control characters) becomes a paragraph, as PDF/UA refuses an empty heading."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        made = {key: cleaned(item) for key, item in value.items()}
        if made.get("t") == "heading" and not _visible(made.get("c")):
            made = {"t": "para", "c": made.get("c", [])}
        return made
    if isinstance(value, list):
        return [cleaned(item) for item in value]
    return value


def document_files(view: View) -> dict[str, bytes]:
    """The images ``data.json`` names (its logos' ``file``), by their names in the layout's
    folder."""
    logos = (
        ("funder", view.header.funder_logos),
        ("implementer", view.header.implementer_logos),
        ("organiser", view.organiser_logos),
    )
    return {
        logo_file(group, i, logo): logo.data
        for group, group_logos in logos
        for i, logo in enumerate(group_logos, 1)
    }


def logo_file(group: str, number: int, logo: LogoView) -> str:
    suffix = "png" if logo.media_type == "image/png" else "jpg"
    return f"logos/{group}-{number}.{suffix}"


def logo_nodes(group: str, logos: Sequence[LogoView]) -> list[Node]:
    """The logos as the layout places them: the file (see :func:`document_files`), the words
    a reader hears, and the proportions."""
    return [
        {
            "file": logo_file(group, i, logo),
            "alt": logo.alt,
            "ratio": logo.width / logo.height,
            "change": logo.change,
        }
        for i, logo in enumerate(logos, 1)
    ]


def timestamp(view: View) -> dt.datetime:
    """The PDF's creation date: the version date, else the first day (reproducible builds);
    ``SOURCE_DATE_EPOCH`` wins when set."""
    import os

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    day = view.header.version_date or view.start
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def layout_basics(view: View, kind: str) -> dict[str, Any]:
    """What any layout made of this view reads besides its own parts: the language, the
    direction, the document's title (``kind``, "Attendance sheet", and the event's title, as
    the language joins a label and its value), the event's title, dates and place, the header
    lines, the date and the page label."""
    from confdocs.view import fill

    stamp = view.header.version_date or view.start
    return {
        **language_parts(view.language, view.direction),
        "document_title": fill(view.labels["label_value"], label=kind, value=view.title).plain,
        "kind": kind,
        "title": view.title,
        "dates": view.dates,
        "place": view.place,
        # The two on one line, joined as the language joins them ("9–10 يونيو 2027، تونس").
        "when_where": view.when_where.plain,
        "funders": list(view.header.funders),
        "implementers": list(view.header.implementers),
        "authors": [*view.authors] or [view.title],
        "date": [stamp.year, stamp.month, stamp.day],
        "page_label": view.labels["page_of"],
    }


def language_parts(language: str, direction: str) -> dict[str, Any]:
    """What Typst's ``text`` takes for a BCP 47 tag (``pt-BR``): ``lang``, ``region``, ``dir``."""
    lang, _, region = language.partition("-")
    return {"lang": lang, "region": region or None, "dir": direction}


#: The most lines a programme row may take and still be kept on one page: a page holds about
#: 55 lines of the programme's text, so a row this long moved whole leaves at most a third of
#: a page empty; a longer one breaks where the page ends. Lines are counted from above (each
#: paragraph and list item a line at least, a line per 60 characters of its text), so a row
#: kept whole always fits a page: Typst cannot break it, and would cut what does not fit.
KEEP_TOGETHER = 18
#: Characters of a line in the content column, at the least.
_LINE = 60


#: The inline nodes (besides ``code``, counted by its own lines wherever it stands).
_INLINE = frozenset({"text", "strong", "emph", "strike", "link", "note", "ins", "del", "br"})
#: Blocks drawn in a box of their own: a line more each, for its border and padding.
_BOXED = frozenset({"tracks", "quote", "code"})


def _lines(nodes: object, width: int = _LINE) -> int:
    """The lines ``nodes`` take at the most, an upper bound (a row kept whole on a page must
    fit it): a run of inline nodes, as a paragraph's, one line, one more per ``width``
    characters of its text (:data:`_LINE`, a line of the content column) and per line break;
    a code block its lines, each as long; a boxed block a line more."""
    if isinstance(nodes, list):
        total, run = 0, []
        for node in nodes:
            if isinstance(node, dict) and node.get("t") in _INLINE:
                run.append(node)
                continue
            total += _run_lines(run, width) + _lines(node, width)
            run = []
        return total + _run_lines(run, width)
    if not isinstance(nodes, dict):
        return 0
    kind = nodes.get("t")
    if kind == "para":
        return max(1, _run_lines(nodes.get("c") or [], width))
    if kind == "code":
        shown = str(nodes.get("v", "")).split("\n")
        return 1 + sum(1 + len(line) // width for line in shown)
    inside = sum(_lines(v, width) for k, v in nodes.items() if k != "v")
    return inside + (len(nodes.get("items") or [1]) if kind in _BOXED else 0)


def _run_lines(run: list[Any], width: int) -> int:
    """The lines of a run of inline nodes: none when empty."""
    if not run:
        return 0
    return 1 + _breaks(run) + _text_size(run) // width


def _breaks(nodes: object) -> int:
    if isinstance(nodes, list):
        return sum(_breaks(n) for n in nodes)
    if isinstance(nodes, dict):
        own = 1 if nodes.get("t") == "br" else 0
        return own + sum(_breaks(v) for k, v in nodes.items() if k != "v")
    return 0


def kept_whole(nodes: object, width: int = _LINE, most: int = KEEP_TOGETHER) -> bool:
    """Whether a row of ``nodes`` (lines of ``width`` characters) is short enough to be kept
    on one page: ``most`` lines (see :data:`KEEP_TOGETHER`)."""
    return _lines(nodes, width) <= most


def _text_size(nodes: object) -> int:
    """The characters of text in ``nodes`` (the values of their ``v`` keys, all levels)."""
    if isinstance(nodes, dict):
        own = len(nodes["v"]) if isinstance(nodes.get("v"), str) else 0
        return own + sum(_text_size(v) for k, v in nodes.items() if k != "v")
    if isinstance(nodes, list):
        return sum(_text_size(n) for n in nodes)
    return 0
