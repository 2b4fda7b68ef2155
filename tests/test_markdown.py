"""The Markdown outline: built through the CLI, it holds every part of the seed outline."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import confdocs
from tests.conftest import HAGUE, MINIMAL, confdocs_cli, with_seat_counts
from tests.seed_parts import COUNTRIES, SEED_TEXTS


def normalise(text: str) -> str:
    return " ".join(text.split())


def markdown_to_html(source: str) -> str:
    """What a Markdown reader (GitHub-like: CommonMark, tables, footnotes) shows."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    return MarkdownIt("commonmark").enable("table").use(footnote_plugin).render(source)


def visible_text(html: str) -> str:
    import html5lib

    tree = html5lib.parse(html, namespaceHTMLElements=False)
    return normalise(" ".join(tree.itertext()))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out")
    result = confdocs_cli("build", str(HAGUE), "-f", "md", "-f", "html", "-o", str(out))
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def markdown(built: Path) -> str:
    return (built / "hague-2019.md").read_text("utf-8")


@pytest.fixture(scope="module")
def rendered(markdown: str) -> str:
    return visible_text(markdown_to_html(markdown))


def test_the_cli_writes_both_formats(built: Path) -> None:
    assert sorted(p.name for p in built.iterdir()) == ["hague-2019.html", "hague-2019.md"]


@pytest.mark.parametrize("text", SEED_TEXTS)
def test_the_markdown_holds_the_seed(rendered: str, text: str) -> None:
    assert normalise(text) in rendered


def test_all_38_countries_with_their_footnote_marks(markdown: str, rendered: str) -> None:
    assert len(set(COUNTRIES)) == 38
    for country in COUNTRIES:
        assert re.search(rf"\b{re.escape(country)}\b", rendered), country
    assert "Kosovo[^2]" in markdown
    assert re.search(r"Moldova and Ukraine\[\^1\]", markdown)
    assert re.search(r"EndOCSEA@Europe:\*\* Armenia, Azerbaijan and Ukraine\[\^3\]", markdown)
    for number in (1, 2, 3):
        assert f"\n[^{number}]: " in markdown
    assert "Armenia, Azerbaijan and Ukraine should only appoint one participant" in rendered


def test_allocations_are_numbered_and_the_totals_computed(markdown: str) -> None:
    assert "1. One representative of each EU Member State at Eurojust\n" in markdown
    assert "8. Two international experts designated by the Council of Europe\n" in markdown
    assert "Total: 119" not in markdown and "Delegation seats" not in markdown
    event = with_seat_counts(confdocs.load_event(HAGUE))
    markdown = confdocs.build(event, ["md"]).documents[0].data.decode()
    assert "| **Delegation seats** | **38** | **76** |" in markdown
    assert "| **Organisation seats** | | **43** |" in markdown
    assert "| **Total** | | **119** |" in markdown
    assert "| Stated total | | ≈ 120 |" in markdown


def test_every_slot_has_its_time_and_content(markdown: str, rendered: str) -> None:
    view = confdocs.make_view(confdocs.load_event(HAGUE))
    for day in view.programme:
        assert f"### {day.date_text}" in markdown
        for slot in day.slots:
            assert re.search(rf"^\| {re.escape(slot.time)} \| ", markdown, re.M), slot.time
            assert normalise(slot.heading) in rendered
            for session in slot.sessions:
                for item in session.contributions:
                    assert normalise(item.line.plain) in rendered
                    if item.duration:
                        assert normalise(item.duration) in rendered


def test_programme_tables_are_gfm_tables(markdown: str) -> None:
    html = markdown_to_html(markdown)
    assert html.count("<table>") == 3  # three days; no seats table unless asked for
    assert re.search(r"<th[^>]*>Time</th>", html)


def test_contacts_have_phones_and_emails(markdown: str) -> None:
    assert "Tel: +40 21 201 78 32" in markdown
    assert "Mob: +31 6 479 34 828" in markdown
    assert "Email: <dburuiana@eurojust.europa.eu>" in markdown
    html = markdown_to_html(markdown)
    assert '<a href="mailto:pgouwy@eurojust.europa.eu">' in html


def test_readable_as_plain_text(markdown: str) -> None:
    """No HTML tags and no escapes in ordinary prose: a person can read the file itself."""
    assert "<br" not in markdown and "<p>" not in markdown
    assert "As societies rely increasingly on the use of information technology" in markdown
    assert "**Council of Europe**" in markdown
    assert markdown.endswith("\n") and not markdown.endswith("\n\n")
    assert "\n\n\n" not in markdown


def test_the_minimal_example_builds(tmp_path: Path) -> None:
    event = confdocs.load_event(MINIMAL)
    data = confdocs.build(event, ["md"]).documents[0].data.decode()
    assert "# Workshop on electronic evidence" in data
    assert "| 09:30 | **Opening and introduction** |" in data


def test_a_user_template_replaces_the_layout(tmp_path: Path) -> None:
    template = tmp_path / "mine.md.j2"
    template.write_text("# {{ title }}\n\n{{ organised_by|rich }}\n{{ '<b>*x*</b>' }}\n")
    event = confdocs.load_event(HAGUE)
    data = confdocs.build(event, ["md"], {"template": str(template)}).documents[0].data.decode()
    assert data.startswith("# International conference on online investigations")
    assert "\\<b>\\*x\\*\\</b>" in data  # values are escaped even when the template forgets


def test_a_broken_user_template_is_a_template_error(tmp_path: Path) -> None:
    template = tmp_path / "broken.md.j2"
    template.write_text("# {{ title }}\n{{ no_such_thing }}\n")
    event = confdocs.load_event(HAGUE)
    with pytest.raises(confdocs.TemplateError, match=r"broken\.md\.j2"):
        confdocs.build(event, ["md"], {"template": str(template)})


def test_the_roles_list_is_not_read_as_more_of_the_groups_list() -> None:
    """CommonMark joins two lists with the same marker that only a blank line separates: the
    Tunis workshop's roles come right after its one group, so they take another marker."""
    from markdown_it import MarkdownIt

    tunis = Path(__file__).resolve().parent.parent / "examples" / "tunis-2025" / "event.yaml"
    [document] = confdocs.build(confdocs.load_event(tunis), ["md"]).documents
    text = document.data.decode()
    part = text[text.index("## Participants") : text.index("\n## ", text.index("## Participants"))]
    tokens = MarkdownIt().parse(part)
    lists = [t for t in tokens if t.type == "bullet_list_open"]
    assert len(lists) == 2
    items = [t.content for t in tokens if t.type == "inline" and "×" in t.content]
    assert items == ["1 × procureur ou juge spécialisé", "1 × enquêteur spécialisé en cybercriminalité"]
