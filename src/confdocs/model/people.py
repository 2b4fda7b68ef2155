"""People and organisations: defined once, referenced by id everywhere else."""

from __future__ import annotations

from typing import Literal

import attrs

from .fields import IDENTIFIER_VALUE, NAME, PRIVATE_NAME, PRIVATE_TEXT, PRIVATE_VALUE, URL_VALUE
from .images import Logo

ShowAs = Literal["full", "organisation", "name"]
Gender = Literal["female", "male", "neutral"]


@attrs.frozen
class Organisation:
    id: str = attrs.field(metadata=IDENTIFIER_VALUE)
    name: str = attrs.field(metadata=NAME)
    short_name: str | None = attrs.field(default=None, metadata=NAME)
    #: The name as a sentence says it, with its article where the language gives it one
    #: ("la Organización de los Estados Americanos", "the Council of Europe"): a letter
    #: invites it so. Else its name.
    called: str | None = attrs.field(default=None, metadata=NAME)
    city: str | None = attrs.field(default=None, metadata=NAME)
    country: str | None = None
    url: str | None = attrs.field(default=None, metadata=URL_VALUE)
    #: Its logo (``{file, alt}``): the title block shows the organisers' logos.
    logo: Logo | None = None


@attrs.frozen
class Person:
    """Someone who speaks, moderates or is a contact; spelt once, referenced by id."""

    id: str = attrs.field(metadata=IDENTIFIER_VALUE)
    given_name: str = attrs.field(metadata=NAME)
    family_name: str = attrs.field(metadata=NAME)
    #: A particle kept in lower case before the surname ("Rolf van WEGBERG").
    particle: str | None = attrs.field(default=None, metadata=NAME)
    position: str | None = attrs.field(default=None, metadata=PRIVATE_TEXT)
    organisation: str | None = None
    #: Affiliation as shown after the position, when it is not the organisation's name.
    affiliation: str | None = attrs.field(default=None, metadata=NAME)
    office: str | None = attrs.field(default=None, metadata=PRIVATE_NAME)
    city: str | None = attrs.field(default=None, metadata=PRIVATE_NAME)
    country: str | None = None
    phone: str | None = attrs.field(default=None, metadata=PRIVATE_VALUE)
    mobile: str | None = attrs.field(default=None, metadata=PRIVATE_VALUE)
    email: str | None = attrs.field(default=None, metadata=PRIVATE_VALUE)
    #: How the document's words agree with the person where a language inflects them
    #: ("Modératrice", "Moderador"): ``female``, ``male``, or ``neutral``; when neutral or not
    #: given, the document uses neutral wording ("Modération : …").
    gender: Gender | None = None
    #: Field names that stay out of a public build (``mobile``, ``email`` …).
    internal: frozenset[str] = frozenset()
    #: A stand-in for speakers not yet confirmed ("TBC"): shown like anyone, never counted as
    #: being in two places at once.
    placeholder: bool = False
