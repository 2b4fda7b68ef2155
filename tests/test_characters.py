"""The characters no document may hold: ``clean_text`` removes exactly those."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from confdocs.rendering import clean_text

#: The definition, as one character class (what clean_text did in one regular expression).
FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(1, 17))
    + "]"
)


def by_definition(text: str) -> str:
    return FORBIDDEN.sub("", re.sub(r"\r\n?", "\n", text))


def test_every_code_point_is_kept_or_removed_as_defined() -> None:
    every = "".join(map(chr, range(0x110000)))
    assert clean_text(every) == by_definition(every)
    assert clean_text("a\r\nb\rc\U0001fffe") == "a\nb\nc"
    for plane in range(1, 17):  # one noncharacter beyond U+FFFF, alone among others
        text = f"x{chr(plane << 16 | 0xFFFF)}y{chr(plane << 16 | 0xFFFD)}"
        assert clean_text(text) == by_definition(text) == f"xy{chr(plane << 16 | 0xFFFD)}"


EDGES = [chr(c) for c in (0x1FFFE, 0x1FFFF, 0x10FFFF, 0x10000, 0xFFFE, 0xD800, 0x9F, 0xA0)]


@settings(max_examples=300)
@given(
    st.lists(st.one_of(st.sampled_from([*EDGES, "\r", "\n", "\r\n"]), st.characters())).map(
        "".join
    )
)
def test_any_text_is_cleaned_as_defined(text: str) -> None:
    assert clean_text(text) == by_definition(text)
