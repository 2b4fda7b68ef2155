"""Jinja2 for layouts: sandboxed, strict about unknown variables, errors that name the tag.

Every exporter that uses templates makes its environment here, so user templates (``--template``)
run in the same sandbox: no attribute tricks (``__class__``, ``__globals__``), no ``cycler``,
``joiner`` or ``lipsum`` globals, no file access beyond the template's own folder.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from .errors import TemplateError


def make_environment(
    loader: Any,
    autoescape: bool | Callable[[str | None], bool] = True,
    **options: Any,
) -> Any:
    """A sandboxed Jinja2 environment with ``StrictUndefined`` and no risky globals."""
    from jinja2 import StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    env = ImmutableSandboxedEnvironment(
        loader=loader,
        autoescape=autoescape,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        **options,
    )
    for name in ("cycler", "joiner", "lipsum", "namespace", "range"):
        env.globals.pop(name, None)
    env.globals["range"] = _small_range
    return env


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
        return str(template.render(**context))
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
    except (TypeError, ValueError, AttributeError, OverflowError) as exc:
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


def file_loader(template: str | Path) -> tuple[Any, str]:
    """A loader for one user template file: (loader, its name)."""
    from jinja2 import FileSystemLoader

    path = Path(template)
    return FileSystemLoader(str(path.parent)), path.name
