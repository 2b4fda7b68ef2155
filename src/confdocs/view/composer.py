"""What every part of the view is composed with: the event (filtered for the audience), the
locale's labels and formatter, people's names, the timeline, and the footnotes in the order a
reader meets them; and the parts made here (header, sections, location, contacts, notes)."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from typing import Any

from ..errors import ConfdocsError
from ..model import Event, Logo
from .formatting import Formatter
from .labels import Labels, MissingLabelsError, fill
from .lines import Line, Span, line
from .lines import fill as fill_line
from .links import email_href, tel_href, web_href
from .parts import (
    ChangesView,
    ContactGroupView,
    ContactView,
    CountryRef,
    Fact,
    HeaderView,
    LocationView,
    LogoView,
    NoteView,
    SectionView,
)
from .people import PeopleNames
from .richtext import RichText, escape_markdown, parse
from .times import timeline


def logo_view(logo: Logo, organisation: str | None = None) -> LogoView:
    if logo.image is None:
        raise ConfdocsError(
            f"logo {logo.file!r} was not read: load the event with load_event, or give the "
            "Logo its image (confdocs.loading.images.read_image)"
        )
    image = logo.image
    return LogoView(logo.alt, image.media_type, image.width, image.height, image.data, organisation)


class Composer:
    """What every part is composed with: the event (filtered for the audience), the locale's
    labels and formatter, people's names, and the footnotes in the order a reader meets them."""

    def __init__(self, event: Event, locale: str, labels: Labels) -> None:
        self.event = event
        self.locale = locale
        self.labels = labels
        self.fmt = Formatter(event.settings, locale, labels)
        self.people = PeopleNames(event, self.fmt)
        self.timeline = timeline(event)
        self.note_numbers: dict[str, int] = {}
        #: Notes the view writes itself (an exception's composition), by id: their Markdown.
        self.made_notes: dict[str, str] = {}
        #: The venue on one line, once the location part is made (sessions name it).
        self.venue_line = ""
        #: What changed since the previous version, when the view compares with one.
        self.changes: ChangesView | None = None

    @functools.cached_property
    def own_labels(self) -> Labels | None:
        """The labels of the event's own locale, when the document is in another one (a title
        that is just its kind's label there, "Coffee break", becomes this document's label)."""
        if self.fmt.own_locale:
            return self.labels
        try:
            return Labels(self.event.settings.locale)
        except (MissingLabelsError, ValueError):
            return None

    # -- text ------------------------------------------------------------------------------

    def make_note(self, note_id: str, markdown: str) -> int:
        """A footnote the view says itself (not one of the event's notes), numbered where the
        reader meets it."""
        self.made_notes[note_id] = markdown
        return self.number_note(note_id)

    def number_note(self, note_id: str) -> int:
        if note_id not in self.event.index.notes and note_id not in self.made_notes:
            # load_event() refuses this; an event built in code may still carry it.
            raise ConfdocsError(f"footnote [^{note_id}] names no note; define it under notes")
        if note_id not in self.note_numbers:
            self.note_numbers[note_id] = len(self.note_numbers) + 1
        return self.note_numbers[note_id]

    def rich(self, text: str | None, values: Mapping[str, object] | None = None) -> RichText | None:
        if text is None:
            return None
        return parse(fill(text, values) if values else text, self.number_note)

    def labelled(self, key: str, value: Line | Span | str | None) -> Line:
        """A label and its value: "Tel: +31 70 412 5360" (the catalog's ``label_value``
        pattern gives each language its punctuation)."""
        return fill_line(
            self.labels["label_value"], label=Span(self.labels[key], "label"), value=value
        )

    # -- parts -----------------------------------------------------------------------------

    def header(self) -> HeaderView:
        header = self.event.header
        return HeaderView(
            header.funders,
            header.implementers,
            self.version(),
            header.version,
            funder_logos=tuple(logo_view(x) for x in header.funder_logos),
            implementer_logos=tuple(logo_view(x) for x in header.implementer_logos),
            version_label=header.version_label,
        )

    def version(self) -> str | None:
        """The version as the header says it: "Version 29 September 2019", or with a label
        "Version 2, 15 October 2019"."""
        header = self.event.header
        date = self.fmt.date(header.version, "long") if header.version is not None else None
        if header.version_label and date:
            return self.labels.get("version_labelled", label=header.version_label, date=date)
        if header.version_label:
            return header.version_label
        return self.labels.get("version", date=date) if date else None

    def organiser_logos(self) -> tuple[LogoView, ...]:
        out = []
        for org_id in self.event.organisers:
            org = self.event.index.organisations.get(org_id)
            if org is not None and org.logo is not None:
                out.append(logo_view(org.logo, org.name))
        return tuple(out)

    def where(self, key: str, gender: str | None = None) -> str:
        """The catalog's wording ``key`` for where the event is held: its ``_online`` form
        ("to be held online") for an event online only, with no city or country to name (the
        plain form said "held in Online"), when the catalog has one; agreeing with the
        ``gender`` of who it says it of, where the catalog has a form for it (Arabic "قد
        حضرت" for a woman, see :meth:`Labels.variant`)."""
        if self._online_only() and f"{key}_online" in self.labels.catalog:
            key = f"{key}_online"
        return self.labels.variant(key, [gender] if gender else [])

    def place(self) -> str:
        venue = self.event.venue
        if self._online_only():
            return self.labels["online"]
        return self.fmt.comma(
            [venue.city or "", self.fmt.country(venue.country) if venue.country else ""]
        )

    def _online_only(self) -> bool:
        """An event online only, with no city or country to name as its place."""
        venue = self.event.venue
        return venue.mode == "online" and not (venue.city or venue.country)

    def sections(self) -> tuple[SectionView, ...]:
        out = []
        for index, section in enumerate(self.event.sections):
            if section.changes:
                # Only a build that compares with a previous version has changes to list.
                if self.changes is not None:
                    out.append(self.changes_section(section.id, section.title, index))
                continue
            title, body = section.title, section.body
            if section.use is not None:
                text = self.event.text(section.use)
                title, body = title or text.title, text.body
            out.append(SectionView(section.id, title, parse(body or "", self.number_note)))
        return tuple(out)

    def changes_section(self, section_id: str, title: str | None, index: int) -> SectionView:
        """The outline's "changes since the previous version" section: the change list, one
        item a line (plain text, so it references no footnote). That the section itself is new
        is left out of it ("New section: Changes since the previous version" said nothing)."""
        assert self.changes is not None
        itself = f"sections[{index}]"
        items = [
            f"- {escape_markdown(' '.join(item.line.plain.split()))}"
            for item in self.changes.items
            if not (item.kind == "section.added" and item.path == itself)
        ]
        body = "\n".join(items) if items else escape_markdown(self.labels["no_changes"])
        return SectionView(section_id, title or self.changes.heading, parse(body))

    def location(self) -> LocationView:
        venue = self.event.venue
        languages = tuple(self.fmt.language(code) for code in self.event.languages)
        languages_text = self.fmt.join(languages) if languages else None
        mode_label = {"online": self.labels["online"], "hybrid": self.labels["hybrid"]}.get(
            venue.mode
        )
        country = self.fmt.country(venue.country) if venue.country else None
        facts: list[Fact] = []
        if venue.name or mode_label:
            mode = Span(mode_label, "mode") if mode_label else None
            # In brackets after the venue's name the mode is not a sentence of its own: "Hotel
            # Embajador (presencial y en línea)", "Eurojust (in person and online)".
            aside = Span(_uncapitalised(mode_label), "mode") if mode_label else None
            shown = (
                self.fmt.after(Span(venue.name, "venue"), self.fmt.bracketed(aside))
                if venue.name
                else line(mode)
            )
            facts.append(self._fact("venue", shown))
        city = venue.city if venue.city and venue.city not in (venue.address or "") else None
        address = self.fmt.comma([venue.address, city, country])
        if address:
            facts.append(self._fact("address", line(Span(address, "address"))))
        if venue.url:
            facts.append(
                self._fact("link", line(Span(venue.url, "url", href=web_href(venue.url))))
            )
        zone = self.time_zone() if venue.mode in ("online", "hybrid") else None
        if zone is not None and "times" in self.labels.catalog:
            # Who joins from elsewhere reads the programme's times in the event's zone.
            facts.append(self._fact("times", line(Span(zone, "time-zone"))))
        where = [venue.name or "", venue.address or ""]
        if venue.city and (not venue.address or venue.city not in venue.address):
            where.append(venue.city)
        if venue.mode == "online" and venue.url:
            where.append(venue.url)
        return LocationView(
            venue=venue.name,
            address=venue.address,
            city=venue.city,
            country=country,
            mode=venue.mode,
            mode_label=mode_label,
            url=venue.url,
            text=self.rich(venue.text),
            languages=languages,
            languages_text=languages_text,
            interpretation=self.interpretation(languages),
            facts=tuple(facts),
            one_line=self.fmt.comma(where),
        )

    def interpretation(self, languages: tuple[str, ...]) -> str | None:
        """The sentence that says the languages of interpretation, the list joined as the
        locale joins one. Each language after the first is said as
        ``interpretation_language_next`` has it: French repeats the preposition that
        ``interpretation`` says before the first ("en français et en anglais")."""
        if not languages:
            return None
        single = self.labels.catalog.get("interpretation_single")
        if len(languages) == 1 and single:
            # One language: nothing is interpreted; the sentence says the event's language.
            return fill(single, {"language": languages[0]})
        each = self.labels.catalog.get("interpretation_language_next", "{language}")
        rest = [fill(each, {"language": x}) for x in languages[1:]]
        said = self.fmt.join((languages[0], *rest))
        return self.labels.get("interpretation", languages=said)

    def time_zone(self) -> str | None:
        """The zone the programme's times are in, as CLDR names it in this language, with its
        offset: "Fiji Standard Time (GMT+12:00)". When the zone's offset changes during the
        event (summer time ends on its Sunday), each day from which it differs is said:
        "Eastern European Summer Time (GMT+03:00); from 31 October, Eastern European
        Standard Time (GMT+02:00)" (``time_zone_from``). Each day is read at noon: the
        clocks change at night, and a time that night is the timing check's to question."""
        import datetime as dt

        from babel.dates import get_timezone, get_timezone_gmt, get_timezone_name

        try:
            zone = get_timezone(self.event.settings.timezone)
        except LookupError:
            return None
        said: list[tuple[dt.date, str]] = []
        for number in range(self.event.days_between()):
            day = self.event.start + dt.timedelta(days=number)
            noon = dt.datetime.combine(day, dt.time(12), tzinfo=zone)
            name = get_timezone_name(noon, locale=self.locale)
            offset = get_timezone_gmt(noon, locale=self.locale)
            named = f"{name} ({offset})" if offset not in name else name
            if not said or said[-1][1] != named:
                said.append((day, named))
        if not said:
            return None
        text = said[0][1]
        then = self.labels.catalog.get("time_zone_from", "{zone}; {date}: {next}")
        for day, named in said[1:]:
            text = fill(then, {"zone": text, "date": self.fmt.day_month(day), "next": named})
        return text

    def _fact(self, key: str, value: Line) -> Fact:
        return Fact(key, self.labels[key], value, self.labelled(key, value))

    def contacts(self) -> tuple[ContactGroupView, ...]:
        out = []
        for group in self.event.contacts:
            org = self.event.organisation(group.organisation)
            out.append(
                ContactGroupView(
                    org.name,
                    group.label or org.name,
                    tuple(self.contact(self.event.person(p)) for p in group.people),
                    self.contact_heading(group.label, org),
                )
            )
        return tuple(out)

    def country_ref(self, code: str) -> CountryRef:
        """The country ``code`` as the view refers to it: its name, and its delegation as a
        phrase names it ("Delegation of the Netherlands")."""
        delegation = self.labels.get("delegation", country=self.fmt.country_in_phrase(code))
        return CountryRef(code, self.fmt.country(code), delegation)

    def contact_heading(self, label: str | None, org: Any) -> Line:
        """A contact group's heading: its label and, in brackets, the organisation its
        people work for ("Contenido del programa (Consejo de Europa)"), before a colon the
        label ends with ("For registration (Eurojust):"). The organisation alone without a
        label, and the label alone when it names the organisation already (see
        :func:`_organisation_names`): a reader abroad is told once who the contacts work for.
        A name with brackets of its own is bracketed as its short name, when it has one
        ("Au Conseil de l’Europe (C-PROC) :", not "(Bureau … (C-PROC))")."""
        if not label:
            return line(Span(org.name, "organisation"))
        if any(_names(label, name) for name in _organisation_names(org)):
            return line(Span(label, "text"))
        shown = org.short_name if "(" in org.name and org.short_name else org.name
        found = _ENDING_COLON.search(label)
        colon = found.group() if found else ""
        text = Span(label[: len(label) - len(colon)], "text")
        named = self.fmt.bracketed(Span(shown, "organisation"))
        return line(self.fmt.after(text, named), Span(colon, "separator"))

    def contact(self, person: Any, signs: bool = False) -> ContactView:
        """``person`` as a contact. A contact list groups its people under their
        organisations; one who ``signs`` a letter or certificate stands alone, so their
        organisation is one of the lines that say who they are (after the position, unless
        the position or office already names it)."""
        names = self.people
        country = self.fmt.country(person.country) if person.country else None
        place = self.fmt.comma([person.city, country]) or None
        organisation = names.organisation_of(person)
        position = line(Span(person.position, "position")) if person.position else None
        named = line(Span(organisation, "organisation")) if organisation else None
        # The organisation's line, unless a line shown with it names it already (as words:
        # "UN" is not in "Head of Unit"): the position for a signature, the position or the
        # office among the lines that say who signs.
        signature = [position, None if _names(person.position, organisation) else named]
        shown_with = " ".join(x for x in (person.position, person.office) if x)
        identity = [
            position,
            named if signs and not _names(shown_with, organisation) else None,
            line(Span(person.office, "office")) if person.office else None,
            line(Span(place, "place")) if place else None,
        ]
        reach = [
            self.labelled("tel", Span(person.phone, "phone", href=tel_href(person.phone)))
            if person.phone
            else None,
            self.labelled("mobile", Span(person.mobile, "phone", href=tel_href(person.mobile)))
            if person.mobile
            else None,
            self.labelled("email", Span(person.email, "email", href=email_href(person.email)))
            if person.email
            else None,
        ]
        return ContactView(
            id=person.id,
            name=names.name(person),
            display=names.display(person),
            position=person.position,
            organisation=organisation,
            office=person.office,
            place=place,
            phone=person.phone,
            mobile=person.mobile,
            email=person.email,
            identity_lines=tuple(x for x in identity if x is not None),
            contact_lines=tuple(x for x in reach if x is not None),
            signature_lines=tuple(x for x in signature if x is not None),
        )

    def notes(self) -> tuple[NoteView, ...]:
        # Notes referenced nowhere still belong in the document: number them last.
        for note in self.event.notes:
            self.number_note(note.id)
        # Parsing a note may reference further notes: loop until stable.
        done: dict[str, RichText] = {}
        while len(done) < len(self.note_numbers):
            for note_id in list(self.note_numbers):
                if note_id not in done:
                    text = self.made_notes.get(note_id)
                    if text is None:
                        text = self.event.note(note_id).text
                    done[note_id] = parse(text, self.number_note)
        return tuple(
            NoteView(number, note_id, done[note_id])
            for note_id, number in sorted(self.note_numbers.items(), key=lambda item: item[1])
        )


def _uncapitalised(text: str) -> str:
    """``text`` with a small first letter when its first word is a capitalised word ("In
    person" → "in person"), as it is when it does not start a sentence; an abbreviation
    ("VR and online") and a text in a script without case stay as they are."""
    first = text.split(" ", 1)[0]
    if len(first) > 1 and first[0].isupper() and first[1:].islower():
        return text[0].lower() + text[1:]
    return text


#: The colon a label may end with ("For registration:", French "Inscriptions :"), the spaces
#: before it included.
_ENDING_COLON = re.compile("[ \u00a0\u202f]*[:\uff1a]$")


#: A bracketed part of a name: "(C-PROC)", "(المعهد الأعلى للقضاء)".
_BRACKETED = re.compile(r"\s*\(([^()]*)\)")


def _organisation_names(org: Any) -> list[str]:
    """What a label may call an organisation: its name, short name and the name a sentence
    says, and a name's parts in and out of brackets ("Institut supérieur de la magistrature
    (المعهد الأعلى للقضاء)" is named by either)."""
    names = [org.name, org.short_name, org.called]
    outside = _BRACKETED.sub("", org.name).strip()
    return [n for n in [*names, outside, *_BRACKETED.findall(org.name)] if n and n.strip()]


def _names(text: str | None, name: str | None) -> bool:
    """Does ``text`` say ``name``, as words of its own?"""
    if not text or not name:
        return False
    return re.search(rf"(?<!\w){re.escape(name.casefold())}(?!\w)", text.casefold()) is not None
