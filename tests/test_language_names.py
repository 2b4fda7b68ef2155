"""The languages a participant's certificate cannot be in are named as people read them, and
the languages it can be in are those the build really has: shipped, or from a plugin."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from click.testing import CliRunner

import confdocs
from confdocs import hookimpl
from confdocs.cli import cli
from confdocs.view.labels import builtin_catalog, builtin_locales

from .conftest import HAGUE

HEADER = "name,email,country,group,role,id,title,family_name,consent,language,attended,phone\n"
ROWS = (
    "Ani Petrosyan,ani@x.example,AM,glacy-plus,prosecutor,,,,,hy,2019-09-30,\n"
    "Ion Rusu,ion@x.example,MD,glacy-plus,prosecutor,,,,,ro,2019-09-30,\n"
    "Nino Beridze,nino@x.example,GE,glacy-plus,prosecutor,,,,,ka,2019-09-30,\n"
)


class Georgian:
    """Every label for Georgian (the English wording stands in for it here)."""

    @hookimpl
    def confdocs_labels(self, locale: str) -> Any:
        return dict(builtin_catalog("en")) if locale.split("_")[0] == "ka" else None


def told(tmp_path: Path, *plugins: object) -> list[str]:
    table = tmp_path / "registrations.csv"
    table.write_text(HEADER + ROWS, "utf-8")
    host = confdocs.get_plugin_manager(load_entrypoints=False, plugins=plugins)
    result = CliRunner().invoke(cli, ["check", str(HAGUE), "-r", str(table)], obj={"host": host})
    lines = result.stdout.splitlines()
    return [
        lines[n + 1].strip()
        for n, line in enumerate(lines)
        if line.strip().startswith("registrations.language-without-labels")
    ]


def test_each_language_is_named_by_its_language_part(tmp_path: Path) -> None:
    has = ", ".join(builtin_locales())
    tail = f"so their certificate is in English; it has {has} (a plugin's confdocs_labels hook adds a language)"
    assert told(tmp_path) == [
        f"Ani Petrosyan: confdocs has no labels for Armenian (hy_AM), {tail}",
        f"Ion Rusu: confdocs has no labels for Romanian (ro_MD), {tail}",
        f"Nino Beridze: confdocs has no labels for Georgian (ka_GE), {tail}",
    ]


def test_a_language_a_plugin_gives_labels_for_is_among_those_it_has(tmp_path: Path) -> None:
    has = ", ".join(sorted({*builtin_locales(), "ka"}))
    warned = told(tmp_path, Georgian())
    assert [line.split(":")[0] for line in warned] == ["Ani Petrosyan", "Ion Rusu"]
    assert all(f"; it has {has} (a plugin's" in line for line in warned), warned
