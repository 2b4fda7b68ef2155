"""Footnote references linked both ways: each reference has an id its note links back to."""

from __future__ import annotations

from markupsafe import Markup

__all__ = ["FootnoteLinks"]


class FootnoteLinks:
    """Hands out ids for footnote references in document order; notes link to the first.

    One per document: it is the rich-text renderer's ``env["footnote_ref"]`` and the template's
    ``note_ref``, so references in Markdown text and in the view's lines share one numbering of
    ids.
    """

    def __init__(self) -> None:
        self.refs: dict[int, list[str]] = {}

    def ref(self, number: int) -> Markup:
        """A superscript reference to note ``number``."""
        ids = self.refs.setdefault(number, [])
        ref_id = f"fnref{number}" if not ids else f"fnref{number}-{len(ids) + 1}"
        ids.append(ref_id)
        html = '<sup class="fnref"><a href="#fn{0}" id="{1}" role="doc-noteref">{0}</a></sup>'
        return Markup(html).format(number, ref_id)

    def refs_for(self, numbers: object) -> Markup:
        """References for several note numbers (``country.notes``)."""
        if isinstance(numbers, int):
            numbers = (numbers,)
        assert isinstance(numbers, (tuple, list))
        return Markup("").join(self.ref(int(n)) for n in numbers)

    def back(self, number: int) -> str | None:
        """The id of the first reference to note ``number``, if the document has one."""
        ids = self.refs.get(number)
        return ids[0] if ids else None
