"""The quota validator and ``confdocs quota``: the seed's rules, registrations, every code."""

from __future__ import annotations

import json

import attrs
import pytest
from confdocs_quota import CODES, QuotaValidator
from confdocs_quota.tally import make_rules
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import confdocs
from confdocs.loading.registrations import Registration, Registrations
from confdocs.model import CountryRule, StatedTotal

from .conftest import HAGUE

EXAMPLES = HAGUE.parent
CLEAN = EXAMPLES / "registrations.csv"
VIOLATIONS = EXAMPLES / "registrations-violations.csv"

#: Each deliberate violation in registrations-violations.csv: (line, code).
EXPECTED_VIOLATIONS = [
    (118, "quota.seats-exceeded"),  # a third Argentinian in GLACY+
    (119, "quota.not-invited"),  # France is not a GLACY+ country (a quoted newline follows)
    (121, "quota.composition"),  # a second prosecutor for Tonga
    (122, "quota.composition"),  # an 'other' in Lebanon's two-seat delegation
    (122, "quota.over-capacity"),  # the 120th person for 119 seats
    (123, "quota.unknown-group"),  # 'glacy'
    (124, "quota.duplicate-registration"),  # same e-mail in capitals
    (125, "quota.duplicate-registration"),  # same name (other case, spacing) and country
    (126, "quota.not-invited"),  # Germany has no liaison prosecutor at Eurojust
    (127, "quota.seats-exceeded"),  # a second Austrian national member
    (128, "quota.seats-exceeded"),  # a third Europol representative
    (129, "quota.missing-country"),  # a GLACY+ seat without a country
    (130, "quota.unknown-role"),  # 'judge'
]


def quota_findings(event, registrations=None):
    return list(QuotaValidator().validate(event, registrations))


def regs(*rows: tuple[str, str, str | None, str, str]) -> Registrations:
    """Registrations from (name, email, country, group, role) tuples, line = row + 2."""
    return Registrations(
        "test.csv",
        tuple(
            Registration(name=n, email=e, country=c, group=g, role=r, line=i + 2)
            for i, (n, e, c, g, r) in enumerate(rows)
        ),
    )


def errors(findings):
    return [f for f in findings if f.severity is confdocs.Severity.ERROR]


# --- through the command line ------------------------------------------------------------


def test_clean_registrations_give_no_error(run_cli):
    result = run_cli("check", str(HAGUE), "--registrations", str(CLEAN), "--json")
    assert result.returncode == 0, result.stderr
    findings = json.loads(result.stdout)
    assert not [f for f in findings if f["severity"] == "error"]
    # Tonga and Lebanon have each one seat still empty: warnings, not errors.
    empty = [f for f in findings if f["code"] == "quota.composition"]
    assert [f["severity"] for f in empty] == ["warning", "warning"]
    assert any("TO" in f["message"] and "law-enforcement" in f["message"] for f in empty)


def test_each_violation_is_reported_with_its_code_and_line(run_cli):
    result = run_cli("check", str(HAGUE), "-r", str(VIOLATIONS), "--json")
    assert result.returncode == 1, result.stderr
    findings = json.loads(result.stdout)
    found = sorted(
        (f["line"], f["code"]) for f in findings if f["severity"] == "error"
    )
    assert found == sorted(EXPECTED_VIOLATIONS)
    for f in findings:
        if f["code"].startswith("quota.") and f["path"].startswith("registrations["):
            assert f["file"] == str(VIOLATIONS)
    lines = VIOLATIONS.read_text(encoding="utf-8").splitlines()
    by_line = {f["line"]: f for f in findings if f["code"] == "quota.unknown-group"}
    assert "glacy," in lines[123 - 1]
    assert "did you mean 'glacy-plus'" in by_line[123]["message"]


def test_text_report_of_violations_is_grouped_and_readable(run_cli):
    result = run_cli("check", str(HAGUE), "-r", str(VIOLATIONS))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    out = result.stdout
    assert out.index("ERRORS") < out.index("WARNINGS") < out.index("INFOS")
    assert f"{VIOLATIONS}:130 registrations[127]" in out
    assert "13 errors" in out


def test_quota_command_shows_seats_filled_and_free(run_cli):
    result = run_cli("quota", str(HAGUE), "--registrations", str(CLEAN))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "seats" in out and "filled" in out and "free" in out
    tonga = next(line for line in out.splitlines() if "TO  Tonga" in line)
    assert tonga.split()[-3:] == ["2", "1", "1"]
    total = next(line for line in out.splitlines() if line.startswith("Total"))
    assert total.split()[-3:] == ["119", "116", "3"]
    assert "Stated total: approximately 120" in out


def test_quota_command_json(run_cli):
    result = run_cli("quota", str(HAGUE), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["totals"]["total"] == {"seats": 119}
    assert report["totals"]["delegations"] == {"seats": 76}
    assert report["totals"]["organisations"] == {"seats": 43}
    assert report["totals"]["countries"] == 38
    cybereast = next(g for g in report["groups"] if g["id"] == "cybereast")
    assert cybereast["seats"] == 9
    armenia = next(c for c in cybereast["countries"] if c["country"] == "AM")
    assert armenia["seats"] == 1 and armenia["exception"]
    eurojust = next(a for a in report["allocations"] if a["id"] == "eurojust-national-members")
    assert eurojust["seats"] == 28 and len(eurojust["countries"]) == 28


def test_quota_command_json_with_registrations(run_cli):
    result = run_cli("quota", str(HAGUE), "-r", str(VIOLATIONS), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["totals"]["total"] == {"seats": 119, "filled": 116, "free": 3}
    # 13 errors on 12 rows: the 120th person is also the one refused for composition.
    assert report["registrations"]["refused"] == 12


def test_quota_command_input_errors_exit_2(run_cli, tmp_path):
    missing = run_cli("quota", str(tmp_path / "nope.yaml"))
    assert missing.returncode == 2
    assert "not found" in missing.stderr and "Traceback" not in missing.stderr
    bad = tmp_path / "bad.csv"
    bad.write_text("name,email\nA,a@x.example\n", encoding="utf-8")
    result = run_cli("quota", str(HAGUE), "-r", str(bad))
    assert result.returncode == 2
    assert f"{bad}:1:1: missing column(s) group, role" in result.stderr


# --- the rules themselves ----------------------------------------------------------------


def with_participants(event, **changes):
    return attrs.evolve(event, participants=attrs.evolve(event.participants, **changes))


def test_the_seed_total_is_information_only(hague_event):
    (finding,) = quota_findings(hague_event)
    assert finding.code == "quota.total-mismatch"
    assert finding.severity is confdocs.Severity.INFO
    assert finding.path == "participants.stated_total"
    assert "119" in finding.message and "approximately 120" in finding.message
    assert "76 delegation seats in 38 countries" in finding.message


@pytest.mark.parametrize(
    ("stated", "severity"),
    [
        (StatedTotal(119), None),
        (StatedTotal(119, approximate=True), None),
        (StatedTotal(124, approximate=True), "info"),
        (StatedTotal(130, approximate=True), "warning"),
        (StatedTotal(120), "warning"),
    ],
)
def test_stated_total_against_computed(hague_event, stated, severity):
    findings = quota_findings(with_participants(hague_event, stated_total=stated))
    assert [f.severity.value for f in findings] == ([severity] if severity else [])


def test_a_country_invited_twice_in_one_group(hague_event):
    groups = list(hague_event.participants.groups)
    groups[3] = attrs.evolve(groups[3], countries=(*groups[3].countries, "JO"))
    findings = quota_findings(with_participants(hague_event, groups=tuple(groups)))
    duplicate = [f for f in findings if f.code == "quota.duplicate-country"]
    assert len(duplicate) == 1 and duplicate[0].severity is confdocs.Severity.ERROR
    assert duplicate[0].path == "participants.groups[3].countries[5]"
    assert "JO" in duplicate[0].message


def test_an_exception_for_a_country_not_in_its_group(hague_event):
    groups = list(hague_event.participants.groups)
    groups[0] = attrs.evolve(groups[0], exceptions=(CountryRule("FR", seats=1),))
    findings = quota_findings(with_participants(hague_event, groups=tuple(groups)))
    (stray,) = [f for f in findings if f.code == "quota.exception-not-invited"]
    assert stray.path == "participants.groups[0].exceptions[0]"
    assert "FR" in stray.message and "glacy-plus" in stray.message


def test_event_findings_get_file_and_line_through_check(hague_event):
    from confdocs.loading import load_event_with_sources

    loaded = load_event_with_sources(HAGUE)
    findings = confdocs.check(loaded.event, None, confdocs.get_plugin_manager(), loaded.sources)
    total = next(f for f in findings if f.code == "quota.total-mismatch")
    assert total.file == str(HAGUE)
    assert "stated_total" in HAGUE.read_text().splitlines()[total.line - 1]


# --- registrations, one code at a time ---------------------------------------------------


def test_seats_exceeded_per_country_in_a_group(hague_event):
    findings = quota_findings(
        hague_event,
        regs(
            ("A", "a@x", "GE", "cybereast", "prosecutor"),
            ("B", "b@x", "AM", "cybereast", "prosecutor"),
            ("C", "c@x", "AM", "cybereast", "law-enforcement"),  # AM has one CyberEast seat
        ),
    )
    (exceeded,) = errors(findings)
    assert exceeded.code == "quota.seats-exceeded"
    assert (exceeded.path, exceeded.file, exceeded.line) == ("registrations[2]", "test.csv", 4)


def test_composition_is_counted_across_a_countrys_groups(hague_event):
    # Armenia: one seat in CyberEast and one in EndOCSEA@Europe make one delegation of two.
    findings = quota_findings(
        hague_event,
        regs(
            ("A", "a@x", "AM", "cybereast", "prosecutor"),
            ("B", "b@x", "AM", "endocsea-europe", "prosecutor"),
        ),
    )
    (composition,) = errors(findings)
    assert composition.code == "quota.composition"
    assert composition.line == 3
    assert "one 'prosecutor' and one 'law-enforcement'" in composition.message
    good = quota_findings(
        hague_event,
        regs(
            ("A", "a@x", "AM", "cybereast", "law-enforcement"),
            ("B", "b@x", "AM", "endocsea-europe", "prosecutor"),
        ),
    )
    assert not errors(good)
    assert not [f for f in good if f.code == "quota.composition"]


def test_an_empty_seat_is_a_warning(hague_event):
    findings = quota_findings(hague_event, regs(("A", "a@x", "BR", "glacy-plus", "prosecutor")))
    (empty,) = [f for f in findings if f.code == "quota.composition"]
    assert empty.severity is confdocs.Severity.WARNING
    assert "1 seat still empty" in empty.message and "law-enforcement" in empty.message
    assert empty.line == 2


def test_a_spare_seat_takes_any_role_but_only_once(hague_event):
    groups = list(hague_event.participants.groups)
    groups[3] = attrs.evolve(groups[3], seats_per_country=3)  # CyberSouth: three seats each
    event = with_participants(hague_event, groups=tuple(groups))
    ok = regs(
        ("A", "a@x", "TN", "cybersouth", "other"),
        ("B", "b@x", "TN", "cybersouth", "prosecutor"),
        ("C", "c@x", "TN", "cybersouth", "law-enforcement"),
    )
    assert not errors(quota_findings(event, ok))
    wrong = regs(
        ("A", "a@x", "TN", "cybersouth", "other"),
        ("B", "b@x", "TN", "cybersouth", "prosecutor"),
        ("C", "c@x", "TN", "cybersouth", "prosecutor"),
    )
    (composition,) = errors(quota_findings(event, wrong))
    assert composition.code == "quota.composition" and composition.line == 4


def test_not_invited_in_that_group(hague_event):
    findings = quota_findings(hague_event, regs(("A", "a@x", "AR", "cybersouth", "prosecutor")))
    (finding,) = errors(findings)
    assert finding.code == "quota.not-invited"
    assert "AR" in finding.message and "cybersouth" in finding.message


def test_unknown_group(hague_event):
    findings = quota_findings(hague_event, regs(("A", "a@x", "AR", "europool", "other")))
    (finding,) = errors(findings)
    assert finding.code == "quota.unknown-group"
    assert "did you mean 'europol'" in finding.message


def test_unknown_role_and_missing_country(hague_event):
    findings = quota_findings(
        hague_event,
        regs(
            ("A", "a@x", "AR", "glacy-plus", "Prosecutor"),
            ("B", "b@x", None, "eurojust-national-members", "prosecutor"),
        ),
    )
    assert [(f.code, f.line) for f in errors(findings)] == [
        ("quota.unknown-role", 2),
        ("quota.missing-country", 3),
    ]


def test_the_same_person_twice(hague_event):
    findings = quota_findings(
        hague_event,
        regs(
            ("Ana Sosa", "ana@x.example", "AR", "glacy-plus", "prosecutor"),
            ("Someone Else", "ANA@X.EXAMPLE", "AR", "glacy-plus", "law-enforcement"),
            ("ana  SOSA", "other@x.example", "AR", "glacy-plus", "law-enforcement"),
            ("Ana Sosa", "ana.sosa@y.example", "CL", "glacy-plus", "prosecutor"),  # another country
        ),
    )
    duplicates = [f for f in errors(findings) if f.code == "quota.duplicate-registration"]
    assert [(f.line, "e-mail" in f.message) for f in duplicates] == [(3, True), (4, False)]
    assert all("registrations[0] (line 2)" in f.message for f in duplicates)
    assert len(errors(findings)) == 2


def test_organisation_allocations(hague_event):
    findings = quota_findings(
        hague_event,
        regs(
            ("A", "a@x", None, "interpol", "other"),
            ("B", "b@x", None, "interpol", "other"),
            ("C", "c@x", None, "interpol", "other"),
            ("D", "d@x", "NO", "eurojust-liaison-prosecutors", "prosecutor"),
            ("E", "e@x", "NO", "eurojust-liaison-prosecutors", "prosecutor"),
            ("F", "f@x", "AR", "eurojust-liaison-prosecutors", "prosecutor"),
        ),
    )
    assert [(f.code, f.line) for f in errors(findings)] == [
        ("quota.seats-exceeded", 4),
        ("quota.seats-exceeded", 6),
        ("quota.not-invited", 7),
    ]


def test_over_capacity_is_reported_once_at_the_first_person_beyond(hague_event):
    event = with_participants(
        hague_event,
        groups=hague_event.participants.groups[:1],
        allocations=hague_event.participants.allocations[2:3],
        stated_total=None,
    )  # 40 GLACY+ seats and one for the US DoJ
    rows = [(f"P{i}", f"p{i}@x", "AR", "glacy-plus", "other") for i in range(45)]
    findings = quota_findings(event, regs(*rows))
    over = [f for f in findings if f.code == "quota.over-capacity"]
    assert [(f.line, f.path) for f in over] == [(43, "registrations[41]")]
    assert "41 seats" in over[0].message


def test_no_nominations_from_some_countries_is_information(hague_event):
    findings = quota_findings(hague_event, regs(("A", "a@x", "AR", "glacy-plus", "prosecutor")))
    (silent,) = [f for f in findings if f.code == "quota.no-nominations"]
    assert silent.severity is confdocs.Severity.INFO
    assert silent.message.startswith("37 invited countries")


def test_every_code_is_documented_and_exercised():
    exercised = {code for _, code in EXPECTED_VIOLATIONS} | {
        "quota.total-mismatch",
        "quota.duplicate-country",
        "quota.exception-not-invited",
        "quota.no-nominations",
    }
    assert exercised == set(CODES)


# --- property: registrations within the rules never give an error ------------------------


@st.composite
def registrations_within_rules(draw, event):
    rules = make_rules(event)
    roles = list(rules.roles)
    needed = [role for role, n in rules.roles.items() for _ in range(n)]
    rows: list[tuple[str, str, str | None, str, str]] = []
    seats_by_country: dict[str, list[str]] = {}
    for (group, country), seats in rules.delegation_seats.items():
        seats_by_country.setdefault(country, []).extend([group] * seats)
    for country, group_seats in seats_by_country.items():
        spare = len(group_seats) - len(needed)
        if spare >= 0:
            extra = [draw(st.sampled_from(roles)) for _ in range(spare)]
            delegation = draw(st.permutations(needed + extra))
        else:
            delegation = draw(st.permutations(needed))[: len(group_seats)]
        count = draw(st.integers(0, len(group_seats)))
        groups = draw(st.permutations(group_seats))
        for role, group in zip(delegation[:count], groups, strict=False):
            rows.append(("", "", country, group, role))
    for (alloc, country), seats in rules.allocation_seats.items():
        for _ in range(draw(st.integers(0, seats))):
            rows.append(("", "", country, alloc, draw(st.sampled_from(roles))))
    rows = draw(st.permutations(rows))
    named = tuple(
        Registration(
            name=f"Person {i}",
            email=f"person{i}@example.org",
            country=c,
            group=g,
            role=r,
            line=i + 2,
        )
        for i, (_, _, c, g, r) in enumerate(rows)
    )
    return Registrations("generated.csv", named)


def three_seat_variant(event):
    groups = list(event.participants.groups)
    groups[0] = attrs.evolve(groups[0], seats_per_country=3)
    groups[2] = attrs.evolve(groups[2], seats_per_country=1)
    return with_participants(event, groups=tuple(groups))


@pytest.mark.parametrize("variant", ["seed", "three-and-one-seat"])
def test_registrations_within_the_rules_never_give_an_error(hague_event, variant):
    event = hague_event if variant == "seed" else three_seat_variant(hague_event)

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(registrations_within_rules(event))
    def check(registrations):
        assert errors(quota_findings(event, registrations)) == []

    check()
