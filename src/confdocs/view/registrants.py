"""The registered participants, composed once for every document made for or about them: the
participant list (only those who agreed to be named; the others counted), an attendance sheet
per day of the event, a badge per registrant and a certificate per participant who attended.

Names follow the event's rule (:func:`~confdocs.view.people.written_name`), countries are
CLDR's names, roles their short labels. A registration's e-mail address and phone number never
reach the view, so no document can print them.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Literal

from ..errors import InputError, Location, Problem
from ..model.names import suggestion
from .formatting import regional_language, text_direction
from .lines import Line, Span, fill, line
from .parts import (
    CertificateView,
    ListEntryView,
    ListGroupView,
    ListSectionView,
    ParticipantListView,
    RegistrantsView,
    RegistrantView,
    SignInRowView,
    SignInSheetView,
)
from .people import written_name
from .plurals import counted, plural_key
from .spans import span_words

if TYPE_CHECKING:
    from ..loading import Registration, Registrations
    from ..model import Event
    from .composer import Composer


def registrants_part(
    c: Composer, registrations: Registrations, voice: Callable[[str], Composer]
) -> RegistrantsView:
    """The registrants part; ``voice(locale)`` gives a composer in another language (for a
    certificate in a participant's language of correspondence)."""
    _check_days(c, registrations)
    ids = _ids(registrations.rows)
    people = tuple(_registrant(c, reg, ident) for reg, ident in zip(registrations, ids,
                                                                    strict=True))
    return RegistrantsView(
        file=registrations.file,
        people=people,
        participant_list=_participant_list(c, people),
        sign_in=_sign_in(c, people),
        certificates=tuple(
            _certificate(
                voice(
                    locale_for(
                        c.locale, person.language, person.country.code if person.country else None
                    )
                ),
                person,
            )
            for person in people
            if person.attended
        ),
    )


def locale_for(document: str, language: str | None, country: str | None = None) -> str:
    """The locale of a participant's own document: their language of correspondence, or the
    document's locale when that is the same language (``en`` in an ``en_GB`` document keeps
    the British dates) or they gave none. A language without a region takes the
    participant's country where CLDR has that locale (``pt`` from Brazil is ``pt_BR``, ``en``
    from Fiji ``en_FJ``: its dates as written there, not as in the United States)."""
    if language is None or language == document:
        return document
    if "_" not in language and document.split("_")[0] == language:
        return document
    if "_" not in language and country and _exists(f"{language}_{country}"):
        return f"{language}_{country}"
    return language


@functools.cache
def _exists(locale: str) -> bool:
    from babel.localedata import exists

    return bool(exists(locale))


# -- people -----------------------------------------------------------------------------------


def _ids(rows: Iterable[Registration]) -> list[str]:
    """Each row's id: its own, else one made from its name (accents folded, lower case),
    made unique (case aside) with ``-2``, ``-3`` …"""
    rows = list(rows)
    taken = {row.id.casefold() for row in rows if row.id}
    out = []
    for row in rows:
        if row.id:
            out.append(row.id)
            continue
        base = (suggestion(row.name, 90) or "participant").lower()
        ident, n = base, 1
        while ident.casefold() in taken:
            n += 1
            ident = f"{base}-{n}"
        taken.add(ident.casefold())
        out.append(ident)
    return out


def _registrant(c: Composer, reg: Registration, ident: str) -> RegistrantView:
    event = c.event
    name = written_name(reg.name, reg.family_name, event.settings)
    group = next((g for g in event.participants.groups if g.id == reg.group), None)
    allocation = next((a for a in event.participants.allocations if a.id == reg.group), None)
    country = None
    if reg.country:
        country = c.country_ref(reg.country)
    role_label = None
    if reg.role:
        role = next((r for r in event.participants.roles if r.id == reg.role), None)
        if role is not None:
            role_label = role.short_label or (c.rich(role.label) or Line()).plain
        else:
            role_label = reg.role
    # The organisation column is free text, or the id of one of the event's organisations:
    # then its name, as the badges and letters name it.
    organisation = (
        event.organisation(reg.organisation).name
        if reg.organisation and reg.organisation in event.index.organisations
        else reg.organisation
    )
    if group is not None:
        group_name = group.project
    elif allocation is not None:
        org = allocation.organisation
        group_name = (
            event.organisation(org).name
            if org is not None and org in event.index.organisations
            else (c.rich(allocation.label) or Line()).plain
        )
    else:
        group_name = organisation or reg.group
    delegate = group is not None
    if delegate and country is not None:
        affiliation = country.name
    elif country is not None and allocation is not None and allocation.organisation:
        affiliation = c.labels.get("organisation_country", organisation=group_name,
                                   country=country.name)
    elif allocation is not None:
        affiliation = group_name
    else:
        affiliation = country.name if country is not None else (organisation or "")
    language = reg.language
    return RegistrantView(
        id=ident,
        name=name,
        addressed=c.labels.get("addressed", title=reg.title, name=name) if reg.title else name,
        title=reg.title,
        family_name=reg.family_name,
        country=country,
        organisation=organisation,
        group=reg.group,
        group_name=group_name,
        delegate=delegate,
        role=reg.role,
        role_label=role_label,
        online=reg.online,
        consent=reg.consent,
        language=language,
        language_name=c.fmt.language(language.split("_")[0]) if language else None,
        attended=reg.attended,
        affiliation=affiliation,
        line=reg.line,
        gender=reg.gender if reg.gender in ("female", "male") else None,
    )


#: Letters that are not a Latin letter and an accent, as an index files them.
_LETTERS = str.maketrans(
    {"Đ": "D", "đ": "d", "Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "ß": "ss", "Æ": "AE",
     "æ": "ae", "Œ": "OE", "œ": "oe", "Þ": "Th", "þ": "th", "ı": "i", "Ħ": "H", "ħ": "h"}
)


def _sort_key(text: str) -> tuple[str, str]:
    """Alphabetical order as a reader expects it: accents and case aside (Đorđević with the
    Ds, Łukasz with the Ls)."""
    folded = unicodedata.normalize("NFKD", text.translate(_LETTERS))
    return folded.encode("ascii", "ignore").decode().casefold(), text


def _family_key(person: RegistrantView) -> tuple[str, str]:
    """Alphabetical order of family name (the last word of a name given without one)."""
    words = person.name.split()
    family = person.family_name or (words[-1] if words else "")
    return _sort_key(f"{family} {person.name}")


# -- the participant list ---------------------------------------------------------------------


def _participant_list(c: Composer, people: tuple[RegistrantView, ...]) -> ParticipantListView:
    event = c.event
    by_key: dict[tuple[str, str], list[RegistrantView]] = {}
    headings: dict[tuple[str, str], str] = {}
    for person in people:
        if person.delegate and person.country is not None:
            key = ("country", person.country.code)
            headings[key] = person.country.name
        else:
            allocation = next(
                (a for a in event.participants.allocations if a.id == person.group), None
            )
            owner = allocation.organisation if allocation and allocation.organisation else None
            key = ("organisation", owner or person.group)
            headings[key] = person.group_name
        by_key.setdefault(key, []).append(person)
    countries = sorted(
        (k for k in by_key if k[0] == "country"), key=lambda k: _sort_key(headings[k])
    )
    organisations = [k for k in by_key if k[0] == "organisation"]
    sections = []
    number = 0
    # Beside a name, mid-line: in the line's case ("(en ligne)"), not a label's.
    online = c.labels.catalog.get("attending_online") or c.labels["online"]
    plan: list[tuple[Literal["country", "organisation"], list[tuple[str, str]], str]] = [
        ("country", countries, "delegations"),
        ("organisation", organisations, "organisations"),
    ]
    for kind, keys, heading in plan:
        groups = []
        for key in keys:
            members = sorted(by_key[key], key=_family_key)
            entries = []
            for person in members:
                if not person.consent:
                    continue
                number += 1
                detail = (person.role_label or "") if kind == "country" else (
                    person.country.name if person.country else ""
                )
                entries.append(
                    ListEntryView(number, person.addressed, person.organisation, detail, person,
                                  attendance=online if person.online else None)
                )
            unnamed = len(members) - len(entries)
            groups.append(
                ListGroupView(
                    kind=kind,
                    id=key[1],
                    heading=headings[key],
                    detail_label=c.labels["role" if kind == "country" else "country"],
                    entries=tuple(entries),
                    unnamed=unnamed,
                    unnamed_line=line(Span(counted(c.labels, "unnamed", unnamed), "count"))
                    if unnamed
                    else None,
                )
            )
        if groups:
            sections.append(
                ListSectionView(kind, c.labels[heading], tuple(groups))
            )
    unnamed_count = len(people) - number
    summary = line(Span(counted(c.labels, "registered", len(people)), "count"))
    if unnamed_count:
        summary += line(
            Span(" ", "separator"), Span(counted(c.labels, "unnamed", unnamed_count), "count")
        )
    return ParticipantListView(tuple(sections), len(people), number, unnamed_count, summary)


# -- attendance sheets ------------------------------------------------------------------------


def _sign_in(c: Composer, people: tuple[RegistrantView, ...]) -> tuple[SignInSheetView, ...]:
    """A sheet per day of the event with a programme (every day of it when the programme has
    none: a webinar series' days between its sessions have no sheet), everyone expected in the
    room on it (those following online sign nothing), in alphabetical order of family name;
    no sheet when nobody is expected in the room."""
    expected = sorted((p for p in people if not p.online), key=_family_key)
    if not expected:
        return ()
    sheets = []
    for day in session_days(c.event):
        date_text = c.fmt.date(day)
        sheets.append(
            SignInSheetView(
                id=day.isoformat(),
                date=day,
                date_text=date_text,
                heading=fill(c.labels["sign_in_heading"], date=Span(date_text, "date")),
                rows=tuple(
                    SignInRowView(n, p.addressed, p.affiliation, p)
                    for n, p in enumerate(expected, 1)
                ),
            )
        )
    return tuple(sheets)


def _event_days(event: Event) -> list[dt.date]:
    return [event.start + dt.timedelta(days=n) for n in range(event.days_between())]


def session_days(event: Event) -> list[dt.date]:
    """The days of the event its programme has slots on; every day of the event when it has
    none of them."""
    planned = {day.date for day in event.programme.days if day.slots}
    days = [day for day in _event_days(event) if day in planned]
    return days or _event_days(event)


def attendance_problems(event: Event, registrations: Registrations) -> list[Problem]:
    """Days attended must be days of the event: one problem per row, at its line (the view
    refuses them; ``check`` reports them)."""
    days = set(_event_days(event))
    problems = []
    for index, reg in enumerate(registrations):
        wrong = [d for d in reg.attended if d not in days]
        if wrong:
            problems.append(
                Problem(
                    f"{wrong[0].isoformat()} is not a day of the event "
                    f"({event.start.isoformat()} to {event.end.isoformat()})",
                    Location(registrations.file, reg.line, None,
                             f"registrations[{index}].attended"),
                )
            )
    return problems


def _check_days(c: Composer, registrations: Registrations) -> None:
    problems = attendance_problems(c.event, registrations)
    if problems:
        raise InputError(problems)


# -- certificates -----------------------------------------------------------------------------


def _runs(days: Iterable[dt.date]) -> list[list[dt.date]]:
    """``days`` in runs of consecutive days (across months too: "30 September – 1 October
    2019", as the event's dates are written)."""
    runs: list[list[dt.date]] = []
    for day in sorted(days):
        last = runs[-1][-1] if runs else None
        if last and day - last == dt.timedelta(days=1):
            runs[-1].append(day)
        else:
            runs.append([day])
    return runs


def _attended_words(c: Composer, key: str, days: Sequence[dt.date]) -> tuple[str, Line]:
    """The wording ``key`` for the days someone came, and the days: consecutive days of a
    month as one span (:func:`~.spans.span_words`), several spans as a list of dates as the
    event's are written ("3–5 novembre 2025 et 7 novembre 2025")."""
    runs = _runs(days)
    if len(runs) == 1:
        chosen, span = span_words(c, key, runs[0][0], runs[0][-1])
        return chosen, line(Span(span, "date"))
    counted = plural_key(c.labels, key, len(days))
    ordered = sorted(days)
    last = ordered[-1]
    if all((day.year, day.month) == (last.year, last.month) for day in ordered):
        # Days of one month, where the language writes a day before its month: the month
        # and year once ("les 18 et 20 novembre 2025", not "les 18 novembre 2025 et 20
        # novembre 2025").
        ends = [e for e in (c.fmt.date_ends(day, last) for day in ordered[:-1]) if e]
        first = c.labels.catalog.get("first_of_month") or None  # French "1er"
        if len(ends) == len(ordered) - 1 and all(
            _DAY.fullmatch(e[0]) or e[0] == first for e in ends
        ):
            in_words = c.fmt.join([e[0] for e in ends] + [ends[-1][1]])
            return counted, line(Span(in_words, "date"))
    spans = [line(Span(c.fmt.dates(run[0], run[-1]), "date")) for run in runs]
    return counted, c.fmt.join_line(spans)


#: A day of the month alone, as the first end of an interval within a month ("18", "18.").
_DAY = re.compile(r"\d{1,2}\.?")


def _certificate(c: Composer, person: RegistrantView) -> CertificateView:
    """``person``'s certificate, composed in ``c``'s language."""
    event = c.event
    days = tuple(c.fmt.date(day, "long") for day in person.attended)
    title, place = Span(event.title, "title"), Span(c.place(), "place")
    # Some of the days the event is held on (those its programme has sessions on: a webinar
    # series' weeks between sessions are no days missed).
    some = not set(session_days(event)) <= set(person.attended)
    if some and "certificate_held_other" in c.labels.catalog:
        # Some of the days: "attended on 9 March 2027 the event …, held in Lyon, France, on
        # 9–10 March 2027." ("… held in Lyon, France, on 9 March 2027" read as the event's.)
        key, came = _attended_words(c, "certificate_attended_part", person.attended)
        statement = fill(c.where(key, person.gender), days=came, title=title, place=place)
        held, dates = span_words(c, "certificate_held", event.start, event.end)
        days_line = fill(c.labels[held], dates=Span(dates, "date"))
    else:
        statement = fill(c.where("certificate_attended", person.gender), title=title, place=place)
        key, came = _attended_words(c, "certificate_days", person.attended)
        days_line = fill(c.labels[key], days=came)
    certificates = event.certificates
    signed = certificates.date or event.end
    shown = c.fmt.date(signed, "long")
    place_date = (
        c.labels.get("place_date", place=certificates.place, date=shown)
        if certificates.place
        else shown
    )
    signatory = None
    if certificates.signatory and certificates.signatory in event.index.people:
        signatory = c.contact(event.person(certificates.signatory), signs=True)
    return CertificateView(
        id=person.id,
        locale=c.locale,
        language=c.locale.replace("_", "-"),
        regional_language=regional_language(c.locale, c.labels.region),
        direction=text_direction(c.locale),
        registrant=person,
        heading=c.labels["certificate"],
        certify=c.labels["certificate_certify"],
        name=person.addressed,
        statement=statement,
        days_line=days_line,
        days=days,
        place_date=place_date,
        signatory=signatory,
        letterhead=c.header(),
    )
