"""Middleware of the portal."""

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware
from django.urls import reverse


class PortalCSPMiddleware(CSPMiddleware):
    """django-csp with one relaxation: inline styles in the admin.

    The admin's rich-text editor (ProseMirror) and Django's own admin widgets set style
    attributes. Scripts stay nonce-only everywhere; the public site keeps style-src 'self'.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith(reverse("admin:index")):
            parts.update = {**(parts.update or {}), "style-src": [UNSAFE_INLINE]}
        return parts
