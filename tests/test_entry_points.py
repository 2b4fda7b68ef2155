"""The plugins' entry points, read from the distributions' folders, are the ones
``importlib.metadata`` finds, in its order; where the installation is more than folders, it is
``importlib.metadata`` that answers."""

from __future__ import annotations

import importlib.metadata
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from confdocs.plugins import entrypoints
from confdocs.plugins.entrypoints import entry_points


def _reference(group: str) -> list[tuple[str, str, str]]:
    return [(ep.name, ep.value, ep.group) for ep in importlib.metadata.entry_points(group=group)]


def _ours(group: str) -> list[tuple[str, str, str]]:
    return [(ep.name, ep.value, ep.group) for ep in entry_points(group)]


def _dist(site: Path, folder: str, text: str, name: str | None = None) -> Path:
    info = site / folder
    info.mkdir(parents=True)
    dist_name = name or folder.partition("-")[0]
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist_name}\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(text)
    return info


def test_this_installation_as_importlib_metadata_reads_it() -> None:
    for group in ("confdocs", "console_scripts", "pytest11"):
        assert _ours(group) == _reference(group)
    assert len(_ours("confdocs")) >= 10  # the built-in plugins


@pytest.fixture
def made_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    first, second = tmp_path / "first", tmp_path / "second"
    _dist(first, "Alpha_Plugin-1.0.dist-info", "[confdocs]\nalpha = alpha_mod:plugin\n")
    _dist(
        first,
        "beta-2.0.dist-info",
        "# a comment\n\n[console_scripts]\nb = beta:main\n"
        "[confdocs]\n  beta  =  beta.sub : obj.attr [extra1, extra2]\n# gamma = not\n"
        "beta_two = beta_two\n",
    )
    _dist(first, "legacy.egg-info", "[confdocs]\nlegacy = legacy_mod\n", name="legacy")
    # The same distribution again on a later path entry, spelt otherwise: left out.
    _dist(second, "alpha.plugin-0.9.dist-info", "[confdocs]\nold_alpha = old:plugin\n")
    _dist(second, "delta-1.0.dist-info", "[confdocs]\ndelta = delta_mod\n")
    (second / "not-metadata.txt").write_text("")
    monkeypatch.syspath_prepend(str(second))
    monkeypatch.syspath_prepend(str(first))
    monkeypatch.syspath_prepend(str(tmp_path / "missing"))  # a path entry that is not there
    importlib.invalidate_caches()
    return first, second


def test_made_up_distributions_as_importlib_metadata_reads_them(made_up: object) -> None:
    ours = _ours("confdocs")
    assert ours == _reference("confdocs")
    names = [name for name, _, _ in ours]
    # A folder's distributions come in the order it lists them; the folders in sys.path's.
    assert set(names[:4]) == {"alpha", "beta", "beta_two", "legacy"}
    assert names.index("beta") + 1 == names.index("beta_two")
    assert names[4] == "delta"
    assert "old_alpha" not in names
    assert _ours("console_scripts") == _reference("console_scripts")


def test_the_installation_is_read_without_importing_importlib_metadata(made_up: object) -> None:
    code = (
        "import sys; from confdocs.plugins.entrypoints import entry_points; "
        "eps = entry_points('confdocs'); assert len(eps) >= 10, eps; "
        "assert 'importlib.metadata' not in sys.modules; "
        "assert 'email' not in sys.modules; print('ok')"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.stdout.strip() == "ok", result.stderr


def test_a_zip_on_the_path_is_left_to_importlib_metadata(
    made_up: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = tmp_path / "zipped.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("zeta-1.0.dist-info/METADATA", "Metadata-Version: 2.1\nName: zeta\n")
        zipped.writestr("zeta-1.0.dist-info/entry_points.txt", "[confdocs]\nzeta = zeta_mod\n")
    monkeypatch.syspath_prepend(str(archive))
    importlib.invalidate_caches()
    assert entrypoints._read_folders("confdocs", sys.path) is None
    ours = _ours("confdocs")
    assert ours == _reference("confdocs")
    assert ours[0][0] == "zeta"
    assert entry_points("confdocs")[0].dist is not None


def test_an_entry_point_loads_its_attribute_and_names_its_distribution(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    _dist(site, "epsilon_dist-3.1.dist-info", "[confdocs]\neps = epsilon_mod:Holder.value\n")
    (site / "epsilon_mod.py").write_text("class Holder:\n    value = 42\n")
    monkeypatch.syspath_prepend(str(site))
    importlib.invalidate_caches()
    (ep,) = [ep for ep in entry_points("confdocs") if ep.name == "eps"]
    assert ep.load() == 42
    assert ep.dist is not None
    assert (ep.dist.metadata["Name"], ep.dist.version) == ("epsilon_dist", "1.0")
    with pytest.raises(ValueError, match="not module"):
        entrypoints.EntryPoint("bad", "not a value", "confdocs").load()


@pytest.mark.parametrize(
    "content",
    [b"[confdocs]\nbad = caf\xe9_module\n", b"[confdocs]\njust a line\n"],
    ids=["not-utf-8", "no-equals"],
)
def test_a_file_importlib_metadata_refuses_is_left_to_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: bytes
) -> None:
    site = tmp_path / "site"
    info = _dist(site, "odd-1.0.dist-info", "")
    (info / "entry_points.txt").write_bytes(content)
    monkeypatch.syspath_prepend(str(site))
    importlib.invalidate_caches()
    assert entrypoints._read_folders("confdocs", sys.path) is None
    try:
        expected: object = _reference("confdocs")
    except Exception as exc:  # what importlib.metadata says, we say
        expected = type(exc)
    try:
        got: object = _ours("confdocs")
    except Exception as exc:
        got = type(exc)
    assert got == expected
