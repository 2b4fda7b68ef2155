"""Synthetic events of any size, and registrations that fit them.

The events are built as model objects (no file is read), deterministic for a given size, and
shaped like real outlines: sessions with a moderator, a panel of speakers and a discussion,
coffee breaks and lunches, parallel breakouts, footnotes, invitation groups with exceptions.
``write_event`` gives their file form, which loads back with ``confdocs.load_event``.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from pathlib import Path

import attrs

from confdocs import model
from confdocs.loading.registrations import Registration, Registrations

#: Slots in one day of a synthetic programme; 5,000 slots take 50 days.
SLOTS_PER_DAY = 100
#: Minutes each slot lasts (100 slots from 06h00 end at 22h40).
SLOT_MINUTES = 10
FIRST_START = dt.time(6, 0)

_GIVEN = ("Ana", "Bruno", "Chiara", "Dmitri", "Eva", "Farid", "Grace", "Hugo", "Ines", "Jonas")
_FAMILY = ("Almeida", "Berger", "Costa", "Dubois", "Eriksen", "Fischer", "Garcia", "Horvat")
_TOPICS = (
    "Darknet investigations",
    "Electronic evidence across borders",
    "Mutual legal assistance",
    "Online sexual violence against children",
    "Cryptocurrency tracing",
    "Cooperation with service providers",
)
#: Countries used by the synthetic invitation groups and registrations (ISO 3166 alpha-2).
_COUNTRY_CODES = (
    "AL AM AR AT AZ BA BE BF BG BJ BR BY CH CL CO CR CV CY CZ DE DK DO DZ EE ES FI FR GE GH GR "
    "HR HU IE IT JO LB LK LT LU LV MA MD ME MK MT MU MX NG NL NO PA PH PL PT PY RO RS SE SI SK "
    "SN TH TN TO TR UA US XK "
)
COUNTRIES = tuple(_COUNTRY_CODES.split())


@attrs.frozen
class Size:
    """How big a synthetic event is."""

    slots: int
    registrations: int = 0

    @property
    def days(self) -> int:
        return max(1, math.ceil(self.slots / SLOTS_PER_DAY))


def make_event(size: Size, event_id: str = "synthetic", seed: int = 1) -> model.Event:
    """An event of ``size.slots`` slots over ``size.days`` days."""
    rng = random.Random(seed)
    people_count = max(4, min(size.slots, 2000))
    organisations = tuple(
        model.Organisation(id=f"org-{i}", name=f"Organisation {i}", short_name=f"O{i}")
        for i in range(20)
    )
    people = tuple(_person(i, rng) for i in range(people_count))
    start = dt.date(2025, 3, 3)
    days = []
    remaining = size.slots
    for d in range(size.days):
        count = min(SLOTS_PER_DAY, remaining)
        remaining -= count
        slots = tuple(_slot(d, s, count, people_count, rng) for s in range(count))
        days.append(model.Day(date=start + dt.timedelta(days=d), slots=slots))
    notes = (
        model.Note(id="one-seat", text="Only one participant for this country."),
        model.Note(id="designation", text="This designation is without prejudice to positions."),
    )
    return model.Event(
        id=event_id,
        title=f"Synthetic conference of {size.slots} slots",
        start=start,
        end=start + dt.timedelta(days=size.days - 1),
        settings=model.Settings(
            locale="en", timezone="Europe/Paris", time_format="HH'h'mm", surname_style="upper"
        ),
        header=model.Header(
            funders=("Funded by the European Union and the Council of Europe",),
            implementers=("Implemented by the Council of Europe",),
            version=start - dt.timedelta(days=7),
        ),
        organised_by="**Jointly organised by Organisation 0 and Organisation 1**",
        organisers=("org-0", "org-1"),
        venue=model.Venue(
            name="Conference centre", address="1 Main Street", city="Lisbon", country="PT"
        ),
        languages=("en", "fr"),
        sections=(
            model.Section(
                id="background",
                title="Background",
                body="Criminal justice authorities face **cybercrime**.[^one-seat]\n\n"
                "- one\n- two\n- three\n",
            ),
            model.Section(
                id="outcome",
                title="Expected outcome",
                body="Participants will have enhanced their knowledge.",
            ),
        ),
        participants=_participants(size),
        programme=model.Programme(days=tuple(days)),
        contacts=(model.ContactGroup(organisation="org-0", people=(people[0].id, people[1].id)),),
        notes=notes,
        people=people,
        organisations=organisations,
        country_sets=(
            model.CountrySet(
                id="eu",
                name="EU Member States",
                countries=tuple(
                    c for c in COUNTRIES if c in {"AT", "BE", "BG", "DE", "FR", "IT", "NL", "PT"}
                ),
            ),
        ),
    )


def _person(i: int, rng: random.Random) -> model.Person:
    return model.Person(
        id=f"p{i}",
        given_name=_GIVEN[i % len(_GIVEN)],
        family_name=f"{_FAMILY[i % len(_FAMILY)]}-{_FAMILY[(i // 8) % len(_FAMILY)]}",
        position="Prosecutor" if i % 2 else "Head of the cybercrime unit",
        organisation=f"org-{i % 20}",
        country=COUNTRIES[i % len(COUNTRIES)],
        email=f"person{i}@example.org",
        phone=f"+351 21 000 {i:04d}",
        internal=frozenset({"phone"}),
    )


def _slot(day: int, index: int, count: int, people: int, rng: random.Random) -> model.Slot:
    minutes = FIRST_START.hour * 60 + FIRST_START.minute + index * SLOT_MINUTES
    start = dt.time(minutes // 60, minutes % 60)
    end = None
    if index == count - 1:
        end_minutes = minutes + SLOT_MINUTES
        end = dt.time(end_minutes // 60, end_minutes % 60)
    if index % 5 == 4:
        return model.Slot(start=start, end=end, kind="break", title="Coffee break")
    speakers = [f"p{rng.randrange(people)}" for _ in range(2)]
    topic = _TOPICS[(day * 7 + index) % len(_TOPICS)]
    contributions = tuple(
        model.Contribution(people=(p,), title=f"Presentation on *{topic.lower()}*", duration=3)
        for p in speakers
    )
    session = dict(
        title=f"Session {day + 1}.{index + 1}: **{topic}**",
        moderators=(f"p{rng.randrange(people)}",),
        panel=True,
        contributions=contributions,
        discussion=model.Discussion(duration=4, text="Comments by participants"),
    )
    if index % 10 == 7:
        breakout = model.Session(
            title=f"Breakout on {topic}", room="room-b", moderators=(speakers[0],)
        )
        return model.Slot(start=start, end=end, parallel=(breakout,), **session)  # type: ignore[arg-type]
    return model.Slot(start=start, end=end, **session)  # type: ignore[arg-type]


def _participants(size: Size) -> model.Participants:
    # Enough seats for the registrations, spread over the countries of two groups.
    half = len(COUNTRIES) // 2
    per_country = max(2, math.ceil(size.registrations * 0.9 / len(COUNTRIES)))
    return model.Participants(
        intro="The organisers will invite {seats_per_country} representatives from {countries} "
        "countries:",
        groups=(
            model.InvitationGroup(
                id="group-a",
                project="Project A",
                countries=tuple(COUNTRIES[:half]),
                seats_per_country=per_country,
                exceptions=(model.CountryRule(country=COUNTRIES[0], seats=1, note="one-seat"),),
            ),
            model.InvitationGroup(
                id="group-b",
                project="Project B",
                countries=tuple(COUNTRIES[half:]),
                seats_per_country=per_country,
                exceptions=(model.CountryRule(country="XK", note="designation"),),
            ),
        ),
        roles=(
            model.Role(id="prosecutor", label="prosecutor"),
            model.Role(id="law-enforcement", label="law-enforcement officer"),
            model.Role(id="other", label="other official", per_delegation=0),
        ),
        allocations=(
            model.Allocation(
                id="org-seats",
                label="Representatives of Organisation 2",
                organisation="org-2",
                seats=max(2, size.registrations // 20),
            ),
            model.Allocation(
                id="eu-seats",
                label="One per EU Member State",
                organisation="org-3",
                country_set="eu",
            ),
        ),
        stated_total=model.StatedTotal(value=max(10, size.registrations), approximate=True),
    )


def make_registrations(event: model.Event, count: int, seed: int = 2) -> Registrations:
    """``count`` nominations for ``event``'s invitation groups and first allocation: most fit
    their seats, about one in a hundred repeats an e-mail address, and some overfill a country."""
    rng = random.Random(seed)
    groups = [g for g in event.participants.groups if g.countries]
    allocations = event.participants.allocations
    roles = [r.id for r in event.participants.roles] or ["other"]
    rows = []
    for i in range(count):
        email = f"delegate{i}@example.org" if i % 100 else f"delegate{i // 2}@example.org"
        if (i % 20 == 19 and allocations) or not groups:
            alloc = allocations[0]
            rows.append(
                Registration(
                    name=f"Delegate {i}",
                    email=email,
                    group=alloc.id,
                    role=roles[-1],
                    organisation=alloc.organisation,
                    line=i + 2,
                )
            )
            continue
        group = groups[i % len(groups)]
        country = group.countries[rng.randrange(len(group.countries))]
        rows.append(
            Registration(
                name=f"Delegate {i}",
                email=email,
                group=group.id,
                role=roles[(i // 2) % len(roles)],
                country=country,
                line=i + 2,
            )
        )
    return Registrations("registrations.csv", tuple(rows))


def write_event(event: model.Event, folder: Path) -> Path:
    """Write ``event`` as ``<folder>/<id>.yaml`` and return the path."""
    from confdocs import dump_event

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{event.id}.yaml"
    path.write_text(dump_event(event), encoding="utf-8")
    return path


def write_registrations(registrations: Registrations, path: Path) -> Path:
    """Write ``registrations`` as CSV."""
    import csv

    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["name", "email", "country", "group", "role", "organisation"])
        for row in registrations:
            writer.writerow(
                [
                    row.name,
                    row.email,
                    row.country or "",
                    row.group,
                    row.role,
                    row.organisation or "",
                ]
            )
    return path
