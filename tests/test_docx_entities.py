"""Entity references in a user's Word template: a character reference (``&#160;``) is XML and is
kept, the character it names; a named entity XML does not define (``&nbsp;``, ``&eacute;``), or
one a DTD of the part defines, which Word does not read, is the template's mistake, named with
its part and paragraph, whichever part holds it; an ``&`` typed in Word inside a tag is the
``&`` the user typed."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from confdocs_docx.checks import document_text

import confdocs
from confdocs.cli import cli
from tests.conftest import HAGUE, MINIMAL

FOOTNOTES = "word/footnotes.xml"


def made_in_word(*paragraphs: str, header: str = "HEADER") -> bytes:
    """A template as python-docx writes it (as Word would): each text one run."""
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph().add_run(text)
    document.sections[0].header.paragraphs[0].add_run(header)
    data = io.BytesIO()
    document.save(data)
    return data.getvalue()


def edited(data: bytes, part: str, old: bytes, new: bytes) -> bytes:
    """``data`` (a .docx) with ``old`` replaced by ``new`` in the XML of ``part``: what a hand
    edit of the archive, or a tool writing its own XML, makes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            xml = source.read(item)
            if item.filename == part:
                assert old in xml, (part, old)
                xml = xml.replace(old, new, 1)
            target.writestr(item, xml)
    return out.getvalue()


def header_part(data: bytes) -> str:
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    return next(n for n in names if n.startswith("word/header") and n.endswith(".xml"))


def build(tmp_path: Path, template: bytes, event: Path = MINIMAL) -> object:
    path = tmp_path / "mine.docx"
    path.write_bytes(template)
    out = tmp_path / "out"
    return CliRunner().invoke(
        cli, ["build", str(event), "-f", "docx", "--template", str(path), "-o", str(out)]
    )


def rendered(tmp_path: Path, template: bytes) -> str:
    path = tmp_path / "mine.docx"
    path.write_bytes(template)
    result = confdocs.build(confdocs.load_event(MINIMAL), ["docx"], {"template": str(path)})
    assert result.ok, result.failures
    return document_text(result.documents[0].data)


def refused(tmp_path: Path, template: bytes, event: Path = MINIMAL) -> str:
    """The problem the build says, placed in the template, exiting 2 with nothing written."""
    result = build(tmp_path, template, event)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()
    line, summary = result.stderr.splitlines()
    assert summary == "confdocs: 1 problem in the input; nothing was written"
    prefix = f"{tmp_path / 'mine.docx'}: "
    assert line.startswith(prefix), line
    return line[len(prefix) :]


def test_an_undefined_entity_in_a_paragraph_is_named_with_its_paragraph_and_the_fix(
    tmp_path: Path,
) -> None:
    template = edited(
        made_in_word("{{ title }}", "Tom NBSP Jerry"),
        "word/document.xml",
        b"Tom NBSP Jerry",
        b"Tom&nbsp;Jerry",
    )
    line = refused(tmp_path, template)
    assert line == (
        "word/document.xml: paragraph 'Tom&nbsp;Jerry': Word cannot read the entity reference "
        "&nbsp; (XML defines only &amp; &lt; &gt; &quot; &apos;, and Word reads no DTD); write "
        "the character itself (U+00A0 NO-BREAK SPACE) or the character reference &#160;"
    )


def test_an_entity_beside_a_tag_names_the_tags_paragraph(tmp_path: Path) -> None:
    template = edited(
        made_in_word("{{ title }} EACUTE"), "word/document.xml", b"}} EACUTE", b"}} caf&eacute;"
    )
    line = refused(tmp_path, template)
    assert line.startswith(
        "word/document.xml: paragraph '{{ title }} caf&eacute;': Word cannot read the entity "
        "reference &eacute; "
    )
    assert line.endswith(
        "(U+00E9 LATIN SMALL LETTER E WITH ACUTE) or the character reference &#233;"
    )


def test_an_entity_in_a_page_header_names_the_header(tmp_path: Path) -> None:
    word = made_in_word("{{ title }}", header="Draft ENTITY")
    template = edited(word, header_part(word), b"Draft ENTITY", b"Draft&mdash;internal")
    line = refused(tmp_path, template)
    assert line.startswith(f"{header_part(word)}: paragraph 'Draft&mdash;internal': Word cannot")
    assert line.endswith("(U+2014 EM DASH) or the character reference &#8212;")


def test_an_entity_in_the_footnotes_is_the_templates_mistake_not_the_plugins(
    tmp_path: Path,
) -> None:
    """The footnotes part is laid out after rendering: its entity failed the docx plugin
    (exit 1) where the Hague's notes are placed."""
    from confdocs_docx.exporter import default_template_bytes

    template = edited(
        default_template_bytes(),
        FOOTNOTES,
        b"<w:separator/></w:r>",
        b"<w:separator/></w:r><w:r><w:t>see&nbsp;below</w:t></w:r>",
    )
    line = refused(tmp_path, template, HAGUE)
    assert line.startswith(f"{FOOTNOTES}: paragraph 'see&nbsp;below': Word cannot read the entity")


def test_a_name_html_does_not_know_still_says_what_to_write(tmp_path: Path) -> None:
    template = edited(made_in_word("x"), "word/document.xml", b">x<", b">&logo;<")
    line = refused(tmp_path, template)
    assert line.startswith("word/document.xml: paragraph '&logo;': Word cannot read the entity")
    assert line.endswith("; write the character itself or a character reference (&#…;)")


def test_an_entity_a_dtd_defines_is_refused_too(tmp_path: Path) -> None:
    """python-docx keeps such a reference as an entity node, no text; Word refuses a DTD."""
    word = edited(made_in_word("ENTITY"), "word/document.xml", b"ENTITY", b"caf&eacute;")
    template = edited(
        word, "word/document.xml", b"?>", b'?><!DOCTYPE w:document [<!ENTITY eacute "&#233;">]>'
    )
    line = refused(tmp_path, template)
    assert line.startswith("word/document.xml: paragraph 'caf&eacute;': Word cannot read the")


def test_an_entity_outside_a_paragraph_gives_its_line_and_column(tmp_path: Path) -> None:
    template = edited(
        made_in_word("x"),
        "docProps/core.xml",
        b"</cp:coreProperties>",
        b"<dc:description>&copy; 2025</dc:description></cp:coreProperties>",
    )
    line = refused(tmp_path, template)
    assert line.startswith("docProps/core.xml: line 2, column ")
    assert ": Word cannot read the entity reference &copy; (" in line


@pytest.mark.parametrize("where", ["document", "header"])
def test_character_references_are_kept_as_the_characters_they_name(
    tmp_path: Path, where: str
) -> None:
    word = made_in_word("{{ title }}", "REFS", header="REFS")
    part = "word/document.xml" if where == "document" else header_part(word)
    template = edited(word, part, b"REFS", b"caf&#xE9;&#160;&#8212;&#x1F600;")
    assert "caf\u00e9\u00a0\u2014\U0001f600" in rendered(tmp_path, template)


def test_a_comment_mentioning_an_entity_is_no_reference(tmp_path: Path) -> None:
    template = edited(
        made_in_word("{{ title }}"),
        "word/document.xml",
        b"<w:body>",
        b"<!-- a space: &nbsp; --><w:body>",
    )
    assert "Workshop" in rendered(tmp_path, template)


def test_a_damaged_part_is_still_said_as_a_file_that_is_not_a_docx(tmp_path: Path) -> None:
    stored = io.BytesIO()
    source = zipfile.ZipFile(io.BytesIO(made_in_word("{{ title }} ENTITY")))
    with zipfile.ZipFile(stored, "w", zipfile.ZIP_STORED) as target:
        for item in source.infolist():
            target.writestr(item.filename, source.read(item))
    damaged = stored.getvalue().replace(b"ENTITY", b"ENT&TY", 1)  # its CRC no longer matches
    line = refused(tmp_path, damaged)
    assert line.startswith("is not a Word .docx file (BadZipFile: Bad CRC-32"), line


def test_what_is_typed_in_word_is_shown_as_typed(tmp_path: Path) -> None:
    """Word stores a typed ``&`` as ``&amp;``: outside a tag it is text; inside a tag's string
    Jinja got ``&amp;`` and the reader read "R&amp;D"."""
    template = made_in_word(
        "Typed: &nbsp; and R&D",
        "{{ 'R&D' }} | {{ title ~ ' & co' }} | {{ '&nbsp;' }} | {{ '&amp;' }} | {{ '<&lt;>' }}",
        "{% if 'A&B' == 'A' ~ '&' ~ 'B' %}joined{% endif %}",
    )
    text = rendered(tmp_path, template)
    assert "Typed: &nbsp; and R&D" in text
    assert "R&D | Workshop on electronic evidence & co | &nbsp; | &amp; | <&lt;>" in text
    assert "joined" in text
