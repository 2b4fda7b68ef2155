"""Texts in several languages (issue 17): written per language, loaded, checked, dumped, and
chosen for a document's language with the default language's text where one is missing."""

from __future__ import annotations

import json
import operator
from pathlib import Path

import pytest

import confdocs
from confdocs.model import Translated

EVENT = """\
id: demo
title: {en: Opening day, fr: Journée d’ouverture}
start: 2024-03-12
end: 2024-03-12
settings:
  languages: [en, fr]
  time_format: {en: "HH:mm", fr: "HH'h'mm"}
include: [catalog.yaml]
people:
  - id: ana
    given_name: Ana
    family_name: Lima
    position: {en: Prosecutor, fr: Procureure}
sections:
  - id: context
    title: {en: Background, fr: Contexte}
    body: {en: "Data is **abroad**.", fr: "Les données sont **à l’étranger**."}
  - id: aims
    title: Objectives
    body: {fr: "Des buts.", en: "Some aims."}
programme:
  days:
    - date: 2024-03-12
      slots:
        - start: 09:00
          title: {en: Opening, fr: Ouverture}
          contributions:
            - {people: [ana], duration: 10}
        - {start: 09:30, kind: break}
"""

CATALOG = """\
people:
  - id: bo
    given_name: Bo
    family_name: Berg
    position: {en: Judge, fr: Juge, de: Richterin, sv: Domare}
  - {id: unused, given_name: Cy, family_name: Dahl, position: Clerk}
"""


@pytest.fixture
def event_file(tmp_path: Path) -> Path:
    (tmp_path / "catalog.yaml").write_text(CATALOG, encoding="utf-8")
    path = tmp_path / "event.yaml"
    path.write_text(EVENT, encoding="utf-8")
    return path


def test_a_text_per_language_loads_as_the_default_language_s_text(event_file: Path) -> None:
    event = confdocs.load_event(event_file)
    assert isinstance(event.title, Translated)
    assert event.title == Translated({"en": "Opening day", "fr": "Journée d’ouverture"})
    # As text, the default language's: code that reads a field as text reads that one.
    assert str(event.title) == "Opening day" and event.title.upper() == "OPENING DAY"
    # Written fr first, kept with the default language first.
    assert list(event.sections[1].body.texts) == ["en", "fr"]
    assert event.settings.locale == "en"  # no locale: the first language's
    # A shared catalog may hold languages the event does not declare.
    assert event.person("bo").position.texts["sv"] == "Domare"


def test_a_translated_text_equals_plain_text_only_in_one_language() -> None:
    both = Translated({"en": "Opening", "fr": "Ouverture"})
    # str's own comparison, with the plain text on the left, asks the translated text first.
    assert both != "Opening" and operator.ne("Opening", both)
    assert Translated({"en": "Opening"}) == "Opening"
    assert both != Translated({"fr": "Ouverture", "en": "Opening"})  # another default
    assert hash(both) == hash("Opening")


def test_dump_writes_each_language_and_loads_back_equal(event_file: Path, tmp_path: Path) -> None:
    event = confdocs.load_event(event_file)
    for fmt in ("yaml", "json"):
        copy = tmp_path / f"copy.{fmt}"
        copy.write_text(confdocs.dump_event(event, fmt), encoding="utf-8")
        assert confdocs.load_event(copy) == event
    data = json.loads(confdocs.dump_event(event, "json"))
    assert data["title"] == {"en": "Opening day", "fr": "Journée d’ouverture"}
    assert data["settings"]["time_format"] == {"en": "HH:mm", "fr": "HH'h'mm"}


def test_a_view_in_a_language_holds_that_language_s_plain_text(event_file: Path) -> None:
    event = confdocs.load_event(event_file)
    view = confdocs.make_view(event, "fr")
    assert view.title == "Journée d’ouverture" and type(view.title) is str
    assert view.sections[0].title == "Contexte"
    assert view.sections[0].body.plain == "Les données sont à l’étranger."
    slot = view.programme[0].slots[0]
    assert (slot.heading, slot.time) == ("Ouverture", "09h00")  # the French time pattern
    assert slot.sessions[0].contributions[0].line.plain == "Ana Lima, Procureure (10\u00a0min)"
    # What has no French text is the English one, and the view says which.
    assert view.sections[1].title == "Objectives"
    assert view.fallbacks == ("sections[1].title",)
    assert view.text_language == "fr"
    english = confdocs.make_view(event)
    assert (english.title, english.programme[0].slots[0].time) == ("Opening day", "09:00")
    assert english.fallbacks == ()


def test_a_regional_locale_takes_its_language_s_texts(event_file: Path) -> None:
    view = confdocs.make_view(confdocs.load_event(event_file), "fr_CA")
    assert (view.title, view.text_language) == ("Journée d’ouverture", "fr")


def test_names_stay_as_written_and_unshown_catalog_entries_are_not_reported(
    event_file: Path,
) -> None:
    event = confdocs.load_event(event_file)
    found = confdocs.for_language(event, "fr")
    # Bo and the unused clerk speak nowhere: their positions are not the document's.
    assert found.fallbacks == ("sections[1].title",)
    assert found.event.person("ana").given_name == "Ana"


def test_the_build_says_once_which_texts_fell_back(event_file: Path, run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    done = run_cli("build", str(event_file), "-f", "md", "-l", "fr", "-o", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    assert lines[0] == (
        "confdocs: warning: demo: 1 text shown in English (en), having no French (fr) text "
        "(confdocs check lists every missing translation):"
    )
    assert lines[1] == f"  {event_file}:19:12 sections[1].title"
    assert len(lines) == 2
    text = (tmp_path / "out" / "demo.fr.md").read_text(encoding="utf-8")
    assert "## Contexte" in text and "## Objectives" in text
    # The default language's build says nothing.
    quiet = run_cli("build", str(event_file), "-f", "md", "-o", str(tmp_path / "out"))
    assert quiet.stderr == ""


def test_a_language_the_event_is_not_written_in_is_said_in_one_line(
    event_file: Path, run_cli, tmp_path: Path  # type: ignore[no-untyped-def]
) -> None:
    done = run_cli("build", str(event_file), "-f", "md", "-l", "es", "-o", str(tmp_path))
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip() == (
        "confdocs: warning: demo: the event is not written in Spanish (es) "
        "(settings.languages: en, fr): its texts are in English (en)"
    )


def test_check_reports_every_missing_translation_at_its_place(event_file: Path) -> None:
    event = confdocs.load_event(event_file)
    findings = [f for f in confdocs.check(event) if f.code.startswith("languages.")]
    assert [(f.code, f.path, f.line, f.severity.value) for f in findings] == [
        ("languages.missing-translation", "sections[1].title", 19, "warning")
    ]
    assert findings[0].file == str(event_file)
    assert findings[0].message == (
        "no French (fr) text: documents in French show the English (en) one"
    )
    assert findings[0].validator == "languages"


def test_a_declared_language_without_labels_is_an_error_of_check(
    event_file: Path, tmp_path: Path
) -> None:
    text = EVENT.replace("[en, fr]", "[en, ja]").replace("fr:", "ja:").replace("fr: ", "ja: ")
    path = tmp_path / "ja.yaml"
    path.write_text(text, encoding="utf-8")
    findings = confdocs.check(confdocs.load_event(path))
    [labels] = [f for f in findings if f.code == "locale.missing-labels"]
    assert (labels.path, labels.line) == ("settings.languages[1]", 6)
    assert "locale 'ja' (Japanese) has no labels" in labels.message


def test_the_schema_takes_a_text_per_language(event_file: Path) -> None:
    import jsonschema

    from confdocs.authoring.schema import event_schema
    from confdocs.loading.sources import read_source

    validator = jsonschema.Draft7Validator(event_schema())
    data = dict(read_source(event_file, "event").data)
    assert list(validator.iter_errors(data)) == []
    data["id"] = {"en": "demo"}  # an id is the same in every language
    assert [e.json_path for e in validator.iter_errors(data)] == ["$.id"]
    # The example written in French and Arabic, and its catalogs' people and organisations.
    tunis = Path(__file__).resolve().parent.parent / "examples" / "tunis-2025"
    assert list(validator.iter_errors(dict(read_source(tunis / "event.yaml", "event").data))) == []
    for name in ("people", "organisations"):
        catalog = dict(read_source(tunis / "catalog" / f"{name}.yaml", "catalog").data)
        assert list(validator.iter_errors({"id": "x", "title": "x", "start": "2025-01-01",
                                            "end": "2025-01-01", **catalog})) == []


def test_conventions_given_for_a_language_apply_in_it_and_cldr_s_elsewhere(
    event_file: Path,
) -> None:
    text = EVENT.replace(
        "  time_format:", '  duration_format: {en: "{minutes} mins", fr: "{minutes} mn"}\n  time_format:'
    )
    event_file.write_text(text, "utf-8")
    event = confdocs.load_event(event_file)
    item = lambda view: view.programme[0].slots[0].sessions[0].contributions[0]  # noqa: E731
    assert item(confdocs.make_view(event)).duration == "10\u00a0mins"
    assert item(confdocs.make_view(event, "fr")).duration == "10\u00a0mn"
    # Given in English only: French documents write CLDR's French.
    event_file.write_text(text.replace(', fr: "{minutes} mn"', ""), "utf-8")
    event = confdocs.load_event(event_file)
    assert item(confdocs.make_view(event, "fr")).duration == "10\u00a0min"
