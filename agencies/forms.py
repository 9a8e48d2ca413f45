"""Forms of the agencies app: creating and editing officers' accounts."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.utils.translation import gettext_lazy as _

from portal.text import nfc

from .models import Officer
from .services import update_officer


class OfficerCreationForm(forms.ModelForm):
    """One form for the account and the profile; the officer chooses their password by e-mail."""

    username = forms.CharField(
        label=_("username"),
        max_length=150,
        validators=[UnicodeUsernameValidator()],
        help_text=_("Letters, digits and @ . + - _ only; used to log in."),
    )
    email = forms.EmailField(
        label=_("e-mail"), help_text=_("The link to choose a password is sent here.")
    )

    class Meta:
        model = Officer
        fields = ("agency", "full_name", "position", "phone")

    def clean_username(self):
        # As the login form does (NFKC): full-width letters typed here must still log in.
        username = get_user_model().normalize_username(nfc(self.cleaned_data["username"]))
        if get_user_model().objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("This username is already taken."))
        return username

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        if get_user_model().objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("Another account already uses this e-mail address."))
        return email

    def officer_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "username": data["username"],
            "email": data["email"],
            "full_name": nfc(data["full_name"]),
            "agency": data["agency"],
            "position": nfc(data.get("position", "")),
            "phone": data.get("phone", ""),
        }


class OfficerChangeForm(forms.ModelForm):
    is_active = forms.BooleanField(
        label=_("active"),
        required=False,
        help_text=_("Untick to block the account when the officer leaves; nothing is deleted."),
    )

    class Meta:
        model = Officer
        fields = ("agency", "full_name", "position", "phone")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["is_active"].initial = self.instance.user.is_active

    def save(self, commit=True):
        officer = super().save(commit=False)
        if commit:
            update_officer(officer, is_active=self.cleaned_data["is_active"])
        return officer
