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
from confdocs.model import CountryRule, InvitationGroup, StatedTotal

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
    (123, "quota.unknown-group"),  # 'glacy'
    (124, "quota.duplicate-registration"),  # same e-mail in capitals
    (125, "quota.duplicate-registration"),  # same name (other case, spacing) and country
    (126, "quota.not-invited"),  # Germany has no liaison prosecutor at Eurojust
    (127, "quota.seats-exceeded"),  # a second Austrian national member
    # ... and the 120th person wanting one of the 119 seats: rows refused for a mistake of
    # their own (France, 'glacy', the duplicates, Germany) have their finding and are not
    # counted again.
    (127, "quota.over-capacity"),
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
    # Errors in the registrations: exit 1, as check's (the README's table).
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert report["totals"]["total"] == {"seats": 119, "filled": 116, "free": 3}
    # 13 errors on 12 rows: the 120th person is also the one refused for composition.
    assert report["registrations"]["refused"] == 12
    assert report["errors"] == 13


def test_quota_command_exits_1_on_errors_as_check_does(run_cli):
    clean = run_cli("quota", str(HAGUE), "-r", str(CLEAN))
    assert clean.returncode == 0 and clean.stderr == ""
    text = run_cli("quota", str(HAGUE), "-r", str(VIOLATIONS))
    assert text.returncode == 1
    assert "12 registrations not seated" in text.stdout
    assert text.stderr.strip() == "13 errors in the quota: confdocs check says each, with its place"
    assert run_cli("check", str(HAGUE), "-r", str(VIOLATIONS)).returncode == 1


def test_quota_command_input_errors_exit_2(run_cli, tmp_path):
    missing = run_cli("quota", str(tmp_path / "nope.yaml"))
    assert missing.returncode == 2
    assert "not found" in missing.stderr and "Traceback" not in missing.stderr
    bad = tmp_path / "bad.csv"
    bad.write_text("name,email\nA,a@x.example\n", encoding="utf-8")
    result = run_cli("quota", str(HAGUE), "-r", str(bad))
    assert result.returncode == 2
    assert f"{bad}:1:1: missing column(s) group" in result.stderr


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
    # "one", whatever the role's first letter: "a Enquêteur" had read as a mistake.
    assert "(it still needs one Law enforcement ('law-enforcement'))" in empty.message
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
            ("Hélène Saïdi", "h@x.example", "CL", "glacy-plus", "law-enforcement"),
            # typed again without the accents (a keyboard without them): the same person
            ("Helene  SAIDI", "helene@y.example", "CL", "glacy-plus", "law-enforcement"),
        ),
    )
    duplicates = [f for f in errors(findings) if f.code == "quota.duplicate-registration"]
    assert [(f.line, "e-mail" in f.message) for f in duplicates] == [(3, True), (4, False)]
    first = "Ana Sosa, registrations[0] (line 2)"
    assert duplicates[0].message.endswith(f"same e-mail address as {first}")
    assert duplicates[1].message.endswith(f"same name and country as {first}")
    assert sum("duplicate" in f.code for f in errors(findings)) == 2
    # The same name with its accents aside may be one person typed twice, or two people
    # ("Nguyễn Thị Lan", "Nguyễn Thị Lân"): a warning at the row, which is seated.
    [alike] = [f for f in findings if f.code == "quota.possible-duplicate"]
    assert alike.severity is confdocs.Severity.WARNING and alike.line == 7
    assert "the name of Hélène Saïdi, registrations[4] (line 6), accents aside" in alike.message


def test_a_name_written_once_in_cyrillic_and_once_in_latin_letters_may_be_one_person(
    hague_event,
):
    findings = quota_findings(
        hague_event,
        regs(
            ("Ірина Бондаренко", "i.b@gp.example", "AR", "glacy-plus", "prosecutor"),
            # The passport's spelling: anyascii writes "Irina", the consonants agree.
            ("Iryna Bondarenko", "iryna@mail.example", "AR", "glacy-plus", "law-enforcement"),
            ("Юлія Шевченко", "y.s@gp.example", "AR", "glacy-plus", "prosecutor"),
            ("Yuliia Shevchenko", "yuliia@mail.example", "CL", "glacy-plus", "prosecutor"),
            # Two Latin names that share their consonants are never compared this way.
            ("Anna Ivanova", "anna@x.example", "CL", "glacy-plus", "law-enforcement"),
            ("Anna Ivanov", "ivanov@x.example", "CL", "glacy-plus", "law-enforcement"),
        ),
    )
    [alike] = [f for f in findings if f.code == "quota.possible-duplicate"]
    assert alike.severity is confdocs.Severity.WARNING and alike.line == 3
    assert alike.message.startswith("Iryna Bondarenko <iryna@mail.example> may be registered")
    assert "the name of Ірина Бондаренко, registrations[0] (line 2), written in other letters" in (
        alike.message
    )
    assert not [f for f in errors(findings) if "duplicate" in f.code]


def test_a_name_is_compared_without_case_or_spacing_and_then_without_accents():
    from confdocs_quota.tally import folded_key, person_key

    assert person_key("  Hélène   SAÏDI ") == person_key("hélène saïdi")
    assert person_key("Hélène Saïdi") != person_key("Helene Saidi")
    assert folded_key("  Hélène   SAÏDI ") == folded_key("helene saidi")
    assert folded_key("Ørsted") != folded_key("Orsted")  # a letter of its own, not an accent
    assert folded_key("مُحَمَّد") == folded_key("محمد")  # Arabic vowel marks
    assert folded_key("Ana Sosa") != folded_key("Ana Soza")


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


def glacy_and_doj(hague_event):
    """41 seats: 40 for GLACY+ and one for the US DoJ."""
    return with_participants(
        hague_event,
        groups=hague_event.participants.groups[:1],
        allocations=hague_event.participants.allocations[2:3],
        stated_total=None,
    )


def test_over_capacity_is_reported_once_at_the_first_person_beyond(hague_event):
    event = glacy_and_doj(hague_event)
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
        "quota.missing-role",  # test_organisations_register_without_a_role
        "quota.total-mismatch",
        "quota.duplicate-country",
        "quota.exception-not-invited",
        "quota.no-nominations",
        "quota.seats-per-country-differ",  # test_a_text_that_says_one_figure_of_groups_that_differ
        "quota.possible-duplicate",  # test_the_same_person_twice
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


# --- what organisers could not express before ----------------------------------------------


def host_country_event(hague_event):
    """CyberSouth with Tunisia as the host: four seats, two prosecutors and two investigators."""
    groups = list(hague_event.participants.groups)
    [south] = [g for g in groups if g.id == "cybersouth"]
    host = CountryRule(
        country="TN", seats=4, composition={"prosecutor": 2, "law-enforcement": 2}
    )
    groups[groups.index(south)] = attrs.evolve(south, exceptions=(host,))
    return with_participants(hague_event, groups=tuple(groups), stated_total=None)


def test_an_exceptions_composition_is_checked(hague_event):
    event = host_country_event(hague_event)
    rows = [
        ("P1", "p1@x", "TN", "cybersouth", "prosecutor"),
        ("P2", "p2@x", "TN", "cybersouth", "prosecutor"),
        ("P3", "p3@x", "TN", "cybersouth", "prosecutor"),  # a third prosecutor: refused
        ("L1", "l1@x", "TN", "cybersouth", "law-enforcement"),
        ("M1", "m1@x", "MA", "cybersouth", "prosecutor"),
        ("M2", "m2@x", "MA", "cybersouth", "prosecutor"),  # Morocco keeps one and one
    ]
    findings = quota_findings(event, regs(*rows))
    refused = [(f.code, f.line) for f in errors(findings)]
    assert refused == [("quota.composition", 4), ("quota.composition", 7)]
    [third] = [f for f in errors(findings) if f.line == 4]
    assert "two 'prosecutor' and two 'law-enforcement'" in third.message
    [short] = [f for f in findings if f.code == "quota.composition" and f.line == 2]
    assert short.severity is confdocs.Severity.WARNING
    assert "fills 3 of its 4 seats" in short.message
    # The role missing is named as the event names it, with its id.
    # The role missing is counted: TN has one of the two law-enforcement officers it needs.
    assert "(it still needs 1 more Law enforcement ('law-enforcement'))" in short.message


def test_an_exception_naming_an_unknown_role_is_an_input_error(hague_event, tmp_path):
    text = HAGUE.read_text("utf-8").replace(
        "        - {country: XK, note: kosovo-designation}",
        "        - {country: XK, note: kosovo-designation, composition: {judge: 1}}",
    )
    event_file = HAGUE.parent / "host-exception-test.yaml"
    try:
        event_file.write_text(text, "utf-8")
        with pytest.raises(confdocs.InputError) as caught:
            confdocs.load_event(event_file)
    finally:
        event_file.unlink()
    message = str(caught.value)
    assert "participants.groups[2].exceptions[0].composition.judge" in message
    assert "unknown role 'judge'" in message
    line = next(i for i, x in enumerate(text.splitlines(), 1) if "judge" in x)
    assert f"host-exception-test.yaml:{line}:" in message


def test_online_seats_come_on_top_of_the_in_person_quota(hague_event):
    groups = list(hague_event.participants.groups)
    groups[0] = attrs.evolve(groups[0], online_seats_per_country=1)
    allocations = list(hague_event.participants.allocations)
    allocations[4] = attrs.evolve(allocations[4], online_seats=1)  # Europol
    event = with_participants(hague_event, groups=tuple(groups), allocations=tuple(allocations))

    def row(i, country, group, role, attendance="in-person"):
        return Registration(f"P{i}", f"p{i}@x", group, role, country, None, i + 2, attendance)

    rows = (
        row(0, "AR", "glacy-plus", "prosecutor"),
        row(1, "AR", "glacy-plus", "law-enforcement"),
        row(2, "AR", "glacy-plus", "other", "online"),  # the online seat: seated
        row(3, "AR", "glacy-plus", "other", "online"),  # a second online: refused
        row(4, None, "europol", None),
        row(5, None, "europol", None),
        row(6, None, "europol", None, "online"),
        row(7, None, "europol", None, "online"),  # refused
    )
    findings = quota_findings(event, Registrations("r.csv", rows))
    assert [(f.code, f.line) for f in errors(findings)] == [
        ("quota.seats-exceeded", 5),
        ("quota.seats-exceeded", 9),
    ]
    assert "1 online seat in 'glacy-plus'" in errors(findings)[0].message
    from confdocs_quota.tally import tally

    counted = tally(event, Registrations("r.csv", rows))
    assert (counted.seated, counted.seated_online) == (6, 2)
    # The capacity is every seat: 119 in person, 20 online for GLACY+, one for Europol.
    assert make_rules(event).capacity == 119 + 20 + 1


def test_organisations_register_without_a_role(hague_event, tmp_path, run_cli):
    table = tmp_path / "registrations.csv"
    table.write_text(
        "name,email,country,group,role,organisation,attendance\n"
        "Lotte Janssen,lotte@europol.example,,europol,,Europol,\n"
        "Jan de Vries,jan@europol.example,,europol,,Europol,online\n"
        "Ana Ruiz,ana@justice-ar.example,AR,glacy-plus,,Ministry of Justice,\n",
        "utf-8",
    )
    loaded = confdocs.load_registrations(table)
    assert [r.role for r in loaded] == [None, None, None]
    assert [r.attendance for r in loaded] == ["in-person", "online", "in-person"]
    findings = quota_findings(hague_event, loaded)
    # Europol has two in-person seats and no online one; Ana needs a delegation role.
    assert [(f.code, f.line) for f in errors(findings)] == [
        ("quota.seats-exceeded", 3),
        ("quota.missing-role", 4),
    ]
    assert "0 online seats" in errors(findings)[0].message
    assert "(the allocation's online_seats gives them)" in errors(findings)[0].message
    bad = tmp_path / "bad.csv"
    bad.write_text("name,email,group,attendance\nA,a@x.example,europol,remote\n", "utf-8")
    result = run_cli("check", str(HAGUE), "-r", str(bad))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"{bad}:2: registrations[0].attendance: 'remote' is not an attendance" in result.stderr


def test_a_refused_row_is_not_counted_again_against_the_capacity(hague_event):
    event = glacy_and_doj(hague_event)
    seated = [
        (f"P{i}", f"p{i}@x", country, "glacy-plus", role)
        for i, (country, role) in enumerate(
            (c, r) for c in event.participants.groups[0].countries
            for r in ("prosecutor", "law-enforcement")
        )
    ] + [("DoJ", "doj@x", None, "us-doj", "other")]
    assert len(seated) == 41
    france = ("Pauline", "pauline@x", "FR", "glacy-plus", "prosecutor")  # not invited
    findings = quota_findings(event, regs(france, *seated))
    assert [f.code for f in errors(findings)] == ["quota.not-invited"]


def test_a_text_that_says_one_figure_of_groups_that_differ(hague_event):
    """``{seats_per_country}`` is the most common figure: a warning at the text when a group
    gives its countries another number and no note says so (the seed's EndOCSEA@Europe group
    gives 1 and has its note); none when each such group has a note."""
    assert not [f for f in quota_findings(hague_event) if "differ" in f.code]
    groups = list(hague_event.participants.groups)
    groups[1] = attrs.evolve(groups[1], seats_per_country=1, notes=())
    findings = quota_findings(with_participants(hague_event, groups=tuple(groups)))
    (differ,) = [f for f in findings if f.code == "quota.seats-per-country-differ"]
    assert differ.severity is confdocs.Severity.WARNING
    assert differ.path == "participants.intro"
    assert "(2) of every country" in differ.message and "(cybereast 1)" in differ.message
    written = with_participants(hague_event, groups=tuple(groups), intro="Two per country.")
    assert not [f for f in quota_findings(written) if "differ" in f.code]


# --- what build makes of the rows a check refuses ------------------------------------------


def _names_on_badges(data: bytes) -> list[str]:
    import csv
    import io

    return [row["name"] for row in csv.DictReader(io.StringIO(data.decode("utf-8-sig")))]


def test_build_leaves_the_refused_rows_out_of_the_participants_documents(hague_event):
    registrations = confdocs.load_registrations(VIOLATIONS)
    result = confdocs.build(hague_event, ["badges-csv", "docx"], registrations=registrations)
    refused_lines = sorted({line for line, _ in EXPECTED_VIOLATIONS})
    assert sorted({f.line for f in result.left_out}) == refused_lines
    assert all(f.severity is confdocs.Severity.ERROR for f in result.left_out)
    badges = _names_on_badges(next(d.data for d in result.documents if d.format == "badges-csv"))
    assert len(badges) == len(registrations) - len(refused_lines)
    # A row the check only warns of is seated, and printed.
    findings = confdocs.check(hague_event, registrations)
    warned = {f.line for f in findings if f.severity is not confdocs.Severity.ERROR and f.line}
    warned_rows = [row for row in registrations if row.line in warned - set(refused_lines)]
    assert warned_rows
    shown = " ".join(badges).casefold()
    for row in warned_rows:
        assert row.name.split()[-1].casefold() in shown, row.name
    for refused in ("QUIROGA", "MERCIER", "MENSAH", "BRANDT", "GRUBER", "JANSSEN", "PIRES"):
        assert refused.casefold() not in shown, refused
    # Clean registrations lose nobody.
    clean = confdocs.build(
        hague_event, ["badges-csv"], registrations=confdocs.load_registrations(CLEAN)
    )
    assert clean.left_out == ()


def test_build_says_which_rows_it_left_out_and_strict_refuses(run_cli, tmp_path):
    out = tmp_path / "out"
    result = run_cli("build", str(HAGUE), "-r", str(VIOLATIONS), "-f", "badges-csv", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "registrations left out of the documents for participants" in result.stderr
    assert f"{VIOLATIONS.name}:130 quota.unknown-role:" in result.stderr.replace(
        str(VIOLATIONS), VIOLATIONS.name
    )
    assert (out / "hague-2019.badges.csv").exists()
    strict = tmp_path / "strict"
    refused = run_cli(
        "build", str(HAGUE), "-r", str(VIOLATIONS), "-f", "badges-csv", "--strict", "-o", str(strict)
    )
    assert refused.returncode == 1
    assert "--strict: nothing was written" in refused.stderr
    assert not strict.exists()


def test_a_row_refused_only_because_of_a_row_left_out_stays(hague_event):
    """Rows are left out one at a time, the checks run again: Ann's second row (her role
    corrected) is no duplicate once her first, refused, is out."""
    registrations = regs(
        ("Mariana Sosa", "m@x.example", "AR", "glacy-plus", "prosecutor"),
        ("Ann Ruiz", "ann@x.example", "AR", "glacy-plus", "judge"),
        ("Ann Ruiz", "ann@x.example", "AR", "glacy-plus", "law-enforcement"),
    )
    result = confdocs.build(hague_event, ["badges-csv"], registrations=registrations)
    assert [(f.code, f.line, f.path) for f in result.left_out] == [
        ("quota.unknown-role", 3, "registrations[1]")
    ]
    badges = _names_on_badges(result.documents[0].data)
    assert [name.casefold() for name in badges] == ["mariana sosa", "ann ruiz"]
    # One check, for all rows at once, would have left both of Ann's rows out.
    once = confdocs.building.without_refused(
        registrations, confdocs.check(hague_event, registrations)
    )
    assert len(once[0]) == 1


def test_a_left_out_rows_message_names_the_other_row_at_its_place_in_the_file(hague_event):
    """A row left out after others were: its message names the other row as the file has it
    ("registrations[3]"), as check says, not at its place among the rows kept."""
    registrations = regs(
        ("Ann Ruiz", "ann@x.example", "AR", "glacy-plus", "judge"),  # refused: unknown role
        ("Bo Lind", "bo@x.example", "AR", "glacy-plus", "judge"),  # refused too
        ("Mariana Sosa", "m@x.example", "AR", "glacy-plus", "prosecutor"),
        ("Mariana Sosa", "m@x.example", "AR", "glacy-plus", "prosecutor"),  # the same twice
    )
    checked = [f for f in confdocs.check(hague_event, registrations) if "twice" in f.message]
    result = confdocs.build(hague_event, ["badges-csv"], registrations=registrations)
    left = [f for f in result.left_out if "twice" in f.message]
    assert [(f.path, f.message) for f in left] == [(f.path, f.message) for f in checked]
    assert "as registrations[2]" in left[0].message and left[0].path == "registrations[3]"


def test_a_role_still_needed_but_registered_online_is_said(hague_event):
    """The delegation lacks its law-enforcement member in the room; one is registered, online:
    the warning says so (a trial read "it still needs one investigator" as wrong)."""
    sosa, ruiz = regs(
        ("Mariana Sosa", "m@x.example", "AR", "glacy-plus", "prosecutor"),
        ("Ann Ruiz", "ann@x.example", "AR", "glacy-plus", "law-enforcement"),
    )
    registrations = Registrations("test.csv", (sosa, attrs.evolve(ruiz, attendance="online")))
    groups = tuple(
        attrs.evolve(g, online_seats_per_country=1) if g.id == "glacy-plus" else g
        for g in hague_event.participants.groups
    )
    event = attrs.evolve(
        hague_event, participants=attrs.evolve(hague_event.participants, groups=groups)
    )
    [warned] = [
        f
        for f in confdocs.check(event, registrations)
        if f.code == "quota.composition" and "AR" in f.message
    ]
    assert "it still needs one" in warned.message
    assert "registered online, which fills no in-person seat: 1 " in warned.message
    assert "('law-enforcement')" in warned.message.split("registered online")[1]


def test_an_event_that_names_no_roles_seats_delegates_without_one(hague_event):
    """No `participants.roles`: a delegate needs no role, and the quota check still runs (it
    failed with an AssertionError, so nothing was refused and a country not invited got its
    certificate)."""
    groups = (InvitationGroup(id="g", project="G", countries=("JP",), seats_per_country=1),)
    event = attrs.evolve(
        hague_event,
        participants=attrs.evolve(
            hague_event.participants, groups=groups, roles=(), allocations=(), composition=None
        ),
    )
    registrations = regs(
        ("Aki Sato", "aki@x.example", "JP", "g", None),
        ("Ben Moreau", "ben@x.example", "FR", "g", None),
        ("Chie Ito", "chie@x.example", "JP", "g", None),
    )
    findings = confdocs.check(event, registrations)
    assert not [f for f in findings if f.code == "plugin.failed"], findings
    assert [(f.code, f.line) for f in errors(findings)] == [
        ("quota.not-invited", 3),
        ("quota.over-capacity", 4),
        ("quota.seats-exceeded", 4),
    ]
    result = confdocs.build(event, ["badges-csv"], registrations=registrations)
    assert _names_on_badges(result.documents[0].data) == ["Aki Sato"]


def test_counts_in_messages_agree_with_their_nouns():
    from confdocs import counted

    assert counted(1, "organisation seat") == "1 organisation seat"
    assert counted(14, "organisation seat") == "14 organisation seats"
    assert counted(1, "country", "countries") == "1 country"
    assert counted(5, "country", "countries") == "5 countries"
    assert counted(0, "slot") == "0 slots"
