"""The pdf format: a tagged, accessible PDF (PDF/UA-1) of the outline, made with Typst.

Read as its users would: its text (pdftotext, page by page), its structure (pikepdf: the
structure tree, header cells, /Lang, the title, bookmarks, PDF/UA identification), its fonts
(pdffonts: all embedded), and its pages rendered (pdftoppm).
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import unicodedata
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import confdocs
from tests.conftest import HAGUE, MINIMAL, ROOT, confdocs_cli, require_tool
from tests.seed_parts import SEED_TEXTS

PARALLEL = ROOT / "tests" / "events" / "parallel-rooms" / "event.yaml"
HOSTILE = "Conference #set text(size: 400pt) on \\ $x^2$ ] [ *e-evidence* _x_ <l> @r // c /* d"
#: What Typst adds to let long words break, and what pdftotext adds between lines.
_INVISIBLE = re.compile("[\u200b\u00ad\u200e\u200f\u2066-\u2069]")
#: Hyphens: Typst hyphenates words at line ends, and pdftotext cannot tell them apart.
_HYPHENS = re.compile("[-\u2010\u2011]")


def squeeze(text: str) -> str:
    """Letters only: no white space, no break opportunities, no hyphens (a hyphen Typst put at
    a line end reads the same as a hyphen of the text)."""
    text = unicodedata.normalize("NFC", _INVISIBLE.sub("", text))
    return re.sub(r"\s+", "", _HYPHENS.sub("", text))


def pdf_of(event: Any, **options: Any) -> bytes:
    [doc] = confdocs.build(event, ["pdf"], options).documents  # type: ignore[arg-type]
    assert doc.data.startswith(b"%PDF-")
    return doc.data


def page_texts(data: bytes, tmp_path: Path) -> list[str]:
    require_tool("pdftotext")
    path = tmp_path / "doc.pdf"
    path.write_bytes(data)
    whole = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    return whole.split("\f")[:-1] if whole.endswith("\f") else whole.split("\f")


@pytest.fixture(scope="module")
def hague_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pdf")
    done = confdocs_cli("build", str(HAGUE), "-f", "pdf", "-o", str(out))
    assert done.returncode == 0, done.stderr
    return out / "hague-2019.pdf"


@pytest.fixture(scope="module")
def pages(hague_pdf: Path, tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    return page_texts(hague_pdf.read_bytes(), tmp_path_factory.mktemp("text"))


@pytest.mark.parametrize("seed_text", SEED_TEXTS)
def test_the_pdf_holds_the_seed(pages: list[str], seed_text: str) -> None:
    assert squeeze(seed_text) in squeeze("\n".join(pages))


def test_every_contribution_line_is_in_the_pdf(pages: list[str], hague_event: Any) -> None:
    text = squeeze("\n".join(pages))
    view = confdocs.make_view(hague_event)
    for day in view.programme:
        for slot in day.slots:
            for session in slot.sessions:
                for item in session.contributions:
                    assert squeeze(item.line.plain) in text, item.line.plain


def test_footnotes_are_at_the_foot_of_the_pages_that_reference_them(pages: list[str]) -> None:
    notes = {
        "Kosovo": "This designation is without prejudice",
        "Ukraine": "should only appoint one participant per country under CyberEast",
        "EndOCSEA@Europe": "The priority countries of EndOCSEA@Europe project",
    }
    for reference, note in notes.items():
        [page] = [p for p in pages if squeeze(note) in squeeze(p)]
        assert reference in page
        # The note's text is at the foot: after the page's last line of body text.
        assert squeeze(page).index(squeeze(note)) > squeeze(page).index(squeeze("Participants")) or (
            "Participants" not in page
        )


def test_a_programme_row_that_fits_on_a_page_is_not_split(pages: list[str]) -> None:
    """A slot short enough moves to the next page whole (its time, title and speakers
    together); the Hague's 11h15 slot stood at the foot of page 3, its speakers on page 4."""
    title = squeeze("Eurojust mission, objectives and core tasks")
    [page] = [p for p in pages if title in squeeze(p)]
    assert squeeze("Daniela BURUIANA, National Member") in squeeze(page), "its speaker too"
    assert "11h15" in page


def test_a_row_of_many_short_lines_is_never_kept_whole_and_cut(tmp_path: Path) -> None:
    """A row kept whole cannot break, and Typst cuts what does not fit the page: a slot of 90
    short contributions (few characters, many lines) breaks across pages, every line shown."""
    event = confdocs.load_event(MINIMAL)
    day = event.programme.days[0]
    many = tuple(confdocs.model.Contribution(title=f"Item {n}") for n in range(1, 91))
    slot = attrs.evolve(day.slots[0], contributions=many)
    event = attrs.evolve(
        event,
        programme=attrs.evolve(
            event.programme, days=(attrs.evolve(day, slots=(slot, *day.slots[1:])),)
        ),
    )
    text = "\n".join(page_texts(pdf_of(event), tmp_path))
    assert all(f"Item {n}" in text for n in range(1, 91)), "a line was cut"


def test_a_note_referenced_in_the_title_block_is_a_footnote_once(tmp_path: Path) -> None:
    """The title block is read first: a note ``organised_by`` references is its footnote,
    numbered 1, and not listed again at the end with the notes nothing references."""
    event = confdocs.load_event(MINIMAL)
    note = confdocs.model.Note("host", "The ministry hosts the workshop.")
    event = attrs.evolve(
        event,
        organised_by="Organised by the project[^host]",
        notes=(*event.notes, note),
    )
    text = squeeze("".join(page_texts(pdf_of(event), tmp_path)))
    assert text.count(squeeze(note.text)) == 1
    assert squeeze("Organised by the project1") in text
    assert "Notes" not in "".join(page_texts(pdf_of(event), tmp_path))  # no list at the end


def test_the_pdf_is_tagged_pdf_ua_with_language_title_and_bookmarks(hague_pdf: Path) -> None:
    import pikepdf

    with pikepdf.open(hague_pdf) as pdf:
        root = pdf.Root
        assert bool(root.MarkInfo.Marked) is True
        assert "/StructTreeRoot" in root
        assert str(root.Lang) == "en-GB"
        assert bool(root.ViewerPreferences.DisplayDocTitle) is True
        title = "International conference on online investigations"
        assert str(pdf.docinfo["/Title"]).startswith(title)
        with pdf.open_metadata() as meta:
            assert meta["dc:title"].startswith(title)
            assert meta.get("pdfuaid:part") == "1"
        with pdf.open_outline() as outline:
            marks = [item.title for item in outline.root]
        assert marks[:2] == ["Background and justification", "Expected outcome"]
        assert {"Participants", "Programme", "Contacts"} <= set(marks)
        [programme] = [m for m in outline_items(hague_pdf) if m[0] == "Programme"]
        assert programme[1] == [
            "Sunday, 29 September 2019",
            "Monday, 30 September 2019",
            "Tuesday, 1 October 2019",
        ]
        kinds = structure_kinds(root.StructTreeRoot)
        for kind in ("/Document", "/H1", "/H2", "/P", "/L", "/Table", "/TH", "/TD", "/Note"):
            assert kinds.get(kind, 0) > 0, kind
        # One programme table per day, each with its header cells (the seats table is printed only
        # with settings.show_seat_counts).
        assert kinds["/Table"] == 3
        assert kinds.get("/Figure", 0) == len(alts(root.StructTreeRoot))


def outline_items(path: Path) -> list[tuple[str, list[str]]]:
    import pikepdf

    with pikepdf.open(path) as pdf, pdf.open_outline() as outline:
        return [(item.title, [child.title for child in item.children]) for item in outline.root]


def structure_kinds(node: Any, counts: dict[str, int] | None = None) -> dict[str, int]:
    import pikepdf

    counts = {} if counts is None else counts
    if isinstance(node, pikepdf.Dictionary):
        if "/S" in node:
            counts[str(node.S)] = counts.get(str(node.S), 0) + 1
        kids = node.get("/K")
        if kids is not None:
            structure_kinds(kids, counts)
    elif isinstance(node, pikepdf.Array):
        for item in node:
            structure_kinds(item, counts)
    return counts


def alts(node: Any) -> list[str]:
    """The alt text of every /Figure (an empty list when there is none)."""
    import pikepdf

    found: list[str] = []
    if isinstance(node, pikepdf.Dictionary):
        if node.get("/S") == "/Figure":
            assert "/Alt" in node, "every figure has alt text"
            found.append(str(node.Alt))
        if node.get("/K") is not None:
            found += alts(node.K)
    elif isinstance(node, pikepdf.Array):
        for item in node:
            found += alts(item)
    return found


def test_the_logos_are_on_the_first_page_as_figures_with_their_words(
    hague_pdf: Path, hague_event: Any
) -> None:
    import pikepdf

    view = confdocs.make_view(hague_event)
    logos = [*view.header.funder_logos, *view.header.implementer_logos, *view.organiser_logos]
    assert len(logos) == 5
    with pikepdf.open(hague_pdf) as pdf:
        assert sorted(alts(pdf.Root.StructTreeRoot)) == sorted(logo.alt for logo in logos)
        first = pdf.pages[0]
        assert len(first.get_images()) == len({logo.data for logo in logos})
        assert not any(page.get_images() for page in pdf.pages[1:])


def test_every_font_is_embedded(hague_pdf: Path) -> None:
    require_tool("pdffonts")
    listing = subprocess.run(
        ["pdffonts", str(hague_pdf)], capture_output=True, check=True, text=True
    ).stdout.splitlines()[2:]
    assert listing
    for row in listing:
        assert row.split()[-5] == "yes", row  # the "emb" column
    assert any("NotoSans" in row for row in listing)


def test_the_pages_render(hague_pdf: Path, tmp_path: Path) -> None:
    require_tool("pdftoppm")
    subprocess.run(
        ["pdftoppm", "-png", "-r", "30", str(hague_pdf), str(tmp_path / "page")], check=True
    )
    pngs = sorted(tmp_path.glob("page-*.png"))
    assert len(pngs) >= 4
    assert all(p.stat().st_size > 3000 for p in pngs), "no blank page"


def test_builds_are_reproducible(hague_event: Any) -> None:
    assert pdf_of(hague_event) == pdf_of(hague_event)


def test_hostile_text_comes_out_literally(tmp_path: Path) -> None:
    import pikepdf

    event = attrs.evolve(confdocs.load_event(MINIMAL), title=HOSTILE)
    data = pdf_of(event)
    text = squeeze("".join(page_texts(data, tmp_path)))
    assert squeeze(HOSTILE) in text
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert str(pdf.docinfo["/Title"]) == HOSTILE


def test_arabic_greek_and_cyrillic_are_shaped_and_extract_in_order(tmp_path: Path) -> None:
    event = confdocs.load_event(MINIMAL)
    names = ("محمد عبد الله الفلاحي", "Αικατερίνη Παπαδοπούλου", "Олена Коваленко")
    person = attrs.evolve(event.people[0], given_name=names[0], family_name="")
    section = confdocs.model.Section(id="langs", title=names[1], body=names[2])
    event = attrs.evolve(event, people=(person, *event.people[1:]), sections=(section,))
    text = squeeze("".join(page_texts(pdf_of(event), tmp_path)))
    for name in names:
        assert squeeze(name) in text, name


def test_a_public_build_leaves_out_what_is_internal(hague_event: Any, tmp_path: Path) -> None:
    secrets = {getattr(p, f) for p in hague_event.people for f in p.internal if getattr(p, f)}
    assert secrets
    internal = squeeze("".join(page_texts(pdf_of(hague_event), tmp_path)))
    public = squeeze("".join(page_texts(pdf_of(hague_event, audience="public"), tmp_path)))
    assert all(squeeze(s) in internal for s in secrets)
    assert not [s for s in secrets if squeeze(s) in public]


def test_the_parallel_rooms_event_builds(tmp_path: Path) -> None:
    text = squeeze("".join(page_texts(pdf_of(confdocs.load_event(PARALLEL)), tmp_path)))
    for part in ("Room: Salle Gorée", "Room: Salle Saloum", "Group B — subscriber information"):
        assert squeeze(part) in text


# -- user layouts -------------------------------------------------------------------------------

LAYOUT = """
#let data = json("data.json")
#set document(title: data.title)
#set text(lang: data.lang, font: "Noto Sans")
#title()
#for b in data.body { if b.t == "heading" and b.level == 1 { heading(b.c.map(n => n.at("v", default: "")).join()) } }
"""


def layout(tmp_path: Path, text: str) -> str:
    path = tmp_path / "mine.typ"
    path.write_text(text, "utf-8")
    return str(path)


def test_a_user_layout_reads_the_data(tmp_path: Path) -> None:
    data = pdf_of(confdocs.load_event(HAGUE), template=layout(tmp_path, LAYOUT))
    text = "".join(page_texts(data, tmp_path))
    assert "Background and justification" in text and "Programme" in text


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('#import "@preview/cetz:0.3.0"', "mine.typ"),
        ('#read("/etc/passwd")', "mine.typ"),
        ('#read("../../../etc/passwd")', "mine.typ"),
        ("#let f(n) = f(n + 1)\n#f(0)", "mine.typ"),
        ("#unknown-function()", "unknown"),
    ],
)
def test_a_user_layout_is_confined_and_its_errors_are_the_users(
    tmp_path: Path, body: str, message: str
) -> None:
    template = layout(tmp_path, LAYOUT + "\n" + body)
    result = confdocs_cli(
        "build", str(MINIMAL), "-f", "pdf", "--template", template, "-o", str(tmp_path / "out")
    )
    assert result.returncode == 2, result.stderr
    assert message in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_user_layout_that_runs_too_long_is_stopped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CONFDOCS_TEMPLATE_TIMEOUT", "1")
    slow = LAYOUT + "\n#for i in range(3000) { [#lorem(300) #pagebreak()] }"
    with pytest.raises(confdocs.TemplateError, match="longer than 1 s"):
        pdf_of(confdocs.load_event(MINIMAL), template=layout(tmp_path, slow))


# -- any text -----------------------------------------------------------------------------------

#: Letters, digits, punctuation and symbols of the scripts the fonts cover (Latin, Greek,
#: Cyrillic), and the characters Typst would read as markup.
ALPHABET = st.sampled_from(
    list("abcxyzABCXYZ0123456789éèçñüßøåæœ")
    + list("αβγδΩΣπ")
    + list("абвгдЖЩЯ")
    + list("#$\\[]{}*_`<>@=-+/~'\".:;!?,()&%^|")
)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=st.text(ALPHABET, min_size=1, max_size=40).filter(lambda v: v.strip()))
def test_any_text_in_a_title_and_a_name_survives(value: str, tmp_path: Path) -> None:
    event = confdocs.load_event(MINIMAL)
    person = attrs.evolve(event.people[0], family_name=value)
    event = attrs.evolve(event, title=value, people=(person, *event.people[1:]))
    text = squeeze("".join(page_texts(pdf_of(event), tmp_path)))
    assert text.count(squeeze(value)) >= 2


def test_text_no_font_covers_is_a_clear_failure_and_a_font_folder_mends_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    event = confdocs.load_event(MINIMAL)
    event = attrs.evolve(event, title="Séminaire — 电子证据研讨会")
    result = confdocs.build(event, ["pdf", "md"])
    assert [d.format for d in result.documents] == ["md"], "the other formats still build"
    [failure] = result.failures
    assert failure.plugin == "pdf"
    assert "no font for some of the text" in failure.message
    assert "CONFDOCS_PDF_FONT_PATH" in failure.message and "raised" not in failure.message
    fonts = Path("/usr/share/fonts/truetype/droid")
    if not (fonts / "DroidSansFallbackFull.ttf").exists():
        # Debian's fonts-droid-fallback, which .ci/run installs.
        if os.environ.get("CONFDOCS_REQUIRE_TOOLS"):
            pytest.fail("fonts-droid-fallback is required in CI but is not installed")
        pytest.skip("fonts-droid-fallback is not installed")
    monkeypatch.setenv("CONFDOCS_PDF_FONT_PATH", str(fonts))
    text = squeeze("".join(page_texts(pdf_of(event), tmp_path)))
    assert squeeze("电子证据") in text


def test_parallel_sessions_sit_side_by_side(tmp_path: Path) -> None:
    event = confdocs.load_event(ROOT / "examples" / "tunis-2025" / "event.yaml")
    pages = page_texts(pdf_of(event), tmp_path)
    text = "\n".join(pages)
    assert "Sessions parallèles" in text
    # pdftotext -layout keeps the page's geometry: both rooms' lines share one line of text.
    rows = [line for line in text.splitlines() if "Salle Hannibal" in line and "Salle Didon" in line]
    assert rows, "the two tracks are side by side"
def test_characters_no_document_may_hold_are_left_out(tmp_path: Path) -> None:
    # Found by tests/test_hypothesis_roundtrip.py: PDF/UA refuses a NUL; the other formats
    # drop such characters, so the pdf drops them too.
    event = attrs.evolve(confdocs.load_event(MINIMAL), title="Zq[\x00 A\x07B\ufffe")
    result = confdocs.build(event, ["pdf"])
    assert not result.failures
    assert "Zq[AB" in squeeze(page_texts(result.documents[0].data, tmp_path)[0])
    nothing_left = attrs.evolve(event, title="\x7f\x00")
    assert not confdocs.build(nothing_left, ["pdf"]).failures


class PanicException(BaseException):  # named as pyo3 names Typst's panics
    """What Typst raises when it stops with an internal fault (a Rust panic)."""


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Dr \U000d3ad8 Smith", "no font for some of the text"),  # unassigned: no font has it
        ("Dr \ue000 Smith", "no font for some of the text"),  # private use
        ("Dr Smith", "Typst stopped while laying out the document (its fault: "),
    ],
)
def test_typst_stopping_is_the_pdf_formats_failure_said_plainly(
    text: str, said: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Typst panics on some characters no font has (hypothesis found one): the pdf format
    fails with a message that says why, and the other formats still build."""
    import typst

    def panicking(*args: Any, **kwargs: Any) -> bytes:
        raise PanicException("end byte index 7 is out of bounds for string of length 3")

    monkeypatch.setattr(typst, "compile", panicking)
    event = confdocs.load_event(MINIMAL)
    event = attrs.evolve(event, title=text)
    result = confdocs.build(event, ["pdf", "md"])
    assert [d.format for d in result.documents] == ["md"]
    [failure] = result.failures
    assert said in str(failure)
    if "no font" in said:
        assert f"U+{ord(text[3]):04X}" in str(failure)


@pytest.mark.parametrize("locale", [None, "fr+ar"])
def test_a_link_or_an_address_copied_out_of_the_pdf_is_whole(tmp_path: Path, locale: Any) -> None:
    """Its text held a zero-width space after each "/" and "." (a trial copied a broken
    address): web links break where Typst's rules for links say, e-mail addresses a column
    holds stay whole; only longer tokens still get their break points."""
    tunis = confdocs.load_event(HAGUE.parent.parent / "tunis-2025" / "event.yaml")
    long_url = "https://coe.example/cybersouth/tunis-2025/a/very/long/path/that/needs/breaking"
    venue = attrs.evolve(tunis.venue, url=long_url, internal=frozenset())
    options = {"locale": locale} if locale else {}
    text = "\n".join(page_texts(pdf_of(attrs.evolve(tunis, venue=venue), **options), tmp_path))
    assert "\u200b" not in text
    assert "@" in text and long_url[:40] in text.replace("\n", "")


@pytest.mark.parametrize("locale", ["es", "es+en", "pt"])
def test_a_hyphen_of_an_address_is_not_repeated_where_the_line_breaks(
    tmp_path: Path, locale: str
) -> None:
    """Typst repeats a hyphen at the start of the next line in Spanish and Portuguese text;
    in an address that read "santo- / -domingo", and a reader typed "santo--domingo"."""
    event = confdocs.load_event(MINIMAL)
    url = "https://coe.example/" + "-".join(["santo-domingo"] * 12)
    settings = attrs.evolve(event.settings, locale=locale.split("+")[0])
    venue = attrs.evolve(event.venue, url=url)
    options = {"locale": locale} if "+" in locale else {}
    pages = page_texts(pdf_of(attrs.evolve(event, settings=settings, venue=venue), **options), tmp_path)
    lines = [line.strip() for page in pages for line in page.splitlines()]
    broken = [line for line in lines if line.startswith("-") and "domingo" in line]
    assert not broken, broken
    joined = "".join(lines)
    assert url in joined.replace(" ", "") or url in "".join(joined.split())
