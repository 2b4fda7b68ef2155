"""How an outline is written (settings) and what stands above its title (header)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Literal

import attrs

from .fields import NAME, PLAIN_TEXT
from .images import Logo

SurnameStyle = Literal["upper", "as-written"]


@attrs.frozen
class Settings:
    """How the outline is written: locale, time zone and the organiser's conventions."""

    locale: str = "en"
    timezone: str = "UTC"
    #: CLDR pattern for times; ``HH'h'mm`` gives the C-PROC ``09h00``. May differ by language
    #: (``{fr: "HH'h'mm", en: "HH:mm"}``).
    time_format: str = attrs.field(default="HH:mm", metadata=NAME)
    #: How a duration is shown; ``{minutes}`` is replaced. None: Babel's words for the locale.
    duration_format: str | None = attrs.field(default=None, metadata=NAME)
    #: CLDR date pattern, or one of Babel's names (``full``, ``long``, ``medium``, ``short``).
    date_format: str = attrs.field(default="full", metadata=NAME)
    surname_style: SurnameStyle = "as-written"
    #: Country names where the organiser's usage differs from CLDR's, by ISO code.
    country_names: Mapping[str, str] = attrs.field(factory=dict, metadata=NAME)
    #: Show the seats the invitation rules add up to (a summary line and the seats table by
    #: group) in the outline. Off by default: an outline sent out states the organiser's own
    #: total; ``confdocs check`` and ``confdocs quota`` report the computed figures.
    show_seat_counts: bool = False
    #: The languages the event's texts are written in, the first the default (``[fr, ar]``):
    #: any text may then be a mapping from language to text. Not the interpretation languages
    #: (the event's ``languages``).
    languages: tuple[str, ...] = ()


@attrs.frozen
class Header:
    """The lines above the title: who funds, who implements, and the version date."""

    funders: tuple[str, ...] = attrs.field(default=(), metadata=PLAIN_TEXT)
    implementers: tuple[str, ...] = attrs.field(default=(), metadata=PLAIN_TEXT)
    #: The date of this version of the outline ("Version 29 September 2019").
    version: dt.date | None = None
    #: The funders' logos, shown with their line (``{file, alt}``).
    funder_logos: tuple[Logo, ...] = ()
    #: The implementers' logos, shown with their line.
    implementer_logos: tuple[Logo, ...] = ()
    #: What this version is called, shown with its date ("Version 2", "Draft for comments").
    version_label: str | None = attrs.field(default=None, metadata=PLAIN_TEXT)
