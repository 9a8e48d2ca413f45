"""The request workflow (LEGAL §7.4): one transition table, the only writer of ``status``.

Every change runs ``transition()``: it locks the request, checks the version the officer edited,
checks that the move is allowed from the current state and that its particulars are lawful,
sets the dates, bumps the version and writes the append-only ``RequestEvent`` with the actor, all
in one transaction. Whether the requester must be told is recorded on the event; the notices and
e-mails that tell them come from the paperwork issue.
"""

import datetime
import secrets
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencies.models import Agency

from . import deadlines, fees
from .choices import ANSWERED, OPEN, RUNNING, Art6Subtype, Complexity, Outcome, Status
from .models import InformationRequest, Payment, RequestEvent, RequestRefusal
from .models.rules import revision_in_force
from .notifications import tell_requester


class WorkflowError(Exception):
    """A transition cannot happen; the message says why, in the officer's language."""


class TransitionNotAllowed(WorkflowError):
    pass


class ConcurrentEdit(WorkflowError):
    pass


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: tuple[str, ...]
    target: str | None  # None: back to valid, or to extended if the request was extended
    notify: bool  # the requester must be told (a notice or a message)
    legal_basis: str
    fields: tuple[str, ...] = field(default=())  # what the officer's form asks for


S = Status
TRANSITIONS = {
    t.name: t
    for t in (
        Transition(
            "request_supplement",
            gettext_lazy("Ask the requester to supplement the request"),
            (S.RECEIVED,),
            S.NEEDS_SUPPLEMENT,
            True,
            "Law Art 26(2)",
            ("note",),
        ),
        Transition(
            "supplement_received",
            gettext_lazy("Record the supplement received"),
            (S.NEEDS_SUPPLEMENT,),
            S.RECEIVED,
            False,
            "Law Art 26(2)",
        ),
        Transition(
            "redirect",
            gettext_lazy("Redirect to the responsible agency"),
            (S.RECEIVED, S.NEEDS_SUPPLEMENT),
            S.REDIRECTED,
            True,
            "Law Art 26(3)",
            ("responsible_agency", "responsible_agency_name", "note"),
        ),
        Transition(
            "accept",
            gettext_lazy("Accept as a valid request (starts the clock)"),
            (S.RECEIVED,),
            S.VALID,
            True,
            "Law Art 27",
            ("complexity", "valid_on", "note"),
        ),
        Transition(
            "ask_consent",
            gettext_lazy("Ask for the consent of the person concerned"),
            (S.VALID, S.EXTENDED),
            S.AWAITING_CONSENT,
            True,
            "Law Art 7, Art 24(3)",
            ("note",),
        ),
        Transition(
            "consent_received",
            gettext_lazy("Record the consent received"),
            (S.AWAITING_CONSENT,),
            None,
            False,
            "Law Art 7",
        ),
        Transition(
            "ask_payment",
            gettext_lazy("Notify the cost and ask for payment"),
            (S.VALID, S.EXTENDED),
            S.AWAITING_PAYMENT,
            True,
            "Law Art 12, Art 27; Circular 46/2018/TT-BTC Art 4",
            ("payment_due_on", "note"),
        ),
        Transition(
            "payment_received",
            gettext_lazy("Record the payment"),
            (S.AWAITING_PAYMENT,),
            None,
            False,
            "Decree 13 Art 13",
            ("paid_amount", "paid_on", "receipt_reference"),
        ),
        Transition(
            "extend",
            gettext_lazy("Extend the time limit"),
            (S.VALID, S.AWAITING_CONSENT, S.AWAITING_PAYMENT),
            S.EXTENDED,
            True,
            "Law Arts 29–31",
            ("extension_reason", "new_due_on"),
        ),
        Transition(
            "provide_full",
            gettext_lazy("Provide the information in full"),
            (S.VALID, S.EXTENDED),
            S.PROVIDED_FULL,
            True,
            "Law Arts 29–31",
            ("note",),
        ),
        Transition(
            "provide_partial",
            gettext_lazy("Provide part of the information and refuse the rest"),
            (S.VALID, S.EXTENDED),
            S.PROVIDED_PARTIAL,
            True,
            "Law Art 28; Decree 13 Art 7",
            ("grounds", "reason", "note"),
        ),
        Transition(
            "refuse",
            gettext_lazy("Refuse in writing"),
            (S.RECEIVED, *RUNNING),
            S.REFUSED,
            True,
            "Law Art 28",
            ("grounds", "reason", "note"),
        ),
        Transition(
            "withdraw",
            gettext_lazy("Record that the requester withdrew the request"),
            OPEN,
            S.WITHDRAWN,
            False,
            "",
            ("note",),
        ),
        Transition(
            "close",
            gettext_lazy("Close the file"),
            (*ANSWERED, S.REDIRECTED, S.WITHDRAWN),
            S.CLOSED,
            False,
            "",
        ),
    )
}


# These tell the requester what to do next, so the message cannot be empty.
NOTE_REQUIRED = {"request_supplement", "redirect", "ask_consent"}


def available(request: InformationRequest) -> list[Transition]:
    """The transitions allowed from the request's current state, in table order."""
    return [t for t in TRANSITIONS.values() if request.status in t.sources]


# --- tracking codes and creation ------------------------------------------------------------

# No 0/O, 1/I/L: codes are read aloud over the phone and copied from paper.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_tracking_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def normalise_tracking_code(text: str) -> str:
    raw = "".join(ch for ch in text.upper() if ch.isalnum())
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:12]}" if len(raw) == 12 else ""


def open_request(request: InformationRequest, *, actor=None, note: str = "") -> RequestEvent:
    """Save a new request as received (Law Art 26(1)), pinned to the rules then in force.

    Its first event is dated at its receipt, which an officer entering a request received in
    person, by post or from a paper register gives; later steps cannot precede it.
    """
    if request.pk is not None:
        raise WorkflowError("This request is already recorded.")
    received_at = _moment(request.received_at)
    received_on = timezone.localdate(request.received_at)
    request.rule_revision = revision_in_force(received_on)
    request.status = Status.RECEIVED
    request.entered_by = actor
    with transaction.atomic():
        while True:
            request.tracking_code = new_tracking_code()
            if not InformationRequest.objects.filter(tracking_code=request.tracking_code).exists():
                break
        request.save()
        event = RequestEvent.objects.create(
            request=request,
            actor=actor,
            at=received_at,
            action="submit",
            from_status="",
            to_status=Status.RECEIVED,
            note=note,
            notify_requester=True,  # form 02, the receipt
        )
        tell_requester(event)
        return event


# --- transitions ----------------------------------------------------------------------------


def transition(
    request: InformationRequest,
    name: str,
    *,
    actor,
    expected_version: int | None = None,
    note: str = "",
    internal_note: str = "",
    at: datetime.datetime | None = None,
    **params,
) -> RequestEvent:
    """Move ``request`` along transition ``name``; raise WorkflowError if it may not.

    ``at`` records a step taken earlier (a paper register taken over); it defaults to now and
    may not precede the request's last recorded step.
    """
    rule = TRANSITIONS.get(name)
    if rule is None:
        raise TransitionNotAllowed(_("Unknown action."))
    with transaction.atomic():
        current = InformationRequest.objects.select_for_update().get(pk=request.pk)
        if expected_version is not None and current.version != expected_version:
            raise ConcurrentEdit(
                _("Someone else changed this request meanwhile; reload it and try again.")
            )
        if current.status not in rule.sources:
            raise TransitionNotAllowed(
                _("“%(action)s” is not possible while the request is “%(status)s”.")
                % {"action": rule.label, "status": current.get_status_display()}
            )
        if name in NOTE_REQUIRED and not note.strip():
            raise WorkflowError(_("Write the message the requester will receive."))
        now = _moment(at, current)
        data = HANDLERS.get(name, _no_effect)(current, actor=actor, now=now, **params) or {}
        previous = current.status
        current.status = rule.target or (S.EXTENDED if current.extended_due_on else S.VALID)
        _record_outcome(current, now)
        current.version += 1
        current.save()
        event = RequestEvent.objects.create(
            request=current,
            actor=actor,
            action=name,
            from_status=previous,
            to_status=current.status,
            at=now,
            note=note.strip(),
            internal_note=internal_note.strip(),
            notify_requester=rule.notify,
            data=data,
        )
        tell_requester(event)
    request.refresh_from_db()
    return event


def _moment(at: datetime.datetime | None, request: InformationRequest | None = None):
    """When a step happens: now, or the earlier moment given, checked to be in order."""
    if at is None:
        return timezone.now()
    if at > timezone.now():
        raise WorkflowError(_("A step cannot be recorded in the future."))
    last = request.events.order_by("-at").values_list("at", flat=True).first() if request else None
    if last and at < last:
        raise WorkflowError(_("A step cannot be recorded before the request's previous step."))
    return at


# The statuses that end a request, and the outcome the statistics count for each.
OUTCOME_OF_STATUS = {
    S.PROVIDED_FULL: Outcome.PROVIDED_FULL,
    S.PROVIDED_PARTIAL: Outcome.PROVIDED_PARTIAL,
    S.REFUSED: Outcome.REFUSED,
    S.REDIRECTED: Outcome.REDIRECTED,
    S.WITHDRAWN: Outcome.WITHDRAWN,
}


def _record_outcome(request: InformationRequest, now: datetime.datetime) -> None:
    outcome = OUTCOME_OF_STATUS.get(request.status)
    if outcome is None:
        return  # still open, or closed with the outcome it already has
    on = timezone.localdate(now)
    request.outcome = outcome
    request.outcome_at = now
    request.working_days_taken = (
        None if outcome == Outcome.WITHDRAWN else deadlines.working_days_taken(request, on)
    )
    # Law Arts 29–31: the time limit binds the answer (provide or refuse), not a redirection.
    request.on_time = deadlines.met_deadline(request, on) if request.status in ANSWERED else None


def _no_effect(request, **params):
    return {}


def _accept(request, *, complexity: str, now, valid_on: datetime.date | None = None, **_params):
    today = timezone.localdate(now)
    valid_on = valid_on or today
    if complexity not in Complexity.values:
        raise WorkflowError(_("Say whether the request is simple or complex."))
    if valid_on < timezone.localdate(request.received_at) or valid_on > today:
        raise WorkflowError(
            _("The date the valid request was received must be between its receipt and today.")
        )
    due = deadlines.compute(request.rule_revision, request.limit_group, complexity, valid_on)
    request.complexity = complexity
    request.valid_on = valid_on
    request.notice_due_on = due.notice_due_on
    request.due_on = due.due_on
    return {"valid_on": valid_on.isoformat(), "due_on": due.due_on.isoformat()}


def _redirect(
    request,
    *,
    responsible_agency: Agency | None = None,
    responsible_agency_name: str = "",
    **_params,
):
    if responsible_agency is None and not responsible_agency_name.strip():
        raise WorkflowError(_("Name the agency responsible for this information."))
    if responsible_agency is not None and responsible_agency.pk == request.agency_id:
        raise WorkflowError(_("The responsible agency must be another agency."))
    request.redirected_to = responsible_agency
    request.redirected_to_name = responsible_agency_name.strip()
    return {"to": responsible_agency.name if responsible_agency else responsible_agency_name}


def _ask_payment(request, *, payment_due_on: datetime.date, now, **_params):
    amount = fees.total(request)
    if amount <= 0:
        raise WorkflowError(_("Add the cost lines of the fee table before asking for payment."))
    if payment_due_on < timezone.localdate(now):
        raise WorkflowError(_("The payment deadline cannot be in the past."))
    request.fee_amount = amount
    request.payment_due_on = payment_due_on
    request.fee_notified_at = now
    return {"fee_amount": amount, "payment_due_on": payment_due_on.isoformat()}


def _payment_received(
    request,
    *,
    paid_amount: int,
    paid_on: datetime.date,
    receipt_reference: str = "",
    actor=None,
    now,
    **_params,
):
    if Payment.objects.filter(request=request).exists():
        raise WorkflowError(_("The payment of this request is already recorded."))
    if paid_amount != request.fee_amount:
        raise WorkflowError(
            _("The amount paid must be the amount notified: %(amount)s đồng.")
            % {"amount": request.fee_amount}
        )
    if paid_on > timezone.localdate(now):
        raise WorkflowError(_("The payment date cannot be in the future."))
    Payment.objects.create(
        request=request,
        amount=paid_amount,
        paid_on=paid_on,
        receipt_reference=receipt_reference.strip(),
        recorded_by=actor,
    )
    return {"paid_amount": paid_amount, "paid_on": paid_on.isoformat()}


def _extend(
    request, *, extension_reason: str, now, new_due_on: datetime.date | None = None, **_params
):
    if request.extended_due_on:
        # The law caps the total extension; one extension notice uses it (LEGAL §7.4).
        raise WorkflowError(_("This request has already been extended."))
    if timezone.localdate(now) > request.due_on:
        raise WorkflowError(
            _("An extension must be notified before the time limit expires (%(due)s).")
            % {"due": request.due_on.strftime("%d/%m/%Y")}
        )
    if not extension_reason.strip():
        raise WorkflowError(_("Give the reason for the extension."))
    cap = deadlines.extension_cap(
        request.rule_revision, request.limit_group, request.complexity, request.due_on
    )
    if cap is None:
        raise WorkflowError(_("The law allows no extension for this kind of request."))
    new_due_on = new_due_on or cap
    if not request.due_on < new_due_on <= cap:
        raise WorkflowError(
            _("The new deadline must fall after %(due)s and no later than %(cap)s.")
            % {"due": request.due_on.strftime("%d/%m/%Y"), "cap": cap.strftime("%d/%m/%Y")}
        )
    request.extended_due_on = new_due_on
    request.extension_reason = extension_reason.strip()
    return {"new_due_on": new_due_on.isoformat()}


def _answer(request, *, now, **_params):
    _require_paid(request)
    request.answered_at = now
    return {}


def _require_paid(request):
    # Law Art 28(1)(e), Decree 13 Art 13: the cost is paid before the information is provided.
    if fees.is_unpaid(request):
        raise WorkflowError(_("The costs are not paid yet: record the payment first."))


def _provide_partial(request, **params):
    _require_paid(request)
    return _refuse(request, **params)


def _refuse(request, *, now, grounds: list[dict] = (), reason: str = "", **_params):
    """Grounds are [{"code": …, "art6_subtype": …}] from the request's own rule set."""
    if not grounds:
        raise WorkflowError(_("Choose at least one ground of Law Art 28(1)."))
    if not reason.strip():
        raise WorkflowError(_("Write the reason: every refusal is reasoned in writing."))
    known = request.rule_revision.grounds()
    rows = []
    for chosen in grounds:
        ground = known.get(chosen.get("code"))
        if ground is None:
            raise WorkflowError(_("Unknown refusal ground."))
        subtype = chosen.get("art6_subtype", "")
        if ground["needs_art6_subtype"] and subtype not in Art6Subtype.values:
            raise WorkflowError(_("Say which kind of Art 6 information it is."))
        rows.append(
            RequestRefusal(
                request=request,
                code=ground["code"],
                label=ground["label"],
                legal_basis=ground["legal_basis"],
                art6_subtype=subtype if ground["needs_art6_subtype"] else "",
            )
        )
    RequestRefusal.objects.bulk_create(rows)
    request.refusal_reason = reason.strip()
    request.answered_at = now
    return {"grounds": [row.code for row in rows]}


def _close(request, *, now, **_params):
    request.closed_at = now
    return {}


HANDLERS = {
    "accept": _accept,
    "redirect": _redirect,
    "ask_payment": _ask_payment,
    "payment_received": _payment_received,
    "extend": _extend,
    "provide_full": _answer,
    "provide_partial": _provide_partial,
    "refuse": _refuse,
    "close": _close,
}
