"""Texts that count something: the catalog's ``key_one``, ``key_other`` … chosen by CLDR's
plural rule for the document's language (French counts 0 and 1 as "one", Arabic has six forms)."""

from __future__ import annotations

import functools
from collections.abc import Callable

from .labels import Labels


@functools.cache
def _rule(locale: str) -> Callable[[int], str]:
    from babel import Locale

    rule: Callable[[int], str] = Locale.parse(locale).plural_form
    return rule


def plural_key(labels: Labels, key: str, count: int) -> str:
    """The catalog key for ``count`` of ``key``: ``key_<form>`` when the catalog has it, else
    ``key_other``."""
    chosen = f"{key}_{_rule(labels.locale)(count)}"
    return chosen if chosen in labels.catalog else f"{key}_other"


def counted(labels: Labels, key: str, count: int, **values: object) -> str:
    """The catalog's text for ``count`` of ``key``, ``{n}`` and ``values`` filled in."""
    return labels.get(plural_key(labels, key, count), n=count, **values)
