"""CSV cells that a spreadsheet would run as formulas are written as text (OWASP)."""

from __future__ import annotations

import pytest

from confdocs.rendering.spreadsheets import safe_cell, safe_row


@pytest.mark.parametrize(
    "cell",
    ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", '=HYPERLINK("http://x")', "  =1", "=",
     "-"],
)
def test_formula_starts_are_quoted(cell: str) -> None:
    assert safe_cell(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["Opening", "09:00", "", "a=b", "e-mail", "1+1", "'quoted"])
def test_plain_text_is_unchanged(cell: str) -> None:
    assert safe_cell(cell) == cell


def test_numbers_and_rows() -> None:
    assert safe_row([1, -2, None, "=x"]) == [1, -2, None, "'=x"]
