"""The view: the whole document, composed once from the event for one locale and audience."""

from .document import *  # noqa: F403
