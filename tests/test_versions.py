"""Versions: ``confdocs diff`` says what changed between two outlines (by id, with the file and
line of each change, as text and as JSON that rebuilds the new version), and a build with
``--changes-since`` shows it: Word tracked changes, HTML insertions and deletions, a Markdown
preamble, the outline's own changes section."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest
from click.testing import CliRunner

import confdocs
from confdocs.cli import cli
from confdocs.diff import apply_changes, diff_events
from tests.conftest import HAGUE, ROOT, confdocs_cli, require_tool

FOLDER = HAGUE.parent
V2 = FOLDER / "version-2.yaml"


@pytest.fixture(scope="module")
def host() -> Any:
    return confdocs.get_plugin_manager()


@pytest.fixture(scope="module")
def hague() -> confdocs.model.Event:
    return confdocs.load_event(HAGUE)


@pytest.fixture(scope="module")
def v2() -> confdocs.model.Event:
    return confdocs.load_event(V2)


def run(*args: str, host: Any = None) -> Any:
    """The CLI in this process, as a user would call it."""
    return CliRunner().invoke(cli, list(args), obj={"host": host} if host else None)


@pytest.fixture
def variant(tmp_path: Path) -> Callable[..., Path]:
    """A copy of the Hague folder with ``event.yaml`` edited (and its catalogs): each edit a
    text that occurs once and what replaces it. Returns the edited event file."""
    folder = tmp_path / "hague"
    shutil.copytree(FOLDER, folder)

    def make(*edits: tuple[str, str], catalog: tuple[tuple[str, str], ...] = ()) -> Path:
        for target, changes in (
            (folder / "changed.yaml", edits),
            (folder / "catalog" / "people.yaml", catalog),
        ):
            source = folder / (
                "event.yaml" if target.name == "changed.yaml" else "catalog/people.yaml"
            )
            text = source.read_text("utf-8")
            for old, new in changes:
                assert text.count(old) == 1, old
                text = text.replace(old, new)
            target.write_text(text, "utf-8")
        return folder / "changed.yaml"

    return make


def changes_of(old: Path, new: Path, *args: str) -> list[dict[str, Any]]:
    result = run("diff", str(old), str(new), "--json", *args)
    assert result.exit_code == 1, result.output + result.stderr
    data = json.loads(result.stdout)
    assert data["equal"] is False
    return list(data["changes"])


def line_of(path: Path, text: str) -> int:
    """The line of ``path`` where ``text`` first stands."""
    for number, content in enumerate(path.read_text("utf-8").splitlines(), 1):
        if text in content:
            return number
    raise AssertionError(f"{text!r} is not in {path}")


# -- the worked example: version 2 of the Hague outline ----------------------------------------


def test_version_two_says_what_changed_in_text() -> None:
    result = run("diff", str(HAGUE), str(V2))
    assert result.exit_code == 1, result.stderr
    lines = result.stdout.splitlines()
    v2 = str(V2)
    expected = [
        (
            "header",
            "Version 29 September 2019 → Version 2, 30 September 2019",
            "version: 2019-09-30",
        ),
        ("sections[0]", "New section: Changes since the previous version", "id: changes"),
        ("sections[1].body", "Background and justification: text edited", "body: |"),
        ("participants.groups[0].countries[10]", "GLACY+: Kenya invited", "countries: [AR"),
        (
            "programme.days[1].slots[0].contributions[0].people[0]",
            "Opening: Klaus MEYER-CABRI replaces Ladislav HAMRAN",
            "people: [meyer-cabri]",
        ),
        (
            "programme.days[1].slots[5]",
            "Collaboration with national and multi-national service providers: current "
            "practices, issues encountered and opportunities: moved from 12h15 to 11h45",
            "start: 11h45",
        ),
        (
            "programme.days[1].slots[6]",
            "Obtaining electronic evidence under the Budapest Convention: current procedures, "
            "issues encountered: moved from 11h45 to 12h15",
            "start: 12h15",
        ),
        ("people[21]", "Added: Klaus MEYER-CABRI", "id: meyer-cabri"),
    ]
    shown = [line for line in lines if not line.startswith("    ")]
    assert len(shown) == len(expected), result.stdout
    for line, (path, message, where) in zip(shown, expected, strict=True):
        number = line_of(V2, where)
        assert line.startswith(f"{v2}:{number}:"), (line, number)
        assert line.endswith(f": {path}: {message}"), line
    # The edited paragraph: the changed words, with some around them.
    [excerpt] = [line for line in lines if line.startswith("    ")]
    assert "International conference on [-internet-]{+online+} investigations" in excerpt


def test_version_two_in_json_names_places_in_both_files(hague: Any, v2: Any) -> None:
    changes = changes_of(HAGUE, V2)
    kinds = [c["kind"] for c in changes]
    assert kinds == [
        "version.changed",
        "section.added",
        "section.edited",
        "country.added",
        "speaker.replaced",
        "slot.moved",
        "slot.moved",
        "person.added",
    ]
    moved = changes[5]
    assert (moved["path"], moved["old_path"]) == (
        "programme.days[1].slots[5]",
        "programme.days[1].slots[6]",
    )
    assert moved["line"] == line_of(V2, "start: 11h45") and moved["file"].endswith("version-2.yaml")
    assert moved["old_line"] == line_of(HAGUE, "start: 12h15")
    assert moved["old"] == {"start": "12:15"} and moved["new"] == {"start": "11:45"}
    assert [op["op"] for op in moved["ops"]] == ["move", "set"]
    replaced = changes[4]
    assert (replaced["old"], replaced["new"]) == ("hamran", "meyer-cabri")
    edited = changes[2]
    assert {"op": "delete", "text": "internet"} in edited["words"]
    assert {"op": "insert", "text": "online"} in edited["words"]
    assert edited["detail"] == [
        '… efforts through the "International conference on [-internet-]{+online+} '
        "investigations: Darknet and online sexual violence…"
    ]
    assert changes[3]["new"] == "KE"
    # The list rebuilds version 2 from version 1.
    assert apply_changes(hague, changes) == v2
    assert apply_changes(hague, {"changes": changes}) == v2


def test_an_event_against_itself_prints_nothing_and_exits_0() -> None:
    result = confdocs_cli("diff", str(HAGUE), str(HAGUE))
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    result = confdocs_cli("diff", str(HAGUE), str(V2))
    assert result.returncode == 1 and result.stdout


def test_json_says_equal_and_keeps_the_old_spelling(hague: Any) -> None:
    result = run("diff", str(HAGUE), str(HAGUE), "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["changes"] == []
    # --format json is the old spelling of --json, kept for scripts.
    old = run("diff", str(HAGUE), str(V2), "--format", "json")
    new = run("diff", str(HAGUE), str(V2), "--json")
    assert old.exit_code == new.exit_code == 1
    assert json.loads(old.stdout) == json.loads(new.stdout)


@pytest.mark.parametrize(
    "args, message",
    [
        (["missing.yaml", str(HAGUE)], "missing.yaml: event file not found"),
        ([str(HAGUE)], "give two event files, OLD and NEW"),
        ([str(HAGUE), str(HAGUE), str(HAGUE)], "give two event files"),
    ],
)
def test_bad_input_is_one_message_and_exit_2(args: list[str], message: str) -> None:
    result = confdocs_cli("diff", *args)
    assert result.returncode == 2, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_a_broken_new_version_names_file_line_and_column(variant: Callable[..., Path]) -> None:
    broken = variant(("        - start: 11h15\n", "        - start: 25h15\n"))
    result = confdocs_cli("diff", str(HAGUE), str(broken))
    assert result.returncode == 2
    line = line_of(broken, "start: 25h15")
    assert f"changed.yaml:{line}:18: programme.days[1].slots[4].start:" in result.stderr
    assert "Traceback" not in result.stderr


# -- every kind of change ------------------------------------------------------------------------

#: (edits of event.yaml, edits of the people catalog, kind, message, text on the change's line
#: of the changed file, or None for a removal, found in the old file)
KINDS: list[Any] = [
    pytest.param(
        [("        - start: 12h45\n          kind: photo\n          title: Group photo\n\n", "")],
        [],
        "slot.removed",
        "Removed from the programme: Group photo (Monday, 30 September 2019, 12h45)",
        None,
        id="slot-removed",
    ),
    pytest.param(
        [
            (
                "          body: A separate agenda for these eventual meetings should be prepared by Eurojust\n",
                "          body: A separate agenda for these eventual meetings should be prepared by Eurojust\n"
                "\n        - start: 16h15\n          kind: meeting\n          title: Visit of the premises\n",
            )
        ],
        [],
        "slot.added",
        "Added to the programme: Visit of the premises (Tuesday, 1 October 2019, 16h15)",
        "- start: 16h15",
        id="slot-added",
    ),
    pytest.param(
        [("        - start: 10h40\n", "        - start: 10h45\n")],
        [],
        "slot.moved",
        "The Council of Europe Convention on the Protection of Children against Sexual "
        "Exploitation and Sexual Abuse (Lanzarote Convention): moved from 10h40 to 10h45",
        "start: 10h45",
        id="slot-moved-in-time",
    ),
    pytest.param(
        [
            (
                '          title: "Empowering Cyberspace and New technologies Lab; Innovation Center INTERPOL; The\n'
                '            Project DarkTOOLS"\n',
                "          title: The Project DarkTOOLS\n",
            )
        ],
        [],
        "session.retitled",
        "Session retitled (Monday, 30 September 2019, 15h15): Empowering Cyberspace and New "
        "technologies Lab; Innovation Center INTERPOL; The Project DarkTOOLS → The Project "
        "DarkTOOLS",
        "title: The Project DarkTOOLS",
        id="session-retitled",
    ),
    pytest.param(
        [("            - people: [cosoi]\n", "")],
        [],
        "speaker.removed",
        "Special discussion panel with Internet Service providers, Industry and Civil Society on "
        "the exchange of information and provision of support to investigations and prosecutions "
        "on the Darknet and online sexual violence against children: Alexandru Catalin COSOI removed",
        None,
        id="speaker-removed",
    ),
    pytest.param(
        [("            - people: [van-wegberg]\n", "            - people: [van-wegberg, cosoi]\n")],
        [],
        "speaker.added",
        "Empowering Cyberspace and New technologies Lab; Innovation Center INTERPOL; The Project "
        "DarkTOOLS: Alexandru Catalin COSOI added",
        "people: [van-wegberg, cosoi]",
        id="speaker-added",
    ),
    pytest.param(
        [],
        [("    family_name: Seger\n", "    family_name: Seger-Lindqvist\n")],
        "person.renamed",
        "Alexander SEGER is now spelt Alexander SEGER-LINDQVIST",
        None,
        id="person-renamed",
    ),
    pytest.param(
        [
            (
                "          moderators: [seger]\n          panel: true\n",
                "          moderators: [seger, buruiana]\n          panel: true\n",
            )
        ],
        [],
        "moderator.added",
        "Challenges, obstacles and constraints for international cooperation in investigating and "
        "prosecuting in the darknet, in particular cases of online sexual violence against "
        "children in different regions of the world (Latin America, Africa, Europe, Asia and "
        "Oceania): moderator Daniela BURUIANA added",
        "moderators: [seger, buruiana]",
        id="moderator-added",
    ),
    pytest.param(
        [
            (
                '            - {people: [gelber], duration: 20 mins}\n          discussion:            # "Discussion moderated by …"\n            moderators: [buruiana]\n',
                '            - {people: [gelber], duration: 20 mins}\n          discussion:            # "Discussion moderated by …"\n            moderators: [vlahovic]\n',
            )
        ],
        [],
        "moderator.replaced",
        "Collaboration with national and multi-national service providers: current practices, "
        "issues encountered and opportunities: moderator Rajka VLAHOVIC replaces Daniela BURUIANA",
        "moderators: [vlahovic]",
        id="moderator-replaced",
    ),
    pytest.param(
        [("    - date: 2019-09-29\n", "    - date: 2019-09-28\n")],
        [],
        "day.moved",
        # From which day to which ("Moved: Saturday, 28 September 2019" had said neither).
        "Day moved: Sunday, 29 September 2019 → Saturday, 28 September 2019",
        "- date: 2019-09-28",
        id="day-moved",
    ),
    pytest.param(
        [
            (
                "            - {people: [buruiana], duration: 30 mins}\n",
                "            - {people: [buruiana], duration: 25 mins}\n",
            )
        ],
        [],
        "duration.changed",
        "Eurojust mission, objectives and core tasks and available judicial tools for efficient "
        "international cooperation and MLA in Cybercrime matters: Daniela BURUIANA, National "
        "Member for Romania at Eurojust and Chair of the Cybercrime Team, Eurojust, The Hague (NL) "
        "30\u00a0mins → 25\u00a0mins",
        "duration: 25 mins}",
        id="duration",
    ),
    pytest.param(
        [("      countries: [DZ, JO, LB, MA, TN]\n", "      countries: [DZ, JO, MA, TN]\n")],
        [],
        "country.removed",
        "CyberSouth: Lebanon no longer invited",
        None,
        id="country-removed",
    ),
    pytest.param(
        [
            (
                "      project: CyberSouth\n",
                "      project: CyberSouth\n      seats_per_country: 3\n",
            )
        ],
        [],
        "seats.changed",
        "CyberSouth: 2 → 3 representatives per country",
        "seats_per_country: 3",
        id="seats",
    ),
    pytest.param(
        [("        - {country: AZ, seats: 1}\n", "")],
        [],
        "exception.removed",
        "CyberEast: rule for Azerbaijan removed",
        None,
        id="exception-removed",
    ),
    pytest.param(
        [
            (
                "      countries: [DZ, JO, LB, MA, TN]\n",
                "      countries: [DZ, JO, LB, MA, TN]\n      exceptions: [{country: LB, seats: 1}]\n",
            )
        ],
        [],
        "exception.added",
        "CyberSouth: new rule for Lebanon",
        "exceptions: [{country: LB",
        id="exception-added",
    ),
    pytest.param(
        [
            (
                "      countries: [AR, BJ, BR, BF, CV, CL, CO, CR, DO, GH, MU, MX, NG, PA, PY, PH, SN, LK, TH, TO]\n",
                "      countries: [AR, BJ, BR, BF, CV, CL, CO, CR, DO, GH, MU, MX, NG, PA, PY, PH, SN, LK, TH, TO]\n      exceptions: [{country: DO, seats: 1}]\n",
            )
        ],
        [],
        "exception.added",
        "GLACY+: new rule for the Dominican Republic",  # as an English phrase names it
        "exceptions: [{country: DO",
        id="exception-added-the",
    ),
    pytest.param(
        [("        - {country: AM, seats: 1}\n", "        - {country: AM, seats: 2}\n")],
        [],
        "exception.changed",
        "CyberEast: rule for Armenia changed",
        "{country: AM, seats: 2}",
        id="exception-changed",
    ),
    pytest.param(
        [
            (
                "      label: Two representatives from INTERPOL\n      organisation: interpol\n      seats: 2\n",
                "      label: Two representatives from INTERPOL\n      organisation: interpol\n      seats: 3\n",
            )
        ],
        [],
        "allocation.changed",
        "Two representatives from INTERPOL: 2 → 3",
        "seats: 3",
        id="allocation-seats",
    ),
    pytest.param(
        [
            (
                "    - id: eu-devco\n      label: One representative from the EU-DEVCO\n      organisation: eu-devco\n      seats: 1\n",
                "",
            )
        ],
        [],
        "allocation.removed",
        "Organisation seats removed: One representative from the EU-DEVCO",
        None,
        id="allocation-removed",
    ),
    pytest.param(
        [("  stated_total: {value: 120, approximate: true}\n", "  stated_total: {value: 119}\n")],
        [],
        "total.changed",
        "Stated total: ≈ 120 → 119",
        "stated_total: {value: 119}",
        id="stated-total",
    ),
    pytest.param(
        [
            (
                "  address: Johan de Wittlaan 9, 2517JR The Hague\n",
                "  address: Johan de Wittlaan 11, 2517JR The Hague\n",
            )
        ],
        [],
        "venue.changed",
        "Address: Johan de Wittlaan 9, 2517JR The Hague → Johan de Wittlaan 11, 2517JR The Hague",
        "address: Johan de Wittlaan 11",
        id="venue",
    ),
    pytest.param(
        [("languages: [en, fr, es, pt]\n", "languages: [en, fr, es]\n")],
        [],
        "language.removed",
        "Interpretation removed: Portuguese",
        None,
        id="language-removed",
    ),
    pytest.param(
        [("languages: [en, fr, es, pt]\n", "languages: [en, fr, es, pt, ar]\n")],
        [],
        "language.added",
        "Interpretation added: Arabic",
        "languages: [en, fr, es, pt, ar]",
        id="language-added",
    ),
    pytest.param(
        [
            (
                "    people: [almeida-pereira, salomon, hanganu]\n",
                "    people: [almeida-pereira, hanganu]\n",
            )
        ],
        [],
        "contact.removed",
        "At the Council of Europe: Elvio SALOMON no longer a contact",
        None,
        id="contact-removed",
    ),
    pytest.param(
        [("    people: [buruiana, gouwy]\n", "    people: [buruiana, gouwy, laid]\n")],
        [],
        "contact.added",
        "At EUROJUST: Robert LAID added to the contacts",
        "people: [buruiana, gouwy, laid]",
        id="contact-added",
    ),
    pytest.param(
        [("    - {file: logos/funder-a.png, alt: European Union (placeholder logo)}\n", "")],
        [],
        "logo.removed",
        "Logo removed: European Union (placeholder logo)",
        None,
        id="logo-removed",
    ),
    pytest.param(
        [
            (
                "    - {file: logos/implementer.png, alt: Council of Europe (placeholder logo)}\n",
                "    - {file: logos/implementer.png, alt: Council of Europe}\n",
            )
        ],
        [],
        "logo.replaced",
        "Logo replaced: Council of Europe (placeholder logo) → Council of Europe",
        "alt: Council of Europe}",
        id="logo-replaced",
    ),
    pytest.param(
        [("organisers: [eurojust, glacy-plus]\n", "organisers: [eurojust]\n")],
        [],
        "organiser.removed",
        "Organiser removed: GLACY+ joint project of the Council of Europe and the European Union",
        None,
        id="organiser-removed",
    ),
    pytest.param(
        [],
        [("    gender: female\n", "    gender: male\n")],
        "gender.changed",
        "Daniela BURUIANA: gendered wording feminine → masculine",
        None,
        id="gender",
    ),
    pytest.param(
        [
            (
                "  surname_style: upper            # Ladislav HAMRAN\n",
                "  surname_style: upper            # Ladislav HAMRAN\n  show_seat_counts: true\n",
            )
        ],
        [],
        "seat-counts.changed",
        "Seat counts now shown",
        "show_seat_counts: true",
        id="seat-counts",
    ),
]


@pytest.mark.parametrize("edits, catalog, kind, message, where", KINDS)
def test_each_kind_of_change_in_text_and_json(
    variant: Callable[..., Path],
    edits: list[tuple[str, str]],
    catalog: list[tuple[str, str]],
    kind: str,
    message: str,
    where: str | None,
) -> None:
    changed = variant(*edits, catalog=tuple(catalog))
    old = changed.parent / "event.yaml"
    if catalog:
        # The old version keeps the old catalog: a folder of its own.
        shutil.copytree(FOLDER, changed.parent.parent / "old")
        old = changed.parent.parent / "old" / "event.yaml"
    [change] = changes_of(old, changed)
    assert (change["kind"], change["message"]) == (kind, message)
    text = run("diff", str(old), str(changed))
    assert text.exit_code == 1
    [shown] = text.stdout.splitlines()
    if where is not None:
        assert change["line"] == line_of(changed, where)
        assert shown.startswith(f"{changed}:{change['line']}:")
    elif catalog:
        # A person is defined once, in the catalog: the change is there, by id.
        catalog_file = changed.parent / "catalog" / "people.yaml"
        assert change["file"] == str(catalog_file)
        original = (FOLDER / "catalog" / "people.yaml").read_text("utf-8")
        assert change["line"] == original[: original.index(catalog[0][0])].count("\n") + 1
    else:
        assert change["path"] is None and change["old_file"] == str(old)
        assert shown.startswith(f"{old}:{change['old_line']}:")
    assert shown.endswith(f": {message}")
    assert apply_changes(confdocs.load_event(old), [change]) == confdocs.load_event(changed)


# -- rooms, parallel sessions, interpretation, links, online seats: the Tunis example ----------

TUNIS = ROOT / "examples" / "tunis-2025" / "event.yaml"
NBSP = "\u00a0"
GROUP_B = "Groupe B — enquêtes sur les cryptoactifs"
#: Group B's title as the example writes it, in French and Arabic.
GROUP_B_TITLE = (
    f"              title:\n                fr: {GROUP_B}\n"
    "                ar: المجموعة ب — التحقيقات في الأصول المشفرة\n"
)
GROUP_A_TITLE = (
    "              title:\n                fr: Groupe A — conservation et production des données\n"
    "                ar: المجموعة أ — حفظ البيانات وتقديمها\n"
)

#: (edits of the Tunis event.yaml, kind, message in the outline's French, text on the
#: change's line, or None for a removal)
TUNIS_KINDS: list[Any] = [
    pytest.param(
        [(f"            - room: didon\n{GROUP_B_TITLE}              end: 10h45",
          f"            - room: carthage\n{GROUP_B_TITLE}              end: 10h45")],
        "session.moved",
        f"{GROUP_B} (Travaux de groupe){NBSP}: changement de salle, Salle Didon → Salle Carthage",
        "- room: carthage",
        id="track-to-another-room",
    ),
    pytest.param(
        [(
            "                - {people: [benali], duration: 30 min}\n"
            "              discussion: {duration: 45 min}\n",
            "                - {people: [benali], duration: 30 min}\n"
            "              discussion: {duration: 45 min}\n"
            "            - room: carthage\n"
            "              title: Groupe C — coopération avec les fournisseurs\n",
        )],
        "track.added",
        f"Travaux de groupe{NBSP}: session parallèle ajoutée, Groupe C — coopération avec les "
        "fournisseurs",
        "- room: carthage\n",
        id="track-added",
    ),
    pytest.param(
        [(
            f"            - room: didon\n{GROUP_B_TITLE}"
            "              moderators: [haddad]\n              contributions:\n"
            "                - {people: [benali], duration: 30 min}\n"
            "              discussion: {duration: 45 min}\n",
            "",
        )],
        "track.removed",
        f"Travaux de groupe{NBSP}: session parallèle supprimée, {GROUP_B}",
        None,
        id="track-removed",
    ),
    pytest.param(
        [("              end: 10h45                # ends before group A\n",
          "              end: 10h30\n")],
        "end.changed",
        f"{GROUP_B} (Travaux de groupe){NBSP}: fin 10h45 → 10h30",
        "end: 10h30",
        id="track-end",
    ),
    pytest.param(
        [(
            f"{GROUP_A_TITLE}"
            "              moderators: [ben-salah]\n              contributions:\n"
            "                - {people: [el-khatib], duration: 30 min}\n",
            f"{GROUP_A_TITLE}"
            "              interpretation: [fr]\n"
            "              moderators: [ben-salah]\n              contributions:\n"
            "                - {people: [el-khatib], duration: 30 min}\n",
        )],
        "interpretation.changed",
        f"Groupe A — conservation et production des données (Travaux de groupe){NBSP}: "
        "interprétation comme dans sa salle → français",
        "interpretation: [fr]",
        id="track-interpretation",
    ),
    pytest.param(
        [("interpretation: [fr, ar, en]}", "interpretation: [fr, ar]}")],
        "interpretation.changed",
        f"Salle Carthage{NBSP}: interprétation français, arabe et anglais → français et arabe",
        "interpretation: [fr, ar]}",
        id="room-interpretation",
    ),
    pytest.param(
        [("name: {fr: Salle Hannibal,", "name: {fr: Salle Hannibal (1er étage),")],
        "room.renamed",
        f"Salle renommée{NBSP}: Salle Hannibal → Salle Hannibal (1er étage)",
        "Salle Hannibal (1er étage)",
        id="room-renamed",
    ),
    pytest.param(
        [("internal: [url]}\n", "internal: [url]}\n    - {id: elyssa, name: Salle Elyssa}\n")],
        "room.added",
        f"Salle ajoutée{NBSP}: Salle Elyssa",
        "id: elyssa",
        id="room-added",
    ),
    pytest.param(
        [("tunis-2025/groupe-a}", "tunis-2025/groupe-1}")],
        "link.changed",
        f"Salle Hannibal{NBSP}: lien https://coe.example/cybersouth/tunis-2025/groupe-a → "
        "https://coe.example/cybersouth/tunis-2025/groupe-1",
        "groupe-1}",
        id="room-link",
    ),
    pytest.param(
        [("            - {people: [rahman], duration: 10 min, remote: true}   # speaks from Vienna\n",
          "            - {people: [rahman], duration: 10 min}\n")],
        "remote.changed",
        f"Ouverture{NBSP}: Rania ABDEL RAHMAN, Spécialiste de la prévention du crime, Office des "
        "Nations unies contre la drogue et le crime, Vienne intervient désormais dans la salle",
        "- {people: [rahman], duration: 10 min}",
        id="remote",
    ),
    pytest.param(
        [("{prosecutor: 2, law-enforcement: 2}", "{prosecutor: 3, law-enforcement: 1}")],
        "composition.changed",
        f"CyberSouth{NBSP}: délégation de Tunisie, 2 × procureur ou juge spécialisé et 2 × "
        "enquêteur spécialisé en cybercriminalité → 3 × procureur ou juge spécialisé et 1 × "
        "enquêteur spécialisé en cybercriminalité",
        "{prosecutor: 3, law-enforcement: 1}",
        id="composition",
    ),
    pytest.param(
        [("      online_seats_per_country: 2     # further participants follow online\n",
          "      online_seats_per_country: 3\n")],
        "online-seats.changed",
        f"CyberSouth{NBSP}: 2 → 3 places en ligne par pays",
        "online_seats_per_country: 3",
        id="online-seats",
    ),
    pytest.param(
        [("      seats: 2\n      online_seats: 3\n", "      seats: 2\n      online_seats: 4\n")],
        "online-seats.changed",
        f"Deux représentants de l’Institut supérieur de la magistrature, et trois en ligne{NBSP}: "
        "3 → 4 places en ligne",
        "online_seats: 4",
        id="allocation-online-seats",
    ),
    pytest.param(
        # One seat, in French's singular (0 and 1 are "one"): a trial read "0 → 1 places".
        [("      seats: 2\n      online_seats: 3\n", "      seats: 2\n      online_seats: 1\n")],
        "online-seats.changed",
        f"Deux représentants de l’Institut supérieur de la magistrature, et trois en ligne{NBSP}: "
        "3 → 1 place en ligne",
        "online_seats: 1",
        id="allocation-one-online-seat",
    ),
]


def tunis_variant(tmp_path: Path, edits: list[tuple[str, str]]) -> Path:
    folder = tmp_path / "tunis"
    shutil.copytree(TUNIS.parent, folder)
    text = (folder / "event.yaml").read_text("utf-8")
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    changed = folder / "changed.yaml"
    changed.write_text(text, "utf-8")
    return changed


@pytest.mark.parametrize("edits, kind, message, where", TUNIS_KINDS)
def test_each_kind_of_change_of_rooms_and_tracks(
    tmp_path: Path, edits: list[tuple[str, str]], kind: str, message: str, where: str | None
) -> None:
    changed = tunis_variant(tmp_path, edits)
    old = changed.parent / "event.yaml"
    [change] = changes_of(old, changed)
    assert (change["kind"], change["message"]) == (kind, message)
    if where is not None:
        assert change["line"] == line_of(changed, where.strip())
    else:
        assert change["path"] is None and change["old_line"]
    assert apply_changes(confdocs.load_event(old), [change]) == confdocs.load_event(changed)
    # In English, from the English catalog: every placeholder filled, no French label left.
    english = run("diff", str(old), str(changed), "--locale", "en", "--json")
    [said] = json.loads(english.stdout)["changes"]
    assert said["message"] != message and "{" not in said["message"] and NBSP not in said["message"]


def test_an_internal_link_is_never_in_a_public_comparison(tmp_path: Path) -> None:
    """Group B's link is marked internal: changing it, or unmarking it, is a change the
    organisers see; a public comparison sees neither the link nor its mark."""
    changed = tunis_variant(
        tmp_path, [("4411-didon?pwd=kQ7, internal: [url]}", "5522-didon?pwd=zZ9, internal: [url]}")]
    )
    old = changed.parent / "event.yaml"
    [change] = changes_of(old, changed)
    assert change["kind"] == "link.changed" and "5522-didon" in change["message"]
    public = run("diff", str(old), str(changed), "--audience", "public", "--json")
    assert public.exit_code == 0 and json.loads(public.stdout)["changes"] == []
    assert "4411" not in public.stdout and "pwd" not in public.stdout
    # Unmarked: the organisers see the mark go, the public sees a link appear.
    unmarked = tunis_variant(tmp_path / "b", [("pwd=kQ7, internal: [url]}", "pwd=kQ7}")])
    [inside] = changes_of(unmarked.parent / "event.yaml", unmarked)
    assert inside["kind"] == "internal.removed"
    assert inside["message"] == f"Salle Didon{NBSP}: Lien n’est plus interne"
    [outside] = changes_of(unmarked.parent / "event.yaml", unmarked, "--audience", "public")
    assert outside["kind"] == "link.changed"
    assert outside["message"].endswith("aucun → https://meet.coe.example/j/4411-didon?pwd=kQ7")


def test_a_renamed_person_is_not_a_replaced_speaker(hague: Any) -> None:
    people = tuple(
        attrs.evolve(p, family_name="Hamran-Novak") if p.id == "hamran" else p for p in hague.people
    )
    changes = diff_events(hague, attrs.evolve(hague, people=people))
    assert [c.kind for c in changes] == ["person.renamed"]


def test_a_slot_moved_to_another_day(hague: Any) -> None:
    days = list(hague.programme.days)
    photo = days[1].slots[7]
    assert photo.kind == "photo"
    days[1] = attrs.evolve(days[1], slots=days[1].slots[:7] + days[1].slots[8:])
    moved = attrs.evolve(photo, start=photo.start.replace(hour=12, minute=25))
    tuesday = list(days[2].slots)
    tuesday.insert(6, moved)
    days[2] = attrs.evolve(days[2], slots=tuple(tuesday))
    new = attrs.evolve(hague, programme=attrs.evolve(hague.programme, days=tuple(days)))
    result = confdocs.compare(hague, new)
    [change] = result.changes
    assert (change.kind, change.where) == ("slot.moved", "programme.days[2].slots[6]")
    assert result.view.changes.items[0].line.plain == (
        "Group photo: moved from Monday, 30 September 2019, 12h45 to Tuesday, 1 October 2019, 12h25"
    )
    assert apply_changes(hague, result.changes) == new
    # Languages whose participle would agree with the slot say it with a noun instead
    # ("Pausa café: trasladado" read wrong): a change of time.
    lines = {
        locale: confdocs.compare(hague, new, {"locale": locale}).view.changes.items[0].line.plain
        for locale in ("es", "fr")
    }
    assert lines["es"].startswith("Foto de grupo: cambio de horario, ")
    assert "changement d’horaire, " in lines["fr"]
    # Inside the sentence the day keeps CLDR's case (only a day's heading is capitalised).
    assert "lundi 30 septembre 2019" in lines["fr"] and "Lundi" not in lines["fr"]


def test_the_change_list_speaks_the_document_language(v2: Any, hague: Any) -> None:
    french = confdocs.compare(hague, v2, {"locale": "fr"})
    lines = [item.line.plain for item in french.view.changes.items]
    # French puts a no-break space before a colon (the catalog's typography).
    assert "GLACY+\u00a0: pays invité, Kenya" in lines
    assert "Ouverture" not in lines  # titles stay as the outline writes them
    assert any(
        line.startswith("Opening\u00a0: Klaus MEYER-CABRI remplace Ladislav HAMRAN") for line in lines
    )
    assert french.view.changes.heading == "Modifications depuis la version du 29 septembre 2019"


def test_a_public_comparison_leaves_out_internal_fields(hague: Any) -> None:
    person = next(p for p in hague.people if "mobile" in p.internal and p.mobile)
    people = tuple(
        attrs.evolve(p, mobile="+31 6 000 00 000") if p.id == person.id else p for p in hague.people
    )
    new = attrs.evolve(hague, people=people)
    assert [c.kind for c in confdocs.compare(hague, new).changes] == ["person.changed"]
    assert confdocs.compare(hague, new, {"audience": "public"}).changes == ()


# -- --against: a revision in git ------------------------------------------------------------------


def git(folder: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    done = subprocess.run(
        ["git", "-C", str(folder), *args], capture_output=True, text=True, env=env, check=True
    )
    return done.stdout


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A git repository holding the Hague folder as version 1, committed; the working tree has
    version 2 as event.yaml and a renamed person in the catalog."""
    require_tool("git")
    folder = tmp_path / "repo" / "hague"
    shutil.copytree(FOLDER, folder)
    (folder / "version-2.yaml").unlink()
    git(folder.parent, "init", "-q")
    git(folder.parent, "add", ".")
    git(folder.parent, "commit", "-q", "-m", "version 1")
    (folder / "event.yaml").write_text(V2.read_text("utf-8"), "utf-8")
    people = folder / "catalog" / "people.yaml"
    people.write_text(
        people.read_text("utf-8").replace("family_name: Gelber", "family_name: Gelber-Ross")
    )
    return folder / "event.yaml"


def test_against_a_revision_reads_the_event_and_its_includes_from_it(repository: Path) -> None:
    before = git(repository.parent.parent, "status", "--porcelain")
    result = confdocs_cli("diff", str(repository), "--against", "HEAD", "--json")
    assert result.returncode == 1, result.stderr
    data = json.loads(result.stdout)
    changes = data["changes"]
    assert data["old"] == "HEAD:hague/event.yaml"
    kinds = [c["kind"] for c in changes]
    # The catalog of the revision is read too: the renamed person is a change.
    assert "person.renamed" in kinds
    assert kinds.count("slot.moved") == 2 and "country.added" in kinds
    [renamed] = [c for c in changes if c["kind"] == "person.renamed"]
    assert renamed["old_file"] == "HEAD:hague/catalog/people.yaml"
    assert renamed["file"].endswith("catalog/people.yaml")
    removed = run("diff", str(repository), "--against", "HEAD")
    assert "HEAD:hague/event.yaml:" not in removed.stdout  # nothing removed, no old places
    # No checkout: the working tree is as it was.
    assert git(repository.parent.parent, "status", "--porcelain") == before
    # Against the working version itself: equal.
    git(repository.parent.parent, "commit", "-q", "-am", "version 2")
    same = confdocs_cli("diff", str(repository), "--against", "HEAD")
    assert (same.returncode, same.stdout) == (0, "")


@pytest.mark.parametrize(
    "revision, message",
    [
        ("no-such-branch", "git knows no revision 'no-such-branch'"),
        ("--output=x", "is not a git revision"),
    ],
)
def test_against_a_bad_revision_is_exit_2(repository: Path, revision: str, message: str) -> None:
    result = confdocs_cli("diff", str(repository), f"--against={revision}")
    assert result.returncode == 2, result.stderr
    assert message in result.stderr and "Traceback" not in result.stderr


def test_against_outside_a_repository_is_exit_2(tmp_path: Path) -> None:
    require_tool("git")
    folder = tmp_path / "plain"
    shutil.copytree(FOLDER, folder)
    result = confdocs_cli("diff", str(folder / "event.yaml"), "--against", "HEAD")
    assert result.returncode == 2
    assert "not in a git repository" in result.stderr


def test_a_broken_revision_names_it(repository: Path) -> None:
    repository.write_text(repository.read_text().replace("start: 11h15", "start: 25h15"))
    git(repository.parent.parent, "commit", "-q", "-am", "broken")
    repository.write_text(V2.read_text("utf-8"), "utf-8")
    result = confdocs_cli("diff", str(repository), "--against", "HEAD")
    assert result.returncode == 2
    assert "HEAD:hague/event.yaml:" in result.stderr and "25h15" in result.stderr


# -- a build that shows the changes ---------------------------------------------------------------


def test_build_with_changes_since_fills_the_changes_section(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = confdocs_cli(
        "build", str(V2), "--changes-since", str(HAGUE), "-o", str(out), "-f", "md", "--no-track"
    )
    assert result.returncode == 0, result.stderr
    text = (out / "hague-2019.md").read_text()
    section = text.split("## Changes since the version of 29 September 2019\n", 1)[1].split("##")[0]
    assert "- GLACY+: Kenya invited\n" in section
    assert "- Opening: Klaus MEYER-CABRI replaces Ladislav HAMRAN\n" in section
    assert "~~" not in text  # --no-track: no marks


def test_a_changes_section_without_a_previous_version_is_left_out_with_a_warning(
    tmp_path: Path,
) -> None:
    result = confdocs_cli("build", str(V2), "-o", str(tmp_path), "-f", "md")
    assert result.returncode == 0
    assert "its changes section lists what changed since a previous version" in result.stderr
    assert "Changes since" not in (tmp_path / "hague-2019.md").read_text()


def test_markdown_gives_the_change_list_first(hague: Any, v2: Any, host: Any) -> None:
    new = attrs.evolve(v2, sections=v2.sections[1:])  # without its own changes section
    [doc] = confdocs.build(new, ["md"], {}, host, previous=hague).documents
    text = doc.data.decode()
    preamble, rest = text.split("\n---\n", 1)
    assert preamble.startswith("**Changes since the version of 29 September 2019**\n")
    assert "- GLACY+: Kenya invited\n" in preamble
    assert "~~internet~~**online**" in preamble
    assert rest.lstrip().startswith("Funded by the European Union")


def test_html_marks_insertions_and_deletions_with_a_summary(hague: Any, v2: Any, host: Any) -> None:
    import html5lib

    new = attrs.evolve(v2, sections=v2.sections[1:])
    [doc] = confdocs.build(new, ["html"], {}, host, previous=hague).documents
    tree = html5lib.parse(doc.data.decode(), namespaceHTMLElements=False)
    summary = tree.find(".//aside[@id='changes']")
    assert summary is not None
    items = ["".join(li.itertext()) for li in summary.iter("li")]
    assert "GLACY+: Kenya invited" in items
    main = tree.find(".//main")
    assert next(iter(main)) is summary  # at the top
    inserted = ["".join(e.itertext()) for e in tree.iter("ins")]
    deleted = ["".join(e.itertext()) for e in tree.iter("del")]
    assert "online" in inserted and "internet" in deleted
    assert "Kenya" in inserted
    assert "Version 29 September 2019" in deleted
    assert "Version 2, 30 September 2019" in inserted
    rows = {r.get("class") for r in tree.iter("tr") if "change-" in (r.get("class") or "")}
    assert rows == {"slot kind-session change-ins", "slot kind-session change-del"}
    title = tree.find(".//title").text
    assert "<" not in title and title.startswith("International conference")


def test_other_formats_build_as_usual(hague: Any, v2: Any, host: Any) -> None:
    formats = ["ics", "json", "schedule-json", "schedule-xml"]
    plain = confdocs.build(v2, formats, {}, host)
    compared = confdocs.build(v2, formats, {}, host, previous=hague)
    assert compared.ok
    assert {d.format: d.data for d in compared.documents} == {
        d.format: d.data for d in plain.documents
    }


def test_a_plugin_returning_something_else_is_reported(hague: Any, v2: Any) -> None:
    class Wrong:
        @confdocs.hookimpl
        def confdocs_diff(self) -> list[str]:
            return ["not a change"]

    host = confdocs.get_plugin_manager(load_entrypoints=False, plugins=[Wrong()])
    result = confdocs.compare(hague, v2, plugins=host)
    assert result.changes and all(c.kind for c in result.changes)
    [failure] = host.failures
    assert "confdocs_diff must return confdocs.diff.Change objects" in failure.message


def test_version_label_in_the_header(v2: Any) -> None:
    view = confdocs.make_view(v2)
    assert view.header.version == "Version 2, 30 September 2019"
    assert view.header.version_label == "Version 2"
    assert confdocs.make_view(v2, "fr").header.version == "Version 2, 30 septembre 2019"
    label_only = attrs.evolve(v2, header=attrs.evolve(v2.header, version=None))
    assert confdocs.make_view(label_only).header.version == "Version 2"


def test_a_changes_section_takes_no_text_of_its_own(variant: Callable[..., Path]) -> None:
    changed = variant(
        (
            "  - id: background\n",
            "  - id: notes-on-changes\n    changes: true\n    body: Hello.\n  - id: background\n",
        )
    )
    result = confdocs_cli("check", str(changed))
    assert result.returncode == 2
    assert "a changes section lists the changes since the previous version" in result.stderr


def test_the_schema_knows_the_new_fields() -> None:
    from confdocs.authoring.schema import event_schema

    schema = event_schema()["$defs"]
    assert "version_label" in schema["Header"]["properties"]
    assert "changes" in schema["Section"]["properties"]
    assert "previous version" in schema["Section"]["properties"]["changes"]["description"]


def test_the_worked_example_in_the_docs_is_what_confdocs_prints() -> None:
    docs = (ROOT / "docs" / "versions.md").read_text("utf-8")
    result = run("diff", str(HAGUE.relative_to(ROOT)), str(V2.relative_to(ROOT)))
    assert result.stdout.strip() and result.stdout.strip() in docs


def test_a_slot_moved_to_another_room(hague: Any) -> None:
    days = list(hague.programme.days)
    slots = list(days[2].slots)
    slots[4] = attrs.evolve(slots[4], room="Room B")
    days[2] = attrs.evolve(days[2], slots=tuple(slots))
    new = attrs.evolve(hague, programme=attrs.evolve(hague.programme, days=tuple(days)))
    result = confdocs.compare(hague, new)
    [change] = result.changes
    assert (change.kind, change.old, change.new) == (
        "slot.moved",
        {"room": None},
        {"room": "Room B"},
    )
    assert result.view.changes.items[0].line.plain.endswith(": room changed, none → Room B")


def test_build_against_a_revision_writes_tracked_changes(repository: Path, tmp_path: Path) -> None:
    from tests.wordrevisions import revisions

    out = tmp_path / "out"
    result = confdocs_cli(
        "build",
        str(repository),
        "--against",
        "HEAD",
        "--author",
        "C-PROC",
        "-o",
        str(out),
        "-f",
        "docx",
        "-f",
        "html",
    )
    assert result.returncode == 0, result.stderr
    found = revisions((out / "hague-2019.docx").read_bytes())
    assert found and {author for _, _, author, _ in found} == {"C-PROC"}
    assert "<del>internet</del>" in (out / "hague-2019.html").read_text()


def test_changes_since_compares_one_event(tmp_path: Path) -> None:
    result = confdocs_cli(
        "build", str(V2), str(HAGUE), "--changes-since", str(HAGUE), "-o", str(tmp_path)
    )
    assert result.returncode == 2
    assert "--changes-since compares one event" in result.stderr
    both = confdocs_cli(
        "build", str(V2), "--changes-since", str(HAGUE), "--against", "HEAD", "-o", str(tmp_path)
    )
    assert both.returncode == 2 and "not both" in both.stderr


# -- the PDF ------------------------------------------------------------------------------------


def pdf_text(data: bytes, tmp_path: Path) -> str:
    source = tmp_path / "outline.pdf"
    source.write_bytes(data)
    done = subprocess.run(
        [require_tool("pdftotext"), "-layout", str(source), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def test_pdf_lists_the_changes_and_marks_them_in_place(
    hague: Any, v2: Any, host: Any, tmp_path: Path
) -> None:
    """Without a changes section of its own, the tracked PDF starts with the change list; its
    text holds what was deleted beside what was inserted (struck through and underlined on
    the page); --no-track gives the plain version two."""
    new = attrs.evolve(v2, sections=v2.sections[1:])
    [doc] = confdocs.build(new, ["pdf"], {}, host, previous=hague).documents
    text = pdf_text(doc.data, tmp_path)
    flat = " ".join(text.split())
    assert "Changes since the version of 29 September 2019 • Version 29 September" in flat
    assert "• GLACY+: Kenya invited" in flat
    assert "conference on internetonline investigations" in flat
    assert "Version 29 September 2019Version 2, 30 September 2019" in flat
    assert "Ladislav HAMRANKlaus MEYER-CABRI" in flat
    [plain] = confdocs.build(
        new, ["pdf"], {"track_changes": False}, host, previous=hague
    ).documents
    untracked = " ".join(pdf_text(plain.data, tmp_path).split())
    assert "internetonline" not in untracked and "Changes since" not in untracked
    assert "conference on online investigations" in untracked
    # An outline with its own changes section lists them there, once.
    [listed] = confdocs.build(v2, ["pdf"], {}, host, previous=hague).documents
    assert pdf_text(listed.data, tmp_path).count("GLACY+: Kenya invited") == 1


def test_pdf_of_parallel_tracks_shows_both_rooms(host: Any, tmp_path: Path) -> None:
    from tests.test_versions_docx import TUNIS, tunis_edited

    old = confdocs.load_event(TUNIS)
    [doc] = confdocs.build(tunis_edited(old), ["pdf"], {}, host, previous=old).documents
    flat = " ".join(pdf_text(doc.data, tmp_path).split())
    assert "Salle : Salle DidonSalle Elyssa" in flat.replace("\u00a0", " ")
    assert "Groupe C — coopération avec les fournis" in flat


@pytest.mark.parametrize(
    "edit, args, message",
    [
        pytest.param(
            ("name: {fr: Salle Hannibal, ar: قاعة حنبعل}", "name: {fr: Salle Hannon, ar: قاعة حانون}"),
            (),
            f"Salle renommée{NBSP}: Salle Hannibal → Salle Hannon",
            id="french-document",
        ),
        pytest.param(
            ("name: {fr: Salle Hannibal, ar: قاعة حنبعل}", "name: {fr: Salle Hannon, ar: قاعة حانون}"),
            ("--locale", "ar"),
            "تغيّر اسم القاعة: قاعة حنبعل ← قاعة حانون",
            id="arabic-document",
        ),
        pytest.param(
            ("name: {fr: Salle Hannibal, ar: قاعة حنبعل}", "name: {fr: Salle Hannibal, ar: قاعة حانون}"),
            (),
            f"Salle renommée{NBSP}: قاعة حنبعل (arabe) → قاعة حانون (arabe)",
            id="only-the-arabic-changed",
        ),
    ],
)
def test_a_translated_text_changes_in_the_documents_language(
    tmp_path: Path, edit: tuple[str, str], args: tuple[str, ...], message: str
) -> None:
    """A change to a text written in several languages says it in the document's language,
    and keeps every language's text, so that it applies back to the file."""
    changed = tunis_variant(tmp_path, [edit])
    old = changed.parent / "event.yaml"
    [change] = changes_of(old, changed, *args)
    assert change["kind"] == "room.renamed"
    assert change["message"] == message
    assert apply_changes(confdocs.load_event(old), [change]) == confdocs.load_event(changed)


@pytest.mark.parametrize(
    "edit, args, message, excerpt",
    [
        pytest.param(
            ("les données se trouvent souvent", "les données se trouvent presque toujours"),
            (),
            f"Contexte{NBSP}: texte modifié",
            "[-souvent-]{+presque toujours+}",
            id="french-edit-french-document",
        ),
        pytest.param(
            ("الخارج. ويحتاج الممارسون", "الخارج دائمًا. ويحتاج الممارسون"),
            ("--locale", "ar"),
            "السياق: عُدّل النص",
            "{+ دائمًا+}",
            id="arabic-edit-arabic-document",
        ),
        pytest.param(
            ("الخارج. ويحتاج الممارسون", "الخارج دائمًا. ويحتاج الممارسون"),
            (),
            f"Contexte{NBSP}: texte modifié",
            "{+ دائمًا+}",
            id="arabic-edit-french-document",
        ),
    ],
)
def test_an_edited_translated_text_shows_the_edit_of_its_language(
    tmp_path: Path, edit: tuple[str, str], args: tuple[str, ...], message: str, excerpt: str
) -> None:
    """The excerpt of an edited text is the edit in the document's language; when only
    another language's text changed, that edit, its language named."""
    changed = tunis_variant(tmp_path, [edit])
    old = changed.parent / "event.yaml"
    [change] = changes_of(old, changed, *args)
    assert change["kind"] == "section.edited"
    assert change["message"] == message
    [shown] = change["detail"]
    assert excerpt in shown
    assert ("(arabe)" in shown) is (not args and "دائمًا" in excerpt)
    assert apply_changes(confdocs.load_event(old), [change]) == confdocs.load_event(changed)


def test_diff_in_two_languages_at_once_is_refused() -> None:
    result = run("diff", str(TUNIS), str(TUNIS), "--locale", "fr+ar")
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "confdocs: error: --locale fr+ar: diff says the changes in one language (--locale fr); "
        "a bilingual document shows no changes"
    )


def test_the_changes_section_does_not_list_its_own_arrival() -> None:
    """Version two adds the changes section: the diff says so, the section's list does not
    (it would read "New section: Changes since the previous version")."""
    changes = changes_of(HAGUE, V2)
    added = [c for c in changes if c["kind"] == "section.added"]
    assert [c["message"] for c in added] == ["New section: Changes since the previous version"]
    result = confdocs.build(confdocs.load_event(V2), ["md"], previous=confdocs.load_event(HAGUE))
    text = result.documents[0].data.decode("utf-8")
    listed = text.split("## Changes since the version of 29 September 2019", 1)[1].split("\n## ")[0]
    items = [line for line in listed.splitlines() if line.startswith("- ")]
    assert len(items) == len(changes) - 1
    assert "New section" not in listed and "Background and justification: text edited" in listed


@pytest.mark.parametrize(
    ("locale", "label", "said"),
    [
        ("en_GB", "Version 2", "Version 29 September 2019 → Version 2, 30 September 2019"),
        ("fr", "Version 2", "Version du 29 septembre 2019 → Version 2, 30 septembre 2019"),
        ("es", "Versión 2", "Versión del 29 de septiembre de 2019 → Versión 2, 30 de septiembre"),
        # Arabic leads with "النسخة:" and a version reads "نسخة …": the word is said once.
        ("ar", "نسخة 2", "header: نسخة 29 سبتمبر 2019 ← نسخة 2، 30 سبتمبر 2019"),
        # A label that is not "Version …" keeps the line's lead: it says what changed.
        ("en_GB", "Draft 2", "Version: Version 29 September 2019 → Draft 2, 30 September 2019"),
    ],
)
def test_a_version_change_says_the_word_version_once(
    tmp_path: Path, locale: str, label: str, said: str
) -> None:
    text = V2.read_text(encoding="utf-8")
    text = text.replace("version_label: Version 2", f"version_label: {label}")
    assert f"version_label: {label}" in text
    shutil.copytree(FOLDER, tmp_path / "hague")  # its catalogs and logos beside it
    new = tmp_path / "hague" / "version-2.yaml"
    new.write_text(text, encoding="utf-8")
    result = run("diff", "--locale", locale, str(HAGUE), str(new))
    assert result.exit_code == 1, result.stderr
    (line,) = [x for x in result.stdout.splitlines() if "header" in x and "2019" in x]
    assert said in line, line


def test_a_build_with_changes_keeps_the_registrations(hague: Any, v2: Any) -> None:
    """Version two has a changes section, so its view is made again with the list: the
    registrants went with it, and the participants' documents said "give --registrations"
    though they had been given."""
    assert any(section.changes for section in v2.sections)
    registrations = confdocs.load_registrations(HAGUE.parent / "registrations.csv")
    result = confdocs.build(
        v2, ["participant-list", "certificates"], registrations=registrations, previous=hague
    )
    assert result.ok, result.failures
    assert [d.format for d in result.documents] == ["participant-list", "certificates"]
    assert not result.skipped


def test_a_slot_whose_heading_other_days_have_is_named_with_its_day(tmp_path: Path) -> None:
    """Each day has its coffee breaks: the one that moved is told with its day ("Coffee
    break (Monday, 30 September 2019): moved …"; a trial could not tell which of six)."""
    text = HAGUE.read_text("utf-8")
    lines = text.splitlines(keepends=True)
    # The afternoon coffee break of day one a quarter of an hour later.
    breaks = [i for i, x in enumerate(lines) if x.strip() == "kind: break"]
    start = next(i for i in range(breaks[1], 0, -1) if "start:" in lines[i])
    moved = lines[start].replace(lines[start].split("start:")[1].strip(), "16h00")
    new = tmp_path / "event.yaml"
    new.write_text("".join([*lines[:start], moved, *lines[start + 1 :]]), "utf-8")
    shutil.copytree(HAGUE.parent / "catalog", tmp_path / "catalog")
    shutil.copytree(HAGUE.parent / "logos", tmp_path / "logos")
    messages = [c["message"] for c in changes_of(HAGUE, new)]
    assert messages == ["Coffee break (Monday, 30 September 2019): moved from 15h45 to 16h00"]
