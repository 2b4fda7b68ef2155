"""A programme day starts on the page that holds its heading, its table's head and its first
two slots, in the Word outline (as LibreOffice lays it out) and in the PDF.

Both keep a table's head with one row, no more: a day could start at the foot of a page with
its heading, its head and one slot, and the rest of the day overleaf. The outlines here have a
first day of 17 to 27 one-line slots and a second day of six. Each slot more on the first day
moves the second day's start down page 1 by one row, over the page's foot, so that one of them
has just room below the first day for the second day's heading and first slot: the outline
that showed the orphaned heading (in Word with 21 slots, in the PDF with 23). Read as a reader
sees them: each page's text, from pdftotext.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import zipfile
from typing import Any

import pytest
from lxml import etree

import confdocs
from tests.conftest import pdf_page_texts, require_tool

#: How many slots the first day has, outline by outline: enough to cross the foot of page 1.
FIRST_DAY = range(17, 28)
SECOND_DAY = 6
START = dt.date(2025, 3, 10)


def outline(first_day: int) -> str:
    """An event whose first day has ``first_day`` slots and whose second has six, a quarter of
    an hour each, every title one line ("Session 2.01": the day, then the slot)."""
    lines = [
        f"id: day-starts-{first_day}",
        "title: Workshop on electronic evidence",
        f"start: {START}",
        f"end: {START + dt.timedelta(days=1)}",
        'settings: {locale: en_GB, timezone: Europe/Paris, time_format: "HH:mm"}',
        "programme:",
        "  days:",
    ]
    for day, slots in enumerate((first_day, SECOND_DAY), 1):
        lines += [f"    - date: {START + dt.timedelta(days=day - 1)}", "      slots:"]
        for slot in range(slots + 1):
            hours, minutes = divmod(8 * 60 + 15 * slot, 60)
            at = f"'{hours:02d}:{minutes:02d}'"
            if slot < slots:
                lines.append(f"        - {{start: {at}, title: Session {day}.{slot + 1:02d}}}")
            else:  # the last slot's end
                lines[-1] = lines[-1][:-1] + f", end: {at}}}"
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def events(tmp_path_factory: pytest.TempPathFactory) -> list[Any]:
    folder = tmp_path_factory.mktemp("events")
    made = []
    for first_day in FIRST_DAY:
        path = folder / f"day-starts-{first_day}.yaml"
        path.write_text(outline(first_day), "utf-8")
        made.append(confdocs.load_event(path))
    return made


def built(events: list[Any], format: str) -> list[bytes]:
    out = []
    for event in events:
        [doc] = confdocs.build(event, [format]).documents
        out.append(doc.data)
    return out


@pytest.fixture(scope="module")
def docx(events: list[Any]) -> list[bytes]:
    return built(events, "docx")


@pytest.fixture(scope="module")
def word(docx: list[bytes], tmp_path_factory: pytest.TempPathFactory) -> list[list[str]]:
    """Each outline's pages, the .docx turned into a PDF by LibreOffice (all in one run)."""
    soffice = require_tool("soffice")
    folder = tmp_path_factory.mktemp("word")
    sources = []
    for first_day, data in zip(FIRST_DAY, docx, strict=True):
        sources.append(folder / f"day-starts-{first_day}.docx")
        sources[-1].write_bytes(data)
    done = subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(folder), *map(str, sources)],
        capture_output=True,
        text=True,
        env={**os.environ, "HOME": str(tmp_path_factory.mktemp("home"))},
        timeout=240,
    )
    pdfs = [source.with_suffix(".pdf") for source in sources]
    assert all(pdf.is_file() for pdf in pdfs), done.stdout + done.stderr
    return [pdf_page_texts(pdf.read_bytes(), folder, pdf.name) for pdf in pdfs]


@pytest.fixture(scope="module")
def pdf(events: list[Any], tmp_path_factory: pytest.TempPathFactory) -> list[list[str]]:
    """Each outline's pages, the PDF as Typst made it."""
    folder = tmp_path_factory.mktemp("pdf")
    return [
        pdf_page_texts(data, folder, f"day-starts-{first_day}.pdf")
        for first_day, data in zip(FIRST_DAY, built(events, "pdf"), strict=True)
    ]


@pytest.fixture(scope="module")
def shown(events: list[Any]) -> dict[str, str]:
    """What the second day's heading and the table's head say."""
    view = confdocs.make_view(events[0])
    heading = "".join(span.text for span in view.programme[1].heading.spans)
    return {"heading": heading, "time": view.labels["time"], "content": view.labels["content"]}


def first_page(pages: list[str], text: str) -> int:
    """The number (from 0) of the first page showing ``text``."""
    return next(n for n, page in enumerate(pages) if text in page)


FORMATS = ["word", "pdf"]


@pytest.mark.parametrize("format", FORMATS)
def test_a_day_starts_with_its_first_two_slots(
    format: str, shown: dict[str, str], request: pytest.FixtureRequest
) -> None:
    outlines: list[list[str]] = request.getfixturevalue(format)
    for first_day, pages in zip(FIRST_DAY, outlines, strict=True):
        heading = first_page(pages, shown["heading"])
        slots = [first_page(pages, f"Session 2.{n:02d}") for n in (1, 2)]
        assert slots == [heading, heading], (
            f"{format}, {first_day} slots on day 1: day 2's heading is on page {heading + 1},"
            f" its first two slots on pages {slots[0] + 1} and {slots[1] + 1}"
        )
    # The outlines tried cross the foot of page 1: the second day starts on page 1 in some,
    # page 2 in others (so one of them had room for its heading and first slot alone).
    assert {first_page(pages, shown["heading"]) for pages in outlines} == {0, 1}


@pytest.mark.parametrize("format", FORMATS)
def test_the_rest_of_a_day_still_runs_overleaf_under_its_head(
    format: str, shown: dict[str, str], request: pytest.FixtureRequest
) -> None:
    """A day whose start fits the page's foot is not moved whole: its slots after the first
    two go on to the next page, under the table's head repeated."""
    outlines: list[list[str]] = request.getfixturevalue(format)
    split = [
        pages
        for pages in outlines
        if first_page(pages, "Session 2.02") == 0
        and first_page(pages, f"Session 2.{SECOND_DAY:02d}") == 1
    ]
    assert split
    for pages in split:
        assert shown["time"] in pages[1] and shown["content"] in pages[1]


def test_word_keeps_the_head_and_first_slot_with_the_next_row_and_no_more(
    docx: list[bytes],
) -> None:
    """What Word reads (there is no Word here to lay it out): in each day's table, every
    paragraph of the two head rows and of the first slot's row keeps with the next, its
    ``w:keepNext`` where the schema puts it (after the style); no later row keeps, so a day
    still runs across pages."""
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(io.BytesIO(docx[0])) as package:
        body = etree.fromstring(package.read("word/document.xml")).find(f"{w}body")
    days = [
        t for t in body.iterchildren(f"{w}tbl") if t.find(f"{w}tr/{w}trPr/{w}tblHeader") is not None
    ]
    assert [len(t.findall(f"{w}tr")) for t in days] == [2 + FIRST_DAY[0], 2 + SECOND_DAY]
    for table in days:
        rows = table.findall(f"{w}tr")
        for n, row in enumerate(rows):
            for paragraph in row.iter(f"{w}p"):
                props = [e.tag for e in paragraph.find(f"{w}pPr")]
                assert (f"{w}keepNext" in props) == (n < 3), (n, props)
                if n < 3:
                    assert props[:2] == [f"{w}pStyle", f"{w}keepNext"], props
