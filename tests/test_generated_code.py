"""attrs' and cattrs' generated code, kept in the cache folder by the command line
(confdocs.generated_code): the next process compiles nothing it kept, and what it loads
behaves as freshly compiled code."""

from __future__ import annotations

import marshal
import re
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from confdocs.generated_code import _unsalted

from .conftest import HAGUE, cache_files, cached_run, confdocs_cli, sealed_body

KEEP = """
from confdocs.generated_code import keep_generated_code
keep_generated_code()
"""
# Counts every compile from here on (the names it compiles under, in ``compiled``).
COUNTING = """
import builtins, json, sys
compiled = []
real = builtins.compile
def counting(source, filename, *args, **kwargs):
    compiled.append(filename)
    return real(source, filename, *args, **kwargs)
builtins.compile = counting
"""

# A process that keeps the generated code, counts what is still compiled, and makes and
# structures classes of its own.
SCRIPT = (
    KEEP
    + COUNTING
    + textwrap.dedent(
        """
    import attrs, cattrs

    @attrs.frozen
    class Seat:
        country: str
        count: int = 1
        note: str | None = None

    @attrs.frozen(cache_hash=True)
    class Kept:
        name: str

    if len(sys.argv) > 1:
        @attrs.frozen
        class Other:
            name: str

    a, b = Seat("NL", 2), cattrs.structure({"country": "NL", "count": 2}, Seat)
    print(json.dumps({
        "compiled": sorted(f for f in compiled if "generated" in f),
        "equal": a == b and Kept("x") == Kept("x"),
        "same_hash": hash(a) == hash(b) and hash(Kept("x")) == hash(Kept("x")),
        "differs": a != Seat("BE") and hash(Kept("x")) != hash(Kept("y")),
        "repr": repr(a), "module": type(sys.modules["attr._make"].__dict__.get("compile")).__name__,
    }))
    """
    )
)


def run(
    tmp_path: Path, *args: str, seed: int = 0, script: str = SCRIPT, **env: str
) -> dict[str, object]:
    result: dict[str, object] = cached_run(tmp_path, script, *args, seed=seed, **env)
    return result


def code_files(tmp_path: Path) -> list[Path]:
    return cache_files(tmp_path, "code")


def test_the_next_process_compiles_nothing_it_kept(tmp_path: Path) -> None:
    first = run(tmp_path)
    assert any("attrs generated" in f for f in first["compiled"])  # type: ignore[union-attr]
    assert any("cattrs generated" in f for f in first["compiled"])  # type: ignore[union-attr]
    [kept] = code_files(tmp_path)
    assert kept.stat().st_mode & 0o777 == 0o600
    written = kept.stat().st_mtime_ns

    # Another process hashes strings otherwise: attrs' __hash__ salts differ, and are left out
    # of the key (a class with cache_hash writes its __hash__ otherwise).
    second = run(tmp_path, seed=1)
    assert second["compiled"] == []
    for result in (first, second):
        assert result["equal"] and result["same_hash"] and result["differs"]
        assert result["repr"] == "Seat(country='NL', count=2, note=None)"
    assert kept.stat().st_mtime_ns == written, "nothing new: the file is not written again"

    # A class it has not seen is compiled, and added for the next process.
    third = run(tmp_path, "other")
    assert third["compiled"] == ["<attrs generated methods __main__.Other>"]
    assert run(tmp_path, "other")["compiled"] == []


@pytest.mark.parametrize("damage", ["cut", "a byte flipped", "entries swapped"])
def test_a_damaged_file_is_compiled_again_and_replaced(tmp_path: Path, damage: str) -> None:
    run(tmp_path)
    [kept] = code_files(tmp_path)
    data = kept.read_bytes()
    head = sealed_body(data)
    if damage == "cut":
        damaged = data[: len(data) // 2]
    elif damage == "a byte flipped":  # marshal may raise anything, or load wrong code
        middle = head + (len(data) - head) // 2
        damaged = data[:middle] + bytes([data[middle] ^ 0x5A]) + data[middle + 1 :]
    else:  # loads, but holds another class's code under a key
        entries = marshal.loads(data[head:])
        keys = list(entries)
        entries[keys[0]], entries[keys[1]] = entries[keys[1]], entries[keys[0]]
        damaged = data[:head] + marshal.dumps(entries)
    kept.write_bytes(damaged)
    assert run(tmp_path)["compiled"] != []
    assert kept.read_bytes() != damaged
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
    outputs, written = [], []
    for seed, name in enumerate(("first", "second", "third")):
        env = {"XDG_CACHE_HOME": str(tmp_path / "cache"), "PYTHONHASHSEED": str(seed)}
        done = confdocs_cli(
            "build", str(HAGUE), "-f", "md", "-f", "docx", "-o", str(tmp_path / name), env=env
        )
        assert done.returncode == 0, done.stderr
        outputs.append({p.name: p.read_bytes() for p in (tmp_path / name).iterdir()})
        [kept] = code_files(tmp_path / "cache")
        written.append(kept.stat().st_mtime_ns)
    assert outputs[0] == outputs[1] == outputs[2]
    assert written[1] == written[2], "the second command compiled nothing new"


# A process that counts every compile from its start: attrs and cattrs are imported by
# keep_generated_code, and make classes of their own as they are.
FROM_THE_START = (
    COUNTING
    + 'assert "attr" not in sys.modules and "cattrs" not in sys.modules\n'
    + KEEP
    + textwrap.dedent(
        """
        import typing
        typing.get_type_hints(type("T", (), {"__annotations__": {"x": "int | None"}}))
        print(json.dumps({"compiled": compiled, "restored": builtins.compile is counting}))
        """
    )
)


def test_the_classes_attrs_and_cattrs_make_as_they_are_imported_are_kept(tmp_path: Path) -> None:
    def generated(result: dict[str, object]) -> list[str]:
        names: list[str] = result["compiled"]  # type: ignore[assignment]
        return [f for f in names if f.startswith(("<attrs generated", "<cattrs generated"))]

    first = run(tmp_path, script=FROM_THE_START)
    made = generated(first)
    assert any(f.startswith("<attrs generated") and " attr." in f for f in made), made
    assert any(f.startswith("<attrs generated") and " cattrs." in f for f in made), made
    second = run(tmp_path, script=FROM_THE_START)
    assert generated(second) == [], "kept: nothing of attrs' or cattrs' is compiled again"
    # Any other code is compiled as before (a type hint written as text), and the built-in is
    # given back once they are imported.
    assert "<string>" in second["compiled"]  # type: ignore[operator]
    assert first["restored"] and second["restored"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="hash((-0123 ,_é\nx.", max_size=40))
def test_the_salt_is_left_out_where_it_starts_a_word(source: str) -> None:
    """The salt is found by its literal start and the word boundary checked by hand, as the
    pattern ``\\bhash\\(\\(`` would find it (which tried every position, ten times slower)."""
    expected = re.sub(r"(\bhash\(\(\s*)-?\d+,", r"\1#,", source, count=1)
    assert _unsalted(source) == expected
    assert _unsalted("x.y = 1\nreturn hash((\n  -4211, self.a))") == (
        "x.y = 1\nreturn hash((\n  #, self.a))"
    )
