"""The Word outline with tracked changes: rejecting every change gives the old version's plain
document and accepting every change the new one's, by Word's rules and in LibreOffice itself;
each change has its id, author and date; LibreOffice shows them in the PDF it makes."""

from __future__ import annotations

import difflib
import io
import re
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import attrs
import pytest
from confdocs_docx.revisions import MARKERS
from confdocs_docx.wordml import clean
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from lxml import etree

import confdocs
from confdocs.loading import check_event
from confdocs.loading.converter import shared_converter
from tests.conftest import HAGUE, require_tool
from tests.strategies import edits, events
from tests.wordrevisions import revisions, texts, w

V2 = HAGUE.parent / "version-2.yaml"


@pytest.fixture(scope="module")
def host() -> Any:
    return confdocs.get_plugin_manager()


@pytest.fixture(scope="module")
def pair() -> tuple[Any, Any]:
    return confdocs.load_event(HAGUE), confdocs.load_event(V2)


def docx(
    host: Any, event: Any, options: dict[str, Any] | None = None, previous: Any = None
) -> bytes:
    result = confdocs.build(event, ["docx"], options or {}, host, previous=previous)
    assert result.ok, result.failures
    return result.documents[0].data


def builds(
    host: Any, old: Any, new: Any, options: dict[str, Any] | None = None
) -> tuple[bytes, bytes, bytes]:
    """The old version's plain document, the new one's (its changes section filled, no
    marks), and the tracked one."""
    opts = dict(options or {})
    return (
        docx(host, old, opts),
        docx(host, new, {**opts, "track_changes": False}, previous=old),
        docx(host, new, opts, previous=old),
    )


def assert_same(got: dict[str, list[str]], want: dict[str, list[str]]) -> None:
    assert got.keys() == want.keys()
    for part in want:
        diff = "\n".join(difflib.unified_diff(want[part], got[part], lineterm="", n=1))
        assert got[part] == want[part], f"{part}:\n{diff}"


def test_rejecting_every_change_gives_the_old_document_accepting_the_new(
    host: Any, pair: Any
) -> None:
    old, new = pair
    # The tracked document is in the new version's language: the old one is read in it.
    plain_old, plain_new, tracked = builds(host, old, new, {"locale": new.settings.locale})
    assert_same(texts(tracked, accept=False), texts(plain_old))
    assert_same(texts(tracked, accept=True), texts(plain_new))
    # As it is, the document holds both: what was deleted and what was inserted.
    body = " ".join(texts(tracked)["word/document.xml"])
    assert "internetonline investigations" in body
    assert "Ladislav HAMRAN" in body and "Klaus MEYER-CABRI" in body


def test_each_change_has_its_id_author_and_date(host: Any, pair: Any) -> None:
    old, new = pair
    tracked = docx(host, new, {"author": "C-PROC"}, previous=old)
    found = revisions(tracked)
    assert len(found) > 20
    assert {(author, date) for _, _, author, date in found} == {("C-PROC", "2019-09-30T00:00:00Z")}
    ids = [ident for _, ident, _, _ in found]
    assert len(set(ids)) == len(ids) and all(i.isdigit() for i in ids)
    default = revisions(docx(host, new, previous=old))
    assert {author for _, _, author, _ in default} == {"confdocs"}


def test_rows_of_a_moved_slot_are_deleted_and_inserted_whole(host: Any, pair: Any) -> None:
    old, new = pair
    tracked = docx(host, new, previous=old)
    with zipfile.ZipFile(io.BytesIO(tracked)) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    rows = {"del": [], "ins": []}
    for row in root.iter(w("tr")):
        for kind in rows:
            if row.find(f"{w('trPr')}/{w(kind)}") is not None:
                rows[kind].append(row)
    assert len(rows["del"]) == len(rows["ins"]) == 1
    deleted, inserted = ("".join(r.itertext()) for r in (rows["del"][0], rows["ins"][0]))
    assert deleted.startswith("12h15Collaboration with national")
    assert inserted.startswith("11h45Collaboration with national")
    # Every text of the deleted row is deleted text, of the inserted row inserted text.
    assert not list(rows["del"][0].iter(w("t")))
    assert not list(rows["ins"][0].iter(w("delText")))
    for row, kind in ((rows["del"][0], "del"), (rows["ins"][0], "ins")):
        for paragraph in row.iter(w("p")):
            assert paragraph.find(f"{w('pPr')}/{w('rPr')}/{w(kind)}") is not None


def test_in_french_and_for_the_public(host: Any, pair: Any) -> None:
    old, new = pair
    for options in ({"locale": "fr"}, {"audience": "public"}):
        plain_old, plain_new, tracked = builds(host, old, new, options)
        assert_same(texts(tracked, accept=False), texts(plain_old))
        assert_same(texts(tracked, accept=True), texts(plain_new))


def every_kind(old: Any, new: Any) -> Any:
    """Version 2, plus: a slot removed, a new day, a moderator, a duration, the last speaker
    of a session gone, a language, a contact, a renamed person, a group and an allocation
    gone, a note dropped."""
    days = list(new.programme.days)
    days[1] = attrs.evolve(days[1], slots=days[1].slots[:7] + days[1].slots[8:])
    tuesday = days[2]
    closing = next(i for i, s in enumerate(tuesday.slots) if s.title == "Closing session")
    slot = tuesday.slots[closing]
    item = attrs.evolve(slot.contributions[0], duration=15)
    slots = list(tuesday.slots)
    slots[closing] = attrs.evolve(
        slot, contributions=(item, *slot.contributions[1:-1]), moderators=("seger",)
    )
    days[2] = attrs.evolve(tuesday, slots=tuple(slots))
    extra_day = attrs.evolve(days[2], date=days[2].date.replace(day=2), title="Visits")
    days.append(attrs.evolve(extra_day, slots=extra_day.slots[:2]))
    participants = attrs.evolve(
        new.participants,
        groups=new.participants.groups[:-1],
        allocations=new.participants.allocations[:-1],
    )
    contacts = (attrs.evolve(new.contacts[0], people=new.contacts[0].people[:2]), *new.contacts[1:])
    people = tuple(
        attrs.evolve(p, family_name="Gelber-Ross") if p.id == "gelber" else p for p in new.people
    )
    changed = attrs.evolve(
        new,
        end=new.end.replace(day=2),
        programme=attrs.evolve(new.programme, days=tuple(days)),
        participants=participants,
        contacts=contacts,
        people=people,
        languages=new.languages[:3],
        notes=tuple(n for n in new.notes if n.id != "endocsea-one-participant"),
    )
    assert check_event(changed) == []
    return changed


def test_every_kind_of_change_at_once(host: Any, pair: Any) -> None:
    old, new = pair
    changed = every_kind(old, new)
    plain_old, plain_new, tracked = builds(host, old, changed)
    assert_same(texts(tracked, accept=False), texts(plain_old))
    assert_same(texts(tracked, accept=True), texts(plain_new))
    kinds = {c.kind for c in confdocs.compare(old, changed, plugins=host).changes}
    assert {
        "slot.removed",
        "day.added",
        "moderator.added",
        "duration.changed",
        "language.removed",
    } <= kinds
    assert {
        "contact.removed",
        "person.renamed",
        "group.removed",
        "allocation.removed",
        "note.removed",
    } <= kinds


# -- generated events --------------------------------------------------------------------------


def _readable(value: Any) -> bool:
    """No text of the event is made only of characters a Word document cannot hold: such a
    text shows as nothing, and then no mark can say whether it is there. Nor does any hold
    the private-use characters a tracked document uses as its markers (it drops them from
    user text; the plain document keeps them)."""
    if isinstance(value, str):
        if any(marker in value for marker in MARKERS):
            return False
        return value == "" or clean(value).strip() != ""
    if isinstance(value, dict):
        return all(_readable(v) for v in value.values())
    if isinstance(value, list):
        return all(_readable(v) for v in value)
    return True


def outlines() -> st.SearchStrategy[Any]:
    """Events with participants that a reader can read (see :func:`_readable`)."""
    return events().filter(
        lambda e: _readable(shared_converter().unstructure(e))
    )


TRACKED = settings(
    max_examples=int(__import__("os").environ.get("VERSIONS_EXAMPLES", "12")),
    deadline=None,
    suppress_health_check=list(HealthCheck),
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)


@TRACKED
@given(edits(outlines()))
def test_any_edit_rejected_and_accepted_gives_each_version(
    host: Any, pair_of: tuple[Any, Any]
) -> None:
    old, new = pair_of
    if check_event(new):
        return  # an edit that made references dangle: not an outline to build
    # The tracked document is in the new version's language: the old one is read in it.
    plain_old, plain_new, tracked = builds(host, old, new, {"locale": new.settings.locale})
    assert_same(texts(tracked, accept=False), texts(plain_old))
    assert_same(texts(tracked, accept=True), texts(plain_new))


def test_a_version_in_another_language_is_read_in_the_new_ones(host: Any) -> None:
    """The outline went from English to French: the tracked document is in French, and
    rejecting every change gives the old version as a French document shows it."""
    old = confdocs.load_event(HAGUE)
    new = attrs.evolve(old, settings=attrs.evolve(old.settings, locale="fr"))
    tracked = docx(host, new, previous=old)
    assert_same(texts(tracked, accept=False), texts(docx(host, old, {"locale": "fr"})))
    assert_same(texts(tracked, accept=True), texts(docx(host, new)))


def test_a_text_whose_direction_changed_keeps_each_versions_marks(host: Any) -> None:
    """In a right-to-left document, a role's label goes from a sign alone (no direction) to
    Latin words (held between left-to-right marks): each version's marks are deleted or
    inserted with it, so rejecting or accepting gives that version's document exactly."""
    hague = confdocs.load_event(HAGUE)
    settings = attrs.evolve(hague.settings, locale="ar")

    def with_label(label: str) -> Any:
        roles = list(hague.participants.roles)
        roles[0] = attrs.evolve(roles[0], label=label)
        participants = attrs.evolve(hague.participants, composition=None, roles=tuple(roles))
        return attrs.evolve(hague, settings=settings, participants=participants)

    old, new = with_label("·"), with_label("Prosecutor")
    tracked = docx(host, new, previous=old)
    assert_same(texts(tracked, accept=False), texts(docx(host, old)))
    assert_same(texts(tracked, accept=True), texts(docx(host, new)))


def test_a_replaced_logo_leaves_one_gap_in_each_version(host: Any) -> None:
    """The first of two logos replaced (deleted, then inserted): each version's row has one
    gap between its two logos, not two."""
    old = confdocs.load_event(HAGUE)
    logos = list(old.header.funder_logos)
    assert len(logos) >= 2
    logos[0] = attrs.evolve(logos[0], alt=f"{logos[0].alt} (new design)")
    new = attrs.evolve(old, header=attrs.evolve(old.header, funder_logos=tuple(logos)))
    tracked = docx(host, new, previous=old)
    assert_same(texts(tracked, accept=False), texts(docx(host, old)))
    assert_same(texts(tracked, accept=True), texts(docx(host, new)))


# -- LibreOffice -------------------------------------------------------------------------------

_MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Review" script:language="StarBasic">
Sub Resolve(src As String, dst As String, what As String)
  Dim load(0) As New com.sun.star.beans.PropertyValue
  load(0).Name = &quot;Hidden&quot;
  load(0).Value = True
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(src), &quot;_blank&quot;, 0, load())
  dispatcher = createUnoService(&quot;com.sun.star.frame.DispatchHelper&quot;)
  frame = doc.getCurrentController().getFrame()
  dispatcher.executeDispatch(frame, &quot;.uno:&quot; &amp; what &amp; &quot;AllTrackedChanges&quot;, &quot;&quot;, 0, Array())
  Dim save(0) As New com.sun.star.beans.PropertyValue
  save(0).Name = &quot;FilterName&quot;
  save(0).Value = &quot;MS Word 2007 XML&quot;
  doc.storeToURL(ConvertToURL(dst), save())
  doc.close(True)
End Sub
</script:module>
"""
_LIBRARY = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE library:library PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "library.dtd">
<library:library xmlns:library="http://openoffice.org/2000/library" library:name="Standard" library:readonly="false" library:passwordprotected="false">
 <library:element library:name="Review"/>
</library:library>
"""


def soffice(profile: Path, *args: str) -> None:
    subprocess.run(
        [
            require_tool("soffice"),
            "--headless",
            "--norestore",
            f"-env:UserInstallation=file://{profile}",
            *args,
        ],
        capture_output=True,
        timeout=240,
        check=False,
    )


@pytest.mark.parametrize("which", ["version-2", "every-kind"])
def test_libreoffice_accepts_and_rejects_them_as_word_does(
    tmp_path: Path, host: Any, pair: Any, which: str
) -> None:
    """LibreOffice opens the tracked document, accepts (or rejects) every change and saves:
    what remains is the new (or the old) version's plain document."""
    old, new = pair
    if which == "every-kind":
        new = every_kind(old, new)
    plain_old, plain_new, tracked = builds(host, old, new)
    source = tmp_path / "tracked.docx"
    source.write_bytes(tracked)
    profile = tmp_path / "profile"
    soffice(
        profile, "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)
    )  # makes the profile
    library = profile / "user" / "basic" / "Standard"
    (library / "Review.xba").write_text(_MACRO, "utf-8")
    (library / "script.xlb").write_text(_LIBRARY, "utf-8")
    for what, plain in (("Accept", plain_new), ("Reject", plain_old)):
        target = tmp_path / f"{what}.docx"
        soffice(profile, f'macro:///Standard.Review.Resolve("{source}","{target}","{what}")')
        assert target.exists(), f"LibreOffice did not {what.lower()} the changes"
        resolved = target.read_bytes()
        assert revisions(resolved) == []

        def body(data: bytes) -> list[str]:
            return [p for p in texts(data)["word/document.xml"] if p.strip()]

        assert body(resolved) == body(plain)


def test_libreoffice_shows_the_changes_in_its_pdf(tmp_path: Path, host: Any, pair: Any) -> None:
    old, new = pair
    source = tmp_path / "hague-2019.docx"
    source.write_bytes(docx(host, new, {"author": "C-PROC"}, previous=old))
    soffice(tmp_path / "profile", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source))
    pdf = tmp_path / "hague-2019.pdf"
    assert pdf.exists()
    text = subprocess.run(
        [require_tool("pdftotext"), "-layout", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    flat = " ".join(text.split())
    # Shown, not accepted: the deleted text is still on the page, beside the inserted one.
    assert "Version 29 September 2019Version 2, 30 September 2019" in flat
    assert "conference on internetonline investigations" in flat
    assert "Ladislav HAMRAN" in flat and "Klaus MEYER-CABRI" in flat
    assert "11h4512h15" in flat
    # LibreOffice reads them as its own tracked changes, with their author and date.
    soffice(tmp_path / "profile", "--convert-to", "odt", "--outdir", str(tmp_path), str(source))
    with zipfile.ZipFile(tmp_path / "hague-2019.odt") as archive:
        content = archive.read("content.xml").decode()
    regions = re.findall(
        r"<text:changed-region .*?</text:changed-region>", content, flags=re.DOTALL
    )
    assert len(regions) > 15
    assert set(re.findall(r"<dc:creator>([^<]*)</dc:creator>", content)) == {"C-PROC"}
    deleted = " ".join(re.findall(r"<text:deletion>.*?</text:deletion>", content, flags=re.DOTALL))
    assert "internet" in deleted and "Ladislav HAMRAN" in deleted


# -- parallel tracks in French, and right to left -----------------------------------------------

TUNIS = HAGUE.parent.parent / "tunis-2025" / "event.yaml"


def tunis_edited(old: Any) -> Any:
    """The Tunis workshop with its parallel sessions reworked: group B moves to a new room and
    ends with its slot, a group C joins after lunch, group A of the morning keeps French only,
    a remote speaker comes in person, the host delegation's composition changes, the funders'
    line gains a logo and the organisers lose one."""
    from confdocs.loading.images import image_of
    from confdocs.model import Logo, Room, Session
    from tests.strategies import tiny_png

    rooms = (*old.venue.rooms, Room(id="elyssa", name="Salle Elyssa", interpretation=("fr",)))
    days = list(old.programme.days)
    slots = list(days[1].slots)
    morning, afternoon = slots[1], slots[3]
    group_a, group_b = morning.parallel
    slots[1] = attrs.evolve(
        morning,
        parallel=(
            attrs.evolve(group_a, interpretation=("fr",)),
            attrs.evolve(group_b, room="elyssa", end=None),
        ),
    )
    slots[3] = attrs.evolve(
        afternoon,
        parallel=(
            *afternoon.parallel,
            Session(title="Groupe C — coopération avec les fournisseurs", room="carthage"),
        ),
    )
    days[1] = attrs.evolve(days[1], slots=tuple(slots))
    opening = days[0].slots[1]
    speakers = list(opening.contributions)
    speakers[2] = attrs.evolve(speakers[2], remote=False)
    days[0] = attrs.evolve(
        days[0],
        slots=(days[0].slots[0], attrs.evolve(opening, contributions=tuple(speakers)),
               *days[0].slots[2:]),
    )
    group = old.participants.groups[0]
    host = attrs.evolve(group.exceptions[0], composition={"prosecutor": 3, "law-enforcement": 1})
    logo = Logo(file="logo.png", alt="Union européenne", image=image_of(tiny_png(6, 2)))
    new = attrs.evolve(
        old,
        venue=attrs.evolve(old.venue, rooms=rooms),
        programme=attrs.evolve(old.programme, days=tuple(days)),
        participants=attrs.evolve(
            old.participants, groups=(attrs.evolve(group, exceptions=(host,)),)
        ),
        header=attrs.evolve(old.header, funder_logos=(logo,), version=old.header.version.replace(day=10)),
        organisers=old.organisers[:2],
    )
    assert check_event(new) == []
    return new


@pytest.fixture(scope="module")
def tunis() -> tuple[Any, Any]:
    old = confdocs.load_event(TUNIS)
    return old, tunis_edited(old)


def inserted_and_deleted(data: bytes) -> tuple[str, str]:
    """The text of every w:ins and of every w:del of the body."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    ins = " ".join("".join(e.itertext()) for e in root.iter(w("ins")))
    gone = " ".join("".join(e.itertext()) for e in root.iter(w("del")))
    return ins, gone


@pytest.mark.parametrize("options", [{}, {"audience": "public"}, {"locale": "en"}])
def test_parallel_tracks_rejected_and_accepted_give_each_version(
    host: Any, tunis: Any, options: dict[str, Any]
) -> None:
    old, new = tunis
    plain_old, plain_new, tracked = builds(host, old, new, options)
    assert_same(texts(tracked, accept=False), texts(plain_old))
    assert_same(texts(tracked, accept=True), texts(plain_new))
    ins, gone = inserted_and_deleted(tracked)
    # Group B's new room, the new group C (a row of its own), the remote speaker's brackets.
    assert "Salle Elyssa" in ins and "Salle Didon" in gone
    assert "Groupe C — coopération avec les fournisseurs" in ins
    assert ("à distance" if not options.get("locale") else "remotely") in gone
    with zipfile.ZipFile(io.BytesIO(tracked)) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    # The new logo is an inserted picture; the organisers' line is unchanged (no logos).
    pictures = [d for d in root.iter(w("drawing"))]
    assert pictures and all(d.getparent().getparent().tag == w("ins") for d in pictures)
    rows = [r for r in root.iter(w("tr")) if r.find(f"{w('trPr')}/{w('ins')}") is not None]
    assert any("Groupe C" in "".join(r.itertext()) for r in rows)


def test_right_to_left_marks_and_tracked_changes_coexist(host: Any, tunis: Any) -> None:
    """In Arabic the document runs right to left: paragraphs are w:bidi, runs w:rtl, and the
    inserted and deleted runs keep those marks inside their w:ins and w:del."""
    old, new = tunis
    options = {"locale": "ar"}
    plain_old, plain_new, tracked = builds(host, old, new, options)
    assert_same(texts(tracked, accept=False), texts(plain_old))
    assert_same(texts(tracked, accept=True), texts(plain_new))
    with zipfile.ZipFile(io.BytesIO(tracked)) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    marked_runs = [r for kind in ("ins", "del") for e in root.iter(w(kind)) for r in e.iter(w("r"))]
    assert marked_runs
    rtl = [r for r in marked_runs if r.find(f"{w('rPr')}/{w('rtl')}") is not None]
    assert rtl, "no inserted or deleted run is marked right to left"
    arabic = [r for r in rtl if any("\u0600" <= ch <= "\u06ff" for ch in "".join(r.itertext()))]
    assert arabic  # the Arabic labels of changed lines ("عن بُعد")
    inserted = [
        p
        for p in root.iter(w("p"))
        if p.find(f"{w('pPr')}/{w('rPr')}/{w('ins')}") is not None and "".join(p.itertext())
    ]
    assert len(inserted) >= 2, "the new track's paragraphs are inserted whole"
    # They keep the document's right-to-left direction (its default), a Latin title too: none
    # is turned left to right.
    for paragraph in inserted:
        bidi = paragraph.find(f"{w('pPr')}/{w('bidi')}")
        assert bidi is None or bidi.get(w("val")) not in ("0", "false")


def test_a_parallel_session_retitled_alone(host: Any, tunis: Any) -> None:
    """Only a track's title changes: the old title is deleted and the new one inserted, in
    the track's own cell."""
    old, _ = tunis
    days = list(old.programme.days)
    slots = list(days[1].slots)
    group_a, group_b = slots[1].parallel
    slots[1] = attrs.evolve(
        slots[1], parallel=(attrs.evolve(group_a, title="Groupe A — les données"), group_b)
    )
    days[1] = attrs.evolve(days[1], slots=tuple(slots))
    new = attrs.evolve(old, programme=attrs.evolve(old.programme, days=tuple(days)))
    # The tracked document is in the new version's language: the old one is read in it.
    plain_old, plain_new, tracked = builds(host, old, new, {"locale": new.settings.locale})
    assert_same(texts(tracked, accept=False), texts(plain_old))
    assert_same(texts(tracked, accept=True), texts(plain_new))
    ins, gone = inserted_and_deleted(tracked)
    # Word by word: "données" stays.
    assert "conservation et production des" in gone and "les" in ins and "données" not in gone


def test_a_location_part_only_the_new_version_has_goes_with_its_heading(host: Any) -> None:
    """The old version's venue said nothing, so it had no location part; the new one is
    hybrid, and its part says the time zone. Rejecting every change removes the heading too
    (a case hypothesis found: the heading stayed)."""
    minimal = confdocs.load_event(HAGUE.parent.parent / "minimal" / "event.yaml")
    old = attrs.evolve(minimal, venue=confdocs.model.Venue())
    new = attrs.evolve(minimal, venue=attrs.evolve(old.venue, mode="hybrid"))
    plain_old, plain_new, tracked = builds(host, old, new)
    assert "Times" in " ".join(texts(plain_new)["word/document.xml"])
    assert_same(texts(tracked, accept=False), texts(plain_old))
    assert_same(texts(tracked, accept=True), texts(plain_new))
