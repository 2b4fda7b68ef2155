"""``--locale`` gives labels and dates in English, French, Spanish and Portuguese."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import confdocs
from tests.conftest import HAGUE, confdocs_cli

#: (locale, html lang, labels and dates a reader of that language expects)
EXPECTED = {
    "en": (
        "en",
        [
            "Programme",
            "Participants",
            "Contacts",
            "Coffee break",
            "Lunch break",
            "Group photo",
            "Monday, September 30, 2019",
            "Tuesday, October 1, 2019",
            "Moderator: Alexander SEGER",
            "Interpretation will be provided in English, French, Spanish and Portuguese",
        ],
    ),
    "fr": (
        "fr",
        [
            "Programme",
            "Participants",
            "Contacts",
            "Pause-café",
            "Déjeuner",
            "Photo de groupe",
            "Lundi 30 septembre 2019",
            "Mardi 1er octobre 2019",
            "Modérateur\u00a0: Alexander SEGER",
            "Toute la journée",
            "assurée en anglais, en français, en espagnol et en portugais.",
            "Lieu et organisation pratique",
        ],
    ),
    "es": (
        "es",
        [
            "Programa",
            "Participantes",
            "Contactos",
            "Lunes, 30 de septiembre de 2019",
            "Martes, 1 de octubre de 2019",
            "inglés, francés, español y portugués",
        ],
    ),
    "pt": (
        "pt",
        [
            "Programa",
            "Participantes",
            "Contactos",
            "Segunda-feira, 30 de setembro de 2019",
            "Terça-feira, 1 de outubro de 2019",
            "inglês, francês, espanhol e português",
        ],
    ),
}


@pytest.fixture(scope="module")
def hague() -> confdocs.model.Event:
    return confdocs.load_event(HAGUE)


def _documents(event: confdocs.model.Event, locale: str) -> dict[str, str]:
    result = confdocs.build(event, ["md", "html"], {"locale": locale})
    return {d.format: d.data.decode("utf-8") for d in result.documents}


def _html_text(html: str) -> str:
    import html5lib

    tree = html5lib.parse(html, namespaceHTMLElements=False)
    # Only ASCII white space is collapsed: the no-break spaces are part of what is checked.
    return re.sub(r"[ \t\r\n\f]+", " ", "".join(tree.find("body").itertext()))  # type: ignore[union-attr]


@pytest.mark.parametrize("locale", sorted(EXPECTED))
def test_labels_and_dates_in_each_language(hague: confdocs.model.Event, locale: str) -> None:
    lang, texts = EXPECTED[locale]
    documents = _documents(hague, locale)
    html_text = _html_text(documents["html"])
    markdown = documents["md"]
    for text in texts:
        assert text in html_text, (locale, "html", text)
        assert text in markdown, (locale, "md", text)
    assert re.search(rf'<html lang="{lang}(-[A-Z]+)?"', documents["html"])
    assert f"## {texts[0]}\n" in markdown


def test_labels_in_other_languages_are_not_english(hague: confdocs.model.Event) -> None:
    for locale in ("fr", "es", "pt"):
        markdown = _documents(hague, locale)["md"]
        for english in ("## Programme\n", "Coffee break", "Monday", "Moderator:"):
            if locale == "fr" and english == "## Programme\n":
                continue  # the same word in French
            assert english not in markdown, (locale, english)


def test_the_cli_takes_locale(tmp_path: Path) -> None:
    result = confdocs_cli(
        "build", str(HAGUE), "-f", "md", "-f", "html", "--locale", "fr", "-o", str(tmp_path)
    )
    assert result.returncode == 0, result.stderr
    markdown = (tmp_path / "hague-2019.fr.md").read_text("utf-8")
    assert "### Lundi 30 septembre 2019" in markdown
    assert '<html lang="fr"' in (tmp_path / "hague-2019.fr.html").read_text("utf-8")
    assert not (tmp_path / "hague-2019.html").exists()


@pytest.mark.parametrize(
    ("pattern", "values", "expected"),
    [
        # A Ukrainian or Bulgarian date ends with the abbreviation of "year": one stop.
        ("held on {dates}.", {"dates": "29–31 жовтня 2027 р."}, "held on 29–31 жовтня 2027 р."),
        ("by {date}. Thank you.", {"date": "1 ноември 2027 г."}, "by 1 ноември 2027 г. Thank you."),
        ("on {date}.", {"date": "31 October 2027"}, "on 31 October 2027."),
        ("{a}, {b}.", {"a": "etc.", "b": "x"}, "etc., x."),
        ("{unknown}.", {}, "{unknown}."),
    ],
)
def test_a_value_ending_with_a_full_stop_takes_the_place_of_the_patterns(
    pattern, values, expected
):
    from confdocs.view.labels import fill
    from confdocs.view.lines import fill as fill_line

    assert fill(pattern, values) == expected
    assert fill_line(pattern, **values).plain == expected
