"""Private data: fields marked internal stay out of every format of a public build; a
registration reaches an exporter only through the view, which holds neither its e-mail address
nor its phone number, and names on the participant list only those who agreed.

The formats are whatever exporters are installed when the tests run, so a new format is checked
without touching this file. Each document's text is searched (for .docx, every XML part of the
zip), with the strings also tried in escaped forms (HTML/XML entities, JSON, iCalendar folding).
"""

from __future__ import annotations

import html
import inspect
import io
import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

import confdocs
from confdocs.cli import cli

PRIVATE = {
    "mobile": "+33 6 12 34 56 78",
    "email": "jane.private@example.org",
    "phone": "+33 3 88 41 20 00",
    "office": "Office Z-404",
}
PUBLIC_POSITION = "Programme Manager"
REGISTRANT = {"name": "Rosalind Registrant", "email": "rosalind.reg@example.net"}
#: How to reach a registrant: no document may print it, whatever the audience.
REGISTRANT_CONTACT = {"email": REGISTRANT["email"], "phone": "+33 1 99 88 77 66"}

EVENT = f"""\
id: private-data
title: Workshop with contacts
start: 2024-03-12
end: 2024-03-12
settings:
  timezone: Europe/Paris
venue:
  name: Agora building
  city: Strasbourg
  country: FR
organisations:
  - id: coe
    name: Council of Europe
participants:
  groups:
    - {{id: g, project: Project G, countries: [FR]}}
  roles:
    - {{id: prosecutor, label: prosecutor}}
letters:
  signatory: doe
people:
  - id: doe
    given_name: Jane
    family_name: Doe
    position: {PUBLIC_POSITION}
    organisation: coe
    mobile: "{PRIVATE["mobile"]}"
    email: {PRIVATE["email"]}
    phone: "{PRIVATE["phone"]}"
    office: {PRIVATE["office"]}
    internal: [mobile, email, phone, office]
programme:
  days:
    - date: 2024-03-12
      slots:
        - start: 09h30
          end: 10h00
          title: Opening
          moderators: [doe]
          contributions:
            - people: [doe]
              duration: 15
contacts:
  - organisation: coe
    people: [doe]
"""


@pytest.fixture(scope="module")
def event_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("private")
    path = folder / "event.yaml"
    path.write_text(EVENT, encoding="utf-8")
    (folder / "registrations.csv").write_text(
        "name,email,country,group,role,phone,attended\n"
        f"{REGISTRANT['name']},{REGISTRANT['email']},FR,g,prosecutor,"
        f"{REGISTRANT_CONTACT['phone']},2024-03-12\n",
        encoding="utf-8",
    )
    return path


def document_text(data: bytes) -> str:
    """All the text of a document: a zip's parts (docx) one after the other, else the bytes."""
    if data.startswith(b"PK\x03\x04"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "\n".join(
                archive.read(name).decode("utf-8", "replace")
                for name in archive.namelist()
                if name.endswith((".xml", ".rels", ".txt"))
            )
    return data.decode("utf-8", "replace")


def forms(value: str) -> set[str]:
    """The ways ``value`` may be written down in some format."""
    unfolded = [value, value.replace(" ", "")]  # tel: links drop spaces
    out = set()
    for text in unfolded:
        out |= {
            text,
            html.escape(text),
            json.dumps(text)[1:-1],
            text.replace("+", "%2B").replace("@", "%40"),
            text.replace(" ", "\u00a0"),
        }
    return out


def leaks(text: str, value: str) -> bool:
    flat = text.replace("\r\n ", "").replace("\n ", "")  # iCalendar folds long lines
    return any(form in flat for form in forms(value))


def _formats() -> list[str]:
    return sorted(confdocs.get_plugin_manager().exporters())


def registrations_of(event_file: Path) -> confdocs.Registrations:
    return confdocs.load_registrations(event_file.parent / "registrations.csv")


@pytest.fixture(scope="module")
def builds(event_file: Path) -> dict[str, dict[str, bytes]]:
    """Every format, with the registrations (the formats made of them need them)."""
    event = confdocs.load_event(event_file)
    registrations = registrations_of(event_file)
    out: dict[str, dict[str, bytes]] = {}
    for audience in ("public", "internal"):
        options = {"audience": audience}
        result = confdocs.build(event, None, options, registrations=registrations)  # type: ignore[arg-type]
        out[audience] = {doc.format: doc.data for doc in result.documents}
    return out


@pytest.fixture(scope="module")
def builds_without_registrations(event_file: Path) -> dict[str, dict[str, bytes]]:
    event = confdocs.load_event(event_file)
    out: dict[str, dict[str, bytes]] = {}
    for audience in ("public", "internal"):
        result = confdocs.build(event, None, {"audience": audience})  # type: ignore[typeddict-item]
        out[audience] = {doc.format: doc.data for doc in result.documents}
    return out


def test_there_are_formats_to_check() -> None:
    assert len(_formats()) >= 1


@pytest.mark.parametrize("fmt", _formats())
@pytest.mark.parametrize("field", sorted(PRIVATE))
def test_public_build_leaves_internal_fields_out(
    builds: dict[str, dict[str, bytes]], fmt: str, field: str
) -> None:
    assert fmt in builds["public"], f"{fmt} did not build"
    text = document_text(builds["public"][fmt])
    assert not leaks(text, PRIVATE[field]), f"{field} leaks into the public {fmt}"


def test_internal_build_shows_the_fields_somewhere(builds: dict[str, dict[str, bytes]]) -> None:
    """The public test means something: the internal build does carry these values."""
    texts = [document_text(data) for data in builds["internal"].values()]
    for field, value in PRIVATE.items():
        assert any(leaks(text, value) for text in texts), f"no format shows {field} at all"


def test_public_view_has_no_internal_value(event_file: Path) -> None:
    event = confdocs.load_event(event_file)
    view = confdocs.make_view(event, None, "public")
    dumped = repr(view) + repr(vars(view) if hasattr(view, "__dict__") else "")
    for field, value in PRIVATE.items():
        assert value not in dumped, field


@pytest.mark.parametrize("fmt", _formats())
def test_public_cli_build_leaves_internal_fields_out(
    event_file: Path, tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / "out"
    registrations = str(event_file.parent / "registrations.csv")
    result = CliRunner().invoke(
        cli,
        ["build", str(event_file), "-o", str(out), "-f", fmt, "--audience", "public",
         "-r", registrations],
    )
    assert result.exit_code == 0, result.stderr
    (written,) = list(out.iterdir())
    text = document_text(written.read_bytes())
    for field, value in PRIVATE.items():
        assert not leaks(text, value), f"{field} leaks into {written.name}"


# --- registrations reach an exporter only through the view ----------------------------------


def test_registrations_reach_exporters_only_through_the_view(event_file: Path) -> None:
    """No hook and no exporter method takes the registrations: exporters get the view, whose
    registrants part holds no e-mail address and no phone number."""
    for hook in ("confdocs_register_exporters", "confdocs_extend_view"):
        spec = getattr(confdocs.plugins.hookspecs, hook)  # type: ignore[attr-defined]
        assert "registrations" not in inspect.signature(spec).parameters
    for name, provided in confdocs.get_plugin_manager().exporters().items():
        item = provided.item
        method = getattr(item, "render_recipients", None) or item.render
        parameters = list(inspect.signature(method).parameters)
        assert parameters in (["view", "options"], ["view", "recipients", "options"]), name
    event = confdocs.load_event(event_file)
    view = confdocs.make_view(event, registrations=registrations_of(event_file))
    assert view.registrants is not None and len(view.registrants.people) == 1
    dumped = repr(view)
    assert REGISTRANT["name"] in dumped
    for value in REGISTRANT_CONTACT.values():
        assert value not in dumped


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_registrations_appear_in_no_build_without_them(
    builds_without_registrations: dict[str, dict[str, bytes]], audience: str
) -> None:
    for fmt, data in builds_without_registrations[audience].items():
        text = document_text(data)
        for value in REGISTRANT.values():
            assert not leaks(text, value), f"a registration is in the {audience} {fmt}"


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_no_build_prints_a_registrants_contact(
    builds: dict[str, dict[str, bytes]], audience: str
) -> None:
    named = []
    for fmt, data in builds[audience].items():
        text = document_text(data)
        for field, value in REGISTRANT_CONTACT.items():
            assert not leaks(text, value), f"the registrant's {field} is in the {audience} {fmt}"
        named += [fmt] if leaks(text, REGISTRANT["name"]) else []
    # Her own documents name her; the participant list does not: she did not consent.
    assert {"badges-csv", "certificates"} <= set(named), named
    assert not {"participant-list", "participant-list-html"} & set(named), named


def test_check_with_registrations_writes_nothing(event_file: Path, tmp_path: Path) -> None:
    before = sorted(p.name for p in event_file.parent.iterdir())
    result = CliRunner().invoke(
        cli, ["check", str(event_file), "-r", str(event_file.parent / "registrations.csv")]
    )
    assert result.exit_code in (0, 1), result.stderr
    assert REGISTRANT["email"] not in result.stdout
    assert sorted(p.name for p in event_file.parent.iterdir()) == before


#: The formats whose documents go outside: public unless a build asks for internal.
OUTSIDE = {
    name
    for name, provided in confdocs.get_plugin_manager().exporters().items()
    if confdocs.plugins.protocols.audience_of(provided.item, {}) == "public"
}


def test_the_documents_that_go_outside_are_public_unless_asked(event_file: Path) -> None:
    """A build that names no audience: the letters (and the other documents sent to
    authorities and participants) leave the internal fields out; the outline's formats show
    them; asking for internal shows them in every format that prints them, as before. A
    certificate's signature prints no phone number: it held one only as a link relationship
    of the Word package, which no reader saw and the package no longer keeps."""
    assert {"letters", "certificates", "badges", "participant-list", "sign-in"} <= OUTSIDE
    assert not OUTSIDE & {"docx", "html", "md", "pdf", "ics", "json"}
    event = confdocs.load_event(event_file)
    registrations = registrations_of(event_file)
    formats = ["md", "letters", "docx", "certificates"]
    default = confdocs.build(event, formats, registrations=registrations)
    assert [d.format for d in default.documents] == formats  # in the order asked for
    internal = confdocs.build(event, formats, {"audience": "internal"}, registrations=registrations)
    prints_mobile = {"md", "letters", "docx"}
    for made, outside_shows in ((default, False), (internal, True)):
        for doc in made.documents:
            shows = leaks(document_text(doc.data), PRIVATE["mobile"])
            expected = doc.format in prints_mobile and (outside_shows or doc.format not in OUTSIDE)
            assert shows is expected, (doc.format, shows)


def test_the_command_builds_letters_without_internal_fields_by_default(
    event_file: Path, tmp_path: Path
) -> None:
    registrations = str(event_file.parent / "registrations.csv")
    for extra, shown in (([], False), (["--audience", "internal"], True)):
        out = tmp_path / ("internal" if extra else "default")
        result = CliRunner().invoke(
            cli, ["build", str(event_file), "-o", str(out), "-f", "letters", "-f", "md",
                  "-r", registrations, *extra],
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        letters = document_text((out / "private-data.letters.docx").read_bytes())
        assert leaks(letters, PRIVATE["mobile"]) is shown
        assert leaks((out / "private-data.md").read_text(encoding="utf-8"), PRIVATE["mobile"])


@pytest.mark.parametrize("audience", ["Public", "publik", "external"])
def test_an_audience_that_is_not_internal_is_public(event_file: Path, audience: str) -> None:
    """A mistyped audience from Python leaves the internal fields out rather than shows them."""
    event = confdocs.load_event(event_file)
    [doc] = confdocs.build(event, ["md"], {"audience": audience}).documents  # type: ignore[typeddict-item]
    assert not leaks(document_text(doc.data), PRIVATE["mobile"])
