"""Arabic (any complex script) is set at the size and weight the styles give Latin text.

Word sizes, emboldens and italicises a right-to-left or complex-script run with ``w:szCs``,
``w:bCs`` and ``w:iCs``, not ``w:sz``, ``w:b`` and ``w:i``: a style that sets one and not its
twin, or the two to different values, prints Arabic at another size (an Arabic certificate's
title at body size, a bilingual outline's Arabic title 26 pt beside the French 17 pt). Every
shipped template, and the documents made from them, must give both the same.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

import confdocs
from tests.conftest import ROOT

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#: Each Latin property and the complex-script one that must match it.
PAIRS = (("b", "bCs"), ("i", "iCs"), ("sz", "szCs"))
TEMPLATES = sorted((ROOT / "plugins").glob("*/templates/*.docx"))
TUNIS = ROOT / "examples" / "tunis-2025" / "event.yaml"


def value(rpr: Any, name: str) -> str | None:
    """A property's value as Word reads it: None when the run properties do not set it; a
    toggle (b, i) is "1" or "0" whatever spelling it has."""
    found = rpr.find(f"{{{W}}}{name}")
    if found is None:
        return None
    given = found.get(f"{{{W}}}val")
    if name == "sz" or name == "szCs":
        return given
    return "0" if given in ("0", "false", "off") else "1"


def owner(rpr: Any) -> str:
    """Where run properties stand: the style (and the table part) or the document's defaults."""
    names = []
    for parent in rpr.iterancestors():
        if parent.tag == f"{{{W}}}style":
            names.append(f"style {parent.get(f'{{{W}}}styleId')}")
        elif parent.tag == f"{{{W}}}tblStylePr":
            names.append(f"its {parent.get(f'{{{W}}}type')} part")
        elif parent.tag == f"{{{W}}}docDefaults":
            names.append("the document defaults")
    return ", ".join(reversed(names)) or "a run"


def mismatches(data: bytes, part: str = "word/styles.xml") -> Iterator[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = etree.fromstring(archive.read(part))
    for rpr in root.iter(f"{{{W}}}rPr"):
        for latin, complex_script in PAIRS:
            a, b = value(rpr, latin), value(rpr, complex_script)
            if a != b:
                yield f"{owner(rpr)}: {latin}={a} but {complex_script}={b}"


def parts(data: bytes) -> list[str]:
    """The package's parts that hold run properties: styles, the body, headers, footers,
    footnotes."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [
            name
            for name in archive.namelist()
            if name.startswith("word/") and name.endswith(".xml") and name.count("/") == 1
        ]


def test_there_are_templates_to_read() -> None:
    names = {path.name for path in TEMPLATES}
    assert {"outline.docx", "bilingual.docx", "certificates.docx", "letters.docx"} <= names


@pytest.mark.parametrize("template", TEMPLATES, ids=[p.name for p in TEMPLATES])
def test_every_style_sizes_complex_script_as_latin(template: Path) -> None:
    """styles.xml: each style (and the document defaults) that sets a size, bold or italic
    sets its complex-script twin to the same."""
    found = list(mismatches(template.read_bytes()))
    assert not found, f"{template.name}: {found}"


@pytest.mark.parametrize("template", TEMPLATES, ids=[p.name for p in TEMPLATES])
def test_every_run_sizes_complex_script_as_latin(template: Path) -> None:
    """The same for the formatting the templates give runs directly (a signatory's bold name)."""
    data = template.read_bytes()
    found = [f"{part}: {m}" for part in parts(data) for m in mismatches(data, part)]
    assert not found, f"{template.name}: {found}"


def sizes(data: bytes, style_id: str) -> dict[str, str | None]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = etree.fromstring(archive.read("word/styles.xml"))
    [style] = [s for s in root.iter(f"{{{W}}}style") if s.get(f"{{{W}}}styleId") == style_id]
    rpr = style.find(f"{{{W}}}rPr")
    return {name: value(rpr, name) for pair in PAIRS for name in pair}


def arabic_attendees(folder: Path) -> Path:
    """The Tunis registrations, each in Arabic and there on the first day."""
    with (TUNIS.parent / "registrations.csv").open(encoding="utf-8", newline="") as source:
        rows = list(csv.DictReader(source))
    path = folder / "registrations.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, [*rows[0], "language", "attended"])
        writer.writeheader()
        for row in rows:
            writer.writerow({**row, "language": "ar", "attended": "2025-11-18"})
    return path


def test_an_arabic_certificate_and_outline_are_set_as_a_latin_one(tmp_path: Path) -> None:
    """The documents a user gets: the Arabic certificates' title, name and text, and the
    bilingual outline's title and headings, are as large and as bold in Arabic as in French."""
    event = confdocs.load_event(TUNIS)
    registrations = confdocs.load_registrations(arabic_attendees(tmp_path))
    result = confdocs.build(event, ["certificates"], {"locale": "ar"}, registrations=registrations)
    assert result.ok, result.failures
    [certificates] = result.documents
    title = sizes(certificates.data, "CertificateTitle")
    assert title == {"b": "1", "bCs": "1", "i": None, "iCs": None, "sz": "56", "szCs": "56"}
    name = sizes(certificates.data, "CertificateName")
    assert (name["sz"], name["szCs"], name["bCs"]) == ("44", "44", "1")
    text = sizes(certificates.data, "CertificateText")
    assert (text["sz"], text["szCs"]) == ("26", "26")
    result = confdocs.build(event, ["docx"], {"locale": "fr+ar"})
    assert result.ok, result.failures
    [outline] = result.documents
    for style_id, size in (("Title", "34"), ("Heading1", "26"), ("Heading2", "22")):
        got = sizes(outline.data, style_id)
        assert (got["sz"], got["szCs"]) == (size, size), style_id
        assert got["b"] == got["bCs"] == "1", style_id
