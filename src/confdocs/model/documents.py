"""What the documents sent to people say beyond the outline: the invitation letters and the
certificates of attendance (who signs them, where and when)."""

from __future__ import annotations

import datetime as dt

import attrs

from .fields import MARKDOWN_TEXT, NAME


@attrs.frozen
class Letters:
    """The invitation letters, one per invited country and per organisation allocation.

    ``body`` is Markdown shown after the invitation paragraph; ``{title}``, ``{dates}``,
    ``{place}``, ``{recipient}`` and ``{reply_by}`` in it are replaced for each letter.
    """

    #: Who signs the letters: a person id.
    signatory: str | None = None
    #: Where the letters are written ("Bucharest").
    place: str | None = attrs.field(default=None, metadata=NAME)
    #: The letters' date.
    date: dt.date | None = None
    #: The sender's reference ("C-PROC/2019/117").
    reference: str | None = None
    body: str | None = attrs.field(default=None, metadata=MARKDOWN_TEXT)


@attrs.frozen
class Certificates:
    """The certificates of attendance, one per participant who attended."""

    #: Who signs them: a person id.
    signatory: str | None = None
    #: Where they are signed ("The Hague").
    place: str | None = attrs.field(default=None, metadata=NAME)
    #: The date they bear; the event's last day when not given.
    date: dt.date | None = None
