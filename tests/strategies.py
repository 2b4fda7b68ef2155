"""Hypothesis strategies for whole events and registrations, shared by the property tests.

``events()`` draws valid events: ids unique per kind (portable file-name slugs), every reference (moderators, speakers,
contacts, organisations, notes) pointing at something defined, times within a day, dates within
the event. ``texts()`` is arbitrary Unicode that a file can hold (no surrogates), composed as
loading stores it (NFC), without the footnote syntax ``[^`` unless a note exists. ``registration_rows()`` draws rows that need not make
sense (unknown groups, odd roles, any text, days outside the event), as spreadsheets do.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Sequence
from typing import Any

import attrs
from hypothesis import strategies as st

from confdocs import model
from confdocs.loading.registrations import Registration, Registrations


def tiny_png(width: int = 3, height: int = 2) -> bytes:
    """A small, valid PNG (grey pixels), for logos."""
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + body))
        return struct.pack(">I", len(body)) + kind + body + crc

    rows = b"".join(b"\x00" + b"\x80" * 3 * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


#: The logo files drawn events may name; a test writes ``tiny_png()`` into each.
LOGO_FILES = ["logo.png", "logos/a.png"]


def logo() -> st.SearchStrategy[model.Logo]:
    from confdocs.loading.images import image_of

    image = image_of(tiny_png())
    return st.builds(
        model.Logo, file=st.sampled_from(LOGO_FILES), alt=names(), image=st.just(image)
    )


def logos() -> st.SearchStrategy[tuple[model.Logo, ...]]:
    return st.lists(logo(), max_size=2).map(tuple)


COUNTRIES = ["FR", "NL", "PT", "BR", "XK", "GH", "LK", "UA", "DE", "ES"]
IDS = st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True)


def texts(min_size: int = 0, max_size: int = 40) -> st.SearchStrategy[str]:
    """Any text a UTF-8 file can hold, in NFC, minus the footnote syntax."""
    alphabet = st.characters(blacklist_categories=("Cs",))
    text = st.text(alphabet, min_size=min_size, max_size=max_size)
    return text.map(lambda t: unicodedata.normalize("NFC", t)).filter(lambda t: "[^" not in t)


def names() -> st.SearchStrategy[str]:
    return texts(1, 20).filter(lambda t: t.strip() != "")


def optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


@st.composite
def people(draw: st.DrawFn, ids: list[str], organisations: list[str]) -> list[model.Person]:
    out = []
    for person_id in ids:
        out.append(
            model.Person(
                id=person_id,
                given_name=draw(names()),
                family_name=draw(names()),
                particle=draw(optional(st.sampled_from(["van", "de", "da"]))),
                position=draw(optional(texts())),
                organisation=draw(optional(st.sampled_from(organisations)))
                if organisations
                else None,
                city=draw(optional(texts(max_size=15))),
                country=draw(optional(st.sampled_from(COUNTRIES))),
                gender=draw(optional(st.sampled_from(["female", "male", "neutral"]))),
                phone=draw(optional(texts(max_size=15))),
                mobile=draw(optional(texts(max_size=15))),
                email=draw(optional(texts(max_size=25))),
                internal=frozenset(draw(st.sets(st.sampled_from(sorted(model.private_fields(model.Person)))))),
                placeholder=draw(st.booleans()),
            )
        )
    return out


LANGUAGES = ["en", "fr", "ar", "pt", "es"]
URLS = st.sampled_from(["https://example.org/join", "https://meet.example/room?id=1&x=2"])


def interpretation() -> st.SearchStrategy[tuple[str, ...] | None]:
    return st.none() | st.lists(st.sampled_from(LANGUAGES), max_size=3, unique=True).map(tuple)


def internal_url(draw: st.DrawFn) -> tuple[str | None, frozenset[str]]:
    """A link, and whether it is marked internal."""
    url = draw(optional(URLS))
    return url, frozenset({"url"}) if url and draw(st.booleans()) else frozenset()


@st.composite
def rooms(draw: st.DrawFn) -> list[model.Room]:
    out = []
    for room_id in draw(st.lists(IDS, max_size=3, unique=True)):
        url, internal = internal_url(draw)
        out.append(
            model.Room(
                id=room_id,
                name=draw(names()),
                interpretation=draw(interpretation()),
                url=url,
                internal=internal,
            )
        )
    return out


@st.composite
def parallel_sessions(
    draw: st.DrawFn, speakers: list[str], room_ids: list[str], start: int
) -> tuple[model.Session, ...]:
    """Sessions in rooms, each maybe ending on its own, after the slot's start."""
    out = []
    for room in draw(st.lists(st.sampled_from(room_ids), max_size=3)) if room_ids else []:
        end = draw(optional(st.integers(start + 1, min(start + 120, 23 * 60 + 59))))
        url, internal = internal_url(draw)
        out.append(
            model.Session(
                title=draw(optional(texts())),
                room=room,
                moderators=tuple(draw(st.lists(st.sampled_from(speakers), max_size=1)))
                if speakers
                else (),
                end=None if end is None else dt.time(end // 60, end % 60),
                interpretation=draw(interpretation()),
                url=url,
                internal=internal,
            )
        )
    return tuple(out)


@st.composite
def slots(draw: st.DrawFn, speakers: list[str], room_ids: list[str] = []) -> list[model.Slot]:  # noqa: B006
    count = draw(st.integers(0, 4))
    minutes = sorted(draw(st.sets(st.integers(6 * 60, 22 * 60), min_size=count, max_size=count)))
    out = []
    for index, start in enumerate(minutes):
        contributions = ()
        if speakers:
            contributions = tuple(
                model.Contribution(
                    people=tuple(draw(st.lists(st.sampled_from(speakers), min_size=1, max_size=2))),
                    title=draw(optional(texts())),
                    duration=draw(optional(st.integers(0, 90))),
                    remote=draw(st.booleans()),
                )
                for _ in range(draw(st.integers(0, 2)))
            )
        last = index == len(minutes) - 1
        end = dt.time(23, 30) if last else None
        tracks = draw(parallel_sessions(speakers, room_ids, start))
        out.append(
            model.Slot(
                start=dt.time(start // 60, start % 60),
                end=end,
                title=draw(optional(texts())),
                kind=draw(st.sampled_from(model.SLOT_KINDS)),
                # Slots here have no room: held online or not, unless they hold tracks.
                online=draw(st.booleans()) if not tracks else False,
                parallel=tracks,
                moderators=tuple(draw(st.lists(st.sampled_from(speakers), max_size=1)))
                if speakers
                else (),
                contributions=contributions,
                discussion=draw(
                    optional(
                        st.builds(
                            model.Discussion,
                            duration=optional(st.integers(0, 60)),
                            text=optional(texts()),
                        )
                    )
                ),
            )
        )
    return out


#: The languages drawn events are written in (each has a catalog, so they build).
TEXT_LANGUAGES = ["en", "fr", "ar"]


def translated(draw: st.DrawFn, value: Any, languages: list[str]) -> Any:
    """``value`` (a part of an event) with some of its translatable texts given in each of
    ``languages`` (the first the text as drawn, the others drawn): every field the model marks
    translatable, without naming them."""
    import attrs

    from confdocs.model.fields import is_loaded, is_translatable

    def walk(item: Any, field: Any) -> Any:
        if isinstance(item, str):
            if field is None or not is_translatable(field) or not draw(st.booleans()):
                return item
            return model.Translated(
                {languages[0]: item, **{x: draw(texts()) for x in languages[1:]}}
            )
        if isinstance(item, tuple):
            return tuple(walk(x, field) for x in item)
        if attrs.has(type(item)) and not isinstance(item, model.Settings):
            changes = {
                f.name: walk(getattr(item, f.name), f)
                for f in attrs.fields(type(item))
                if not is_loaded(f)
            }
            return attrs.evolve(item, **changes)
        return item

    return walk(value, None) if len(languages) > 1 else value


@st.composite
def events(draw: st.DrawFn) -> model.Event:
    """A valid event: it loads back from its own file form and passes the reference checks;
    some are written in several languages (``settings.languages``), some of their texts given
    in each."""
    event = draw(one_language_events())
    languages = draw(st.lists(st.sampled_from(TEXT_LANGUAGES), max_size=2, unique=True))
    if not languages:
        return event
    import attrs

    settings = attrs.evolve(event.settings, locale=languages[0], languages=tuple(languages))
    return translated(draw, attrs.evolve(event, settings=settings), languages)


@st.composite
def one_language_events(draw: st.DrawFn) -> model.Event:
    """A valid event written in one language (no ``settings.languages``), with participants
    (see :func:`participants`) and a header with a version."""
    org_ids = draw(st.lists(IDS, max_size=3, unique=True))
    person_ids = draw(st.lists(IDS, max_size=4, unique=True))
    note_ids = draw(st.lists(IDS, max_size=2, unique=True))
    organisations = [
        model.Organisation(
            id=org_id,
            name=draw(names()),
            short_name=draw(optional(texts(max_size=10))),
            called=draw(optional(names())),
            country=draw(optional(st.sampled_from(COUNTRIES))),
            logo=draw(optional(logo())),
        )
        for org_id in org_ids
    ]
    persons = draw(people(person_ids, org_ids))
    venue_rooms = draw(rooms())
    room_ids = [r.id for r in venue_rooms]
    start = draw(st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 1)))
    length = draw(st.integers(0, 2))
    days = tuple(
        model.Day(
            date=start + dt.timedelta(days=i), slots=tuple(draw(slots(person_ids, room_ids)))
        )
        for i in range(length + 1)
    )
    notes = tuple(model.Note(id=note_id, text=draw(names())) for note_id in note_ids)
    sections = []
    for index in range(draw(st.integers(0, 2))):
        body = draw(names())
        if note_ids and draw(st.booleans()):
            body += f"[^{draw(st.sampled_from(note_ids))}]"
        sections.append(model.Section(id=f"s{index}", title=draw(optional(names())), body=body))
    if draw(st.booleans()):
        sections.insert(0, model.Section(id="changes", title=draw(optional(names())), changes=True))
    contacts = ()
    if org_ids and person_ids:
        contacts = (
            model.ContactGroup(
                organisation=draw(st.sampled_from(org_ids)),
                people=tuple(draw(st.lists(st.sampled_from(person_ids), min_size=1, max_size=2))),
            ),
        )
    return model.Event(
        id=draw(IDS),
        title=draw(names()),
        settings=model.Settings(show_seat_counts=draw(st.booleans())),
        organisers=tuple(draw(st.lists(st.sampled_from(org_ids), max_size=2, unique=True)))
        if org_ids
        else (),
        header=model.Header(
            funder_logos=draw(logos()),
            implementer_logos=draw(logos()),
            version=draw(optional(st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31)))),
            version_label=draw(optional(names())),
        ),
        start=start,
        end=start + dt.timedelta(days=length),
        venue=model.Venue(
            name=draw(optional(names())),
            country=draw(optional(st.sampled_from(COUNTRIES))),
            mode=draw(st.sampled_from(["in-person", "online", "hybrid"])),
            rooms=tuple(venue_rooms),
            **dict(zip(("url", "internal"), internal_url(draw), strict=True)),
        ),
        sections=tuple(sections),
        participants=draw(participants(note_ids)),
        programme=model.Programme(days=days),
        contacts=contacts,
        notes=notes,
        people=tuple(persons),
        organisations=tuple(organisations),
        languages=tuple(draw(st.lists(st.sampled_from(["en", "fr", "pt", "es"]), unique=True))),
        letters=model.Letters(
            signatory=draw(optional(st.sampled_from(person_ids))) if person_ids else None,
            place=draw(optional(names())),
            date=draw(optional(st.just(start))),
            reference=draw(optional(texts(1, 20))),
            body=draw(optional(names())),
        ),
        certificates=model.Certificates(
            signatory=draw(optional(st.sampled_from(person_ids))) if person_ids else None,
            place=draw(optional(names())),
        ),
    )


ROLES = ["prosecutor", "law-enforcement", "other"]


@st.composite
def participants(draw: st.DrawFn, notes: Sequence[str] = ()) -> model.Participants:
    """Groups with exceptions (some with a composition of their own, some with one of
    ``notes``), online seats, allocations, a stated total; roles for the compositions to
    name."""
    roles = tuple(
        model.Role(
            id=r,
            label=draw(names()),
            per_delegation=draw(st.integers(0, 2)),
            short_label=draw(optional(names())),
        )
        for r in draw(st.lists(st.sampled_from(ROLES), max_size=3, unique=True))
    )
    groups = []
    for g in range(draw(st.integers(0, 2))):
        countries = draw(st.lists(st.sampled_from(COUNTRIES), min_size=1, max_size=4, unique=True))
        exceptions = []
        for country in draw(st.lists(st.sampled_from(countries), max_size=2, unique=True)):
            composition = {
                r.id: draw(st.integers(0, 3))
                for r in draw(st.lists(st.sampled_from(roles), max_size=2, unique=True))
            } if roles else {}
            exceptions.append(
                model.CountryRule(
                    country=country,
                    seats=draw(optional(st.integers(0, 4))),
                    composition=composition,
                    note=draw(optional(st.sampled_from(notes))) if notes else None,
                )
            )
        groups.append(
            model.InvitationGroup(
                id=f"g{g}",
                project=draw(names()),
                countries=tuple(countries),
                seats_per_country=draw(st.integers(0, 3)),
                exceptions=tuple(exceptions),
                online_seats_per_country=draw(st.integers(0, 3)),
            )
        )
    allocations = tuple(
        model.Allocation(
            id=f"a{a}",
            label=draw(names()),
            seats=draw(st.integers(0, 3)),
            countries=tuple(draw(st.lists(st.sampled_from(COUNTRIES), max_size=2, unique=True))),
            online_seats=draw(st.integers(0, 3)),
        )
        for a in range(draw(st.integers(0, 2)))
    )
    stated = draw(
        optional(st.builds(model.StatedTotal, value=st.integers(0, 200), approximate=st.booleans()))
    )
    return model.Participants(
        groups=tuple(groups),
        roles=roles,
        allocations=allocations,
        stated_total=stated,
        reply_by=draw(optional(st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31)))),
    )
@st.composite
def edits(
    draw: st.DrawFn, base: st.SearchStrategy[model.Event] | None = None
) -> tuple[model.Event, model.Event]:
    """An event (from ``base``, else :func:`events` with participants) and an edit of it, one
    to three steps: another title or version, a slot removed, retitled, swapped or moved to
    another day, sections reordered and rewritten, a person renamed, a country swapped, or a
    whole other event. The edit may leave references dangling (check before building)."""
    base = base if base is not None else events()
    old = draw(base)
    new = old
    kinds = ["title", "slot", "section", "people", "countries", "version", "other", *NEWER_EDITS]
    for _ in range(draw(st.integers(1, 3))):
        edit = draw(st.sampled_from(kinds))
        if edit in NEWER_EDITS:
            new = draw(newer_edit(new, edit))
        elif edit == "title":
            new = attrs.evolve(new, title=new.title + " " + draw(st.sampled_from(["bis", "2.0", "(rev.)"])))
        elif edit == "version":
            new = attrs.evolve(new, header=attrs.evolve(new.header, version_label="Version 3"))
        elif edit == "slot" and any(day.slots for day in new.programme.days):
            days = list(new.programme.days)
            d = draw(st.sampled_from([i for i, day in enumerate(days) if day.slots]))
            slots = list(days[d].slots)
            s = draw(st.integers(0, len(slots) - 1))
            how = draw(st.sampled_from(["remove", "retitle", "to-day", "swap"]))
            if how == "remove":
                slots.pop(s)
            elif how == "retitle":
                slots[s] = attrs.evolve(slots[s], title=(slots[s].title or "") + " renamed")
            elif how == "swap" and len(slots) > 1:
                slots[0], slots[-1] = slots[-1], slots[0]
            elif how == "to-day" and len(days) > 1:
                moved = slots.pop(s)
                target = (d + 1) % len(days)
                days[target] = attrs.evolve(days[target], slots=(*days[target].slots, moved))
            days[d] = attrs.evolve(days[d], slots=tuple(slots))
            new = attrs.evolve(new, programme=attrs.evolve(new.programme, days=tuple(days)))
        elif edit == "section" and new.sections:
            sections = list(new.sections)
            n = draw(st.integers(0, len(sections) - 1))
            if sections[n].body:
                sections[n] = attrs.evolve(sections[n], body="New words. " + sections[n].body)
            new = attrs.evolve(new, sections=tuple(reversed(sections)))
        elif edit == "people" and new.people:
            person = draw(st.sampled_from(new.people))
            people = tuple(attrs.evolve(p, family_name=p.family_name + "x") if p is person else p for p in new.people)
            new = attrs.evolve(new, people=people)
        elif edit == "countries" and new.participants.groups:
            group = new.participants.groups[0]
            extra = [c for c in ("MA", "TN", "SN") if c not in group.countries][:1]
            groups = (attrs.evolve(group, countries=(*extra, *group.countries[1:])), *new.participants.groups[1:])
            new = attrs.evolve(new, participants=attrs.evolve(new.participants, groups=groups))
        else:
            new = draw(base)
    return old, new


#: Edits of what the tracks and locales work added: rooms, parallel sessions, remote speakers,
#: online seats and compositions, logos, gendered people, what is internal, organisers and
#: settings.
NEWER_EDITS = ["rooms", "tracks", "remote", "seats", "logos", "person", "organisers"]


def _edit_slots(event: model.Event, change: Any) -> model.Event:
    """``event`` with ``change(slot)`` applied to every slot (it returns the slot itself, or
    a new one)."""
    days = tuple(
        attrs.evolve(day, slots=tuple(change(slot) for slot in day.slots))
        for day in event.programme.days
    )
    return attrs.evolve(event, programme=attrs.evolve(event.programme, days=days))


@st.composite
def newer_edit(draw: st.DrawFn, event: model.Event, edit: str) -> model.Event:
    """One edit of ``edit``'s kind (see :data:`NEWER_EDITS`); the event as it is when it has
    nothing of that kind."""
    venue, participants = event.venue, event.participants
    if edit == "rooms" and venue.rooms:
        rooms = list(venue.rooms)
        n = draw(st.integers(0, len(rooms) - 1))
        how = draw(st.sampled_from(["rename", "interpretation", "link", "internal", "drop", "add"]))
        if how == "rename":
            rooms[n] = attrs.evolve(rooms[n], name=rooms[n].name + " B")
        elif how == "interpretation":
            rooms[n] = attrs.evolve(rooms[n], interpretation=draw(interpretation()))
        elif how == "link":
            rooms[n] = attrs.evolve(rooms[n], url=draw(optional(URLS)))
        elif how == "internal":
            rooms[n] = attrs.evolve(rooms[n], internal=frozenset({"url"}) - rooms[n].internal)
        elif how == "drop":
            rooms.pop(n)
        else:
            rooms.insert(n, model.Room(id="added-room", name="Added room"))
        return attrs.evolve(event, venue=attrs.evolve(venue, rooms=tuple(rooms)))
    if edit == "tracks":
        room_ids = [r.id for r in venue.rooms]
        how = draw(st.sampled_from(["room", "drop", "add", "end", "reverse"]))

        def change(slot: model.Slot) -> model.Slot:
            tracks = list(slot.parallel)
            if how == "add" and room_ids:
                tracks.append(model.Session(title="Added track", room=room_ids[0]))
            elif not tracks:
                return slot
            elif how == "room" and room_ids:
                tracks[0] = attrs.evolve(tracks[0], room=room_ids[-1] if tracks[0].room == room_ids[0] else room_ids[0])
            elif how == "drop":
                tracks.pop()
            elif how == "end":
                tracks[-1] = attrs.evolve(tracks[-1], end=None)
            elif how == "reverse":
                tracks.reverse()
            return attrs.evolve(slot, parallel=tuple(tracks))

        return _edit_slots(event, change)
    if edit == "remote":

        def flip(slot: model.Slot) -> model.Slot:
            if not slot.contributions:
                return slot
            first = slot.contributions[0]
            items = (attrs.evolve(first, remote=not first.remote), *slot.contributions[1:])
            return attrs.evolve(slot, contributions=items)

        return _edit_slots(event, flip)
    if edit == "seats" and (participants.groups or participants.allocations):
        groups = list(participants.groups)
        allocations = list(participants.allocations)
        if groups:
            group = groups[0]
            exceptions = list(group.exceptions)
            if exceptions and participants.roles:
                role = participants.roles[0].id
                exceptions[0] = attrs.evolve(
                    exceptions[0], composition={role: exceptions[0].composition.get(role, 0) + 1}
                )
            groups[0] = attrs.evolve(
                group,
                online_seats_per_country=group.online_seats_per_country + 1,
                exceptions=tuple(exceptions),
            )
        if allocations:
            allocations[-1] = attrs.evolve(allocations[-1], online_seats=allocations[-1].online_seats + 2)
        return attrs.evolve(
            event,
            participants=attrs.evolve(participants, groups=tuple(groups), allocations=tuple(allocations)),
        )
    if edit == "logos":
        header = event.header
        how = draw(st.sampled_from(["drop", "add", "alt", "organisation"]))
        if how == "drop" and header.funder_logos:
            header = attrs.evolve(header, funder_logos=header.funder_logos[1:])
        elif how == "add" or how == "drop":
            header = attrs.evolve(header, implementer_logos=(*header.implementer_logos, draw(logo())))
        elif how == "alt" and header.funder_logos:
            first = header.funder_logos[0]
            header = attrs.evolve(header, funder_logos=(attrs.evolve(first, alt=first.alt + " 2"), *header.funder_logos[1:]))
        elif event.organisations:
            org = event.organisations[0]
            organisations = (attrs.evolve(org, logo=None if org.logo else draw(logo())), *event.organisations[1:])
            return attrs.evolve(event, organisations=organisations)
        return attrs.evolve(event, header=header)
    if edit == "person" and event.people:
        person = event.people[0]
        how = draw(st.sampled_from(["gender", "internal"]))
        if how == "gender":
            person = attrs.evolve(person, gender=draw(optional(st.sampled_from(["female", "male", "neutral"]))))
        else:
            person = attrs.evolve(person, internal=person.internal ^ {"mobile", "email"})
        return attrs.evolve(event, people=(person, *event.people[1:]))
    if edit == "organisers":
        settings = attrs.evolve(event.settings, show_seat_counts=not event.settings.show_seat_counts)
        return attrs.evolve(event, organisers=event.organisers[1:], settings=settings)
    return event


@st.composite
def registration_rows(draw: st.DrawFn) -> Registration:
    """A row as a spreadsheet might give it: any text, codes right or wrong; the columns of
    the documents made for each participant (an id, a title, the family name taken from the
    name, consent, a language, days near the events' that may lie outside them)."""
    name = draw(names())
    words = name.split()
    return Registration(
        name=name,
        email=draw(texts(1, 30)),
        group=draw(st.sampled_from(["g0", "a0", "glacy", "eurojust", "cyberest"]) | names()),
        role=draw(optional(st.sampled_from(ROLES) | names())),
        country=draw(optional(st.sampled_from(COUNTRIES))),
        organisation=draw(optional(st.sampled_from(["coe", "eurojust"]) | texts())),
        line=draw(st.integers(2, 10_000)),
        attendance=draw(st.sampled_from(["in-person", "online"])),
        id=draw(optional(IDS)),
        title=draw(optional(st.sampled_from(["Dr", "Judge", "Ms", "M."]) | texts(1, 8))),
        family_name=draw(optional(st.sampled_from(words))) if words else None,
        consent=draw(st.booleans()),
        language=draw(optional(st.sampled_from(["en", "fr", "pt_BR", "ar", "es"]))),
        attended=tuple(sorted(draw(st.sets(
            st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31)), max_size=2
        )))),
        phone=draw(optional(texts(1, 15))),
    )


def registrations() -> st.SearchStrategy[Registrations]:
    """Rows whose ids (when given) differ, case aside, as loading makes sure."""
    rows = st.lists(
        registration_rows(),
        max_size=20,
        unique_by=lambda r: r.id.casefold() if r.id else object(),  # type: ignore[arg-type]
    ).map(tuple)
    return st.builds(Registrations, file=st.just("registrations.csv"), rows=st.tuples() | rows)
