"""Enumerations of the catalogs app, from the Law on Access to Information."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Catalog(models.TextChoices):
    # Law Art 34(1)(b), Decree 13 Art 6(1)–(3): the two lists every agency keeps.
    PUBLIC = "public", _("List of information to be disclosed")
    CONDITIONAL = "conditional", _("List of information accessible with conditions")


class Category(models.TextChoices):
    """Law Art 17(1): the fifteen points of information that must be disclosed (no f or j)."""

    A = "a", _("a) Legal documents, treaties, administrative procedures and work processes")
    B = "b", _("b) Guidance on implementing laws, regimes and policies")
    C = "c", _("c) Draft legal documents, consultations, changes to administrative units")
    D = "d", _("d) Strategies, programmes, plans and master plans; annual work plans")
    DD = "dd", _("đ) State budget estimates, execution and final accounts")
    E = "e", _("e) ODA and NGO aid, relief and social allowances, people's contributions")
    G = "g", _("g) Public investment, procurement, bidding, land use, land prices and recovery")
    H = "h", _("h) State capital in enterprises and state-owned enterprises")
    I = "i", _("i) Products and services harmful to health or the environment; inspections")  # noqa: E741
    K = "k", _("k) Functions, duties and structure of the agency; internal rules")
    L = "l", _("l) Work reports, financial reports, statistics, recruitment of officials")
    M = "m", _("m) The agency's list of information and its focal point's contacts")
    N = "n", _("n) Information related to the public interest and community health")
    O = "o", _("o) Taxes, fees and charges")  # noqa: E741
    P = "p", _("p) Other information the law requires to be disclosed")


class DisclosureForm(models.TextChoices):
    """Law Art 18(1): the ways an agency discloses information (several may apply)."""

    PORTAL = "portal", _("Agency's web portal or website")
    MEDIA = "media", _("Mass media")
    GAZETTE = "gazette", _("Official Gazette")
    POSTING = "posting", _("Posting at the agency's premises or other places")
    RECEPTION = "reception", _("Citizen reception, press conferences, spokesperson")
    OTHER = "other", _("Other convenient form chosen by the agency")


class EntryStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    EXPIRED = "expired", _("Disclosure period ended")
    CORRECTED = "corrected", _("Corrected")


# What citizens may see: drafts never appear on any public surface.
PUBLIC_STATUSES = (EntryStatus.PUBLISHED, EntryStatus.EXPIRED, EntryStatus.CORRECTED)


class Classification(models.TextChoices):
    # Law Art 34(1)(e): reviewed and classified before anything is provided.
    PUBLIC = "public", _("Accessible to everyone")
    CONDITIONAL = "conditional", _("Accessible with conditions (Art 7)")
    NOT_ACCESSIBLE = "not_accessible", _("Not accessible (Art 6)")


class NotAccessibleGround(models.TextChoices):
    """Law Art 6: the kinds of information citizens may not access."""

    STATE_SECRET = "state_secret", _("State secret (Art 6(1))")
    HARMFUL = "harmful", _("Harmful to State interests, defence, security or others (Art 6(2))")
    WORK_SECRET = "work_secret", _("Work secret (Art 6(2))")
    INTERNAL_MEETING = "internal_meeting", _("Internal meeting (Art 6(2))")
    INTERNAL_DOCUMENT = "internal_document", _("Document drafted for internal work (Art 6(2))")


class ConsentGround(models.TextChoices):
    """Law Art 7(1)–(2): why a conditional entry needs someone's written consent."""

    BUSINESS_SECRET = "business_secret", _("Business secret: the owner's consent (Art 7(1))")
    PERSONAL_SECRET = (
        "personal_secret",
        _("Private-life or personal secret: the person's consent (Art 7(2))"),
    )
    FAMILY_SECRET = "family_secret", _("Family secret: the family members' consent (Art 7(2))")
