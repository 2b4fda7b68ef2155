"""Jinja2 for layouts: sandboxed, strict about unknown variables, errors that name the tag.

Every exporter that uses templates makes its environment here, so user templates (``--template``)
run in the same sandbox: no attribute tricks (``__class__``, ``__globals__``), no ``cycler``,
``joiner`` or ``lipsum`` globals, no file access beyond the template's own folder.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from ..errors import TemplateError


def make_environment(
    loader: Any,
    autoescape: bool | Callable[[str | None], bool] = True,
    **options: Any,
) -> Any:
    """A sandboxed Jinja2 environment with ``StrictUndefined`` and no risky globals."""
    from jinja2 import StrictUndefined

    env = _bounded_environment_class()(
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
    for name, function in list(env.filters.items()):
        env.filters[name] = _bounded_filter(function)
    return env


def _bytecode_cache() -> Any:
    """Compiled templates, kept for the process and on disk (:mod:`.compiled`)."""
    from .compiled import process_cache

    return process_cache()


#: Largest number a template may pass to a call, a filter or a repetition, and the most
#: characters one operation or a whole rendering may make: a template cannot exhaust memory.
MAX_TEMPLATE_NUMBER = 1_000_000
MAX_TEMPLATE_OUTPUT = 50_000_000
_BIG_FORMAT = re.compile(r"%[-+ #0]*\*|\d{7,}")


def _refuse_big(args: Iterable[Any], what: str) -> None:
    from jinja2.exceptions import SecurityError

    for arg in args:
        if isinstance(arg, int) and not isinstance(arg, bool) and abs(arg) > MAX_TEMPLATE_NUMBER:
            raise SecurityError(f"{what}: the number {arg} is larger than {MAX_TEMPLATE_NUMBER:,}")


def _bounded_filter(function: Callable[..., Any]) -> Callable[..., Any]:
    # Filters receive their value first: only the arguments after it are sizes (center, batch).
    @functools.wraps(function)
    def bounded(*args: Any, **kwargs: Any) -> Any:
        skip = 2 if getattr(function, "jinja_pass_arg", None) else 1
        value = args[skip - 1] if len(args) >= skip else None
        if function.__name__.endswith("format") and isinstance(value, str):
            _refuse_big([10**9] if _BIG_FORMAT.search(value) else [], "filter format")
        _refuse_big([*args[skip:], *kwargs.values()], f"filter {function.__name__}")
        return function(*args, **kwargs)

    return bounded


@functools.cache
def _bounded_environment_class() -> type:
    from jinja2.exceptions import SecurityError
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    from .compiled import CachedStrings

    class BoundedSandbox(CachedStrings, ImmutableSandboxedEnvironment):
        """The sandbox, also refusing operations that would make huge values."""

        intercepted_binops = frozenset({"*", "**", "%"})

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            if operator == "*":
                for sequence, times in ((left, right), (right, left)):
                    if (
                        isinstance(sequence, str | list | tuple)
                        and isinstance(times, int)
                        and len(sequence) * times > MAX_TEMPLATE_OUTPUT
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
            return super().call_binop(context, operator, left, right)

        def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
            _refuse_big([*args, *kwargs.values()], "a call")
            return super().call(__context, __obj, *args, **kwargs)

        def wrap_str_format(self, value: Any) -> Any:
            wrapped = super().wrap_str_format(value)
            if wrapped is not None and _BIG_FORMAT.search(str(value.__self__)):

                def refuse(*args: Any, **kwargs: Any) -> str:
                    raise SecurityError("a format width larger than a template may use")

                return refuse
            return wrapped

    return BoundedSandbox


def _small_range(*args: int) -> range:
    result = range(*args)
    if len(result) > 100_000:
        raise OverflowError("range too large for a template")
    return result


def render(env: Any, name: str, context: Mapping[str, Any], label: str | None = None) -> str:
    """Render template ``name``; any failure becomes a :class:`TemplateError` naming it."""
    from jinja2 import TemplateError as JinjaError
    from jinja2 import TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError

    shown = label or name
    try:
        template = env.get_template(name)
        pieces, size = [], 0
        for piece in template.generate(**context):
            size += len(piece)
            if size > MAX_TEMPLATE_OUTPUT:
                raise TemplateError(
                    f"template {shown}: output longer than {MAX_TEMPLATE_OUTPUT:,} characters"
                )
            pieces.append(piece)
        return "".join(pieces)
    except TemplateSyntaxError as exc:
        raise TemplateError(f"template {shown}, line {exc.lineno}: {exc.message}") from None
    except UndefinedError as exc:
        raise TemplateError(
            f"template {shown}: unknown variable: {exc.message}{_line(exc, name)}"
        ) from None
    except SecurityError as exc:
        raise TemplateError(f"template {shown}: not allowed: {exc}{_line(exc, name)}") from None
    except JinjaError as exc:
        raise TemplateError(f"template {shown}: {exc}{_line(exc, name)}") from None
    except MemoryError:
        raise TemplateError(f"template {shown}: ran out of memory") from None
    except (TypeError, ValueError, AttributeError, OverflowError, RecursionError) as exc:
        raise TemplateError(
            f"template {shown}: {type(exc).__name__}: {exc}{_line(exc, name)}"
        ) from None


def _line(exc: BaseException, name: str) -> str:
    """`` (line N)`` of the template frame in the traceback, which Jinja rewrites to it."""
    tb = exc.__traceback__
    line = None
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename == name or filename.endswith(("/" + name, "<template>")):
            line = tb.tb_lineno
        tb = tb.tb_next
    return "" if line is None else f" (line {line})"


def layout_loader(template: str | None, package: str, default: str) -> tuple[Any, str]:
    """The loader and name of the layout: the user's ``--template`` file, else ``default``
    from the ``templates`` folder of ``package``."""
    if template:
        return file_loader(template)
    from jinja2 import PackageLoader

    return PackageLoader(package, "templates"), default


def file_loader(template: str | Path) -> tuple[Any, str]:
    """A loader for one user template file: (loader, its name)."""
    path = Path(template)
    return confined_loader(path.parent), path.name


def confined_loader(folder: str | Path) -> Any:
    """A file loader for ``folder`` that refuses files outside it, symbolic links included
    (a template folder received from someone could link to ``~/.ssh``)."""
    from jinja2 import FileSystemLoader, TemplateNotFound

    root = Path(folder).resolve()

    class ConfinedLoader(FileSystemLoader):
        def get_source(self, environment: Any, template: str) -> Any:
            source, filename, uptodate = super().get_source(environment, template)
            if not Path(filename).resolve().is_relative_to(root):
                raise TemplateNotFound(f"{template} (it leads outside the template's folder)")
            return source, filename, uptodate

    return ConfinedLoader(str(root))
