"""Word refuses a paragraph inside a paragraph, a run inside a run and markup inside text:
the exporter's check after rendering finds each, in a user's template or a document's part,
and lets a text box (paragraphs inside a run, as Word allows) through."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from confdocs_docx.checks import BrokenDocument, document_text

from confdocs.cli import cli
from tests.conftest import HAGUE

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"


def _package(body: str) -> bytes:
    xml = (
        f'<w:document xmlns:w="{W}" xmlns:wps="{WPS}"><w:body>{body}</w:body></w:document>'
    ).encode()
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr("word/document.xml", xml)
    return data.getvalue()


def _p(inner: str) -> str:
    return f"<w:p>{inner}</w:p>"


def _r(inner: str) -> str:
    return f"<w:r>{inner}</w:r>"


def _t(text: str) -> str:
    return f"<w:t>{text}</w:t>"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (_p(_r(_t("outer")) + _p(_r(_t("inner")))), "a w:p ('inner') sits inside another w:p"),
        (_p(_r(_r(_t("inner")))), "a w:r ('inner') sits inside another w:r"),
        (_p(_r(f"<w:t>before{_p(_r(_t('x')))}</w:t>")), "holds Word markup"),
        # Deep in a table, the first paragraphs and runs well placed.
        (
            _p(_r(_t("fine")))
            + "<w:tbl><w:tr><w:tc>"
            + _p(_r(_t("cell")))
            + _p(_r(_t("a")) + "<w:hyperlink>" + _r(_r(_t("linked"))) + "</w:hyperlink>")
            + "</w:tc></w:tr></w:tbl>",
            "a w:r ('linked') sits inside another w:r",
        ),
    ],
)
def test_nesting_word_refuses_is_found(body: str, message: str) -> None:
    with pytest.raises(BrokenDocument, match=message.replace("(", r"\(").replace(")", r"\)")):
        document_text(_package(body))


def test_a_text_box_holds_paragraphs_inside_a_run() -> None:
    box = (
        "<w:drawing><wps:wsp><wps:txbx><w:txbxContent>"
        + _p(_r(_t("in the box")))
        + "</w:txbxContent></wps:txbx></wps:wsp></w:drawing>"
    )
    text = document_text(_package(_p(_r(_t("beside ") + box)) + _p(_r(_t("after")))))
    assert "in the box" in text and "after" in text


def test_paragraphs_put_in_a_run_by_a_template_are_refused(tmp_path: Path) -> None:
    """``{{r value.paragraphs }}`` replaces a run by paragraphs: refused, naming the fix."""
    template = docx.Document()
    template.add_paragraph("Background: ").add_run("{{r sections[0].body.paragraphs }}")
    path = tmp_path / "mine.docx"
    template.save(str(path))
    result = CliRunner().invoke(
        cli,
        ["build", str(HAGUE), "-f", "docx", "-o", str(tmp_path / "out"), "--template", str(path)],
    )
    assert result.exit_code == 2, result.output
    assert "sits inside another w:p" in result.output
    assert "{{p value.paragraphs }}" in result.output  # the placement hint
    assert not (tmp_path / "out" / "hague-2019.docx").exists()
