"""Private data: fields marked internal stay out of every format of a public build, and
registrations never reach an exporter.

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
        "name,email,country,group,role\n"
        f"{REGISTRANT['name']},{REGISTRANT['email']},FR,g,prosecutor\n",
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


@pytest.fixture(scope="module")
def builds(event_file: Path) -> dict[str, dict[str, bytes]]:
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
    result = CliRunner().invoke(
        cli, ["build", str(event_file), "-o", str(out), "-f", fmt, "--audience", "public"]
    )
    assert result.exit_code == 0, result.stderr
    (written,) = list(out.iterdir())
    text = document_text(written.read_bytes())
    for field, value in PRIVATE.items():
        assert not leaks(text, value), f"{field} leaks into {written.name}"


# --- registrations never reach an exporter ------------------------------------------------


def test_exporters_cannot_receive_registrations() -> None:
    hook = confdocs.plugins.hookspecs.confdocs_register_exporters  # type: ignore[attr-defined]
    assert "registrations" not in inspect.signature(hook).parameters
    for name, provided in confdocs.get_plugin_manager().exporters().items():
        parameters = inspect.signature(provided.item.render).parameters
        assert list(parameters) == ["view", "options"], name
    assert "registrations" not in inspect.signature(confdocs.make_view).parameters
    assert "registrations" not in inspect.signature(confdocs.build).parameters
    build_options = cli.commands["build"].params
    assert not any("regist" in (option.name or "") for option in build_options)


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_registrations_appear_in_no_build(
    builds: dict[str, dict[str, bytes]], audience: str
) -> None:
    for fmt, data in builds[audience].items():
        text = document_text(data)
        for value in REGISTRANT.values():
            assert not leaks(text, value), f"a registration is in the {audience} {fmt}"


def test_check_with_registrations_writes_nothing(event_file: Path, tmp_path: Path) -> None:
    before = sorted(p.name for p in event_file.parent.iterdir())
    result = CliRunner().invoke(
        cli, ["check", str(event_file), "-r", str(event_file.parent / "registrations.csv")]
    )
    assert result.exit_code in (0, 1), result.stderr
    assert REGISTRANT["email"] not in result.stdout
    assert sorted(p.name for p in event_file.parent.iterdir()) == before
