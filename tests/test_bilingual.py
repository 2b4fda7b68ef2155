"""Bilingual documents (issue 17): the Tunis example, written in French and Arabic, built in
each language and side by side (``--locale fr+ar``) in every format that makes bilingual
documents. What a reader sees is checked: every translated text of the event in its own
language's document, and in its own column of the bilingual one (labels included, and not in
the other column); the columns' languages and directions; the rows aligned on every page of
the PDFs that Typst, LibreOffice (from the .docx) and Chromium (from the HTML) make."""

from __future__ import annotations

import re
import subprocess
import textwrap
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import confdocs
from confdocs.model import Translated, needs_translation
from confdocs.model.walk import text_fields
from confdocs.view.richtext import to_plain

from .conftest import HAGUE, ROOT, confdocs_cli, require_tool

TUNIS = ROOT / "examples" / "tunis-2025" / "event.yaml"
FORMATS = ("html", "docx", "pdf", "md")
#: Labels each column shows in its own language (part headings, a slot's words).
LABELS = ("outline", "participants", "location", "programme", "contacts", "footnotes",
          "kind_break", "kind_meal", "parallel_sessions", "continuation")  # fmt: skip


@pytest.fixture(scope="module")
def event() -> confdocs.model.Event:
    return confdocs.load_event(TUNIS)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example in French, in Arabic and bilingual, in every bilingual format, one folder."""
    out = tmp_path_factory.mktemp("bilingual")
    for locale in ("fr", "ar", "fr+ar"):
        args = [a for f in FORMATS for a in ("-f", f)]
        done = confdocs_cli("build", str(TUNIS), "-l", locale, *args, "-o", str(out))
        assert done.returncode == 0, done.stderr
        assert done.stderr == "", done.stderr  # every text is translated: nothing fell back
    return out


# -- what each language's text is ----------------------------------------------------------


_MARKS = re.compile("[\u0640\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def squash(text: str, letters: bool = False) -> str:
    """Text as compared: composed compatibly (Arabic presentation forms become letters),
    without combining marks, direction marks or spaces, so that text extracted from a PDF
    (where a line break or a glyph's spacing can split a word) still matches; with
    ``letters``, letters alone (pdftotext may give the digits and punctuation of a line that
    mixes directions in another order)."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(c for c in text if unicodedata.category(c) != "Mn")
    text = re.sub(r"\s+", "", _MARKS.sub("", text))
    return "".join(c for c in text if c.isalpha()) if letters else text


def words(text: str, letters: bool = False) -> list[str]:
    """The phrases of an event's text as a document shows them, squashed: each line of its
    Markdown's plain text, split where a placeholder stands for a figure."""
    plain = confdocs.view.parse(text).plain
    pieces = (p for line in plain.split("\n") for p in re.split(r"\{\w+\}", line))
    return [squash(p, letters) for p in pieces if squash(p, letters)]


def long_words(text: str) -> set[str]:
    plain = confdocs.view.parse(re.sub(r"\{\w+\}", " ", text)).plain
    return {squash(w).casefold() for w in re.findall(r"\w+", plain)}


def translated(event: confdocs.model.Event) -> Iterator[tuple[str, bool, dict[str, str]]]:
    """Every text the event gives in both languages: its path, whether it is prose (a name may
    not be shown), and its text in each."""
    for path, field, value in text_fields(event):
        if isinstance(value, Translated):
            yield ".".join(map(str, path)), needs_translation(field), dict(value.texts)


def only_in(language: str, event: confdocs.model.Event) -> set[str]:
    """Long words of the event's texts in ``language`` that none of its other texts has."""
    mine: set[str] = set()
    others: set[str] = set()
    for _, _, texts in translated(event):
        for lang, text in texts.items():
            (mine if lang == language else others).update(long_words(text))
    for _, _field, value in text_fields(event):
        if not isinstance(value, Translated):
            others.update(long_words(value))
    return {w for w in mine - others if len(w) >= 5}


def labels(locale: str, *keys: str, letters: bool = False) -> list[str]:
    shown = confdocs.view.Labels(locale)
    return [squash(shown[key], letters) for key in keys]


def missing(expected: list[str], text: str) -> list[str]:
    return [w for w in expected if w not in text]


# -- reading each format's columns -----------------------------------------------------------


def html_columns(path: Path) -> dict[str, str]:
    """The text of each column, by its ``lang``, checking every row has both."""
    import html5lib

    tree = html5lib.parse(path.read_bytes(), treebuilder="lxml", namespaceHTMLElements=False)
    columns: dict[str, list[str]] = {}
    for row in tree.iter():
        if "bi-row" not in (row.get("class") or "").split():
            continue
        sides = [x for x in row if "bi-side" in (x.get("class") or "")]
        assert [x.get("lang") for x in sides] == ["fr", "ar"]
        assert [x.get("dir") for x in sides] == ["ltr", "rtl"]
        for side in sides:
            columns.setdefault(side.get("lang"), []).append("".join(side.itertext()))
    return {lang: squash(" ".join(parts)) for lang, parts in columns.items()}


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_columns(path: Path) -> tuple[dict[str, str], Any]:
    """The text of each column of the bilingual table (nested tables included), by the language
    its runs are marked with, and the table."""
    import docx

    body = docx.Document(str(path)).element.body
    [table] = [
        t for t in body.iter(f"{W}tbl")
        if (s := t.find(f"{W}tblPr/{W}tblStyle")) is not None and s.get(f"{W}val") == "BilingualTable"
    ]  # fmt: skip
    texts: list[list[str]] = [[], []]
    for row in table.findall(f"{W}tr"):
        cells = row.findall(f"{W}tc")
        assert len(cells) == 2
        for i, cell in enumerate(cells):
            texts[i].append("".join(t.text or "" for t in cell.iter(f"{W}t")))
    return {"fr": squash(" ".join(texts[0])), "ar": squash(" ".join(texts[1]))}, table


def pdf_columns(path: Path) -> dict[str, str]:
    """Each half of every page, as pdftotext reads it (cropped: in reading order), below the
    running header (the title, across the page) and above the page number, without the
    column's heading that starts every page (the language's name): a row the page breaks
    goes on below it, and would read as interrupted by it."""
    require_tool("pdftotext")
    halves = []
    for x in (0, 298):
        done = subprocess.run(
            ["pdftotext", "-x", str(x), "-y", "60", "-W", "297", "-H", "735", str(path), "-"],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        pages = [page.split("\n", 1) for page in done.stdout.split("\f") if page.strip()]
        assert len({heading for heading, *_ in pages}) == 1, "every page starts with the heading"
        text = "\n".join(rest for _, *rests in pages for rest in rests)
        halves.append(squash(re.sub(r"-\n", "", text), letters=True))
    return {"fr": halves[0], "ar": halves[1]}


def columns_of(fmt: str, built: Path) -> dict[str, str]:
    path = built / f"tunis-2025.fr.ar.{fmt}"
    if fmt == "html":
        return html_columns(path)
    if fmt == "docx":
        return docx_columns(path)[0]
    return pdf_columns(path)


# -- the tests -------------------------------------------------------------------------------


def test_the_example_is_written_in_two_languages_and_checks_clean(event: Any) -> None:
    assert event.settings.languages == ("fr", "ar")
    prose = [path for path, is_prose, _ in translated(event) if is_prose]
    assert len(prose) > 50, "most of the example's prose is given in both languages"
    assert all(not f.code.startswith("languages.") for f in confdocs.check(event))


def document_text(path: Path) -> str:
    """What a reader of ``path`` reads, squashed."""
    if path.suffix == ".docx":
        import docx

        body = docx.Document(str(path)).element.body
        return squash(" ".join(t.text or "" for t in body.iter(f"{W}t")))
    if path.suffix == ".pdf":
        done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True)
        return squash(re.sub(r"-\n", "", done.stdout), letters=True)  # hyphenated at a line's end
    if path.suffix == ".md":
        return squash(re.sub(r"[*_\\]", "", path.read_text("utf-8")))  # emphasis, escapes
    import html5lib

    tree = html5lib.parse(path.read_bytes(), treebuilder="lxml", namespaceHTMLElements=False)
    return squash("".join(tree.find("body").itertext()))


def shown(event: Any, built: Path, fmt: str) -> list[tuple[str, dict[str, list[str]]]]:
    """The translated texts the French document of ``fmt`` shows (a position is not shown
    where a person only moderates, a surname is in capitals), checking the Arabic document
    shows each one's Arabic; each with its phrases in each language, as compared."""
    letters = fmt == "pdf"
    french = document_text(built / f"tunis-2025.{fmt}")
    arabic = document_text(built / f"tunis-2025.ar.{fmt}")
    out = []
    for where, _, texts in translated(event):
        phrases = {x: words(texts[x], letters) for x in ("fr", "ar")}
        if missing(phrases["fr"], french):
            continue
        assert not missing(phrases["ar"], arabic), (fmt, where, texts["ar"])
        out.append((where, phrases))
    return out


@pytest.mark.parametrize("fmt", FORMATS)
def test_each_language_s_document_shows_its_texts(event: Any, built: Path, fmt: str) -> None:
    found = shown(event, built, fmt)
    assert len(found) > 50, len(found)
    prose = {where for where, is_prose, _ in translated(event) if is_prose}
    assert len(prose & {where for where, _ in found}) > 45
    for language, name in (("fr", "tunis-2025"), ("ar", "tunis-2025.ar")):
        text = document_text(built / f"{name}.{fmt}").casefold()
        other = "ar" if language == "fr" else "fr"
        strays = [w for w in only_in(other, event) if w in text]
        assert not strays, (fmt, language, strays[:5])


@pytest.mark.parametrize("fmt", ["html", "docx", "pdf"])
def test_every_translated_text_is_in_its_own_column_labels_included(
    event: Any, built: Path, fmt: str
) -> None:
    columns = columns_of(fmt, built)
    found = shown(event, built, fmt)
    for where, phrases in found:
        for language in ("fr", "ar"):
            lost = missing(phrases[language], columns[language])
            assert not lost, (fmt, language, where, lost)
    assert len(found) > 50
    for language, column in columns.items():
        expected = labels(language, *LABELS, letters=fmt == "pdf")
        assert not missing(expected, column), (fmt, language, missing(expected, column))
        other = "ar" if language == "fr" else "fr"
        strays = [w for w in only_in(other, event) if w in column.casefold()]
        assert not strays, (fmt, language, strays[:5])


def test_markdown_gives_each_part_in_french_then_arabic(event: Any, built: Path) -> None:
    text = (built / "tunis-2025.fr.ar.md").read_text("utf-8")
    order = ["## Contexte", "## السياق", "## Objectifs", "## الأهداف", "## Participants",
             "## المشاركون", "### Mardi 18 novembre 2025", "### الثلاثاء، 18 نوفمبر 2025",
             "### Mercredi 19 novembre 2025", "## Contacts", "## جهات الاتصال"]  # fmt: skip
    places = [text.index(x) for x in order]
    assert places == sorted(places)
    squashed = document_text(built / "tunis-2025.fr.ar.md")
    for where, phrases in shown(event, built, "md"):
        for language in ("fr", "ar"):
            assert not missing(phrases[language], squashed), (language, where)
    # Each language's footnotes are its own.
    assert "[^fr-1]" in text and "[^ar-1]:" in text and "[^1]" not in text


def test_word_marks_each_column_with_its_language_and_direction(built: Path) -> None:
    _, table = docx_columns(built / "tunis-2025.fr.ar.docx")
    rows = table.findall(f"{W}tr")
    header = rows[0].find(f"{W}trPr/{W}tblHeader")
    assert header is not None, "the row naming the languages repeats on every page"
    for row in rows:
        for index, cell in enumerate(row.findall(f"{W}tc")):
            for p in cell.iter(f"{W}p"):
                bidi = p.find(f"{W}pPr/{W}bidi")
                assert bidi is not None
                assert (bidi.get(f"{W}val") != "0") == (index == 1)
            for r in cell.iter(f"{W}r"):
                lang = r.find(f"{W}rPr/{W}lang")
                assert lang is not None
                if index == 0:
                    assert lang.get(f"{W}val") == "fr-FR"
                else:
                    assert lang.get(f"{W}bidi", "").startswith("ar")


def test_an_arabic_first_document_runs_right_to_left(event: Any, tmp_path: Path) -> None:
    result = confdocs.build(event, ["html", "docx"], {"locale": "ar+fr"})
    names = {d.format: d for d in result.documents}
    assert names["html"].filename == "tunis-2025.ar.fr.html"
    page = names["html"].data.decode()
    assert '<html lang="ar" dir="rtl">' in page
    path = tmp_path / "x.docx"
    path.write_bytes(names["docx"].data)
    columns, table = docx_columns(path)
    # Written in the table's order, Arabic first; Word shows it on the right (bidiVisual).
    assert table.find(f"{W}tblPr/{W}bidiVisual") is not None
    assert "الأهداف" in columns["fr"] and "Objectifs" in columns["ar"]


def test_bilingual_files_do_not_overwrite_one_language_s(built: Path) -> None:
    names = sorted(p.name for p in built.iterdir())
    for fmt in FORMATS:
        assert {f"tunis-2025.{fmt}", f"tunis-2025.ar.{fmt}", f"tunis-2025.fr.ar.{fmt}"} <= set(
            names
        )


def test_formats_without_a_bilingual_form_are_refused(tmp_path: Path) -> None:
    done = confdocs_cli("build", str(TUNIS), "-l", "fr+ar", "-f", "ics", "-o", str(tmp_path))
    assert done.returncode == 2
    assert "format 'ics' makes no bilingual document" in done.stderr
    assert "docx, html, md, pdf" in done.stderr
    for locale, says in (("fr+ar+en", "one language (fr) or two"), ("fr+fr", "two different"),
                         ("fr+xx", "'xx' is not a locale")):  # fmt: skip
        done = confdocs_cli("build", str(TUNIS), "-l", locale, "-o", str(tmp_path))
        assert done.returncode == 2 and says in done.stderr, done.stderr
    assert not any(tmp_path.iterdir())


def test_without_formats_a_bilingual_build_makes_every_bilingual_one(
    event: Any,
) -> None:
    built = confdocs.build(event, None, {"languages": ("fr", "ar")})
    assert sorted(d.format for d in built.documents) == ["docx", "html", "md", "pdf"]
    # The others are said, in one line of the command (a trial's build left out the letters
    # and badges without a word).
    single = {s.format for s in built.skipped if s.reason == "makes no bilingual document"}
    assert {"letters", "badges", "ics", "certificates"} <= single


def test_a_bilingual_build_says_which_formats_it_did_not_make(tmp_path: Path) -> None:
    done = confdocs_cli("build", str(TUNIS), "-l", "fr+ar", "-o", str(tmp_path))
    assert done.returncode == 0, done.stderr
    [note] = [line for line in done.stderr.splitlines() if "no bilingual form" in line]
    assert "letters" in note and "schedule-xml" in note and "docx" not in note


def test_a_missing_translation_falls_back_in_its_column_and_is_said(tmp_path: Path) -> None:
    import shutil

    folder = tmp_path / "tunis"
    shutil.copytree(TUNIS.parent, folder)
    path = folder / "event.yaml"
    text = path.read_text("utf-8").replace("    title: {fr: Contexte, ar: السياق}", "    title: Contexte")
    path.write_text(text, "utf-8")
    done = confdocs_cli("build", str(path), "-l", "fr+ar", "-f", "html", "-o", str(tmp_path / "o"))
    assert done.returncode == 0
    line = next(i for i, x in enumerate(text.splitlines(), 1) if x == "    title: Contexte")
    assert done.stderr.splitlines() == [
        "confdocs: warning: tunis-2025: 1 text shown in French (fr), having no Arabic (ar) "
        "text (confdocs check lists every missing translation):",
        f"  {path}:{line}:12 sections[0].title",
    ]
    columns = html_columns(tmp_path / "o" / "tunis-2025.fr.ar.html")
    assert "Contexte" in columns["ar"] and "السياق" not in columns["ar"]
    found = [f for f in confdocs.check(confdocs.load_event(path)) if f.code.startswith("languages")]
    assert [(f.code, f.path, f.line) for f in found] == [
        ("languages.missing-translation", "sections[0].title", line)
    ]


# -- the columns stay aligned on every page -----------------------------------------------------


def slot_times(pdf: Path) -> tuple[list[tuple[int, float]], list[tuple[int, float]]]:
    """Where each slot's time stands: the French column's ("09h30", at its start edge) and the
    Arabic column's ("09:30", at its start edge, the right): (page, top) each, in page order."""
    require_tool("pdftotext")
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout  # fmt: skip
    found: list[tuple[int, float, float, float, str]] = []
    for page, body in enumerate(out.split("<page ")[1:], 1):
        for x0, y0, x1, word in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>',
            body,
        ):
            found.append((page, float(x0), float(y0), float(x1), word))
    # Not the time zone's offset among the location's facts ("UTC+01:00", "غرينتش+01:00"),
    # which may stand on a line of its own words.
    zone = [(w[0], w[2]) for w in found if "UTC" in w[4] or "غرينتش" in w[4]]
    found = [w for w in found if not any(w[0] == p and abs(w[2] - y) < 2 for p, y in zone)]
    left = [w for w in found if re.match(r"\d\dh\d\d", w[4])]
    right = [w for w in found if re.search(r"\d\d:\d\d$", w[4])]
    start = min(w[1] for w in left)
    end = max(w[3] for w in right)
    # A track's own time ("Heure : 09h15 – 10h45") stands after its label: not at the edge.
    left = sorted((w[0], w[2]) for w in left if w[1] < start + 3)
    right = sorted((w[0], w[2]) for w in right if w[3] > end - 3)
    return left, right


def assert_aligned(pdf: Path, slots: int) -> None:
    left, right = slot_times(pdf)
    assert len(left) == len(right) >= slots, (len(left), len(right))
    for (page, top), (other_page, other_top) in zip(left, right, strict=True):
        assert page == other_page and abs(top - other_top) < 1.5, (page, top, other_page, other_top)
    assert len({page for page, _ in left}) >= 3, "the programme runs over several pages"


def rendered(pdf: Path) -> list[Path]:
    """The PDF's pages as PNG images (what was looked at), each not blank."""
    require_tool("pdftoppm")
    subprocess.run(["pdftoppm", "-png", "-r", "40", str(pdf), str(pdf.with_suffix(""))], check=True)
    pages = sorted(pdf.parent.glob(f"{pdf.stem}-*.png"))
    assert pages and all(p.stat().st_size > 3000 for p in pages)
    return pages


SLOTS = 23  # the example's slots that start at a time of their own (a range is one more)


def test_the_typst_pdf_keeps_the_columns_aligned_on_every_page(built: Path) -> None:
    pdf = built / "tunis-2025.fr.ar.pdf"
    assert_aligned(pdf, SLOTS)
    rendered(pdf)


def test_libreoffice_keeps_the_word_columns_aligned_on_every_page(built: Path, tmp_path: Path) -> None:
    soffice = require_tool("soffice")
    subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
         str(built / "tunis-2025.fr.ar.docx")],
        capture_output=True, timeout=240, check=True,
    )  # fmt: skip
    pdf = tmp_path / "tunis-2025.fr.ar.pdf"
    assert_aligned(pdf, SLOTS)
    pages = rendered(pdf)
    # The row naming the languages is repeated at the top of every page.
    done = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
    assert done.stdout.count("Français") == len(pages)


def test_chromium_keeps_the_html_columns_aligned_on_screen_and_printed(
    built: Path, tmp_path: Path
) -> None:
    from .browser import Browser

    chromium = require_tool("chromium")
    page = (built / "tunis-2025.fr.ar.html").resolve().as_uri()
    with Browser(chromium) as browser:
        screen = {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False}
        browser.send("Emulation.setDeviceMetricsOverride", screen)
        browser.goto(page)
        browser.wait_for("document.readyState === 'complete'")
        offsets = browser.evaluate(
            "Array.from(document.querySelectorAll('.bi-row')).map(r => {"
            " const [a, b] = r.querySelectorAll(':scope > .bi-side');"
            " const x = a.getBoundingClientRect(), y = b.getBoundingClientRect();"
            " return [x.top - y.top, x.left < y.left]; })"
        )
        assert len(offsets) > 50
        assert all(abs(dy) < 0.5 and french_left for dy, french_left in offsets)
        # The page's own rules hold (their child selectors were once escaped to "&gt;"):
        # a fact starts at the top of its column, and half a line (0.5rem) above the next.
        fact = browser.evaluate(
            "(() => { const s = getComputedStyle(document.querySelector('.bi-side > p.fact'));"
            " return [s.marginTop, s.marginBottom]; })()"
        )
        assert fact == ["0px", "8px"], fact
    pdf = tmp_path / "page.pdf"
    subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={tmp_path / 'p'}",
         f"--print-to-pdf={pdf}", "--no-pdf-header-footer", page],
        capture_output=True, timeout=180, check=False,
    )  # fmt: skip
    assert_aligned(pdf, SLOTS)
    rendered(pdf)


# -- the alignment itself ----------------------------------------------------------------------


def test_the_bilingual_stylesheet_is_written_as_css_not_escaped(built: Path) -> None:
    import html5lib

    page = html5lib.parse(
        (built / "tunis-2025.fr.ar.html").read_bytes(), namespaceHTMLElements=False
    )
    (style,) = page.iter("style")
    css = style.text or ""
    assert ".bi-side > :first-child" in css and "&gt;" not in css and "&amp;" not in css


def test_paragraphs_are_aligned_one_to_one_or_the_whole_text_as_one_row(tmp_path: Path) -> None:
    path = tmp_path / "event.yaml"
    path.write_text(
        "id: two\ntitle: {en: Two, fr: Deux}\nstart: 2024-03-12\nend: 2024-03-12\n"
        "settings: {languages: [en, fr]}\n"
        "notes:\n  - {id: a, text: {en: Note A, fr: Note A fr}}\n"
        "  - {id: b, text: {en: Note B, fr: Note B fr}}\n"
        "sections:\n"
        "  - {id: same, title: {en: Same, fr: Pareil}, body: {en: \"One.\\n\\n- two\", "
        "fr: \"Un.\\n\\n- deux\"}}\n"
        "  - {id: other, body: {en: \"One[^a].\\n\\nTwo[^b].\", fr: \"Un[^b] et deux[^a].\"}}\n",
        "utf-8",
    )
    view = confdocs.prepare_bilingual_view(confdocs.load_event(path), {"locale": "en+fr"})
    same, other = (p for p in view.parts if p.kind == "section")
    assert [r.kind for r in same.rows] == ["heading", "paragraph", "paragraph"]
    assert [(r.left.plain, r.right.plain) for r in same.rows[1:]] == [("One.", "Un."), ("two", "deux")]
    [whole] = other.rows
    assert (whole.left.plain, whole.right.plain) == ("One.\n\nTwo.", "Un et deux.")
    numbered = [to_plain(side.tokens, note=str) for side in (whole.left, whole.right)]
    assert numbered == ["One1.\n\nTwo2.", "Un1 et deux2."]
    [notes] = [p for p in view.parts if p.kind == "notes"]
    # Each language numbers its notes as its reader meets them; the rows pair them by note.
    pairs = [(r.left.number, r.right.number, r.left.text.plain) for r in notes.rows[1:]]
    assert pairs == [(1, 2, "Note A"), (2, 1, "Note B")]
    assert [r.kind for r in view.rows][:2] == ["title", "heading"]


def test_a_bilingual_build_of_an_event_in_one_language_says_so(event: Any) -> None:
    """Both columns would hold the same texts under other labels: the build warns."""
    hague = confdocs.build(confdocs.load_event(HAGUE), ["html"], {"locale": "en+fr"})
    [warning] = [w for w in hague.warnings if w.code == "languages.not-written-in"]
    assert warning.message.startswith("the event declares no languages (settings.languages)")
    assert (warning.file, warning.line) == (str(HAGUE), 17)
    tunis = confdocs.build(event, ["html"], {"locale": "fr+ar"})
    assert not [w for w in tunis.warnings if w.code == "languages.not-written-in"]


def test_the_bilingual_pdf_keeps_a_slot_whole_and_says_its_pages_in_both_languages(
    built: Path, event: Any
) -> None:
    """A trial's workshop box was cut under its room line, and the pages said "Page 3 sur 4"
    and the French title only."""
    from confdocs_pdf.bilingual import bilingual_data

    from confdocs.view.bilingual import bilingual_view

    views = [confdocs.make_view(event, locale=locale) for locale in ("fr", "ar")]
    data = bilingual_data(bilingual_view(*views))
    slots = [row for row in data["rows"] if row["kind"] == "slot"]
    assert slots and all(row["keep"] for row in slots), "every slot of the example is short"
    assert not any(row["keep"] for row in data["rows"] if row["kind"] != "slot")
    require_tool("pdftotext")
    pdf = built / "tunis-2025.fr.ar.pdf"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    pages = [p for p in text.split("\f") if p.strip()]
    for n, page in enumerate(pages, 1):
        [footer] = [line for line in page.splitlines() if f"Page {n} sur {len(pages)}" in line]
        # pdftotext gives the Arabic in its visual order, between embedding marks.
        arabic = re.sub("[\u202a-\u202e]", " ", footer.partition("·")[2]).split()
        assert sorted(arabic) == sorted(["الصفحة", str(n), "من", str(len(pages))]), footer


@pytest.mark.parametrize("locale", ["fr", "fr+ar"])
def test_a_long_code_block_or_hard_broken_lines_are_never_cut(
    tmp_path: Path, locale: str
) -> None:
    """A row kept whole must fit a page: a code block and hard line breaks counted as no
    line made a long slot look short, and its cell ran past the footer (a review: 76 of 90
    lines in the PDF)."""
    require_tool("pdftotext")
    code = "".join(f"      line {n} of a long verbatim block\n" for n in range(90))
    items = "".join(f"Item {n}\\\n" for n in range(90))
    event = tmp_path / "event.yaml"
    event.write_text(
        "id: long\ntitle: {fr: Essai, ar: تجربة}\nstart: 2024-03-12\nend: 2024-03-12\n"
        "settings: {locale: fr, languages: [fr, ar], timezone: Europe/Paris}\n"
        "venue: {name: Agora, city: Tunis, country: TN}\n"
        "programme:\n  days:\n    - date: 2024-03-12\n      slots:\n"
        "        - {start: 09h30, title: {fr: Ouverture, ar: افتتاح}}\n"
        "        - start: 10h00\n          title: {fr: Code, ar: رمز}\n"
        "          body:\n            fr: |\n              Voici :\n\n"
        + textwrap.indent(code, "            ")
        + "            ar: نص\n"
        "        - start: 11h00\n          title: {fr: Lignes, ar: سطور}\n"
        "          body:\n            fr: |\n"
        + textwrap.indent(items, "              ")
        + "            ar: نص\n",
        encoding="utf-8",
    )
    done = confdocs_cli("build", str(event), "-l", locale, "-f", "pdf", "-o", str(tmp_path))
    assert done.returncode == 0, done.stderr
    [pdf] = tmp_path.glob("*.pdf")
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert text.count("of a long verbatim block") == 90
    assert len(re.findall(r"Item \d+", text)) == 90
