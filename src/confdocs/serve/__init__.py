"""``confdocs serve``: a live preview that rebuilds in this process when an input changes.

Imported only by that command (and by whoever uses it from Python): the server, watchfiles and
the page cost nothing to the other commands.
"""

from .preview import Inputs, Preview, Snapshot
from .service import PreviewService

__all__ = ["Inputs", "Preview", "PreviewService", "Snapshot"]
