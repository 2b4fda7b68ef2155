"""The view: the whole document, composed once from the event for one locale and audience.

Exporters and templates render a :class:`View` and its parts; they never reach the model. What
a plugin may use from here is listed in ``__all__``.
"""

from ..model.codes import country_name, language_name
from .audience import AUDIENCES, Audience, for_audience
from .compose import make_view
from .formatting import UnknownLocaleError, check_locale, list_separators, text_direction
from .labels import Labels, builtin_catalog
from .lines import (
    DELETED,
    INSERTED,
    QUIET_ROLES,
    ChangedText,
    Line,
    Span,
    fill,
    line,
    rich_span,
)
from .links import email_href, tel_href, web_href
from .parts import (
    AllocationView,
    ChangesView,
    ChangeView,
    ContactGroupView,
    ContactView,
    ContributionView,
    CountryRef,
    CountryView,
    DayView,
    DiscussionView,
    Fact,
    GroupView,
    HeaderView,
    LocationView,
    NoteView,
    ParticipantsView,
    PersonRef,
    RoleView,
    SectionView,
    SessionView,
    SlotView,
    TallyRow,
    View,
)
from .people import display_name
from .programme import BREAK_KINDS
from .richtext import RichText, parse
from .seats import AllocationSeats, CountrySeats, SeatsTable, seats_table
from .times import Booking, DayTime, SessionTime, SlotTime, Timeline, booking, timeline

__all__ = [
    "AUDIENCES",
    "BREAK_KINDS",
    "DELETED",
    "INSERTED",
    "QUIET_ROLES",
    "AllocationSeats",
    "AllocationView",
    "Audience",
    "Booking",
    "ChangeView",
    "ChangedText",
    "ChangesView",
    "ContactGroupView",
    "ContactView",
    "ContributionView",
    "CountryRef",
    "CountrySeats",
    "CountryView",
    "DayTime",
    "DayView",
    "DiscussionView",
    "Fact",
    "GroupView",
    "HeaderView",
    "Labels",
    "Line",
    "LocationView",
    "NoteView",
    "ParticipantsView",
    "PersonRef",
    "RichText",
    "RoleView",
    "SeatsTable",
    "SectionView",
    "SessionTime",
    "SessionView",
    "SlotTime",
    "SlotView",
    "Span",
    "TallyRow",
    "Timeline",
    "UnknownLocaleError",
    "View",
    "booking",
    "builtin_catalog",
    "check_locale",
    "country_name",
    "display_name",
    "email_href",
    "fill",
    "for_audience",
    "language_name",
    "line",
    "list_separators",
    "make_view",
    "parse",
    "rich_span",
    "seats_table",
    "tel_href",
    "text_direction",
    "timeline",
    "web_href",
]
