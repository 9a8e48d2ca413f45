"""The base of every ModelAdmin in the portal."""

from typing import ClassVar

from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.validators import MaxLengthValidator
from js_asset import Media


class PortalModelAdmin(admin.ModelAdmin):
    """Gives the form's scripts the request's CSP nonce.

    The rich-text editor loads through an inline ``<script type="importmap">``, which the
    Content-Security-Policy (script-src 'self' plus nonce) would otherwise block.
    """

    class Media:
        css: ClassVar = {"all": ("css/admin.css",)}

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["media"] = Media.from_media(context["media"], nonce=request.csp_nonce)
        return super().render_change_form(request, context, add, change, form_url, obj)


class LoginForm(AdminAuthenticationForm):
    """The admin login form, which checks the length of the user name before authenticating.

    Django's form only sets the input's ``maxlength``: a longer name went on to django-axes,
    whose record of the failed attempt holds 255 characters (a server error on PostgreSQL).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        username = self.fields["username"]
        username.validators.append(MaxLengthValidator(username.max_length))
