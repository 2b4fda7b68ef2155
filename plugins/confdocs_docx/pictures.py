"""Logos as Word pictures: inline drawings in the body, sized to a row that never wraps.

A row of logos (the funders', the implementers', the organisers') is drawn at one height and
scaled down together when it would be wider than the room the default template gives it, so
the row stays on one line beside the header's text. Each picture carries its alt text
(``wp:docPr/@descr``), which Word and screen readers show in its place.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

from docx.oxml.ns import qn
from docx.oxml.shape import CT_Inline
from docx.shared import Cm, Length, Mm
from lxml import etree

from confdocs.view import LogoView

from .relations import Relations
from .revisions import marked, tracked_reference
from .wordml import clean

#: The height of a row of logos, and the widest it may be, by where it stands in the default
#: template (the header's two cells are 3/5 and 2/5 of a 16.6 cm text width).
ROWS = {
    "funders": (Mm(12), Cm(9.6)),
    "implementers": (Mm(12), Cm(6.2)),
    "organisers": (Mm(14), Cm(16.0)),
}
#: The space between two logos of a row (an en space, about 3 mm at the header's size).
GAP = Mm(3)
_GAP_RUN = '<w:r><w:t xml:space="preserve">\u2002</w:t></w:r>'


def _gap_change(logos: Sequence[LogoView], at: int) -> str | None:
    """The gap before logo ``at``: a version has it when it has that logo and one before it
    (so a replaced logo, deleted then inserted, makes one gap in each version, not two). Of
    the old version, the new one, or both (None); ``"none"`` when of neither."""
    before, here = logos[:at], logos[at]
    old = here.change != "ins" and any(x.change != "ins" for x in before)
    new = here.change != "del" and any(x.change != "del" for x in before)
    if old and new:
        return None
    return "del" if old else "ins" if new else "none"


class Pictures:
    """Makes inline pictures for the document whose body is ``part``, each related by the
    part that shows it once rendered (``relations``)."""

    def __init__(self, part: Any, relations: Relations) -> None:
        self.part = part
        self.relations = relations

    def row(self, logos: Sequence[LogoView], where: str, tracked: bool = False) -> str:
        """The runs of a row of ``logos``, one picture each, a gap between. In a tracked
        document a logo one version lacks is an inserted or deleted picture, and so is a gap
        only one version has (between two of its logos); the logos both have say so with an
        empty value, so the paragraph is not taken for one that either version lacks."""
        if not logos:
            return ""
        height, widest = ROWS[where]
        widths = [logo.width_at(height) for logo in logos]
        room = widest - GAP * (len(logos) - 1)
        scale = min(1.0, room / sum(widths))
        runs = []
        for i, (logo, width) in enumerate(zip(logos, widths, strict=True)):
            if i:
                gap = _gap_change(logos, i) if tracked else None
                if gap != "none":
                    runs.append(tracked_reference(_GAP_RUN, gap))
            picture = self.picture(logo, int(width * scale), int(height * scale))
            runs.append(tracked_reference(picture, logo.change) if tracked else picture)
            if tracked and logo.change is None:
                runs.append(f"<w:r><w:t>{marked('', None, present=True)}</w:t></w:r>")
        return "".join(runs)

    def picture(self, logo: LogoView, width: int, height: int) -> str:
        """The run of one picture: what python-docx's ``new_pic_inline`` makes, with the
        logo's alt text."""
        rid, image = self.relations.image(logo.data)
        cx, cy = image.scaled_dimensions(width, height)
        return _drawing(self.part.next_id, rid, image.filename, cx, cy, clean(logo.alt))


@functools.lru_cache(maxsize=256)
def _drawing(shape_id: int, rid: str, filename: str, cx: Length, cy: Length, alt: str) -> str:
    """The run of a picture, made once for each set of its values: python-docx parses two
    templates of XML for every picture (a logo row of the Hague outline is drawn 15 times
    per render), and the values are all that differ."""
    inline = CT_Inline.new_pic_inline(shape_id, rid, filename, cx, cy)
    properties = inline.find(qn("wp:docPr"))
    properties.set("descr", alt)
    properties.set("title", alt)
    drawing = etree.tostring(inline, encoding="unicode")
    return f"<w:r><w:drawing>{drawing}</w:drawing></w:r>"
