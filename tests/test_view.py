"""The format-neutral view of the Hague outline: what every document shows."""

from __future__ import annotations

from typing import Any

import pytest

import confdocs
from confdocs.view import View
from tests.conftest import MINIMAL


@pytest.fixture(scope="module")
def view(hague_event: Any) -> View:
    return confdocs.make_view(hague_event)


def slot(view: View, day: int, time: str) -> Any:
    [found] = [s for s in view.programme[day].slots if s.start == time]
    return found


def test_dates_and_times_follow_the_event_conventions(view: View) -> None:
    assert [d.date_text for d in view.programme] == [
        "Sunday, 29 September 2019",
        "Monday, 30 September 2019",
        "Tuesday, 1 October 2019",
    ]
    assert slot(view, 1, "09h00").end == "09h30"
    assert slot(view, 2, "14h00").time == "14h00–16h00"
    assert view.programme[0].slots[0].time == "All day"
    assert view.header.version == "Version 29 September 2019"


def test_display_names_as_in_the_seed(view: View) -> None:
    opening = slot(view, 1, "09h00").sessions[0]
    assert opening.contributions[0].speaker.plain == (
        "Ladislav HAMRAN, President of the College of Eurojust, The Hague (NL)"
    )
    panel = slot(view, 1, "09h30").sessions[0]
    assert panel.panel
    assert panel.moderators_line is not None
    assert panel.moderators_line.plain == "Moderator: Alexander SEGER"
    assert [m.id for m in panel.moderators] == ["seger"]
    assert [c.duration for c in panel.contributions] == ["10\u00a0mins"] * 5
    assert panel.discussion is not None and panel.discussion.duration == "10\u00a0mins"


def test_one_person_one_spelling(view: View) -> None:
    texts = []
    for day in view.programme:
        for s in day.slots:
            for session in s.sessions:
                texts += [c.line.plain for c in session.contributions]
                texts += [m.name for m in session.moderators]
                if session.discussion and session.discussion.line:
                    texts.append(session.discussion.line.plain)
    joined = " ".join(texts)
    assert "Manuel DE ALMEIDA PEREIRA" in joined
    assert "Manuel ALMEIDA PEREIRA" not in joined


def test_notes_numbered_in_reading_order(view: View) -> None:
    assert [n.number for n in view.notes] == [1, 2, 3]
    groups = {g.id: g for g in view.participants.groups}
    assert groups["cybereast"].notes == (1,)
    kosovo = [c for c in groups["iproceeds"].countries if c.code == "XK"]
    assert kosovo[0].notes == (2,) and kosovo[0].name == "Kosovo"
    assert groups["endocsea-europe"].notes == (3,)
    assert "UNSC Resolution 1244/1999" in view.notes[1].text.plain


def test_seats_and_totals(view: View) -> None:
    part = view.participants
    assert (part.country_count, part.delegation_seats, part.organisation_seats, part.total) == (
        38,
        76,
        43,
        119,
    )
    assert part.stated_total == 120 and part.approximate
    assert part.intro is not None
    assert "invite 2 representatives from the following 38 countries" in part.intro.plain
    assert [a.seats for a in part.allocations] == [28, 6, 1, 1, 2, 2, 1, 2]


def test_country_names_from_babel_with_event_overrides(view: View, hague_event: Any) -> None:
    names = {c.code: c.name for g in view.participants.groups for c in g.countries}
    assert names["TR"] == "Turkey"  # the seed's usage, set in the event
    assert names["MK"] == "North Macedonia"  # CLDR
    french = confdocs.make_view(hague_event, locale="fr")
    names_fr = {c.code: c.name for g in french.participants.groups for c in g.countries}
    assert names_fr["MK"] == "Macédoine du Nord"
    assert names_fr["DZ"] == "Algérie"


def test_languages_and_interpretation(view: View, hague_event: Any) -> None:
    assert view.location.languages == ("English", "French", "Spanish", "Portuguese")
    assert view.location.interpretation == (
        "Interpretation will be provided in English, French, Spanish and Portuguese."
    )
    french = confdocs.make_view(hague_event, locale="fr")
    assert french.location.languages_text == "anglais, français, espagnol et portugais"
    assert french.programme[1].date_text == "lundi 30 septembre 2019"  # CLDR's case
    assert french.programme[1].heading.plain.startswith("Lundi 30 septembre 2019")  # a heading
    assert french.labels["programme"] == "Programme"
    assert confdocs.make_view(hague_event, locale="es").labels["programme"] == "Programa"


def test_public_audience_hides_internal_fields(hague_event: Any) -> None:
    internal = confdocs.make_view(hague_event, audience="internal")
    public = confdocs.make_view(hague_event, audience="public")
    mobiles = [p.mobile for g in internal.contacts for p in g.people if p.mobile]
    assert mobiles, "the Hague contacts have mobiles marked internal"
    assert all(p.mobile is None for g in public.contacts for p in g.people)
    assert [p.email for g in public.contacts for p in g.people] == [
        p.email for g in internal.contacts for p in g.people
    ]


def test_rich_text_is_safe() -> None:
    from confdocs.rendering import rich_html
    from confdocs.view import parse

    text = parse("<script>alert(1)</script> [x](javascript:alert(1)) **b**")
    html = rich_html(text)
    assert "<script>" not in html
    assert "javascript:" not in html.replace("[x](javascript:alert(1))", "")
    assert "<strong>b</strong>" in html
    assert text.plain == "<script>alert(1)</script> [x](javascript:alert(1)) b"


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("en_GB", "30 September – 1 October 2019"),
        ("fr", "30 septembre – 1er octobre 2019"),
        ("es", "30 de septiembre – 1 de octubre de 2019"),
        ("pt", "30 de setembro – 1 de outubro de 2019"),
    ],
)
def test_event_dates_with_months_in_full(hague_event: Any, locale: str, expected: str) -> None:
    assert confdocs.make_view(hague_event, locale=locale).dates.replace("\u2009", " ") == expected


def test_unknown_note_in_an_event_built_in_code_is_a_clear_error(hague_event: Any) -> None:
    import attrs

    event = attrs.evolve(hague_event, organised_by="Organised[^nowhere]")
    with pytest.raises(confdocs.ConfdocsError, match=r"\[\^nowhere\] names no note"):
        confdocs.make_view(event)


@pytest.mark.parametrize(
    ("locale", "code", "title", "names_it"),
    [
        ("en", "CR", "Country experience: Costa Rica", True),
        ("fr", "NE", "Un cas de fraude au Nigeria", False),  # Niger is not Nigeria
        ("fr", "LU", "La réforme luxembourgeoise de 2025", True),  # its adjective names it
        ("fr", "ML", "Un réseau en Somalie", False),
        ("fr", "GN", "Coopération avec la Guinée-Bissau", False),
        ("fr", "GN", "L'expérience de la Guinée", True),
        ("fr", "GN", "Les leçons de la Guinée équatoriale", False),  # another country's name
        ("fr", "SD", "Coopération avec le Soudan du Sud", False),
        ("en", "DM", "The Dominican Republic case", False),
        ("en", "NE", "The Nigerian experience", False),
    ],
)
def test_a_delegation_is_said_unless_its_title_names_its_country(
    tmp_path: Any, locale: str, code: str, title: str, names_it: bool
) -> None:
    text = MINIMAL.read_text(encoding="utf-8")
    text = text.replace("locale: en ", f"locale: {locale} ").replace(
        "            - people: [doe]\n              duration: 30 mins\n",
        "            - people: [doe]\n              duration: 30 mins\n"
        f"            - {{title: \"{title}\", delegation: {code}, duration: 15}}\n",
    )
    event_file = tmp_path / "event.yaml"
    event_file.write_text(text, encoding="utf-8")
    view = confdocs.make_view(confdocs.load_event(event_file))
    contribution = view.programme[0].slots[0].sessions[0].contributions[1]
    said = contribution.line.plain
    assert contribution.delegation is not None and contribution.delegation.code == code
    assert (contribution.delegation.delegation in said) is not names_it, said
    assert title in said


def test_the_languages_of_interpretation_as_a_catalog_says_them() -> None:
    """French repeats the preposition before each language after the first; a plugin that
    rewords the sentence keeps one "en", and a placeholder it misnames stays as written."""
    tunis = confdocs.load_event(MINIMAL.parent.parent / "tunis-2025" / "event.yaml")
    said = confdocs.make_view(tunis, "fr").location.interpretation
    assert said == "L’interprétation sera assurée en français, en arabe et en anglais."
    reworded = {"interpretation": "L’interprétation simultanée sera assurée en {languages}."}
    view = confdocs.make_view(tunis, "fr", labels=reworded)
    assert view.location.interpretation == (
        "L’interprétation simultanée sera assurée en français, en arabe et en anglais."
    )
    odd = confdocs.make_view(tunis, "fr", labels={"interpretation_language_next": "et {lingua}"})
    assert "{lingua}" in (odd.location.interpretation or "")
    assert confdocs.make_view(tunis, "en").location.interpretation == (
        "Interpretation will be provided in French, Arabic and English."
    )


@pytest.mark.parametrize("pattern", ["{minutes} min", "{minutes}\tmin", "{minutes}\u2002min"])
def test_a_duration_does_not_break_however_its_pattern_is_spaced(
    hague_event: Any, pattern: str
) -> None:
    import attrs

    settings = attrs.evolve(hague_event.settings, duration_format=pattern)
    view = confdocs.make_view(attrs.evolve(hague_event, settings=settings))
    assert slot(view, 1, "09h30").sessions[0].contributions[0].duration == "10\u00a0min"


@pytest.mark.parametrize(
    ("pattern", "day", "said"),
    [
        (None, "2019-10-01", "mardi 1er octobre 2019"),
        ("long", "2019-10-01", "1er octobre 2019"),
        ("d MMMM y", "2019-10-01", "1er octobre 2019"),
        ("dd/MM/y", "2019-10-01", "01/10/2019"),  # a padded day is a number, not a name
        ("'le' d MMMM", "2019-10-01", "le 1er octobre"),
        (None, "2019-10-02", "mercredi 2 octobre 2019"),
    ],
)
def test_french_writes_the_first_of_a_month_1er(
    hague_event: Any, pattern: str | None, day: str, said: str
) -> None:
    import datetime as dt

    from confdocs.view.composer import Composer
    from confdocs.view.labels import Labels

    fmt = Composer(hague_event, "fr", Labels("fr")).fmt
    assert fmt.date(dt.date.fromisoformat(day), pattern) == said
    english = Composer(hague_event, "en_GB", Labels("en_GB")).fmt
    assert english.date(dt.date(2019, 10, 1), "long") == "1 October 2019"


def test_an_online_or_hybrid_event_says_the_zone_of_its_times(hague_event: Any) -> None:
    """Who joins from elsewhere reads the programme in the event's zone: the location's
    facts say which, as CLDR names it on the event's first day; an event in one room does
    not (the seed's outline is unchanged)."""
    import attrs

    assert "times" not in [f.key for f in confdocs.make_view(hague_event).location.facts]
    online = attrs.evolve(
        hague_event,
        venue=attrs.evolve(hague_event.venue, mode="online"),
        settings=attrs.evolve(hague_event.settings, timezone="Pacific/Fiji"),
    )
    facts = {f.key: f.line.plain for f in confdocs.make_view(online).location.facts}
    assert facts["times"] == "Times: Fiji Standard Time (GMT+12:00)"
    summer = confdocs.make_view(attrs.evolve(online, settings=hague_event.settings), "fr")
    said = {f.key: f.line.plain for f in summer.location.facts}["times"]
    assert said == "Heures\u00a0: heure d’été d’Europe centrale (UTC+02:00)"


def test_an_event_in_one_language_says_so_without_interpretation(hague_event: Any) -> None:
    """languages: [en] said "Interpretation will be provided in English" (a new user's trial)."""
    import attrs

    one = attrs.evolve(hague_event, languages=("en",))
    assert confdocs.make_view(one).location.interpretation == (
        "The event is held in English, without interpretation."
    )
    assert confdocs.make_view(one, "fr").location.interpretation == (
        "La manifestation se tiendra en anglais, sans interprétation."
    )
    two = attrs.evolve(hague_event, languages=("en", "fr"))
    assert confdocs.make_view(two).location.interpretation == (
        "Interpretation will be provided in English and French."
    )
