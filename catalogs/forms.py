"""Forms officers use for catalog entries: the entry itself and the spreadsheet import."""

from django import forms
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency

from .choices import PUBLIC_STATUSES
from .models import CatalogEntry
from .services import PUBLIC_FIELDS


class CatalogEntryAdminForm(forms.ModelForm):
    correction_reason = forms.CharField(
        label=_("What was wrong (correction)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Required when you change a published entry: the change is shown as a correction "
            "on its public page (Law Art 22)."
        ),
    )

    class Meta:
        model = CatalogEntry
        fields = (
            "agency",
            "catalog",
            "category",
            "title",
            "number_symbol",
            "created_on",
            "creating_unit",
            "summary",
            "disclosure_forms",
            "disclosed_on",
            "disclosure_period",
            "disclosure_ends_on",
            "place",
            "access_url",
            "consent_ground",
            "consent_holder",
            "consent_how",
            "classification",
            "not_accessible_ground",
            "review_on",
            "listed_on",
        )

    def clean(self):
        cleaned = super().clean()
        published = self.instance.pk and self.instance.status in PUBLIC_STATUSES
        corrected = [name for name in self.changed_data if name in PUBLIC_FIELDS]
        if published and corrected and not cleaned.get("correction_reason", "").strip():
            self.add_error(
                "correction_reason",
                _("Say what was wrong: changes to a published entry are shown as a correction."),
            )
        return cleaned


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet"),
        help_text=_("An .xlsx or .csv (UTF-8) file with the columns of the template."),
    )
    agency = forms.ModelChoiceField(
        label=_("Agency"), queryset=Agency.objects.none(), required=False
    )
    publish_now = forms.BooleanField(
        label=_("Publish the imported entries at once"),
        required=False,
        help_text=_("Leave unticked to check them as drafts first."),
    )

    def __init__(self, *args, agencies=None, fixed_agency=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fixed_agency = fixed_agency
        if fixed_agency is not None:
            del self.fields["agency"]
        else:
            self.fields["agency"].queryset = agencies
            self.fields["agency"].required = True

    def chosen_agency(self):
        return self.fixed_agency or self.cleaned_data["agency"]
