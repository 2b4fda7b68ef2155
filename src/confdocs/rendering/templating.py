"""Jinja2 for layouts: sandboxed, strict about unknown variables, errors that name the tag.

Every exporter that uses templates makes its environment here, so user templates (``--template``)
run in the same sandbox: no attribute tricks (``__class__``, ``__globals__``), no ``cycler``,
``joiner`` or ``lipsum`` globals, no file access beyond the template's own folder, and bounded
time and text (:mod:`confdocs.rendering.bounds`).

A plugin's own layouts are its code, as its Python is: an environment made ``trusted`` renders
them without the sandbox and its budget (which took a third of the time of rendering the
Hague's HTML and Markdown), with the same strictness about unknown variables, the same filters
and the same errors. The values they render are data either way: a template never evaluates
them. Trust follows the loader: :func:`layout_loader` gives the plugin's own layouts a loader
of their own kind, and :func:`make_environment` trusts that loader only, so an exporter (a
third party's too) cannot trust a user's ``--template`` by mistake; a user's template, with
whatever it includes, is always sandboxed.
"""

from __future__ import annotations

import abc
import functools
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from ..errors import ConfdocsError, TemplateError
from ..limits import TEMPLATE_OUTPUT
from . import bounds


def make_environment(
    loader: Any,
    autoescape: bool | Callable[[str | None], bool] = True,
    *,
    trusted: bool | None = None,
    **options: Any,
) -> Any:
    """A sandboxed Jinja2 environment with ``StrictUndefined`` and no risky globals; for the
    plugin's own layouts (``trusted``; by default, when ``loader`` is the one
    :func:`layout_loader` gives them), the same without the sandbox and its budget (see the
    module's text). ``trusted=True`` is for a plugin's own template text given otherwise
    (docxtpl hands over a Word template's parts as strings)."""
    from jinja2 import StrictUndefined

    if trusted is None:
        trusted = isinstance(loader, _own_layouts_class())
    cls = _trusted_environment_class() if trusted else _bounded_environment_class()
    env = cls(
        loader=loader,
        autoescape=autoescape,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        bytecode_cache=_bytecode_cache(),
        **options,
    )
    for name in ("cycler", "joiner", "lipsum", "namespace", "range"):
        env.globals.pop(name, None)
    env.globals["range"] = _small_range
    if trusted:
        return env
    for name, function in list(env.filters.items()):
        env.filters[name] = _bounded_filter(function)
    env.filters.update(bounds.filters())
    return env


def kept_text(
    source: str,
    make: Callable[[str], str],
    *,
    depends_on: Iterable[str],
    versions: tuple[object, ...] = (),
) -> str:
    """``make(source)``, kept with the compiled templates for the next process: a text derived
    from a template that depends only on ``source``, ``versions`` and the code of the modules
    ``depends_on`` (see :func:`confdocs.rendering.compiled.kept_text`)."""
    from .compiled import kept_text as kept

    return kept(source, make, depends_on=depends_on, versions=versions)


def _bytecode_cache() -> Any:
    """Compiled templates, kept for the process and on disk (:mod:`.compiled`)."""
    from .compiled import process_cache

    return process_cache()


#: Largest number a template may pass to a call, a filter or a repetition, and the most
#: characters one operation or a whole rendering may make (``CONFDOCS_MAX_TEMPLATE_OUTPUT``):
#: a template cannot exhaust memory.
MAX_TEMPLATE_NUMBER = 1_000_000
MAX_TEMPLATE_OUTPUT = int(TEMPLATE_OUTPUT.default)
#: Classes and attribute names whose safety an environment remembers, at most.
_SAFE_MEMO_SIZE = 4096
_BIG_FORMAT = re.compile(r"%[-+ #0]*\*|\d{7,}")


def _refuse_big(args: Iterable[Any], what: str) -> None:
    from jinja2.exceptions import SecurityError

    for arg in args:
        if isinstance(arg, int) and not isinstance(arg, bool) and abs(arg) > MAX_TEMPLATE_NUMBER:
            raise SecurityError(f"{what}: the number {arg} is larger than {MAX_TEMPLATE_NUMBER:,}")


#: Filters whose result (or work) is sized before they run, by the operation it is.
#: Each with the names of its first arguments (a template may give them by name).
_SIZED_FILTERS: dict[str, tuple[str, tuple[str, ...]]] = {
    "do_indent": ("indent", ("width",)),
    "do_wordwrap": ("wordwrap", ("width", "break_long_words")),
    "do_list": ("list", ()),
    "sync_do_list": ("list", ()),
}


def _bounded_filter(function: Callable[..., Any]) -> Callable[..., Any]:
    # Filters receive their value first: only the arguments after it are sizes (center, batch).
    @functools.wraps(function)
    def bounded(*args: Any, **kwargs: Any) -> Any:
        skip = 2 if getattr(function, "jinja_pass_arg", None) else 1
        value = args[skip - 1] if len(args) >= skip else None
        if function.__name__.endswith("format") and isinstance(value, str):
            _refuse_big([10**9] if _BIG_FORMAT.search(value) else [], "filter format")
        _refuse_big([*args[skip:], *kwargs.values()], f"filter {function.__name__}")
        sized = _SIZED_FILTERS.get(function.__name__)
        if sized is not None:
            operation, names = sized
            given = list(args[skip:])
            given += [kwargs[n] for n in names[len(given) :] if n in kwargs][: len(names)]
            bounds.refuse_growth(operation, value, tuple(given))
        if function.__name__ in ("do_replace", "do_join", "sync_do_join") and len(args) > skip:
            operation = "replace" if function.__name__ == "do_replace" else "join"
            rest = args[skip:]
            if operation == "join":  # the separator joins the value's items
                separator = rest[0] if rest else kwargs.get("d", "")
                bounds.refuse_growth("join", separator, (value,))
            else:
                bounds.refuse_growth("replace", value, rest)
        return bounds.made(function(*args, **kwargs))

    return bounded


@functools.cache
def _bounded_environment_class() -> type:
    from jinja2.exceptions import SecurityError
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    from .compiled import CachedStrings

    class BoundedSandbox(CachedStrings, ImmutableSandboxedEnvironment):
        """The sandbox, also refusing operations that would make huge values, and counting
        time and text against the rendering's budget (:mod:`confdocs.rendering.bounds`);
        templates compiled once (:mod:`confdocs.rendering.compiled`)."""

        intercepted_binops = frozenset({"*", "**", "%", "+"})
        _safe_memo: tuple[object, dict[tuple[type, str], bool]] | None = None
        template_class = bounds.template_class()
        concat = staticmethod(bounds.joined)

        def _parse(self, *args: Any, **kwargs: Any) -> Any:
            return bounds.bounded_ast(super()._parse(*args, **kwargs))

        def compile(self, *args: Any, **kwargs: Any) -> Any:
            # Compiling folds constant filters (``'x'|center(999999)``): bounded as well.
            with bounds.budget():
                return super().compile(*args, **kwargs)

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            limit = int(TEMPLATE_OUTPUT.value())
            if operator == "*":
                for sequence, times in ((left, right), (right, left)):
                    if (
                        isinstance(sequence, str | list | tuple)
                        and isinstance(times, int)
                        and len(sequence) * times > limit
                    ):
                        raise SecurityError("repetition larger than a template may make")
            elif (
                operator == "**"
                and isinstance(left, int)
                and isinstance(right, int)
                and max(left.bit_length(), 1) * right > 100_000
            ):
                raise SecurityError("power larger than a template may compute")
            elif operator == "%" and isinstance(left, str) and _BIG_FORMAT.search(left):
                raise SecurityError("a format width larger than a template may use")
            return bounds.made(super().call_binop(context, operator, left, right))

        def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
            _refuse_big([*args, *kwargs.values()], "a call")
            subject = getattr(__obj, "__self__", None)
            if isinstance(subject, str):
                bounds.refuse_growth(getattr(__obj, "__name__", ""), subject, args)
            bounds.tick()
            return bounds.made(super().call(__context, __obj, *args, **kwargs))

        def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
            # Jinja's answer (a name that is not private, not internal to functions, frames,
            # generators … and, on a list, dict or set, not one that modifies it) depends on
            # the object's class and the name only: it is remembered per class and name,
            # until an abstract base class registers another class (Jinja asks the ABCs
            # MutableSequence, MutableMapping and MutableSet), for a page asks it thousands of
            # times. An object whose __class__ is not its type is asked each time.
            cls = type(obj)
            if obj.__class__ is not cls:
                return bool(super().is_safe_attribute(obj, attr, value))
            token = abc.get_cache_token()
            memo = self._safe_memo
            if memo is None or memo[0] != token:
                memo = self._safe_memo = (token, {})
            known = memo[1].get((cls, attr))
            if known is None:
                known = bool(super().is_safe_attribute(obj, attr, value))
                if len(memo[1]) < _SAFE_MEMO_SIZE:
                    memo[1][(cls, attr)] = known
            return known

        def wrap_str_format(self, value: Any) -> Any:
            wrapped = super().wrap_str_format(value)
            if wrapped is not None and _BIG_FORMAT.search(str(value.__self__)):

                def refuse(*args: Any, **kwargs: Any) -> str:
                    raise SecurityError("a format width larger than a template may use")

                return refuse
            return wrapped

    return BoundedSandbox


@functools.cache
def _trusted_environment_class() -> type:
    from jinja2 import Environment

    from .compiled import CachedStrings

    class TrustedEnvironment(CachedStrings, Environment):
        """A plugin's own layouts: Jinja as it is, templates compiled once."""

    return TrustedEnvironment


def _small_range(*args: int) -> range:
    result = range(*args)
    if len(result) > 100_000:
        raise OverflowError("range too large for a template")
    return result


def render(env: Any, name: str, context: Mapping[str, Any], label: str | None = None) -> str:
    """Render template ``name``; any failure becomes a :class:`TemplateError` naming it and,
    where it is known, the line (an error of confdocs' own, such as a template file that
    cannot be read, passes unchanged)."""
    from jinja2 import TemplateError as JinjaError
    from jinja2 import TemplateNotFound, TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError

    shown = label or name

    def error(reason: str, exc: BaseException | None = None, line: int | None = None) -> Any:
        if line is None and exc is not None:
            line = _line_number(exc, name)
        where = f", line {line}" if line is not None else ""
        return TemplateError(f"template {shown}{where}: {reason}", shown, line, reason)

    try:
        template = env.get_template(name)
        limit = int(TEMPLATE_OUTPUT.value())
        pieces, size = [], 0
        for piece in template.generate(**context):
            size += len(piece)
            if size > limit:
                raise error(
                    f"output longer than {limit:,} characters "
                    f"(set {TEMPLATE_OUTPUT.env} to raise it)"
                )
            pieces.append(piece)
        return "".join(pieces)
    except (TemplateError, ConfdocsError):
        raise
    except TemplateSyntaxError as exc:
        raise error(exc.message or "syntax error", line=exc.lineno) from None
    except UndefinedError as exc:
        raise error(f"unknown variable: {exc.message}", exc) from None
    except bounds.limit_error_class() as exc:
        raise error(str(exc), exc) from None
    except SecurityError as exc:
        raise error(f"not allowed: {exc}", exc) from None
    except TemplateNotFound as exc:
        raise error(f"no template {exc.name!s} to include in the template's folder", exc) from None
    except JinjaError as exc:
        raise error(str(exc), exc) from None
    except MemoryError:
        raise error("ran out of memory") from None
    except RecursionError as exc:
        raise error("it calls itself without end (a macro or include that recurses)", exc) from None
    except Exception as exc:  # a template's own mistake: 1/0, a bad call, a missing key
        raise error(f"{type(exc).__name__}: {exc}", exc) from None


def _line_number(exc: BaseException, name: str) -> int | None:
    """The line of the template frame in the traceback, which Jinja rewrites to it."""
    tb = exc.__traceback__
    line = None
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename == name or filename.endswith(("/" + name, "<template>")):
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def template_bytes(template: str | Path, limit: int, what: str = "template") -> bytes:
    """The bytes of a user's template file that is not Jinja text (a Word document), read as
    confdocs reads every input: a regular file only (a named pipe would block), no more than
    ``limit`` bytes. A problem is an :class:`~confdocs.errors.InputError` naming the file."""
    from ..errors import InputError
    from ..loading.files import open_regular

    path = Path(template)
    with open_regular(path, what) as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise InputError.at(f"{what} is more than the limit of {limit:,} bytes", str(path))
    return data


def layout_loader(template: str | None, package: str, default: str) -> tuple[Any, str]:
    """The loader and name of the layout: the user's ``--template`` file (sandboxed), else
    ``default`` from the ``templates`` folder of ``package`` (the plugin's own: trusted by
    :func:`make_environment`)."""
    if template:
        return file_loader(template)
    return _own_layouts_class()(package, "templates"), default


@functools.cache
def _own_layouts_class() -> type:
    from jinja2 import PackageLoader

    class OwnLayouts(PackageLoader):
        """The layouts a plugin ships in its package: its code, rendered trusted."""

    return OwnLayouts


def file_loader(template: str | Path) -> tuple[Any, str]:
    """A loader for one user template file: (loader, its name)."""
    path = Path(template)
    return confined_loader(path.parent), path.name


def confined_loader(folder: str | Path) -> Any:
    """A file loader for ``folder`` that refuses files outside it, symbolic links included
    (a template folder received from someone could link to ``~/.ssh``), and reads a template as
    confdocs reads every input: a regular file only (a named pipe would block), UTF-8, no larger
    than ``CONFDOCS_MAX_INPUT_BYTES``."""
    import os
    import posixpath

    from jinja2 import FileSystemLoader, TemplateNotFound
    from jinja2.loaders import split_template_path

    from ..loading.sources import read_text

    root = Path(folder).resolve()

    class ConfinedLoader(FileSystemLoader):
        def get_source(self, environment: Any, template: str) -> Any:
            filename = posixpath.join(str(root), *split_template_path(template))
            if not os.path.lexists(filename) or os.path.isdir(filename):
                raise TemplateNotFound(template)
            if not Path(filename).resolve().is_relative_to(root):
                raise TemplateNotFound(f"{template} (it leads outside the template's folder)")
            source = read_text(Path(filename), "template")
            mtime = os.path.getmtime(filename)

            def uptodate() -> bool:
                try:
                    return os.path.getmtime(filename) == mtime
                except OSError:
                    return False

            return source, os.path.normpath(filename), uptodate

    return ConfinedLoader(str(root))
