"""The settings an event gives, checked when it loads: locale, time zone, date and time patterns.

A pattern is checked field by field as CLDR defines them (``docs/event-files.md``): every
unquoted ASCII letter is a field, of a length CLDR allows; a quote must close, or the text after
it would silently vanish from every document; a date pattern holds no time fields and a time
pattern no date or zone fields (times are shown in the event's own zone), and a twelve-hour
hour has its am/pm. Then Babel formats a
sample with it, so whatever passes is known to work.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..display import shown
from ..model.codes import is_country, is_locale, locale_hint, time_zone_problem
from ..model.settings import Settings
from ..model.walk import PathKey, each_language

Found = tuple[PathKey, str]

#: Babel's names for the locale's own patterns.
DATE_NAMES = ("full", "long", "medium", "short")
#: ``long`` and ``full`` times name a zone, which a time of day in the programme does not have.
TIME_NAMES = ("medium", "short")
_DATE_FIELDS = frozenset("GyYuQqMLwWdDFgEec")
_TIME_FIELDS = frozenset("abBhHKkmsSA")
_ZONE_FIELDS = frozenset("zZOvVxX")


def settings_problems(settings: Settings) -> Iterator[Found]:
    if not is_locale(settings.locale):
        yield (
            ("settings", "locale"),
            f"{shown(settings.locale)} is not a locale Babel knows"
            f"{locale_hint(settings.locale) or ' (such as en, fr, pt_BR)'}",
        )
    problem = time_zone_problem(settings.timezone)
    if problem:
        yield ("settings", "timezone"), problem
    yield from languages_problems(settings)
    for key, kind in (("date_format", "date"), ("time_format", "time")):
        for path, pattern, locale in _by_language(settings, key):
            problem = pattern_problem(pattern, kind, locale)
            if problem:
                yield path, problem
    if settings.duration_format is not None:
        for path, pattern, _ in _by_language(settings, "duration_format"):
            if "{minutes}" not in pattern:
                yield path, "the duration format must contain {minutes}"
    for code in settings.country_names:
        if not is_country(code):
            yield (
                ("settings", "country_names", code),
                f"{shown(code)} is not an ISO 3166 country code",
            )


def _by_language(settings: Settings, key: str) -> Iterator[tuple[PathKey, str, str]]:
    """A setting's text in each language, with its path and the locale it is for (a time
    pattern may differ by language: ``{fr: "HH'h'mm", en: "HH:mm"}``)."""
    for path, text in each_language(("settings", key), getattr(settings, key)):
        language = str(path[-1]) if len(path) > 2 else settings.locale
        yield path, text, language if is_locale(language) else settings.locale


def languages_problems(settings: Settings) -> Iterator[Found]:
    """``settings.languages``: locales, each once, the first the language of ``locale``."""
    seen: set[str] = set()
    for i, language in enumerate(settings.languages):
        path = ("settings", "languages", i)
        if not is_locale(language):
            yield path, f"{shown(language)} is not a language Babel knows (such as en, fr, pt_BR)"
        elif language in seen:
            yield path, f"{shown(language)} is listed twice"
        seen.add(language)
    if settings.languages and is_locale(settings.languages[0]) and is_locale(settings.locale):
        first = settings.languages[0]
        if language_of(first) != language_of(settings.locale):
            yield (
                ("settings", "languages", 0),
                f"the first language, {shown(first)}, is the one the texts are written in by "
                f"default, but settings.locale is {shown(settings.locale)}: make them agree",
            )


def language_of(locale: str) -> str:
    """The language of ``locale`` (``pt`` for ``pt_BR``)."""
    return locale.replace("-", "_").split("_")[0].lower()


def pattern_problem(pattern: str, kind: str, locale: str = "en") -> str | None:
    """What is wrong with ``pattern`` as a CLDR ``kind`` ("date" or "time") pattern, or None."""
    names = DATE_NAMES if kind == "date" else TIME_NAMES
    if pattern in names:
        return None
    if pattern in DATE_NAMES:
        return (
            f"{shown(pattern)} times carry a time zone name, which programme times do not have "
            "(they are in settings.timezone); use short, medium or a pattern such as 'HH:mm'"
        )
    if not pattern.strip():
        return f"the {kind} pattern is empty; write one such as " + _example(kind)
    problem = _field_problem(pattern, kind)
    if problem:
        return problem
    return _trial(pattern, kind, locale)


def _example(kind: str) -> str:
    return "'d MMMM y' or full" if kind == "date" else "'HH:mm' or \"HH'h'mm\""


def _field_problem(pattern: str, kind: str) -> str | None:
    from babel.dates import PATTERN_CHARS

    i, n = 0, len(pattern)
    twelve_hour: str | None = None
    period = False
    while i < n:
        char = pattern[i]
        if char == "'":
            if pattern.startswith("''", i):  # an apostrophe
                i += 2
                continue
            end = _closing_quote(pattern, i + 1)
            if end is None:
                return (
                    f"the quote at character {i + 1} of {shown(pattern)} is not closed, so "
                    f"{shown(pattern[i + 1 :])} would be left out; close it with ' "
                    "(write '' for an apostrophe)"
                )
            i = end + 1
            continue
        if not ("a" <= char <= "z" or "A" <= char <= "Z"):
            i += 1
            continue
        length = 1
        while i + length < n and pattern[i + length] == char:
            length += 1
        field = char * length
        allowed = PATTERN_CHARS.get(char, ())
        if char not in PATTERN_CHARS:
            return (
                f"{shown(field)} in {shown(pattern)} is not a CLDR field; put literal text "
                "in quotes ('at')"
            )
        if allowed is not None and length not in allowed:
            counts = (
                f"{allowed[0]} to {allowed[-1]}"
                if len(allowed) > 2 and list(allowed) == list(range(allowed[0], allowed[-1] + 1))
                else " or ".join(str(c) for c in allowed)
            )
            return f"{shown(field)} in {shown(pattern)}: the field {char} takes {counts} letters"
        if kind == "date" and char in _TIME_FIELDS | _ZONE_FIELDS:
            return (
                f"{shown(field)} in the date pattern {shown(pattern)} is a time field; a date "
                "pattern shows the day only"
            )
        if kind == "time" and char in _DATE_FIELDS:
            return (
                f"{shown(field)} in the time pattern {shown(pattern)} is a date field; a time "
                "pattern shows the time of day only"
            )
        if kind == "time" and char in _ZONE_FIELDS:
            return (
                f"{shown(field)} in the time pattern {shown(pattern)} is a time zone field; "
                "programme times are in the event's time zone (settings.timezone) and carry none"
            )
        if char in _TWELVE_HOUR:
            twelve_hour = twelve_hour or field
        period = period or char in _PERIOD
        i += length
    if kind == "time" and twelve_hour and not period:
        return (
            f"{shown(twelve_hour)} in {shown(pattern)} counts the hours from 1 to 12, and the "
            "pattern has no am/pm: 14:00 would print as 02:00; add a field a "
            f"({shown(pattern + ' a')}) or write {shown(twelve_hour.replace(twelve_hour[0], 'H'))} "
            "for 0 to 23"
        )
    return None


#: Hour fields of a twelve-hour clock, and the day-period fields (am/pm, noon, "in the
#: evening") that say which half of the day they are in.
_TWELVE_HOUR = frozenset("hK")
_PERIOD = frozenset("abB")


def _closing_quote(pattern: str, start: int) -> int | None:
    i = start
    while i < len(pattern):
        if pattern[i] == "'":
            if pattern.startswith("''", i):
                i += 2
                continue
            return i
        i += 1
    return None


def _trial(pattern: str, kind: str, locale: str) -> str | None:
    from babel.dates import format_date, format_time

    try:
        if kind == "date":
            format_date(dt.date(2024, 3, 1), pattern, locale=locale if is_locale(locale) else "en")
        else:
            format_time(dt.time(9, 5), pattern, locale=locale if is_locale(locale) else "en")
    except Exception as exc:  # Babel's own refusal, whatever it is
        return f"the {kind} pattern {shown(pattern)} cannot be used: {exc}"
    return None
