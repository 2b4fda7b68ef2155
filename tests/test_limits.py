"""Every bound has its variable, documented in docs/limits.md, and a bad value is one message."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from confdocs import limits
from confdocs.cli import cli
from confdocs.errors import ConfdocsError

from .conftest import MINIMAL, ROOT


def test_every_limit_is_documented_with_its_variable() -> None:
    text = (ROOT / "docs" / "limits.md").read_text(encoding="utf-8")
    table = [line for line in text.splitlines() if line.startswith("| ")]
    for limit in limits.ALL:
        rows = [row for row in table if f"`{limit.env}`" in row]
        assert rows, f"{limit.env} is not in docs/limits.md's table"
        shown = f"{limit.default:,}" if isinstance(limit.default, int) else f"{limit.default:g}"
        assert any(shown in row for row in rows), f"{limit.env}: the default {shown} is not said"


@pytest.mark.parametrize("value", ["abc", "0", "-5", "inf", "nan", "1e999"])
def test_a_bad_value_is_an_error_naming_the_variable(
    value: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CONFDOCS_TEMPLATE_TIMEOUT", value)
    with pytest.raises(ConfdocsError, match=r"CONFDOCS_TEMPLATE_TIMEOUT must be a number"):
        limits.TEMPLATE_SECONDS.value()


def test_a_bad_value_through_the_command_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["check", str(MINIMAL)], env={"CONFDOCS_MAX_INPUT_BYTES": "ten megabytes"}
    )
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "confdocs: error: CONFDOCS_MAX_INPUT_BYTES must be a whole number of bytes above 0, "
        "got 'ten megabytes'"
    )


def test_an_empty_value_is_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONFDOCS_MAX_REGISTRATIONS", "")
    assert limits.REGISTRATIONS.value() == 200_000
