"""Slot kinds the schedule treats apart (kept here so importing the plugin stays light)."""

from __future__ import annotations

#: Slot kinds that are breaks rather than content: left out with ``include_breaks=False``.
BREAK_KINDS = frozenset({"break", "meal", "photo", "end"})
