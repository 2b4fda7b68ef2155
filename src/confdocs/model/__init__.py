"""The event model: frozen attrs classes, pure data, no I/O.

Every class is importable from here (``from confdocs.model import Event, Slot``); the modules
group them by part of the outline. Facts about fields (Markdown, private, duration) live in the
fields' metadata: see :mod:`confdocs.model.fields`.
"""

from .documents import Certificates, Letters
from .event import ContactGroup, Event, Index
from .fields import (
    is_duration,
    is_identifier,
    is_loaded,
    is_markdown,
    is_private,
    is_translatable,
    is_url,
    loaded_fields,
    needs_translation,
    private_fields,
)
from .images import Image, Logo
from .names import id_problem, in_latin_letters, suffix_problem, without_accents
from .participants import (
    Allocation,
    CountryRule,
    CountrySet,
    InvitationGroup,
    Participants,
    Role,
    StatedTotal,
)
from .people import Gender, Organisation, Person, ShowAs
from .programme import (
    SLOT_KINDS,
    Contribution,
    Day,
    Discussion,
    Place,
    Programme,
    Session,
    Slot,
    SlotKind,
)
from .settings import Header, Settings, SurnameStyle
from .texts import Note, Section, Text
from .translations import Translated, translations_of
from .venue import Room, Venue, VenueMode

__all__ = [
    "SLOT_KINDS",
    "Allocation",
    "Certificates",
    "ContactGroup",
    "Contribution",
    "CountryRule",
    "CountrySet",
    "Day",
    "Discussion",
    "Event",
    "Gender",
    "Header",
    "Image",
    "Index",
    "InvitationGroup",
    "Letters",
    "Logo",
    "Note",
    "Organisation",
    "Participants",
    "Person",
    "Place",
    "Programme",
    "Role",
    "Room",
    "Section",
    "Session",
    "Settings",
    "ShowAs",
    "Slot",
    "SlotKind",
    "StatedTotal",
    "SurnameStyle",
    "Text",
    "Translated",
    "Venue",
    "VenueMode",
    "id_problem",
    "in_latin_letters",
    "is_duration",
    "is_identifier",
    "is_loaded",
    "is_markdown",
    "is_private",
    "is_translatable",
    "is_url",
    "loaded_fields",
    "needs_translation",
    "private_fields",
    "suffix_problem",
    "translations_of",
    "without_accents",
]
