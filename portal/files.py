"""Stored files are never served from a public media URL.

Each file is reached through a view that first decides who may see it (the public view of a
published document, or the admin view scoped to the officer's agency) and then streams it here.
"""

import uuid
from pathlib import PurePath
from urllib.parse import quote

from django import forms
from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.text import get_valid_filename, slugify

from portal.text import fold

# The only types a stored file is ever served as: what the upload validators accept.
SERVED_TYPES = {
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".doc": "application/msword",
    ".xls": "application/vnd.ms-excel",
    ".ppt": "application/vnd.ms-powerpoint",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".odp": "application/vnd.oasis.opendocument.presentation",
}


def serve_file(field_file, *, download_name: str | None = None) -> HttpResponse:
    """The file, once the calling view has decided the user may have it.

    With PORTAL_X_ACCEL_REDIRECT set (production behind nginx), the web server sends the bytes
    from its internal location and the Python worker is free at once; the media directory is
    still never reachable from outside (``internal`` in nginx, docs/security.md).
    """
    if not field_file:
        raise Http404
    name = get_valid_filename(download_name or PurePath(field_file.name).name)
    content_type = SERVED_TYPES.get(PurePath(name).suffix.lower())
    prefix = settings.PORTAL_X_ACCEL_REDIRECT
    if prefix:
        if not field_file.storage.exists(field_file.name):
            raise Http404
        response = HttpResponse(content_type=content_type or "application/octet-stream")
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + quote(field_file.name)
        response["Content-Disposition"] = content_disposition_header(content_type is None, name)
    else:
        try:
            handle = field_file.open("rb")
        except FileNotFoundError as exc:
            raise Http404 from exc
        # Anything else is downloaded, never shown: no stored file can run as a page of this site.
        response = FileResponse(
            handle,
            as_attachment=content_type is None,
            filename=name,
            content_type=content_type or "application/octet-stream",
        )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    if content_type != "application/pdf":  # Chrome's PDF viewer does not run in a sandbox
        response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response


class ScopedFileInput(forms.ClearableFileInput):
    """The admin's file widget, linking to a permission-checked view instead of MEDIA_URL."""

    def __init__(self, url_name: str, attrs=None):
        self.url_name = url_name
        super().__init__(attrs)

    def __deepcopy__(self, memo):
        clone = super().__deepcopy__(memo)
        clone.url_name = self.url_name
        return clone

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        instance = getattr(value, "instance", None)
        if self.is_initial(value) and instance is not None and instance.pk:
            context["widget"]["file_url"] = reverse(self.url_name, args=[instance.pk])
            context["widget"]["file_name"] = PurePath(value.name).name
        return context

    template_name = "portal/widgets/scoped_file_input.html"


def stored_name(folder: str, filename: str) -> str:
    """A short, unique, ASCII file name that keeps a readable stem and the extension.

    Browsers send names of any length and script; a Vietnamese name of 120 characters is over
    the file system's 255-byte limit. The original name is never trusted as a path.
    """
    path = PurePath(filename)
    suffix = "".join(ch for ch in path.suffix.lower() if ch.isalnum() or ch == ".")[:10]
    stem = slugify(fold(path.stem))[:60].strip("-") or "tep"
    return f"{folder}/{uuid.uuid4().hex[:8]}-{stem}{suffix}"
