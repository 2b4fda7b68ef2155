"""The programs of regular expressions, kept in the cache folder by the command line
(confdocs.kept_patterns): the next process compiles none it kept, what it makes from them
matches as freshly compiled patterns do, and a damaged or refused file changes nothing."""

from __future__ import annotations

import marshal
import re
import sys
import textwrap
import threading
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from confdocs import kept_patterns
from confdocs.kept_patterns import _Programs

from .conftest import HAGUE, built_twice, cache_files, cached_run, confdocs_cli, sealed_body

# A process that keeps the programs, counts the patterns re still parses (compiles), and
# matches with patterns of every kind: named groups, flags, bytes, Unicode classes.
SCRIPT = textwrap.dedent(
    """
    import json, re, sys
    from confdocs.kept_patterns import keep_compiled_patterns
    keep_compiled_patterns()
    parsed = []
    real = re._parser.parse
    def counting(pattern, *args, **kwargs):
        parsed.append(pattern)
        return real(pattern, *args, **kwargs)
    re._parser.parse = counting
    patterns = [
        (r"(?P<day>\\d{1,2})\\.(?P<month>\\d{1,2})\\.(\\d{4})", 0, "on 30.09.2019 at 9"),
        (r"[^\\x09\\x0A\\x0D\\x20-\\x7E\\x85\\xA0-\\uD7FF\\uE000-\\uFFFD]", 0, "ok\\x07here"),
        (r"^\\s*(salle|room)\\b", re.IGNORECASE | re.MULTILINE, "x\\n  SALLE 2"),
        (rb"PK\\x03\\x04(.{4})", re.DOTALL, b"..PK\\x03\\x04\\n\\x00ab"),
        (r"[\\u0600-\\u06ff]+(?=\\s)", 0, "كلمة عربية"),
    ] + [(p, 0, "text") for p in sys.argv[1:]]
    found = []
    for pattern, flags, text in patterns:
        m = re.compile(pattern, flags).search(text)
        found.append(None if m is None else [repr(m.group(0)), [repr(g) for g in m.groups()],
                                             {k: repr(v) for k, v in m.groupdict().items()}])
    compiler = sys.modules["re._compiler"].compile
    print(json.dumps({
        "parsed": [repr(p) for p in parsed],
        "found": found,
        "replaced": type(compiler).__name__ == "method",
    }))
    """
)


def run(tmp_path: Path, *patterns: str, seed: int = 0, **env: str) -> dict[str, object]:
    result: dict[str, object] = cached_run(tmp_path, SCRIPT, *patterns, seed=seed, **env)
    return result


def kept_files(tmp_path: Path) -> list[Path]:
    return cache_files(tmp_path, "patterns")


def test_the_next_process_compiles_no_pattern_it_kept(tmp_path: Path) -> None:
    first = run(tmp_path)
    assert len(first["parsed"]) == 5  # type: ignore[arg-type]
    assert first["replaced"]
    [kept] = kept_files(tmp_path)
    assert kept.stat().st_mode & 0o777 == 0o600
    second = run(tmp_path, seed=1)
    assert second["parsed"] == []
    assert second["found"] == first["found"]
    assert first["found"][0][2] == {"day": "'30'", "month": "'09'"}  # type: ignore[index]
    assert first["found"][1][0] == "'\\x07'"  # type: ignore[index]


def test_a_few_cheap_new_patterns_do_not_rewrite_the_file(tmp_path: Path) -> None:
    """markdown-it and Babel build a pattern from a set, new in each process: a file is
    rewritten only when what it lacked took long to compile."""
    run(tmp_path)
    [kept] = kept_files(tmp_path)
    written = kept.stat().st_mtime_ns
    assert run(tmp_path, "a|b")["parsed"] == ["'a|b'"]
    assert kept.stat().st_mtime_ns == written
    # Many new ones (a library updated) are worth a rewrite, and are kept then.
    many = [f"(?:word{n}|[\\u0100-\\u{n + 0x200:04x}])+\\d{{{n % 9}}}" for n in range(400)]
    assert len(run(tmp_path, *many)["parsed"]) == 400  # type: ignore[arg-type]
    assert kept.stat().st_mtime_ns != written
    assert run(tmp_path, *many)["parsed"] == []


@pytest.mark.parametrize("damage", ["cut", "a byte flipped", "a program refused"])
def test_a_damaged_file_changes_nothing(tmp_path: Path, damage: str) -> None:
    expected = run(tmp_path)["found"]
    [kept] = kept_files(tmp_path)
    data = kept.read_bytes()
    head = sealed_body(data)
    if damage == "cut":
        damaged = data[: len(data) // 2]
    elif damage == "a byte flipped":
        middle = head + (len(data) - head) // 2
        damaged = data[:middle] + bytes([data[middle] ^ 0x5A]) + data[middle + 1 :]
    else:  # sealed as the folder seals it, but one program one the engine refuses
        entries = marshal.loads(data[head:])
        [key] = [k for k in entries if "salle" in str(k[0])]
        entries[key] = (entries[key][0], [99999, *entries[key][1]], *entries[key][2:])
        folder = kept_patterns.Folder(kept.parent, max_entries=4)
        folder.write_sealed(kept.name, kept_patterns.MAGIC, marshal.dumps(entries))
        damaged = kept.read_bytes()
    kept.write_bytes(damaged)
    again = run(tmp_path)
    assert again["found"] == expected
    assert len(again["parsed"]) == (1 if damage == "a program refused" else 5)  # type: ignore[arg-type]
    assert run(tmp_path)["parsed"] == [], "the file was made again"


def test_the_cache_off_or_a_folder_others_may_write_is_not_used(tmp_path: Path) -> None:
    off = run(tmp_path, CONFDOCS_TEMPLATE_CACHE="off")
    assert not off["replaced"], "re is left as it is"
    assert kept_files(tmp_path) == []
    folder = tmp_path / "confdocs" / "patterns"
    folder.mkdir(parents=True)
    folder.chmod(0o777)
    assert not run(tmp_path)["replaced"]
    assert kept_files(tmp_path) == []


def original_compile() -> Any:
    """re's own compile (a command run in this process may have replaced it)."""
    compile = sys.modules["re._compiler"].compile
    owner = getattr(compile, "__self__", None)
    return owner.original if isinstance(owner, _Programs) else compile


def programs() -> _Programs:
    return _Programs(original_compile(), sys.modules["re._compiler"], sys.modules["_sre"])


def test_a_pattern_another_thread_compiles_meanwhile_is_not_noted_as_this_one() -> None:
    made = programs()
    key = ("this(one)", 0)
    made.local.pending = key
    other = threading.Thread(target=lambda: made.noted(key, ("this(one)", 32, [1], 1, {}, ())))
    other.start()
    other.join(10)
    assert made.new == {}, "noted in a thread that was not compiling it"
    made.noted(key, ("another", 32, [1], 1, {}, ()))
    assert made.new == {}, "a program given for another pattern"


PIECES = st.sampled_from(
    [
        *(r"\d+", r"(?P<n{0}>x)", r"[^\s,]", r"(?i:é)", r"\b", r"a{2,5}?", "|", r"(?=\w)"),
        *(r"[\u0600-\u06ff]", r"(x)?(?(1)y|z)", r"[^\x00-\x7f]*+"),
    ]
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=8).map(re.escape), PIECES), max_size=8), st.data())
def test_a_pattern_made_from_its_kept_program_is_the_compiled_one(
    parts: list[str], data: st.DataObject
) -> None:
    pattern = "".join(p.format(i) if "{0}" in p else p for i, p in enumerate(parts))
    flags = data.draw(st.sampled_from([0, re.IGNORECASE, re.MULTILINE | re.DOTALL, re.ASCII]))
    try:
        expected = original_compile()(pattern, int(flags))
    except re.error:
        return
    made = programs()
    made._compiled((pattern, int(flags)))
    program = made.new[(pattern, int(flags))]
    kept = sys.modules["_sre"].compile(pattern, *marshal.loads(marshal.dumps(program)))
    assert kept == expected
    assert kept.groupindex == expected.groupindex and kept.groups == expected.groups


def test_a_command_with_kept_programs_writes_the_same_documents(tmp_path: Path) -> None:
    outputs = built_twice(tmp_path, seeded=True, kept=lambda: kept_files(tmp_path / "cache"))
    assert outputs[0] == outputs[1]


def test_no_registrants_name_is_kept(tmp_path: Path) -> None:
    """confdocs escapes names into patterns as it runs (a family name within a name, a name
    within a text): the cache folder must keep none of them (a review found "sosa" there,
    and with 2,000 rows the libraries' programs pushed out)."""
    registrations = HAGUE.parent / "registrations.csv"
    formats = ["-f", "participant-list", "-f", "certificates", "-f", "md"]
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    done = confdocs_cli(
        "build", str(HAGUE), "-r", str(registrations), *formats, "-o", str(tmp_path / "out"),
        env=env,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    [kept] = kept_files(tmp_path / "cache")
    data = kept.read_bytes()
    head = sealed_body(data)
    patterns = [str(pattern) for pattern, _ in marshal.loads(data[head:])]
    assert len(patterns) > 100, "the libraries' are kept"
    families = {row.split(",")[0].split()[-1].lower() for row in
                registrations.read_text("utf-8").splitlines()[1:] if row.strip()}  # fmt: skip
    assert not [p for p in patterns if any(f in p.lower() for f in families if len(f) > 3)]
