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


def is_language(code: str) -> bool:
    return code in _languages("en")


def country_name(code: str, locale: str = "en", overrides: Mapping[str, str] | None = None) -> str:
    if overrides and code in overrides:
        return overrides[code]
    return _territories(locale).get(code, code)


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


def is_time_zone(name: str) -> bool:
    """Is ``name`` a zone of the IANA database (``Europe/Amsterdam``, ``UTC``)?"""
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
    return f"{shown(name)} is not a time zone (use a name such as Europe/Amsterdam)"
