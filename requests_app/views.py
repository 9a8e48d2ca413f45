"""Public pages: the request form, its receipt, and tracking by code plus a second factor.

A request is saved in one transaction before the receipt is shown, so nothing submitted is
lost. The receipt and the tracking page show personal data only to the browser session that
submitted the request or proved the second factor.
"""

import logging

from django.core.validators import slug_re
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from agencies.models import Agency
from catalogs.models import CatalogEntry
from catalogs.search import search
from portal.files import serve_file
from portal.ratelimit import allow, hits, record_hit

from . import deadlines, services
from .choices import Status
from .forms import ComplaintForm, MemberFormSet, RequestForm, TrackForm, members_of
from .models import InformationRequest, RequestEvent
from .workflow import normalise_tracking_code

logger = logging.getLogger(__name__)
SESSION_CODES = "request_codes"  # codes this browser session may see
SUBMISSIONS_PER_HOUR = 10
LOOKUPS_PER_HOUR = 30
# The second factor may be 4 digits: a code locks after a few wrong answers, whatever address
# they come from, so guessing them takes years.
WRONG_ANSWERS_PER_CODE_PER_DAY = 5
SUGGESTIONS = 5


def _allowed_codes(request) -> list[str]:
    return request.session.get(SESSION_CODES, [])


def _grant(request, code: str) -> None:
    codes = [c for c in _allowed_codes(request) if c != code]
    request.session[SESSION_CODES] = [*codes[-9:], code]


def _initial(request) -> tuple[dict, CatalogEntry | None]:
    """Prefill from ?agency=<slug> or ?entry=<id> (the links on agency and entry pages)."""
    initial, entry = {}, None
    entry_id = request.GET.get("entry", "")
    # A row id has at most 19 digits; int() refuses a number of over 4,300 (a server error).
    if entry_id.isascii() and entry_id.isdigit() and len(entry_id) <= 19:
        entry = CatalogEntry.objects.public().select_related("agency").filter(pk=entry_id).first()
    if entry:
        initial["agency"] = entry.agency
        initial["information"] = " — ".join(filter(None, [entry.title, entry.number_symbol]))
    elif slug_re.fullmatch(slug := request.GET.get("agency", "")) and (
        agency := Agency.objects.active().filter(slug=slug).first()
    ):
        # Only a well-formed slug reaches the query: PostgreSQL refuses text with a NUL in it.
        initial["agency"] = agency
    return initial, entry


def _suggestions(form) -> list[CatalogEntry]:
    """Published entries that may already answer the request (the no-JavaScript preview)."""
    text = form.data.get("information", "")
    if not text.strip():
        return []
    entries = search(CatalogEntry.objects.public().select_related("agency"), text)
    if not entries.exists():
        # A long description rarely matches word for word: try its first few words.
        first_words = " ".join(text.split()[:3])
        entries = search(CatalogEntry.objects.public().select_related("agency"), first_words)
    return list(entries[:SUGGESTIONS])


@require_http_methods(["GET", "HEAD", "POST"])
def submit(request):
    initial, entry = _initial(request)
    if request.method != "POST":
        form = RequestForm(initial=initial, catalog_entry=entry)
        members = MemberFormSet(prefix="members")
        return _form_page(request, form, members, entry)
    if not allow(
        request, "request-submit", limit=SUBMISSIONS_PER_HOUR, window_seconds=3600, fail_open=True
    ):
        return render(request, "requests_app/too_many.html", status=429)
    form = RequestForm(request.POST, request.FILES, catalog_entry=entry)
    members = MemberFormSet(request.POST, prefix="members")
    if "_check" in request.POST:
        return _form_page(request, form, members, entry, checked=True)
    if not (form.is_valid() & members.is_valid()) or not _members_ok(form, members):
        return _form_page(request, form, members, entry, status=400)
    request_obj = form.save(commit=False)
    request_obj.channel = InformationRequest.Channel.ONLINE
    request_obj.catalog_entry = entry
    try:
        services.submit_online(
            request_obj, members=members_of(members), attachments=form.attachments()
        )
    except LookupError:  # no legal rule set in force: tell the citizen where else to go
        logger.error("No legal rule set is in force; an online request was turned away.")
        return render(request, "requests_app/unavailable.html", status=503)
    _grant(request, request_obj.tracking_code)
    return redirect("requests_app:receipt", code=request_obj.tracking_code)


def _members_ok(form, members) -> bool:
    if form.cleaned_data.get("requester_kind") == "organisation" and not members_of(members):
        form.add_error(None, _("List the members you request for: name, identity number, reason."))
        return False
    return True


def _form_page(request, form, members, entry, *, checked=False, status=200):
    context = {
        "form": form,
        "members": members,
        "entry": entry,
        "checked": checked,
        "suggestions": _suggestions(form) if checked else [],
        "rules": services.rules_for_new_request(),  # None until a rule set is in force
    }
    return render(request, "requests_app/submit.html", context, status=status)


def _request_for_session(request, code: str) -> InformationRequest:
    if code not in _allowed_codes(request):
        raise Http404
    return get_object_or_404(
        InformationRequest.objects.select_related("agency", "rule_revision").prefetch_related(
            "response_files",
            "refusals",
            "notices",
            Prefetch("events", queryset=RequestEvent.objects.order_by("at", "pk")),
        ),
        tracking_code=code,
    )


@require_safe
def receipt(request, code):
    request_obj = _request_for_session(request, code)
    return render(request, "requests_app/receipt.html", {"req": request_obj})


@require_http_methods(["GET", "HEAD", "POST"])
def track(request):
    form = TrackForm(request.POST or None)
    if request.method == "POST":
        if not allow(request, "request-track", limit=LOOKUPS_PER_HOUR, window_seconds=3600):
            return render(request, "requests_app/too_many.html", status=429)
        if form.is_valid():
            found = _lookup(form.cleaned_data["code"], form.cleaned_data["secret"])
            if found is not None:
                _grant(request, found.tracking_code)
                return redirect("requests_app:status", code=found.tracking_code)
            # One message for a wrong code and a wrong second factor: codes cannot be probed.
            form.add_error(None, _("No request matches this code and this e-mail or number."))
    return render(request, "requests_app/track.html", {"form": form})


def _lookup(code: str, secret: str) -> InformationRequest | None:
    request_obj = InformationRequest.objects.filter(
        tracking_code=normalise_tracking_code(code)
    ).first()
    if request_obj is None:
        return None
    wrong_answers = f"track-code:{request_obj.tracking_code}"
    if hits(wrong_answers) >= WRONG_ANSWERS_PER_CODE_PER_DAY:
        return None  # locked for the day: the same message as any other miss
    if services.matches_second_factor(request_obj, secret):
        return request_obj
    record_hit(wrong_answers, window_seconds=24 * 3600)
    return None


@require_safe
def status(request, code):
    request_obj = _request_for_session(request, code)
    files = []
    if request_obj.status in (Status.PROVIDED_FULL, Status.PROVIDED_PARTIAL, Status.CLOSED):
        files = [(f, services.download_token(f)) for f in request_obj.response_files.all()]
    context = {
        "req": request_obj,
        "events": request_obj.events.all(),
        "periods": deadlines.explain_request(request_obj),
        "files": files,
        "notices": [(n, services.download_token(n)) for n in request_obj.notices.all()],
    }
    return render(request, "requests_app/status.html", context)


@require_safe
def download(request, token):
    stored = services.file_from_token(token)
    if stored is None:
        raise Http404
    return serve_file(stored)


@require_http_methods(["GET", "HEAD", "POST"])
def complaint(request, slug):
    agency = get_object_or_404(Agency, slug=slug)
    form = ComplaintForm(request.POST or None, agency=agency)
    if request.method == "POST":
        if not allow(
            request, "complaint", limit=SUBMISSIONS_PER_HOUR, window_seconds=3600, fail_open=True
        ):
            return render(request, "requests_app/too_many.html", status=429)
        if form.is_valid():
            sent = form.save(commit=False)
            sent.agency = agency
            sent.request = form.cleaned_data["tracking_code"]
            sent.save()
            return render(request, "requests_app/complaint_sent.html", {"agency": agency})
    status = 400 if form.errors else 200
    return render(
        request, "requests_app/complaint.html", {"agency": agency, "form": form}, status=status
    )
