"""What a Spanish-language trial found (tests/events/santo-domingo-es): an empty e-mail that
stopped every check, mistakes told in stages, ``attendance: presencial`` refused, certificates
in languages the event has no texts in without a word, the certificate's sentence cut in two
at a comma, and "Delegation of Dominican Republic"."""

from __future__ import annotations

import io
import json
from pathlib import Path

import docx
import pytest

import confdocs
from confdocs.building import check
from confdocs.loading.registrations import load_registrations
from confdocs.view import make_view
from confdocs.view.labels import builtin_locales

from .conftest import ROOT

EVENT = ROOT / "tests" / "events" / "santo-domingo-es" / "event.yaml"
REGISTRATIONS = EVENT.parent / "registrations.csv"
HEADER = "name,email,country,group,role,attendance,consent,attended\n"


def _write(tmp_path: Path, rows: str) -> Path:
    path = tmp_path / "registrations.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    return path


def test_an_empty_email_is_a_warning_at_its_row_and_the_row_keeps_its_documents(run_cli):
    result = run_cli("check", str(EVENT), "-r", str(REGISTRATIONS), "--json")
    assert result.returncode == 0, result.stderr
    [found] = [f for f in json.loads(result.stdout) if f["code"].startswith("registrations.email")]
    assert (found["code"], found["severity"], found["line"], found["path"]) == (
        "registrations.email-missing",
        "warning",
        6,
        "registrations[4].email",
    )
    assert "John Smith: no e-mail address" in found["message"]
    registrations = load_registrations(REGISTRATIONS)
    built = confdocs.build(
        confdocs.load_event(EVENT), ["certificates"], registrations=registrations
    )
    assert built.ok and not built.left_out
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(built.documents[0].data)).paragraphs)
    assert "John SMITH" in text


def test_two_rows_without_an_email_are_not_one_person(tmp_path):
    path = _write(tmp_path, "Ana Pérez,,DO,glacy,fiscal,,,\nJuan Gómez,,DO,glacy,policia,,,\n")
    findings = check(confdocs.load_event(EVENT), load_registrations(path))
    assert not [f for f in findings if f.code == "quota.duplicate-registration"]


def test_the_rows_read_are_checked_with_the_rows_refused(run_cli, tmp_path):
    """A consent that is no word of yes or no (row 3) and a role the rules do not know (row
    4): one report, not the second after fixing the first."""
    path = _write(
        tmp_path,
        (
            "Ana Pérez,ana@example.org,DO,glacy,fiscal,presencial,sí,\n"
            "Juan Gómez,juan@example.org,DO,glacy,policia,presencial,quizás,\n"
            "Rosa Díaz,rosa@example.org,AR,glacy,juez,presencial,sí,\n"
        ),
    )
    result = run_cli("check", str(EVENT), "-r", str(path))
    assert result.returncode == 2, result.stderr
    assert f"{path}:3: registrations[1].consent: 'quizás' is not a consent" in result.stderr
    assert "the 1 row of" in result.stdout and "could not be read" in result.stdout
    # The role of the row after it, at its place in the file (registrations[2], line 4).
    assert f"{path}:4 registrations[2]" in result.stdout
    assert "juez" in result.stdout


@pytest.mark.parametrize(
    ("cell", "attendance"),
    [
        ("presencial", "in-person"),
        ("En línea", "online"),
        ("en linea", "online"),
        ("présentiel", "in-person"),
        ("en ligne", "online"),
        ("Vor Ort", "in-person"),
        ("em pessoa", "in-person"),
        ("حضوري", "in-person"),
        ("عن بعد", "online"),
        ("онлайн", "online"),
        ("очно", "in-person"),
        ("in person", "in-person"),
        ("", "in-person"),
    ],
)
def test_attendance_is_read_in_the_shipped_languages(tmp_path, cell, attendance):
    path = _write(tmp_path, f"Ana Pérez,ana@example.org,DO,glacy,fiscal,{cell},,\n")
    assert load_registrations(path).rows[0].attendance == attendance


def test_an_unknown_attendance_says_the_words(run_cli, tmp_path):
    path = _write(tmp_path, "Ana Pérez,ana@example.org,DO,glacy,fiscal,quizás,,\n")
    result = run_cli("check", str(EVENT), "-r", str(path))
    assert result.returncode == 2
    assert "'quizás' is not an attendance; write in-person or online (or presencial/en" in (
        result.stderr
    )


def test_certificates_in_a_language_without_texts_are_warned_of_once_per_language(
    run_cli, tmp_path
):
    out = tmp_path / "out"
    result = run_cli(
        "build", str(EVENT), "-r", str(REGISTRATIONS), "-f", "certificates", "-o", str(out)
    )
    assert result.returncode == 0, result.stderr
    said = [line for line in result.stderr.splitlines() if "certificate" in line]
    assert len([s for s in said if "certificates in English" in s]) == 1, said
    [french] = [s for s in said if "in French" in s]
    assert "1 certificate in French shows these texts in Spanish" in french
    assert "title (" in french and "people[0].position" in french and "Marie Joseph" in french
    assert any("certificate in Portuguese" in s and "João Silva" in s for s in said)
    checked = run_cli("check", str(EVENT), "-r", str(REGISTRATIONS), "--json")
    codes = [f["code"] for f in json.loads(checked.stdout)]
    assert codes.count("certificates.text-language") == 3
    # Which language each certificate is in does not change.
    text = "\n".join(
        p.text for p in docx.Document(str(out / "santo-domingo-2027.certificates.docx")).paragraphs
    )
    assert "Attestation de participation" in text and "Certificado de participação" in text


def test_no_warning_when_the_event_has_the_certificates_language(tmp_path):
    path = _write(tmp_path, "Ana Pérez,ana@example.org,DO,glacy,fiscal,,sí,2027-03-16\n")
    findings = check(confdocs.load_event(EVENT), load_registrations(path))
    assert not [f for f in findings if f.code == "certificates.text-language"]


@pytest.mark.parametrize("locale", sorted(builtin_locales()))
def test_the_certificate_is_one_sentence_in_every_language(locale):
    event = confdocs.load_event(EVENT)
    view = make_view(event, locale, registrations=load_registrations(REGISTRATIONS))
    assert view.registrants is not None
    for certificate in view.registrants.certificates:
        sentence = certificate.sentence.plain
        assert sentence == f"{certificate.statement.plain} {certificate.days_line.plain}"
        assert sentence.rstrip().endswith(".")


def test_the_spanish_certificate_is_one_paragraph_in_word(tmp_path):
    result = confdocs.build(
        confdocs.load_event(EVENT),
        ["certificates"],
        registrations=load_registrations(REGISTRATIONS),
    )
    path = tmp_path / "c.docx"
    path.write_bytes(result.documents[0].data)
    paragraphs = [p.text for p in docx.Document(str(path)).paragraphs]
    assert (
        "asistió a la actividad «Taller regional sobre pruebas electrónicas», celebrada en "
        "Santo Domingo, República Dominicana, del 16 al 18 de marzo de 2027."
    ) in paragraphs
    assert "del 16 al 18 de marzo de 2027." not in paragraphs


def test_the_spanish_certificate_is_one_paragraph_in_the_pdf(tmp_path):
    typ = (ROOT / "plugins" / "confdocs_recipients" / "templates" / "certificates.typ").read_text()
    assert "c.sentence" in typ and "c.days_line" not in typ


@pytest.mark.parametrize(
    ("code", "delegation"),
    [
        ("DO", "Delegation of the Dominican Republic"),
        ("NL", "Delegation of the Netherlands"),
        ("US", "Delegation of the United States"),
        ("BR", "Delegation of Brazil"),
    ],
)
def test_english_country_names_that_take_the(code, delegation):
    event = confdocs.load_event(EVENT)
    view = make_view(event, "en", registrations=load_registrations(REGISTRATIONS))
    spanish = make_view(event, "es", registrations=load_registrations(REGISTRATIONS))
    assert view.registrants is not None and spanish.registrants is not None
    found = {p.country.code: p.country for p in view.registrants.people if p.country}
    if code in found:
        assert found[code].delegation == delegation
        assert found[code].name == delegation.removeprefix("Delegation of the ").removeprefix(
            "Delegation of "
        )
    letters = {
        letter.country.code: letter.country.delegation
        for letter in view.letters
        if letter.country is not None
    }
    assert letters[code] == delegation
    es = {p.country.code: p.country.delegation for p in spanish.registrants.people if p.country}
    assert es.get("DO", "Delegación: República Dominicana") == "Delegación: República Dominicana"
