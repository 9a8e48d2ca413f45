"""Validators for uploaded files: checked by content, never by the name the browser sent."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

PDF_MAGIC = b"%PDF-"


def _head_and_tail(upload, size=2048):
    upload.seek(0)
    head = upload.read(size)
    upload.seek(max(0, upload.size - size))
    tail = upload.read(size)
    upload.seek(0)
    return head, tail


def validate_pdf(upload) -> None:
    """Accept only a real PDF within the size limit (PORTAL_MAX_PDF_BYTES)."""
    if getattr(upload, "_committed", False):
        return  # already stored and checked when it was uploaded
    limit = settings.PORTAL_MAX_PDF_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s."),
            code="file_too_large",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
        )
    head, tail = _head_and_tail(upload)
    # The PDF header may follow a little junk (ISO 32000-1 §7.5.2 readers accept it in the first
    # 1024 bytes); the end-of-file marker closes every well-formed file.
    if PDF_MAGIC not in head[:1024] or b"%%EOF" not in tail:
        raise ValidationError(
            _("This file is not a PDF document. Upload the signed document as a PDF file."),
            code="not_pdf",
        )
