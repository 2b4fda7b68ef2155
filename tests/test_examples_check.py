"""The shipped examples check as their users expect."""

from __future__ import annotations

import json

from .conftest import HAGUE, MINIMAL


def test_minimal_example_is_clean(run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli(
        "check", str(MINIMAL), "--json", env={"CONFDOCS_LOAD_PLUGINS": "quota,timing"}
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


def test_hague_reports_exactly_what_is_true_of_the_seed(run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli(
        "check", str(HAGUE), "--json", env={"CONFDOCS_LOAD_PLUGINS": "quota,timing"}
    )
    assert result.returncode == 0, result.stderr
    found = {(f["severity"], f["code"], f["path"]) for f in json.loads(result.stdout)}
    assert found == {
        ("warning", "programme.unallocated", "programme.days[1].slots[1]"),
        ("info", "quota.total-mismatch", "participants.stated_total"),
        ("info", "programme.outside-dates", "programme.days[0].date"),
    }
