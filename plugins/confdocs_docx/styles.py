"""Style ids the exporter writes into generated paragraphs and runs.

The default template (``scripts/make_docx_template.py``) defines each of them; a user template
may define them too. Where a template lacks a style, Word and LibreOffice fall back to the
paragraph's defaults, and the exporter adds the formatting that matters (bold, superscript,
link colour) directly to the runs, so nothing depends on a style being present.
"""

from __future__ import annotations

#: Display names of the paragraph styles the exporter refers to, by role. Word identifies a
#: style by its id, which python-docx derives from the name by removing spaces.
PARAGRAPH_STYLES = {
    "body": "Body Text",
    "bullet": "List Bullet",
    "bullet2": "List Bullet 2",
    "numbered": "Numbered Item",
    "quote": "Quote",
    "code": "Code Block",
    "slot_title": "Slot Title",
    "slot_text": "Slot Text",
    "slot_bullet": "Slot Bullet",
    "slot_note": "Slot Note",
    "footnote": "Footnote Text",
}

CHARACTER_STYLES = {
    "footnote_ref": "Footnote Reference",
    "link": "Hyperlink",
    "code": "Code Char",
}

#: Table styles the exporter refers to in tables it makes (the templates' own tables name
#: theirs in the template).
TABLE_STYLES = {
    "bilingual": "Bilingual Table",
}


def style_id(name: str) -> str:
    """The id python-docx (and Word) gives a style named ``name``."""
    return name.replace(" ", "")


def paragraph_style(role: str) -> str:
    return style_id(PARAGRAPH_STYLES[role])


def character_style(role: str) -> str:
    return style_id(CHARACTER_STYLES[role])
