"""Compiled templates, kept for the process and on disk in the user's cache folder.

Jinja turns a template into Python code before it renders it, and that costs more than the
rendering: about 50 ms of a cold build goes to compiling the eleven templates of the docx, html
and md layouts, which never change. :class:`TemplateCache` keeps the compiled code in memory
and in ``$XDG_CACHE_HOME/confdocs/templates`` (``~/.cache/confdocs/templates``), so the next
process loads it instead.

The key of an entry is everything the compiled code depends on: the template's source, name
and file name; the environment's syntax and code-generation settings; the filters and tests it
has (the compiler calls them on constant values, and bakes in what arguments they take); and
the versions of Python, Jinja, MarkupSafe and confdocs. A changed template, filter or library
makes a new entry; entries nobody uses any more are removed, oldest first, beyond
:data:`MAX_ENTRIES`.

The files hold code that the next process runs, so the folder is used only if it is the
user's own and nobody else may write into it (created with mode 0700; refused when another
user owns it, it is writable by group or others, or is a symbolic link), and so is each file
read from it; the checks are made on the opened folder and files, not on their names. Writes go
to a new file that is renamed into place, so concurrent processes never see half an entry.
``CONFDOCS_TEMPLATE_CACHE=off`` keeps compiled templates in memory only.

The same folder, with the same checks, keeps texts derived from a template that are costly to
make again and depend only on their source and the code that makes them (:func:`kept_text`):
the XML of a Word template as docxtpl prepares it for Jinja.
"""

from __future__ import annotations

import collections
import functools
import hashlib
import marshal
import sys
import threading
import types
import warnings
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from ..cachefolder import Folder, cache_root
from ..cachefolder import module_stamp as _module_stamp

#: Entries kept on disk; beyond this, the oldest written are removed.
MAX_ENTRIES = 256
#: Compiled templates kept in memory per process.
MEMORY_ENTRIES = 128
#: How an entry starts (then its key and its body's digest: Folder.write_sealed).
MAGIC = b"confdocs-jinja-2\n"
#: How a text entry starts (:func:`kept_text`), sealed alike.
TEXT_MAGIC = b"confdocs-text-1\n"

#: Environment settings that change how a template is parsed or the code generated for it.
_SETTINGS = (
    "block_start_string",
    "block_end_string",
    "variable_start_string",
    "variable_end_string",
    "comment_start_string",
    "comment_end_string",
    "line_statement_prefix",
    "line_comment_prefix",
    "trim_blocks",
    "lstrip_blocks",
    "newline_sequence",
    "keep_trailing_newline",
    "optimized",
    "is_async",
    "sandboxed",
    "intercepted_binops",
    "intercepted_unops",
)


def cache_folder() -> Path | None:
    """Where compiled templates go: ``$XDG_CACHE_HOME/confdocs/templates``, else
    ``~/.cache/confdocs/templates``; None when ``CONFDOCS_TEMPLATE_CACHE`` is ``off``."""
    root = cache_root()
    return None if root is None else root / "templates"


def _template_cache_class() -> type:
    from jinja2.bccache import Bucket, BytecodeCache

    class TemplateCache(BytecodeCache):
        """Jinja's bytecode cache: compiled templates in memory, and in ``folder`` (none: in
        memory only)."""

        def __init__(self, folder: Path | None) -> None:
            self.folder_path = folder
            self._folder: Folder | None = None
            self._memory: collections.OrderedDict[str, types.CodeType] = collections.OrderedDict()
            self._lock = threading.Lock()

        @property
        def folder(self) -> Folder | None:
            if self._folder is None and self.folder_path is not None:
                self._folder = Folder(self.folder_path, MAX_ENTRIES)
                if self._folder.refused:
                    warnings.warn(
                        f"confdocs: the template cache {self.folder_path} is not used: "
                        f"{self._folder.refused}",
                        RuntimeWarning,
                        stacklevel=2,
                    )
            return self._folder

        def get_bucket(
            self, environment: Any, name: str | None, filename: str | None, source: str
        ) -> Bucket:
            key = entry_key(environment, name, filename, source)
            bucket = Bucket(environment, key, "")
            self.load_bytecode(bucket)
            return bucket

        def load_bytecode(self, bucket: Bucket) -> None:
            with self._lock:
                code = self._memory.get(bucket.key)
                if code is not None:
                    self._memory.move_to_end(bucket.key)
            if code is None:
                code = self._from_disk(bucket.key)
                if code is not None:
                    self._keep(bucket.key, code)
            bucket.code = code

        def dump_bytecode(self, bucket: Bucket) -> None:
            if bucket.code is None:
                return
            self._keep(bucket.key, bucket.code)
            folder = self.folder
            if folder is not None:
                folder.write_sealed(bucket.key, MAGIC, marshal.dumps(bucket.code))

        def clear(self) -> None:
            with self._lock:
                self._memory.clear()

        def _keep(self, key: str, code: types.CodeType) -> None:
            with self._lock:
                self._memory[key] = code
                while len(self._memory) > MEMORY_ENTRIES:
                    self._memory.popitem(last=False)

        def _from_disk(self, key: str) -> types.CodeType | None:
            folder = self.folder
            body = folder.read_sealed(key, MAGIC) if folder is not None else None
            if body is None:
                return None
            try:
                code = marshal.loads(body)
            except Exception:  # checked by its digest, so not expected; never the user's
                return None
            return code if isinstance(code, types.CodeType) else None

    return TemplateCache


def kept_text(
    source: str,
    make: Callable[[str], str],
    *,
    depends_on: Iterable[str],
    versions: tuple[object, ...] = (),
    cache: Any = None,
) -> str:
    """``make(source)``, kept in the cache folder (of ``cache``, default the process's) and read
    back by the next process: for a text derived from a template that is costly to make again
    and depends only on ``source``, ``versions`` and the code of the modules ``depends_on``
    (their files' size and time are part of the key, with Python's version). Made each time
    when the cache is off (``CONFDOCS_TEMPLATE_CACHE``) or a module's file is unknown; an
    entry that is damaged is made again and replaced."""
    if cache is None and cache_folder() is None:
        return make(source)
    stamps = tuple((name, _module_stamp(name)) for name in depends_on)
    if any(stamp is None for _, stamp in stamps):
        return make(source)
    key = _text_key(versions, stamps, source)
    kept = _stored_text(key, cache)
    if kept is None:
        kept = make(source)
        _store_text(key, kept, cache)
    return kept


def _text_key(versions: tuple[object, ...], stamps: object, source: str) -> str:
    parts = (sys.version, sys.implementation.cache_tag, versions, stamps)
    digest = hashlib.sha256(repr(parts).encode())
    digest.update(b"\x00")
    digest.update(source.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _stored_text(key: str, cache: Any) -> str | None:
    # Sealed with its digest: a text, unlike compiled code, would not fail to load if cut.
    folder: Folder | None = (cache if cache is not None else process_cache()).folder
    body = folder.read_sealed(key, TEXT_MAGIC) if folder is not None else None
    if body is None:
        return None
    try:
        return body.decode("utf-8", "surrogatepass")
    except UnicodeDecodeError:
        return None


def _store_text(key: str, text: str, cache: Any) -> None:
    folder: Folder | None = (cache if cache is not None else process_cache()).folder
    if folder is not None:
        folder.write_sealed(key, TEXT_MAGIC, text.encode("utf-8", "surrogatepass"))


def template_cache(folder: Path | None) -> Any:
    """A new :class:`TemplateCache` over ``folder`` (None: in memory only)."""
    return _template_cache_class()(folder)


@functools.cache
def process_cache() -> Any:
    """The process's template cache, in :func:`cache_folder`."""
    return template_cache(cache_folder())


class CachedStrings:
    """A mixin for Jinja environments: ``from_string`` goes through the bytecode cache as
    templates from a loader do (Jinja compiles a string each time; docxtpl hands over each part
    of a Word document as one)."""

    def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> Any:
        this: Any = self
        cache = this.bytecode_cache
        if cache is None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)  # type: ignore[misc]
        bucket = cache.get_bucket(this, None, None, source)
        code = bucket.code
        if code is None:
            code = this.compile(source)
            bucket.code = code
            cache.set_bucket(bucket)
        cls = template_class or this.template_class
        return cls.from_code(this, code, this.make_globals(globals), None)


def entry_key(environment: Any, name: str | None, filename: str | None, source: str) -> str:
    """The hex digest of everything the code compiled from ``source`` depends on."""
    autoescape = environment.autoescape
    if callable(autoescape):  # select_autoescape(): decided per template name when compiling
        autoescape = bool(autoescape(name))
    parts: list[object] = [
        sys.version,
        sys.implementation.cache_tag,
        _versions(),
        _class_name(type(environment)),
        [_class_name(c) for c in type(environment).__mro__],
        [(s, _stable(getattr(environment, s, None))) for s in _SETTINGS],
        autoescape,
        _class_name(environment.code_generator_class),
        sorted(_class_name(type(e)) for e in environment.extensions.values()),
        _callable_key(environment.finalize) if environment.finalize else None,
        _callables(environment.filters.items()),
        _callables(environment.tests.items()),
        name,
        filename,
    ]
    digest = hashlib.sha256(repr(parts).encode("utf-8", "surrogatepass"))
    digest.update(b"\x00")
    digest.update(source.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _stable(value: object) -> str:
    """``repr``, with sets sorted (their order changes with each process's string hashing)."""
    if isinstance(value, set | frozenset):
        return repr(sorted(map(repr, value)))
    return repr(value)


@functools.cache
def _versions() -> tuple[object, ...]:
    import jinja2

    # MarkupSafe's escaping runs on constants while compiling; it is known by its file (its
    # __version__ is going away).
    # confdocs' version, and its sandbox's module file (the package is imported before this
    # module, which does not import it: the package's type-only imports would make a cycle).
    confdocs = sys.modules["confdocs"]
    return (
        jinja2.__version__,
        _module_stamp("jinja2"),
        _module_stamp("markupsafe"),
        confdocs.__version__,
        _module_stamp("confdocs.rendering.templating"),
    )


def _class_name(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def _callables(items: Iterable[tuple[str, Any]]) -> str:
    return "\n".join(sorted(f"{name}={_callable_key(function)}" for name, function in items))


def _callable_key(function: Any) -> str:
    """What identifies a filter or test for the compiler: the arguments Jinja passes it
    (``jinja_pass_arg``), its module and name, and the module file's size and time (a change
    to it, or to a helper in the same module, makes a new entry)."""
    target = function
    for _ in range(100):  # what functools.wraps wrapped, as inspect.unwrap finds it
        inner = getattr(target, "__wrapped__", None)
        if inner is None:
            break
        target = inner
    target = getattr(target, "__func__", target)  # a bound method: its function
    passed = getattr(function, "jinja_pass_arg", None)
    try:
        found = _target_key(target)
    except TypeError:  # not hashable: not remembered
        found = _target_key.__wrapped__(target)
    return found if passed is None else f"{passed} {found}"


@functools.lru_cache(maxsize=1024)
def _target_key(target: Any) -> str:
    if not hasattr(target, "__qualname__"):  # an object with __call__
        target = type(target)
    module = getattr(target, "__module__", None) or ""
    return repr((module, target.__qualname__, _module_stamp(module)))

