"""Forms of the requests app: the public request form (01a/01b), tracking, and the officers'
transition forms."""

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from catalogs.models import CatalogEntry
from portal.validators import validate_document

from .choices import Art6Subtype, AttachmentKind, Complexity, RequesterKind
from .models import Complaint, InformationRequest
from .workflow import normalise_tracking_code

PUBLIC_FIELDS = (
    "agency",
    "requester_kind",
    "full_name",
    "date_of_birth",
    "id_type",
    "id_number",
    "address",
    "phone",
    "fax",
    "email",
    "represented_name",
    "represented_relation",
    "nationality",
    "own_rights_link",
    "organisation_name",
    "resides_in_commune",
    "interest_link",
    "information",
    "purpose",
    "delivery_form",
    "copies",
    "delivery_address",
    "needs_assistance",
    "assistance_note",
)


class RequestForm(forms.ModelForm):
    """Phiếu yêu cầu cung cấp thông tin — the online form (Law Art 24(2), Decree 13 Art 4)."""

    resides_in_commune = forms.NullBooleanField(
        label=_("Do you reside in this commune, ward or special zone?"),
        required=False,
        widget=forms.RadioSelect(choices=((True, _("Yes")), (False, _("No")))),
        help_text=_("Asked only when the agency is a commune-level People's Committee."),
    )
    consent_file = forms.FileField(
        label=_("Written consent (form 06)"),
        required=False,
        validators=[validate_document],
        help_text=_("Needed for information accessible with conditions (Law Art 7, Art 24(3))."),
    )
    representation_file = forms.FileField(
        label=_("Proof of representation or guardianship"),
        required=False,
        validators=[validate_document],
    )
    # Honeypot: hidden from people by CSS and labelled for screen readers to leave empty.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    class Meta:
        model = InformationRequest
        fields = PUBLIC_FIELDS

    def __init__(self, *args, catalog_entry: CatalogEntry | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.catalog_entry = catalog_entry
        fields = self.fields
        fields["date_of_birth"].widget = forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})
        for name, rows in (("information", 4), ("purpose", 3), ("own_rights_link", 2)):
            fields[name].widget = forms.Textarea(attrs={"rows": rows})
        fields["interest_link"].widget = forms.Textarea(attrs={"rows": 2})
        for name in ("requester_kind", "delivery_form"):
            fields[name].widget = forms.RadioSelect(choices=fields[name].choices)
        self.fields["agency"].queryset = Agency.objects.active().order_by("name")
        self.fields["agency"].empty_label = _("Choose the agency that holds the information")
        self.fields["copies"].widget.attrs.update(min=1, max=100)
        self.fields["email"].help_text = _("To receive the notices, and to follow your request.")
        for name in ("phone", "email", "address", "full_name"):
            self.fields[name].widget.attrs.setdefault("autocomplete", _AUTOCOMPLETE[name])

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("This field must stay empty."))
        return ""

    def clean_copies(self):
        copies = self.cleaned_data["copies"]
        if not 1 <= copies <= 100:
            raise forms.ValidationError(_("Ask for between 1 and 100 copies."))
        return copies

    def clean(self):
        cleaned = super().clean()
        agency = cleaned.get("agency")
        if agency and agency.kind == Agency.Kind.COMMUNE:
            if cleaned.get("resides_in_commune") is None:
                self.add_error("resides_in_commune", _("Answer this question."))
        else:
            cleaned["resides_in_commune"] = None
            self.instance.resides_in_commune = None
        if cleaned.get("requester_kind") == RequesterKind.REPRESENTATIVE and not cleaned.get(
            "representation_file"
        ):
            self.add_error(
                "representation_file",
                _("Attach the document showing you represent or are the guardian of this person."),
            )
        if self._asks_conditional_information() and not cleaned.get("consent_file"):
            self.add_error(
                "consent_file",
                _(
                    "This information is accessible only with the written consent of the person "
                    "concerned: attach it (Law Art 24(3))."
                ),
            )
        return cleaned

    def _asks_conditional_information(self) -> bool:
        entry = self.catalog_entry
        return entry is not None and entry.catalog == CatalogEntry.Catalog.CONDITIONAL

    def attachments(self) -> list[tuple[str, object]]:
        files = (
            (AttachmentKind.CONSENT, self.cleaned_data.get("consent_file")),
            (AttachmentKind.REPRESENTATION, self.cleaned_data.get("representation_file")),
        )
        return [(kind, upload) for kind, upload in files if upload]


_AUTOCOMPLETE = {"phone": "tel", "email": "email", "address": "street-address", "full_name": "name"}


class MemberForm(forms.Form):
    """One member an organisation requests for (Decree 13 Art 4(2))."""

    full_name = forms.CharField(label=_("Full name"), max_length=150, required=False)
    id_number = forms.CharField(label=_("Identity document number"), max_length=20, required=False)
    reason = forms.CharField(label=_("Reason and purpose"), max_length=500, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        row = int(self.prefix.rsplit("-", 1)[-1]) + 1 if self.prefix else 1
        for field in self.fields.values():
            # The table's headers are hidden on phones: each input names itself.
            field.widget.attrs["aria-label"] = f"{field.label} ({row})"

    def clean(self):
        cleaned = super().clean()
        # A field with its own error (too long, say) counts as given: one message per mistake.
        filled = [cleaned.get(f) or f in self.errors for f in ("full_name", "id_number", "reason")]
        if any(filled) and not all(filled):
            raise forms.ValidationError(
                _("Give the name, identity number and reason of each member.")
            )
        return cleaned


MemberFormSet = formset_factory(MemberForm, extra=5, max_num=200, absolute_max=200)


def members_of(formset) -> list[dict]:
    return [form.cleaned_data for form in formset if form.cleaned_data.get("full_name")]


class TrackForm(forms.Form):
    code = forms.CharField(
        label=_("Tracking code"),
        max_length=20,
        help_text=_("As printed on your receipt, for example 7K3M-Q9XA-2HPD."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
    secret = forms.CharField(
        label=_("Your e-mail address, or the last 4 digits of your identity document number"),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


# --- officers' transition forms -------------------------------------------------------------


class TransitionForm(forms.Form):
    """The particulars one transition asks for; only its ``fields`` are kept."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    complexity = forms.ChoiceField(label=_("Complexity"), choices=Complexity.choices)
    valid_on = forms.DateField(
        label=_("Date the valid request was received"),
        help_text=_("The time limit counts from the next day."),
    )
    responsible_agency = forms.ModelChoiceField(
        label=_("Responsible agency"), queryset=Agency.objects.active(), required=False
    )
    responsible_agency_name = forms.CharField(
        label=_("or, if it is not in the portal, its name"), max_length=255, required=False
    )
    payment_due_on = forms.DateField(label=_("Pay by"))
    paid_amount = forms.IntegerField(label=_("Amount paid (VND)"), min_value=1, max_value=10**10)
    paid_on = forms.DateField(label=_("Paid on"))
    receipt_reference = forms.CharField(label=_("Receipt number"), max_length=100, required=False)
    extension_reason = forms.CharField(
        label=_("Reason for the extension"),
        widget=forms.Textarea,
        # Form 04 prints it inside a sentence: "Do <reason>, <agency> thông báo gia hạn …".
        help_text=_(
            "The extension notice prints it after “Do” (because): start it in lower case, "
            "for example “cần lấy ý kiến của cơ quan, tổ chức có liên quan”."
        ),
    )
    new_due_on = forms.DateField(
        label=_("New deadline"),
        required=False,
        help_text=_("Leave empty to extend as far as the law allows."),
    )
    grounds = forms.MultipleChoiceField(
        label=_("Grounds (Law Art 28(1))"), widget=forms.CheckboxSelectMultiple, choices=()
    )
    art6_subtype = forms.ChoiceField(
        label=_("Kind of Art 6 information"),
        choices=(("", "---------"), *Art6Subtype.choices),
        required=False,
    )
    reason = forms.CharField(label=_("Written reason"), widget=forms.Textarea)
    note = forms.CharField(
        label=_("Message to the requester"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    internal_note = forms.CharField(
        label=_("Internal note"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, transition, request_obj, **kwargs):
        super().__init__(*args, **kwargs)
        keep = {"version", "internal_note", *transition.fields}
        if "grounds" in keep:
            keep.add("art6_subtype")
            self.fields["grounds"].choices = [
                (g["code"], g["label"]) for g in request_obj.rule_revision.data["refusal_grounds"]
            ]
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        if "responsible_agency" in self.fields:
            self.fields["responsible_agency"].queryset = Agency.objects.active().exclude(
                pk=request_obj.agency_id
            )

    def params(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if k != "version"}
        if "grounds" in data:
            subtype = data.pop("art6_subtype", "")
            data["grounds"] = [{"code": code, "art6_subtype": subtype} for code in data["grounds"]]
        return data


class FeeItemLineForm(forms.Form):
    item = forms.ModelChoiceField(label=_("Item of the fee table"), queryset=None)
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1, max_value=100_000)
    size = forms.TypedChoiceField(
        label=_("Paper size"), coerce=int, choices=(), initial=1, required=False, empty_value=1
    )

    def __init__(self, *args, **kwargs):
        from .models import FeeItem, PaperSize

        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = FeeItem.objects.filter(is_active=True)
        self.fields["size"].choices = PaperSize.choices


class PostageForm(forms.Form):
    postage = forms.IntegerField(label=_("Postage (VND)"), min_value=1, max_value=10_000_000)


class ComplaintForm(forms.ModelForm):
    """Phản ánh, kiến nghị, khiếu nại về việc cung cấp thông tin (Decree 13 Art 11(1)(3))."""

    tracking_code = forms.CharField(
        label=_("Tracking code of your request, if it is about one"), max_length=20, required=False
    )
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    class Meta:
        model = Complaint
        fields = ("kind", "full_name", "email", "phone", "address", "content")

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.agency = agency
        self.fields["content"].widget = forms.Textarea(attrs={"rows": 6})
        self.fields["kind"].widget = forms.RadioSelect(choices=self.fields["kind"].choices)

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("This field must stay empty."))
        return ""

    def clean_content(self):
        content = self.cleaned_data["content"].strip()
        if len(content) < 10:
            raise forms.ValidationError(_("Describe what happened in a few sentences."))
        return content

    def clean_tracking_code(self):
        code = self.cleaned_data["tracking_code"].strip()
        if not code:
            return None
        found = InformationRequest.objects.filter(
            tracking_code=normalise_tracking_code(code), agency=self.agency
        ).first()
        if found is None:
            raise forms.ValidationError(_("No request of this agency has this code."))
        return found

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("email") or cleaned.get("phone") or cleaned.get("address")):
            raise forms.ValidationError(
                _("Give an e-mail address, a phone number or an address for the answer.")
            )
        return cleaned


class RegisterForm(forms.Form):
    """The register of requests for one agency and one period, as a spreadsheet."""

    agency = forms.ModelChoiceField(label=_("Agency"), queryset=Agency.objects.none())
    start = forms.DateField(label=_("From"))
    end = forms.DateField(label=_("To"))
    file_format = forms.ChoiceField(
        label=_("Format"), choices=(("xlsx", "Excel (.xlsx)"), ("csv", "CSV")), initial="xlsx"
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        if agencies.count() == 1:
            self.fields["agency"].initial = agencies.first()

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            raise forms.ValidationError(_("The period must end on or after the day it starts."))
        return cleaned
