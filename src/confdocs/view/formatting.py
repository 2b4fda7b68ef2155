"""Dates, times, durations, lists and names in the document's locale, through Babel (CLDR).

One :class:`Formatter` per view. The event's own conventions (``settings.date_format``,
``time_format``, ``duration_format``, ``country_names``) apply in the event's locale, and in
each language the event is written in (``settings.languages``), where they are what the event
gives for that language (``for_language`` keeps only those); in another locale the document
follows that locale's CLDR defaults, except the time pattern, which is the organiser's choice
of clock (``09h00``).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Sequence

from ..errors import ConfdocsError
from ..model import Settings
from ..model.codes import country_name, is_locale, language_name
from .labels import Labels, fill
from .languages import language_of
from .lines import Line, Piece, Span, line
from .lines import fill as fill_line


class UnknownLocaleError(ConfdocsError):
    """A locale Babel (CLDR) does not know."""


def check_locale(locale: str) -> str:
    """``locale`` itself when CLDR knows it; else an :class:`UnknownLocaleError` saying what to
    write instead."""
    if not isinstance(locale, str) or not is_locale(locale):
        raise UnknownLocaleError(
            f"{locale!r} is not a locale (write a language code such as en, fr, es or pt, "
            "or a regional one such as pt_BR)"
        )
    return locale


#: The spaces a duration may be typed with, each made a no-break space (narrow ones stay).
_SPACES = re.compile("[ \t\n\r\f\v\u2000-\u200a\u3000]")
#: A date pattern's quoted text, which is not a field.
_QUOTED = re.compile(r"('(?:[^']|'')*')")
#: The day of the month as a number of its own (``d``, not ``dd``).
_DAY = re.compile(r"(?<![dD])d(?![dD])")



#: The English names of countries (and territories) that take "the" in a phrase ("Delegation
#: of the Dominican Republic", not "of Dominican Republic"). CLDR has no articles, so this is
#: our own list: CLDR's English names (``en`` and its regional variants) that are plural or
#: a common noun (republic, kingdom, states, islands, emirates), and the older names an
#: event's ``country_names`` may still give ("Czech Republic"). A name not here is used
#: bare ("Delegation of Czechia", "of France"); one written with its article ("the
#: Gambia") is not in it, and is kept as written.
ENGLISH_WITH_THE = frozenset({
    "Bahamas", "British Indian Ocean Territory", "British Virgin Islands",
    "Canary Islands", "Caribbean Netherlands", "Cayman Islands", "Central African Republic",
    "Cocos (Keeling) Islands", "Comoros", "Cook Islands", "Czech Republic",
    "Democratic Republic of the Congo", "Dominican Republic", "Falkland Islands",
    "Faroe Islands", "Gambia", "Heard & McDonald Islands", "Heard Island & McDonald Islands",
    "Maldives", "Marshall Islands", "Netherlands", "Northern Mariana Islands",
    "Palestinian Territories", "Philippines", "Pitcairn Islands", "Republic of the Congo",
    "Solomon Islands", "South Georgia & South Sandwich Islands", "Turks & Caicos Islands",
    "U.S. Outlying Islands", "U.S. Virgin Islands", "United Arab Emirates",
    "United Kingdom", "United States", "Åland Islands",
})

class Formatter:
    def __init__(self, settings: Settings, locale: str, labels: Labels) -> None:
        self.settings = settings
        self.locale = locale
        self.labels = labels
        #: The document is in the event's own locale.
        self.own_locale = locale == settings.locale
        #: The event's conventions apply: in its own locale, and in a language it is written
        #: in (its settings then hold the conventions given for that language).
        self.conventions = self.own_locale or any(
            language_of(x) == language_of(locale) for x in settings.languages
        )
        self._times: dict[dt.time, str] = {}
        # A programme has thousands of durations and counts but few distinct ones; Babel's
        # unit and number formatting is slow enough to matter (5,000 slots: 2 s): once each.
        self._durations: dict[int, str] = {}
        self._numbers: dict[int, str] = {}
        self._bracketed: dict[str, str] = {}

    # -- dates and times -------------------------------------------------------------------

    def date(self, value: dt.date, pattern: str | None = None) -> str:
        from babel.dates import format_date

        fmt = pattern or (self.settings.date_format if self.conventions else "full")
        return str(format_date(value, self._first_of_month(fmt, value), locale=self.locale))

    def day_month(self, value: dt.date) -> str:
        """A day of the event's year, its month in full, as the locale writes it: "31
        October", "31 жовтня", "1er octobre" (CLDR's ``MMMMd`` skeleton)."""
        from babel import Locale

        pattern = Locale.parse(self.locale).datetime_skeletons.get("MMMMd")
        return self.date(value, str(pattern.pattern) if pattern is not None else "d MMMM")

    def _first_of_month(self, pattern: str, value: dt.date) -> str:
        """``pattern`` with the first day of a month as the language writes it, where its
        catalog says (``first_of_month``: French "1er octobre", which CLDR writes "1
        octobre"); a named format (``long``) is CLDR's pattern for it."""
        first = self.labels.catalog.get("first_of_month")
        if value.day != 1 or not first:
            return pattern
        if pattern in ("full", "long", "medium", "short"):
            from babel import Locale

            pattern = str(Locale.parse(self.locale).date_formats[pattern].pattern)
        literal = "'" + first.replace("'", "''") + "'"
        parts = _QUOTED.split(pattern)
        return "".join(
            part if part.startswith("'") else _DAY.sub(literal, part) for part in parts
        )

    def time(self, value: dt.time) -> str:
        # A programme has few distinct times and many slots: format each time once.
        text = self._times.get(value)
        if text is None:
            from babel.dates import format_time

            text = str(format_time(value, self.settings.time_format, locale=self.locale))
            self._times[value] = text
        return text

    def time_range(self, start: dt.time, end: dt.time) -> str:
        """"14h00–16h00": each time in the event's pattern, joined as CLDR's interval format
        for hours and minutes joins them in this locale (its dash, and its spacing)."""
        return self.time(start) + time_separator(self.locale) + self.time(end)

    def number(self, value: int) -> str:
        """A whole number as the locale writes it (grouping, digits)."""
        text = self._numbers.get(value)
        if text is None:
            from babel.numbers import format_decimal

            text = self._numbers[value] = str(format_decimal(value, locale=self.locale))
        return text

    def dates(self, start: dt.date, end: dt.date) -> str:
        """The event's dates with months in full ("30 September – 1 October 2019").

        CLDR's interval patterns, with the month widened where a locale only has the
        abbreviated form (most have no ``yMMMMd`` interval).
        """
        if start == end:
            return self.date(start, "long")
        patterns = self._interval(start, end)
        if patterns is None:
            from babel.dates import format_interval

            return str(format_interval(start, end, "yMMMMd", locale=self.locale))
        from babel.dates import format_date

        first, second = patterns
        return str(format_date(start, first, locale=self.locale)) + str(
            format_date(end, second, locale=self.locale)
        )

    def date_ends(self, start: dt.date, end: dt.date) -> tuple[str, str] | None:
        """The two ends of the dates ``start`` to ``end`` as CLDR's interval writes them,
        without the dash between them: ("14", "16 de abril de 2027"), ("30 septembre", "1er
        octobre 2019"), for wordings that join them with words ("del 14 al 16 de abril", "14
        y 15 de abril"); None where the interval's first part does not end with a dash."""
        patterns = self._interval(start, end) if start != end else None
        if patterns is None:
            return None
        from babel.dates import format_date

        first = str(format_date(start, patterns[0], locale=self.locale))
        bare = _INTERVAL_DASH.sub("", first)
        if bare == first or not bare:
            return None
        return bare, str(format_date(end, patterns[1], locale=self.locale)).strip()

    def _interval(self, start: dt.date, end: dt.date) -> tuple[str, str] | None:
        """CLDR's two date patterns of the interval ``start`` to ``end`` (the first ending
        with its separator), months in full and the first of a month as the language writes
        it; None when the locale has no such interval."""
        from babel import Locale

        formats = Locale.parse(self.locale).interval_formats
        table = formats.get("yMMMMd") or formats.get("yMMMd")
        field = "y" if start.year != end.year else "M" if start.month != end.month else "d"
        if not table or field not in table:
            return None
        first, second = (_full_month(p) for p in table[field])
        return self._first_of_month(first, start), self._first_of_month(second, end)

    def duration(self, minutes: int | None) -> str | None:
        if minutes is None:
            return None
        text = self._durations.get(minutes)
        if text is None:
            text = self._durations[minutes] = self._duration(minutes)
        return text

    def _duration(self, minutes: int) -> str:
        # A duration is one thing: "30 min" never breaks between its words (an organiser's
        # pattern is typed with plain spaces, and CLDR has some: English "10 min").
        return _SPACES.sub("\u00a0", self._said_duration(minutes))

    def _said_duration(self, minutes: int) -> str:
        if self.conventions and self.settings.duration_format:
            return fill(self.settings.duration_format, {"minutes": minutes})
        if "minutes" in self.labels.catalog:  # a plugin's own wording
            return self.labels.get("minutes", minutes=minutes)
        from babel.units import format_unit

        if self.labels.unit_width == "long":
            return str(format_unit(minutes, "duration-minute", length="long", locale=self.locale))
        return str(format_unit(minutes, "duration-minute", length="short", locale=self.locale))

    # -- names -----------------------------------------------------------------------------

    def country(self, code: str) -> str:
        overrides = self.settings.country_names if self.conventions else None
        return country_name(code, self.locale, overrides)

    def country_in_phrase(self, code: str) -> str:
        """The country's name as a phrase holds it, after a word ("Delegation of the
        Netherlands"): in English, the names of :data:`ENGLISH_WITH_THE` take "the"; in other
        languages, and for other names, the name as :meth:`country` gives it."""
        name = self.country(code)
        if name in ENGLISH_WITH_THE and self.locale.partition("_")[0] == "en":
            return f"the {name}"
        return name

    def language(self, code: str) -> str:
        return language_name(code, self.locale)

    # -- lists -----------------------------------------------------------------------------

    def join(self, items: Sequence[str]) -> str:
        """Items as the locale joins a list ("A, B and C")."""
        return self.join_line(list(items), role="text").plain

    def join_line(self, items: Sequence[Piece], role: str = "text") -> Line:
        """Items as the locale joins a list, the separators as spans of their own."""
        present = [item for item in items if item]
        out: list[Piece] = []
        for item, separator in zip(
            present, list_separators(len(present), self.locale), strict=True
        ):
            if separator:
                out.append(Span(separator, "separator"))
            out.append(item)
        return line(*out, role=role)


    # -- punctuation: every mark that joins parts of a line comes from the catalog ------------

    def comma(self, parts: Sequence[str | None]) -> str:
        """Parts of a name line, an address or a place, joined by the language's comma."""
        return self.labels["comma"].join(p for p in parts if p)

    def comma_line(self, pieces: Sequence[Piece]) -> Line:
        """Pieces joined by the language's comma, as separator spans."""
        out: list[Piece] = []
        for piece in (p for p in pieces if p):
            if out:
                out.append(Span(self.labels["comma"], "separator"))
            out.append(piece)
        return line(*out)

    def after(self, text: Piece, next: Piece) -> Line:
        """``next`` said after ``text`` ("Alexander SEGER (10 mins)"); either alone when the
        other is empty."""
        if not text:
            return line(next)
        if not next:
            return line(text)
        return fill_line(self.labels["followed_by"], "separator", text=text, next=next)

    def bracketed(self, inner: Piece) -> Line:
        """``inner`` in the language's brackets: "(10 mins)"."""
        if not inner:
            return Line()
        return fill_line(self.labels["bracketed"], "separator", text=inner)

    def bracketed_text(self, inner: str) -> str:
        text = self._bracketed.get(inner)
        if text is None:
            text = self._bracketed[inner] = self.labels.get("bracketed", text=inner)
        return text


#: The dash that ends the first part of a date interval, with the spaces around it.
_INTERVAL_DASH = re.compile("[ \u00a0\u202f\u2009]*[-\u2010-\u2015~][ \u00a0\u202f\u2009]*$")


def _full_month(pattern: str) -> str:
    return re.sub(r"(?<!M)MMM(?!M)", "MMMM", pattern)


@functools.lru_cache(maxsize=512)
def list_separators(count: int, locale: str) -> tuple[str, ...]:
    """What precedes each of ``count`` items in a list ("", ", ", …, " and ") in ``locale``.

    CLDR's list pattern, in British style: "A, B and C" without the Oxford comma.
    """
    from babel.lists import format_list

    if count <= 1:
        return ("",) * count
    marks = [f"\x00{i}\x00" for i in range(count)]
    joined = str(format_list(marks, style="standard", locale=locale)).replace(", and ", " and ")
    separators = [""]
    for i in range(1, count):
        start = joined.index(marks[i - 1]) + len(marks[i - 1])
        separators.append(joined[start : joined.index(marks[i])])
    return tuple(separators)


#: Letters of CLDR date and time patterns (what is not a letter is a literal).
_PATTERN_FIELD = re.compile(r"[A-Za-z]")


@functools.lru_cache(maxsize=64)
def time_separator(locale: str) -> str:
    """What joins the two times of a range in ``locale``: the literal of CLDR's interval
    format for hours and minutes (``Hm``) between its two halves ("–" in en_GB, " – " with thin
    spaces in French). CLDR's thin spaces become narrow no-break ones: a range never wraps."""
    from babel import Locale

    formats = Locale.parse(locale).interval_formats
    halves = (formats.get("Hm") or {}).get("H") or ("HH:mm – ", "HH:mm")
    first = re.sub(r"'[^']*'", "", halves[0])
    fields = list(_PATTERN_FIELD.finditer(first))
    separator = first[fields[-1].end() :] if fields else " – "
    return separator.replace("\u2009", "\u202f") or "–"


def regional_language(locale: str, region: str | None = None) -> str:
    """``locale`` as a BCP 47 tag with a region, as spell-checkers want it: ``en_GB`` →
    ``en-GB``; ``fr`` → ``fr-FR`` (CLDR's likeliest region), or ``region`` when the catalog
    says which it is written for (``pt`` → ``pt-PT``)."""
    from babel import Locale
    from babel.core import get_global

    parsed = Locale.parse(locale)
    territory = parsed.territory or region
    if territory is None:
        likely = str(get_global("likely_subtags").get(parsed.language, ""))
        territory = likely.split("_")[-1] if likely.count("_") >= 1 else None
    parts = [parsed.language, parsed.script, territory]
    return "-".join(p for p in parts if p)


@functools.cache
def text_direction(locale: str) -> str:
    """``ltr`` or ``rtl``: the direction CLDR gives the locale's script."""
    from babel import Locale

    return "rtl" if Locale.parse(locale).text_direction == "rtl" else "ltr"
