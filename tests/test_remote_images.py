"""An image in an event's Markdown is shown by its description in every format.

A document is one self-contained file: an image it fetched would break that, and a remote one
works as a tracking pixel (whoever opens the outline tells the image's server). So
``![a map](https://example.org/map.png)`` is its words, "a map", in html, md, docx and pdf
alike; nothing in any document loads (or names) the image's address.
"""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

import confdocs
from tests.conftest import MINIMAL, require_tool

IMAGES = """
organised_by: "Organised by ![title pixel](https://evil.example/t.png)"
sections:
  - id: pictures
    title: Pictures
    body: |
      Before ![a *tracking* pixel](https://evil.example/x.png "a title") after.[^n]

      ![relative image](images/local.png), ![reference image][pix], ![](https://evil.example/e.png)
      and [![linked image](https://evil.example/l.png)](https://example.org/page).

      - ![listed image](http://evil.example/li.png)

      > ![quoted image](//evil.example/q.png)

      [pix]: https://evil.example/ref.png
notes:
  - id: n
    text: "Note ![note image](https://evil.example/n.png)"
"""

#: What each image becomes: its description.
WORDS = [
    "title pixel",
    "a tracking pixel",
    "relative image",
    "reference image",
    "linked image",
    "listed image",
    "quoted image",
    "note image",
]

#: Elements that load something, and attributes that name what they load.
LOADING = {
    "img", "image", "picture", "source", "video", "audio", "track", "iframe", "frame",
    "embed", "object", "link", "script", "input",
}  # fmt: skip
LOADING_ATTRIBUTES = {"src", "srcset", "poster", "data", "background", "xlink:href"}


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("event")
    event_file = folder / "event.yaml"
    event_file.write_text(MINIMAL.read_text(encoding="utf-8") + IMAGES, encoding="utf-8")
    event = confdocs.load_event(event_file)
    formats = ["html", "md", "docx", "pdf"]
    result = confdocs.build(event, formats)
    assert result.ok, result.failures
    return {d.format: d.data for d in result.documents}


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_html_loads_nothing(documents: dict[str, bytes]) -> None:
    import html5lib

    page = documents["html"].decode()
    tree = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(page)
    for element in tree.iter():
        assert element.tag not in LOADING, ElementTree.tostring(element)
        assert not LOADING_ATTRIBUTES & set(element.attrib), ElementTree.tostring(element)
        assert "url(" not in element.get("style", "")
        if element.tag == "style":
            assert "url(" not in (element.text or "") and "@import" not in (element.text or "")
    assert "evil" not in page
    body = _normalise("".join(tree.find("body").itertext()))  # type: ignore[union-attr]
    for words in WORDS:
        assert words in body
    # A link around an image stays a link, its words the image's description.
    (link,) = [a for a in tree.iter("a") if a.get("href") == "https://example.org/page"]
    assert "".join(link.itertext()) == "linked image"


def test_markdown_holds_no_image(documents: dict[str, bytes]) -> None:
    text = documents["md"].decode()
    assert "evil" not in text
    assert not re.search(r"(?<!\\)!\[", text), "a Markdown viewer would load it"
    plain = _normalise(text.replace("*", ""))
    for words in WORDS:
        assert words in plain
    assert "[linked image](<https://example.org/page>)" in text


def test_docx_holds_no_image(documents: dict[str, bytes]) -> None:
    with zipfile.ZipFile(io.BytesIO(documents["docx"])) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    assert not any(b"evil" in data for data in parts.values())
    assert not any(name.startswith("word/media/") for name in parts)
    body = _normalise(re.sub(r"<[^>]+>", "", parts["word/document.xml"].decode()))
    footnotes = parts.get("word/footnotes.xml", b"").decode()
    for words in WORDS:
        assert words in body or words in footnotes


def test_pdf_holds_no_image(documents: dict[str, bytes], tmp_path: Path) -> None:
    pdftotext = require_tool("pdftotext")
    data = documents["pdf"]
    assert b"evil" not in data
    path = tmp_path / "event.pdf"
    path.write_bytes(data)
    text = subprocess.run(
        [pdftotext, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    plain = _normalise(text)
    for words in WORDS:
        assert words in plain
