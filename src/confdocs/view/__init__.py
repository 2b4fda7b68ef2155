"""The view: the whole document, composed once from the event for one locale and audience.

Exporters and templates render a :class:`View` and its parts; they never reach the model. What
a plugin may use from here is listed in ``__all__``.
"""

from ..model.codes import country_name, language_name
from .audience import AUDIENCES, Audience, for_audience
from .bidi import LTR_ROLES, has_rtl, span_direction, strong_direction
from .bilingual import AlignedPart, BilingualView, Row, RowKind, bilingual_view
from .compose import make_view
from .formatting import UnknownLocaleError, check_locale, list_separators, text_direction
from .labels import (
    Labels,
    MissingLabelsError,
    Typography,
    builtin_catalog,
    builtin_locales,
    missing_labels,
    reference_keys,
)
from .languages import InLanguage, for_language, language_of, text_language
from .lines import QUIET_ROLES, Line, Span, fill, line, rich_span
from .links import email_href, tel_href, web_href
from .parts import (
    AllocationView,
    CompositionView,
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
    LogoView,
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
    "LTR_ROLES",
    "QUIET_ROLES",
    "AlignedPart",
    "AllocationSeats",
    "AllocationView",
    "Audience",
    "BilingualView",
    "Booking",
    "CompositionView",
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
    "InLanguage",
    "Labels",
    "Line",
    "LocationView",
    "LogoView",
    "MissingLabelsError",
    "NoteView",
    "ParticipantsView",
    "PersonRef",
    "RichText",
    "RoleView",
    "Row",
    "RowKind",
    "SeatsTable",
    "SectionView",
    "SessionTime",
    "SessionView",
    "SlotTime",
    "SlotView",
    "Span",
    "TallyRow",
    "Timeline",
    "Typography",
    "UnknownLocaleError",
    "View",
    "bilingual_view",
    "booking",
    "builtin_catalog",
    "builtin_locales",
    "check_locale",
    "country_name",
    "display_name",
    "email_href",
    "fill",
    "for_audience",
    "for_language",
    "has_rtl",
    "language_name",
    "language_of",
    "line",
    "list_separators",
    "make_view",
    "missing_labels",
    "parse",
    "reference_keys",
    "rich_span",
    "seats_table",
    "span_direction",
    "strong_direction",
    "tel_href",
    "text_direction",
    "text_language",
    "timeline",
    "web_href",
]
