"""The example third-party plugin in examples/confdocs-example-plugin, as a user installs it.

``make test`` installs it (``pip install -e examples/confdocs-example-plugin``); these tests check
that confdocs finds it through its entry point, that its format builds the Hague outline, and
run the package's own tests.
"""

from __future__ import annotations

import csv
import importlib.metadata
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "examples" / "confdocs-example-plugin"
HAGUE = ROOT / "examples" / "hague-2019" / "event.yaml"


@pytest.fixture(scope="module", autouse=True)
def installed() -> None:
    try:
        importlib.metadata.distribution("confdocs-glance")
    except importlib.metadata.PackageNotFoundError:
        pytest.fail(
            "the example plugin is not installed: run "
            f"`{sys.executable} -m pip install -e {PACKAGE.relative_to(ROOT)}` (make test does)"
        )


def test_the_package_has_what_a_plugin_package_needs() -> None:
    for part in (
        "pyproject.toml",
        "README.md",
        "src/confdocs_glance/__init__.py",
        "src/confdocs_glance/py.typed",
        "tests/test_glance.py",
    ):
        assert (PACKAGE / part).is_file(), part
    entry_points = importlib.metadata.entry_points(group="confdocs", name="glance")
    assert [ep.value for ep in entry_points] == ["confdocs_glance"]


def test_it_appears_in_confdocs_plugins(run_cli) -> None:  # type: ignore[no-untyped-def]
    done = run_cli("plugins", "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    plugins = {p["name"]: p for p in (data["plugins"] if isinstance(data, dict) else data)}
    glance = plugins["glance"]
    assert glance["version"] == "0.1.0"
    assert glance["distribution"] == "confdocs-glance"
    assert glance["formats"] == ["glance"]
    assert glance["checks"] == ["glance.long-title", "glance.no-position"]
    text = run_cli("plugins").stdout
    assert "glance 0.1.0" in text


def test_its_format_builds(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    done = run_cli("build", str(HAGUE), "-f", "glance", "-o", str(tmp_path))
    assert done.returncode == 0, done.stderr
    rows = list(
        csv.DictReader(io.StringIO((tmp_path / "hague-2019.glance.csv").read_text("utf-8-sig")))
    )
    assert len(rows) == 26
    assert rows[1]["title"] == "Opening" and rows[1]["start"] == "09h00"


def test_its_checks_run_in_confdocs_check(run_cli) -> None:  # type: ignore[no-untyped-def]
    done = run_cli("check", str(HAGUE), "--json")
    findings = json.loads(done.stdout)
    glance = [f for f in findings if f["code"].startswith("glance.")]
    assert {f["code"] for f in glance} == {"glance.long-title", "glance.no-position"}
    assert all(f["file"].endswith("event.yaml") and f["line"] for f in glance)


def test_its_own_tests_pass() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=PACKAGE,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert " passed" in done.stdout
