"""The one error type users see, and where in which file a problem sits."""

from __future__ import annotations

import attrs


@attrs.frozen
class Location:
    """A place in an input file: 1-based line and column, and the path inside the document."""

    file: str
    line: int | None = None
    column: int | None = None
    path: str = ""

    def __str__(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


@attrs.frozen
class Problem:
    """One mistake in an input: what is wrong and where."""

    message: str
    location: Location | None = None

    def __str__(self) -> str:
        if self.location is None:
            return self.message
        where = str(self.location)
        if self.location.path:
            return f"{where}: {self.location.path}: {self.message}"
        return f"{where}: {self.message}"


def in_reading_order(problems: list[Problem]) -> list[Problem]:
    """``problems`` as an editor meets them: each file's from its top (files in the order
    their first problem comes), a problem without a line first in its file."""
    files: dict[str, int] = {}
    for problem in problems:
        if problem.location is not None:
            files.setdefault(problem.location.file, len(files))

    def place(problem: Problem) -> tuple[int, int, int]:
        where = problem.location
        if where is None:
            return (-1, 0, 0)
        return (files[where.file], where.line or 0, where.column or 0)

    return sorted(problems, key=place)


class ConfdocsError(Exception):
    """Base class of every error confdocs raises on purpose."""


class InputError(ConfdocsError):
    """An input file cannot be used; ``problems`` says why, each with its place.

    The CLI prints each problem on one line and exits with code 2.
    """

    def __init__(self, problems: list[Problem] | Problem) -> None:
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def at(
        cls,
        message: str,
        file: str,
        line: int | None = None,
        column: int | None = None,
        path: str = "",
    ) -> InputError:
        return cls(Problem(message, Location(file, line, column, path)))


class PluginError(ConfdocsError):
    """A plugin failed: it is named, so the user knows whom to blame."""

    def __init__(self, plugin: str, message: str) -> None:
        self.plugin = plugin
        #: What went wrong, without the plugin's name.
        self.detail = message
        super().__init__(f"plugin {plugin!r}: {message}")


class TemplateError(ConfdocsError):
    """A template cannot be rendered: names the template and the line or tag.

    ``template`` is the template's name or file, ``line`` its line where known, and ``reason``
    the message without them, so that a caller can place it as a problem in that file.
    """

    def __init__(
        self,
        message: str,
        template: str | None = None,
        line: int | None = None,
        reason: str | None = None,
    ) -> None:
        super().__init__(message)
        self.template = template
        self.line = line
        self.reason = reason or message
