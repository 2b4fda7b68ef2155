"""Stable UIDs: uuid5 of the event id and a slot's (or a parallel session's) key."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from confdocs.view import SessionView, SlotView

#: The namespace of every UID and GUID confdocs makes: uuid5(NAMESPACE_URL, "urn:confdocs").
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:confdocs")


def slot_uid(event_id: str, slot: SlotView) -> str:
    """The stable UID of ``slot``: uuid5 of the event id and the slot's id or place."""
    return str(uuid.uuid5(NAMESPACE, f"{event_id}/{slot.key or slot.id or slot.path}"))


def session_uid(event_id: str, session: SessionView) -> str:
    """The stable UID of ``session``: a slot's own session has its slot's UID, a parallel one
    the uuid5 of the slot's key and its room (``breakouts/room:goree``)."""
    return str(uuid.uuid5(NAMESPACE, f"{event_id}/{session.key}"))
