"""The view as the variables of a Word template (documented in docs/docx-templates.md).

The names follow :class:`confdocs.view.View`; text becomes :class:`Text`, rich text becomes
:class:`Rich`, and a few ready-made pieces are added for Word: a participant group's line with
its footnote references, a programme slot's cell content, a contact's lines.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from confdocs.view import (
    ContributionView,
    DiscussionView,
    GroupView,
    PersonView,
    SessionView,
    SlotView,
    View,
)
from confdocs.view.richtext import RichText

from .styles import paragraph_style
from .values import Fragment, LazyList, Recorder, Rich, Text
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
    hyperlink,
    join_paragraphs_as_runs,
    note_reference,
    paragraph,
    run,
)

#: Slot kinds whose programme row is shaded, and the shade.
SHADED_KINDS = frozenset({"break", "meal", "photo", "end", "preparation"})
SHADE = "F2F2F2"


class ContextBuilder:
    def __init__(self, view: View, link_target: LinkTarget | None, recorder: Recorder) -> None:
        self.view = view
        self.recorder = recorder
        self.link_target = link_target
        self.inline = InlineConverter(link_target, note_reference)
        self.labels = view.labels
        # Each text is converted once (a slot's cell and its sessions show the same texts);
        # keyed by identity, the view keeping every value alive while the context is used.
        self._runs: dict[int, Converted] = {}
        self._contribution_lines: dict[int, list[Converted]] = {}
        self._discussion_lines: dict[int, list[Converted]] = {}

    # -- values ------------------------------------------------------------------------------

    def text(self, value: object) -> Text:
        return Text("" if value is None else value, self.recorder)

    def fragment(self, converted: Converted) -> Fragment:
        return Fragment(converted.xml, converted.texts, self.recorder)

    def rich(self, value: RichText | None, styles: BlockStyles = PROSE) -> Rich:
        if value is None:
            empty = Converted("", [])
            return Rich(self.fragment(empty), self.fragment(empty), self.text(""))
        blocks = BlockConverter(self.inline, styles).convert(value.tokens)
        runs = self.runs_of(value)
        return Rich(self.fragment(runs), self.fragment(blocks), self.text(value.plain))

    def runs_of(self, value: RichText) -> Converted:
        converted = self._runs.get(id(value))
        if converted is None:
            converted = self._runs[id(value)] = runs_of(self.inline, value)
        return converted

    def made(self, runs: list[Converted], paragraphs: list[str], plain: str) -> Rich:
        """A Rich value assembled here from pieces (a group line, a slot's cell)."""
        texts = [t for part in runs for t in part.texts]
        run_xml = "".join(part.xml for part in runs)
        return Rich(
            Fragment(run_xml, texts, self.recorder),
            Fragment("".join(paragraphs) or paragraph(run_xml), texts, self.recorder),
            self.text(plain),
        )

    def plain_run(self, text: str, fmt: Format = PLAIN) -> Converted:
        return Converted(run(text, fmt), [text])

    # -- the context -------------------------------------------------------------------------

    def build(self) -> dict[str, Any]:
        view = self.view
        return {
            "id": self.text(view.id),
            "title": self.text(view.title),
            "kind": self.text(view.kind),
            "dates": self.text(view.dates),
            "place": self.text(view.place),
            "locale": self.text(view.locale),
            "language": self.text(view.language),
            "audience": self.text(view.audience),
            "organised_by": self.rich(view.organised_by),
            "labels": {key: self.text(value) for key, value in self.labels.as_dict().items()},
            "header": {
                "funders": [self.text(x) for x in view.header.funders],
                "implementers": [self.text(x) for x in view.header.implementers],
                "version": self.text(view.header.version),
            },
            "sections": [
                {"id": self.text(s.id), "title": self.text(s.title), "body": self.rich(s.body)}
                for s in view.sections
            ],
            "participants": self.participants(),
            "location": self.location(),
            "programme": [
                {
                    "date": self.text(day.date.isoformat()),
                    "date_text": self.text(day.date_text),
                    "title": self.text(day.title),
                    "slots": [self.slot(slot) for slot in day.slots],
                }
                for day in view.programme
            ],
            "contacts": [
                {
                    "organisation": self.text(group.organisation),
                    "label": self.text(group.label),
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
        labels = self.labels
        summary = " · ".join(
            [
                f"{labels['countries']}: {part.country_count}",
                f"{labels['delegation_seats']}: {part.delegation_seats}",
                f"{labels['organisation_seats']}: {part.organisation_seats}",
                f"{labels['total']}: {part.total}",
            ]
        )
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
                }
                for r in part.roles
            ],
            "composition": self.rich(part.composition),
            "allocations_intro": self.rich(part.allocations_intro),
            "allocations": [
                {
                    "number": a.number,
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
            "summary": self.text(summary),
        }

    def group(self, group: GroupView) -> dict[str, Any]:
        names = [c.name for c in group.countries]
        pieces: list[Converted] = [self.project_name(group), self.plain_run(" ")]
        for i, (country, separator) in enumerate(
            zip(group.countries, _separators(names, self.view.locale), strict=True)
        ):
            if i:
                pieces.append(self.plain_run(separator))
            pieces.append(self.plain_run(country.name))
            pieces.extend(Converted(note_reference(n), []) for n in country.notes)
        pieces.extend(Converted(note_reference(n), []) for n in group.notes)
        plain = f"{group.project}: " + ", ".join(names)
        return {
            "id": self.text(group.id),
            "project": self.text(group.project),
            "url": self.text(group.url),
            "countries": [
                {
                    "code": self.text(c.code),
                    "name": self.text(c.name),
                    "seats": c.seats,
                    "notes": list(c.notes),
                    "refs": Fragment(
                        "".join(note_reference(n) for n in c.notes), [], self.recorder
                    ),
                }
                for c in group.countries
            ],
            "seats": group.seats,
            "seats_per_country": group.seats_per_country,
            "notes": list(group.notes),
            "refs": Fragment("".join(note_reference(n) for n in group.notes), [], self.recorder),
            "line": self.made(pieces, [], plain),
        }

    def project_name(self, group: GroupView) -> Converted:
        """The group's project in bold, linked to its page when it has a web address."""
        url = group.url or ""
        if self.link_target is None or not url.lower().startswith(("http:", "https:")):
            return self.plain_run(f"{group.project}:", Format(bold=True))
        name = run(group.project, Format(bold=True, link=True))
        return Converted(
            hyperlink(name, self.link_target(url)) + run(":", Format(bold=True)),
            [group.project, ":"],
        )

    # -- location ----------------------------------------------------------------------------

    def location(self) -> dict[str, Any]:
        loc = self.view.location
        venue_line = ", ".join(p for p in (loc.venue, loc.address, loc.city, loc.country) if p)
        return {
            "venue": self.text(loc.venue),
            "address": self.text(loc.address),
            "city": self.text(loc.city),
            "country": self.text(loc.country),
            "mode": self.text(loc.mode),
            "mode_label": self.text(loc.mode_label),
            "url": self.text(loc.url),
            "text": self.rich(loc.text),
            "languages": [self.text(x) for x in loc.languages],
            "languages_text": self.text(loc.languages_text),
            "interpretation": self.text(loc.interpretation),
            "venue_line": self.text(venue_line),
        }

    # -- programme ---------------------------------------------------------------------------

    def slot(self, slot: SlotView) -> dict[str, Any]:
        return {
            "id": self.text(slot.id),
            "kind": self.text(slot.kind),
            "start": self.text(slot.start),
            "end": self.text(slot.end),
            "time": self.text(slot.time),
            "all_day": slot.all_day,
            "title": self.rich(slot.title),
            "heading": self.text(slot.heading),
            "continuation": slot.continuation,
            "sessions": LazyList(lambda: [self.session(s) for s in slot.sessions]),
            "content": self.slot_content(slot),
            "shaded": slot.kind in SHADED_KINDS,
            "fill": SHADE if slot.kind in SHADED_KINDS else "auto",
        }

    def session(self, session: SessionView) -> dict[str, Any]:
        return {
            "room": self.text(session.room),
            "title": self.rich(session.title),
            "body": self.rich(session.body, CELL),
            "moderators": self.text(session.moderators),
            "moderators_line": self.text(session.moderators_line),
            "panel": session.panel,
            "contributions": [
                {
                    "speaker": self.text(c.speaker),
                    "title": self.rich(c.title),
                    "note": self.text(c.note),
                    "minutes": c.minutes,
                    "duration": self.text(c.duration),
                    "line": self.made(self.contribution_line(c), [], _contribution_plain(c)),
                }
                for c in session.contributions
            ],
            "discussion": None
            if session.discussion is None
            else self.discussion(session.discussion),
        }

    def discussion(self, item: DiscussionView) -> dict[str, Any]:
        line = self.discussion_line(item)
        return {
            "text": self.rich(item.text),
            "moderators": self.text(item.moderators),
            "minutes": item.minutes,
            "duration": self.text(item.duration),
            "line": self.made(line, [], " ".join(t for part in line for t in part.texts)),
        }

    def contribution_line(self, item: ContributionView) -> list[Converted]:
        made = self._contribution_lines.get(id(item))
        if made is None:
            made = self._contribution_lines[id(item)] = self._contribution_line(item)
        return made

    def _contribution_line(self, item: ContributionView) -> list[Converted]:
        pieces: list[Converted] = []
        if item.title is not None:
            pieces.append(self.runs_of(item.title))
        if item.speaker:
            if pieces:
                pieces.append(self.plain_run(" – "))
            pieces.append(self.plain_run(item.speaker))
        if item.note:
            pieces.append(self.plain_run(f" {item.note}"))
        if item.duration:
            pieces.append(self.plain_run(f" ({item.duration})"))
        return pieces

    def discussion_line(self, item: DiscussionView) -> list[Converted]:
        made = self._discussion_lines.get(id(item))
        if made is None:
            made = self._discussion_lines[id(item)] = self._discussion_line(item)
        return made

    def _discussion_line(self, item: DiscussionView) -> list[Converted]:
        pieces: list[Converted] = []
        if item.line is not None:
            pieces.append(self.runs_of(item.line))
        elif item.text is not None:
            pieces.append(self.runs_of(item.text))
        if item.duration:
            pieces.append(self.plain_run(f" ({item.duration})" if pieces else item.duration))
        return pieces

    def slot_content(self, slot: SlotView) -> Rich:
        """What the programme's content cell shows for ``slot``, as paragraphs."""
        paragraphs: list[str] = []
        texts: list[Converted] = []

        def add(pieces: list[Converted], style: str) -> None:
            xml = "".join(p.xml for p in pieces)
            if xml:
                paragraphs.append(paragraph(xml, style))
                texts.extend(pieces)

        title: list[Converted] = []
        if slot.title is not None:
            title.append(self.runs_of(slot.title))
        if slot.continuation:
            title.append(self.plain_run(f" {self.labels['continuation']}"))
        is_session = slot.kind not in SHADED_KINDS
        add(title, paragraph_style("slot_title" if is_session else "slot_text"))
        for session in slot.sessions:
            self.session_content(session, add, paragraphs, texts)
        if not paragraphs:
            paragraphs.append(paragraph(""))
        plain = " ".join(t for part in texts for t in part.texts)
        return Rich(
            Fragment(
                "".join(p.xml for p in texts), [t for p in texts for t in p.texts], self.recorder
            ),
            Fragment("".join(paragraphs), [t for p in texts for t in p.texts], self.recorder),
            self.text(plain),
        )

    def session_content(
        self,
        session: SessionView,
        add: Callable[[list[Converted], str], None],
        paragraphs: list[str],
        texts: list[Converted],
    ) -> None:
        if session.title is not None:
            add([self.runs_of(session.title)], paragraph_style("slot_title"))
        if session.room:
            add(
                [self.plain_run(f"{self.labels['room']}: {session.room}")],
                paragraph_style("slot_note"),
            )
        if session.body is not None:
            block = BlockConverter(self.inline, CELL).convert(session.body.tokens)
            if block.xml:
                paragraphs.append(block.xml)
                texts.append(block)
        if session.moderators_line:
            add([self.plain_run(session.moderators_line)], paragraph_style("slot_text"))
        if session.panel and session.contributions:
            add([self.plain_run(self.labels["panel"])], paragraph_style("slot_text"))
        for item in session.contributions:
            add(self.contribution_line(item), paragraph_style("slot_bullet"))
        if session.discussion is not None:
            add(self.discussion_line(session.discussion), paragraph_style("slot_note"))

    # -- contacts ----------------------------------------------------------------------------

    def person(self, person: PersonView) -> dict[str, Any]:
        labels = self.labels
        identity = [person.position, person.office or person.organisation, person.place]
        reach = [
            f"{labels['tel']}: {person.phone}" if person.phone else None,
            f"{labels['mobile']}: {person.mobile}" if person.mobile else None,
            f"{labels['email']}: {person.email}" if person.email else None,
        ]
        return {
            "id": self.text(person.id),
            "name": self.text(person.name),
            "display": self.text(person.display),
            "position": self.text(person.position),
            "organisation": self.text(person.organisation),
            "office": self.text(person.office),
            "place": self.text(person.place),
            "phone": self.text(person.phone),
            "mobile": self.text(person.mobile),
            "email": self.text(person.email),
            "identity_lines": [self.text(line) for line in identity if line],
            "contact_lines": [self.text(line) for line in reach if line],
            "lines": [self.text(line) for line in identity + reach if line],
        }


def runs_of(inline: InlineConverter, value: RichText) -> Converted:
    """Each paragraph's runs, separated by line breaks; bullet list items get a bullet."""
    lines: list[Converted] = []
    in_bullets = 0
    for token in value.tokens:
        if token.type == "bullet_list_open":
            in_bullets += 1
        elif token.type == "bullet_list_close":
            in_bullets -= 1
        elif token.type == "inline":
            converted = inline.convert(token.children or [])
            if in_bullets:
                converted = Converted(run("• ") + converted.xml, converted.texts)
            lines.append(converted)
    return join_paragraphs_as_runs(lines)


def _contribution_plain(item: ContributionView) -> str:
    parts = [
        item.title.plain if item.title else "",
        item.speaker,
        item.note or "",
        item.duration or "",
    ]
    return " ".join(p for p in parts if p)


def _separators(names: Sequence[str], locale: str) -> list[str]:
    """What precedes each name in a list ("", ", ", …, " and "), in the document's language."""
    from babel.lists import format_list

    if len(names) <= 1:
        return [""] * len(names)
    marks = [f"\x00{i}\x00" for i in range(len(names))]
    try:
        joined = str(format_list(marks, style="standard", locale=locale))
    except (ValueError, LookupError):
        joined = ", ".join(marks[:-1]) + " and " + marks[-1]
    joined = joined.replace(", and ", " and ")
    separators = [""]
    for i in range(1, len(names)):
        start = joined.index(marks[i - 1]) + len(marks[i - 1])
        separators.append(joined[start : joined.index(marks[i])])
    return separators


def build_context(view: View, link_target: LinkTarget | None, recorder: Recorder) -> dict[str, Any]:
    """The variables of a Word template for ``view``."""
    return ContextBuilder(view, link_target, recorder).build()
