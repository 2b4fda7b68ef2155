"""Labels ("Programme", "Coffee break" …) and punctuation in the locale of the document.

The built-in catalogs are ``locales/<locale>.yaml``: one per language (en, fr, es, pt, de, ar, uk)
and regional variants that hold only the labels that differ (``pt_BR.yaml``). A locale's labels
are English's keys filled from its language's catalog, then its regional ones, then what
plugins give through the ``confdocs_labels`` hook. A locale whose labels are not all there is
refused (:class:`MissingLabelsError`, listing what is missing) rather than shown half in
English; English itself is the reference every other catalog is checked against.

A catalog may also hold ``typography``: how the language spaces its punctuation (French puts a
no-break space before ``:`` and a narrow one before ``;`` ``!`` ``?`` and inside « »). It is
applied to every label, built-in or from a plugin, so no label carries that rule by hand.

A label key may have grammatical variants for the people it names, ``key.female``,
``key.male`` and ``key.mixed``: :meth:`Labels.variant` picks one from their genders, and falls
back to the plain key, which is the neutral wording.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from importlib import resources
from typing import Any

import attrs

from ..errors import ConfdocsError

_PLACEHOLDER = re.compile(r"\{(\w+)\}")
#: The catalog every other is checked against: its keys are the labels a locale must have.
REFERENCE = "en"
#: Keys of a catalog file that are not labels.
_NOT_LABELS = frozenset({"typography", "unit_width", "region", "contractions"})
#: Labels a catalog may leave out, each with the default the code gives it (a language that
#: says them otherwise has them): a plugin's catalog made before them still builds.
OPTIONAL = frozenset(
    {
        "interpretation_language_next",
        "interpretation_single",
        "certificate_attended_part_one",
        "certificate_attended_part_other",
        "certificate_held_one",
        "certificate_held_other",
        "letter_allocation_countries",
        "first_of_month",
        "times",
        "change_day_moved",
        "letter_invitation_online",
        "certificate_attended_online",
        "certificate_attended_part_one_online",
        "certificate_attended_part_other_online",
        "days_range",
        "certificate_days_range",
        "certificate_attended_part_range",
        "certificate_attended_part_range_online",
        "certificate_held_range",
        "attending_online",
        "when_one",
        "when_other",
        "when_range",
        # The forms of a count of seats a change gives (CLDR's plural rule of its new count).
        "change_seats_changed_one",
        "change_seats_changed_other",
        "change_online_seats_changed_one",
        "change_online_seats_changed_other",
        "change_online_seats_allocation_one",
        "change_online_seats_allocation_other",
    }
)
#: The spaces a typography rule replaces (a plain, a no-break or a narrow no-break space).
_SPACES = "[ \u00a0\u202f\u2009]"


#: An optional label's forms: of a count, a gender, a span, an event online.
_FORM = re.compile(r"(?:_(?:zero|one|two|few|many|other|range|online)|\.(?:female|male|mixed))$")
#: Optional labels made from another (its wording mid-line, …), by the label they refine.
_DERIVED = {"attending_online": "online"}


def _refinements_of(extra: Mapping[str, str], merged: Mapping[str, str]) -> list[str]:
    """The shipped optional labels (and gendered forms, ``key.female``) that refine one
    ``extra`` gives (its plural or gendered forms, its wording mid-line) and ``extra`` does
    not give itself: a plugin's own wording of a label stands for all of them, so they are
    left out."""
    out = []
    for key in OPTIONAL | {k for k in merged if "." in k}:
        if key in extra:
            continue
        base = key
        while _FORM.search(base):
            base = _FORM.sub("", base)
        if (base != key and base in extra) or _DERIVED.get(key) in extra:
            out.append(key)
    return out


class MissingLabelsError(ConfdocsError):
    """A locale without all its labels: no catalog for its language, or a partial one."""

    def __init__(self, locale: str, missing: Sequence[str]) -> None:
        self.locale = locale
        self.missing = tuple(missing)
        super().__init__(missing_labels_message(locale, self.missing))


def missing_labels_message(locale: str, missing: Sequence[str]) -> str:
    more = f" and {len(missing) - 12} more" if len(missing) > 12 else ""
    shown = ", ".join(missing[:12]) + more
    where = _language_name(locale)
    return (
        f"locale {locale!r}{where} has no labels for {len(missing)} of the document's "
        f"{len(reference_keys())} labels ({shown}); confdocs has catalogs for "
        f"{', '.join(builtin_locales())}: add one (a YAML file in confdocs/view/locales/, "
        "or a plugin's confdocs_labels hook; see docs/event-files.md, 'Languages')"
    )


def _language_name(locale: str) -> str:
    from babel import Locale, UnknownLocaleError

    try:
        name = Locale.parse(locale).get_display_name("en")
    except (UnknownLocaleError, ValueError, TypeError):
        return ""
    return f" ({name})" if name else ""


@functools.cache
def _catalog_file(name: str) -> Mapping[str, Any]:
    """The shipped catalog file ``locales/<name>.yaml`` as data, or an empty mapping."""
    import yaml

    try:
        folder = resources.files("confdocs.view").joinpath("locales")
        text = folder.joinpath(f"{name}.yaml").read_text("utf-8")
    except (FileNotFoundError, OSError):
        return {}
    # The shipped catalogs are ours: libyaml's loader reads them ten times faster (0.4 against
    # 3 ms each), with the same safe schema.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(text, Loader=loader) or {}
    return data if isinstance(data, dict) else {}


@functools.cache
def builtin_catalog(locale: str) -> Mapping[str, str]:
    """The labels of the shipped catalog for ``locale`` (``en``, ``pt_BR``), or none."""
    return {
        str(k): "" if v is None else str(v)
        for k, v in _catalog_file(locale).items()
        if k not in _NOT_LABELS
    }


@functools.cache
def builtin_locales() -> tuple[str, ...]:
    """The locales confdocs ships a catalog for."""
    folder = resources.files("confdocs.view").joinpath("locales")
    return tuple(
        sorted(p.name[: -len(".yaml")] for p in folder.iterdir() if p.name.endswith(".yaml"))
    )


@functools.cache
def reference_keys() -> tuple[str, ...]:
    """The labels every locale must have: the reference catalog's keys, variants aside."""
    return tuple(k for k in builtin_catalog(REFERENCE) if "." not in k and k not in OPTIONAL)


def catalog_chain(locale: str) -> tuple[str, ...]:
    """The catalogs that make up ``locale``'s labels, most general first: ``pt_BR`` →
    ``("pt", "pt_BR")``; ``zh_Hant_TW`` → ``("zh", "zh_Hant", "zh_TW", "zh_Hant_TW")``."""
    parts = re.split(r"[_-]", locale)
    language = parts[0].lower()
    script = next((p for p in parts[1:] if len(p) == 4 and p.isalpha()), None)
    region = next((p for p in parts[1:] if len(p) in (2, 3) and p.isalnum()), None)
    chain = [language]
    if script:
        chain.append(f"{language}_{script.title()}")
    if region:
        chain.append(f"{language}_{region.upper()}")
    if script and region:
        chain.append(f"{language}_{script.title()}_{region.upper()}")
    return tuple(dict.fromkeys(chain))


@attrs.frozen
class Typography:
    """How a language spaces its punctuation: the space put before some marks (French ``:``
    ``;`` ``!`` ``?`` ``»``) and after others (``«``). Applied to labels, never to the
    organiser's own text."""

    space_before: Mapping[str, str] = attrs.field(factory=dict)
    space_after: Mapping[str, str] = attrs.field(factory=dict)

    @classmethod
    def from_data(cls, data: object) -> Typography:
        if not isinstance(data, Mapping):
            return cls()
        return cls(
            {str(k): str(v) for k, v in (data.get("space_before") or {}).items()},
            {str(k): str(v) for k, v in (data.get("space_after") or {}).items()},
        )

    def merged(self, other: Typography) -> Typography:
        return Typography(
            {**self.space_before, **other.space_before}, {**self.space_after, **other.space_after}
        )

    @functools.cached_property
    def _rules(self) -> tuple[tuple[re.Pattern[str], str], ...]:
        rules = []
        for mark, space in self.space_before.items():
            # After a word or a placeholder, before a space, the end or a placeholder: "Salle :",
            # "{label} :", never "09:30" or "https://".
            pattern = rf"(?<=[^\s]){_SPACES}?{re.escape(mark)}(?=\s|$|\{{)"
            if mark in "»”›":
                pattern = rf"(?<=[^\s]){_SPACES}?{re.escape(mark)}"
            rules.append((re.compile(pattern), space + mark))
        for mark, space in self.space_after.items():
            rules.append((re.compile(rf"{re.escape(mark)}{_SPACES}?(?=[^\s])"), mark + space))
        return tuple(rules)

    def apply(self, text: str) -> str:
        for pattern, replacement in self._rules:
            text = pattern.sub(replacement, text)
        return text


def builtin_typography(locale: str) -> Typography:
    out = Typography()
    for name in catalog_chain(locale):
        out = out.merged(Typography.from_data(_catalog_file(name).get("typography")))
    return out


def fill(template: str, values: Mapping[str, object]) -> str:
    """Replace ``{name}`` by ``values[name]``; unknown names stay as written. A value that
    ends with a full stop takes the place of the pattern's own after it: a Ukrainian date
    ends "2027 р.", a Bulgarian "2027 г.", and "… held on {date}." says one.

    Unlike ``str.format`` this cannot reach attributes, so user text is safe to fill.
    """
    def filled(found: re.Match[str]) -> str:
        name, stop = found.group(1), found.group(2)
        if name not in values:
            return found.group(0)
        text = str(values[name])
        return text if text.endswith(".") else text + stop

    return _PLACEHOLDER_AND_STOP.sub(filled, template)


#: A placeholder, and the full stop right after it if there is one.
_PLACEHOLDER_AND_STOP = re.compile(r"\{(\w+)\}(\.?)")


class Labels:
    """Labels for one locale: ``labels["programme"]``, ``labels.get("moderator", names=…)``.

    Raises :class:`MissingLabelsError` when the locale lacks any of the reference labels.
    """

    def __init__(self, locale: str, extra: Mapping[str, str] | None = None) -> None:
        self.locale = locale
        chain = catalog_chain(locale)
        merged: dict[str, str] = {}
        for name in chain:
            merged.update(builtin_catalog(name))
        if extra:  # a plugin's wording of a label stands for the shipped forms of it
            merged.update(extra)
            for key in _refinements_of(extra, merged):
                merged.pop(key, None)
        if chain[0] == REFERENCE:
            # English is the reference: a plugin's partial English wording falls back to it.
            merged = {**builtin_catalog(REFERENCE), **merged}
        missing = [key for key in reference_keys() if key not in merged]
        if missing:
            raise MissingLabelsError(locale, missing)
        self.typography = builtin_typography(locale)
        #: CLDR's width for units (durations): ``short`` ("10 min"), or ``long`` where a
        #: catalog asks for it ("10 دقائق").
        self.unit_width = "short"
        #: The region the language's catalog is written for, when it is not CLDR's likeliest
        #: (the ``pt`` catalog is European Portuguese: ``PT``, where CLDR would say Brazil).
        self.region: str | None = None
        #: A word and the article after it that the language writes as one (Spanish "a el"
        #: → "al"), where a name given with its article follows a label's word.
        self.contractions: dict[str, str] = {}
        for name in chain:
            data = _catalog_file(name)
            self.unit_width = str(data.get("unit_width", self.unit_width))
            self.region = str(data["region"]) if "region" in data else self.region
            found = data.get("contractions")
            if isinstance(found, Mapping):
                self.contractions.update({str(k): str(v) for k, v in found.items()})
        self.catalog: dict[str, str] = {k: self.typography.apply(v) for k, v in merged.items()}

    def __getitem__(self, key: str) -> str:
        return self.catalog.get(key, key)

    def get(self, key: str, **values: object) -> str:
        return fill(self[key], values)

    def contracted(self, template: str, placeholder: str, value: str) -> tuple[str, str]:
        """``template`` and the ``value`` of its ``{placeholder}``, contracted where the
        language writes a word and an article as one: "invitar a {recipient}" with "el
        Consejo de Europa" is "invitar al {recipient}" with "Consejo de Europa"."""
        for joined, one in self.contractions.items():
            word, _, article = joined.rpartition(" ")
            if not word or not value.startswith(f"{article} "):
                continue
            before = re.compile(rf"(?<!\w){re.escape(word)} (?=\{{{re.escape(placeholder)}\}})")
            if before.search(template):
                return before.sub(f"{one} ", template), value[len(article) + 1 :]
        return template, value

    def variant(self, key: str, genders: Iterable[str | None]) -> str:
        """The label ``key`` agreeing with the people it names: ``key.female`` when all are
        women, ``key.male`` when all are men, ``key.mixed`` for women and men; the plain key,
        the neutral wording, when a gender is not known or the catalog has no such variant."""
        known = set(genders)
        if not known or not known <= {"female", "male"}:
            return self[key]
        name = f"{key}.{known.pop()}" if len(known) == 1 else f"{key}.mixed"
        return self.catalog.get(name, self[key])

    def as_dict(self) -> dict[str, str]:
        return dict(self.catalog)


def missing_labels(locale: str, extra: Mapping[str, str] | None = None) -> tuple[str, ...]:
    """The reference labels ``locale`` lacks (none when it can be built)."""
    try:
        Labels(locale, extra)
    except MissingLabelsError as exc:
        return exc.missing
    return ()
