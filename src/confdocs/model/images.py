"""Logos: image files the event names, with the words that stand for them."""

from __future__ import annotations

import attrs

from .fields import LOADED_VALUE, NAME


@attrs.frozen
class Image:
    """An image as read and checked by the loader: its kind, size in pixels and bytes."""

    #: ``image/png`` or ``image/jpeg``.
    media_type: str
    width: int
    height: int
    data: bytes = attrs.field(repr=False)


@attrs.frozen
class Logo:
    """A logo: an image file and what it says, for readers who cannot see it."""

    #: A PNG or JPEG file, relative to the file that names it (once loaded, to the event file),
    #: inside the event's folder.
    file: str
    #: What the logo says, in words ("Council of Europe"): read out by screen readers and
    #: shown where the image cannot be. Required.
    alt: str = attrs.field(metadata=NAME)
    #: The image, read and checked by ``load_event`` (an event made in code passes it).
    image: Image | None = attrs.field(default=None, eq=False, repr=False, metadata=LOADED_VALUE)
