"""Loading registrations: CSV as spreadsheets export it, YAML, and every mistake with file:line."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import docx
import pytest

import confdocs
from confdocs.loading.registrations import Registration, Registrations

from .conftest import HAGUE

HEADER = "name,email,country,group,role,organisation\n"


def write(
    tmp_path: Path, text: str, name: str = "registrations.csv", encoding: str = "utf-8"
) -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def check(run_cli, path: Path, *extra: str):
    return run_cli("check", str(HAGUE), "--registrations", str(path), *extra)


def assert_input_error(result, *messages: str) -> None:
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    for message in messages:
        assert message in result.stderr, result.stderr


# --- what loads ----------------------------------------------------------------------------


def test_the_hague_registrations_load_with_their_lines():
    registrations = confdocs.load_registrations(HAGUE.parent / "registrations.csv")
    assert len(registrations) == 116
    first = registrations.rows[0]
    assert first == Registration(
        name="Mariana Sosa",
        email="mariana.sosa@prosecution-ar.example",
        group="glacy-plus",
        role="prosecutor",
        country="AR",
        organisation="Office of the Prosecutor General, Cybercrime Unit",
        family_name="Sosa",
        consent=True,
        language="es",
        attended=(dt.date(2019, 9, 30), dt.date(2019, 10, 1)),
    )
    assert first.line == 2
    assert registrations.rows[-1].line == 117
    assert registrations.file == str(HAGUE.parent / "registrations.csv")


def test_semicolons_bom_crlf_aliases_and_lower_case_countries(tmp_path):
    text = (
        "\ufeffName;E-mail;Country;Group;Role;Organization\r\n"
        "Ana Silva;ana@x.example;ar;glacy-plus;prosecutor;Fiscalía, Unidad Cibercrimen\r\n"
        "\r\n"
        "Ben Okoro;ben@x.example;;europol;other;\r\n"
    )
    registrations = confdocs.load_registrations(write(tmp_path, text))
    assert [(r.name, r.country, r.organisation, r.line) for r in registrations] == [
        ("Ana Silva", "AR", "Fiscalía, Unidad Cibercrimen", 2),
        ("Ben Okoro", None, None, 4),
    ]


def test_quoted_newlines_keep_each_row_on_its_own_line(tmp_path):
    text = HEADER + (
        'Ana,ana@x.example,AR,glacy-plus,prosecutor,"Ministry of Justice\nCentral Authority"\n'
        "Ben,ben@x.example,AR,glacy-plus,law-enforcement,Police\n"
    )
    registrations = confdocs.load_registrations(write(tmp_path, text))
    assert [r.line for r in registrations] == [2, 4]
    assert registrations.rows[0].organisation == "Ministry of Justice\nCentral Authority"


def test_yaml_registrations(tmp_path):
    text = (
        "registrations:\n"
        "  - {name: Ana, email: ana@x.example, country: AR, group: glacy-plus, role: prosecutor}\n"
        "  - name: Ben\n"
        "    email: ben@x.example\n"
        "    country: 'NO'\n"
        "    group: eurojust-liaison-prosecutors\n"
        "    role: prosecutor\n"
    )
    registrations = confdocs.load_registrations(write(tmp_path, text, "registrations.yaml"))
    assert [(r.name, r.country, r.line) for r in registrations] == [
        ("Ana", "AR", 2),
        ("Ben", "NO", 3),
    ]


def test_semicolon_file_is_checked_like_a_comma_file(run_cli, tmp_path):
    text = HEADER.replace(",", ";") + (
        'Ana;ana@x.example;AR;glacy-plus;prosecutor;"Fiscalía; Unidad\nCibercrimen"\n'
        "Ana;ana@x.example;AR;glacy-plus;prosecutor;Fiscalía\n"
    )
    result = check(run_cli, write(tmp_path, text), "--json")
    assert result.returncode == 1, result.stderr
    (duplicate,) = [f for f in json.loads(result.stdout) if f["severity"] == "error"]
    assert duplicate["code"] == "quota.duplicate-registration"
    assert duplicate["line"] == 4


# --- mistakes: exit 2, one line each, file:line ------------------------------------------


def test_missing_columns(run_cli, tmp_path):
    result = check(run_cli, write(tmp_path, "name,email,country\nA,a@x.example,AR\n"))
    assert_input_error(result, "registrations.csv:1:1: missing column(s) group")


def test_unknown_and_repeated_columns(run_cli, tmp_path):
    result = check(run_cli, write(tmp_path, "name,email,group,role,nickname,email\n"))
    assert_input_error(
        result,
        "registrations.csv:1:23: unknown column 'nickname'",
        "the column 'email' is there twice",
    )


def test_bad_country_after_a_quoted_newline(run_cli, tmp_path):
    text = HEADER + (
        'Ana,ana@x.example,AR,glacy-plus,prosecutor,"two\nlines"\n'
        "Ben,ben@x.example,Argentina,glacy-plus,law-enforcement,Police\n"
    )
    result = check(run_cli, write(tmp_path, text))
    assert_input_error(
        result,
        "registrations.csv:4: registrations[1].country: 'Argentina' is not an ISO 3166 alpha-2 "
        "country code",
    )


def test_every_bad_row_is_reported_at_once(run_cli, tmp_path):
    text = HEADER + (
        "Ana,ana@x.example,XX,glacy-plus,prosecutor,\n"
        "Ben,not an address,AR,glacy-plus,prosecutor,\n"
        ",cy@x.example,AR,glacy-plus,,\n"
        "Dee,dee@x.example,AR\n"
    )
    result = check(run_cli, write(tmp_path, text))
    assert_input_error(
        result,
        ":2: registrations[0].country: 'XX' is not",
        ":4: registrations[2].name: name is empty",
        ":5:1: registrations[3]: row has 3 values but the header has 6 columns",
        "3 problems in the input",
    )
    # An address that is not one is the organisers' to fix, and no document's: a warning,
    # told with the rest.
    assert "registrations.email-invalid" in result.stdout
    assert "'not an address' is not an e-mail address" in result.stdout


def test_yaml_mistakes_point_at_the_value(run_cli, tmp_path):
    text = (
        "registrations:\n"
        "  - name: Ana\n"
        "    email: ana@x.example\n"
        "    country: QQ\n"
        "    group: glacy-plus\n"
        "    role: prosecutor\n"
        "  - {name: Ben, email: ben@x.example, group: europol, role: other, fax: 123}\n"
    )
    result = check(run_cli, write(tmp_path, text, "registrations.yaml"))
    assert_input_error(
        result,
        "registrations.yaml:4:14: registrations[0].country: 'QQ' is not an ISO 3166",
        "registrations.yaml:7:",
        "unknown key 'fax'",
    )


@pytest.mark.parametrize(
    ("content", "encoding", "message"),
    [
        ("", "utf-8", "registrations file is empty"),
        (HEADER + "Zoë,z@x.example,AR,glacy-plus,prosecutor,\n", "utf-16", "is UTF-16"),
        (HEADER + "Zoë,z@x.example,AR,glacy-plus,prosecutor,\n", "latin-1", "is not UTF-8"),
        (HEADER + 'A,"a@x.example,AR,glacy-plus,prosecutor,\n', "utf-8", "invalid CSV"),
    ],
)
def test_unreadable_files(run_cli, tmp_path, content, encoding, message):
    result = check(run_cli, write(tmp_path, content, encoding=encoding))
    assert_input_error(result, message)


def test_missing_file(run_cli, tmp_path):
    assert_input_error(check(run_cli, tmp_path / "nope.csv"), "not found")


def test_row_limit(run_cli, tmp_path):
    text = HEADER + "".join(f"P{i},p{i}@x.example,AR,glacy-plus,other,\n" for i in range(4))
    result = run_cli(
        "check", str(HAGUE), "-r", str(write(tmp_path, text)),
        env={"CONFDOCS_MAX_REGISTRATIONS": "3"},
    )
    assert_input_error(result, "registrations.csv:5: more than 3 registrations")


def test_lines_ended_by_a_carriage_return_alone_load(tmp_path: Path) -> None:
    """Excel for Mac's "CSV (Macintosh)" ends lines with CR alone."""
    path = tmp_path / "mac.csv"
    path.write_bytes(
        b"name,email,country,group,role\rJane,jane@example.org,FR,g,prosecutor\r"
        b"John,john@example.org,PT,g,prosecutor\r"
    )
    regs = confdocs.load_registrations(path)
    assert [(r.name, r.line) for r in regs.rows] == [("Jane", 2), ("John", 3)]


# --- the columns of the documents made for each participant ---------------------------------

PERSONAL = "name,email,country,group,role,id,title,family_name,consent,language,attended,phone\n"


def test_the_personal_columns_load(tmp_path):
    text = PERSONAL + (
        "Ana de la Cruz,ana@x.example,AR,glacy-plus,prosecutor,ana,Dr,de la Cruz,YES,pt-BR,"
        '"2019-10-01, 2019-09-30;2019-10-01",+54 11 5555 0000\n'
        "Ben Bo,ben@x.example,AR,glacy-plus,law-enforcement,,,,,,,\n"
        "Cy Ng,cy@x.example,AR,glacy-plus,other,,,,no,fr,2019-09-30,\n"
    )
    ana, ben, cy = confdocs.load_registrations(write(tmp_path, text))
    assert (ana.id, ana.title, ana.family_name, ana.consent, ana.language) == (
        "ana", "Dr", "de la Cruz", True, "pt_BR"
    )
    assert ana.attended == (dt.date(2019, 9, 30), dt.date(2019, 10, 1))
    assert ana.phone == "+54 11 5555 0000"
    # Consent is never assumed: an empty cell leaves a person off the participant list.
    assert (ben.id, ben.consent, ben.attended, ben.language) == (None, False, (), None)
    assert (cy.consent, cy.language, cy.attended) == (False, "fr", (dt.date(2019, 9, 30),))


@pytest.mark.parametrize(
    ("consent", "agreed"),
    [("oui", True), ("Non", False), ("sí", True), ("نعم", True), ("Так", True), ("так", True),
     ("НІ", False), ("ні", False)],
)
def test_consent_is_read_in_the_shipped_languages(tmp_path, consent, agreed):
    """A form filled in in Ukrainian says так or ні, in whatever case."""
    text = PERSONAL + f"Ana Lima,ana@x.example,BR,glacy-plus,prosecutor,,,,{consent},,,\n"
    (ana,) = confdocs.load_registrations(write(tmp_path, text))
    assert ana.consent is agreed


@pytest.mark.parametrize(
    ("cell", "gender"),
    [("Femme", "female"), ("أنثى", "female"), ("жінка", "female"), ("Чоловік", "male"),
     ("жіноча", "female"), ("ЧОЛОВІЧА", "male"), ("Ж", "female"), ("ч", "male"),
     ("жін.", "female"), ("чол.", "male"), ("інша", None), ("", None),
     # A word it does not know stays as written (the build warns of it, the wording is neutral).
     ("чоловічий рід", "чоловічий рід")],
)
def test_a_gender_is_read_in_the_shipped_languages(tmp_path, cell, gender):
    text = f"{PERSONAL.strip()},gender\nAna Lima,ana@x.example,BR,glacy-plus,prosecutor,,,,,,,,{cell}\n"
    (ana,) = confdocs.load_registrations(write(tmp_path, text))
    assert ana.gender == gender


def test_the_personal_columns_in_yaml(tmp_path):
    text = (
        "registrations:\n"
        "  - name: Ana Lima\n"
        "    email: ana@x.example\n"
        "    country: BR\n"
        "    group: glacy-plus\n"
        "    role: prosecutor\n"
        "    consent: true\n"
        "    family_name: Lima\n"
        "    attended: [2019-09-30, 2019-10-01]\n"
    )
    (ana,) = confdocs.load_registrations(write(tmp_path, text, "registrations.yaml"))
    assert (ana.consent, ana.family_name) == (True, "Lima")
    assert ana.attended == (dt.date(2019, 9, 30), dt.date(2019, 10, 1))


def test_mistakes_in_the_personal_columns_are_placed(run_cli, tmp_path):
    text = PERSONAL + (
        "Ana Lima,ana@x.example,BR,glacy-plus,prosecutor,,,,maybe,,,\n"
        "Ben Bo,ben@x.example,BR,glacy-plus,prosecutor,,,,,klingon,,\n"
        "Cy Ng,cy@x.example,BR,glacy-plus,prosecutor,,,,,,30/09/2019,\n"
        "Dee Ko,dee@x.example,BR,glacy-plus,prosecutor,,,Kho,,,,\n"
        "Eve Ra,eve@x.example,BR,glacy-plus,prosecutor,e v e,,,,,,\n"
    )
    result = check(run_cli, write(tmp_path, text))
    assert_input_error(
        result,
        ":2: registrations[0].consent: 'maybe' is not a consent; write yes or no (or oui/non, "
        "sí/no, sim/não, ja/nein, نعم/لا, так/ні, 1/0; empty is no)",
        ":3: registrations[1].language: 'klingon' is not a language CLDR knows",
        ":4: registrations[2].attended: expected a date as YYYY-MM-DD, got '30/09/2019'",
        ":5: registrations[3].family_name: 'Kho' is not part of the name 'Dee Ko'",
        ":6: registrations[4].id: 'e v e' is not a valid id",
        "5 problems in the input",
    )


def test_an_id_given_twice_is_refused_at_the_second_row(run_cli, tmp_path):
    text = PERSONAL + (
        "Ana Lima,ana@x.example,BR,glacy-plus,prosecutor,lima,,,,,,\n"
        "Ben Lima,ben@x.example,BR,glacy-plus,law-enforcement,LIMA,,,,,,\n"
    )
    result = check(run_cli, write(tmp_path, text))
    assert_input_error(
        result,
        "registrations.csv:3: registrations[1].id: the id 'LIMA' is given to 'Ana Lima' "
        "(line 2) already",
    )


def test_a_day_outside_the_event_is_refused_where_the_view_reads_it(run_cli, tmp_path):
    text = PERSONAL + "Ana Lima,ana@x.example,BR,glacy-plus,prosecutor,,,,,,2019-09-29,\n"
    path = write(tmp_path, text)
    result = run_cli(
        "build", str(HAGUE), "-r", str(path), "-f", "certificates", "-o", str(tmp_path / "out")
    )
    assert_input_error(
        result,
        f"{path}:2: registrations[0].attended: 2019-09-29 is not a day of the event "
        "(2019-09-30 to 2019-10-01)",
    )
    assert not (tmp_path / "out").exists()


def test_check_reports_a_day_outside_the_event_at_its_row(run_cli, tmp_path):
    text = PERSONAL + (
        "Ana Lima,ana@x.example,BR,glacy-plus,prosecutor,,,,,,2019-09-30,\n"
        "Ben Lima,ben@x.example,BR,glacy-plus,law-enforcement,,,,,,2019-09-30 2019-10-09,\n"
    )
    path = write(tmp_path, text)
    result = run_cli("check", str(HAGUE), "-r", str(path), "--json")
    assert result.returncode == 1, result.stderr
    findings = json.loads(result.stdout)
    [found] = [f for f in findings if f["code"] == "registrations.attended-outside-event"]
    assert found == {
        "severity": "error",
        "code": "registrations.attended-outside-event",
        "message": "2019-10-09 is not a day of the event (2019-09-30 to 2019-10-01)",
        "path": "registrations[1].attended",
        "file": str(path),
        "line": 3,
    }


@pytest.mark.parametrize("form", ["csv", "yaml"])
def test_every_mistake_of_a_file_is_said_at_once(run_cli, tmp_path, form):
    """A bad date and an id given twice: one report, not one mistake per attempt."""
    if form == "csv":
        path = write(tmp_path, PERSONAL + (
            "Ana Lima,ana@x.example,BR,glacy-plus,prosecutor,,,,,,2019-09-31,\n"
            "Ben Lima,ben@x.example,BR,glacy-plus,law-enforcement,lima,,,,,,\n"
            "Eva Lima,eva@x.example,AR,glacy-plus,prosecutor,LIMA,,,,,,\n"
        ))
        places = ("registrations.csv:2: registrations[0].attended",
                  "registrations.csv:4: registrations[2].id")
    else:
        path = write(tmp_path, (
            "registrations:\n"
            "  - {name: Ana Lima, email: ana@x.example, country: BR, group: glacy-plus,\n"
            "     role: prosecutor, attended: [2019-09-31]}\n"
            "  - {name: Ben Lima, email: ben@x.example, country: BR, group: glacy-plus,\n"
            "     role: law-enforcement, id: lima}\n"
            "  - {name: Eva Lima, email: eva@x.example, country: AR, group: glacy-plus,\n"
            "     role: prosecutor, id: LIMA}\n"
        ), name="registrations.yaml")
        places = ("registrations.yaml:3:", "registrations.yaml:7:")
    result = check(run_cli, path)
    assert_input_error(result, *places, "the id 'LIMA' is given to 'Ben Lima'")
    assert "2 problems in the input" in result.stderr


def test_consent_may_be_written_in_the_shipped_languages(tmp_path):
    """A form filled in Spanish says sí; no is still no, and an unknown word an error."""
    import confdocs

    path = tmp_path / "regs.csv"
    path.write_text(
        "name,email,country,group,role,consent\n"
        "Ana Ruiz,ana@x.example,PE,g,p,sí\nLuc Martin,luc@x.example,FR,g,p,non\n"
        "Nino Beridze,nino@x.example,GE,g,p,Não\n",
        encoding="utf-8",
    )
    rows = confdocs.load_registrations(path).rows
    assert [r.consent for r in rows] == [True, False, False]


def test_a_language_without_labels_gives_the_certificate_in_the_events(run_cli, tmp_path):
    """A Flemish participant (nl): confdocs has no Dutch labels, so the certificate is in the
    event's language, and both check and build say so at the participant's row (the build
    had failed, blaming the event's settings.locale)."""
    text = PERSONAL + "Jan Peeters,jan@x.example,BR,glacy-plus,prosecutor,,,,,nl,2019-09-30,\n"
    path = write(tmp_path, text)
    out = tmp_path / "out"
    result = run_cli("build", str(HAGUE), "-r", str(path), "-f", "certificates", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert f"hague-2019: {path}:2: Jan Peeters: confdocs has no labels for Dutch (nl)" in result.stderr
    assert "settings.locale" not in result.stderr
    document = docx.Document(str(out / "hague-2019.certificates.docx"))
    text_of = "\n".join(p.text for p in document.paragraphs)
    assert "Jan Peeters" in text_of and "Certificate of attendance" in text_of
    checked = run_cli("check", str(HAGUE), "-r", str(path), "--json")
    [found] = [f for f in json.loads(checked.stdout) if f["code"].startswith("registrations.lang")]
    assert (found["severity"], found["line"], found["path"]) == (
        "warning", 2, "registrations[0].language"
    )


def test_the_sheets_and_the_days_attended_follow_the_programme() -> None:
    """A webinar series: sessions on the 6th and the 20th only. The attendance sheets are
    for those two days, none when everyone is online, and a day attended between them is
    a warning at its row."""
    import attrs

    event = confdocs.load_event(HAGUE)
    days = event.programme.days
    series = attrs.evolve(
        event,
        start=dt.date(2019, 9, 30),
        end=dt.date(2019, 10, 14),
        programme=attrs.evolve(
            event.programme,
            days=(
                attrs.evolve(days[1], date=dt.date(2019, 9, 30)),
                attrs.evolve(days[2], date=dt.date(2019, 10, 14)),
            ),
        ),
    )
    rows = (
        Registration(name="Ana Lima", email="a@x.example", country="BR", group="glacy-plus",
                     role="prosecutor", line=2, attended=(dt.date(2019, 10, 7),)),
        Registration(name="Ben Lima", email="b@x.example", country="BR", group="glacy-plus",
                     role="law-enforcement", line=3, attendance="online"),
    )
    registrations = Registrations("r.csv", rows)
    view = confdocs.prepare_view(series, registrations=registrations)
    assert [s.id for s in view.registrants.sign_in] == ["2019-09-30", "2019-10-14"]
    found = [f for f in confdocs.check(series, registrations)
             if f.code == "registrations.attended-no-session"]
    assert [(f.line, f.path) for f in found] == [(2, "registrations[0].attended")]
    online = attrs.evolve(registrations, rows=(rows[1],))
    assert confdocs.prepare_view(series, registrations=online).registrants.sign_in == ()


def test_a_certificate_for_every_session_of_a_series_is_not_for_some_days() -> None:
    """Sessions on 30 September and 14 October: who came to both attended every day the
    event was held, and their certificate says the plain wording, not "attended on … the
    event …, held … on 30 September – 14 October" as if they had missed some."""
    import attrs

    event = confdocs.load_event(HAGUE)
    days = event.programme.days
    series = attrs.evolve(
        event,
        end=dt.date(2019, 10, 14),
        programme=attrs.evolve(
            event.programme,
            days=(days[1], attrs.evolve(days[2], date=dt.date(2019, 10, 14))),
        ),
    )

    def certificate(*attended: dt.date) -> str:
        row = Registration(name="Ana Lima", email="a@x.example", country="BR",
                           group="glacy-plus", role="prosecutor", line=2, attended=attended)
        view = confdocs.prepare_view(series, registrations=Registrations("r.csv", (row,)))
        [made] = view.registrants.certificates
        return f"{made.statement.plain} {made.days_line.plain}"

    both = certificate(dt.date(2019, 9, 30), dt.date(2019, 10, 14))
    assert both.startswith("attended the event “International conference"), both
    assert both.endswith("on 30 September 2019 and 14 October 2019."), both
    one = certificate(dt.date(2019, 9, 30))
    assert one.startswith("attended on 30 September 2019 the event"), one


@pytest.mark.parametrize(
    ("written", "told"),
    [("Brasil", "BR, Brazil"), ("allemagne", "DE, Germany"), ("República Dominicana", "DO, ")],
)
def test_a_country_written_by_name_is_told_its_code(tmp_path: Path, written: str, told: str) -> None:
    """A registration's country written as a name, in one of the common languages (case and
    accents aside), is told the code to write (a trial's "Brasil" was told nothing)."""
    table = tmp_path / "registrations.csv"
    table.write_text(
        f"name,email,country,group,role\nAna Ruiz,ana@x.example,{written},glacy-plus,prosecutor\n",
        "utf-8",
    )
    with pytest.raises(confdocs.InputError) as raised:
        confdocs.load_registrations(table)
    assert f"(did you mean {told}" in str(raised.value)


def test_the_language_warning_of_a_build_names_the_row_as_the_file_has_it(tmp_path):
    """Rows left out before it: the build's warning is at the row's place in the file
    (registrations[2]), as check's, not among the rows kept; a row left out is not warned of."""
    text = (
        PERSONAL
        + "Ann Ruiz,ann@x.example,JP,glacy-plus,prosecutor,,,,,nl,2019-09-30,\n"
        + "Bo Lind,bo@x.example,AR,glacy-plus,nobody,,,,,nl,2019-09-30,\n"
        + "Jan Peeters,jan@x.example,BR,glacy-plus,prosecutor,,,,,nl,2019-09-30,\n"
    )
    path = write(tmp_path, text)
    event = confdocs.load_event(HAGUE)
    registrations = confdocs.load_registrations(path)
    result = confdocs.build(event, ["certificates"], registrations=registrations)
    warned = [f for f in result.warnings if f.code == "registrations.language-without-labels"]
    assert [(f.path, f.line) for f in warned] == [("registrations[2].language", 4)]
