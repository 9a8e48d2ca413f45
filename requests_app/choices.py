"""Enumerations of the requests app, from the Law on Access to Information and Decree 13."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    """How the request reached the agency (Law Art 24(1))."""

    ONLINE = "online", _("Online form of this portal")
    EMAIL = "email", _("E-mail")
    IN_PERSON = "in_person", _("In person at the agency")
    POST = "post", _("Post")
    FAX = "fax", _("Fax")


class LimitGroup(models.TextChoices):
    """The three sets of time limits: Law Art 29 (in person), Art 30 (electronic), Art 31."""

    IN_PERSON = "in_person", _("In person (Law Art 29)")
    ELECTRONIC = "electronic", _("Electronic network (Law Art 30)")
    POST_FAX = "post_fax", _("Post or fax (Law Art 31)")


CHANNEL_LIMIT_GROUP = {
    Channel.ONLINE: LimitGroup.ELECTRONIC,
    Channel.EMAIL: LimitGroup.ELECTRONIC,
    Channel.IN_PERSON: LimitGroup.IN_PERSON,
    Channel.POST: LimitGroup.POST_FAX,
    Channel.FAX: LimitGroup.POST_FAX,
}


class Complexity(models.TextChoices):
    SIMPLE = "simple", _("Simple, information available")
    COMPLEX = "complex", _("Complex, not available, or needs other units' opinion")


class DayUnit(models.TextChoices):
    # The Law counts the basic limits in working days and the extensions of Arts 30–31 in
    # plain days ("ngày"); LEGAL §1.11.
    WORKING = "working", _("working days")
    CALENDAR = "calendar", _("days")


class Status(models.TextChoices):
    RECEIVED = "received", _("Received")
    NEEDS_SUPPLEMENT = "needs_supplement", _("Needs supplementing")
    REDIRECTED = "redirected", _("Redirected to the responsible agency")
    VALID = "valid", _("Valid, being handled")
    AWAITING_CONSENT = "awaiting_consent", _("Awaiting consent")
    AWAITING_PAYMENT = "awaiting_payment", _("Awaiting payment")
    EXTENDED = "extended", _("Extended")
    PROVIDED_FULL = "provided_full", _("Provided in full")
    PROVIDED_PARTIAL = "provided_partial", _("Provided in part")
    REFUSED = "refused", _("Refused")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    CLOSED = "closed", _("Closed")


# The clock runs in these states; overdue and due-soon are computed for them.
RUNNING = (Status.VALID, Status.AWAITING_CONSENT, Status.AWAITING_PAYMENT, Status.EXTENDED)
OPEN = (Status.RECEIVED, Status.NEEDS_SUPPLEMENT, *RUNNING)
ANSWERED = (Status.PROVIDED_FULL, Status.PROVIDED_PARTIAL, Status.REFUSED)


class Outcome(models.TextChoices):
    """How a request ended; kept when the file is closed, for the yearly statistics (Decree 13
    Art 12(4)(b): requests resolved, refused)."""

    PROVIDED_FULL = Status.PROVIDED_FULL.value, Status.PROVIDED_FULL.label
    PROVIDED_PARTIAL = Status.PROVIDED_PARTIAL.value, Status.PROVIDED_PARTIAL.label
    REFUSED = Status.REFUSED.value, Status.REFUSED.label
    REDIRECTED = Status.REDIRECTED.value, Status.REDIRECTED.label
    WITHDRAWN = Status.WITHDRAWN.value, Status.WITHDRAWN.label


# Resolved: answered or passed to the responsible agency; a withdrawal is counted apart.
RESOLVED = (Outcome.PROVIDED_FULL, Outcome.PROVIDED_PARTIAL, Outcome.REFUSED, Outcome.REDIRECTED)


class RequesterKind(models.TextChoices):
    """Law Art 4 and Art 36; Decree 13 Art 4 (forms 01a and 01b)."""

    SELF = "self", _("A citizen, for myself")
    REPRESENTATIVE = (
        "representative",
        _("A legal representative or guardian, for a child or a person lacking capacity"),
    )
    FOREIGNER = "foreigner", _("A foreigner residing in Vietnam")
    ORGANISATION = "organisation", _("The representative of an organisation, for its members")


class IdType(models.TextChoices):
    CITIZEN_CARD = "citizen_card", _("Citizen identity card (CCCD)")
    ID_CARD = "id_card", _("Identity card (CMND)")
    PASSPORT = "passport", _("Passport")


class DeliveryForm(models.TextChoices):
    """Law Art 25 and Art 30(2); Decree 13 form 01a."""

    ON_SITE = "on_site", _("Read, view, listen, note, copy or photograph at the agency")
    PAPER_COPY = "paper_copy", _("Paper copy collected at the agency")
    POST = "post", _("Copy sent by post")
    FAX = "fax", _("Fax")
    EMAIL = "email", _("E-mail attachment")
    ACCESS_CODE = "access_code", _("One-time access code")
    DOWNLOAD_LINK = "download_link", _("Download link")


class Art6Subtype(models.TextChoices):
    """Law Art 6: which kind of not-accessible information a refusal rests on."""

    STATE_SECRET = "state_secret", _("State secret")
    HARMFUL = "harmful", _("Harmful to State interests, defence, security or others")
    WORK_SECRET = "work_secret", _("Work secret")
    INTERNAL_MEETING = "internal_meeting", _("Internal meeting")
    INTERNAL_DOCUMENT = "internal_document", _("Document drafted for internal work")


class AttachmentKind(models.TextChoices):
    CONSENT = "consent", _("Written consent (form 06)")
    REPRESENTATION = "representation", _("Proof of representation or guardianship")
    SCANNED_FORM = "scanned_form", _("Scanned signed request form")
    OTHER = "other", _("Other document")
