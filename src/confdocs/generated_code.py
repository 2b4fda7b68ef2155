"""The code attrs and cattrs generate, compiled once and kept in the cache folder.

attrs writes the methods of each class it makes (``__init__``, ``__eq__``, ``__hash__``,
``__repr__`` …) as Python source and compiles it as the class is made; cattrs does the same
for the function that structures a class. A command makes about 120 such classes as it imports
confdocs and structures about 25 of them, and compiling that code took 55 ms of a cold
``confdocs build`` of the Hague example in docx, html and md (430 ms; the classes' code is the
same from one run to the next). :func:`keep_generated_code`, called by the command line before
it imports the model, keeps what is compiled in ``$XDG_CACHE_HOME/confdocs/code`` (one file for
the versions of Python, attrs and cattrs), and the next command loads it instead.

How: attrs (``attr._make``) and cattrs (``cattrs.gen``) call the built-in ``compile`` by its
name, so each of the two modules is given a ``compile`` of its own (a module's global shadows
the built-in) that looks the source up among the kept code and compiles what is missing. The
two libraries make some thirty classes of their own as they are imported (attrs' validators
and converters, cattrs' dispatchers), before a module's global can be set: when they are not
imported yet, the built-in ``compile`` itself is the one that looks up while they are, for the
code of attrs' and cattrs' names only, and is given back at once (a command has no other
thread then). No private function is replaced; if a version stops calling ``compile`` by name,
nothing is kept and nothing else changes. The library, imported by other programs, is left
alone.

The key of an entry is the source, the file name the code is compiled under (attrs' and
cattrs' names say the class) and the mode. One thing in attrs' source changes from process to
process: the salt ``__hash__`` starts its tuple with (the hash of a generated file name, which
Python's string hashing randomises); it only has to stay the same for the class within a
process, so the key leaves it out and a kept ``__hash__`` keeps the salt it was compiled with.

The file holds code the next process runs: it is kept in the folder of
:mod:`confdocs.cachefolder` with its checks (the user's own folder and file, nobody else may
write them, atomic writes), starts with its name and the digest of its body (a damaged file is
compiled again and replaced), and is rewritten only when a command compiled something new; at
most :data:`MAX_ENTRIES` entries (the oldest-used go first).
``CONFDOCS_TEMPLATE_CACHE=off`` turns it off with the rest of the cache.
"""

from __future__ import annotations

import atexit
import builtins
import hashlib
import importlib
import re
import sys
import types
from typing import Any

from .cachefolder import (
    Folder,
    Once,
    cache_root,
    file_stamp,
    read_marshalled,
    write_marshalled,
)

#: Entries kept in the file; the ones the last commands did not use go first beyond this.
MAX_ENTRIES = 4096
#: How the file starts; its name, the digest of the rest and a marshalled dict of digests to
#: code follow.
MAGIC = b"confdocs-generated-code-3\n"
#: The modules whose ``compile`` is looked up in the kept code.
MODULES = ("attr._make", "cattrs.gen")
#: Their packages, whose files stamp the kept code's file.
PACKAGES = ("attr", "cattrs")
#: How the file names of attrs' and cattrs' generated code start.
GENERATED = ("<attrs generated", "<cattrs generated")
#: attrs' ``__hash__`` salt: the first item of the tuple it hashes (``return hash((salt, …``,
#: or ``_cache_wrapper(hash((salt, …`` for a class with ``cache_hash``).
#: Looked for by its literal start, the word boundary checked by hand: a pattern starting with
#: ``\b`` is tried at every position of the source, which made the keys take 10 ms a command.
_SALT = re.compile(r"(hash\(\(\s*)-?\d+,")

_ONCE = Once()


def keep_generated_code() -> None:
    """Compile attrs' and cattrs' generated code once, and keep it in the cache folder for the
    next process (see the module's text). For the command line, once per process; does nothing
    when the cache is off or its folder cannot be used safely."""
    if not _ONCE.first():
        return
    root = cache_root()
    if root is None:
        return
    builtins_compile = builtins.compile
    name = _file_name()
    if name is None:
        return
    folder = Folder(root / "code", max_entries=8)
    if folder.refused:
        return
    kept = _read(folder, name)
    new: dict[bytes, types.CodeType] = {}
    used: set[bytes] = set()

    def kept_or(compiler: Any, source: str, filename: str, mode: str) -> Any:
        key = _key(source, filename, mode)
        code = kept.get(key) or new.get(key)
        if code is None:
            code = new[key] = compiler(source, filename, mode)
        used.add(key)
        return code

    def compile(source: Any, filename: Any, mode: str, *args: Any, **kwargs: Any) -> Any:
        if args or kwargs or not isinstance(source, str) or not isinstance(filename, str):
            return builtins.compile(source, filename, mode, *args, **kwargs)
        return kept_or(builtins.compile, source, filename, mode)

    def generated(source: Any, filename: Any, mode: str, *args: Any, **kwargs: Any) -> Any:
        if (
            not args
            and not kwargs
            and isinstance(source, str)
            and isinstance(filename, str)
            and filename.startswith(GENERATED)
        ):
            return kept_or(builtins_compile, source, filename, mode)
        return builtins_compile(source, filename, mode, *args, **kwargs)

    # attrs and cattrs make classes of their own as they are imported (attrs' validators and
    # converters, cattrs' dispatchers): while they are, the built-in itself looks their code
    # up, and only theirs (the process has no other thread yet, see the module's text).
    builtins.compile = generated
    try:
        modules = [importlib.import_module(module) for module in MODULES]
    finally:
        builtins.compile = builtins_compile
    for module in modules:
        module.compile = compile  # type: ignore[attr-defined]
    atexit.register(_save, folder, name, kept, new, used)


def _key(source: str, filename: str, mode: str) -> bytes:
    unsalted = _unsalted(source)
    digest = hashlib.blake2b(digest_size=20)
    for part in (filename, mode, unsalted):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\x00")
    return digest.digest()


def _unsalted(source: str) -> str:
    """``source`` with the salt of its first ``hash((salt, …`` (at a word's start) as ``#``."""
    for found in _SALT.finditer(source):
        start = found.start()
        before = source[start - 1] if start else " "
        if not (before.isalnum() or before == "_"):  # re's \b, as Unicode words go
            return f"{source[:start]}{found.group(1)}#,{source[found.end() :]}"
    return source


def _file_name() -> str | None:
    """The file's name: a digest of Python's version and of attrs' and cattrs' code (their
    packages' files, by size and time, found without importing them)."""
    stamps: list[object] = [sys.version, sys.implementation.cache_tag, sys.flags.optimize]
    for package in PACKAGES:
        stamp = file_stamp(package)
        if stamp is None:
            return None
        stamps.append((package, *stamp))
    return "code-" + hashlib.blake2b(repr(stamps).encode(), digest_size=16).hexdigest()


def _read(folder: Folder, name: str) -> dict[bytes, types.CodeType]:
    """The kept entries; none when the file is missing, not this one's, or damaged."""
    entries = read_marshalled(folder, name, MAGIC)
    return {
        key: code
        for key, code in entries.items()
        if isinstance(key, bytes) and isinstance(code, types.CodeType)
    }


def _save(
    folder: Folder,
    name: str,
    kept: dict[bytes, types.CodeType],
    new: dict[bytes, types.CodeType],
    used: set[bytes],
) -> None:
    """At exit, when something new was compiled: the kept entries and the new ones, the ones
    this process used last (so the oldest-used go first beyond :data:`MAX_ENTRIES`)."""
    if new:
        write_marshalled(folder, name, MAGIC, kept, used, new, MAX_ENTRIES)
