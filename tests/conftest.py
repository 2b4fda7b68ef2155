"""Shared fixtures. Tests that need LibreOffice, poppler or Chromium skip without them,
except in CI (CONFDOCS_REQUIRE_TOOLS=1), where a missing tool is a failure."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
HAGUE = ROOT / "examples" / "hague-2019" / "event.yaml"
MINIMAL = ROOT / "examples" / "minimal" / "event.yaml"


@pytest.fixture(scope="session", autouse=True)
def _own_cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Compiled templates go to a folder of the test run's, not the user's cache (the CLI
    processes the tests start inherit it)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
        yield


def require_tool(name: str) -> str:
    """The path of ``name``; skip the test when it is missing (fail in CI)."""
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CONFDOCS_REQUIRE_TOOLS"):
            pytest.fail(f"{name} is required in CI but is not installed")
        pytest.skip(f"{name} is not installed")
    return path


def pdf_page_texts(data: bytes, folder: Path, name: str = "document.pdf") -> list[str]:
    """The text of each page of the PDF ``data`` as pdftotext reads it (written to ``name`` in
    ``folder``); skipped without poppler, as :func:`require_tool` says."""
    require_tool("pdftotext")
    path = folder / name
    path.write_bytes(data)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    return text.split("\f")[:-1]


def cached_run(cache: Path, script: str, *args: str, seed: int | None = 0, **env: str) -> Any:
    """What a new Python process running ``script`` with ``args`` prints as JSON, its cache
    folder under ``cache`` (``XDG_CACHE_HOME``) and its string hashing seeded ``seed`` (None:
    as Python chooses): what a command keeps there for the next one (tests of
    generated_code, kept_patterns and kept_locales)."""
    seeded = {} if seed is None else {"PYTHONHASHSEED": str(seed)}
    done = subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "XDG_CACHE_HOME": str(cache), **seeded, **env},
        check=True,
    )
    return json.loads(done.stdout)


def cache_files(cache: Path, kind: str) -> list[Path]:
    """The files of confdocs' cache folder ``kind`` (``code``, ``patterns``, ``locales``)."""
    folder = cache / "confdocs" / kind
    return sorted(folder.iterdir()) if folder.exists() else []


def sealed_body(data: bytes) -> int:
    """Where the body of a file the cache folder sealed starts (after its magic, its name and
    the digest, a line each)."""
    return data.index(b"\n", data.index(b"\n", data.index(b"\n") + 1) + 1) + 1


def built_twice(tmp_path: Path, seeded: bool, kept: Callable[[], object]) -> list[dict[str, bytes]]:
    """The Hague in md and html, built by two commands sharing a cache folder (``seeded``:
    each hashing strings with its own seed, 0 then 1), ``kept()`` true after each: each
    one's files by name."""
    outputs = []
    for seed, name in enumerate(("first", "second")):
        env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
        if seeded:
            env["PYTHONHASHSEED"] = str(seed)
        done = confdocs_cli(
            "build", str(HAGUE), "-f", "md", "-f", "html", "-o", str(tmp_path / name), env=env
        )
        assert done.returncode == 0, done.stderr
        outputs.append({p.name: p.read_bytes() for p in (tmp_path / name).iterdir()})
        assert kept()
    return outputs


def confdocs_cli(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """Run ``confdocs`` in a new process, as a user would; ``env`` adds to the environment."""
    return subprocess.run(
        [sys.executable, "-m", "confdocs", *args],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        env={**os.environ, **(env or {})},
        timeout=timeout,
    )


def load_script(path: Path) -> Any:
    """A script of ``scripts/`` as a module (they are not a package)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def run_cli() -> Callable[..., subprocess.CompletedProcess[str]]:
    """:func:`confdocs_cli`, for tests that take it as a fixture."""
    return confdocs_cli


@pytest.fixture(scope="session")
def hague_event():  # type: ignore[no-untyped-def]
    import confdocs

    return confdocs.load_event(HAGUE)


def with_seat_counts(event: Any) -> Any:
    """``event`` with ``settings.show_seat_counts`` on: the seats table and summary shown."""
    import attrs

    return attrs.evolve(event, settings=attrs.evolve(event.settings, show_seat_counts=True))
