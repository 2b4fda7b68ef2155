"""Babel's merged locale data, kept in the cache folder by the command line
(confdocs.kept_locales): the next process reads none of Babel's files for a locale it kept,
what it takes is what Babel would have made, and a damaged or refused file changes nothing."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from .conftest import built_twice, cache_files, cached_run

# A process that keeps the locales, counts Babel's own unpickling of its files, and asks
# what a document asks of a locale.
SCRIPT = textwrap.dedent(
    """
    import datetime, json, sys
    from confdocs.kept_locales import keep_locale_data
    keep_locale_data()
    import babel.core, babel.localedata, babel.dates, babel.lists
    read = []
    real = babel.localedata.pickle.load
    def counting(file, *args, **kwargs):
        read.append(file.name.rsplit("/", 1)[-1])
        return real(file, *args, **kwargs)
    babel.localedata.pickle.load = counting
    babel.core.pickle.load = counting
    from babel import Locale
    answers = {}
    for name in sys.argv[1:]:
        locale = Locale.parse(name)
        day = datetime.date(2019, 9, 30)
        answers[name] = [
            locale.territories["NL"], locale.languages["ar"],
            babel.dates.format_date(day, "full", locale=locale),
            babel.dates.format_interval(day, datetime.date(2019, 10, 1), "yMMMd", locale=locale),
            babel.lists.format_list(["a", "b", "c"], locale=locale),
            locale.plural_form(2),
        ]
    load = babel.localedata.load
    print(json.dumps({
        "read": read, "answers": answers, "replaced": load.__module__ != "babel.localedata",
        "same": all(load(n) is load(n) for n in sys.argv[1:]),
    }))
    """
)


def run(tmp_path: Path, *locales: str, **env: str) -> dict[str, object]:
    result: dict[str, object] = cached_run(tmp_path, SCRIPT, *locales, seed=None, **env)
    return result


def kept_files(tmp_path: Path) -> list[Path]:
    return cache_files(tmp_path, "locales")


def test_the_next_process_reads_none_of_babels_files_for_a_kept_locale(tmp_path: Path) -> None:
    first = run(tmp_path, "en", "en_GB", "fr")
    assert "root.dat" in first["read"] and "en_GB.dat" in first["read"]  # type: ignore[operator]
    assert first["replaced"] and first["same"]
    assert [f.name.split("-")[1] for f in kept_files(tmp_path)] == ["en", "fr", "root"]
    second = run(tmp_path, "en", "en_GB", "fr")
    assert second["read"] == [], "Babel's files, its global data included, are not read"
    assert second["answers"] == first["answers"]
    assert second["same"]
    answers = first["answers"]
    assert answers["en_GB"][2] == "Monday, 30 September 2019"  # type: ignore[index]
    assert answers["fr"][0] == "Pays-Bas"  # type: ignore[index]
    # Another locale of a kept language is made by Babel from the kept parent, and kept.
    third = run(tmp_path, "fr_CA")
    assert sorted(third["read"]) == ["fr_CA.dat", "global.dat"]  # type: ignore[arg-type]
    assert run(tmp_path, "fr_CA", "fr")["read"] == []


@pytest.mark.parametrize("damage", ["cut", "a byte flipped", "not a locale"])
def test_a_damaged_file_changes_nothing(tmp_path: Path, damage: str) -> None:
    expected = run(tmp_path, "en_GB")["answers"]
    [kept] = [f for f in kept_files(tmp_path) if f.name.startswith("locales-en-")]
    data = kept.read_bytes()
    if damage == "cut":
        damaged = data[: len(data) // 2]
    elif damage == "a byte flipped":
        middle = len(data) * 2 // 3
        damaged = data[:middle] + bytes([data[middle] ^ 0x5A]) + data[middle + 1 :]
    else:  # sealed as the folder seals it, but holding something else
        import pickle

        from confdocs import kept_locales

        folder = kept_locales.Folder(kept.parent, max_entries=4)
        body = pickle.dumps({"en_GB": ["not", "a", "locale"], "de": {}})
        folder.write_sealed(kept.name, kept_locales.MAGIC, body)
        damaged = kept.read_bytes()
    kept.write_bytes(damaged)
    again = run(tmp_path, "en_GB")
    assert again["answers"] == expected
    assert "en_GB.dat" in again["read"]  # type: ignore[operator]
    assert run(tmp_path, "en_GB")["read"] == [], "the file was made again"


def test_the_cache_off_or_a_folder_others_may_write_is_not_used(tmp_path: Path) -> None:
    assert not run(tmp_path, "en", CONFDOCS_TEMPLATE_CACHE="off")["replaced"]
    assert kept_files(tmp_path) == []
    folder = tmp_path / "confdocs" / "locales"
    folder.mkdir(parents=True)
    folder.chmod(0o777)
    assert not run(tmp_path, "en")["replaced"]
    assert kept_files(tmp_path) == []


def test_a_name_that_is_no_locale_goes_to_babel(tmp_path: Path) -> None:
    script = textwrap.dedent(
        """
        from confdocs.kept_locales import keep_locale_data
        keep_locale_data()
        import babel.localedata
        for name in ("../../etc/passwd", "en/../en", ""):
            try:
                babel.localedata.load(name)
            except Exception as exc:
                print(type(exc).__name__)
            else:
                print("loaded")
        """
    )
    said = [
        subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "XDG_CACHE_HOME": str(tmp_path), "CONFDOCS_TEMPLATE_CACHE": off},
            check=True,
        ).stdout
        for off in ("off", "")
    ]
    assert said[0] == said[1], "as Babel answers"
    names = [f.name for f in kept_files(tmp_path)]
    assert all(re.fullmatch("locales-[a-z]+-[0-9a-f]{24}", name) for name in names), names


def test_a_command_with_kept_locales_writes_the_same_documents(tmp_path: Path) -> None:
    outputs = built_twice(tmp_path, seeded=False, kept=lambda: kept_files(tmp_path / "cache"))
    assert outputs[0] == outputs[1]
