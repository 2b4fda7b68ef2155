"""Plugins are found as importlib.metadata finds them, without importing it."""

from __future__ import annotations

import importlib.metadata
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from confdocs.plugins import discovery
from tests.conftest import HAGUE


def pairs(found: object) -> list[tuple[str, str]]:
    return [(ep.name, ep.value) for ep in found]  # type: ignore[attr-defined]


def dist_info(site: Path, name: str, entry_points: str) -> Path:
    info = site / f"{name}-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(entry_points)
    return info


@pytest.mark.parametrize("group", ["confdocs", "console_scripts", "pytest11", "nothing-here"])
def test_the_same_entry_points_as_importlib_metadata(group: str) -> None:
    expected = pairs(importlib.metadata.entry_points(group=group))
    assert pairs(discovery.entry_points(group)) == expected


def test_the_first_distribution_of_a_name_wins_and_sections_are_read_alike(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    dist_info(
        first,
        "Some.Plugin",
        "# a comment\n[console_scripts]\nx = y\n\n[confdocs]\n  one = json:dumps [extra]\n"
        "two=os.path:join\n[other]\nthree = z\n",
    )
    dist_info(second, "some_plugin", "[confdocs]\nshadowed = json\n")
    monkeypatch.syspath_prepend(str(second))
    monkeypatch.syspath_prepend(str(first))
    found = [ep for ep in discovery.entry_points("confdocs") if ep.name in ("one", "two")]
    assert pairs(found) == [("one", "json:dumps [extra]"), ("two", "os.path:join")]
    assert "shadowed" not in {ep.name for ep in discovery.entry_points("confdocs")}
    assert pairs(found) == [
        p for p in pairs(importlib.metadata.entry_points(group="confdocs")) if p[0] in ("one", "two")
    ]
    import json
    import os.path

    assert found[0].load() is json.dumps and found[1].load() is os.path.join
    assert found[0].dist.version == "1.0" and found[0].dist.metadata["Name"] == "Some.Plugin"


def test_a_zip_on_the_path_is_left_to_importlib_metadata(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = tmp_path / "plugins.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("zipped-1.0.dist-info/METADATA", "Metadata-Version: 2.1\nName: zipped\n")
        z.writestr("zipped-1.0.dist-info/entry_points.txt", "[confdocs]\nzipped = zipped_mod\n")
    monkeypatch.syspath_prepend(str(archive))
    assert ("zipped", "zipped_mod") in pairs(discovery.entry_points("confdocs"))


def test_a_build_does_not_import_importlib_metadata(tmp_path: Path) -> None:
    code = (
        "import sys\nfrom confdocs.cli import main\n"
        "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        "print('importlib.metadata' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, "build", str(HAGUE), "-o", str(tmp_path), "-f", "md"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert out.stdout.splitlines()[-1] == "False", out.stderr
