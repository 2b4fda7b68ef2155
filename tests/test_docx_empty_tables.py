"""A table of the Word outline that would show nothing is left out (the header's, for an
event without funders, implementers or logos); one with text, a logo or a tracked change
stays."""

from __future__ import annotations

import io
import shutil
from pathlib import Path
from typing import Any

import attrs
import docx

import confdocs
from tests.conftest import HAGUE, MINIMAL

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _tables(data: bytes) -> list[Any]:
    return list(docx.Document(io.BytesIO(data)).tables)


def _docx(event: Any, **options: Any) -> bytes:
    result = confdocs.build(event, ["docx"], options or None)
    assert not result.failures, result.failures
    return result.documents[0].data


def test_an_event_without_a_header_has_no_empty_header_table() -> None:
    tables = _tables(_docx(confdocs.load_event(MINIMAL)))
    assert len(tables) == 1  # the programme day's only
    assert tables[0].rows[0].cells[0].text.startswith("Tuesday")


def test_the_header_table_stays_with_its_funders_and_logos() -> None:
    event = confdocs.load_event(HAGUE)
    tables = _tables(_docx(event))
    assert "Funded by the European Union" in tables[0].rows[0].cells[0].text
    assert len(tables) == 6


def test_a_header_table_with_only_a_logo_stays() -> None:
    event = confdocs.load_event(HAGUE)
    header = attrs.evolve(
        event.header, funders=(), implementers=(), version=None, version_label=None
    )
    first = _tables(_docx(attrs.evolve(event, header=header)))[0]
    assert not "".join(first._tbl.xpath(".//w:t/text()")).strip()  # no text shown
    assert first._tbl.xpath(".//w:drawing")  # but the logos


def test_a_header_removed_since_the_last_version_shows_as_a_deletion(tmp_path: Path) -> None:
    """Tracked: the new version has no funders, implementers or logos, the old one had: the
    header's table stays, its lines deleted text."""
    from click.testing import CliRunner

    from confdocs.cli import cli

    for folder in ("catalog", "logos"):
        shutil.copytree(HAGUE.parent / folder, tmp_path / folder)
    text = HAGUE.read_text(encoding="utf-8")
    start, end = text.index("  funders:"), text.index("organised_by:")
    (tmp_path / "previous.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "event.yaml").write_text(
        text[:start] + "  version: 2019-09-30\n\n" + text[end:], encoding="utf-8"
    )
    result = CliRunner().invoke(
        cli,
        [
            "build", str(tmp_path / "event.yaml"), "-f", "docx", "-o", str(tmp_path / "out"),
            "--changes-since", str(tmp_path / "previous.yaml"),
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    first = _tables((tmp_path / "out" / "hague-2019.docx").read_bytes())[0]
    deleted = "".join(first._tbl.xpath(".//w:del//w:delText/text()"))
    assert "Funded by the European Union" in deleted
