"""Countries and languages by code, named by Babel (CLDR) in any locale; time zones by name."""

from __future__ import annotations

import functools
from collections.abc import Mapping

_NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "ZZ", "QO"})


@functools.cache
def _locale(code: str) -> object:
    from babel import Locale

    return Locale.parse(code.replace("-", "_"))


def is_locale(code: str) -> bool:
    try:
        _locale(code)
    except Exception:
        return False
    return True


def is_country(code: str) -> bool:
    """Is ``code`` an ISO 3166 alpha-2 code CLDR knows (``XK`` for Kosovo included)?"""
    return (
        len(code) == 2
        and code.isascii()
        and code.isalpha()
        and code.isupper()
        and code not in _NOT_COUNTRIES
        and code in _territories("en")
    )


def not_a_country(code: str) -> str:
    """What is said of ``code``, which is no country code, wherever one is read (an event
    file, a registration), with what to write instead when that is clear."""
    from ..display import shown

    return f"{shown(code)} is not an ISO 3166 alpha-2 country code{_country_hint(code)}"


def _country_hint(code: str) -> str:
    """What to write instead of ``code``, which is no country code, in brackets: CLDR's
    replacement for an alias (``UK`` → ``GB``, an alpha-3 ``DOM`` → ``DO``), Kosovo's ``XK``;
    else nothing."""
    upper = code.strip().upper()
    if upper in ("KO", "KS", "KOS"):
        return " (Kosovo is XK)"
    if is_country(upper):
        return f" (write it in capitals: {upper})"
    from babel.core import get_global

    replacement = get_global("territory_aliases").get(upper) or ()
    found = [r for r in replacement if is_country(r)]
    if len(found) == 1:
        return f" (did you mean {found[0]}, {country_name(found[0])}?)"
    named = _named_country(code)
    if named is not None:
        return f" (did you mean {named}, {country_name(named)}?)"
    return ""


#: The languages whose country names a name written for a code is looked up in.
_NAME_LANGUAGES = ("en", "fr", "es", "pt", "de", "it", "nl", "ar", "ru")


def _named_country(name: str) -> str | None:
    """The code of the country ``name`` names in one of :data:`_NAME_LANGUAGES` ("Brasil",
    "Allemagne", "estados unidos"; case and accents aside), when it names one."""
    wanted = _folded(name)
    if len(wanted) < 3:
        return None
    for language in _NAME_LANGUAGES:
        for code, spelt in _territories(language).items():
            if is_country(code) and _folded(spelt) == wanted:
                return code
    return None


def _folded(text: str) -> str:
    from .names import without_accents

    return without_accents(text.strip().casefold())


def is_language(code: str) -> bool:
    return code in _languages("en")


def country_name(code: str, locale: str = "en", overrides: Mapping[str, str] | None = None) -> str:
    if overrides and code in overrides:
        return overrides[code]
    return _territories(locale).get(code, code)


def country_names(locale: str = "en") -> tuple[str, ...]:
    """The names CLDR gives the countries (and other territories) in ``locale``."""
    return tuple(_territories(locale).values())


def locale_hint(name: str) -> str:
    """The locale a language's English name stands for, in brackets (``spanish`` → ``es``,
    ``Portuguese`` → ``pt``, ``es-ES`` → ``es_ES``); else nothing."""
    spelt = name.strip().replace("-", "_")
    if spelt != name and is_locale(spelt):
        return f" (did you mean {_locale(spelt)}?)"  # CLDR's spelling: pt_BR
    wanted = spelt.casefold()
    found = [code for code, english in _languages("en").items() if english.casefold() == wanted]
    return f" (did you mean {found[0]}?)" if found and is_locale(found[0]) else ""


def language_name(code: str, locale: str = "en") -> str:
    return _languages(locale).get(code, code)


@functools.cache
def _territories(locale: str) -> Mapping[str, str]:
    return _locale(locale).territories  # type: ignore[attr-defined, no-any-return]


@functools.cache
def _languages(locale: str) -> Mapping[str, str]:
    return _locale(locale).languages  # type: ignore[attr-defined, no-any-return]


@functools.cache
def _time_zones() -> frozenset[str]:
    import zoneinfo

    return frozenset(zoneinfo.available_timezones())


@functools.cache
def _listed_zones() -> frozenset[str]:
    """The zones the ``tzdata`` package lists (its ``zones`` file), where it is installed:
    ``zoneinfo.available_timezones`` starts from that list, then walks the system's time
    zone folders for more, opening their files (about 20 ms of CPU, more of waiting)."""
    import importlib.util
    import os

    # The file beside the package's module (importlib.resources would cost more to import than
    # the walk saves); where it is not there (a zip), nothing is listed and the walk decides.
    spec = importlib.util.find_spec("tzdata")
    if spec is None or not spec.origin:
        return frozenset()
    try:
        with open(os.path.join(os.path.dirname(spec.origin), "zones"), encoding="utf-8") as listed:
            return frozenset(filter(None, (line.strip() for line in listed)))
    except (OSError, UnicodeDecodeError):
        return frozenset()


def is_time_zone(name: str) -> bool:
    """Is ``name`` a zone of the IANA database (``Europe/Amsterdam``, ``UTC``)?"""
    # A zone tzdata lists is one available_timezones() returns (it drops posixrules only),
    # so the whole walk is needed only for a name not in that list.
    if name != "posixrules" and name in _listed_zones():
        return True
    return name in _time_zones()


def time_zone_problem(name: str) -> str | None:
    """What is wrong with ``name`` as a time zone, or None when it is one."""
    from ..display import shown

    if is_time_zone(name):
        return None
    inside = sorted(z for z in _time_zones() if z.startswith(name.rstrip("/") + "/"))
    if name.strip("/") and inside:
        return (
            f"{shown(name)} is a region of the time zone database, not a zone; name a place "
            f"in it, such as {inside[0]}"
        )
    if any(ch.isdigit() for ch in name):  # GMT+2, UTC+01:00: an offset, not a place's zone
        return (
            f"{shown(name)} is not a time zone: name the place's zone, such as Europe/Amsterdam "
            "(an offset is not one, and summer time changes it)"
        )
    close = _close_zone(name)
    if close:
        return f"{shown(name)} is not a time zone (did you mean {close}?)"
    return f"{shown(name)} is not a time zone (use a name such as Europe/Amsterdam)"


def _close_zone(name: str) -> str | None:
    """The zone ``name`` (no offset: GMT+2 is not GMT+0) was meant to be, when that is clear:
    a city alone (``Lima`` → America/Lima), or a zone misspelt (America/SantoDomingo →
    America/Santo_Domingo); never by a loose likeness (Lima is not Libya)."""
    import difflib

    wanted = name.strip().replace(" ", "_").casefold()
    zones = sorted(_time_zones())
    if "/" not in wanted:
        cities = [z for z in zones if z.rsplit("/", 1)[-1].casefold() == wanted and "/" in z]
        return cities[0] if len(cities) == 1 else None
    close = difflib.get_close_matches(name.strip(), zones, n=1, cutoff=0.9)
    return close[0] if close else None
