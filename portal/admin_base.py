"""The base of every ModelAdmin in the portal."""

from typing import ClassVar

from django.contrib import admin
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
