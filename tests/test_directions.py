"""Right to left: Arabic documents run right to left in HTML and Word, and names in another
script than the document's keep their place (Arabic and Hebrew names in an English outline, Latin
names and phone numbers in an Arabic one)."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import attrs
import html5lib
import pytest
from lxml import etree

import confdocs
from confdocs.view import span_direction, strong_direction
from confdocs.view.lines import Span
from tests.conftest import HAGUE

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ARABIC_NAME = ("دانة", "الحسيني")
HEBREW_NAME = ("דוד", "לוי")
RLM = "\u200f"


@pytest.fixture(scope="module")
def mixed() -> confdocs.model.Event:
    """The Hague, with an Arabic and a Hebrew name among the opening speakers."""
    event = confdocs.load_event(HAGUE)
    renamed = {"hamran": ARABIC_NAME, "seger": HEBREW_NAME}
    people = tuple(
        attrs.evolve(p, given_name=renamed[p.id][0], family_name=renamed[p.id][1])
        if p.id in renamed
        else p
        for p in event.people
    )
    return attrs.evolve(event, people=people)


def build(event: confdocs.model.Event, fmt: str, locale: str | None = None) -> bytes:
    options = {"locale": locale} if locale else {}
    result = confdocs.build(event, [fmt], options)  # type: ignore[arg-type]
    assert result.ok, result.failures
    return result.documents[0].data


def test_the_direction_of_a_span() -> None:
    assert strong_direction("٣٠ دانة Smith") == "rtl"
    assert strong_direction("(10) Smith دانة") == "ltr"
    assert strong_direction("(10)") is None
    assert span_direction(Span("דוד לוי", "person"), "ltr") == "rtl"
    assert span_direction(Span("Rolf van WEGBERG", "person"), "rtl") == "ltr"
    assert span_direction(Span("Rolf van WEGBERG", "person"), "ltr") is None
    assert span_direction(Span("+31 70 412 5360", "phone"), "rtl") == "ltr"
    assert span_direction(Span("Moderator: ", "label"), "rtl") is None


def html_tree(data: bytes) -> Any:
    return html5lib.parse(data.decode("utf-8"), namespaceHTMLElements=False)


def test_an_arabic_page_runs_right_to_left(mixed: confdocs.model.Event) -> None:
    tree = html_tree(build(mixed, "html", "ar"))
    root = tree
    assert (root.get("lang"), root.get("dir")) == ("ar", "rtl")
    # Latin names and phone numbers are isolated left to right.
    people = [s for s in tree.iter("span") if s.get("class") == "person"]
    assert any(s.text == "Carlos BANDIN-BUJAN" and s.get("dir") == "ltr" for s in people)
    phones = [s for s in tree.iter("span") if s.get("class") == "phone"]
    assert phones and all(s.get("dir") == "ltr" for s in phones)
    # The organiser's English prose runs in its own direction.
    prose = tree.find(".//section[@id='section-background']")
    assert prose is not None and prose.get("dir") == "auto"
    assert tree.find(".//h2").text == "Background and justification"  # type: ignore[union-attr]


def test_an_english_page_isolates_arabic_and_hebrew_names(mixed: confdocs.model.Event) -> None:
    tree = html_tree(build(mixed, "html"))
    assert tree.get("dir") == "ltr"
    items = [li for li in tree.iter("li") if "HAMRAN" not in "".join(li.itertext())]
    view = confdocs.make_view(mixed)
    opening = view.programme[1].slots[0].sessions[0].contributions
    for item in opening[:2]:
        [shown] = [li for li in items if "".join(li.itertext()) == item.line.plain]
        name = shown.find("span")
        assert name is not None and name.get("dir") == "rtl" and name.get("class") == "person"
        # The name alone is isolated: the position after it stays an English run after it.
        assert name.text in (" ".join(ARABIC_NAME), " ".join(HEBREW_NAME))
        assert "".join(shown.itertext()).startswith(name.text)  # in reading order
    english = [s for s in tree.iter("span") if s.get("class") == "person" and s.get("dir")]
    assert all(strong_direction(s.text or "") == "rtl" for s in english)


def word_parts(data: bytes) -> dict[str, Any]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {
            name: etree.fromstring(archive.read(name))
            for name in ("word/document.xml", "word/styles.xml", "word/settings.xml",
                         "docProps/core.xml")
        }


def runs_of(paragraph: Any) -> list[tuple[str, bool]]:
    out = []
    for run in paragraph.iter(f"{W}r"):
        text = "".join(t.text or "" for t in run.iter(f"{W}t"))
        if text:
            out.append((text, run.find(f"{W}rPr/{W}rtl") is not None))
    return out


def paragraph_text(paragraph: Any) -> str:
    return "".join(t.text or "" for t in paragraph.iter(f"{W}t"))


def test_word_marks_right_to_left_runs_in_an_english_document(
    mixed: confdocs.model.Event,
) -> None:
    parts = word_parts(build(mixed, "docx"))
    body = parts["word/document.xml"]
    view = confdocs.make_view(mixed)
    for item in view.programme[1].slots[0].sessions[0].contributions[:2]:
        # Held between right-to-left marks (Word has no isolates), otherwise as the view says.
        [paragraph] = [
            p for p in body.iter(f"{W}p") if paragraph_text(p).replace(RLM, "") == item.line.plain
        ]
        runs = runs_of(paragraph)
        assert runs[0][0].startswith(RLM) and runs[0][0].endswith(RLM)
        assert runs[0][1] is True and strong_direction(runs[0][0]) == "rtl"
        assert all(not rtl for _, rtl in runs[1:])  # ", Head of …" stays a run of its own
        assert paragraph.find(f"{W}pPr/{W}bidi") is None  # an English paragraph
    lang = parts["word/styles.xml"].find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert lang.get(f"{W}val") == "en-GB"


def test_an_arabic_word_document_runs_right_to_left(mixed: confdocs.model.Event) -> None:
    parts = word_parts(build(mixed, "docx", "ar"))
    styles, body = parts["word/styles.xml"], parts["word/document.xml"]
    defaults = styles.find(f"{W}docDefaults")
    lang = defaults.find(f"{W}rPrDefault/{W}rPr/{W}lang")
    assert (lang.get(f"{W}val"), lang.get(f"{W}bidi")) == ("ar-EG", "ar-EG")
    assert defaults.find(f"{W}pPrDefault/{W}pPr/{W}bidi") is not None
    tables = list(body.iter(f"{W}tbl"))
    assert tables and all(t.find(f"{W}tblPr/{W}bidiVisual") is not None for t in tables)
    assert body.find(f".//{W}sectPr/{W}bidi") is not None
    # Arabic labels are right-to-left runs, unspaced; English prose paragraphs run left to right.
    [programme] = [p for p in body.iter(f"{W}p") if paragraph_text(p) == "البرنامج"]
    [(_, rtl)] = runs_of(programme)
    assert rtl
    label = next(r for r in programme.iter(f"{W}r"))
    assert label.find(f"{W}rPr/{W}spacing").get(f"{W}val") == "0"
    prose = next(p for p in body.iter(f"{W}p") if paragraph_text(p).startswith("As societies"))
    assert prose.find(f"{W}pPr/{W}bidi").get(f"{W}val") == "0"
    # A phone number keeps its "+" at its start: left-to-right marks around it; so does a Latin
    # name with its place, whose closing bracket would otherwise join the Arabic after it.
    text = "".join(paragraph_text(p) for p in body.iter(f"{W}p"))
    assert "\u200e+40 21 201 78 32\u200e" in text
    assert "\u200eThe Hague (NL)\u200e" in text
    # Latin names inside Arabic lines stay in reading order.
    moderator = next(p for p in body.iter(f"{W}p") if "مدير الجلسة" in paragraph_text(p))
    assert paragraph_text(moderator) == "مدير الجلسة: " + " ".join(HEBREW_NAME)


@pytest.mark.parametrize(
    ("locale", "tag", "subject"),
    [("fr", "fr-FR", "Présentation de l’événement"), ("pt", "pt-PT", "Nota conceptual do evento"),
     ("pt_BR", "pt-BR", "Nota conceptual do evento"), ("es", "es-ES", "Nota conceptual del evento"),
     ("de", "de-DE", "Konzept der Veranstaltung"), ("uk", "uk-UA", "Концептуальна записка заходу"),
     (None, "en-GB", "Event outline")],
)  # fmt: skip
def test_word_knows_the_documents_language(
    mixed: confdocs.model.Event, locale: str | None, tag: str, subject: str
) -> None:
    data = build(mixed, "docx", locale)
    parts = word_parts(data)
    lang = parts["word/styles.xml"].find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert lang.get(f"{W}val") == tag
    assert parts["word/settings.xml"].find(f"{W}themeFontLang").get(f"{W}val") == tag
    import docx

    props = docx.Document(io.BytesIO(data)).core_properties
    assert props.language == tag
    assert props.subject == subject
    assert props.title == mixed.title
    assert props.comments == confdocs.make_view(mixed, locale).labels["document_description"]
    # Made when the outline's version is dated, not when the template was.
    assert props.created.date().isoformat() == "2019-09-28"  # midnight in The Hague, in UTC
    assert props.created == props.modified


def test_word_documents_are_reproducible(
    mixed: confdocs.model.Event, monkeypatch: pytest.MonkeyPatch
) -> None:
    import docx

    first = build(mixed, "docx", "fr")
    assert build(mixed, "docx", "fr") == first
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    stamped = build(mixed, "docx", "fr")
    assert build(mixed, "docx", "fr") == stamped
    props = docx.Document(io.BytesIO(stamped)).core_properties
    assert props.created.isoformat().startswith("2023-11-14T22:13:20")
    with zipfile.ZipFile(io.BytesIO(stamped)) as archive:
        assert {i.date_time for i in archive.infolist()} == {(2023, 11, 14, 22, 13, 20)}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(confdocs.ConfdocsError, match="SOURCE_DATE_EPOCH"):
        build(mixed, "docx")


def test_an_undated_event_says_nothing_of_when(mixed: confdocs.model.Event) -> None:
    import docx

    undated = attrs.evolve(mixed, header=attrs.evolve(mixed.header, version=None))
    props = docx.Document(io.BytesIO(build(undated, "docx"))).core_properties
    assert props.created is None and props.modified is None and props.last_printed is None


def test_headings_keep_with_what_follows(mixed: confdocs.model.Event) -> None:
    styles = word_parts(build(mixed, "docx", "fr"))["word/styles.xml"]
    kept = {
        style.get(f"{W}styleId")
        for style in styles.iter(f"{W}style")
        if style.find(f"{W}pPr/{W}keepNext") is not None
    }
    assert {"Heading1", "Heading2", "Heading3", "ContactGroup", "HeaderLogos"} <= kept
