"""`confdocs check` says where a text holds an image, which every format shows as its
description (a document loads nothing from elsewhere): an info at the text's place."""

from __future__ import annotations

from pathlib import Path

import confdocs

from .conftest import HAGUE

EVENT = """\
id: images
title: A workshop
start: 2024-03-12
end: 2024-03-12
sections:
  - id: venue
    title: Venue
    body: |
      How to get there: ![a map of the venue](https://example.org/map.png).

      - [![the venue](venue.jpg)](https://example.org/venue)
  - id: plain
    title: Plain
    body: No picture here, only a link to [the map](https://example.org/map.png).
"""


def test_an_image_in_a_text_is_an_info_at_its_place(tmp_path: Path) -> None:
    path = tmp_path / "event.yaml"
    path.write_text(EVENT, encoding="utf-8")
    findings = [
        f for f in confdocs.check(confdocs.load_event(path)) if f.code == "text.image-shown-as-text"
    ]
    assert [(f.severity, f.path, f.line) for f in findings] == [
        (confdocs.Severity.INFO, "sections[0].body", 8),
        (confdocs.Severity.INFO, "sections[0].body", 8),
    ]
    assert "'https://example.org/map.png'" in findings[0].message
    assert "'a map of the venue'" in findings[0].message
    assert "'venue.jpg'" in findings[1].message and "'the venue'" in findings[1].message
    assert all(f.file == str(path) for f in findings)


def test_the_examples_hold_no_image() -> None:
    event = confdocs.load_event(HAGUE)
    assert not [f for f in confdocs.check(event) if f.code == "text.image-shown-as-text"]
