"""What validators report: findings with a severity, a stable code, a place and a message."""

from __future__ import annotations

import enum
from typing import Any

import attrs


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@attrs.frozen
class Finding:
    """One thing a validator noticed. Not a crash: a line in a report.

    ``path`` is where in the event (``programme.days[1].slots[2]``) or the registrations
    (``registrations[4]``); ``file`` and ``line`` are filled in by confdocs from the path when
    the validator does not know them.
    """

    severity: Severity
    code: str
    message: str
    path: str = ""
    file: str | None = None
    line: int | None = None
    column: int | None = None
    validator: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
            "path": self.path,
        }
        if self.file is not None:
            out["file"] = self.file
        if self.line is not None:
            out["line"] = self.line
        if self.column is not None:
            out["column"] = self.column
        if self.validator is not None:
            out["validator"] = self.validator
        return out


def error(code: str, message: str, path: str = "", **where: Any) -> Finding:
    return Finding(Severity.ERROR, code, message, path, **where)


def warning(code: str, message: str, path: str = "", **where: Any) -> Finding:
    return Finding(Severity.WARNING, code, message, path, **where)


def info(code: str, message: str, path: str = "", **where: Any) -> Finding:
    return Finding(Severity.INFO, code, message, path, **where)
