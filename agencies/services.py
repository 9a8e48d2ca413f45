"""Use cases of the agencies app, called from the admin, commands and tests alike."""

import secrets
from itertools import pairwise

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from portal.mail import queue_mail
from portal.roles import FOCAL_POINT_OFFICERS

from .models import Agency, InternalRegulation, Officer


class RegulationError(Exception):
    """A regulation cannot be published as asked; the message says why, for the officer."""


def publish_regulation(regulation: InternalRegulation) -> InternalRegulation:
    """Publish a draft regulation and re-chain the agency's versions by effective date.

    A newer regulation supersedes the older (Law Art 34(1)(h) asks for one in force); publishing
    an older decision late files it as an earlier version instead of displacing the current one.
    """
    with transaction.atomic():
        # Lock the agency row: two officers publishing at once are served one after the other.
        list(Agency.objects.select_for_update().filter(pk=regulation.agency_id).values_list("pk"))
        fresh = InternalRegulation.objects.select_for_update().get(pk=regulation.pk)
        if fresh.status != InternalRegulation.Status.DRAFT:
            raise RegulationError(_("Only a draft regulation can be published."))
        if not fresh.signed_file:
            raise RegulationError(_("Attach the signed decision as a PDF before publishing."))
        published = InternalRegulation.objects.filter(
            agency_id=fresh.agency_id, status=InternalRegulation.Status.PUBLISHED
        )
        versions = sorted(
            [*published, fresh], key=lambda r: (r.effective_date, r.decision_date, r.pk)
        )
        _rechain(versions, newly_published=fresh)
    regulation.refresh_from_db()
    return regulation


def _rechain(versions, *, newly_published):
    now = timezone.now()
    # Supersede the older versions first so that there is never a moment with two current ones.
    for older, newer in pairwise(versions):
        InternalRegulation.objects.filter(pk=older.pk).update(superseded_by=newer)
    InternalRegulation.objects.filter(pk=versions[-1].pk).update(superseded_by=None)
    InternalRegulation.objects.filter(pk=newly_published.pk).update(
        status=InternalRegulation.Status.PUBLISHED, published_at=now
    )


def create_officer(
    *,
    username: str,
    email: str,
    full_name: str,
    agency: Agency,
    position: str = "",
    phone: str = "",
    set_password_url_base: str = "",
) -> Officer:
    """Create a staff account bound to one agency and e-mail a link to choose a password.

    No password is ever typed by the person creating the account: the officer sets their own
    through Django's password-reset token, which expires after PASSWORD_RESET_TIMEOUT.
    """
    User = get_user_model()
    with transaction.atomic():
        user = User(username=username, email=email, first_name=full_name, is_staff=True)
        user.set_password(secrets.token_urlsafe(32))
        user.save()
        user.groups.add(Group.objects.get(name=FOCAL_POINT_OFFICERS))
        officer = Officer.objects.create(
            user=user, agency=agency, full_name=full_name, position=position, phone=phone
        )
        if set_password_url_base:
            send_welcome_email(officer, set_password_url_base)
    return officer


def update_officer(officer: Officer, *, is_active: bool) -> Officer:
    """Save an officer's profile; deactivating blocks the account and keeps every record."""
    with transaction.atomic():
        officer.user.is_active = is_active
        officer.user.first_name = officer.full_name
        officer.user.save(update_fields=["is_active", "first_name"])
        officer.save()
    return officer


def send_welcome_email(officer: Officer, url_base: str) -> None:
    """Queue the officer's one-time link to set their password (sent in Vietnamese)."""
    user = officer.user
    path = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    context = {"officer": officer, "link": url_base.rstrip("/") + path, "username": user.username}
    with translation.override("vi"):
        subject = render_to_string("agencies/email/officer_welcome_subject.txt", context).strip()
        body = render_to_string("agencies/email/officer_welcome_body.txt", context)
    queue_mail(key=f"officer-welcome:{officer.pk}", to=[user.email], subject=subject, body=body)
