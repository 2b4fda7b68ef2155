"""The view as the variables of a Word template (documented in docs/docx-templates.md).

The names follow :class:`confdocs.view.View`; text becomes :class:`Text`, rich text becomes
:class:`Rich`, and a few ready-made pieces are added for Word: a participant group's line with
its footnote references, a programme slot's cell content, a contact's lines.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

import attrs

from confdocs.view import (
    DELETED,
    INSERTED,
    ChangedText,
    ContactView,
    ContributionView,
    DiscussionView,
    GroupView,
    Line,
    LogoView,
    RichText,
    SessionView,
    SlotView,
    View,
    span_direction,
)

from .pictures import Pictures
from .revisions import marked, tracked_reference
from .styles import paragraph_style
from .values import Fragment, LazyList, Recorder, Rich, Text, TrackedText
from .wordml import (
    CELL,
    PLAIN,
    PROSE,
    BlockConverter,
    BlockStyles,
    Converted,
    Format,
    InlineConverter,
    LinkTarget,
    break_run,
    clean,
    hyperlink,
    join_paragraphs_as_runs,
    note_reference,
    paragraph,
    run,
)

#: Slot kinds whose programme row is shaded, and the shade.
SHADED_KINDS = frozenset({"break", "meal", "photo", "end", "preparation"})
SHADE = "F2F2F2"
#: LEFT-TO-RIGHT MARK.
#: LEFT-TO-RIGHT and RIGHT-TO-LEFT MARKS, by the direction they hold a span in.
MARKS = {"ltr": "\u200e", "rtl": "\u200f"}


class ContextBuilder:
    """The template's variables for one view. ``note_ref`` makes a reference to a note (a
    Word footnote's, by default); ``tracks`` is the width of a slot's table of parallel
    sessions and how many it puts in a row."""

    def __init__(
        self,
        view: View,
        link_target: LinkTarget | None,
        recorder: Recorder,
        pictures: Pictures | None = None,
        note_ref: Callable[[int], str] = note_reference,
        tracks: tuple[int, int] | None = None,
        tracked: bool = False,
    ) -> None:
        self.view = view
        self.pictures = pictures
        self.recorder = recorder
        self.link_target = link_target
        self.note_ref = note_ref
        self.tracks = tracks or (TRACKS_WIDTH, TRACKS_PER_ROW)
        #: A tracked document: every text the reader reads goes in between markers saying
        #: whether it is unchanged, deleted or inserted (resolved by :mod:`.revisions`).
        self.tracked = tracked
        self.inline = InlineConverter(link_target, note_ref, tracked)
        self.labels = view.labels
        self.direction = view.direction
        # Each text is converted once (a slot's cell and its sessions show the same texts);
        # keyed by identity, the view keeping every value alive while the context is used.
        self._runs: dict[int, Converted] = {}
        self._line_runs: dict[int, Converted] = {}
        self._blocks: dict[BlockStyles, BlockConverter] = {}

    # -- values ------------------------------------------------------------------------------

    def text(self, value: object) -> Text:
        return Text("" if value is None else value, self.recorder)

    def label(self, key: str, value: str) -> Text:
        """A label: the template's own text, but in a tracked document the heading of a part
        only one version has goes with the part."""
        change = self.view.changes.parts.get(key) if self.tracked and self.view.changes else None
        if change:
            return TrackedText(marked(clean(value), change), [value], self.recorder)
        return self.text(value)

    def number(self, value: int, change: str | None) -> int | Text:
        """A number the template prints; in a tracked document, marked with the change of
        the item it numbers."""
        if not self.tracked:
            return value
        return TrackedText(marked(str(value), change), [str(value)], self.recorder)

    def shown(self, value: object) -> Text:
        """A text the reader reads; in a tracked document, marked unchanged, or (a text that
        changed) its old text deleted and its new one inserted."""
        if not self.tracked or value is None or value == "":
            return self.text(value)
        if isinstance(value, ChangedText):
            pieces = [(value.old, "del"), (value.new, "ins")]
            return TrackedText(
                "".join(marked(clean(t), c) for t, c in pieces if t),
                [t for t, _ in pieces if t],
                self.recorder,
            )
        text = str(value)
        return TrackedText(marked(clean(text), None), [text], self.recorder)

    def line_text(self, value: Line) -> Text:
        """A line of the view as text (``{{ group.label }}``); in a tracked document each
        span between the markers of its change."""
        if not self.tracked:
            return self.text(value.plain)
        pieces = [(span.text, span.change) for span in value if span.text]
        return TrackedText(
            "".join(marked(clean(t), c) for t, c in pieces), [t for t, _ in pieces], self.recorder
        )

    def fragment(self, converted: Converted) -> Fragment:
        return Fragment(converted.xml, converted.texts, self.recorder)

    def rich(self, value: RichText | None, styles: BlockStyles = PROSE) -> Rich:
        if value is None:
            empty = Converted("", [])
            return Rich(self.fragment(empty), self.fragment(empty), self.text(""))
        blocks = self.blocks(styles).convert(value.tokens)
        runs = self.runs_of(value)
        return Rich(self.fragment(runs), self.fragment(blocks), self.text(value.plain))

    def blocks(self, styles: BlockStyles = PROSE) -> BlockConverter:
        """The converter of whole texts in ``styles``: one per builder (it keeps no state
        between texts, and finding its rules took a tenth of the context's time when each
        text made its own)."""
        converter = self._blocks.get(styles)
        if converter is None:
            converter = self._blocks[styles] = BlockConverter(self.inline, styles)
        return converter

    def runs_of(self, value: RichText) -> Converted:
        converted = self._runs.get(id(value))
        if converted is None:
            converted = self._runs[id(value)] = runs_of(self.inline, value, self.tracked)
        return converted

    def made(self, runs: list[Converted], paragraphs: list[str], plain: str) -> Rich:
        """A Rich value assembled here from pieces (a group line, a slot's cell)."""
        texts = [t for part in runs for t in part.texts]
        run_xml = "".join(part.xml for part in runs)
        return Rich(
            Fragment(run_xml, texts, self.recorder),
            Fragment(
                "".join(paragraphs) or (paragraph(run_xml) if run_xml else ""), texts, self.recorder
            ),
            self.text(plain),
        )

    def plain_run(self, text: str, fmt: Format = PLAIN) -> Converted:
        return Converted(run(text, fmt), [text])

    def line_runs(self, value: Line | None) -> Converted:
        """A line of the view as runs: rich spans through the inline converter, references as
        footnote references, links as hyperlinks, strong spans in bold."""
        if value is None:
            return Converted("", [])
        made = self._line_runs.get(id(value))
        if made is not None:
            return made
        xml: list[str] = []
        texts: list[str] = []
        for span in value:
            if span.note is not None:
                xml.append(tracked_reference(self.note_ref(span.note), span.change))
                continue
            # Word has no isolates: a span running against the document is held between two
            # direction marks, so the punctuation after it ("(SN) (30 دقيقة)", a phone's "+")
            # stays where the line put it. The text itself is unchanged: the loss check
            # still finds it.
            direction = span_direction(span, self.direction)
            mark = run(MARKS[direction]) if direction is not None else ""
            if span.rich is not None:
                converted = self.runs_of(span.rich)
                if self.tracked:
                    # A text whose direction changed between the versions: each version's
                    # marks, deleted and inserted as its words are.
                    before = attrs.evolve(span, text=span.rich.previous_plain)
                    old = span_direction(before, self.direction)
                    if old != direction:
                        mark = "".join(
                            run(marked(MARKS[way], change))
                            for way, change in ((old, DELETED), (direction, INSERTED))
                            if way is not None
                        )
                xml.append(mark + converted.xml + mark)
                texts.extend(converted.texts)
                continue
            linked = span.href is not None and self.link_target is not None
            text = clean(span.text) if self.tracked else span.text
            if direction:
                text = f"{MARKS[direction]}{text}{MARKS[direction]}"
            if self.tracked:
                text = marked(text, span.change)
            fmt = _SEPARATOR if span.role == "note-separator" else _formats(span.strong, linked)
            piece = run(text, fmt)
            if linked:
                assert span.href is not None and self.link_target is not None
                piece = hyperlink(piece, self.link_target(span.href))
            xml.append(piece)
            texts.append(span.text)
        made = self._line_runs[id(value)] = Converted("".join(xml), texts)
        return made

    def refs_xml(self, numbers: Sequence[int]) -> str:
        """References to the notes ``numbers``, the view's separator raised between two."""
        between = run(self.labels["note_separator"], _SEPARATOR)
        return between.join(self.note_ref(n) for n in numbers)

    def line(self, value: Line | None) -> Rich:
        """A line of the view as a Rich value: ``.runs``, ``.paragraphs`` and ``.plain``."""
        converted = self.line_runs(value)
        return self.made([converted], [], value.plain if value is not None else "")

    # -- the context -------------------------------------------------------------------------

    def build(self) -> dict[str, Any]:
        view = self.view
        return {
            "id": self.text(view.id),
            "title": self.shown(view.title),
            "kind": self.text(view.kind),
            "dates": self.shown(view.dates),
            "place": self.shown(view.place),
            "when_where": self.line(view.when_where),
            "locale": self.text(view.locale),
            "language": self.text(view.language),
            "audience": self.text(view.audience),
            "organised_by": self.rich(view.organised_by),
            "labels": {key: self.label(key, value) for key, value in self.labels.as_dict().items()},
            "header": {
                "funders": [self.shown(x) for x in view.header.funders],
                "implementers": [self.shown(x) for x in view.header.implementers],
                "version": self.shown(view.header.version),
                "funder_logos": self.logos(view.header.funder_logos, "funders"),
                "implementer_logos": self.logos(view.header.implementer_logos, "implementers"),
            },
            "organiser_logos": self.logos(view.organiser_logos, "organisers"),
            "sections": [
                {"id": self.text(s.id), "title": self.shown(s.title), "body": self.rich(s.body)}
                for s in view.sections
            ],
            "participants": self.participants(),
            "location": self.location(),
            "programme": [
                {
                    "date": self.text(day.date.isoformat()),
                    "date_text": self.shown(day.date_text),
                    "title": self.shown(day.title),
                    "heading": self.line(day.heading),
                    "slots": [self.slot(slot) for slot in day.slots],
                }
                for day in view.programme
            ],
            "contacts": [
                {
                    "organisation": self.shown(group.organisation),
                    # The heading, where templates have always put the label: the outline's
                    # and the letters' say the organisation the label does not name.
                    "label": self.line_text(group.heading),
                    "heading": self.line(group.heading),
                    "written_label": self.shown(group.label),
                    "people": [self.person(p) for p in group.people],
                }
                for group in view.contacts
            ],
            "notes": [
                {"number": n.number, "id": self.text(n.id), "text": self.rich(n.text)}
                for n in view.notes
            ],
            "extra": self.plain_data(view.extra),
        }

    def logos(self, logos: tuple[LogoView, ...], where: str) -> Fragment:
        """A row of logos as runs of pictures (``{{r header.funder_logos }}``)."""
        xml = self.pictures.row(logos, where, self.tracked) if self.pictures is not None else ""
        return Fragment(xml, [], self.recorder)

    def plain_data(self, value: Any) -> Any:
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, RichText):
            return self.rich(value)
        if isinstance(value, Mapping):
            return {str(k): self.plain_data(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [self.plain_data(v) for v in value]
        return value

    # -- participants ------------------------------------------------------------------------

    def participants(self) -> dict[str, Any]:
        part = self.view.participants
        return {
            "empty": part.empty,
            "intro": self.rich(part.intro),
            "groups": [self.group(g) for g in part.groups],
            "eligibility": self.rich(part.eligibility),
            "roles": [
                {
                    "id": self.text(r.id),
                    "label": self.rich(r.label),
                    "per_delegation": r.per_delegation,
                    "line": self.line(r.line),
                }
                for r in part.roles
            ],
            "composition": self.rich(part.composition),
            "composition_lines": [self.line(x) for x in part.composition_lines],
            "allocations_intro": self.rich(part.allocations_intro),
            "allocations": [
                {
                    "number": self.number(a.number, a.change),
                    "id": self.text(a.id),
                    "label": self.rich(a.label),
                    "seats": a.seats,
                }
                for a in part.allocations
            ],
            "total_text": self.rich(part.total_text),
            "country_count": part.country_count,
            "delegation_seats": part.delegation_seats,
            "organisation_seats": part.organisation_seats,
            "total": part.total,
            "stated_total": part.stated_total,
            "approximate": part.approximate,
            "table": [
                {
                    "kind": self.text(row.kind),
                    "label": self.line(row.label),
                    "countries": row.countries,
                    "seats": self.shown(row.seats),
                }
                for row in part.table
            ],
            "summary": self.line(part.summary),
        }

    def group(self, group: GroupView) -> dict[str, Any]:
        return {
            "id": self.text(group.id),
            "project": self.shown(group.project),
            "url": self.text(group.url),
            "countries": [
                {
                    "code": self.text(c.code),
                    "name": self.shown(c.name),
                    "seats": c.seats,
                    "notes": list(c.notes),
                    "refs": Fragment(self.refs_xml(c.notes), [], self.recorder),
                }
                for c in group.countries
            ],
            "seats": group.seats,
            "seats_per_country": group.seats_per_country,
            "notes": list(group.notes),
            "refs": Fragment(self.refs_xml(group.notes), [], self.recorder),
            "line": self.line(group.line),
            "countries_line": self.line(group.countries_line),
        }

    # -- location ----------------------------------------------------------------------------

    def location(self) -> dict[str, Any]:
        loc = self.view.location
        return {
            "shown": loc.shown,
            "venue": self.shown(loc.venue),
            "address": self.shown(loc.address),
            "city": self.shown(loc.city),
            "country": self.shown(loc.country),
            "mode": self.text(loc.mode),
            "mode_label": self.shown(loc.mode_label),
            "url": self.text(loc.url),
            "text": self.rich(loc.text),
            "languages": [self.shown(x) for x in loc.languages],
            "languages_text": self.shown(loc.languages_text),
            "interpretation": self.shown(loc.interpretation),
            "facts": [
                {
                    "key": self.text(f.key),
                    "label": self.text(f.label),
                    "value": self.line(f.value),
                    "line": self.line(f.line),
                }
                for f in loc.facts
            ],
        }

    # -- programme ---------------------------------------------------------------------------

    def slot(self, slot: SlotView) -> dict[str, Any]:
        return {
            "id": self.text(slot.id),
            "kind": self.text(slot.kind),
            "start": self.shown(slot.start),
            "end": self.shown(slot.end),
            "time": self.shown(slot.time),
            "all_day": slot.all_day,
            "title": self.rich(slot.title),
            "heading": self.shown(slot.heading),
            "heading_line": self.line(slot.heading_line),
            "continuation": slot.continuation,
            "sessions": LazyList(lambda: [self.session(s) for s in slot.sessions]),
            "content": self.slot_content(slot),
            "shaded": slot.kind in SHADED_KINDS,
            "fill": SHADE if slot.kind in SHADED_KINDS else "auto",
        }

    def session(self, session: SessionView) -> dict[str, Any]:
        return {
            "room": self.shown(session.room),
            "room_line": self.line(session.room_line),
            "track": session.track,
            "time": self.text(session.time),
            "time_line": self.line(session.time_line),
            "interpretation_line": self.line(session.interpretation_line),
            "url": self.text(session.url),
            "link_line": self.line(session.link_line),
            "title": self.rich(session.title),
            "body": self.rich(session.body, CELL),
            "moderators": [self.shown(m.name) for m in session.moderators],
            "moderators_line": self.line(session.moderators_line),
            "panel": session.panel,
            "panel_line": self.line(session.panel_line),
            "contributions": [self.contribution(c) for c in session.contributions],
            "discussion": None
            if session.discussion is None
            else self.discussion(session.discussion),
        }

    def contribution(self, item: ContributionView) -> dict[str, Any]:
        return {
            "speaker": self.line(item.speaker),
            "people": [self.shown(p.name) for p in item.people],
            "remote": item.remote,
            "title": self.rich(item.title),
            "note": self.shown(item.note),
            "minutes": item.minutes,
            "duration": self.shown(item.duration),
            "line": self.line(item.line),
        }

    def discussion(self, item: DiscussionView) -> dict[str, Any]:
        return {
            "text": self.rich(item.text),
            "moderators": [self.shown(m.name) for m in item.moderators],
            "minutes": item.minutes,
            "duration": self.shown(item.duration),
            "line": self.line(item.line),
        }

    def slot_content(self, slot: SlotView) -> Rich:
        """What the programme's content cell shows for ``slot``, as paragraphs: its heading,
        its own session, and its parallel sessions side by side in a table of their own."""
        cell = self.slot_cell(slot)
        texts = [t for p in cell.texts for t in p.texts]
        return Rich(
            Fragment("".join(p.xml for p in cell.texts), texts, self.recorder),
            Fragment("".join(cell.paragraphs), texts, self.recorder),
            self.text(" ".join(texts)),
        )

    def slot_paragraphs(self, slot: SlotView) -> Converted:
        """:meth:`slot_content`'s paragraphs and the texts they show."""
        cell = self.slot_cell(slot)
        return Converted("".join(cell.paragraphs), [t for p in cell.texts for t in p.texts])

    def slot_cell(self, slot: SlotView) -> _Cell:
        cell = _Cell(self)
        is_session = slot.kind not in SHADED_KINDS
        cell.add(slot.heading_line, paragraph_style("slot_title" if is_session else "slot_text"))
        for session in slot.own_sessions:
            self.session_content(cell, session)
        if slot.tracks:
            cell.add(slot.parallel_line, paragraph_style("slot_note"))
            tracks = []
            for session in slot.tracks:
                track = _Cell(self)
                self.session_content(track, session, room_first=True)
                cell.texts.extend(track.texts)
                tracks.append("".join(track.paragraphs) or paragraph(""))
            # In a tracked document a session one version lacks has a row of its own, so
            # accepting or rejecting it takes its row, and leaves no empty cell behind.
            alone = [
                self.tracked and slot.change is None and session.change is not None
                for session in slot.tracks
            ]
            cell.paragraphs.append(tracks_table(tracks, *self.tracks, alone=alone))
            # A cell ends with a paragraph; this one takes no room.
            cell.paragraphs.append(paragraph("", extra_properties=_NO_SPACE))
        if not cell.paragraphs:
            cell.paragraphs.append(paragraph(""))
        return cell

    def session_content(self, cell: _Cell, session: SessionView, room_first: bool = False) -> None:
        """A session's paragraphs: (its room first, in a track), title, room, time,
        interpretation and link, body, moderators, "Panel:", contributions, discussion."""
        if room_first:
            cell.add(session.room_line, paragraph_style("slot_title"))
        if session.title is not None:
            converted = self.runs_of(session.title)
            cell.paragraphs.append(paragraph(converted.xml, paragraph_style("slot_title")))
            cell.texts.append(converted)
        if not room_first:
            cell.add(session.room_line, paragraph_style("slot_note"))
        for fact in (session.time_line, session.interpretation_line, session.link_line):
            cell.add(fact, paragraph_style("slot_note"))
        if session.body is not None:
            block = self.blocks(CELL).convert(session.body.tokens)
            if block.xml:
                cell.paragraphs.append(block.xml)
                cell.texts.append(block)
        cell.add(session.moderators_line, paragraph_style("slot_text"))
        cell.add(session.panel_line, paragraph_style("slot_text"))
        for item in session.contributions:
            cell.add(item.line, paragraph_style("slot_bullet"))
        if session.discussion is not None:
            cell.add(session.discussion.line, paragraph_style("slot_note"))

    # -- contacts ----------------------------------------------------------------------------

    def person(self, person: ContactView) -> dict[str, Any]:
        return {
            "id": self.text(person.id),
            "name": self.shown(person.name),
            "display": self.shown(person.display),
            "position": self.shown(person.position),
            "organisation": self.shown(person.organisation),
            "office": self.shown(person.office),
            "place": self.shown(person.place),
            "phone": self.shown(person.phone),
            "mobile": self.shown(person.mobile),
            "email": self.shown(person.email),
            "identity_lines": [self.line(x) for x in person.identity_lines],
            "contact_lines": [self.line(x) for x in person.contact_lines],
            "signature_lines": [self.line(x) for x in person.signature_lines],
            "lines": [self.line(x) for x in person.lines],
        }


class _Cell:
    """Paragraphs of a table cell being made, and the texts they show."""

    def __init__(self, builder: ContextBuilder) -> None:
        self.builder = builder
        self.paragraphs: list[str] = []
        self.texts: list[Converted] = []

    def add(self, value: Line | None, style: str) -> None:
        converted = self.builder.line_runs(value)
        if converted.xml:
            self.paragraphs.append(paragraph(converted.xml, style))
            self.texts.append(converted)


#: Paragraph properties of an empty paragraph that takes (almost) no room.
_NO_SPACE = '<w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'
#: Parallel sessions per row of their table: two stay readable in the programme's content
#: column on A4 (about 6.5 cm each); more wrap to the next row.
TRACKS_PER_ROW = 2
#: The content column of the default template, less its cell margins, in twentieths of a point.
TRACKS_WIDTH = 7500
_TRACK_BORDER = '<w:{side} w:val="single" w:sz="4" w:space="0" w:color="BFBFBF"/>'


def tracks_table(
    tracks: list[str],
    width: int = TRACKS_WIDTH,
    per_row: int = TRACKS_PER_ROW,
    alone: Sequence[bool] = (),
) -> str:
    """Parallel sessions (each its paragraphs) side by side, ``per_row`` a row, in a table
    ``width`` wide nested in the programme's cell; a session marked ``alone`` takes a row of
    its own."""
    column = width // per_row
    borders = "".join(
        _TRACK_BORDER.format(side=side)
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    props = (
        f'<w:tblPr><w:tblW w:w="{width}" w:type="dxa"/>'
        f"<w:tblBorders>{borders}</w:tblBorders>"
        '<w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:top w:w="60" w:type="dxa"/><w:left w:w="100" w:type="dxa"/>'
        '<w:bottom w:w="60" w:type="dxa"/><w:right w:w="100" w:type="dxa"/></w:tblCellMar>'
        '<w:tblLook w:val="0000"/></w:tblPr>'
    )
    grid = "<w:tblGrid>" + f'<w:gridCol w:w="{column}"/>' * per_row + "</w:tblGrid>"
    rows = []
    for cells in _rows_of(tracks, alone, per_row):
        span = per_row - len(cells) + 1
        made = []
        for i, content in enumerate(cells):
            last = i == len(cells) - 1
            width = column * (span if last else 1)
            merge = f'<w:gridSpan w:val="{span}"/>' if last and span > 1 else ""
            made.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{merge}</w:tcPr>'
                f"{content}</w:tc>"
            )
        rows.append('<w:tr><w:trPr><w:cantSplit/></w:trPr>' + "".join(made) + "</w:tr>")
    return f"<w:tbl>{props}{grid}{''.join(rows)}</w:tbl>"


def _rows_of(tracks: list[str], alone: Sequence[bool], per_row: int) -> Iterator[list[str]]:
    """The tracks, ``per_row`` a row, but those ``alone`` a row each."""
    row: list[str] = []
    for n, content in enumerate(tracks):
        if n < len(alone) and alone[n]:
            if row:
                yield row
            yield [content]
            row = []
            continue
        row.append(content)
        if len(row) == per_row:
            yield row
            row = []
    if row:
        yield row


def runs_of(inline: InlineConverter, value: RichText, tracked: bool = False) -> Converted:
    """Each paragraph's runs, separated by line breaks; bullet list items get a bullet. In a
    tracked document a paragraph deleted or inserted whole takes its bullet and the break
    before it along."""
    lines: list[Converted] = []
    changes: list[str | None] = []
    in_bullets = 0
    for token in value.tokens:
        if token.type == "bullet_list_open":
            in_bullets += 1
        elif token.type == "bullet_list_close":
            in_bullets -= 1
        elif token.type == "inline":
            converted = inline.convert(token.children or [])
            change = (token.meta or {}).get("change") if tracked else None
            if in_bullets:
                bullet = marked("• ", change) if tracked else "• "
                converted = Converted(run(bullet) + converted.xml, converted.texts)
            lines.append(converted)
            changes.append(change)
    if not tracked:
        return join_paragraphs_as_runs(lines)
    # The break before a paragraph is in a version when that version has the paragraph and
    # one before it: unchanged, deleted, inserted, or in neither.
    xml: list[str] = []
    texts: list[str] = []
    in_old = in_new = False
    for line, change in zip(lines, changes, strict=True):
        old_here, new_here = change != "ins", change != "del"
        before = {(True, True): None, (True, False): "del", (False, True): "ins"}.get(
            (in_old and old_here, in_new and new_here), ""
        )
        if before is None:
            xml.append(break_run())
        elif before:
            xml.append(run(marked("\n", before)))
        in_old, in_new = in_old or old_here, in_new or new_here
        xml.append(line.xml)
        texts.extend(line.texts)
    return Converted("".join(xml), texts)


#: Between two footnote references: raised with them.
_SEPARATOR = Format(superscript=True)


def _formats(bold: bool, link: bool) -> Format:
    return Format(bold=bold, link=link) if bold or link else PLAIN


def build_context(
    view: View,
    link_target: LinkTarget | None,
    recorder: Recorder,
    pictures: Pictures | None = None,
    tracked: bool = False,
) -> dict[str, Any]:
    """The variables of a Word template for ``view`` (``tracked``: a tracked document)."""
    return ContextBuilder(view, link_target, recorder, pictures, tracked=tracked).build()
