"""Forms of the Department of Justice's report pages."""

import datetime

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency

from .models import YearlyReport

MAX_TEXT = 20_000


class CompileForm(forms.Form):
    """A period (a calendar year by default) and a scope to compile."""

    start = forms.DateField(label=_("From"))
    end = forms.DateField(label=_("To"))
    agency = forms.ModelChoiceField(
        label=_("Scope"),
        queryset=Agency.objects.none(),
        required=False,
        empty_label=_("The whole province"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.in_directory_order()
        last_year = timezone.localdate().year - 1
        self.fields["start"].initial = datetime.date(last_year, 1, 1)
        self.fields["end"].initial = datetime.date(last_year, 12, 31)
        for name in ("start", "end"):
            self.fields[name].widget = forms.DateInput(
                format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}
            )


class NarrativeForm(forms.ModelForm):
    """Decree 13 Art 12(4)(a), (c), (d): what the figures cannot say."""

    class Meta:
        model = YearlyReport
        fields = ("situation", "difficulties", "recommendations")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget = forms.Textarea(attrs={"rows": 6, "maxlength": MAX_TEXT})
            field.validators.append(MaxLengthValidator(MAX_TEXT))
