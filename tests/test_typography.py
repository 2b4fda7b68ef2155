"""Punctuation is the locale's: the catalogs' typography on every label, CLDR's interval
dashes, one pair of brackets, words that agree with a moderator's gender."""

from __future__ import annotations

import re
from pathlib import Path

import attrs
import pytest

import confdocs
from confdocs.view import Labels, builtin_catalog
from confdocs.view.formatting import time_separator
from confdocs.view.labels import Typography
from tests.conftest import HAGUE, confdocs_cli

NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.fixture(scope="module")
def hague() -> confdocs.model.Event:
    return confdocs.load_event(HAGUE)


def test_french_typography_spaces_every_mark() -> None:
    rules = Labels("fr").typography
    assert rules.apply("Salle: {value}") == f"Salle{NBSP}: {{value}}"
    assert rules.apply("Salle : x ; y ! z ? «mot»") == (
        f"Salle{NBSP}: x{NNBSP}; y{NNBSP}! z{NNBSP}? «{NNBSP}mot{NNBSP}»"
    )
    # Times and addresses are not punctuation.
    assert rules.apply("09:30 https://example.org") == "09:30 https://example.org"
    assert Typography().apply("Salle : x") == "Salle : x"


@pytest.mark.parametrize("key", sorted(builtin_catalog("fr")))
def test_no_french_label_has_a_mark_without_its_space(key: str) -> None:
    text = Labels("fr")[key]
    for mark in ":;!?":
        for found in re.finditer(re.escape(mark) + r"(?=\s|$|\{)", text):
            before = text[found.start() - 1] if found.start() else ""
            assert before in (NBSP, NNBSP), (key, text)


def test_a_plugin_label_gets_the_typography_too() -> None:
    labels = Labels("fr", {"room": "Amphithéâtre", "label_value": "{label}: {value}"})
    assert labels["label_value"] == f"{{label}}{NBSP}: {{value}}"


@pytest.mark.parametrize(
    ("locale", "separator"),
    [("en_GB", "–"), ("en", f"{NNBSP}–{NNBSP}"), ("fr", f"{NNBSP}–{NNBSP}"), ("de", "–"),
     ("es", "–"), ("ar", "–"), ("uk", "–")],
)
def test_time_ranges_join_as_cldr_intervals_do(locale: str, separator: str) -> None:
    from babel import Locale

    assert time_separator(locale) == separator
    # The separator is CLDR's own (its thin spaces made no-break), not one written here.
    first = Locale.parse(locale).interval_formats["Hm"]["H"][0]
    assert first.endswith(separator.replace(NNBSP, "\u2009"))


def test_the_programme_shows_ranges_with_the_locales_dash(hague: confdocs.model.Event) -> None:
    for locale, expected in (("en_GB", "14h00–16h00"), ("fr", f"14h00{NNBSP}–{NNBSP}16h00")):
        view = confdocs.make_view(hague, locale)
        times = [slot.time for day in view.programme for slot in day.slots]
        assert expected in times
        assert not any(" - " in t for t in times)


def test_a_bracketed_note_shares_the_durations_brackets(hague: confdocs.model.Event) -> None:
    view = confdocs.make_view(hague)
    panel = view.programme[1].slots[1].sessions[0]
    lines = [item.line.plain for item in panel.contributions]
    assert lines[0] == "Delegation of Argentina (LATAM, 10\u00a0mins)"
    assert lines[3].endswith("Eurojust for Europe (10\u00a0mins)")
    assert not any(") (" in text for text in lines)
    roles = [span.role for span in panel.contributions[0].line]
    assert "note" in roles and "duration" in roles


def moderators_line(event: confdocs.model.Event, locale: str, genders: list[str | None]) -> str:
    people = [attrs.evolve(p, gender=g) for p, g in zip(event.people[:3], genders, strict=False)]
    rest = event.people[len(people) :]
    slot = attrs.evolve(
        event.programme.days[1].slots[1], moderators=tuple(p.id for p in people)
    )
    days = list(event.programme.days)
    days[1] = attrs.evolve(days[1], slots=(slot,))
    changed = attrs.evolve(
        event, people=(*people, *rest), programme=attrs.evolve(event.programme, days=tuple(days))
    )
    line = confdocs.make_view(changed, locale).programme[1].slots[0].sessions[0].moderators_line
    assert line is not None
    return line.plain.split(":")[0].rstrip(NBSP)


@pytest.mark.parametrize(
    ("locale", "genders", "word"),
    [
        ("fr", ["female"], "Modératrice"),
        ("fr", ["male"], "Modérateur"),
        ("fr", [None], "Modération"),
        ("fr", ["neutral"], "Modération"),
        ("fr", ["female", "female"], "Modératrices"),
        ("fr", ["female", "male"], "Modérateurs"),
        ("fr", ["female", None], "Modération"),
        ("es", ["female"], "Moderadora"),
        ("es", [None], "Moderación"),
        ("pt", ["female", "female"], "Moderadoras"),
        ("de", ["female"], "Moderatorin"),
        ("de", ["female", "male"], "Moderation"),
        ("ar", ["female"], "مديرة الجلسة"),
        ("uk", ["female"], "Модераторка"),
        ("uk", ["male"], "Модератор"),
        ("uk", [None], "Модерує"),
        ("uk", ["female", "female"], "Модераторки"),
        ("uk", ["female", "male"], "Модератори"),
        ("uk", ["female", None], "Модерують"),
        ("en_GB", ["female"], "Moderator"),
        ("en_GB", ["female", "male"], "Moderators"),
    ],
)
def test_the_moderator_label_agrees_with_the_moderators(
    hague: confdocs.model.Event, locale: str, genders: list[str | None], word: str
) -> None:
    assert moderators_line(hague, locale, genders) == word


def test_a_discussion_says_who_moderates_without_agreeing_with_its_text(
    hague: confdocs.model.Event,
) -> None:
    view = confdocs.make_view(hague, "fr")
    case_studies = view.programme[1].slots[9].sessions[0].discussion
    assert case_studies is not None
    assert case_studies.line.plain == (
        f"Discussion among participants – modération{NBSP}: Manuel DE ALMEIDA PEREIRA (15{NBSP}min)"
    )
    alone = view.programme[1].slots[2].sessions[0].discussion
    assert alone is not None and alone.line.plain.startswith("Discussion modérée par ")


def test_a_build_in_another_locale_names_its_files_apart(tmp_path: Path) -> None:
    for locale in ("fr", "pt_BR", None):
        args = ["--locale", locale] if locale else []
        result = confdocs_cli("build", str(HAGUE), "-f", "md", "-o", str(tmp_path), *args)
        assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["hague-2019.fr.md", "hague-2019.md", "hague-2019.pt-BR.md"]
    assert "Programme" in (tmp_path / "hague-2019.md").read_text("utf-8")
    assert "Programa" in (tmp_path / "hague-2019.pt-BR.md").read_text("utf-8")


def test_the_event_locale_given_explicitly_keeps_the_plain_name(
    hague: confdocs.model.Event,
) -> None:
    result = confdocs.build(hague, ["md"], {"locale": "en_GB"})
    assert result.documents[0].filename == "hague-2019.md"
    result = confdocs.build(hague, ["md"], {"locale": "en"})
    assert result.documents[0].filename == "hague-2019.en.md"


def test_figures_in_the_organisers_texts_are_written_as_the_locale_writes_numbers(
    hague: confdocs.model.Event,
) -> None:
    many = attrs.evolve(
        hague,
        participants=attrs.evolve(hague.participants, stated_total=attrs.evolve(
            hague.participants.stated_total, value=1250)),  # type: ignore[arg-type]
    )  # fmt: skip
    text = {loc: confdocs.make_view(many, loc).participants.total_text for loc in ("en_GB", "fr")}
    assert "approximately 1,250 participants" in text["en_GB"].plain  # type: ignore[union-attr]
    assert f"approximately 1{NNBSP}250 participants" in text["fr"].plain  # type: ignore[union-attr]
