"""The Hague 2019 example against its seed: the outline of 29 September 2019.

Every figure, time, name, phone number and footnote below is copied from the seed text
(``/work/shared/seed/000_769c9473f36de0ba.txt``); where the seed spells one thing two ways, the
comment says which spelling the example keeps.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import confdocs
from confdocs.model import Event, Person
from confdocs.model.codes import country_name

ROOT = Path(__file__).resolve().parent.parent
HAGUE = ROOT / "examples" / "hague-2019" / "event.yaml"
MINIMAL = ROOT / "examples" / "minimal" / "event.yaml"
SEED = Path("/work/shared/seed/000_769c9473f36de0ba.txt")


@pytest.fixture(scope="module")
def event() -> Event:
    return confdocs.load_event(HAGUE)


def display_name(event: Event, ref: str) -> str:
    """A person as the outline names them ("Rolf van WEGBERG"), or an organisation's name."""
    if ref in event.index.organisations:
        return event.organisation(ref).name
    person: Person = event.person(ref)
    parts = [person.given_name, person.particle, person.family_name.upper()]
    return " ".join(p for p in parts if p)


def delegation_seats(event: Event) -> int:
    return sum(g.seats_for(c) for g in event.participants.groups for c in g.countries)


def organisation_seats(event: Event) -> int:
    total = 0
    for alloc in event.participants.allocations:
        if alloc.countries:
            total += alloc.seats * len(alloc.countries)
        elif alloc.country_set:
            total += alloc.seats * len(event.country_set(alloc.country_set).countries)
        else:
            total += alloc.seats
    return total


# --- the event as a whole -----------------------------------------------------------------------


def test_identity(event: Event) -> None:
    assert event.id == "hague-2019"
    assert event.kind == "conference"
    assert event.title == (
        "International conference on online investigations: "
        "Darknet and online sexual violence against children"
    )
    assert (event.start, event.end) == (dt.date(2019, 9, 30), dt.date(2019, 10, 1))
    assert event.header.funders == ("Funded by the European Union and the Council of Europe",)
    assert event.header.implementers == ("Implemented by the Council of Europe",)
    assert event.header.version == dt.date(2019, 9, 29)
    assert event.organised_by is not None
    assert "Jointly organised by Eurojust and by the GLACY+ joint project" in event.organised_by
    assert set(event.organisers) >= {"eurojust"}


def test_settings(event: Event) -> None:
    s = event.settings
    assert (s.locale, s.timezone, s.time_format) == ("en_GB", "Europe/Amsterdam", "HH'h'mm")
    assert s.duration_format == "{minutes} mins"
    assert s.surname_style == "upper"
    assert dict(s.country_names) == {
        "BA": "Bosnia and Herzegovina",
        "TR": "Turkey",
        "CV": "Cabo Verde",
        "PA": "Panamá",
    }


def test_sections(event: Event) -> None:
    sections = {s.id: s for s in event.sections}
    assert list(sections) == ["background", "expected-outcome"]
    background = sections["background"]
    assert background.title == "Background and justification"
    assert background.body is not None
    assert len(background.body.strip().split("\n\n")) == 8
    assert "the Mutual Legal Assistance Treaty (MLAT)" in background.body
    for bold in (
        "**Council of Europe**",
        "**GLACY+**",
        "**C-PROC**",
        "**64 Parties and 8 Observer States**",
    ):
        assert bold in background.body
    outcome = sections["expected-outcome"]
    assert outcome.title == "Expected outcome"
    assert outcome.body is not None
    assert outcome.body.count("\n- On ") == 3


def test_venue_and_languages(event: Event) -> None:
    venue = event.venue
    assert venue.name == "Eurojust"
    assert venue.address == "Johan de Wittlaan 9, 2517JR The Hague"
    assert (venue.city, venue.country) == ("The Hague", "NL")
    assert venue.text is not None and "**EUROJUST**" in venue.text
    assert event.languages == ("en", "fr", "es", "pt")


# --- participants -------------------------------------------------------------------------------

GROUPS = {
    "glacy-plus": (
        "GLACY+",
        "Argentina, Benin, Brazil, Burkina Faso, Cabo Verde, Chile, Colombia, Costa Rica, "
        "Dominican Republic, Ghana, Mauritius, Mexico, Nigeria, Panamá, Paraguay, Philippines, "
        "Senegal, Sri Lanka, Thailand, Tonga",
    ),
    "cybereast": ("CyberEast", "Armenia, Azerbaijan, Belarus, Georgia, Moldova, Ukraine"),
    "iproceeds": (
        "iPROCEEDS",
        "Albania, Bosnia and Herzegovina, Kosovo, Montenegro, North Macedonia, Serbia, Turkey",
    ),
    "cybersouth": ("CyberSouth", "Algeria, Jordan, Lebanon, Morocco, Tunisia"),
    "endocsea-europe": ("EndOCSEA@Europe", "Armenia, Azerbaijan, Ukraine"),
}

ALLOCATIONS = [
    "eurojust-national-members",
    "eurojust-liaison-prosecutors",
    "us-doj",
    "unodc",
    "europol",
    "interpol",
    "eu-devco",
    "coe-experts",
]


def test_groups_in_seed_order_with_seed_country_names(event: Event) -> None:
    groups = event.participants.groups
    assert [g.id for g in groups] == list(GROUPS)
    names = event.settings.country_names
    for group in groups:
        project, countries = GROUPS[group.id]
        assert group.project == project
        assert [country_name(c, "en", names) for c in group.countries] == countries.split(", ")


def test_invited_countries(event: Event) -> None:
    countries = {c for g in event.participants.groups for c in g.countries}
    assert len(countries) == 38


def test_delegation_seats(event: Event) -> None:
    per_group = {g.id: sum(g.seats_for(c) for c in g.countries) for g in event.participants.groups}
    assert per_group == {
        "glacy-plus": 40,
        "cybereast": 9,
        "iproceeds": 14,
        "cybersouth": 10,
        "endocsea-europe": 3,
    }
    assert delegation_seats(event) == 76


def test_seat_exceptions_and_footnotes(event: Event) -> None:
    groups = {g.id: g for g in event.participants.groups}
    cybereast = groups["cybereast"]
    assert {c: cybereast.seats_for(c) for c in cybereast.countries} == {
        "AM": 1,
        "AZ": 1,
        "BY": 2,
        "GE": 2,
        "MD": 2,
        "UA": 1,
    }
    # Footnotes 1 and 3 follow the group's list of countries, as in the seed.
    assert cybereast.notes == ("cybereast-one-participant",)
    kosovo = [r for r in groups["iproceeds"].exceptions if r.country == "XK"]
    assert len(kosovo) == 1 and kosovo[0].seats is None
    assert kosovo[0].note == "kosovo-designation"
    endocsea = groups["endocsea-europe"]
    assert endocsea.seats_per_country == 1
    assert endocsea.notes == ("endocsea-one-participant",)
    assert all(g.seats_per_country == 2 for g in groups.values() if g.id != "endocsea-europe")


def test_allocations(event: Event) -> None:
    part = event.participants
    assert [a.id for a in part.allocations] == ALLOCATIONS
    eu = event.country_set("eu-member-states-2019")
    assert len(eu.countries) == len(set(eu.countries)) == 28
    assert "GB" in eu.countries
    liaison = part.allocations[1]
    assert liaison.countries == ("US", "NO", "CH", "UA", "MK", "ME")
    seats = {a.id: a.seats for a in part.allocations}
    assert seats == {
        "eurojust-national-members": 1,
        "eurojust-liaison-prosecutors": 1,
        "us-doj": 1,
        "unodc": 1,
        "europol": 2,
        "interpol": 2,
        "eu-devco": 1,
        "coe-experts": 2,
    }
    assert organisation_seats(event) == 43


def test_totals(event: Event) -> None:
    part = event.participants
    assert delegation_seats(event) + organisation_seats(event) == 119
    assert part.stated_total is not None
    assert (part.stated_total.value, part.stated_total.approximate) == (120, True)
    assert part.total_text == "That is, approximately {stated_total} participants in total."
    assert part.intro is not None
    assert "{seats_per_country}" in part.intro and "{countries}" in part.intro


def test_roles_and_texts(event: Event) -> None:
    part = event.participants
    assert [(r.id, r.per_delegation) for r in part.roles] == [
        ("prosecutor", 1),
        ("law-enforcement", 1),
        ("other", 0),
    ]
    assert part.roles[0].label == (
        "specialised prosecutor or member of the central authority for mutual legal assistance"
    )
    assert part.eligibility is not None
    assert part.eligibility.startswith("All participants should be officials engaged in")
    assert part.eligibility.endswith("engaged in the fight against cybercrime.")
    assert part.composition is not None and "**AND**" in part.composition


NOTES = {
    "cybereast-one-participant": (
        "Armenia, Azerbaijan and Ukraine should only appoint one participant per country under "
        "CyberEast"
    ),
    "kosovo-designation": (
        "This designation is without prejudice to positions on status and is in line with UNSC "
        "Resolution 1244/1999 and the International Court of Justice Opinion on the Kosovo "
        "Declaration of Independence."
    ),
    "endocsea-one-participant": (
        "The priority countries of EndOCSEA@Europe project should appoint only one participant "
        "per country"
    ),
}


def test_footnotes(event: Event) -> None:
    assert {n.id: n.text for n in event.notes} == NOTES


# --- programme ----------------------------------------------------------------------------------

STARTS = {
    dt.date(2019, 9, 29): [],  # one "All day" slot
    dt.date(2019, 9, 30): [
        "09:00",
        "09:30",
        "10:40",
        "11:00",
        "11:15",
        "11:45",
        "12:15",
        "12:45",
        "13:00",
        "14:15",
        "15:15",
        "15:45",
        "16:00",
        "16:30",
        "17:00",
        "17:30",
    ],
    dt.date(2019, 10, 1): [
        "09:00",
        "09:20",
        "10:15",
        "10:30",
        "11:00",
        "11:45",
        "12:30",
        "13:00",
        "14:00",
    ],
}


def test_days_and_start_times(event: Event) -> None:
    days = event.programme.days
    assert [d.date for d in days] == list(STARTS)
    for day in days:
        starts = [f"{s.start:%H:%M}" for s in day.slots if s.start is not None]
        assert starts == STARTS[day.date], day.date
    (prep,) = days[0].slots
    assert prep.all_day and prep.kind == "preparation" and prep.start is None
    last = days[2].slots[-1]
    assert (last.start, last.end, last.kind) == (dt.time(14), dt.time(16), "meeting")


KINDS = {
    (dt.date(2019, 9, 30), "11:00"): "break",
    (dt.date(2019, 9, 30), "12:45"): "photo",
    (dt.date(2019, 9, 30), "13:00"): "meal",
    (dt.date(2019, 9, 30), "15:45"): "break",
    (dt.date(2019, 9, 30), "17:30"): "end",
    (dt.date(2019, 10, 1), "10:15"): "break",
    (dt.date(2019, 10, 1), "13:00"): "meal",
    (dt.date(2019, 10, 1), "14:00"): "meeting",
}


def test_slot_kinds(event: Event) -> None:
    for day in event.programme.days[1:]:
        for slot in day.slots:
            assert slot.title, (day.date, slot.start)
            expected = KINDS.get((day.date, f"{slot.start:%H:%M}"), "session")
            assert slot.kind == expected, (day.date, slot.start)


# Per slot: speakers (people of contributions, in order; a delegation as its country code),
# moderators of the slot, moderators of its discussion. The seed writes Manuel's name both
# "Manuel ALMEIDA PEREIRA" and "Manuel DE ALMEIDA PEREIRA"; the example keeps the second.
MANUEL = "Manuel DE ALMEIDA PEREIRA"
SPEAKERS = {
    (dt.date(2019, 9, 30), "09:00"): (
        ["Ladislav HAMRAN", "Alexander SEGER", "Carlos BANDIN-BUJAN"],
        [],
        [],
    ),
    (dt.date(2019, 9, 30), "09:30"): (
        ["AR", "SN", "PH", "Mieke DE VLAMINCK", "TO"],
        ["Alexander SEGER"],
        [],
    ),
    (dt.date(2019, 9, 30), "10:40"): (["Christel DE CRAIM"], [], [MANUEL]),
    (dt.date(2019, 9, 30), "11:15"): (["Daniela BURUIANA"], [], []),
    (dt.date(2019, 9, 30), "11:45"): (["Rajka VLAHOVIC"], [], [MANUEL]),
    (dt.date(2019, 9, 30), "12:15"): (["Alexandra GELBER"], [], ["Daniela BURUIANA"]),
    (dt.date(2019, 9, 30), "14:15"): (["CR", "CO", "TH"], [], [MANUEL]),
    (dt.date(2019, 9, 30), "15:15"): (["Rolf van WEGBERG"], [], []),
    (dt.date(2019, 9, 30), "16:00"): (["Silviu CRISAN", "Silviu CRISAN"], [], []),
    (dt.date(2019, 9, 30), "16:30"): (["Gordana VUJISIC", "Kamola IBRAGIMOVA"], [], []),
    (dt.date(2019, 9, 30), "17:00"): ([], ["Europol", "INTERPOL"], []),
    (dt.date(2019, 10, 1), "09:00"): (["Wouter VEENSTRA"], [], []),
    (dt.date(2019, 10, 1), "09:20"): (
        ["Christian AGHROUM", "Robert LAID"],
        [],
        ["Daniela BURUIANA"],
    ),
    (dt.date(2019, 10, 1), "10:30"): (["Rajka VLAHOVIC", "Christian AGHROUM"], [], [MANUEL]),
    (dt.date(2019, 10, 1), "11:00"): (["Alexandru Catalin COSOI", "Sander DE GRUIJL"], [], []),
    (dt.date(2019, 10, 1), "11:45"): ([], ["Daniela BURUIANA", MANUEL], []),
    (dt.date(2019, 10, 1), "12:30"): ([MANUEL, "Carlos BANDIN-BUJAN", "Daniela BURUIANA"], [], []),
}


def test_speakers_and_moderators(event: Event) -> None:
    seen = {}
    for day in event.programme.days:
        for slot in day.slots:
            speakers = []
            for item in slot.contributions:
                speakers += [display_name(event, p) for p in item.people]
                if item.delegation:
                    speakers.append(item.delegation)
            moderators = [display_name(event, m) for m in slot.moderators]
            discussion = (
                [display_name(event, m) for m in slot.discussion.moderators]
                if slot.discussion
                else []
            )
            if speakers or moderators or discussion:
                seen[(day.date, f"{slot.start:%H:%M}")] = (speakers, moderators, discussion)
    assert seen == SPEAKERS


def test_panel_and_discussions(event: Event) -> None:
    monday = {f"{s.start:%H:%M}": s for s in event.programme.days[1].slots}
    panel = monday["09:30"]
    assert panel.panel
    assert [c.duration for c in panel.contributions] == [10] * 5
    assert [c.note for c in panel.contributions] == [
        "(LATAM)",
        "(Africa)",
        "(Asia)",
        "for Europe",
        "(Oceania)",
    ]
    assert panel.discussion is not None
    assert (panel.discussion.text, panel.discussion.duration) == ("Comments by participants", 10)
    assert [s.panel for d in event.programme.days for s in d.slots].count(True) == 1
    cases = monday["14:15"].contributions
    assert cases[0].title == 'Presentation of Case "Riño" by the Costa Rican delegation'
    assert [c.duration for c in cases] == [15, 15, 15]
    first, second = monday["16:00"], monday["16:30"]
    assert first.id is not None and second.continues == first.id
    tuesday = {f"{s.start:%H:%M}": s for s in event.programme.days[2].slots}
    assert tuesday["09:20"].body is not None
    assert "1. Preparing, receiving" in tuesday["09:20"].body
    assert "2. Practical tips" in tuesday["09:20"].body


# --- people and contacts ------------------------------------------------------------------------

CONTACTS = {
    "At the Council of Europe:": [
        ("Manuel DE ALMEIDA PEREIRA", "+40 21 201 78 32", None, "Manuel.PEREIRA@coe.int"),
        ("Elvio SALOMON", "+40 21 201 78 41", None, "Elvio.Salomon@coe.int"),
        ("Sinziana HANGANU", "+40 21 201 78 87", None, "Sinziana.HANGANU@coe.int"),
    ],
    "At EUROJUST:": [
        ("Daniela BURUIANA", "+31-70 412 5360", "+31 6 119 57 605", "dburuiana@eurojust.europa.eu"),
        ("Peter GOUWY", "+31-70 412 5621", "+31 6 479 34 828", "pgouwy@eurojust.europa.eu"),
    ],
}


def test_contacts(event: Event) -> None:
    assert [(g.organisation, g.label) for g in event.contacts] == [
        ("coe", "At the Council of Europe:"),
        ("eurojust", "At EUROJUST:"),
    ]
    for group in event.contacts:
        found = [
            (
                display_name(event, p),
                event.person(p).phone,
                event.person(p).mobile,
                event.person(p).email,
            )
            for p in group.people
        ]
        assert found == CONTACTS[group.label]
        for p in group.people:
            person = event.person(p)
            assert ("mobile" in person.internal) == (person.mobile is not None)
    cproc = "Cybercrime Programme Office of the Council of Europe (C-PROC)"
    for p in event.contacts[0].people:
        assert event.person(p).office == cproc
        assert (event.person(p).city, event.person(p).country) == ("Bucharest", "RO")


def test_each_person_once(event: Event) -> None:
    names = [display_name(event, p.id) for p in event.people]
    assert len(names) == len(set(names)) == 21
    hamran = event.person("hamran")
    assert hamran.position == "President of the College of Eurojust"
    assert (hamran.city, hamran.country) == ("The Hague", "NL")
    wegberg = event.person("van-wegberg")
    assert (wegberg.particle, wegberg.family_name) == ("van", "Wegberg")


# --- the expectations themselves come from the seed ---------------------------------------------


@pytest.mark.skipif(not SEED.exists(), reason="seed text not available")
def test_expectations_are_in_the_seed() -> None:
    seed = SEED.read_text(encoding="utf-8")
    flat = " ".join(seed.split())
    for text in NOTES.values():
        assert text in flat
    for contacts in CONTACTS.values():
        for name, phone, mobile, email in contacts:
            assert name in seed and phone in seed and email in seed
            assert mobile is None or mobile in seed
    for speakers, moderators, discussion in SPEAKERS.values():
        for name in speakers + moderators + discussion:
            if len(name) > 2:  # not a country code
                assert name in seed, name
    for day, starts in STARTS.items():
        for start in starts:
            assert start.replace(":", "h") in seed, (day, start)


# --- the minimal example ------------------------------------------------------------------------


def test_minimal_example_loads() -> None:
    event = confdocs.load_event(MINIMAL)
    assert event.title
    assert event.start <= event.end
    assert event.venue.name and event.venue.country
    assert len(event.people) == 1
    (day,) = event.programme.days
    assert 2 <= len(day.slots) <= 3
    referenced = {p for s in day.slots for c in s.contributions for p in c.people}
    assert referenced <= {p.id for p in event.people}
