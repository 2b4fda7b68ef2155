"""A plugin's code run so that whatever it does is reported, and blamed on whom it belongs to.

Exporters and validators run in a thread of their own, with a time limit
(``CONFDOCS_EXPORT_TIMEOUT``, ``CONFDOCS_CHECK_TIMEOUT``). Anything they raise, SystemExit and
KeyboardInterrupt included, is caught there; what they return is checked. Then the blame:

- a user's template (``--template``) that fails is the user's mistake: an input error placed in
  the template file, at its line where known (exit code 2);
- an exporter raising :class:`~confdocs.errors.InputError` says the input is wrong: it stays an
  input error, with the format and plugin named in each problem;
- anything else (a bug, a broken built-in template, a timeout, a wrong return value) is the
  plugin's: a :class:`~confdocs.errors.PluginError` for an exporter (the other formats still
  build), a ``plugin.failed`` finding for a validator (the other checks still run).
"""

from __future__ import annotations

import inspect
import os
import threading
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

import attrs

from ..display import cut, shown
from ..errors import InputError, Location, PluginError, Problem, TemplateError
from ..findings import Finding, Severity
from ..limits import FINDINGS

T = TypeVar("T")
#: Characters of an exception's message kept in a failure.
MESSAGE_CHARACTERS = 300


class Raised(Exception):
    """The plugin's code raised ``error`` (any exception, SystemExit included)."""

    def __init__(self, error: BaseException) -> None:
        super().__init__(error)
        self.error = error


class TimedOut(Exception):
    def __init__(self, seconds: float) -> None:
        super().__init__(f"took longer than {seconds:g} s and was abandoned")


def run_isolated(function: Callable[[], T], timeout: float, thread_name: str) -> T:
    """``function()`` in a daemon thread of its own; :class:`Raised` if it raised anything,
    :class:`TimedOut` if it took longer than ``timeout`` seconds (the thread is abandoned)."""
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = function()
        except BaseException as exc:  # SystemExit and all: the plugin's, reported by name
            outcome["error"] = exc

    worker = threading.Thread(target=run, name=thread_name, daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise TimedOut(timeout)
    if "error" in outcome:
        raise Raised(outcome["error"])
    return outcome["value"]  # type: ignore[no-any-return]


def described(exc: BaseException) -> str:
    """``ValueError: the reason``, the reason cut to a readable length."""
    text = cut(str(exc), MESSAGE_CHARACTERS)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


class UserTemplateError(InputError, TemplateError):
    """A user's template (``--template``) failed: an input problem placed in that file."""

    def __init__(self, error: TemplateError, template: str) -> None:
        where = Location(template, error.line)
        reason = error.reason
        if error.template is None and reason.startswith(f"template {template}"):
            # "template T in {{ tag }}: …" from an exporter that names the template itself
            reason = reason[len(f"template {template}") :].lstrip(" :,") or reason
        InputError.__init__(self, Problem(reason, where))
        self.template = template
        self.line = error.line
        self.reason = error.reason


def exporter_error(exc: BaseException, fmt: str, template: str | None) -> Exception:
    """What to raise for an exporter of format ``fmt`` that raised ``exc``."""
    if isinstance(exc, TemplateError) and template:
        return UserTemplateError(exc, str(template))
    if isinstance(exc, InputError):
        return exc
    if isinstance(exc, PluginError):  # the exporter said what went wrong: keep its words
        return PluginError(fmt, exc.detail)
    return PluginError(fmt, f"raised {described(exc)}")


def attributed(
    exc: InputError, fmt: str, plugin: str, template: str | None = None
) -> InputError:
    """``exc``, raised by the exporter of ``fmt``, with the format and plugin in each problem;
    a problem in the user's own ``template`` (its error, or the file unreadable) is the user's
    and stays as it is."""
    if isinstance(exc, UserTemplateError):
        return exc
    prefix = f"format {fmt!r} of plugin {plugin!r}: "
    mine = {str(template)} if template else set()
    return InputError(
        [
            p
            if p.location is not None and p.location.file in mine
            else attrs.evolve(p, message=prefix + p.message)
            for p in exc.problems
        ]
    )


# --- validators ------------------------------------------------------------------------------


class ArgumentNamesError(TypeError):
    """A plugin's method takes an argument confdocs does not give it (a misspelt name)."""

    def __init__(
        self, method: str, taken: Sequence[str], wrong: Sequence[str], given: Sequence[str]
    ) -> None:
        names = ", ".join(repr(name) for name in wrong)
        what = "is not an argument" if len(wrong) == 1 else "are not arguments"
        super().__init__(
            f"{method}({', '.join(taken)}): {names} {what} of {method}(); it may take any "
            f"of: {', '.join(given)}"
        )


def call_with_named(method: Callable[..., T], **available: Any) -> T:
    """Call ``method`` with the arguments among ``available`` that it names, as pluggy calls a
    hook implementation: a validator's ``validate`` may take any of them. One it requires that
    is not among them (``evnt``) is an :class:`ArgumentNamesError` naming those it may take."""
    try:
        parameters = inspect.signature(method).parameters
    except (TypeError, ValueError):
        return method(**available)
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters.values()):
        return method(**available)
    wrong = [
        p.name
        for p in parameters.values()
        if p.name not in available
        and p.default is inspect.Parameter.empty
        and p.kind is not inspect.Parameter.VAR_POSITIONAL
    ]
    if wrong:
        name = getattr(method, "__name__", "method")
        raise ArgumentNamesError(name, list(parameters), wrong, list(available))
    return method(**{name: value for name, value in available.items() if name in parameters})


def code_place(method: Any, error: BaseException | None = None) -> tuple[str | None, int | None]:
    """Where a plugin's fault is in its code: the line of its own code ``error`` was raised
    at (the innermost frame in the folder of ``method``'s file), else where ``method`` is
    defined; (None, None) when Python does not know (a built-in, a callable object)."""
    function = inspect.unwrap(getattr(method, "__func__", method))
    code = getattr(function, "__code__", None)
    if code is None:
        return None, None
    file, line = code.co_filename, code.co_firstlineno
    folder = os.path.dirname(file)
    traceback = error.__traceback__ if error is not None else None
    while traceback is not None:
        frame = traceback.tb_frame.f_code.co_filename
        where = os.path.dirname(frame)
        if where == folder or where.startswith(folder + os.sep):
            file, line = frame, traceback.tb_lineno
        traceback = traceback.tb_next
    return file, line


def run_validator(
    name: str, plugin: str, validator: Any, arguments: Mapping[str, Any], timeout: float
) -> list[Finding]:
    """The findings of one validator, called with the ``arguments`` it names (``event``,
    ``registrations``, ``timeline``), each finding checked; whatever goes wrong (an
    exception, a wrong value, too many findings, too long) is one more finding,
    ``plugin.failed``, naming it, placed in the plugin's code. A code the validator's
    ``codes`` does not list is a warning ``plugin.unknown-code`` (the finding is kept)."""
    most = int(FINDINGS.value())
    codes = getattr(validator, "codes", {})

    def collect() -> tuple[list[Finding], str | None]:
        found: list[Finding] = []
        result = call_with_named(validator.validate, **arguments)
        problem = _result_problem(result)
        if problem:
            return found, problem
        for item in [result] if isinstance(result, Finding) else result:
            problem = finding_problem(item)
            if problem:
                return found, problem
            if len(found) >= most:
                return found, f"reported more than {most:,} findings (set {FINDINGS.env})"
            found.append(attrs.evolve(item, validator=name))
        return found, None

    error: BaseException | None = None
    try:
        found, problem = run_isolated(collect, timeout, f"confdocs-check-{name}")
    except Raised as exc:
        error = exc.error
        why = str(error) if isinstance(error, ArgumentNamesError) else described(error)
        found, problem = [], f"failed: {why}"
    except TimedOut as exc:
        found, problem = [], str(exc)
    file, line = code_place(getattr(validator, "validate", None), error)
    unknown = dict.fromkeys(f.code for f in found if f.code not in codes)
    for code in unknown:
        listed = ", ".join(codes) or "none"
        found.append(
            Finding(
                Severity.WARNING,
                "plugin.unknown-code",
                f"validator {shown(name)} of plugin {shown(plugin)} reported the code "
                f"{shown(code)}, which its codes do not list ({listed}): add it there, with "
                "a line saying what it finds",
                file=file,
                line=line,
                validator=name,
            )
        )
    if problem:
        found.append(
            Finding(
                Severity.ERROR,
                "plugin.failed",
                f"validator {shown(name)} of plugin {shown(plugin)} {problem}",
                file=file,
                line=line,
                validator=name,
            )
        )
    return found


def _result_problem(result: Any) -> str | None:
    """What is wrong with what ``validate()`` returned, as a whole, or None."""
    if isinstance(result, Finding):
        return None
    if isinstance(result, Mapping):
        kind = "dict" if isinstance(result, dict) else f"mapping ({type(result).__name__})"
        return (
            f"validate() returned a {kind}, not findings: return (or yield) "
            "confdocs.Finding objects, made with confdocs.error, warning or info"
        )
    if result is None or isinstance(result, str | bytes) or not hasattr(result, "__iter__"):
        return f"validate() returned {type(result).__name__}, not findings"
    return None


_TEXT_FIELDS = ("code", "message", "path")
_OPTIONAL_TEXT = ("file", "validator")
_OPTIONAL_NUMBERS = ("line", "column")


def finding_problem(item: Any) -> str | None:
    """What is wrong with ``item`` as a finding a validator returns, or None."""
    if not isinstance(item, Finding):
        return f"returned {shown(item)} ({type(item).__name__}), not a Finding"
    if not isinstance(item.severity, Severity):
        return (
            f"returned a finding whose severity is {shown(item.severity)} "
            f"({type(item.severity).__name__}); use confdocs.Severity (or findings.error, "
            "warning, info)"
        )
    for field in _TEXT_FIELDS:
        if not isinstance(getattr(item, field), str):
            return f"returned a finding whose {field} is {type(getattr(item, field)).__name__}"
    for field in _OPTIONAL_TEXT:
        if not isinstance(getattr(item, field), str | None):
            return f"returned a finding whose {field} is {type(getattr(item, field)).__name__}"
    for field in _OPTIONAL_NUMBERS:
        value = getattr(item, field)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            return f"returned a finding whose {field} is {type(value).__name__}"
    return None
