"""The format-neutral view: what every document shows, computed once from the event.

Exporters render a :class:`View`, never the raw event, so every format says the same thing:
dates in the document's locale, times and durations in the event's conventions, end times,
display names, numbered notes, the seats table and its totals, and rich text parsed once.
Templates receive the view's fields as variables (see ``docs/templates.md``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

from ..errors import ConfdocsError
from ..model import Contribution, Discussion, Event, Organisation, Person, Session, Slot
from ..model.codes import country_name, language_name
from ..model.units import add_minutes, minutes_of
from .labels import Labels, fill
from .richtext import RichText, escape_markdown, parse
from .seats import SeatsTable, seats_table

if TYPE_CHECKING:
    from ..plugins import PluginHost
    from ..plugins.protocols import Audience


@attrs.frozen
class NoteView:
    number: int
    id: str
    text: RichText


@attrs.frozen
class CountryView:
    code: str
    name: str
    seats: int
    notes: tuple[int, ...] = ()


@attrs.frozen
class GroupView:
    id: str
    project: str
    url: str | None
    countries: tuple[CountryView, ...]
    seats: int
    seats_per_country: int
    #: Numbers of the notes shown after the list of countries.
    notes: tuple[int, ...] = ()


@attrs.frozen
class AllocationView:
    number: int
    id: str
    label: RichText
    seats: int


@attrs.frozen
class RoleView:
    id: str
    label: RichText
    per_delegation: int


@attrs.frozen
class ParticipantsView:
    intro: RichText | None
    groups: tuple[GroupView, ...]
    eligibility: RichText | None
    roles: tuple[RoleView, ...]
    composition: RichText | None
    allocations_intro: RichText | None
    allocations: tuple[AllocationView, ...]
    total_text: RichText | None
    country_count: int
    delegation_seats: int
    organisation_seats: int
    total: int
    stated_total: int | None
    approximate: bool
    table: SeatsTable = attrs.field(repr=False)

    @property
    def empty(self) -> bool:
        return not (self.intro or self.groups or self.allocations)


@attrs.frozen
class LocationView:
    venue: str | None
    address: str | None
    city: str | None
    country: str | None
    mode: str
    mode_label: str | None
    url: str | None
    text: RichText | None
    languages: tuple[str, ...]
    languages_text: str | None
    interpretation: str | None


@attrs.frozen
class ContributionView:
    speaker: str
    title: RichText | None
    note: str | None
    minutes: int | None
    duration: str | None


@attrs.frozen
class DiscussionView:
    text: RichText | None
    moderators: str | None
    minutes: int | None
    duration: str | None
    #: The whole line: "Discussion moderated by Manuel DE ALMEIDA PEREIRA", or the text
    #: followed by "moderated by …" (without the duration).
    line: RichText | None = None


@attrs.frozen
class SessionView:
    room: str | None
    title: RichText | None
    body: RichText | None
    moderators: str | None
    moderators_line: str | None
    panel: bool
    contributions: tuple[ContributionView, ...]
    discussion: DiscussionView | None


@attrs.frozen
class SlotView:
    path: str
    id: str | None
    kind: str
    start: str | None
    end: str | None
    time: str
    all_day: bool
    start_time: dt.time | None
    end_time: dt.time | None
    title: RichText | None
    continuation: bool
    sessions: tuple[SessionView, ...]

    @property
    def heading(self) -> str:
        """The slot's title as plain text."""
        return self.title.plain if self.title else ""


@attrs.frozen
class DayView:
    date: dt.date
    date_text: str
    title: str | None
    slots: tuple[SlotView, ...]


@attrs.frozen
class PersonView:
    id: str
    name: str
    display: str
    position: str | None
    organisation: str | None
    office: str | None
    place: str | None
    phone: str | None
    mobile: str | None
    email: str | None


@attrs.frozen
class ContactGroupView:
    organisation: str
    label: str
    people: tuple[PersonView, ...]


@attrs.frozen
class HeaderView:
    funders: tuple[str, ...]
    implementers: tuple[str, ...]
    version: str | None


@attrs.frozen
class SectionView:
    id: str
    title: str | None
    body: RichText


@attrs.frozen
class View:
    """Everything a document shows. Exporters and templates read it; nothing writes it."""

    event: Event = attrs.field(repr=False)
    locale: str
    audience: str
    labels: Labels = attrs.field(repr=False)
    header: HeaderView
    title: str
    kind: str
    dates: str
    place: str
    organised_by: RichText | None
    sections: tuple[SectionView, ...]
    participants: ParticipantsView
    location: LocationView
    programme: tuple[DayView, ...]
    contacts: tuple[ContactGroupView, ...]
    notes: tuple[NoteView, ...]
    extra: Mapping[str, Any] = attrs.field(factory=dict)

    @property
    def id(self) -> str:
        return self.event.id

    @property
    def language(self) -> str:
        """BCP 47 language tag of the document (``en-GB``)."""
        return self.locale.replace("_", "-")

    def template_context(self) -> dict[str, Any]:
        """What a layout template receives: every field of the view by name (not the raw
        event, so a public build cannot reach internal fields), ``id``, ``language`` and
        ``view`` itself."""
        context: dict[str, Any] = {
            field.name: getattr(self, field.name)
            for field in attrs.fields(View)
            if field.name != "event"
        }
        context.update(view=self, id=self.id, language=self.language)
        return context


class _Builder:
    def __init__(self, event: Event, locale: str, audience: Audience, labels: Labels) -> None:
        self.event = event
        self.locale = locale
        self.audience = audience
        self.labels = labels
        self.settings = event.settings
        self.note_numbers: dict[str, int] = {}
        self.times: dict[dt.time, str] = {}
        self.own_locale = locale == event.settings.locale

    # -- formatting ------------------------------------------------------------------------

    def number_note(self, note_id: str) -> int:
        if note_id not in self.event.index.notes:
            # load_event() refuses this; an event built in code may still carry it.
            raise ConfdocsError(f"footnote [^{note_id}] names no note; define it under notes")
        if note_id not in self.note_numbers:
            self.note_numbers[note_id] = len(self.note_numbers) + 1
        return self.note_numbers[note_id]

    def rich(self, text: str | None, values: Mapping[str, object] | None = None) -> RichText | None:
        if text is None:
            return None
        return parse(fill(text, values) if values else text, self.number_note)

    def date(self, value: dt.date, fmt: str | None = None) -> str:
        from babel.dates import format_date

        pattern = fmt or (self.settings.date_format if self.own_locale else "full")
        return str(format_date(value, pattern, locale=self.locale))

    def time(self, value: dt.time) -> str:
        # A programme has few distinct times and many slots: format each time once.
        text = self.times.get(value)
        if text is None:
            from babel.dates import format_time

            text = str(format_time(value, self.settings.time_format, locale=self.locale))
            self.times[value] = text
        return text

    def duration(self, minutes: int | None) -> str | None:
        if minutes is None:
            return None
        if self.own_locale and self.settings.duration_format:
            return fill(self.settings.duration_format, {"minutes": minutes})
        return self.labels.get("minutes", minutes=minutes)

    def country(self, code: str) -> str:
        overrides = self.settings.country_names if self.own_locale else None
        return country_name(code, self.locale, overrides)

    def join(self, items: list[str]) -> str:
        from babel.lists import format_list

        if len(items) <= 1:
            return "".join(items)
        # "A and B" rather than the Oxford comma: outlines are written in British style.
        return str(format_list(items, style="standard", locale=self.locale)).replace(
            ", and ", " and "
        )

    # -- people ----------------------------------------------------------------------------

    def visible(self, person: Person, field: str) -> str | None:
        value: str | None = getattr(person, field)
        if self.audience == "public" and field in person.internal:
            return None
        return value

    def name(self, person: Person) -> str:
        family = person.family_name
        if self.settings.surname_style == "upper":
            family = family.upper()
        parts = [person.given_name, person.particle or "", family]
        return " ".join(p for p in parts if p)

    def organisation_of(self, person: Person) -> str | None:
        if person.affiliation:
            return person.affiliation
        if person.organisation and person.organisation in self.event.index.organisations:
            org: Organisation = self.event.organisation(person.organisation)
            return org.name
        return None

    def place_of(self, person: Person) -> str | None:
        city = self.visible(person, "city")
        if city and person.country:
            return f"{city} ({person.country})"
        return city

    def display(self, person: Person, show: str = "full") -> str:
        parts = [self.name(person)]
        if show == "full":
            parts += [self.visible(person, "position") or "", self.organisation_of(person) or ""]
            parts.append(self.place_of(person) or "")
        elif show == "organisation":
            parts.append(self.organisation_of(person) or "")
        return ", ".join(p for p in parts if p)

    def who(self, ids: tuple[str, ...]) -> str | None:
        names = []
        for ref in ids:
            if ref in self.event.index.people:
                names.append(self.name(self.event.person(ref)))
            elif ref in self.event.index.organisations:
                names.append(self.event.organisation(ref).name)
            else:
                names.append(ref)
        return self.join(names) if names else None

    def person_view(self, person: Person) -> PersonView:
        return PersonView(
            id=person.id,
            name=self.name(person),
            display=self.display(person),
            position=self.visible(person, "position"),
            organisation=self.organisation_of(person),
            office=self.visible(person, "office"),
            place=", ".join(
                p
                for p in (
                    self.visible(person, "city"),
                    self.country(person.country) if person.country else None,
                )
                if p
            )
            or None,
            phone=self.visible(person, "phone"),
            mobile=self.visible(person, "mobile"),
            email=self.visible(person, "email"),
        )

    # -- parts -----------------------------------------------------------------------------

    def header(self) -> HeaderView:
        header = self.event.header
        version = None
        if header.version is not None:
            version = self.labels.get("version", date=self.date(header.version, "long"))
        return HeaderView(header.funders, header.implementers, version)

    def dates(self) -> str:
        """The event's dates with months in full ("30 September – 1 October 2019").

        CLDR's interval patterns, with the month widened where a locale only has the
        abbreviated form (most have no ``yMMMMd`` interval).
        """
        start, end = self.event.start, self.event.end
        if start == end:
            return self.date(start, "long")
        from babel import Locale
        from babel.dates import format_date, format_interval

        formats = Locale.parse(self.locale).interval_formats
        table = formats.get("yMMMMd") or formats.get("yMMMd")
        field = "y" if start.year != end.year else "M" if start.month != end.month else "d"
        if not table or field not in table:
            return str(format_interval(start, end, "yMMMMd", locale=self.locale))
        first, second = (_full_month(p) for p in table[field])
        return str(format_date(start, first, locale=self.locale)) + str(
            format_date(end, second, locale=self.locale)
        )

    def place(self) -> str:
        venue = self.event.venue
        parts = [venue.city or "", self.country(venue.country) if venue.country else ""]
        if venue.mode == "online" and not any(parts):
            return self.labels["online"]
        return ", ".join(p for p in parts if p)

    def sections(self) -> tuple[SectionView, ...]:
        out = []
        for section in self.event.sections:
            title, body = section.title, section.body
            if section.use is not None:
                text = self.event.text(section.use)
                title, body = title or text.title, text.body
            rich = self.rich(body or "")
            assert rich is not None
            out.append(SectionView(section.id, title, rich))
        return tuple(out)

    def participants(self) -> ParticipantsView:
        part = self.event.participants
        table = seats_table(self.event)
        # The figure an intro states: the seats most groups give each country.
        per_country = Counter(g.seats_per_country for g in part.groups).most_common(1)
        values: dict[str, object] = {
            "countries": len(table.countries),
            "seats_per_country": per_country[0][0] if per_country else 0,
            "delegation_seats": table.delegation_seats,
            "organisation_seats": table.organisation_seats,
            "total": table.total,
            "stated_total": part.stated_total.value if part.stated_total else table.total,
        }
        intro = self.rich(part.intro, values)
        groups = []
        for group in part.groups:
            countries = []
            for row in (r for r in table.rows if r.group == group.id):
                numbers = tuple(self.number_note(n) for n in row.notes)
                countries.append(
                    CountryView(row.country, self.country(row.country), row.seats, numbers)
                )
            groups.append(
                GroupView(
                    group.id,
                    group.project,
                    group.url,
                    tuple(countries),
                    table.group_seats(group.id),
                    group.seats_per_country,
                    tuple(self.number_note(n) for n in group.notes),
                )
            )
        eligibility = self.rich(part.eligibility, values)
        roles = tuple(
            RoleView(r.id, self.rich(r.label) or parse(""), r.per_delegation) for r in part.roles
        )
        composition = self.rich(part.composition, values)
        allocations_intro = self.rich(part.allocations_intro, values)
        allocations = tuple(
            AllocationView(
                i, a.allocation.id, self.rich(a.allocation.label, values) or parse(""), a.seats
            )
            for i, a in enumerate(table.allocations, 1)
        )
        return ParticipantsView(
            intro=intro,
            groups=tuple(groups),
            eligibility=eligibility,
            roles=roles,
            composition=composition,
            allocations_intro=allocations_intro,
            allocations=allocations,
            total_text=self.rich(part.total_text, values),
            country_count=len(table.countries),
            delegation_seats=table.delegation_seats,
            organisation_seats=table.organisation_seats,
            total=table.total,
            stated_total=part.stated_total.value if part.stated_total else None,
            approximate=bool(part.stated_total and part.stated_total.approximate),
            table=table,
        )

    def location(self) -> LocationView:
        venue = self.event.venue
        languages = tuple(language_name(code, self.locale) for code in self.event.languages)
        languages_text = self.join(list(languages)) if languages else None
        mode_label = {"online": self.labels["online"], "hybrid": self.labels["hybrid"]}.get(
            venue.mode
        )
        return LocationView(
            venue=venue.name,
            address=venue.address,
            city=venue.city,
            country=self.country(venue.country) if venue.country else None,
            mode=venue.mode,
            mode_label=mode_label,
            url=venue.url,
            text=self.rich(venue.text),
            languages=languages,
            languages_text=languages_text,
            interpretation=self.labels.get("interpretation", languages=languages_text)
            if languages_text
            else None,
        )

    def programme(self) -> tuple[DayView, ...]:
        days = []
        for d, day in enumerate(self.event.programme.days):
            slots = []
            for s, slot in enumerate(day.slots):
                following = day.slots[s + 1] if s + 1 < len(day.slots) else None
                slots.append(self.slot(slot, following, f"programme.days[{d}].slots[{s}]"))
            days.append(DayView(day.date, self.date(day.date), day.title, tuple(slots)))
        return tuple(days)

    def slot(self, slot: Slot, following: Slot | None, path: str) -> SlotView:
        end = slot.end
        if end is None and slot.start is not None:
            if (
                following is not None
                and following.start is not None
                and minutes_of(following.start) > minutes_of(slot.start)
            ):
                end = following.start
            elif following is None:
                booked = _booked(slot)
                end = add_minutes(slot.start, booked) if booked else None
        if slot.all_day:
            time_text = self.labels["all_day"]
        elif slot.start is not None and slot.end is not None:
            time_text = f"{self.time(slot.start)} - {self.time(slot.end)}"
        else:
            time_text = self.time(slot.start) if slot.start else ""
        source = slot.title
        if source is not None and not self.own_locale:
            # A title that is just the event language's label for its kind ("Coffee break")
            # becomes this document's label ("Pause-café").
            own_label = Labels(self.settings.locale)[f"kind_{slot.kind}"]
            if own_label and source.strip() == own_label:
                source = None
        title = self.rich(source)
        if title is None and not slot.parallel:
            label = self.labels[f"kind_{slot.kind}"]
            title = self.rich(label) if label else None
        sessions = tuple(self.session(session) for session in slot.sessions())
        return SlotView(
            path=path,
            id=slot.id,
            kind=slot.kind,
            start=self.time(slot.start) if slot.start else None,
            end=self.time(end) if end else None,
            time=time_text,
            all_day=slot.all_day,
            start_time=slot.start,
            end_time=end,
            title=title,
            continuation=slot.continues is not None,
            sessions=sessions,
        )

    def session(self, session: Session) -> SessionView:
        moderators = self.who(session.moderators)
        moderators_line = None
        if moderators:
            key = "moderators" if len(session.moderators) > 1 else "moderator"
            moderators_line = self.labels.get(key, names=moderators)
        room = session.room
        rooms = {r.id: r.name for r in self.event.venue.rooms}
        is_slot = isinstance(session, Slot)
        return SessionView(
            room=rooms.get(room, room) if room else None,
            title=None if is_slot else self.rich(session.title),
            body=self.rich(session.body),
            moderators=moderators,
            moderators_line=moderators_line,
            panel=session.panel,
            contributions=tuple(self.contribution(c) for c in session.contributions),
            discussion=self.discussion(session.discussion) if session.discussion else None,
        )

    def contribution(self, item: Contribution) -> ContributionView:
        speaker = ""
        if item.people:
            people = [self.event.person(p) for p in item.people]
            if len(people) == 1:
                speaker = self.display(people[0], item.show)
            else:
                speaker = self.join([self.name(p) for p in people])
                orgs = {self.organisation_of(p) for p in people}
                if item.show != "name" and len(orgs) == 1 and None not in orgs:
                    speaker += f", {orgs.pop()}"
        elif item.delegation and not item.title:
            speaker = self.labels.get("delegation", country=self.country(item.delegation))
        return ContributionView(
            speaker=speaker,
            title=self.rich(item.title),
            note=item.note,
            minutes=item.duration,
            duration=self.duration(item.duration),
        )

    def discussion(self, item: Discussion) -> DiscussionView:
        moderators = self.who(item.moderators)
        line = item.text
        if moderators:
            names = escape_markdown(moderators)
            if item.text:
                line = self.labels.get("text_moderated_by", text=item.text, names=names)
            else:
                line = self.labels.get("discussion_moderated_by", names=names)
        return DiscussionView(
            text=self.rich(item.text),
            moderators=moderators,
            minutes=item.duration,
            duration=self.duration(item.duration),
            line=self.rich(line),
        )

    def contacts(self) -> tuple[ContactGroupView, ...]:
        out = []
        for group in self.event.contacts:
            org = self.event.organisation(group.organisation)
            label = group.label or org.name
            out.append(
                ContactGroupView(
                    org.name,
                    label,
                    tuple(self.person_view(self.event.person(p)) for p in group.people),
                )
            )
        return tuple(out)

    def notes(self) -> tuple[NoteView, ...]:
        out = []
        # Notes referenced nowhere still belong in the document: number them last.
        for note in self.event.notes:
            self.number_note(note.id)
        # Parsing a note may reference further notes: loop until stable.
        done: dict[str, RichText] = {}
        while len(done) < len(self.note_numbers):
            for note_id in list(self.note_numbers):
                if note_id not in done:
                    rich = self.rich(self.event.note(note_id).text)
                    assert rich is not None
                    done[note_id] = rich
        for note_id, number in sorted(self.note_numbers.items(), key=lambda item: item[1]):
            out.append(NoteView(number, note_id, done[note_id]))
        return tuple(out)


def _full_month(pattern: str) -> str:
    return re.sub(r"(?<!M)MMM(?!M)", "MMMM", pattern)


def _booked(session: Session) -> int:
    total = sum(c.duration or 0 for c in session.contributions)
    if session.discussion and session.discussion.duration:
        total += session.discussion.duration
    return total


def make_view(
    event: Event,
    locale: str | None = None,
    audience: Audience = "internal",
    plugins: PluginHost | None = None,
) -> View:
    """The view of ``event`` in ``locale`` (default: the event's) for ``audience``.

    ``audience="public"`` leaves out every field marked internal. With ``plugins``, their
    ``confdocs_labels`` and ``confdocs_extend_view`` hooks take part.
    """
    locale = locale or event.settings.locale
    extra_labels = plugins.labels(locale) if plugins is not None else None
    labels = Labels(locale, extra_labels)
    b = _Builder(event, locale, audience, labels)
    # Document order, so footnotes are numbered as a reader meets them.
    header = b.header()
    organised_by = b.rich(event.organised_by)
    sections = b.sections()
    participants = b.participants()
    location = b.location()
    programme = b.programme()
    contacts = b.contacts()
    notes = b.notes()
    view = View(
        event=event,
        locale=locale,
        audience=audience,
        labels=labels,
        header=header,
        title=event.title,
        kind=event.kind,
        dates=b.dates(),
        place=b.place(),
        organised_by=organised_by,
        sections=sections,
        participants=participants,
        location=location,
        programme=programme,
        contacts=contacts,
        notes=notes,
    )
    if plugins is not None:
        extra = plugins.extend_view(event, view)
        if extra:
            view = attrs.evolve(view, extra=extra)
    return view
