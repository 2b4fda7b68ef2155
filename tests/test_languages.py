"""Every locale is fully labelled or refused: the shipped catalogs are complete, a locale
without one is refused with the labels it lacks (at build and as a ``check`` finding), and a
plugin can add a language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import confdocs
from confdocs import hookimpl
from confdocs.view import (
    Labels,
    MissingLabelsError,
    builtin_catalog,
    builtin_locales,
    reference_keys,
)
from tests.conftest import HAGUE, MINIMAL, confdocs_cli

PLACEHOLDER = re.compile(r"\{(\w+)\}")


def test_confdocs_ships_the_languages_of_its_events() -> None:
    assert {"en", "fr", "es", "pt", "pt_BR", "de", "ar", "uk"} <= set(builtin_locales())


@pytest.mark.parametrize("locale", builtin_locales())
def test_each_shipped_locale_has_every_label_with_englishs_placeholders(locale: str) -> None:
    labels = Labels(locale)  # raises when a label is missing
    english = builtin_catalog("en")
    for key, text in builtin_catalog(locale).items():
        base = key.split(".")[0]
        # A language may count in more forms than English (Arabic: "participants_two").
        plural = re.fullmatch(r"(.+)_(zero|one|two|few|many|other)", base)
        if base not in english and plural and f"{plural.group(1)}_other" in english:
            base = f"{plural.group(1)}_other"
        assert base in english, (locale, key, "not a label")
        if not english[base]:  # a form English does not use (first_of_month, days_range)
            continue
        wanted = set(PLACEHOLDER.findall(english[base]))
        if plural:  # a form for one number may say the number in words ("مشارك واحد")
            assert set(PLACEHOLDER.findall(text)) <= wanted, (locale, key)
            continue
        assert set(PLACEHOLDER.findall(text)) == wanted, (locale, key)
    assert set(reference_keys()) <= set(labels.as_dict())


@pytest.mark.parametrize("locale", builtin_locales())
def test_no_shipped_catalog_says_a_label_twice(locale: str) -> None:
    # YAML keeps the last of two equal keys without a word: two features choosing one name
    # ("list_number" for "1." and for a column's "No.") would silently break one of them.
    import collections

    from confdocs.view import labels as labels_module

    folder = Path(labels_module.__file__).parent / "locales"
    text = (folder / f"{locale}.yaml").read_text("utf-8")
    keys = re.findall(r"^([^\s#:][^:]*):", text, re.MULTILINE)
    assert [k for k, n in collections.Counter(keys).items() if n > 1] == []


def test_brazilian_portuguese_is_not_european() -> None:
    assert Labels("pt")["contacts"] == "Contactos"
    assert Labels("pt_BR")["contacts"] == "Contatos"
    assert Labels("pt_BR")["programme"] == Labels("pt")["programme"]  # the rest is pt's
    assert Labels("fr_CA")["programme"] == "Programme"  # a region without a catalog of its own


def test_a_locale_without_a_catalog_is_refused_with_what_it_lacks() -> None:
    with pytest.raises(MissingLabelsError) as caught:
        Labels("ja")
    message = str(caught.value)
    assert "'ja' (Japanese)" in message and "programme" in message
    assert f"no labels for {len(reference_keys())} of the document's" in message
    assert "confdocs_labels" in message


def test_the_cli_refuses_such_a_locale_in_one_line(tmp_path: Path) -> None:
    result = confdocs_cli("build", str(MINIMAL), "-f", "md", "-o", str(tmp_path), "--locale", "ja")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    [line] = result.stderr.strip().splitlines()
    assert "locale 'ja' (Japanese) has no labels" in line
    assert not list(tmp_path.iterdir())


def japanese_event(tmp_path: Path) -> Path:
    text = MINIMAL.read_text("utf-8").replace("  locale: en ", "  locale: ja ")
    assert "locale: ja" in text
    path = tmp_path / "event.yaml"
    path.write_text(text, "utf-8")
    return path


def test_an_event_in_such_a_locale_is_refused_at_its_line(tmp_path: Path) -> None:
    path = japanese_event(tmp_path)
    line = next(i for i, t in enumerate(path.read_text().splitlines(), 1) if "locale: ja" in t)
    result = confdocs_cli("build", str(path), "-f", "md", "-o", str(tmp_path / "out"))
    assert result.returncode == 2
    assert f"event.yaml:{line}:" in result.stderr
    assert "settings.locale: locale 'ja' (Japanese) has no labels" in result.stderr


def test_check_reports_it_with_a_stable_code(tmp_path: Path) -> None:
    event = confdocs.load_event(japanese_event(tmp_path))
    [finding] = [f for f in confdocs.check(event) if f.code == "locale.missing-labels"]
    assert finding.severity is confdocs.Severity.ERROR
    assert finding.path == "settings.locale" and finding.line is not None
    assert not [f for f in confdocs.check(confdocs.load_event(HAGUE)) if f.code.startswith("locale")]


class Italian:
    """A language added by a plugin: every label of the reference catalog, in Italian."""

    def __init__(self, leave_out: tuple[str, ...] = ()) -> None:
        self.leave_out = leave_out

    @hookimpl
    def confdocs_labels(self, locale: str) -> dict[str, str] | None:
        if not locale.startswith("it"):
            return None
        words = {"programme": "Programma", "contacts": "Contatti", "kind_break": "Pausa caffè"}
        labels = {key: words.get(key, f"[it] {text}") for key, text in builtin_catalog("en").items()}
        return {k: v for k, v in labels.items() if k not in self.leave_out}


def test_a_plugin_adds_a_language() -> None:
    host = confdocs.get_plugin_manager(load_entrypoints=False, plugins=[Italian()])
    event = confdocs.load_event(HAGUE)
    view = confdocs.prepare_view(event, {"locale": "it"}, host)
    assert view.labels["programme"] == "Programma"
    assert view.programme[1].slots[3].heading == "Pausa caffè"
    assert view.programme[1].date_text == "lunedì 30 settembre 2019"  # CLDR's
    assert [f for f in confdocs.check(event, plugins=host) if f.code.startswith("locale")] == []


def test_a_plugins_partial_language_is_refused_naming_the_gaps() -> None:
    host = confdocs.get_plugin_manager(
        load_entrypoints=False, plugins=[Italian(leave_out=("moderator", "kind_meal"))]
    )
    with pytest.raises(MissingLabelsError) as caught:
        confdocs.prepare_view(confdocs.load_event(HAGUE), {"locale": "it_IT"}, host)
    assert caught.value.missing == ("moderator", "kind_meal")
    assert "'it_IT' (Italian (Italy)) has no labels for 2 of" in str(caught.value)


def test_a_plugins_wording_of_a_label_stands_for_its_shipped_forms() -> None:
    """A plugin that words a label its way is not overruled by the shipped forms of it that
    came later (a review: the shipped "…_one"/"…_other" of a seat change beat a plugin's
    change_seats_changed, and "attending_online" its "online")."""
    mine = {
        "change_seats_changed": "{what}: {old} → {new} personnes",
        "online": "À distance",
        "certificate_attended": "a assisté à « {title} », à {place},",
    }
    labels = Labels("fr", mine)
    assert "change_seats_changed_one" not in labels.catalog
    assert "attending_online" not in labels.catalog
    arabic = Labels("ar", {"certificate_attended": "حضر/ت «{title}» في {place}،"})
    assert "certificate_attended.female" not in arabic.catalog
    assert "certificate_attended_part_one.female" in arabic.catalog  # another label's form
    shipped = Labels("fr")
    assert "change_seats_changed_one" in shipped.catalog
    assert shipped["attending_online"] == "en ligne"
