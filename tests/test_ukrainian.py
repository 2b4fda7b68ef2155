"""Ukrainian is a shipped language (a trial in Kyiv had to write every label in a plugin): an
event written in English and Ukrainian is checked without a finding about its labels, and its
Ukrainian documents read as a Ukrainian reader expects them, in every format: CLDR's dates
("29 жовтня 2027 р."), the labels, the four plural forms, the wording agreeing with women
and men, and no doubled "р.." where a sentence ends with a date."""

from __future__ import annotations

import io
import re
from functools import cache
from typing import Any

import attrs
import docx
import html5lib

import confdocs
from tests.conftest import ROOT

KYIV = ROOT / "tests" / "events" / "kyiv-uk"
SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")


def flat(text: str) -> str:
    """The text with every run of spaces (CLDR's narrow no-break ones included) one space."""
    return SPACES.sub(" ", text).strip()


@cache
def event() -> Any:
    return confdocs.load_event(KYIV / "event.yaml")


@cache
def registrations() -> Any:
    return confdocs.load_registrations(KYIV / "registrations.csv")


@cache
def built() -> dict[str, bytes]:
    formats = ["md", "html", "docx", "letters", "certificates", "participant-list"]
    result = confdocs.build(event(), formats, {"locale": "uk"}, registrations=registrations())
    assert result.ok, result.failures
    return {d.format: d.data for d in result.documents}


def docx_text(data: bytes) -> str:
    """A Word document's paragraphs and table cells, in order, as python-docx reads them."""
    document = docx.Document(io.BytesIO(data))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.extend(cell.text for cell in row.cells)
    return flat("\n".join(lines))


def html_text(data: bytes) -> tuple[str, Any]:
    tree = html5lib.parse(data.decode("utf-8"), namespaceHTMLElements=False)
    body = tree.find("body")
    assert body is not None
    return flat("".join(body.itertext())), tree


def test_an_event_in_english_and_ukrainian_is_checked_without_missing_labels() -> None:
    findings = confdocs.check(event(), registrations())
    assert not [f for f in findings if f.code.startswith("locale")]
    assert not [f for f in findings if f.code.startswith("registrations.")], findings


def test_the_outline_is_ukrainian_in_markdown_html_and_word() -> None:
    md = flat(built()["md"].decode("utf-8"))
    html, tree = html_text(built()["html"])
    word = docx_text(built()["docx"])
    assert tree.get("lang") == "uk"
    for fmt, text in (("md", md), ("html", html), ("docx", word)):
        assert "29–31 жовтня 2027 р., Київ, Україна" in text, fmt
        assert "Пʼятниця, 29 жовтня 2027 р." in text, fmt  # CLDR's apostrophe, ʼ
        for said in ("Програма", "Учасники", "Перерва на каву", "Мови усного перекладу: "
                     "англійська і українська.", "Модераторка: Олена КОВАЛЕНКО",
                     "Модератори: Олена КОВАЛЕНКО і Андрій ШЕВЧЕНКО", "(30 хв)"):
            assert said in text, (fmt, said)
        assert "р.." not in text, fmt
        # Nothing English of the catalog's: the event's Ukrainian texts and labels only.
        for english in ("Programme", "Coffee break", "Moderator", "Interpretation"):
            assert english not in text, (fmt, english)
    headings = [flat("".join(h.itertext())) for h in tree.iter("h2")]
    assert "Програма" in headings and "Учасники" in headings


def test_a_moderator_of_unknown_gender_is_said_neutrally() -> None:
    people = tuple(attrs.evolve(p, gender=None) for p in event().people)
    view = confdocs.make_view(attrs.evolve(event(), people=people), "uk")
    lines = [s.moderators_line.plain for s in view.programme[0].slots[0].sessions]
    assert lines == ["Модерує: Олена КОВАЛЕНКО"]


def test_the_letters_count_their_seats_in_ukrainians_forms() -> None:
    """1 учасник, 2 учасники, 5 учасників (CLDR's one, few and many), and the organisation
    invited in the accusative its `called` gives."""
    text = docx_text(built()["letters"])
    assert "CyberEast+: 5 учасників" in text  # Ukraine
    assert "CyberEast+: 2 учасники" in text  # Moldova, Georgia
    assert "у такій кількості: 1 учасник." in text  # the Council of Europe's seat
    assert "Маємо честь запросити Раду Європи взяти участь" in text
    assert "який відбудеться 29–31 жовтня 2027 р. (Київ, Україна)." in text
    assert "Просимо до 1 жовтня 2027 р. надіслати" in text
    assert "Шановні пані та панове!" in text and "Київ, 1 вересня 2027 р." in text
    assert "р.." not in text


def test_a_certificate_agrees_with_the_participant() -> None:
    """The registrations say жінка, Ч, жіноча, nothing and f: she attended ("взяла"), he
    attended ("взяв"), and the neutral "взяв(-ла)" when the cell is empty; the days end the
    sentence with their "р."."""
    document = docx.Document(io.BytesIO(built()["certificates"]))
    paragraphs = [flat(p.text) for p in document.paragraphs if p.text.strip()]
    said = {
        name: paragraphs[i + 1 : i + 2]
        for i, name in enumerate(paragraphs)
        if name in ("Ірина БОНДАРЕНКО", "Тарас МЕЛЬНИК", "Юлія ТКАЧЕНКО", "Богдан КРАВЧЕНКО",
                    "Nino BERIDZE")
    }
    title = "«Регіональний семінар з електронних доказів» (Київ, Україна)"
    # One sentence, one paragraph: the days are not a paragraph of their own.
    assert said["Ірина БОНДАРЕНКО"] == [f"взяла участь у заході {title} 29–31 жовтня 2027 р."]
    assert said["Тарас МЕЛЬНИК"] == [
        f"взяв участь 29 і 30 жовтня 2027 р. у заході {title}, що відбувся 29–31 жовтня 2027 р."
    ]
    assert said["Юлія ТКАЧЕНКО"][0].startswith("взяла участь 29 жовтня 2027 р. у заході")
    assert said["Богдан КРАВЧЕНКО"][0].startswith("взяв(-ла) участь 31 жовтня 2027 р.")
    assert said["Nino BERIDZE"][0].startswith("взяла участь у заході")
    assert paragraphs.count("Сертифікат про участь") == 5
    assert "р.." not in " ".join(paragraphs)


def test_an_online_events_certificate_is_held_online() -> None:
    venue = attrs.evolve(event().venue, mode="online", city=None, country=None, name=None)
    view = confdocs.prepare_view(
        attrs.evolve(event(), venue=venue), {"locale": "uk"}, registrations=registrations()
    )
    assert view.letters[0].invitation.plain.endswith(
        "який відбудеться 29–31 жовтня 2027\u202fр. в онлайн-форматі."
    )
    assert view.registrants is not None
    statements = {c.name: c.statement.plain for c in view.registrants.certificates}
    assert statements["Ірина БОНДАРЕНКО"] == (
        "взяла участь в онлайн-заході «Регіональний семінар з електронних доказів»"
    )


def test_the_participant_list_counts_and_leaves_out_who_did_not_agree() -> None:
    """Так and так agree, ні and an empty cell do not: five registered, two not named."""
    assert [r.consent for r in registrations().rows] == [True, True, False, False, True]
    text = docx_text(built()["participant-list"])
    assert "5 зареєстрованих учасників." in text
    assert "2 учасники, які не дали згоди на включення до списку, не вказані." in text
    assert "Ім’я та прізвище" in text and "Список учасників" in text
