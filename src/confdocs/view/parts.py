"""The parts of the view: everything a document shows, already composed.

Every class here is frozen. Texts are ``str`` (plain), :class:`~confdocs.view.richtext.RichText`
(Markdown parsed once) or :class:`~confdocs.view.lines.Line` (a run of text in spans, each with
its role). Exporters and templates render these parts; they never decide a word or an order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, Literal

import attrs

from .labels import Labels
from .lines import Line, Span, line
from .richtext import RichText


@attrs.frozen
class PersonRef:
    """Someone the document names: a person, or an organisation named in a person's place (a
    moderating organisation). ``name`` is as the event spells it (``surname_style``);
    ``display`` the whole line a contribution shows ("Ladislav HAMRAN, President of the College
    of Eurojust, The Hague (NL)")."""

    id: str
    kind: Literal["person", "organisation"]
    name: str
    display: str
    position: str | None = None
    #: The organisation as shown (a person's affiliation, else their organisation's name).
    organisation: str | None = None
    organisation_id: str | None = None
    country: str | None = None
    country_name: str | None = None
    city: str | None = None
    #: ``female``, ``male``, or None (neutral wording): what the document's words agree with.
    gender: str | None = None


@attrs.frozen
class CountryRef:
    code: str
    name: str
    #: The country's delegation, as the document names it ("Delegation of Costa Rica").
    delegation: str = ""


@attrs.frozen
class NoteView:
    number: int
    id: str
    text: RichText


@attrs.frozen
class LogoView:
    """A logo as every format places it: the image's bytes, kind and size, and its words."""

    alt: str
    #: ``image/png`` or ``image/jpeg``.
    media_type: str
    #: Size in pixels (formats scale it to their own height, keeping the proportions).
    width: int
    height: int
    data: bytes = attrs.field(repr=False)
    #: Whose logo it is, when an organisation's.
    organisation: str | None = None
    #: In a tracked document: ``"ins"`` or ``"del"`` for a logo one version lacks.
    change: str | None = None

    @property
    def data_uri(self) -> str:
        """The image as a ``data:`` URI, for a self-contained HTML page."""
        import base64

        return f"data:{self.media_type};base64,{base64.b64encode(self.data).decode('ascii')}"

    def width_at(self, height: float) -> float:
        """The width the logo has when shown ``height`` high."""
        return height * self.width / self.height


@attrs.frozen
class HeaderView:
    funders: tuple[str, ...]
    implementers: tuple[str, ...]
    #: "Version 29 September 2019", "Version 2, 15 October 2019" with a label.
    version: str | None
    version_date: dt.date | None = None
    #: The funders' and implementers' logos, shown with their lines.
    funder_logos: tuple[LogoView, ...] = ()
    implementer_logos: tuple[LogoView, ...] = ()
    #: The version's own name ("Version 2"), when the header gives one.
    version_label: str | None = None


@attrs.frozen
class SectionView:
    id: str
    title: str | None
    body: RichText


# -- participants -----------------------------------------------------------------------------


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
    #: "**GLACY+:** Argentina, Benin … and Tonga", with the footnote references.
    line: Line = Line()
    #: The countries alone, joined as the language joins a list, with their references.
    countries_line: Line = Line()


@attrs.frozen
class RoleView:
    id: str
    label: RichText
    per_delegation: int
    #: "1 × specialised prosecutor …".
    line: Line = Line()


@attrs.frozen
class CompositionView:
    """A country whose exception gives its delegation a composition of its own (a host
    country's two prosecutors and two investigators); shown as a footnote to the country."""

    country: CountryRef
    group: str
    seats: int
    #: Each role with the seats it takes in this delegation (``per_delegation``).
    roles: tuple[RoleView, ...]
    #: "Tunisia: 2 × specialised prosecutor and 2 × investigator."
    line: Line = Line()
    #: The number of the footnote that says it.
    note: int | None = None


@attrs.frozen
class AllocationView:
    number: int
    id: str
    label: RichText
    seats: int
    #: In a tracked document: ``"ins"`` or ``"del"`` for an allocation one version lacks.
    change: str | None = None


@attrs.frozen
class TallyRow:
    """A row of the seats table: a group, an allocation, a subtotal, the total or the
    outline's stated total."""

    kind: Literal[
        "group", "delegations", "allocation", "organisations", "total", "online", "stated"
    ]
    label: Line
    #: Countries counted (groups and the delegations' subtotal), else None.
    countries: int | None
    #: "119", or "≈ 120" for an approximate stated total.
    seats: str


@attrs.frozen
class ParticipantsView:
    intro: RichText | None
    groups: tuple[GroupView, ...]
    eligibility: RichText | None
    roles: tuple[RoleView, ...]
    #: The event's own text on what a delegation is made of (``participants.composition``);
    #: when it writes none and its roles make up a delegation, the line that introduces
    #: their list, ``composition_lines`` ("Each delegation should be composed of:").
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
    #: The seats table, row by row, in the order every format shows it; empty unless the
    #: event's ``settings.show_seat_counts`` asks for it.
    table: tuple[TallyRow, ...] = ()
    #: "Countries: 38 · Delegation seats: 76 · Organisation seats: 43 · Total: 119", under
    #: the same setting.
    summary: Line = Line()
    #: Seats for participants following online, on top of ``total``.
    online_seats: int = 0
    #: Countries with a composition of their own.
    compositions: tuple[CompositionView, ...] = ()
    #: What each delegation is made of, one line per role that has seats in it ("1 ×
    #: specialised prosecutor"), when the event writes no ``composition`` text of its own;
    #: empty when it does (then ``composition`` says it). Every format shows ``composition``
    #: and then these lines: none chooses between them itself.
    composition_lines: tuple[Line, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.intro or self.groups or self.allocations)


# -- location ---------------------------------------------------------------------------------


@attrs.frozen
class Fact:
    """A labelled fact about the venue ("Address: Johan de Wittlaan 9, …")."""

    key: str
    label: str
    value: Line
    #: The whole fact as one line: the label (with the language's punctuation) and the value.
    line: Line = Line()


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
    #: Venue, address and link, labelled, in the order every format shows them.
    facts: tuple[Fact, ...] = ()
    #: Where, on one line, for calendars: venue, address, city (and the link of an online
    #: event).
    one_line: str = ""

    @property
    def shown(self) -> bool:
        """Does the outline have anything to say of the location (a text, a fact, the
        interpretation)? Without, no format shows the part, heading included."""
        return bool(self.text or self.facts or self.interpretation)


# -- programme --------------------------------------------------------------------------------


@attrs.frozen
class ContributionView:
    """One item of a session: who speaks (people, a delegation), on what, for how long."""

    people: tuple[PersonRef, ...]
    delegation: CountryRef | None
    title: RichText | None
    note: str | None
    minutes: int | None
    duration: str | None
    #: Who speaks, as the document says it ("Rajka VLAHOVIC and Christian AGHROUM, Council of
    #: Europe", "Delegation of Argentina").
    speaker: Line = Line()
    #: The whole line: title – speaker note (remotely) (duration).
    line: Line = Line()
    #: The speakers take part remotely.
    remote: bool = False


@attrs.frozen
class DiscussionView:
    text: RichText | None
    moderators: tuple[PersonRef, ...]
    minutes: int | None
    duration: str | None
    #: The whole line: "Discussion moderated by Manuel DE ALMEIDA PEREIRA (10 mins)".
    line: Line = Line()


@attrs.frozen
class SessionView:
    """What happens in a slot, or in one room of a slot with parallel sessions."""

    index: int
    path: str
    room: str | None
    title: RichText | None
    body: RichText | None
    moderators: tuple[PersonRef, ...]
    panel: bool
    contributions: tuple[ContributionView, ...]
    discussion: DiscussionView | None
    #: "Room: Salle Gorée".
    room_line: Line | None = None
    #: "Moderator: Alexander SEGER".
    moderators_line: Line | None = None
    #: "Panel:" when the contributions are a panel.
    panel_line: Line | None = None
    #: A one-line title for calendars and schedule apps.
    summary: str = ""
    #: Where, on one line: the room and the venue.
    place: str = ""
    starts_at: dt.datetime | None = None
    ends_at: dt.datetime | None = None
    #: Its own start and end as the time column writes them ("09h00", "10h15"): a parallel
    #: session may end before its slot.
    start: str | None = None
    end: str | None = None
    #: A stable key for calendars and schedules (UIDs): the slot's for its own session, the
    #: slot's and the room's for a parallel one.
    key: str = ""
    #: One of a slot's parallel sessions (a track), shown beside the others.
    track: bool = False
    #: Its start and end as the time column writes them ("09h30 - 11h00").
    time: str = ""
    #: "Time: 09h30 - 11h00", when it ends apart from its slot.
    time_line: Line | None = None
    #: Interpretation languages in the session, by name (the session's, its room's or the
    #: event's).
    interpretation: tuple[str, ...] = ()
    #: "Interpretation: French and Arabic" or "No interpretation", when it is not the event's.
    interpretation_line: Line | None = None
    #: The link to join it online (its own or its room's), when the audience may see it.
    url: str | None = None
    #: "Link: https://…", linked, when it is not the venue's.
    link_line: Line | None = None
    #: In a tracked document: ``"ins"`` for a parallel session this version added, ``"del"``
    #: for one it removed; None for one in both.
    change: str | None = None


@attrs.frozen
class SlotView:
    path: str
    id: str | None
    kind: str
    #: Start and end as the event writes times ("09h00"); the end stated or computed.
    start: str | None
    end: str | None
    #: What the time column shows: "09h00", "14h00 - 16h00", "All day".
    time: str
    all_day: bool
    start_time: dt.time | None
    end_time: dt.time | None
    date: dt.date
    #: Start and end in the event's time zone; None for all-day or open ends.
    starts_at: dt.datetime | None
    ends_at: dt.datetime | None
    title: RichText | None
    continuation: bool
    sessions: tuple[SessionView, ...]
    #: The title and, for a continued session, "(continuation)".
    heading_line: Line = Line()
    #: A one-line title for calendars and schedule apps.
    summary: str = ""
    #: Where, on one line: the rooms of its sessions and the venue.
    place: str = ""
    #: A break, meal, photo or end of day rather than content.
    is_break: bool = False
    #: The kind in words ("Coffee break"); empty for a slot of kind ``other``.
    kind_label: str = ""
    #: A stable key for calendars and schedules: the slot's id, else its path.
    key: str = ""
    #: "Parallel sessions", over the tracks of a slot that has them.
    parallel_line: Line | None = None
    #: In a tracked document: ``"ins"`` for a slot this version added (or moved here),
    #: ``"del"`` for one it removed (or moved away); None for a slot in both.
    change: str | None = None

    @property
    def heading(self) -> str:
        """The slot's title as plain text."""
        return self.title.plain if self.title else ""

    @property
    def tracks(self) -> tuple[SessionView, ...]:
        """The slot's parallel sessions, which happen at once."""
        return tuple(s for s in self.sessions if s.track)

    @property
    def own_sessions(self) -> tuple[SessionView, ...]:
        """The slot's own session (when it has one): what precedes its tracks."""
        return tuple(s for s in self.sessions if not s.track)


@attrs.frozen
class DayView:
    index: int
    date: dt.date
    #: "Monday, 30 September 2019" in the document's language.
    date_text: str
    title: str | None
    slots: tuple[SlotView, ...]
    #: The date and the day's title.
    heading: Line = Line()
    #: The day's programme, from its first start to its last end (the whole day when nothing
    #: is timed): where a schedule puts an all-day slot.
    starts_at: dt.datetime | None = None
    ends_at: dt.datetime | None = None


# -- contacts ---------------------------------------------------------------------------------


@attrs.frozen
class ContactView:
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
    #: Who they are: position, office, place (as the seed's contacts).
    identity_lines: tuple[Line, ...] = ()
    #: How to reach them: "Tel: …", "Mob: …", "Email: …", linked.
    contact_lines: tuple[Line, ...] = ()
    #: What a signature says under the name: the position, and the organisation unless the
    #: position names it (as words of its own).
    signature_lines: tuple[Line, ...] = ()

    @property
    def lines(self) -> tuple[Line, ...]:
        return self.identity_lines + self.contact_lines


@attrs.frozen
class ContactGroupView:
    """The contacts at one organisation."""

    #: The organisation's name, in the document's language.
    organisation: str
    #: The label as written ("At the Council of Europe:"), else the organisation's name.
    label: str
    people: tuple[ContactView, ...]
    #: What the group is headed with: the label and the organisation it does not name
    #: ("Contenido del programa (Consejo de Europa)"), or the organisation alone.
    heading: Line


# -- documents for each recipient -------------------------------------------------------------


@attrs.frozen
class LetterGroupView:
    """An invitation group a letter's country is invited under, with its seats."""

    id: str
    project: str
    seats: int
    online_seats: int
    #: "GLACY+: 2 participants".
    line: Line = Line()


@attrs.frozen
class LetterView:
    """An invitation letter: to an invited country (every group it is invited under) or to
    an organisation allocation. ``id`` names its file with ``--each``: the country's code, or
    the allocation's id."""

    id: str
    kind: Literal["country", "allocation"]
    country: CountryRef | None
    #: "The competent authorities", "Europol".
    addressee: str
    #: The address block, a line each: the addressee and where ("Argentina"; "The Hague,
    #: Netherlands" for an organisation whose city or country the event gives).
    address: tuple[str, ...]
    salutation: str
    subject: Line
    #: "We have the pleasure of inviting the competent authorities of Argentina to …".
    invitation: Line
    #: The event's own text for the letters (``letters.body``), placeholders filled in.
    body: RichText | None
    seats: int
    online_seats: int
    #: "Argentina may nominate 2 participants:".
    seats_line: Line
    #: The groups a country is invited under (empty for an allocation).
    groups: tuple[LetterGroupView, ...]
    #: An allocation's label ("Two representatives of Europol").
    allocation: RichText | None
    #: "Each delegation should be composed of:", and the roles with their seats.
    composition_line: Line | None
    composition: tuple[RoleView, ...]
    #: The notes that apply: the country's exceptions' and its groups' notes.
    notes: tuple[RichText, ...]
    #: "Please send the names … by 30 August 2019 to:".
    reply_line: Line
    closing: str
    #: "Bucharest, 15 July 2019"; "Our ref.: C-PROC/2019/117".
    place_date: str | None = None
    reference_line: Line | None = None
    signatory: ContactView | None = None
    #: The event's own words for a delegation's composition (``participants.composition``),
    #: in place of the roles' list, for a country the exceptions give no composition of its
    #: own.
    composition_text: RichText | None = None


@attrs.frozen
class RegistrantView:
    """A registered participant as every document made for or about them names them.

    ``consent`` says whether they agreed to be named on the participant list, which names
    only those who did; their own badge, certificate and the line they sign on an attendance
    sheet carry their name. No document prints their e-mail address or phone number, which the
    view does not hold."""

    id: str
    #: Their name by the event's rule ("Mariana SOSA").
    name: str
    #: The title and the name ("Dr Mariana SOSA").
    addressed: str
    title: str | None
    #: The family name as the registration writes it (for alphabetical order), if given.
    family_name: str | None
    country: CountryRef | None
    #: The organisation they work for, as the registration writes it; the name of one of the
    #: event's organisations when it gives that organisation's id.
    organisation: str | None
    #: The invitation group or allocation they are registered under, and its name.
    group: str
    group_name: str
    #: A member of a country's delegation (else an organisation's representative).
    delegate: bool
    role: str | None
    #: The role's short label ("Prosecutor").
    role_label: str | None
    online: bool
    consent: bool
    #: The language of correspondence (a locale), and its name.
    language: str | None
    language_name: str | None
    #: The days they attended.
    attended: tuple[dt.date, ...]
    #: What a badge says under the name: the country, or the organisation (and its country).
    affiliation: str
    #: The row of the registrations file they come from.
    line: int | None = None
    #: ``female`` or ``male`` when the registration says it (the wording of their
    #: certificate agrees with it); else None.
    gender: str | None = None


@attrs.frozen
class ListEntryView:
    """A line of the participant list: its number, the name, the organisation and the fourth
    column (the role in a delegation, the country of an organisation's representative)."""

    number: int
    name: str
    organisation: str | None
    detail: str
    person: RegistrantView
    #: How they take part when it is not in the room: "Online" for someone who follows
    #: online (shown beside the name), else None.
    attendance: str | None = None


@attrs.frozen
class ListGroupView:
    """A country's delegation or an organisation's representatives on the participant list:
    those who agreed to be named, and how many others there are."""

    kind: Literal["country", "organisation"]
    id: str
    heading: str
    #: What the fourth column says: "Role" for a delegation, "Country" for an organisation.
    detail_label: str
    #: Those who agreed to be named, in alphabetical order of family name.
    entries: tuple[ListEntryView, ...]
    unnamed: int
    #: "1 participant who has not agreed to be listed is not named."
    unnamed_line: Line | None = None


@attrs.frozen
class ListSectionView:
    """The delegations (by country) or the organisations, with their heading."""

    kind: Literal["country", "organisation"]
    heading: str
    groups: tuple[ListGroupView, ...]


@attrs.frozen
class ParticipantListView:
    sections: tuple[ListSectionView, ...]
    registered: int
    named: int
    unnamed: int
    #: "116 registered participants. 4 participants who have not agreed …"
    summary: Line = Line()

    @property
    def groups(self) -> tuple[ListGroupView, ...]:
        return tuple(group for section in self.sections for group in section.groups)


@attrs.frozen
class SignInRowView:
    number: int
    name: str
    affiliation: str
    registrant: RegistrantView


@attrs.frozen
class SignInSheetView:
    """The attendance sheet of one day: everyone expected in the room, a line each to sign.
    ``id`` (the date, ``2019-09-30``) names its file with ``--each``."""

    id: str
    date: dt.date
    date_text: str
    #: "Attendance sheet, Monday, 30 September 2019".
    heading: Line
    rows: tuple[SignInRowView, ...]


@attrs.frozen
class CertificateView:
    """A certificate of attendance, in the participant's language of correspondence (else the
    document's). ``id`` is the participant's."""

    id: str
    locale: str
    language: str
    direction: str
    registrant: RegistrantView
    heading: str
    #: "This is to certify that".
    certify: str
    name: str
    #: "attended the International conference …, held in The Hague, Netherlands,".
    statement: Line
    #: "on 30 September and 1 October 2019."
    days_line: Line
    days: tuple[str, ...]
    place_date: str
    signatory: ContactView | None = None
    #: The language as a tag with a region, as spell-checkers want it ("pt-BR", "es-ES").
    regional_language: str | None = None
    #: The header's lines in the certificate's language (funders, implementers), for a
    #: letterhead that is the certificate's own.
    letterhead: HeaderView | None = None
    #: The statement and the days as the one sentence they are, one paragraph: "attended
    #: the event “…”, held in The Hague, Netherlands, on 30 September 2019." (the statement
    #: ends at a comma; a paragraph of its own left "del 16 al 18 de marzo de 2027." alone).
    sentence: Line = attrs.field()

    @sentence.default
    def _whole_sentence(self) -> Line:
        return line(self.statement, Span(" ", "separator"), self.days_line)


@attrs.frozen
class RegistrantsView:
    """The registered participants (``build --registrations``), and what is made of them."""

    #: The file they were read from.
    file: str
    people: tuple[RegistrantView, ...]
    participant_list: ParticipantListView
    #: A sheet per day of the event, listing everyone expected in the room (in person).
    sign_in: tuple[SignInSheetView, ...]
    #: One for each participant who attended at least one day.
    certificates: tuple[CertificateView, ...]

    @property
    def badges(self) -> tuple[RegistrantView, ...]:
        """One badge per registrant in the room (those following online wear none, as they
        sign no sheet)."""
        return tuple(person for person in self.people if not person.online)
# -- changes since the previous version ------------------------------------------------------


@attrs.frozen
class ChangeView:
    """One change since the previous version, as the document says it."""

    #: A stable code: ``slot.moved``, ``speaker.replaced``, ``country.added`` … (a plugin's
    #: own start with its name).
    kind: str
    #: Where it stands in this version (``programme.days[1].slots[2]``; "" for a removal) and
    #: where it stood in the previous one ("" for an addition).
    path: str
    old_path: str
    #: The change in words: "Opening moved from 09h00 to 09h15".
    line: Line
    #: For edited prose, the changed words with a little context, inserted and deleted spans
    #: marked.
    detail: tuple[Line, ...] = ()


@attrs.frozen
class ChangesView:
    """What changed since the previous version: the list every format can show, and what an
    exporter needs to write tracked changes."""

    #: "Changes since the version of 29 September 2019".
    heading: str
    #: The previous version as its header names it ("Version 29 September 2019"), if it does.
    since: str | None
    items: tuple[ChangeView, ...]
    #: Who the tracked changes are attributed to, and when (this version's date).
    author: str = ""
    date: dt.date | None = None
    #: True in the tracked document (``View.tracked``), whose parts carry the marks.
    marked: bool = False
    #: The outline lists the changes itself, in a section (``changes: true``): formats need
    #: not show the list again.
    listed: bool = False
    #: In the tracked document, the parts only one version has (``participants``,
    #: ``programme``, ``contacts``): ``"ins"`` or ``"del"``, for the headings over them.
    parts: Mapping[str, str] = attrs.field(factory=dict)
    #: What plugins added to the previous version's view (its ``extra``), for plugins that
    #: show changes to their own additions.
    previous_extra: Mapping[str, Any] = attrs.field(factory=dict, repr=False)

    @property
    def empty(self) -> bool:
        return not self.items


# -- the document -----------------------------------------------------------------------------


@attrs.frozen
class View:
    """Everything a document shows. Exporters and templates read it; nothing writes it."""

    id: str
    locale: str
    #: BCP 47 language tag of the document (``en-GB``, ``fr``).
    language: str
    #: The same with a region, as spell-checkers want it (``en-GB``, ``fr-FR``, ``pt-PT``).
    regional_language: str
    #: ``ltr`` or ``rtl``, the direction of the document's script.
    direction: str
    audience: str
    labels: Labels = attrs.field(repr=False)
    #: The event's first and last day, and its time zone (``Europe/Amsterdam``).
    start: dt.date
    end: dt.date
    timezone: str
    header: HeaderView
    title: str
    kind: str
    dates: str
    place: str
    #: The dates and the place on one line ("30 September – 1 October 2019, The Hague,
    #: Netherlands").
    when_where: Line
    organised_by: RichText | None
    #: The logos of the event's organisers (``organisers``), for the title block.
    organiser_logos: tuple[LogoView, ...]
    sections: tuple[SectionView, ...]
    participants: ParticipantsView
    location: LocationView
    programme: tuple[DayView, ...]
    contacts: tuple[ContactGroupView, ...]
    notes: tuple[NoteView, ...]
    #: When the document was made, for formats that record it (Word's created and modified):
    #: ``SOURCE_DATE_EPOCH`` when set (``confdocs.build`` reads it), else the version date at
    #: midnight in the event's time zone; None when the event has no version. Never the clock,
    #: so a build is reproducible.
    issued: dt.datetime | None = None
    #: The language the organiser's texts are in: one of the event's ``settings.languages``
    #: (the document's when the event is written in it, else the default), or the event's
    #: locale when it declares none.
    text_language: str = ""
    #: The prose fields shown in the default language because they have none in the
    #: document's, by path in the event (``sections[1].title``).
    fallbacks: tuple[str, ...] = ()
    #: Who the document is by, for formats that record it (a PDF's author): the organisers'
    #: names, else the header's implementers' lines, else the title.
    authors: tuple[str, ...] = ()
    extra: Mapping[str, Any] = attrs.field(factory=dict)
    #: An invitation letter per invited country and per organisation allocation (composed when
    #: first read: a :class:`~confdocs.view.deferred.Deferred` sequence, equal to their tuple).
    letters: Sequence[LetterView] = ()
    #: The registered participants, when the build has registrations; else None.
    registrants: RegistrantsView | None = None
    #: What changed since the previous version, when the build compares with one
    #: (``--changes-since``); None otherwise.
    changes: ChangesView | None = None
    #: The tracked document: this version with the previous one's removals kept and every
    #: difference marked (spans with ``change``, rich-text tokens with ``meta["change"]``,
    #: :class:`~confdocs.view.lines.ChangedText`). Formats that can show changes render it
    #: instead of this view; None when the build does not compare.
    tracked: View | None = attrs.field(default=None, repr=False, eq=False)
    #: The event's file form for this audience (see :meth:`file_form`).
    _file_form: Any = attrs.field(default=None, repr=False, eq=False, alias="file_form")

    def file_form(self) -> dict[str, Any]:
        """The event as plain data, as ``confdocs.dump_event`` writes it, for this view's
        audience (a public view's leaves out what was marked internal): for formats that write
        the data itself, such as ``json``."""
        return dict(self._file_form() if callable(self._file_form) else {})

    def template_context(self) -> dict[str, Any]:
        """What a layout template receives: every part of the view by name, and ``view``."""
        context: dict[str, Any] = {
            field.name: getattr(self, field.name)
            for field in attrs.fields(View)
            if not field.name.startswith("_")
        }
        context["view"] = self
        return context
