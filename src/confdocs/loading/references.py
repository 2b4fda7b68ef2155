"""Checks that structuring cannot make: every id known, every code real, every time possible.

These are input errors (exit 2), not findings: a document cannot be built from an event whose
references do not resolve. Rules about quality (timing, quotas) are validator plugins.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from typing import Any

from ..display import shown
from ..model import (
    Contribution,
    Discussion,
    Event,
    Person,
    Room,
    Session,
    Venue,
    private_fields,
)
from ..model.codes import is_country, is_language, not_a_country
from ..model.fields import is_identifier, is_markdown, is_url
from ..model.names import id_problem
from ..model.units import minutes_of
from ..model.urls import url_problem
from ..model.walk import PathKey, TextField, each_language, text_fields
from .markdown import markdown_problems
from .settings import settings_problems
from .translations import misplaced_translations, translation_problems

Found = tuple[PathKey, str]


def find_problems(event: Event) -> list[Found]:
    # The checks of texts share one walk over the event (it is most of their time).
    texts = list(text_fields(event))
    misplaced = list(misplaced_translations(event, texts))
    if misplaced:
        # A mapping where one text belongs is the file's shape gone wrong, as structuring
        # errors are: the other checks would read the mapping as text.
        return misplaced
    return [*translation_problems(event, texts), *_all(event, texts)]


def _all(event: Event, texts: list[TextField]) -> Iterator[Found]:
    yield from _texts(event, texts)
    yield from _unique_ids(event)
    yield from settings_problems(event.settings)
    yield from _internal(event)
    yield from _countries(event)
    ids = event.index
    for i, person in enumerate(event.people):
        if person.organisation and person.organisation not in ids.organisations:
            yield (
                ("people", i, "organisation"),
                _unknown("organisation", person.organisation, ids.organisations),
            )
    for i, org in enumerate(event.organisers):
        if org not in ids.organisations:
            yield ("organisers", i), _unknown("organisation", org, ids.organisations)
    yield from _languages(event.languages, ("languages",))
    for r, room in enumerate(event.venue.rooms):
        yield from _languages(room.interpretation, ("venue", "rooms", r, "interpretation"))
    if event.end < event.start:
        yield ("end",), f"the event ends ({event.end}) before it starts ({event.start})"
    for i, section in enumerate(event.sections):
        if section.changes:
            if section.body is not None or section.use is not None:
                yield (
                    ("sections", i, "changes"),
                    "a changes section lists the changes since the previous version; "
                    "it takes no body or use of its own",
                )
        elif (section.body is None) == (section.use is None):
            yield ("sections", i), "a section needs either body or use (a catalog text), not both"
        if section.use is not None and section.use not in ids.texts:
            yield ("sections", i, "use"), _unknown("text", section.use, ids.texts)
    part = event.participants
    for g, group in enumerate(part.groups):
        for r, rule in enumerate(group.exceptions):
            if rule.note and rule.note not in ids.notes:
                yield (
                    ("participants", "groups", g, "exceptions", r, "note"),
                    _unknown("note", rule.note, ids.notes),
                )
            if rule.seats is not None and rule.seats < 0:
                yield (
                    ("participants", "groups", g, "exceptions", r, "seats"),
                    "seats cannot be negative",
                )
            roles = {role.id for role in part.roles}
            for role, count in rule.composition.items():
                where = ("participants", "groups", g, "exceptions", r, "composition", role)
                if role not in roles:
                    yield where, _unknown("role", role, roles)
                if count < 0:
                    yield where, "seats cannot be negative"
        for n, note in enumerate(group.notes):
            if note not in ids.notes:
                yield ("participants", "groups", g, "notes", n), _unknown("note", note, ids.notes)
        for key in ("seats_per_country", "online_seats_per_country"):
            if getattr(group, key) < 0:
                yield ("participants", "groups", g, key), "seats cannot be negative"
    for a, alloc in enumerate(part.allocations):
        if alloc.country_set and alloc.country_set not in ids.country_sets:
            yield (
                ("participants", "allocations", a, "country_set"),
                _unknown("country set", alloc.country_set, ids.country_sets),
            )
        if alloc.organisation and alloc.organisation not in ids.organisations:
            yield (
                ("participants", "allocations", a, "organisation"),
                _unknown("organisation", alloc.organisation, ids.organisations),
            )
        for key in ("seats", "online_seats"):
            if getattr(alloc, key) < 0:
                yield ("participants", "allocations", a, key), "seats cannot be negative"
    yield from _programme(event)
    for key in ("letters", "certificates"):
        signatory = getattr(event, key).signatory
        if signatory is not None and signatory not in ids.people:
            yield (key, "signatory"), _unknown("person", signatory, ids.people)
    for c, contacts in enumerate(event.contacts):
        if contacts.organisation not in ids.organisations:
            yield (
                ("contacts", c, "organisation"),
                _unknown("organisation", contacts.organisation, ids.organisations),
            )
        for p, person_id in enumerate(contacts.people):
            if person_id not in ids.people:
                yield ("contacts", c, "people", p), _unknown("person", person_id, ids.people)


def _internal(event: Event) -> Iterator[Found]:
    """``internal`` lists name only fields a public build can leave out (people, the venue,
    rooms, sessions); anything else would be marked private and printed all the same."""
    parts: list[tuple[PathKey, Person | Venue | Room | Session]] = [
        (("people", i), p) for i, p in enumerate(event.people)
    ]
    parts.append((("venue",), event.venue))
    parts += [(("venue", "rooms", r), room) for r, room in enumerate(event.venue.rooms)]
    for d, s, _, slot in event.programme.slots():
        base: PathKey = ("programme", "days", d, "slots", s)
        parts.append((base, slot))
        parts += [((*base, "parallel", p), x) for p, x in enumerate(slot.parallel)]
    for path, part in parts:
        if not part.internal:
            continue
        kind: type = type(part)
        allowed = private_fields(kind)
        for field in sorted(part.internal - allowed):
            yield (
                (*path, "internal"),
                f"{shown(field)} cannot be marked internal; these can: "
                + ", ".join(sorted(allowed)),
            )


def _unknown(what: str, value: str, known: Iterable[str]) -> str:
    import difflib

    known = list(known)
    composed = unicodedata.normalize("NFC", value)
    same = [k for k in known if unicodedata.normalize("NFC", k) == composed]
    if same:
        return (
            f"unknown {what} {shown(value)}: it looks like {shown(same[0])} but its accents are "
            "encoded differently (Unicode normalisation); type it again"
        )
    hint = difflib.get_close_matches(value, known, n=1)
    return f"unknown {what} {shown(value)}" + (f" (did you mean {shown(hint[0])}?)" if hint else "")


#: What to do about a slot that ends before it starts: it may be one past midnight.
_PAST_MIDNIGHT = (
    "; a slot ends on the day it starts: for one that runs past midnight, give it an id and "
    "no end, and go on the next day with a slot from 00:00 that `continues:` that id"
)


def _unique_ids(event: Event) -> Iterator[Found]:
    # Sections and rooms too: a section's id is its anchor (two would be one link in HTML),
    # a room's what sessions name.
    lists: list[tuple[tuple[str, ...], tuple[Any, ...]]] = [
        ((key,), getattr(event, key))
        for key in ("people", "organisations", "notes", "country_sets", "texts", "sections")
    ]
    lists.append((("venue", "rooms"), event.venue.rooms))
    for path, items in lists:
        seen: dict[str, int] = {}
        for i, item in enumerate(items):
            if item.id in seen:
                first = f"{'.'.join(path)}[{seen[item.id]}]"
                yield (
                    (*path, i, "id"),
                    f"id {shown(item.id)} is defined twice (first as {first})",
                )
            else:
                seen[item.id] = i
    seen_slots: set[str] = set()
    for d, s, _, slot in event.programme.slots():
        if slot.id is not None:
            if slot.id in seen_slots:
                yield (
                    ("programme", "days", d, "slots", s, "id"),
                    f"slot id {shown(slot.id)} is used twice",
                )
            seen_slots.add(slot.id)
    participants: tuple[tuple[str, tuple[Any, ...]], ...] = (
        ("groups", event.participants.groups),
        ("allocations", event.participants.allocations),
        ("roles", event.participants.roles),
    )
    for key, entries in participants:
        seen_ids: set[str] = set()
        for i, item in enumerate(entries):
            if item.id in seen_ids:
                yield ("participants", key, i, "id"), f"id {shown(item.id)} is used twice"
            seen_ids.add(item.id)


def _texts(event: Event, texts: list[TextField]) -> Iterator[Found]:
    """Every id is a portable file-name slug, every web address is http, https or mailto, and
    Markdown is what the view can read (``texts``: the event's texts, walked once for all)."""
    markdown: list[tuple[PathKey, str]] = []
    for path, field, value in texts:
        if is_identifier(field) or is_url(field):
            problem = id_problem(value) if is_identifier(field) else url_problem(value)
        else:
            if is_markdown(field):
                markdown.extend(each_language(path, value))
            continue
        if problem:
            yield path, problem
    yield from markdown_problems(event, markdown)


def _languages(codes: tuple[str, ...] | None, path: PathKey) -> Iterator[Found]:
    for i, code in enumerate(codes or ()):
        if not is_language(code):
            yield (
                (*path, i),
                f"{shown(code)} is not a language code (use ISO 639, such as en or fr)",
            )


def _country(code: str | None, path: PathKey) -> Iterator[Found]:
    if code is not None and not is_country(code):
        yield path, not_a_country(code)


def _countries(event: Event) -> Iterator[Found]:
    yield from _country(event.venue.country, ("venue", "country"))
    for i, person in enumerate(event.people):
        yield from _country(person.country, ("people", i, "country"))
    for i, org in enumerate(event.organisations):
        yield from _country(org.country, ("organisations", i, "country"))
    for i, cset in enumerate(event.country_sets):
        for c, code in enumerate(cset.countries):
            yield from _country(code, ("country_sets", i, "countries", c))
    for g, group in enumerate(event.participants.groups):
        for c, code in enumerate(group.countries):
            yield from _country(code, ("participants", "groups", g, "countries", c))
        for r, rule in enumerate(group.exceptions):
            yield from _country(
                rule.country, ("participants", "groups", g, "exceptions", r, "country")
            )
    for a, alloc in enumerate(event.participants.allocations):
        for c, code in enumerate(alloc.countries):
            yield from _country(code, ("participants", "allocations", a, "countries", c))


def _programme(event: Event) -> Iterator[Found]:
    ids = event.index
    rooms = {room.id for room in event.venue.rooms}
    earlier: set[str] = set()
    for d, day in enumerate(event.programme.days):
        for s, slot in enumerate(day.slots):
            base: PathKey = ("programme", "days", d, "slots", s)
            if slot.all_day and (slot.start or slot.end):
                yield base, "an all-day slot has no start or end time"
            if not slot.all_day and slot.start is None:
                yield (*base, "start"), "a slot needs a start time, or all_day: true"
            if slot.start and slot.end and minutes_of(slot.end) <= minutes_of(slot.start):
                yield (
                    (*base, "end"),
                    f"the slot ends ({slot.end:%H:%M}) before it starts ({slot.start:%H:%M})"
                    + _PAST_MIDNIGHT * (minutes_of(slot.end) < minutes_of(slot.start)),
                )
            if slot.continues is not None and slot.continues not in earlier:
                yield (
                    (*base, "continues"),
                    f"continues names {shown(slot.continues)}, which is not an earlier slot's id",
                )
            if slot.id:
                earlier.add(slot.id)
            if slot.online and slot.parallel:
                yield (
                    (*base, "online"),
                    "a slot with parallel sessions is not held online itself: say online: "
                    "true on each session held online",
                )
            sessions: list[tuple[PathKey, Session]] = [(base, slot)]
            sessions += [((*base, "parallel", p), sess) for p, sess in enumerate(slot.parallel)]
            told_online = False
            for path, session in sessions:
                elsewhere = slot.place_of(session)
                if session.online and session.room is not None:
                    yield (*path, "room"), "a session held online (online: true) has no room"
                elif session.online and session.place is not None:
                    yield (*path, "place"), "a session held online (online: true) has no place"
                elif session.online and elsewhere is not None:
                    # The slot's place, which this session would silently not be at: once.
                    if not told_online:
                        told_online = True
                        yield (
                            (*base, "place"),
                            "the slot's place is its parallel sessions', but one is held online "
                            "(online: true): put the place on the sessions held there",
                        )
                elif elsewhere is not None and session.room is not None:
                    yield (
                        (*path, "room"),
                        "a session held elsewhere (place) is in none of the venue's rooms: "
                        "name the room in the place's name",
                    )
                elif session.room is not None and rooms and session.room not in rooms:
                    yield (*path, "room"), _unknown("room", session.room, rooms)
                yield from _languages(session.interpretation, (*path, "interpretation"))
                if (
                    session is not slot
                    and session.end is not None
                    and slot.start is not None
                    and minutes_of(session.end) <= minutes_of(slot.start)
                ):
                    yield (
                        (*path, "end"),
                        f"the session ends ({session.end:%H:%M}) before its slot starts "
                        f"({slot.start:%H:%M})",
                    )
                for m, mod in enumerate(session.moderators):
                    if mod not in ids.people and mod not in ids.organisations:
                        yield (
                            (*path, "moderators", m),
                            _unknown(
                                "person or organisation", mod, [*ids.people, *ids.organisations]
                            ),
                        )
                for c, contribution in enumerate(session.contributions):
                    yield from _contribution(event, contribution, (*path, "contributions", c))
                if session.discussion is not None:
                    yield from _discussion(event, session.discussion, (*path, "discussion"))


def _contribution(event: Event, item: Contribution, path: PathKey) -> Iterator[Found]:
    ids = event.index
    for p, person in enumerate(item.people):
        if person not in ids.people:
            yield (*path, "people", p), _unknown("person", person, ids.people)
    yield from _country(item.delegation, (*path, "delegation"))
    if not (item.people or item.delegation or item.title):
        yield path, "a contribution needs people, a delegation or a title"


def _discussion(event: Event, item: Discussion, path: PathKey) -> Iterator[Found]:
    ids = event.index
    for m, mod in enumerate(item.moderators):
        if mod not in ids.people and mod not in ids.organisations:
            yield (
                (*path, "moderators", m),
                _unknown("person or organisation", mod, [*ids.people, *ids.organisations]),
            )
