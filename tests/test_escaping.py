"""Text from users comes out as that text, in Markdown and in HTML, whatever it holds.

Plain fields (names, phones, places …) must read exactly as typed; Markdown fields (titles,
bodies, notes) must read as their rendered text. No script element, no ``javascript:`` link.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import attrs
import pytest
from confdocs_markdown.rendering import to_markdown
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import confdocs
from confdocs import model
from confdocs.rendering import rich_html
from confdocs.view import Line
from confdocs.view.richtext import parse, to_plain

from .test_markdown import markdown_to_html

EVENT_YAML = """
id: tiny
title: Workshop
start: 2024-03-12
end: 2024-03-12
settings: {locale: en, time_format: "HH:mm"}
header:
  funders: [Funded by someone]
  implementers: [Implemented by someone]
  version: 2024-03-01
organised_by: Organised by **us**
sections:
  - {id: intro, title: Background, body: "Some *background*[^n1]."}
participants:
  intro: "We invite {seats_per_country} people from {countries} countries:"
  groups:
    - id: g
      project: Project
      countries: [FR, DE]
      exceptions: [{country: DE, seats: 1, note: n2}]
  eligibility: Officials.
  composition: One prosecutor **and** one police officer.
  allocations_intro: "Also:"
  allocations:
    - {id: a, label: Two from an organisation, organisation: org, seats: 2}
  stated_total: {value: 5, approximate: true}
  total_text: "About {stated_total} in all."
notes:
  - {id: n1, text: A note.}
  - {id: n2, text: Another note.}
venue:
  {name: Agora, address: 1 Quai Ernest Bevin, city: Strasbourg, country: FR, text: At the Agora.}
languages: [en, fr]
organisations:
  - {id: org, name: The Organisation}
people:
  - {id: p, given_name: Jane, family_name: Doe, position: Manager, organisation: org,
     office: Office, city: Paris, country: FR, phone: "+33 1 23 45 67 89",
     mobile: "+33 6 00 00 00 00", email: jane@example.org}
programme:
  days:
    - date: 2024-03-12
      slots:
        - start: "09:00"
          title: Opening
          body: Welcome words.
          moderators: [p]
          contributions:
            - {people: [p], note: as host, duration: 10}
            - {title: A talk, delegation: FR, duration: 5}
          discussion: {text: Questions, moderators: [p], duration: 10}
        - {start: "10:00", kind: break, title: Coffee break}
        - {start: "10:15", end: "11:00", title: Closing}
contacts:
  - {organisation: org, label: "At the Organisation:", people: [p]}
"""

#: Fields shown as typed: (class, field).
PLAIN_FIELDS = {
    (model.Event, "title"),
    (model.Header, "funders"),
    (model.Header, "implementers"),
    (model.Section, "title"),
    (model.InvitationGroup, "project"),
    (model.Venue, "name"),
    (model.Venue, "address"),
    (model.Venue, "city"),
    (model.Organisation, "name"),
    (model.Person, "given_name"),
    (model.Person, "family_name"),
    (model.Person, "position"),
    (model.Person, "office"),
    (model.Person, "city"),
    (model.Person, "phone"),
    (model.Person, "mobile"),
    (model.Person, "email"),
    (model.Contribution, "note"),
    (model.ContactGroup, "label"),
}
#: Plain fields shown in a heading the view composes with them: a contact group's label
#: and its organisation ("For registration (Eurojust):"), found as the heading.
HEADED = {(model.ContactGroup, "label")}
#: Fields written in Markdown.
RICH_FIELDS = {
    (model.Event, "organised_by"),
    (model.Section, "body"),
    (model.Note, "text"),
    (model.Participants, "intro"),
    (model.Participants, "eligibility"),
    (model.Participants, "composition"),
    (model.Participants, "allocations_intro"),
    (model.Participants, "total_text"),
    (model.Allocation, "label"),
    (model.Venue, "text"),
    (model.Slot, "title"),
    (model.Slot, "body"),
    (model.Contribution, "title"),
    (model.Discussion, "text"),
}

HOSTILE = [
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    # Relative addresses lose their target, and keep their words: no "//host" link.
    "[rel](//evil.example/x) [up](../../etc/passwd) [unc](\\\\evil.example\\share)",
    "& < > &amp; &#60;",
    "| pipes | in | cells |",
    "*stars* and _under_ and `ticks`",
    "مرحبا بالعالم",
    "Привет, мир",
    "# not a heading",
    "1. not a list",
    '"><img src=x onerror=alert(1)>',
]

_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]"
)


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> model.Event:
    path = tmp_path_factory.mktemp("tiny") / "event.yaml"
    path.write_text(EVENT_YAML, "utf-8")
    return confdocs.load_event(path)


def replace_texts(obj: Any, value: Callable[[type, str, str], str]) -> Any:
    """A copy of ``obj`` whose plain and rich text fields are ``value(cls, field, old)``."""
    if not attrs.has(type(obj)):
        return obj
    changes: dict[str, Any] = {}
    for field in attrs.fields(type(obj)):
        old = getattr(obj, field.name)
        key = (type(obj), field.name)
        if key in PLAIN_FIELDS or key in RICH_FIELDS:
            if isinstance(old, str):
                changes[field.name] = value(*key, old)
            elif isinstance(old, tuple) and all(isinstance(v, str) for v in old):
                changes[field.name] = tuple(value(*key, v) for v in old)
        elif isinstance(old, tuple):
            changes[field.name] = tuple(replace_texts(v, value) for v in old)
        elif attrs.has(type(old)):
            changes[field.name] = replace_texts(old, value)
    return attrs.evolve(obj, **changes)


def normalise(text: str) -> str:
    return " ".join(_FORBIDDEN.sub("", text).split())


def html_text(html: str, fragment: bool = False) -> tuple[str, ElementTree.Element]:
    import html5lib

    if fragment:
        html = f"<!DOCTYPE html><html><head><title>t</title></head><body>{html}</body></html>"
    tree = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(html)
    body = tree.find("body")
    assert body is not None
    return normalise("".join(body.itertext())), tree


def build(event: model.Event) -> tuple[str, str]:
    documents = {
        d.format: d.data.decode("utf-8") for d in confdocs.build(event, ["md", "html"]).documents
    }
    return documents["md"], documents["html"]


def numbered(text: Any) -> str:
    """Rich text or a line as the documents read it: each reference its raised number."""
    if isinstance(text, Line):
        return "".join(numbered(s.rich) if s.rich else s.text for s in text)
    return to_plain(text.tokens, note=str)


def expected_texts(event: model.Event) -> list[str]:
    """What a reader must find: plain values as typed, rich values as their text, line by line."""
    view = confdocs.make_view(event)
    out: list[str] = []

    def collect(obj: Any) -> None:
        if not attrs.has(type(obj)):
            return
        for field in attrs.fields(type(obj)):
            value = getattr(obj, field.name)
            if (type(obj), field.name) in HEADED:
                continue
            if (type(obj), field.name) in PLAIN_FIELDS:
                out.extend(v for v in (value if isinstance(value, tuple) else (value,)) if v)
            elif isinstance(value, tuple):
                for item in value:
                    collect(item)
            else:
                collect(value)

    collect(event)
    out += [group.heading.plain for group in view.contacts]
    rich = [view.organised_by, view.location.text, *(n.text for n in view.notes)]
    rich += [s.body for s in view.sections]
    p = view.participants
    rich += [p.intro, p.eligibility, p.composition, p.allocations_intro, p.total_text]
    rich += [a.label for a in p.allocations]
    for day in view.programme:
        for slot in day.slots:
            rich.append(slot.title)
            for session in slot.sessions:
                rich.append(session.body)
                rich += [c.title for c in session.contributions]
                if session.discussion:
                    # The line shown: the text joined with "moderated by …", then parsed.
                    rich.append(session.discussion.line or session.discussion.text)
    for text in rich:
        if text is not None:
            out.extend(numbered(text).split("\n"))
    return [normalise(t) for t in out if normalise(t)]


def assert_survives(event: model.Event) -> None:
    md, html = build(event)
    seen_html, tree = html_text(html)
    # The footnote plugin shows references as "[1]"; the expected texts as "1" (numbered).
    rendered_md = re.sub(r">\[(\d+)(:\d+)?\]</a></sup>", r">\1</a></sup>", markdown_to_html(md))
    seen_md, md_tree = html_text(rendered_md, fragment=True)
    for expected in expected_texts(event):
        assert expected in seen_html, ("html", expected)
        assert expected in seen_md, ("md", expected)
    for root in (tree, md_tree):
        assert root.find(".//script") is None
        assert root.find(".//img") is None
        for element in root.iter():
            for name, attr in element.attrib.items():
                assert not name.startswith("on"), name
                if name in ("href", "src", "action", "formaction"):
                    assert not re.match(r"\s*(javascript|data|vbscript):", attr, re.I), attr
                    # Only a safe scheme, or a place in the page: no "//host", "../x".
                    assert re.match(r"(https?:|mailto:|tel:|#)", attr, re.I), attr


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_text_comes_out_literally(tiny: model.Event, hostile: str) -> None:
    event = replace_texts(tiny, lambda cls, field, old: f"{old} {hostile}")
    assert_survives(event)
    _, html = build(event)
    if hostile.startswith("<script>"):
        assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    if "javascript:" in hostile:
        assert 'href="javascript' not in html


def test_plain_fields_keep_markdown_characters(tiny: model.Event) -> None:
    event = replace_texts(
        tiny,
        lambda cls, field, old: old + " *stars* | pipes |" if (cls, field) in PLAIN_FIELDS else old,
    )
    md, html = build(event)
    seen_md, _ = html_text(markdown_to_html(md), fragment=True)
    seen_html, _ = html_text(html)
    assert seen_md.count("*stars* | pipes |") == seen_html.count("*stars* | pipes |") >= 15


def test_control_characters_are_stripped(tiny: model.Event) -> None:
    event = replace_texts(tiny, lambda cls, field, old: f"{old}\x00\x07\x1b\x85\ufffe\r\nend")
    md, html = build(event)
    for document in (md, html):
        assert not _FORBIDDEN.search(document)
        assert "\r" not in document
    assert_survives(event)


TEXT = st.text(
    st.characters(blacklist_categories=["Cs"], codec=None),
    max_size=40,
)
MARKDOWNISH = st.text(
    st.sampled_from([*"ab 1.-*_`[]()<>#|&;!\\\n~=+:\t\"'", "é", "ж", "م"]), max_size=40
)


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(plain=TEXT, rich=st.one_of(TEXT, MARKDOWNISH))
def test_any_text_in_every_field_survives_both_exporters(
    tiny: model.Event, plain: str, rich: str
) -> None:
    assume("[^" not in rich)  # a footnote reference must name an existing note
    assume("{" not in rich)  # participants texts fill {placeholders}

    def value(cls: type, field: str, old: str) -> str:
        return f"{old} {plain}" if (cls, field) in PLAIN_FIELDS else f"{old} {rich}"

    assert_survives(replace_texts(tiny, value))


@settings(max_examples=200, deadline=None)
@given(source=MARKDOWNISH)
def test_rich_text_renders_back_to_the_same_html(source: str) -> None:
    assume("[^" not in source)
    rich = parse(source)
    # Spaces before a line's end are nothing in HTML (and two would be a hard break in
    # Markdown, so the renderer writes none): "\\ \n1" and "\\\n1" are the same page.
    assert _line_ends(rich_html(parse(to_markdown(rich)))) == _line_ends(rich_html(rich))


def _line_ends(html: str) -> str:
    return re.sub(r"[ \t]+\n", "\n", html)


@pytest.mark.parametrize(
    "source",
    [
        "- a\n\n* b",
        "3) x\n4) y",
        "1. one\n\n   two\n2. three",
        "> quote\n> - item",
        "```py\ncode ``` here\n```",
        "    indented",
        "text \\\nhard break",
        "a `` ` `` b",
        '[link](http://example.org "title") ![img](http://example.org/i.png)',
        "<http://example.org/a_b>",
        "\\![not an image](x)",
        "&copy; &#35; &amp;",
        "## heading ##",
        "para\n===",
        "***",
    ],
)
def test_rich_text_round_trips(source: str) -> None:
    rich = parse(source)
    assert rich_html(parse(to_markdown(rich))) == rich_html(rich)


def test_raw_html_in_a_source_is_escaped_not_pasted() -> None:
    rich = parse("Hello <b onclick=x>bold</b> [x](javascript:alert(1))")
    markdown = to_markdown(rich)
    assert "<b" not in markdown.replace("\\<b", "")
    html = markdown_to_html(markdown)
    assert "&lt;b onclick=x&gt;" in html and 'href="javascript' not in html


def test_the_template_escapes_what_it_is_given(tmp_path: Path, tiny: model.Event) -> None:
    template = tmp_path / "t.md.j2"
    template.write_text("{{ title }}|{{ title|md }}|{{ organised_by|rich }}")
    event = attrs.evolve(tiny, title="<i>*x*</i>")
    data = confdocs.build(event, ["md"], {"template": str(template)}).documents[0].data.decode()
    assert data == "\\<i>\\*x\\*\\</i>|\\<i>\\*x\\*\\</i>|Organised by **us**\n"


def test_a_label_ending_in_colons_is_kept_whole(tiny: model.Event) -> None:
    # Found by the property test: the headings once dropped every trailing colon.
    event = replace_texts(tiny, lambda cls, field, old: f"{old} :")
    assert_survives(event)
