"""Logos: image files named by the event, checked at load with their line, placed in the Word
header and title block and embedded in the HTML page, with their alt text."""

from __future__ import annotations

import base64
import io
import shutil
import struct
import subprocess
import zipfile
import zlib
from pathlib import Path

import html5lib
import pytest

import confdocs
from tests.conftest import HAGUE, confdocs_cli, require_tool
from tests.strategies import tiny_png

LOGOS = HAGUE.parent / "logos"


@pytest.fixture(scope="module")
def hague() -> confdocs.model.Event:
    return confdocs.load_event(HAGUE)


def test_the_hague_example_names_its_logos(hague: confdocs.model.Event) -> None:
    view = confdocs.make_view(hague)
    assert [x.alt for x in view.header.funder_logos] == [
        "European Union (placeholder logo)",
        "Council of Europe (placeholder logo)",
    ]
    assert [x.alt for x in view.header.implementer_logos] == ["Council of Europe (placeholder logo)"]
    # The organisers' logos, in the order the event lists its organisers.
    assert [x.organisation for x in view.organiser_logos] == [
        "Eurojust",
        "GLACY+ joint project of the Council of Europe and the European Union",
    ]
    logo = view.organiser_logos[0]
    assert (logo.media_type, logo.width, logo.height) == ("image/png", 240, 144)
    assert logo.data == (LOGOS / "eurojust.png").read_bytes()
    # A catalog's logo is relative to the catalog; once loaded, to the event file.
    assert hague.organisation("eurojust").logo.file == "logos/eurojust.png"  # type: ignore[union-attr]


def test_the_page_embeds_them(hague: confdocs.model.Event) -> None:
    page = confdocs.build(hague, ["html"]).documents[0].data.decode()
    tree = html5lib.parse(page, namespaceHTMLElements=False)
    images = list(tree.iter("img"))
    assert len(images) == 5
    for image in images:
        src = image.get("src") or ""
        assert src.startswith("data:image/png;base64,")  # one self-contained file
        assert image.get("alt", "").endswith("(placeholder logo)")
        data = base64.b64decode(src.split(",", 1)[1])
        assert data in {p.read_bytes() for p in LOGOS.iterdir()}
    assert tree.find(".//header[@class='masthead']//img") is not None
    assert tree.find(".//header[@class='title-block']//img") is not None


def test_word_places_them_with_their_alt_text(hague: confdocs.model.Event, tmp_path: Path) -> None:
    data = confdocs.build(hague, ["docx"]).documents[0].data
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        media = [n for n in archive.namelist() if n.startswith("word/media/")]
        document = archive.read("word/document.xml").decode()
    assert len(media) == 5  # python-docx stores each image once
    for alt in ("European Union (placeholder logo)", "Eurojust (placeholder logo)"):
        assert f'descr="{alt}"' in document
    # The funders' row fits its cell: two logos 12 mm high, and the gap, well within 9.6 cm.
    import docx

    shapes = docx.Document(io.BytesIO(data)).inline_shapes
    assert len(shapes) == 5
    assert {round(s.height.mm) for s in shapes} == {12, 14}
    funders = [s for s in shapes if round(s.height.mm) == 12][:2]
    assert sum(s.width.cm for s in funders) < 9.6


def test_the_pdf_through_libreoffice_shows_them_and_one_funders_line(
    hague: confdocs.model.Event, tmp_path: Path
) -> None:
    soffice = require_tool("soffice")
    require_tool("pdfimages")
    (tmp_path / "hague.docx").write_bytes(confdocs.build(hague, ["docx"]).documents[0].data)
    subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
         str(tmp_path / "hague.docx")],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    pdf = tmp_path / "hague.pdf"
    listed = subprocess.run(["pdfimages", "-list", "-f", "1", "-l", "1", str(pdf)],
                            capture_output=True, text=True, check=True).stdout  # fmt: skip
    assert len(listed.strip().splitlines()) - 2 == 5
    text = subprocess.run(["pdftotext", "-layout", "-l", "1", str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout  # fmt: skip
    assert any("Funded by the European Union and the Council of Europe" in line
               for line in text.splitlines())  # fmt: skip


# -- what the loader refuses --------------------------------------------------------------------


def event_with_logo(tmp_path: Path, file: str, alt: str = "A logo") -> Path:
    path = tmp_path / "event.yaml"
    path.write_text(
        "id: logos\ntitle: Logos\nstart: 2024-03-12\nend: 2024-03-12\n"
        "header:\n  funders: [Funded by us]\n  funder_logos:\n"
        f"    - {{file: {file}, alt: {alt!r}}}\n",
        "utf-8",
    )
    return path


def refusal(tmp_path: Path, file: str, data: bytes | None, alt: str = "A logo") -> str:
    if data is not None:
        (tmp_path / file).write_bytes(data)
    path = event_with_logo(tmp_path, file, alt)
    result = confdocs_cli("build", str(path), "-f", "md", "-o", str(tmp_path / "out"))
    assert result.returncode == 2, result.stdout
    assert "Traceback" not in result.stderr
    line, summary = result.stderr.strip().splitlines()
    assert summary.endswith("nothing was written")
    return line


def png_chunk(kind: bytes, body: bytes) -> bytes:
    crc = struct.pack(">I", zlib.crc32(kind + body))
    return struct.pack(">I", len(body)) + kind + body + crc


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("missing.png", None, "logo 'missing.png' no such file"),
        ("text.png", b"not an image at all", "is not a PNG or JPEG image"),
        ("cut.png", tiny_png()[:40], "is a truncated PNG image"),
        ("crc.png", tiny_png()[:-5] + b"\x00" + tiny_png()[-4:], "is a corrupt PNG image"),
        ("pixels.png", b"\x89PNG\r\n\x1a\n"
         + png_chunk(b"IHDR", struct.pack(">IIBBBBB", 3, 2, 8, 2, 0, 0, 0))
         + png_chunk(b"IDAT", b"\xff" * 12) + png_chunk(b"IEND", b""),
         "is a corrupt PNG image (its pixels)"),
        ("wide.png", b"\x89PNG\r\n\x1a\n"
         + png_chunk(b"IHDR", struct.pack(">IIBBBBB", 5000, 1, 8, 2, 0, 0, 0))
         + png_chunk(b"IDAT", zlib.compress(b"\x00" + b"\x00" * 15000))
         + png_chunk(b"IEND", b""), "is 5000 × 1 pixels"),
        ("nojpeg.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "truncated JPEG"),
    ],
)  # fmt: skip
def test_a_bad_logo_is_an_input_error_at_its_line(
    tmp_path: Path, name: str, data: bytes | None, says: str
) -> None:
    line = refusal(tmp_path, name, data)
    assert line.startswith(f"{tmp_path / 'event.yaml'}:8:")
    assert "header.funder_logos[0].file: " in line
    assert says in line


def test_a_logo_needs_its_alt_text(tmp_path: Path) -> None:
    line = refusal(tmp_path, "logo.png", tiny_png(), alt=" ")
    assert "header.funder_logos[0].alt: a logo needs its alt text" in line


def test_a_logo_outside_the_event_folder_is_refused(tmp_path: Path) -> None:
    inner = tmp_path / "event"
    inner.mkdir()
    (tmp_path / "outside.png").write_bytes(tiny_png())
    line = refusal(inner, "../outside.png", None)
    assert "leaves the event's folder" in line


def test_a_logo_too_large_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONFDOCS_MAX_IMAGE_BYTES", "50")
    line = refusal(tmp_path, "big.png", tiny_png() + b"\x00" * 40)
    assert "is 111 bytes; a logo may have 50 at most" in line


def test_a_jpeg_logo_is_read(tmp_path: Path) -> None:
    frame = b"\xff\xc0\x00\x11\x08" + struct.pack(">HH", 30, 40) + b"\x03" + b"\x00" * 9
    jpeg = b"\xff\xd8" + b"\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 9 + frame + b"\xff\xd9"
    (tmp_path / "logo.jpg").write_bytes(jpeg)
    event = confdocs.load_event(event_with_logo(tmp_path, "logo.jpg"))
    image = event.header.funder_logos[0].image
    assert image is not None and (image.media_type, image.width, image.height) == (
        "image/jpeg", 40, 30
    )  # fmt: skip


def test_an_event_copied_without_its_logos_says_which(tmp_path: Path) -> None:
    shutil.copytree(HAGUE.parent, tmp_path / "hague", ignore=shutil.ignore_patterns("logos"))
    result = confdocs_cli("check", str(tmp_path / "hague" / "event.yaml"))
    assert result.returncode == 2
    assert result.stderr.count("no such file") == 5
    assert "catalog/organisations.yaml:" in result.stderr  # the catalog's own line


def _png(width: int, height: int, depth: int, colour: int, data: bytes, idats: int = 1) -> bytes:
    header = struct.pack(">IIBBBBB", width, height, depth, colour, 0, 0, 0)
    packed = zlib.compress(data)
    step = -(-len(packed) // idats)
    chunks = [packed[i : i + step] for i in range(0, len(packed), step)]
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + b"".join(png_chunk(b"IDAT", c) for c in chunks)
        + png_chunk(b"IEND", b"")
    )


@pytest.mark.parametrize(
    ("depth", "colour", "row_bytes"),
    [
        (16, 6, 8 * 4096),  # 16-bit RGBA: 8 bytes a pixel (refused as "truncated" once)
        (8, 6, 4 * 4096),
        (8, 2, 3 * 4096),
        (1, 0, 512),  # one bit a pixel
    ],
)
def test_a_large_logo_of_any_pixel_format_is_read_in_bounded_steps(
    depth: int, colour: int, row_bytes: int
) -> None:
    from confdocs.loading.images import image_of

    rows = (b"\x00" + b"\x7f" * row_bytes) * 64
    image = image_of(_png(4096, 64, depth, colour, rows, idats=7))
    assert (image.width, image.height) == (4096, 64)


def test_pixels_beyond_or_short_of_the_header_s_size_are_refused() -> None:
    from confdocs.loading.images import ImageProblem, image_of

    row = b"\x00" + b"\x00" * 12
    with pytest.raises(ImageProblem, match="more pixels than its size holds"):
        image_of(_png(3, 4, 8, 6, row * 400))  # a small header over a large stream
    with pytest.raises(ImageProblem, match="its pixels end early"):
        image_of(_png(3, 4, 8, 6, row * 3))


def test_every_drawing_of_the_word_outline_has_its_own_id(hague: confdocs.model.Event) -> None:
    """Word repairs a document whose drawings share an id (``wp:docPr``): the logos of the
    header, the title block and the organisers are numbered in the order they come."""
    from lxml import etree

    data = confdocs.build(hague, ["docx"]).documents[0].data
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    wp = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
    ids = [int(e.get("id")) for e in root.iter(f"{{{wp}}}docPr")]
    assert len(ids) >= 5  # three in the header block, two organisers'
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
