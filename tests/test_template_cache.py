"""Compiled templates on disk: loaded back instead of compiled, keyed by all the code depends
on, used only from a folder that is the user's own, written whole or not at all, and off when
``CONFDOCS_TEMPLATE_CACHE=off`` says so."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any

import pytest
from jinja2 import DictLoader

from confdocs import cachefolder
from confdocs.rendering import compiled, templating
from tests.conftest import HAGUE, confdocs_cli

LAYOUT = "Hello {{ name }}{% for x in items %}, {{ x|upper }}{% endfor %}!"


def environment(cache: Any, **options: Any) -> Any:
    env = templating.make_environment(DictLoader({"layout.txt": LAYOUT}), **options)
    env.bytecode_cache = cache
    return env


def render(env: Any) -> str:
    return templating.render(env, "layout.txt", {"name": "you", "items": ["a", "b"]})


class NoCompiling:
    """Makes an environment fail if it compiles anything."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, env: Any) -> None:
        def refuse(*args: Any, **kwargs: Any) -> Any:
            raise AssertionError("compiled, not loaded from the cache")

        monkeypatch.setattr(env, "compile", refuse)


def entries(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if not p.name.startswith("."))


def test_compiled_code_is_written_and_a_new_process_loads_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "cache" / "confdocs" / "templates"
    assert render(environment(compiled.template_cache(folder))) == "Hello you, A, B!"
    [entry] = entries(folder)
    for level in (folder, folder.parent, folder.parent.parent):
        assert stat.S_IMODE(level.stat().st_mode) == 0o700
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600
    fresh = environment(compiled.template_cache(folder))  # nothing in memory: as a new process
    NoCompiling(monkeypatch, fresh)
    assert render(fresh) == "Hello you, A, B!"


def test_strings_go_through_the_cache_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # docxtpl hands over each part of a Word document with from_string.
    folder = tmp_path / "templates"
    env = environment(compiled.template_cache(folder))
    assert env.from_string("<w:t>{{ x }}</w:t>").render(x="a & b") == "<w:t>a &amp; b</w:t>"
    assert len(entries(folder)) == 1
    fresh = environment(compiled.template_cache(folder))
    NoCompiling(monkeypatch, fresh)
    assert fresh.from_string("<w:t>{{ x }}</w:t>").render(x="<") == "<w:t>&lt;</w:t>"


def test_the_key_holds_all_the_compiled_code_depends_on() -> None:
    cache = compiled.template_cache(None)
    env = environment(cache)
    key = compiled.entry_key(env, "layout.txt", "/a/layout.txt", LAYOUT)
    assert key == compiled.entry_key(environment(cache), "layout.txt", "/a/layout.txt", LAYOUT)
    others = {
        compiled.entry_key(env, "layout.txt", "/a/layout.txt", LAYOUT + " "),
        compiled.entry_key(env, "other.txt", "/a/layout.txt", LAYOUT),
        compiled.entry_key(env, "layout.txt", "/b/layout.txt", LAYOUT),
        compiled.entry_key(
            environment(cache, autoescape=False), "layout.txt", "/a/layout.txt", LAYOUT
        ),
        compiled.entry_key(
            environment(cache, trim_blocks=True), "layout.txt", "/a/layout.txt", LAYOUT
        ),
    }
    with_filter = environment(cache)
    with_filter.filters["shout"] = str.upper
    others.add(compiled.entry_key(with_filter, "layout.txt", "/a/layout.txt", LAYOUT))
    assert key not in others and len(others) == 6


def test_the_key_is_the_same_in_every_process() -> None:
    code = (
        "from jinja2 import DictLoader; from confdocs.rendering import compiled, templating\n"
        "env = templating.make_environment(DictLoader({}), trim_blocks=True)\n"
        "print(compiled.entry_key(env, 'a.txt', None, '{{ x|upper }}'))\n"
    )
    keys = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
            timeout=60,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(keys) == 1


def _refused(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The cache does not use ``folder``: it warns, compiles, and renders all the same."""
    before = sorted(os.listdir(folder))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert render(environment(compiled.template_cache(folder))) == "Hello you, A, B!"
    assert any("is not used" in str(w.message) for w in caught)
    assert sorted(os.listdir(folder)) == before


@pytest.mark.parametrize("mode", [0o777, 0o770, 0o722])
def test_a_folder_others_may_write_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mode: int
) -> None:
    folder = tmp_path / "templates"
    render(environment(compiled.template_cache(folder)))
    folder.chmod(mode)
    fresh = environment(compiled.template_cache(folder))
    calls: list[object] = []
    real = fresh.compile
    monkeypatch.setattr(fresh, "compile", lambda *a, **k: calls.append(a) or real(*a, **k))
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        render(fresh)
    assert calls  # compiled, not read from the folder
    _refused(folder, monkeypatch)


def test_a_linked_folder_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = tmp_path / "elsewhere"
    real.mkdir(mode=0o700)
    (tmp_path / "templates").symlink_to(real)
    _refused(tmp_path / "templates", monkeypatch)


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a folder to another user needs root")
def test_a_folder_of_another_user_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "templates"
    folder.mkdir(mode=0o700)
    os.chown(folder, 65534, 65534)
    _refused(folder, monkeypatch)


@pytest.mark.parametrize("tampering", ["writable by others", "a link", "another user's"])
def test_an_entry_that_is_not_safe_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tampering: str
) -> None:
    folder = tmp_path / "templates"
    render(environment(compiled.template_cache(folder)))
    [entry] = entries(folder)
    if tampering == "writable by others":
        entry.chmod(0o666)
    elif tampering == "a link":
        target = tmp_path / "target"
        target.write_bytes(entry.read_bytes())
        entry.unlink()
        entry.symlink_to(target)
    else:
        if os.geteuid() != 0:
            pytest.skip("giving a file to another user needs root")
        os.chown(entry, 65534, 65534)
    fresh = environment(compiled.template_cache(folder))
    calls: list[object] = []
    real = fresh.compile
    monkeypatch.setattr(fresh, "compile", lambda *a, **k: calls.append(a) or real(*a, **k))
    assert render(fresh) == "Hello you, A, B!"
    assert calls


@pytest.mark.parametrize(
    "damage",
    [b"", b"confdocs-jinja-1\n", b"garbage", "truncated", "another key", "a byte flipped"],
)
def test_a_damaged_entry_is_compiled_again_and_replaced(
    tmp_path: Path, damage: bytes | str
) -> None:
    folder = tmp_path / "templates"
    render(environment(compiled.template_cache(folder)))
    [entry] = entries(folder)
    good = entry.read_bytes()
    if damage == "truncated":
        entry.write_bytes(good[: len(good) // 2])
    elif damage == "another key":
        entry.write_bytes(good.replace(entry.name.encode(), b"0" * 64, 1))
    elif damage == "a byte flipped":  # marshal may raise anything (SystemError), or load wrong
        at = len(good) - 20
        entry.write_bytes(good[:at] + bytes([good[at] ^ 0x5A]) + good[at + 1 :])
    else:
        assert isinstance(damage, bytes)
        entry.write_bytes(damage)
    assert render(environment(compiled.template_cache(folder))) == "Hello you, A, B!"
    assert entry.read_bytes() == good


def test_a_failed_write_leaves_no_entry_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "templates"

    def full_disk(*args: Any, **kwargs: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cachefolder.os, "replace", full_disk)
    assert render(environment(compiled.template_cache(folder))) == "Hello you, A, B!"
    assert os.listdir(folder) == []


WRITER = """
import sys
from jinja2 import DictLoader
from confdocs.rendering import compiled, templating
cache = compiled.template_cache(compiled.Path(sys.argv[1]))
for n in range(40):
    env = templating.make_environment(DictLoader({"t.txt": "{{ x }} " * 200 + str(n % 4)}))
    env.bytecode_cache = cache
    cache.clear()  # as a new process would: from the disk, or compiled and written
    assert templating.render(env, "t.txt", {"x": 1}).endswith(str(n % 4))
"""


def test_concurrent_writers_leave_whole_entries(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(folder)], stderr=subprocess.PIPE)
        for _ in range(4)
    ]
    for writer in writers:
        _, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err.decode()
    assert len(entries(folder)) == 4
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]
    for entry in entries(folder):  # each one loads
        assert compiled.template_cache(folder)._from_disk(entry.name) is not None


def test_the_oldest_entries_go_beyond_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(compiled, "MAX_ENTRIES", 3)
    folder = tmp_path / "templates"
    cache = compiled.template_cache(folder)
    for n in range(5):
        env = templating.make_environment(DictLoader({"t.txt": f"{n} {{{{ x }}}}"}))
        env.bytecode_cache = cache
        templating.render(env, "t.txt", {"x": 1})
        written = entries(folder)
        os.utime(max(written, key=lambda p: p.stat().st_mtime_ns), (n, n))  # in order
    assert len(entries(folder)) == 3


def test_where_the_cache_is(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert compiled.cache_folder() == tmp_path / "confdocs" / "templates"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")  # the XDG rules ignore it
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert compiled.cache_folder() == tmp_path / "home" / ".cache" / "confdocs" / "templates"
    for off in ("off", "0", "OFF", "no"):
        monkeypatch.setenv("CONFDOCS_TEMPLATE_CACHE", off)
        assert compiled.cache_folder() is None


@pytest.mark.parametrize("switch", [None, "off"])
def test_a_build_writes_the_cache_unless_switched_off(tmp_path: Path, switch: str | None) -> None:
    env = {"XDG_CACHE_HOME": str(tmp_path / "xdg")}
    if switch:
        env["CONFDOCS_TEMPLATE_CACHE"] = switch
    for _ in range(2):  # the second build reads what the first wrote
        result = confdocs_cli(
            "build", str(HAGUE), "-o", str(tmp_path / "out"), "-f", "md", "-f", "html", env=env
        )
        assert result.returncode == 0, result.stderr
        assert "RuntimeWarning" not in result.stderr
    folder = tmp_path / "xdg" / "confdocs" / "templates"
    assert (len(entries(folder)) == 2) if switch is None else not folder.exists()


def test_the_command_says_a_refused_cache_in_one_line(tmp_path: Path) -> None:
    """On the command line the library's warning is one line in the command's words, not
    Python's warning with its source line."""
    cache = tmp_path / "cache"
    (cache / "confdocs" / "templates").mkdir(parents=True)
    (cache / "confdocs" / "templates").chmod(0o777)  # anyone may write: refused
    done = confdocs_cli(
        "build", str(HAGUE), "-f", "md", "-o", str(tmp_path / "out"),
        env={"XDG_CACHE_HOME": str(cache), "CONFDOCS_TEMPLATE_CACHE": ""},
    )
    assert done.returncode == 0, done.stderr
    [line] = [x for x in done.stderr.splitlines() if "template cache" in x]
    assert line.startswith("confdocs: warning: the template cache ") and "is not used" in line
    assert "RuntimeWarning" not in done.stderr and "compiled.py" not in done.stderr


@pytest.mark.parametrize("switch", [None, "off"])
def test_a_docx_build_keeps_the_patched_template_unless_switched_off(
    tmp_path: Path, switch: str | None
) -> None:
    """docxtpl's preparation of the Word template's XML is kept in the cache folder (as text,
    beside the compiled code) and read back by the next build, which makes the same bytes."""
    env = {"XDG_CACHE_HOME": str(tmp_path / "xdg")}
    if switch:
        env["CONFDOCS_TEMPLATE_CACHE"] = switch
    made = []
    for n in range(2):
        out = tmp_path / f"out{n}"
        result = confdocs_cli("build", str(HAGUE), "-o", str(out), "-f", "docx", env=env)
        assert result.returncode == 0, result.stderr
        made.append((out / "hague-2019.docx").read_bytes())
    assert made[0] == made[1]
    folder = tmp_path / "xdg" / "confdocs" / "templates"
    if switch:
        assert not folder.exists()
        return
    texts = [p for p in entries(folder) if p.read_bytes().startswith(compiled.TEXT_MAGIC)]
    assert texts  # the body, and each header, footer and footnotes part with tags
    for entry in texts:
        assert stat.S_IMODE(entry.stat().st_mode) == 0o600


def test_a_kept_text_is_read_only_whole(tmp_path: Path) -> None:
    cache = compiled.template_cache(tmp_path / "templates")
    made: list[str] = []

    def make(source: str) -> str:
        made.append(source)
        return source.upper() + " é"

    def kept(source: str, version: int = 1) -> str:
        return compiled.kept_text(
            source, make, depends_on=["confdocs.rendering.compiled"], versions=(version,),
            cache=cache,
        )

    assert kept("<w:body/>") == "<W:BODY/> é"
    assert kept("<w:body/>") == "<W:BODY/> é"
    assert made == ["<w:body/>"]  # the second time, read back
    [entry] = entries(tmp_path / "templates")
    assert entry.read_bytes().startswith(compiled.TEXT_MAGIC)
    entry.write_bytes(entry.read_bytes()[:-3])  # cut: made again, and replaced
    assert kept("<w:body/>") == "<W:BODY/> é"
    assert kept("<w:body/>") == "<W:BODY/> é"
    assert made == ["<w:body/>"] * 2
    assert kept("<w:body/>", version=2) == "<W:BODY/> é"  # another version: another entry
    assert len(made) == 3 and len(entries(tmp_path / "templates")) == 2
    unknown = compiled.kept_text("<w:p/>", make, depends_on=["no.such.module"], cache=cache)
    assert unknown == "<W:P/> é" and len(entries(tmp_path / "templates")) == 2
