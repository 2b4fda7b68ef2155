"""Who a document is for, and the one filter that makes an event fit for a public build.

``internal`` documents are what the organisers circulate among themselves: everything. A
``public`` document leaves out every value its owner marked internal. The view of a public
build is made from :func:`for_audience`'s event, and so is the JSON a public build writes, so no
format and no template can show what the filter took out.
"""

from __future__ import annotations

from typing import Any, Literal

import attrs

from ..model import Event
from ..model.fields import is_private

Audience = Literal["public", "internal"]
AUDIENCES: tuple[Audience, ...] = ("internal", "public")


def for_audience(event: Event, audience: Audience) -> Event:
    """``event`` as ``audience`` may see it: for ``public``, without any field marked
    internal (an object's ``internal`` lists the private fields it hides)."""
    if audience == "internal":
        return event
    filtered = _public(event)
    assert isinstance(filtered, Event)
    return filtered


def _public(value: Any) -> Any:
    if isinstance(value, tuple):
        items = [_public(item) for item in value]
        if all(new is old for new, old in zip(items, value, strict=True)):
            return value
        return tuple(items)
    if not attrs.has(type(value)):
        return value
    changes: dict[str, Any] = {}
    hidden: frozenset[str] = getattr(value, "internal", frozenset())
    if not isinstance(hidden, frozenset):
        hidden = frozenset()
    for field in attrs.fields(type(value)):
        current = getattr(value, field.name)
        if field.name in hidden and is_private(field):
            changes[field.name] = None
            continue
        new = _public(current)
        if new is not current:
            changes[field.name] = new
    if hidden:
        changes["internal"] = frozenset()
    return attrs.evolve(value, **changes) if changes else value
