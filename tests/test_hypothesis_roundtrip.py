"""Properties: any valid event round-trips through its file forms; arbitrary text survives
every exporter; arbitrary registration rows never crash a validator or the CSV reader."""

from __future__ import annotations

import csv
import datetime as dt
import io
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import confdocs
from confdocs.errors import InputError
from confdocs.loading import check_event
from confdocs.loading.registrations import COLUMNS

from .conftest import MINIMAL
from .strategies import LOGO_FILES, events, registrations, texts, tiny_png

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
#: Building every format is slow: fewer examples, and a failure is shown as found (shrinking
#: through eight exporters can take minutes).
EXPORTS = settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)


@FAST
@given(events())
def test_drawn_events_are_valid(event: confdocs.model.Event) -> None:
    assert check_event(event) == []


@FAST
@given(events(), st.sampled_from(["yaml", "json"]))
def test_event_round_trips_through_its_file_form(event: confdocs.model.Event, fmt: str) -> None:
    text = confdocs.dump_event(event, fmt)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"event.{fmt}"
        path.write_text(text, encoding="utf-8")
        for name in LOGO_FILES:
            (Path(folder) / name).parent.mkdir(exist_ok=True)
            (Path(folder) / name).write_bytes(tiny_png())
        loaded = confdocs.load_event(path)
        assert loaded == event
        assert [x.image for x in loaded.header.funder_logos] == [
            x.image for x in event.header.funder_logos
        ]


@pytest.fixture(scope="module")
def host() -> object:
    return confdocs.get_plugin_manager()


def failures(result: confdocs.BuildResult) -> list[str]:
    """The build's failures, but the pdf's for text no shipped font covers (a documented
    limit: the PDF's fonts cover Latin, Greek, Cyrillic and Arabic; CONFDOCS_PDF_FONT_PATH
    adds others)."""
    return [str(f) for f in result.failures if "no font for some of the text" not in str(f)]


@EXPORTS
@given(events())
def test_every_exporter_builds_any_valid_event(host: object, event: confdocs.model.Event) -> None:
    result = confdocs.build(event, None, {}, host)  # type: ignore[arg-type]
    assert not failures(result)


@EXPORTS
@given(texts(1, 60).filter(lambda t: t.strip() != ""))
def test_arbitrary_title_survives_every_exporter(host: object, title: str) -> None:
    import attrs

    event = attrs.evolve(confdocs.load_event(MINIMAL), title=title)
    result = confdocs.build(event, None, {}, host)  # type: ignore[arg-type]
    assert not failures(result)
    built = {d.format for d in result.documents} | ({"pdf"} if result.failures else set())
    # Formats made of registrations, and letters to no one, have nothing to write.
    built |= {s.format for s in result.skipped}
    assert built == set(host.exporters())  # type: ignore[attr-defined]


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(registrations())
def test_arbitrary_registrations_never_crash_a_validator(host: object, regs: object) -> None:
    event = confdocs.load_event(MINIMAL)
    findings = confdocs.check(event, regs, host)  # type: ignore[arg-type]
    crashed = [f for f in findings if f.code == "plugin.failed"]
    assert not crashed, [f.message for f in crashed]


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.lists(st.lists(texts(0, 15), min_size=0, max_size=8), max_size=6),
    st.sampled_from([",", ";", "\t"]),
)
def test_arbitrary_csv_rows_load_or_fail_cleanly(rows: list[list[str]], delimiter: str) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "registrations.csv"
        path.write_text(buffer.getvalue(), encoding="utf-8")
        try:
            regs = confdocs.load_registrations(path)
        except InputError as exc:
            assert str(path) in str(exc)
        else:
            assert all(r.line is not None and r.line >= 2 for r in regs.rows)


# -- documents made for each participant ------------------------------------------------------


def _in_event(event: confdocs.model.Event, regs: confdocs.Registrations) -> confdocs.Registrations:
    """The rows with only the days they attended that are days of the event."""
    import attrs

    days = {event.start + dt.timedelta(days=n) for n in range(event.days_between())}
    rows = tuple(attrs.evolve(r, attended=tuple(d for d in r.attended if d in days))
                 for r in regs.rows)
    return attrs.evolve(regs, rows=rows)


@FAST
@given(events(), registrations())
def test_any_registrations_make_a_view_or_an_error_at_their_row(
    event: confdocs.model.Event, regs: confdocs.Registrations
) -> None:
    import attrs

    try:
        confdocs.make_view(event, registrations=regs)
    except InputError as exc:
        assert all(".attended" in (p.location.path or "") for p in exc.problems if p.location)
    view = confdocs.make_view(event, registrations=_in_event(event, regs))
    part = view.registrants
    assert part is not None
    # Consent: everyone is counted, only those who agreed are named.
    listed = [e.person for g in part.participant_list.groups for e in g.entries]
    assert all(p.consent for p in listed)
    assert len(listed) == sum(r.consent for r in regs.rows) == part.participant_list.named
    assert part.participant_list.registered == len(regs.rows)
    # A badge and a line on each day's sheet for each in the room, a certificate for each
    # who came; ids distinct and safe.
    in_room = sum(not r.online for r in regs.rows)
    assert len(part.badges) == in_room
    assert len({p.id.casefold() for p in part.people}) == len(regs.rows)
    assert all(confdocs.model.id_problem(p.id) is None for p in part.people)
    assert len(part.certificates) == sum(bool(r.attended) for r in _in_event(event, regs).rows)
    # A sheet for each day the programme has sessions on (each day of the event when it has
    # none), none when nobody is in the room.
    from confdocs.view.registrants import session_days

    assert len(part.sign_in) == (len(session_days(event)) if in_room else 0)
    assert all(len(s.rows) == sum(not r.online for r in regs.rows) for s in part.sign_in)
    # No document can print how to reach a registrant: the view does not hold it.
    assert not {"email", "phone"} & {f.name for f in attrs.fields(confdocs.view.RegistrantView)}


@settings(EXPORTS, max_examples=6)
@given(events(), registrations())
def test_every_recipient_format_builds_any_event_and_registrations(
    host: object, event: confdocs.model.Event, regs: confdocs.Registrations
) -> None:
    formats = [
        "letters", "letters-pdf", "participant-list", "participant-list-html", "sign-in",
        "sign-in-pdf", "badges", "badges-csv", "certificates", "certificates-pdf",
    ]
    result = confdocs.build(event, formats, {}, host, _in_event(event, regs))  # type: ignore[arg-type]
    assert not failures(result)
@EXPORTS
@given(events().filter(lambda e: len(e.settings.languages) == 2))
def test_every_bilingual_format_builds_any_event_in_two_languages(
    host: object, event: confdocs.model.Event
) -> None:
    result = confdocs.build(event, None, {"languages": event.settings.languages}, host)  # type: ignore[arg-type]
    assert not failures(result)
    first, second = event.settings.languages
    assert all(d.filename.endswith(f".{first}.{second}.{d.filename.rsplit('.', 1)[-1]}")
               for d in result.documents)  # fmt: skip
