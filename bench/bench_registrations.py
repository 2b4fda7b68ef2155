"""How long checking registrations takes: 100,000 rows should cost no more than a couple of
seconds. A benchmark to run by hand, not a timed test::

    .venv/bin/python bench/bench_registrations.py [ROWS]

It measures, in this process:

* loading a CSV file of ROWS registrations (``confdocs.load_registrations``);
* the quota validator on rows that all fit the rules (a large synthetic event), and on the
  Hague seed, where nearly every row breaks a rule and becomes a finding;
* the same at a quarter and a half of ROWS, so a quadratic step would show as a per-row cost
  that grows;
* a reference loop doing the least any check must do (count each row by group and country,
  look its e-mail up in a dict), to give the validator's cost as a ratio that does not depend
  on the machine.
"""

from __future__ import annotations

import csv
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import attrs
from confdocs_quota import QuotaValidator

import confdocs
from confdocs.loading.registrations import Registration, Registrations
from confdocs.model import Event, InvitationGroup, Participants
from confdocs.model.codes import is_country

ROOT = Path(__file__).resolve().parent.parent
HAGUE = ROOT / "examples" / "hague-2019" / "event.yaml"


def large_event(hague: Event, rows: int) -> Event:
    """The Hague event with every ISO country invited in four groups, seats for ``rows``."""
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    countries = sorted(c for c in (a + b for a in letters for b in letters) if is_country(c))
    per_country = -(-rows // (4 * len(countries))) + 2
    groups = tuple(
        InvitationGroup(
            id=f"group-{g}",
            project=f"Project {g}",
            countries=tuple(countries),
            seats_per_country=per_country,
        )
        for g in range(4)
    )
    participants = attrs.evolve(hague.participants, groups=groups, stated_total=None)
    return attrs.evolve(hague, participants=participants)


def fitting_rows(event: Event, rows: int) -> Registrations:
    """``rows`` registrations that all fit: spread over groups and countries, roles in turn."""
    participants: Participants = event.participants
    keys = [(g.id, c) for g in participants.groups for c in g.countries]
    roles = ["prosecutor", "law-enforcement", "other"]
    out = []
    for i in range(rows):
        group, country = keys[i % len(keys)]
        out.append(
            Registration(
                name=f"Person {i}",
                email=f"person{i}@example.org",
                group=group,
                role=roles[(i // len(keys)) % 3],
                country=country,
                organisation="Police",
                line=i + 2,
            )
        )
    return Registrations("generated.csv", tuple(out))


def reference_loop(registrations: Registrations) -> int:
    counts: Counter[tuple[str, str | None]] = Counter()
    emails: dict[str, int] = {}
    for index, reg in enumerate(registrations.rows):
        emails.setdefault(reg.email.casefold(), index)
        counts[(reg.group, reg.country)] += 1
    return len(counts)


def timed(action: Callable[[], object], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best


def report(label: str, seconds: float, rows: int, reference: float | None = None) -> None:
    ratio = f"   {seconds / reference:6.1f}x reference" if reference else ""
    print(f"{label:<44} {seconds:8.3f} s  {seconds / rows * 1e6:7.2f} µs/row{ratio}")


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    hague = confdocs.load_event(HAGUE)
    event = large_event(hague, rows)
    validator = QuotaValidator()
    print(f"{rows:,} registrations; Python {sys.version.split()[0]}")

    def check(target: Event, regs: Registrations) -> Callable[[], list[confdocs.Finding]]:
        return lambda: list(validator.validate(target, regs))

    for size in (rows // 4, rows // 2, rows):
        regs = fitting_rows(event, size)
        reference = timed(lambda regs=regs: reference_loop(regs))
        findings = check(event, regs)()
        assert not [f for f in findings if f.severity is confdocs.Severity.ERROR], findings[:3]
        report(f"check {size:,} fitting rows", timed(check(event, regs)), size, reference)
    report("reference loop", reference, rows)

    regs = fitting_rows(event, rows)
    hague_regs = Registrations(
        "generated.csv", tuple(attrs.evolve(r, group="glacy-plus", country="AR") for r in regs.rows)
    )
    errors = sum(1 for f in check(hague, hague_regs)() if f.severity is confdocs.Severity.ERROR)
    report(
        f"check on the Hague ({errors:,} errors)", timed(check(hague, hague_regs)), rows, reference
    )

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "registrations.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["name", "email", "country", "group", "role", "organisation"])
            for r in regs.rows:
                writer.writerow([r.name, r.email, r.country, r.group, r.role, r.organisation])
        loaded = confdocs.load_registrations(path)
        assert len(loaded) == rows
        load = timed(lambda: confdocs.load_registrations(path), repeat=1)
        report("load the CSV file", load, rows, reference)
        both = load + timed(check(event, loaded))
        report("load and check", both, rows, reference)
    print("budget: a couple of seconds for 100,000 rows, load and check")


if __name__ == "__main__":
    main()
