"""The issue's "done when": the Hague example and the parallel-rooms event built in en, fr, es,
pt, de, ar and uk, and read as their readers would: no English label left, the language's
punctuation, CLDR's interval dashes, right to left in Arabic, Word's language properties, and no
tally in the default outline."""

from __future__ import annotations

import io
import re
import zipfile
from functools import cache

import html5lib
import pytest

import confdocs
from confdocs import hookimpl
from confdocs.view import Labels, builtin_catalog, reference_keys
from confdocs.view.formatting import time_separator
from tests.conftest import HAGUE, ROOT

PARALLEL = ROOT / "tests" / "events" / "parallel-rooms" / "event.yaml"
EVENTS = {"hague": HAGUE, "rooms": PARALLEL}
LOCALES = ["en", "fr", "es", "pt", "de", "ar", "uk"]
FORMATS = ["html", "docx", "md"]
PLACEHOLDER = re.compile(r"\{\w+\}")
NBSP = "\u00a0"


@cache
def event(name: str) -> confdocs.model.Event:
    return confdocs.load_event(EVENTS[name])


class Blank:
    """Every label of a locale reduced to its placeholders: what a document says then is the
    organiser's text alone, so anything more in the real document is the catalog's."""

    @hookimpl
    def confdocs_labels(self, locale: str) -> dict[str, str]:
        return {
            key: " ".join(PLACEHOLDER.findall(text)) or "§"
            for key, text in Labels(locale).as_dict().items()
        }


@cache
def documents(name: str, locale: str, blank: bool = False) -> dict[str, str]:
    """The text a reader sees in each format."""
    host = confdocs.get_plugin_manager(plugins=[Blank()] if blank else [])
    result = confdocs.build(event(name), FORMATS, {"locale": locale}, host)
    assert result.ok, result.failures
    data = {d.format: d.data for d in result.documents}
    return {
        "html": html_text(data["html"]),
        "docx": docx_text(data["docx"]),
        "md": data["md"].decode("utf-8"),
        "html-source": data["html"].decode("utf-8"),
        "docx-styles": docx_part(data["docx"], "word/styles.xml"),
        "docx-core": docx_part(data["docx"], "docProps/core.xml"),
        "docx-body": docx_part(data["docx"], "word/document.xml"),
    }


def html_text(data: bytes) -> str:
    tree = html5lib.parse(data.decode("utf-8"), namespaceHTMLElements=False)
    body = tree.find("body")
    assert body is not None
    return re.sub(r"[ \t\r\n\f]+", " ", "".join(body.itertext()))


def docx_text(data: bytes) -> str:
    from confdocs_docx.checks import document_text

    return re.sub(r"[ \t\r\n\f]+", " ", document_text(data))


def docx_part(data: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name).decode("utf-8")


def english_fragments(locale: str) -> set[str]:
    """The words of English labels that the locale's catalog does not also use."""
    theirs = " ".join(Labels(locale).as_dict().values())
    out = set()
    for key in reference_keys():
        for piece in PLACEHOLDER.split(builtin_catalog("en")[key]):
            piece = piece.strip(" :()–·,")
            if sum(c.isalpha() for c in piece) >= 3 and piece not in theirs:
                out.add(piece)
    return out


CASES = [(name, locale) for name in EVENTS for locale in LOCALES]


@pytest.mark.parametrize(("name", "locale"), [c for c in CASES if c[1] != "en"])
def test_no_english_label_is_left(name: str, locale: str) -> None:
    shown, own = documents(name, locale), documents(name, locale, blank=True)
    left = {
        (fmt, piece)
        for piece in english_fragments(locale)
        for fmt in FORMATS
        if shown[fmt].count(piece) > own[fmt].count(piece)
    }
    assert not left, sorted(left)
    # Every label the catalog has is used somewhere: the check above saw real documents.
    assert Labels(locale)["programme"] in shown["html"]


@pytest.mark.parametrize("name", EVENTS)
def test_french_puts_no_break_spaces_before_its_colons(name: str) -> None:
    shown = documents(name, "fr")
    labels = Labels("fr")
    expected = {"hague": ["Lieu", "Adresse", "Tél.", "Courriel", "GLACY+", "Modérateur"],
                "rooms": ["Salle", "Lieu", "Tél.", "Modération"]}[name]  # fmt: skip
    for fmt in FORMATS:
        text = shown[fmt]
        for word in expected:
            if fmt == "html" and word in ("Lieu", "Adresse"):
                # The page lists the venue's facts as a definition list: no colon to space.
                assert f"<dt>{word}</dt>" in shown["html-source"]
                continue
            assert f"{word}{NBSP}:" in text, (fmt, word)
            assert f"{word} :" not in text and f"{word}:" not in text, (fmt, word)
    assert labels["panel"].endswith(f"{NBSP}:")


@pytest.mark.parametrize(("name", "locale"), CASES)
def test_time_ranges_take_the_locales_interval_dash(name: str, locale: str) -> None:
    view = confdocs.make_view(event(name), locale)
    ranged = [s for day in view.programme for s in day.slots if s.start and s.end and s.time != s.start]
    assert ranged or name == "rooms"  # the Hague's bilateral meetings, 14h00 to 16h00
    separator = time_separator(locale)
    shown = documents(name, locale)
    for slot in ranged:
        assert slot.time == f"{slot.start}{separator}{slot.end}"
        for fmt in FORMATS:
            assert slot.time in shown[fmt], (fmt, slot.time)
    for fmt in FORMATS:
        assert not re.search(r"\d\d - \d\d", shown[fmt]), fmt


@pytest.mark.parametrize(("name", "locale"), CASES)
def test_direction_and_word_language(name: str, locale: str) -> None:
    shown = documents(name, locale)
    view = confdocs.make_view(event(name), locale)
    rtl = locale == "ar"
    assert f'<html lang="{view.language}" dir="{"rtl" if rtl else "ltr"}">' in shown["html-source"]
    assert f'<w:lang w:val="{view.regional_language}"' in shown["docx-styles"]
    assert f"<dc:language>{view.regional_language}</dc:language>" in shown["docx-core"]
    assert f"<dc:subject>{view.labels['document_subject']}</dc:subject>" in shown["docx-core"]
    assert ("<w:bidiVisual/>" in shown["docx-body"]) is rtl
    assert ("<w:rtl/>" in shown["docx-body"]) is rtl
    if rtl:
        assert "<w:bidi/>" in shown["docx-styles"]


@pytest.mark.parametrize(("name", "locale"), CASES)
def test_the_default_outline_has_no_tally_and_says_each_thing_once(name: str, locale: str) -> None:
    shown = documents(name, locale)
    labels = Labels(locale)
    for fmt in FORMATS:
        text = shown[fmt]
        for key in ("delegation_seats", "organisation_seats", "seats_table", "stated_total"):
            assert labels[key] not in text, (fmt, key)
        interpretation = confdocs.make_view(event(name), locale).location.interpretation
        assert interpretation and text.count(interpretation) == 1, fmt
    assert 'class="seats"' not in shown["html-source"]


def test_a_counted_copy_shows_the_tally_in_the_documents_language() -> None:
    from tests.conftest import with_seat_counts

    counted = with_seat_counts(event("hague"))
    result = confdocs.build(counted, ["html", "docx"], {"locale": "fr"})
    data = {d.format: d.data for d in result.documents}
    page = html_text(data["html"])
    assert "Placesdesdélégations3876" in page.replace(" ", "")  # the table's row
    assert "Total annoncé" in page and "≈ 120" in page
    assert f"Places des délégations{NBSP}: 76" in docx_text(data["docx"])
