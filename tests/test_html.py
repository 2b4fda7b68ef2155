"""The HTML outline: complete, valid HTML5, self-contained, printable; rendered in Chromium."""

from __future__ import annotations

import itertools
import re
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import pytest

import confdocs
from tests.conftest import HAGUE, confdocs_cli, require_tool, with_seat_counts
from tests.seed_parts import COUNTRIES, SEED_TEXTS
from tests.test_markdown import normalise

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out")
    result = confdocs_cli("build", str(HAGUE), "-f", "html", "-o", str(out))
    assert result.returncode == 0, result.stderr
    return out / "hague-2019.html"


@pytest.fixture(scope="module")
def page(built: Path) -> str:
    return built.read_text("utf-8")


@pytest.fixture(scope="module")
def tree(page: str) -> ElementTree.Element:
    import html5lib

    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    return parser.parse(page)  # strict: raises on the first parse error


@pytest.fixture(scope="module")
def text(tree: ElementTree.Element) -> str:
    body = tree.find("body")
    assert body is not None
    return normalise("".join(body.itertext()))


def test_parses_as_html5_without_errors(tree: ElementTree.Element) -> None:
    assert tree.tag == "html"
    assert tree.get("lang") == "en-GB"


@pytest.mark.parametrize("seed_text", SEED_TEXTS)
def test_the_page_holds_the_seed(text: str, seed_text: str) -> None:
    assert normalise(seed_text) in text


def test_all_38_countries_with_their_footnotes(tree: ElementTree.Element, text: str) -> None:
    for country in COUNTRIES:
        assert re.search(rf"\b{re.escape(country)}\b", text), country
    [groups] = [ul for ul in tree.iter("ul") if ul.get("class") == "groups"]
    spans = [e for li in groups for e in li.iter() if e.tag in ("span", "sup")]
    kosovo = [i for i, e in enumerate(spans) if e.text == "Kosovo"]
    assert kosovo, "Kosovo is a country of a group line"
    reference = spans[kosovo[0] + 1]
    assert reference.tag == "sup" and reference.find("a").get("href") == "#fn2"  # type: ignore[union-attr]


def test_footnotes_are_linked_both_ways(tree: ElementTree.Element) -> None:
    ids = {e.get("id") for e in tree.iter() if e.get("id")}
    refs = [a for a in tree.iter("a") if (a.get("href") or "").startswith("#fn")]
    assert refs
    for a in refs:
        assert a.get("href", "")[1:] in ids
    notes = tree.findall(".//section[@id='notes']/ol/li")
    assert [li.get("id") for li in notes] == ["fn1", "fn2", "fn3"]
    for li in notes:
        back = li.find("a[@class='backref']")
        assert back is not None and back.get("href", "")[1:] in ids


def test_ids_are_unique(tree: ElementTree.Element) -> None:
    ids = [e.get("id") for e in tree.iter() if e.get("id")]
    assert len(ids) == len(set(ids))


def test_semantic_structure(tree: ElementTree.Element) -> None:
    body = tree.find("body")
    assert body is not None
    assert body.find("header") is not None and body.find("main") is not None
    levels = [int(e.tag[1]) for e in body.iter() if re.fullmatch(r"h[1-6]", e.tag)]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), "a heading level is skipped"
    tables = tree.findall(".//section[@id='programme']//table")
    assert len(tables) == 3
    for table in tables:
        assert [th.get("scope") for th in table.findall("thead/tr/th")] == ["col", "col"]
        rows = table.findall("tbody/tr")
        assert rows and all(row.find("th").get("scope") == "row" for row in rows)  # type: ignore[union-attr]


def test_self_contained_and_phone_ready(page: str, tree: ElementTree.Element) -> None:
    head = tree.find("head")
    assert head is not None
    viewport = head.find("meta[@name='viewport']")
    assert viewport is not None and "width=device-width" in viewport.get("content", "")
    assert tree.find(".//link") is None and tree.find(".//script") is None
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    assert "@import" not in page and "url(" not in page
    assert "@media print" in page and "size: A4" in page
    assert re.search(r"#programme \{ break-before: page", page)
    assert "@media (max-width" in page


def test_contacts_link_phone_and_email(tree: ElementTree.Element) -> None:
    hrefs = {a.get("href") for a in tree.iter("a")}
    assert "mailto:dburuiana@eurojust.europa.eu" in hrefs
    assert "tel:+31704125360" in hrefs
    assert "tel:+31611957605" in hrefs


def test_the_seats_table_shows_computed_and_stated_totals() -> None:
    import html5lib

    event = with_seat_counts(confdocs.load_event(HAGUE))
    page = confdocs.build(event, ["html"]).documents[0].data.decode()
    tree = html5lib.parse(page, namespaceHTMLElements=False)
    rows = {
        normalise(" ".join(r.find("th").itertext())): [td.text or "" for td in r.findall("td")]  # type: ignore[union-attr]
        for r in tree.iterfind(".//table[@class='seats']/tbody/tr")
    }
    assert rows["Delegation seats"] == ["38", "76"]
    assert rows["Organisation seats"] == ["", "43"]
    assert rows["Total"] == ["", "119"]
    assert rows["Stated total"] == ["", "≈ 120"]


def test_an_outline_sent_out_has_no_seats_table(tree: ElementTree.Element) -> None:
    assert tree.find(".//table[@class='seats']") is None
    text = normalise("".join(tree.itertext()))
    assert "That is, approximately 120 participants in total." in text
    assert "Total: 119" not in text and "Delegation seats" not in text


def test_a_user_template_is_autoescaped(tmp_path: Path) -> None:
    template = tmp_path / "mine.html.j2"
    template.write_text("<h1>{{ title }}</h1>{{ '<script>x</script>' }}{{ organised_by|rich }}")
    event = confdocs.load_event(HAGUE)
    data = confdocs.build(event, ["html"], {"template": str(template)}).documents[0].data.decode()
    assert "&lt;script&gt;" in data and "<script>" not in data
    assert "<strong>Jointly organised" in data


# -- in a browser ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def chromium_output(built: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    chromium = require_tool("chromium")
    require_tool("pdftotext")
    work = tmp_path_factory.mktemp("chromium")
    shot, pdf = work / "page.png", work / "page.pdf"
    url = built.resolve().as_uri()
    for output in (
        ["--screenshot=" + str(shot), "--window-size=1280,1600"],
        ["--print-to-pdf=" + str(pdf), "--no-pdf-header-footer"],
    ):
        subprocess.run(
            [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={work / 'profile'}", *output, url],
            capture_output=True,
            timeout=180,
            check=False,
        )
    return {"screenshot": shot, "pdf": pdf, "work": work}


def _pdf_text(pdf: Path, *pages: str) -> str:
    result = subprocess.run(
        ["pdftotext", "-layout", *pages, str(pdf), "-"], capture_output=True, text=True, check=True
    )
    return result.stdout


def test_chromium_takes_a_screenshot(chromium_output: dict[str, Path]) -> None:
    data = chromium_output["screenshot"].read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 20_000


def test_the_printed_pdf_holds_the_programme(chromium_output: dict[str, Path]) -> None:
    pdf = chromium_output["pdf"]
    assert pdf.read_bytes().startswith(b"%PDF")
    text = normalise(_pdf_text(pdf))
    view = confdocs.make_view(confdocs.load_event(HAGUE))
    for day in view.programme:
        assert day.date_text in text
        for slot in day.slots:
            assert slot.time in text
            # Long titles wrap in the table cell: check their first words.
            assert normalise(" ".join(slot.heading.split()[:4])) in text, slot.heading
    assert "Daniela BURUIANA" in text and "+31 6 119 57 605" in text


def test_the_programme_starts_a_new_page(chromium_output: dict[str, Path]) -> None:
    pdf = chromium_output["pdf"]
    pages = _pdf_text(pdf).split("\f")
    starts = [i for i, page in enumerate(pages) if page.strip().startswith("Programme")]
    assert len(starts) == 1 and starts[0] > 0
    assert "Location and other arrangements" not in pages[starts[0]]
