"""attrs' and cattrs' generated code, kept in the cache folder by the command line
(confdocs.generated_code): the next process compiles nothing it kept, and what it loads
behaves as freshly compiled code."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from .conftest import HAGUE, confdocs_cli

# A process that keeps the generated code, counts what is still compiled, and makes and
# structures classes of its own.
SCRIPT = textwrap.dedent(
    """
    import builtins, json, sys
    from confdocs.generated_code import keep_generated_code
    keep_generated_code()
    compiled = []
    real = builtins.compile
    def counting(source, filename, *args, **kwargs):
        compiled.append(filename)
        return real(source, filename, *args, **kwargs)
    builtins.compile = counting

    import attrs, cattrs

    @attrs.frozen
    class Seat:
        country: str
        count: int = 1
        note: str | None = None

    if len(sys.argv) > 1:
        @attrs.frozen
        class Other:
            name: str

    a, b = Seat("NL", 2), cattrs.structure({"country": "NL", "count": 2}, Seat)
    print(json.dumps({
        "compiled": sorted(f for f in compiled if "generated" in f),
        "equal": a == b, "same_hash": hash(a) == hash(b), "differs": a != Seat("BE"),
        "repr": repr(a), "module": type(sys.modules["attr._make"].__dict__.get("compile")).__name__,
    }))
    """
)


def run(tmp_path: Path, *args: str, **env: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "XDG_CACHE_HOME": str(tmp_path), **env},
        check=True,
    )
    result: dict[str, object] = json.loads(done.stdout)
    return result


def code_files(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "confdocs" / "code"
    return sorted(folder.iterdir()) if folder.exists() else []


def test_the_next_process_compiles_nothing_it_kept(tmp_path: Path) -> None:
    first = run(tmp_path)
    assert any("attrs generated" in f for f in first["compiled"])  # type: ignore[union-attr]
    assert any("cattrs generated" in f for f in first["compiled"])  # type: ignore[union-attr]
    [kept] = code_files(tmp_path)
    assert kept.stat().st_mode & 0o777 == 0o600
    written = kept.stat().st_mtime_ns

    second = run(tmp_path)
    assert second["compiled"] == []
    for result in (first, second):
        assert result["equal"] and result["same_hash"] and result["differs"]
        assert result["repr"] == "Seat(country='NL', count=2, note=None)"
    assert kept.stat().st_mtime_ns == written, "nothing new: the file is not written again"

    # A class it has not seen is compiled, and added for the next process.
    third = run(tmp_path, "other")
    assert third["compiled"] == ["<attrs generated methods __main__.Other>"]
    assert run(tmp_path, "other")["compiled"] == []


def test_a_damaged_file_is_compiled_again_and_replaced(tmp_path: Path) -> None:
    run(tmp_path)
    [kept] = code_files(tmp_path)
    data = kept.read_bytes()
    kept.write_bytes(data[: len(data) // 2])
    assert run(tmp_path)["compiled"] != []
    assert run(tmp_path)["compiled"] == []


def test_the_cache_switched_off_keeps_nothing(tmp_path: Path) -> None:
    first = run(tmp_path, CONFDOCS_TEMPLATE_CACHE="off")
    assert first["module"] == "NoneType", "attrs is left as it is"
    assert code_files(tmp_path) == []
    assert run(tmp_path, CONFDOCS_TEMPLATE_CACHE="off")["compiled"] != []


def test_a_folder_others_may_write_is_not_used(tmp_path: Path) -> None:
    folder = tmp_path / "confdocs" / "code"
    folder.mkdir(parents=True)
    folder.chmod(0o777)
    run(tmp_path)
    assert code_files(tmp_path) == []
    assert run(tmp_path)["compiled"] != []


def test_a_command_with_kept_code_writes_the_same_documents(tmp_path: Path) -> None:
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    outputs = []
    for name in ("first", "second"):
        done = confdocs_cli(
            "build", str(HAGUE), "-f", "md", "-f", "docx", "-o", str(tmp_path / name), env=env
        )
        assert done.returncode == 0, done.stderr
        outputs.append({p.name: p.read_bytes() for p in (tmp_path / name).iterdir()})
    assert outputs[0] == outputs[1]
    assert len(code_files(tmp_path / "cache")) == 1
