"""Checks that structuring cannot make: every id known, every code real, every time possible.

These are input errors (exit 2), not findings: a document cannot be built from an event whose
references do not resolve. Rules about quality (timing, quotas) are validator plugins.
"""

from __future__ import annotations

import re
import zoneinfo
from collections.abc import Iterable, Iterator
from typing import Any

from ..model import Contribution, Discussion, Event, Person, Session, private_fields
from ..model.codes import is_country, is_language, is_locale
from ..model.units import minutes_of
from ..model.walk import PathKey

Found = tuple[PathKey, str]
_FOOTNOTE = re.compile(r"\[\^([^\]\s]+)\]")


def find_problems(event: Event) -> list[Found]:
    return list(_all(event))


def _all(event: Event) -> Iterator[Found]:
    yield from _unique_ids(event)
    yield from _settings(event)
    yield from _countries(event)
    ids = event.index
    for i, person in enumerate(event.people):
        if person.organisation and person.organisation not in ids.organisations:
            yield (
                ("people", i, "organisation"),
                _unknown("organisation", person.organisation, ids.organisations),
            )
        for field in sorted(person.internal):
            if field not in private_fields(Person):
                # Only the fields a public build can leave out; anything else would be
                # marked private and printed all the same.
                yield (
                    ("people", i, "internal"),
                    f"{field!r} cannot be marked internal; these can: "
                    + ", ".join(sorted(private_fields(Person))),
                )
    for i, org in enumerate(event.organisers):
        if org not in ids.organisations:
            yield ("organisers", i), _unknown("organisation", org, ids.organisations)
    for i, code in enumerate(event.languages):
        if not is_language(code):
            yield (
                ("languages", i),
                f"{code!r} is not a language code (use ISO 639, such as en or fr)",
            )
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
        for n, note in enumerate(group.notes):
            if note not in ids.notes:
                yield ("participants", "groups", g, "notes", n), _unknown("note", note, ids.notes)
        if group.seats_per_country < 0:
            yield ("participants", "groups", g, "seats_per_country"), "seats cannot be negative"
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
        if alloc.seats < 0:
            yield ("participants", "allocations", a, "seats"), "seats cannot be negative"
    yield from _programme(event)
    for c, contacts in enumerate(event.contacts):
        if contacts.organisation not in ids.organisations:
            yield (
                ("contacts", c, "organisation"),
                _unknown("organisation", contacts.organisation, ids.organisations),
            )
        for p, person_id in enumerate(contacts.people):
            if person_id not in ids.people:
                yield ("contacts", c, "people", p), _unknown("person", person_id, ids.people)
    yield from _footnotes(event)


def _unknown(what: str, value: str, known: Iterable[str]) -> str:
    import difflib

    hint = difflib.get_close_matches(value, list(known), n=1)
    return f"unknown {what} {value!r}" + (f" (did you mean {hint[0]!r}?)" if hint else "")


def _unique_ids(event: Event) -> Iterator[Found]:
    for key in ("people", "organisations", "notes", "country_sets", "texts"):
        seen: dict[str, int] = {}
        items: tuple[Any, ...] = getattr(event, key)
        for i, item in enumerate(items):
            if item.id in seen:
                yield (
                    (key, i, "id"),
                    f"id {item.id!r} is defined twice (first as {key}[{seen[item.id]}])",
                )
            else:
                seen[item.id] = i
    seen_slots: set[str] = set()
    for d, s, _, slot in event.programme.slots():
        if slot.id is not None:
            if slot.id in seen_slots:
                yield (
                    ("programme", "days", d, "slots", s, "id"),
                    f"slot id {slot.id!r} is used twice",
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
                yield ("participants", key, i, "id"), f"id {item.id!r} is used twice"
            seen_ids.add(item.id)


def _settings(event: Event) -> Iterator[Found]:
    settings = event.settings
    if not is_locale(settings.locale):
        yield (
            ("settings", "locale"),
            f"{settings.locale!r} is not a locale Babel knows (such as en, fr, pt_BR)",
        )
    try:
        zoneinfo.ZoneInfo(settings.timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        yield (
            ("settings", "timezone"),
            f"{settings.timezone!r} is not a time zone (use a name such as Europe/Amsterdam)",
        )
    from babel.dates import parse_pattern

    for key in ("time_format",):
        try:
            parse_pattern(getattr(settings, key))
        except Exception as exc:
            yield ("settings", key), f"not a CLDR pattern: {exc}"
    if settings.duration_format is not None and "{minutes}" not in settings.duration_format:
        yield ("settings", "duration_format"), "the duration format must contain {minutes}"
    for code in settings.country_names:
        if not is_country(code):
            yield ("settings", "country_names", code), f"{code!r} is not an ISO 3166 country code"


def _country(code: str | None, path: PathKey) -> Iterator[Found]:
    if code is not None and not is_country(code):
        hint = " (Kosovo is XK)" if code.upper() in ("KO", "KS", "KOS") else ""
        yield path, f"{code!r} is not an ISO 3166 alpha-2 country code{hint}"


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
                    f"the slot ends ({slot.end:%H:%M}) before it starts ({slot.start:%H:%M})",
                )
            if slot.continues is not None and slot.continues not in earlier:
                yield (
                    (*base, "continues"),
                    f"continues names {slot.continues!r}, which is not an earlier slot's id",
                )
            if slot.id:
                earlier.add(slot.id)
            sessions: list[tuple[PathKey, Session]] = [(base, slot)]
            sessions += [((*base, "parallel", p), sess) for p, sess in enumerate(slot.parallel)]
            for path, session in sessions:
                if session.room is not None and rooms and session.room not in rooms:
                    yield (*path, "room"), _unknown("room", session.room, rooms)
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


def _footnotes(event: Event) -> Iterator[Found]:
    """``[^id]`` in any Markdown text must name a note."""
    from ..model.walk import markdown_fields

    known = event.index.notes
    for path, text in markdown_fields(event):
        for match in _FOOTNOTE.finditer(text):
            if match.group(1) not in known:
                yield path, f"footnote [^{match.group(1)}] names no note; define it under notes"
