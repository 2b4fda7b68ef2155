"""The invitation letters as a PDF (``letters-pdf``), read as their readers would: a letter
from its first page to its last, each to its recipient, saying what the Word letter says (the
same view), links one can click, bold where the Word letter is bold, Arabic right to left,
a file per recipient with --each, tagged as the other PDFs are. The text is read page by page
with pdftotext (pdftohtml for the fonts), the structure with pikepdf."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

import confdocs
from tests.conftest import HAGUE, ROOT, confdocs_cli, pdf_page_texts, require_tool

TUNIS = ROOT / "examples" / "tunis-2025" / "event.yaml"
#: What the Tunis example lacks for its letters: who signs, where and when, a reference, and
#: a text of its own with the days ({when}), a bold phrase and a link, in both languages.
TUNIS_LETTERS = """
letters:
  signatory: dubois
  place: {fr: Tunis, ar: تونس}
  date: 2025-09-15
  reference: CS/2025/42
  body:
    fr: "L’atelier se tiendra **{when}**. Le programme est sur [le site du projet](https://www.coe.int/cybersouth)."
    ar: "ستنعقد الورشة **{when}**. البرنامج على [موقع المشروع](https://www.coe.int/cybersouth)."
"""


# -- reading the PDF -----------------------------------------------------------------------------


def pdf_pages(data: bytes, folder: Path) -> list[str]:
    """The text of each page, as pdftotext reads it."""
    return pdf_page_texts(data, folder, "letters.pdf")


def flat(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def letters_only(text: str) -> str:
    """Letters and digits, compatibly composed (Arabic presentation forms become letters):
    pdftotext drops a hyphen that ends a line ("T-" "CY") and reads a grid column by column."""
    return "".join(c for c in unicodedata.normalize("NFKC", text) if c.isalnum())


def links(data: bytes) -> list[list[str]]:
    """The targets of each page's link annotations."""
    import io

    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        return [
            [str(a.A.URI) for a in page.get("/Annots", []) if a.Subtype == "/Link"]
            for page in pdf.pages
        ]


def bold_words(data: bytes, folder: Path, page: int) -> tuple[set[str], set[str]]:
    """The words of a page set in the bold font and in the others (pdftohtml names each run's
    font; the bold one is the signatory's name's, which every letter sets in bold)."""
    require_tool("pdftohtml")
    path = folder / "page.pdf"
    path.write_bytes(data)
    xml = subprocess.run(
        ["pdftohtml", "-xml", "-i", "-stdout", "-f", str(page), "-l", str(page), str(path)],
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    fonts = {
        n: family
        for n, family in re.findall(r'<fontspec id="(\d+)" size="[^"]*" family="([^"]+)"', xml)
    }
    runs = [
        (fonts[f], re.sub(r"<[^>]+>", "", t))
        for f, t in re.findall(r'font="(\d+)"[^>]*>(.*?)</text>', xml)
    ]
    return runs_by_font(runs)


def runs_by_font(runs: list[tuple[str, str]]) -> tuple[set[str], set[str]]:
    [bold] = {font for font, text in runs if "DUBOIS" in text or "SEGER" in text}
    strong = {w for font, text in runs if font == bold for w in text.split()}
    other = {w for font, text in runs if font != bold for w in text.split()}
    return strong, other


def structure(data: bytes) -> dict[str, Any]:
    import io

    import pikepdf

    counts: Counter[str] = Counter()

    def walk(node: Any) -> None:
        if isinstance(node, pikepdf.Dictionary):
            if "/S" in node:
                counts[str(node.S)] += 1
            if "/K" in node:
                walk(node.K)
        elif isinstance(node, pikepdf.Array):
            for item in node:
                walk(item)

    with pikepdf.open(io.BytesIO(data)) as pdf:
        walk(pdf.Root.StructTreeRoot)
        with pdf.open_metadata() as meta:
            part = meta.get("pdfuaid:part")
        return {
            "marked": bool(pdf.Root.MarkInfo.Marked),
            "lang": str(pdf.Root.Lang),
            "title": str(pdf.docinfo["/Title"]),
            "pdfua": part,
            "kinds": counts,
        }


# -- building ----------------------------------------------------------------------------------


def build(event: Any, locale: str | None = None) -> tuple[Any, bytes, bytes, list[bytes]]:
    """The view, the Word letters, the PDF letters in one file, and a PDF per letter."""
    options: dict[str, Any] = {"locale": locale} if locale else {}
    whole = confdocs.build(event, ["letters", "letters-pdf"], options)  # type: ignore[arg-type]
    assert whole.ok, whole.failures
    word, pdf = (d.data for d in whole.documents)
    each = confdocs.build(event, ["letters-pdf"], options, each=True)  # type: ignore[arg-type]
    # The letters go outside: a build that names no audience makes them for the public.
    view = confdocs.prepare_view(event, {**options, "audience": "public"})  # type: ignore[arg-type]
    assert [d.recipient for d in each.documents] == [x.id for x in view.letters]
    return view, word, pdf, [d.data for d in each.documents]


@pytest.fixture(scope="module")
def hague(tmp_path_factory: pytest.TempPathFactory, hague_event: Any) -> dict[str, Any]:
    view, word, pdf, each = build(hague_event)
    folder = tmp_path_factory.mktemp("letters")
    return {
        "view": view,
        "word": word,
        "pdf": pdf,
        "pages": pdf_pages(pdf, folder),
        "each": [pdf_pages(x, folder) for x in each],
        "folder": folder,
    }


def tunis_copy(folder: Path) -> Path:
    shutil.copytree(TUNIS.parent, folder / "tunis")  # its catalogs beside it
    event = folder / "tunis" / "event.yaml"
    event.write_text(event.read_text(encoding="utf-8") + TUNIS_LETTERS, encoding="utf-8")
    return event


@pytest.fixture(scope="module")
def tunis(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return confdocs.load_event(tunis_copy(tmp_path_factory.mktemp("tunis")))


def letterhead(view: Any) -> str:
    return letters_only("".join((*view.header.funders, *view.header.implementers)))


def says_what_word_says(word_page: str, pdf_page: str, view: Any) -> None:
    """Every paragraph of the Word letter is in the PDF's, and the PDF holds nothing else but
    the letterhead, first (its two sides in the order of the page's direction): the same
    letters and digits, as many of each."""
    shown, head = letters_only(pdf_page), letterhead(view)
    assert Counter(shown[: len(head)]) == Counter(head), shown[:80]
    if view.direction == "ltr":  # pdftotext reads mixed Arabic and Latin in its own order
        for paragraph in word_page.split("\n"):
            assert letters_only(paragraph) in shown, paragraph
    said = Counter(letters_only(word_page))
    # pdftotext reads an Arabic ain under kasratan ("مدّعٍ") twice, in the outline's PDF too.
    said["ع"] += word_page.count("عٍ")
    assert Counter(shown[len(head) :]) == +said


# -- the Hague letters -------------------------------------------------------------------------


def test_each_letter_is_on_its_own_pages_to_its_recipient(hague: dict[str, Any]) -> None:
    view, pages, each = hague["view"], hague["pages"], hague["each"]
    assert len(view.letters) == 46
    # A letter starts a page: the file is the letters' own pages one after the other.
    assert pages == [page for letter in each for page in letter]
    for letter, own in zip(view.letters, each, strict=True):
        text = flat(" ".join(own))
        assert flat(" ".join(letter.address)) in text, letter.id
        assert "Dear Sir or Madam," in text
        assert "Strasbourg, 15 July 2019" in text and "Our ref.: C-PROC/GLACY+/2019/117" in text
        assert "on 30 September – 1 October 2019" in text and "by 30 August 2019 to:" in text
        assert text.endswith(
            "Yours faithfully, Alexander SEGER Head of Cybercrime Division and "
            "Executive Secretary of the Cybercrime Convention Committee (TCY) "
            "Council of Europe"
        )  # pdftotext drops the hyphen of "T-" "CY"
        assert text.startswith(
            "Funded by the European Union and the Council of Europe "
            "Implemented by the Council of Europe"
        )  # the letterhead
    assert "The competent authorities Argentina" in flat(each[0][0])
    assert "Europol" in flat(" ".join(each[[x.id for x in view.letters].index("europol")]))
    assert len(pages) == 46  # a page each


def test_the_pdf_says_what_the_word_letters_say(hague: dict[str, Any]) -> None:
    word = docx_pages_by_paragraph(hague["word"])
    assert len(word) == 46
    for word_page, own in zip(word, hague["each"], strict=True):
        says_what_word_says(word_page, " ".join(own), hague["view"])


def docx_pages_by_paragraph(data: bytes) -> list[str]:
    """Each Word letter's paragraphs and table cells, a line each."""
    import io

    import docx

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    body = docx.Document(io.BytesIO(data)).element.body
    pages: list[list[str]] = [[]]
    for paragraph in body.iter(f"{w}p"):
        style = paragraph.find(f"{w}pPr/{w}pStyle")
        if style is not None and style.get(f"{w}val") == "PageStart":
            pages.append([])
        pages[-1].append("".join(t.text or "" for t in paragraph.iter(f"{w}t")))
    return ["\n".join(p for p in page if p.strip()) for page in pages]


def test_links_are_link_annotations(hague: dict[str, Any]) -> None:
    """The contacts' telephone numbers and e-mail addresses, as the Word letters link them."""
    view = hague["view"]
    expected = [
        span.href
        for group in view.contacts
        for person in group.people
        for line in person.contact_lines
        for span in line
        if span.href
    ]
    assert "mailto:Manuel.PEREIRA@coe.int" in expected and "tel:+40212017832" in expected
    assert links(hague["pdf"]) == [expected] * 46
    assert "tel:+31611957605" not in expected  # a mobile number, internal


def test_bold_stays_bold(hague: dict[str, Any]) -> None:
    """The composition's "AND", the address and the contacts' names, bold in the Word letter."""
    strong, other = bold_words(hague["pdf"], hague["folder"], 1)
    assert {"AND", "Argentina", "PEREIRA", "GOUWY"} <= strong
    assert not {"specialized", "Tel:", "Dear"} & strong and "Dear" in other


def test_the_pdf_is_tagged_as_the_others_are(hague: dict[str, Any]) -> None:
    made = structure(hague["pdf"])
    assert made["marked"] and made["pdfua"] == "1" and made["lang"] == "en-GB"
    assert made["title"] == (
        "Invitation letters: International conference on online investigations: Darknet "
        "and online sexual violence against children"
    )
    kinds = made["kinds"]
    # A heading per letter (its subject), the seats as a list, the links and bold marked.
    assert kinds["/H1"] == 46 and kinds["/L"] >= 46
    assert kinds["/Link"] == 46 * 10 and kinds["/Strong"] > 0 and kinds["/P"] > 0


def test_each_writes_a_file_per_letter_named_as_the_word_ones(tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = confdocs_cli("build", str(HAGUE), "-f", "letters-pdf", "--each", "-o", str(out))
    assert done.returncode == 0, done.stderr
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == 46 and all(n.endswith(".letters.pdf") for n in names)
    assert "hague-2019.AR.letters.pdf" in names and "hague-2019.europol.letters.pdf" in names
    assert "The competent authorities Argentina" in flat(
        pdf_pages((out / "hague-2019.AR.letters.pdf").read_bytes(), tmp_path)[0]
    )


# -- in Arabic, and in every language shipped ----------------------------------------------------


def test_arabic_letters_run_right_to_left_with_their_own_text(tunis: Any, tmp_path: Path) -> None:
    view, word, pdf, each = build(tunis, "ar")
    assert view.direction == "rtl" and len(view.letters) == 8
    made = structure(pdf)
    assert made["lang"] == "ar" and made["pdfua"] == "1"
    pages = pdf_pages(pdf, tmp_path)
    own = [pdf_pages(x, tmp_path) for x in each]
    assert pages == [page for letter in own for page in letter]
    for letter, word_page, letter_pages in zip(
        view.letters, docx_pages_by_paragraph(word), own, strict=True
    ):
        says_what_word_says(word_page, " ".join(letter_pages), view)
        text = letters_only(" ".join(letter_pages))
        for said in (
            *letter.address,
            letter.salutation,
            letter.place_date,
            "Claire DUBOIS",
            "ستنعقد الورشة أيام",
            "نوفمبر 2025",
        ):
            assert letters_only(said) in text, (letter.id, said)
    # The body's link, beside the contacts' ones.
    assert all("https://www.coe.int/cybersouth" in page for page in links(pdf))
    # Right to left: the address stands at the right margin, the date at the left.
    boxes = line_boxes(pdf, tmp_path, 1)
    address = boxes["".join(sorted(letters_only(view.letters[0].address[0])))]
    dated = boxes["".join(sorted(letters_only(view.letters[0].place_date)))]
    right_margin = 595.28 - 62.36  # A4, 2.2 cm
    assert abs(address[2] - right_margin) < 2 and address[0] > 300
    assert abs(dated[0] - 62.36) < 2 and dated[2] < 300


def line_boxes(data: bytes, folder: Path, page: int) -> dict[str, tuple[float, ...]]:
    """The box (xMin, yMin, xMax, yMax) of each line of a page by its letters, sorted
    (pdftotext -bbox-layout gives an Arabic line's words in the order they are seen)."""
    require_tool("pdftotext")
    path = folder / "boxes.pdf"
    path.write_bytes(data)
    xml = subprocess.run(
        ["pdftotext", "-bbox-layout", "-f", str(page), "-l", str(page), str(path), "-"],
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    out = {}
    for box, words in re.findall(r"<line ([^>]*)>(.*?)</line>", xml, re.S):
        letters = sorted(letters_only("".join(re.findall(r">([^<]*)</word>", words))))
        out["".join(letters)] = tuple(float(x) for x in re.findall(r'="([\d.]+)"', box))
    return out


def test_french_letters_keep_the_bodys_bold_and_link(tunis: Any, tmp_path: Path) -> None:
    view, word, _, each = build(tunis)
    assert view.language == "fr"
    first = view.letters[0]
    assert first.body is not None
    assert first.body.plain.startswith("L’atelier se tiendra du 18 au 20 novembre 2025.")
    strong, other = bold_words(each[0], tmp_path, 1)
    # {when}: the days with their preposition, in bold as the event's text says.
    assert {"du", "18", "au", "20", "novembre", "2025"} <= strong
    assert {"L’atelier", "programme"} <= other and "programme" not in strong
    assert "https://www.coe.int/cybersouth" in links(each[0])[0]
    says_what_word_says(
        docx_pages_by_paragraph(word)[0], " ".join(pdf_pages(each[0], tmp_path)), view
    )


@pytest.mark.parametrize("locale", ["en_GB", "fr", "es", "pt", "pt_BR", "de", "ar", "uk"])
def test_every_language_says_what_its_word_letters_say(
    locale: str, tmp_path: Path, hague_event: Any
) -> None:
    """A country's letter and an allocation's, in each language shipped (the Hague event),
    through the two formats' exporters."""
    from confdocs_recipients.letters import LETTERS, LETTERS_PDF

    view = confdocs.prepare_view(hague_event, {"locale": locale, "audience": "public"})
    chosen = [view.letters[0], view.letters[-1]]
    assert (chosen[0].kind, chosen[1].kind) == ("country", "allocation")
    word = docx_pages_by_paragraph(LETTERS.render_recipients(view, chosen, {}))
    pdf = LETTERS_PDF.render_recipients(view, chosen, {})
    pages = pdf_pages(pdf, tmp_path)
    assert len(pages) == len(word) == 2
    for letter, word_page, page in zip(chosen, word, pages, strict=True):
        says_what_word_says(word_page, page, view)
        assert letters_only(letter.salutation) in letters_only(page)
    assert structure(pdf)["lang"] == view.language


# -- your own layout ---------------------------------------------------------------------------

LAYOUT = """
#let data = json("data.json")
#set document(title: data.document_title)
#set text(lang: data.lang, font: "Noto Sans")
#let words(nodes) = nodes.map(n => if "c" in n { words(n.c) } else { n.at("v", default: "") }).join()
#for (i, l) in data.letters.enumerate() {
  if i > 0 { pagebreak() }
  par[MINISTRY OF EXAMPLES]
  par(l.address.join(", "))
  par(words(l.seats_line))
  if l.signatory != none { par(l.signatory.name) }
}
"""


def test_a_users_layout_gets_the_letters(tmp_path: Path) -> None:
    layout = tmp_path / "mine.typ"
    layout.write_text(LAYOUT, encoding="utf-8")
    out = tmp_path / "out"
    done = confdocs_cli(
        "build", str(HAGUE), "-f", "letters-pdf", "--template", str(layout), "-o", str(out)
    )
    assert done.returncode == 0, done.stderr
    pages = pdf_pages((out / "hague-2019.letters.pdf").read_bytes(), tmp_path)
    assert len(pages) == 46
    assert flat(pages[0]) == (
        "MINISTRY OF EXAMPLES The competent authorities, Argentina "
        "You are invited to nominate 2 participants: Alexander SEGER"
    )
    # A mistake in it is the user's: named, exit 2, nothing written.
    layout.write_text(LAYOUT.replace("l.address", "l.adresse"), encoding="utf-8")
    again = tmp_path / "again"
    done = confdocs_cli(
        "build", str(HAGUE), "-f", "letters-pdf", "--template", str(layout), "-o", str(again)
    )
    assert done.returncode == 2 and str(layout) in done.stderr and "adresse" in done.stderr
    assert "Traceback" not in done.stderr and not again.exists()


def test_characters_no_document_may_hold_are_left_out(hague_event: Any, tmp_path: Path) -> None:
    """As the outline's PDF drops them (PDF/UA refuses a NUL, no font has U+0007): a title
    that a YAML file's escapes ("\\a", "\\x00") gave made every PDF made per recipient fail."""
    import attrs

    event = attrs.evolve(hague_event, title="Zq[\x00 A\x07B\ufffe")
    registrations = confdocs.load_registrations(HAGUE.parent / "registrations.csv")
    formats = ["letters-pdf", "sign-in-pdf", "badges", "certificates-pdf"]
    result = confdocs.build(event, formats, registrations=registrations)
    assert not result.failures and [d.format for d in result.documents] == formats
    letters = result.documents[0].data
    assert "Invitation: Zq[ AB" in flat(pdf_pages(letters, tmp_path)[0])
    assert structure(letters)["title"] == "Invitation letters: Zq[ AB"
