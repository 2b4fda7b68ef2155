"""Footnote references linked both ways: each reference has an id its note links back to."""

from __future__ import annotations

from markupsafe import Markup

__all__ = ["FootnoteLinks"]


class FootnoteLinks:
    """Hands out ids for footnote references in document order; notes link to the first.

    One per document (per language of a bilingual one, each with its ``prefix``): it is the
    rich-text renderer's ``env["footnote_ref"]`` and the template's ``note_ref``, so references
    in Markdown text and in the view's lines share one numbering of ids.
    """

    def __init__(self, prefix: str = "", separator: str = "") -> None:
        self.refs: dict[int, list[str]] = {}
        self.prefix = prefix
        #: Between two references side by side (the view's ``note_separator``: ³,⁴).
        self.separator = separator

    def note_id(self, number: int) -> str:
        """The id of note ``number`` (``fn3``; ``fr-fn3`` with the prefix ``fr-``)."""
        return f"{self.prefix}fn{number}"

    def ref(self, number: int) -> Markup:
        """A superscript reference to note ``number``."""
        ids = self.refs.setdefault(number, [])
        base = f"{self.prefix}fnref{number}"
        ref_id = base if not ids else f"{base}-{len(ids) + 1}"
        ids.append(ref_id)
        html = '<sup class="fnref"><a href="#{2}" id="{1}" role="doc-noteref">{0}</a></sup>'
        return Markup(html).format(number, ref_id, self.note_id(number))

    def refs_for(self, numbers: object) -> Markup:
        """References for several note numbers (``country.notes``)."""
        if isinstance(numbers, int):
            numbers = (numbers,)
        assert isinstance(numbers, (tuple, list))
        between = Markup('<span class="note-separator">{}</span>').format(self.separator)
        return (between if self.separator else Markup("")).join(
            self.ref(int(n)) for n in numbers
        )

    def back(self, number: int) -> str | None:
        """The id of the first reference to note ``number``, if the document has one."""
        ids = self.refs.get(number)
        return ids[0] if ids else None
