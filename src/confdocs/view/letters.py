"""The invitation letters: one per invited country (each group it is invited under, its seats,
its delegation's composition, the notes that apply) and one per organisation allocation, in the
document's language, with the reply deadline, the contacts and who signs."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from .labels import fill as fill_text
from .languages import language_of, text_language
from .lines import Line, Span, fill, line, rich_span
from .participants import figures_of
from .parts import LetterGroupView, LetterView, RoleView
from .plurals import counted
from .richtext import RichText, escape_markdown, parse
from .seats import CountrySeats, SeatsTable, seats_table
from .spans import when

if TYPE_CHECKING:
    from ..model import Allocation, Organisation
    from .composer import Composer
    from .parts import ContactView


def letters_part(c: Composer, roles: tuple[RoleView, ...]) -> tuple[LetterView, ...]:
    """Every letter, countries first (in the order the groups invite them), then allocations.

    ``roles`` are the participants part's roles (their labels parsed once)."""
    event = c.event
    if not (event.participants.groups or event.participants.allocations):
        return ()
    table = seats_table(event)
    common = _Common(c)
    rows: dict[str, list[CountrySeats]] = {}
    for row in table.rows:
        rows.setdefault(row.country, []).append(row)
    composition = _composition_text(c, table)
    out = [_country_letter(c, common, rows[country], roles, composition) for country in rows]
    taken = {letter.id.casefold() for letter in out}
    for seats in table.allocations:
        ident = seats.allocation.id
        if ident.casefold() in taken:  # an allocation named like a country's code
            ident = f"{ident}-allocation"
        taken.add(ident.casefold())
        out.append(_allocation_letter(c, common, ident, seats.allocation, seats.seats,
                                      seats.online))
    return tuple(out)


class _Common:
    """What every letter says alike: the subject, the reply line, the closing, who signs."""

    def __init__(self, c: Composer) -> None:
        event = c.event
        self.c = c
        self.title = Span(event.title, "title")
        self.dates = Span(c.fmt.dates(event.start, event.end), "dates")
        #: The days with their preposition, as a sentence says them ("les 9 et 10 juin 2027").
        self.when = Span(when(c), "dates")
        self.place = Span(c.place(), "place")
        self.subject = fill(
            c.labels["letter_subject"], title=self.title, place=self.place, dates=self.dates
        )
        reply_by = event.participants.reply_by
        self.reply_by = c.fmt.date(reply_by, "long") if reply_by else ""
        # "… to:" when the contacts follow; a sentence of its own when the event has none.
        alone = "" if any(group.people for group in event.contacts) else "_alone"
        self.reply_line = (
            fill(c.labels[f"letter_reply{alone}"], date=Span(self.reply_by, "date"))
            if reply_by
            else line(Span(c.labels[f"letter_reply_undated{alone}"], "label"))
        )
        letters = event.letters
        self.place_date = _place_date(c, letters.place, letters.date)
        self.reference_line = (
            c.labelled("reference", Span(letters.reference, "reference"))
            if letters.reference
            else None
        )
        self.signatory = _signatory(c, letters.signatory)
        self.groups = {group.id: group for group in event.participants.groups}

    def letter(self, recipient: str, **parts: object) -> LetterView:
        """A letter to ``recipient`` (as a sentence names it) made of ``parts``."""
        c = self.c
        body = None
        if c.event.letters.body:
            # Letters have no footnotes: the text is parsed on its own, the values escaped.
            values = {
                "title": c.event.title,
                "dates": self.dates.text,
                "when": self.when.text,
                "place": self.place.text,
                "recipient": recipient,
                "reply_by": self.reply_by,
            }
            text, values["recipient"] = c.labels.contracted(
                c.event.letters.body, "recipient", recipient
            )
            escaped = {key: escape_markdown(value) for key, value in values.items()}
            body = parse(fill_text(text, escaped))
        template, recipient = c.labels.contracted(
            c.where("letter_invitation"), "recipient", recipient
        )
        invitation = fill(
            template,
            recipient=Span(recipient, "recipient"),
            title=self.title,
            place=self.place,
            dates=self.dates,
            when=self.when,
        )
        return LetterView(
            salutation=c.labels["letter_salutation"],
            subject=self.subject,
            invitation=invitation,
            body=body,
            reply_line=self.reply_line,
            closing=c.labels["letter_closing"],
            place_date=self.place_date,
            reference_line=self.reference_line,
            signatory=self.signatory,
            **parts,  # type: ignore[arg-type]
        )


def _composition_text(
    c: Composer, table: SeatsTable
) -> tuple[RichText, tuple[tuple[str, RichText], ...]] | None:
    """The event's own words for a delegation's composition (``participants.composition``),
    as a letter says them: its figures filled in, and, a letter having no footnotes, each
    note it references as one of the letter's notes."""
    text = c.event.participants.composition
    if not text:
        return None
    from ..loading.markdown import FOOTNOTE

    known = c.event.index.notes
    notes = tuple(
        (note, parse(c.event.note(note).text))
        for note in dict.fromkeys(FOOTNOTE.findall(text))
        if note in known
    )
    values = {key: escape_markdown(c.fmt.number(n)) for key, n in figures_of(c, table).items()}
    return parse(fill_text(FOOTNOTE.sub("", text), values)), notes


def _country_letter(
    c: Composer,
    common: _Common,
    rows: list[CountrySeats],
    roles: tuple[RoleView, ...],
    text: tuple[RichText, tuple[tuple[str, RichText], ...]] | None,
) -> LetterView:
    event = c.event
    country = rows[0].country
    name = c.fmt.country(country)
    addressee = c.labels["letter_to_country"]
    groups = []
    notes: dict[str, RichText] = {}
    own = None
    for row in rows:
        group = common.groups[row.group]
        groups.append(
            LetterGroupView(
                group.id,
                group.project,
                row.seats,
                row.online,
                fill(c.labels["letter_group"], project=Span(group.project, "project"),
                     seats=_seats(c, row.seats, row.online)),
            )
        )
        for note in (*row.notes, *group.notes):
            if note in event.index.notes and note not in notes:
                notes[note] = parse(event.note(note).text)
        own = own if own is not None else group.composition_for(country)
    seats = sum(g.seats for g in groups)
    online = sum(g.online_seats for g in groups)
    composition = _composition(c, roles, own)
    needed = sum(role.per_delegation for role in composition)
    # The event's words say the composition, unless the country has one of its own or
    # fewer seats than it makes up (then its participants are chosen among the roles). The
    # roles' lines stay in the view for a template that shows them.
    said = text if own is None and text is not None and seats >= needed else None
    if said is not None:
        for note_id, note_text in said[1]:
            notes.setdefault(note_id, note_text)
    composition_line = None
    if composition:
        key = "letter_composition" if seats >= needed else "letter_roles_any"
        composition_line = line(Span(c.labels[key], "label"))
    return common.letter(
        c.labels["letter_recipient_country"],
        id=country,
        kind="country",
        country=c.country_ref(country),
        addressee=addressee,
        address=(addressee, name),
        seats=seats,
        online_seats=online,
        seats_line=_seats_line(c, seats, online),
        groups=tuple(groups),
        allocation=None,
        composition_line=composition_line,
        composition=composition,
        notes=tuple(notes.values()),
        composition_text=said[0] if said is not None else None,
    )


def _allocation_letter(
    c: Composer, common: _Common, ident: str, allocation: Allocation, seats: int, online: int
) -> LetterView:
    label = parse(allocation.label)
    org = c.event.index.organisations.get(allocation.organisation or "")
    addressee = org.name if org is not None else label.plain
    where = []
    if org is not None:
        where = [org.city or "", c.fmt.country(org.country) if org.country else ""]
    place = c.fmt.comma(where)
    # Seats for each of some countries (a national desk's, one per country): which, and
    # how many each, under the allocation's label. A country set's label says it.
    each: tuple[LetterGroupView, ...] = ()
    pattern = c.labels.catalog.get("letter_allocation_countries")
    if allocation.countries and not allocation.country_set and pattern:
        names = c.fmt.join([c.fmt.country(code) for code in allocation.countries])
        each = (
            LetterGroupView(
                allocation.id,
                label.plain,
                allocation.seats,
                allocation.online_seats,
                fill(
                    pattern,
                    seats=_seats(c, allocation.seats, allocation.online_seats),
                    countries=Span(names, "country"),
                ),
            ),
        )
    return common.letter(
        _called(c, org) if org is not None else label.plain,
        id=ident,
        kind="allocation",
        country=None,
        addressee=addressee,
        address=(addressee, place) if place else (addressee,),
        seats=seats,
        online_seats=online,
        seats_line=_seats_line(c, seats, online),
        groups=each,
        allocation=label,
        composition_line=None,
        composition=(),
        notes=(),
    )


def _composition(
    c: Composer, roles: tuple[RoleView, ...], own: Mapping[str, int] | None
) -> tuple[RoleView, ...]:
    """The roles a delegation fills, with their seats: the country's own composition when an
    exception gives one, else the event's roles that take seats."""
    if own is not None:
        counts = dict(own)
        return tuple(
            RoleView(
                r.id,
                r.label,
                counts[r.id],
                fill(c.labels["role_line"], count=Span(str(counts[r.id]), "count"),
                     role=rich_span(r.label, "role")),
            )
            for r in roles
            if counts.get(r.id)
        )
    return tuple(r for r in roles if r.per_delegation)


def _seats(c: Composer, seats: int, online: int) -> Line:
    """"2 participants", "2 participants and 1 participant online"."""
    parts = [line(Span(counted(c.labels, "participants", seats), "seats"))]
    if online:
        parts.append(line(Span(counted(c.labels, "online_participants", online), "seats")))
    return c.fmt.join_line(parts)


def _seats_line(c: Composer, seats: int, online: int) -> Line:
    """"You are invited to nominate 4 participants and 2 participants online:"."""
    return fill(c.labels["letter_seats"], seats=_seats(c, seats, online))


def _place_date(c: Composer, place: str | None, date: object) -> str | None:
    import datetime as dt

    shown = c.fmt.date(date, "long") if isinstance(date, dt.date) else None
    if place and shown:
        return c.labels.get("place_date", place=place, date=shown)
    return place or shown


def _signatory(c: Composer, person_id: str | None) -> ContactView | None:
    if person_id is None or person_id not in c.event.index.people:
        return None
    return c.contact(c.event.person(person_id), signs=True)


def _called(c: Composer, org: Organisation) -> str:
    """How the letter's sentence names ``org``: its ``called`` (with its article) where the
    event's texts are in the document's language, else its name (an English ``called`` in a
    Spanish letter would read "invitar a the United Nations Office …")."""
    if org.called is None:
        return org.name
    declared = c.event.settings.languages
    written = text_language(c.event, c.locale) if declared else c.event.settings.locale
    return org.called if written and language_of(written) == language_of(c.locale) else org.name
