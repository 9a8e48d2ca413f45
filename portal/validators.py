"""Validators for uploaded files: checked by content, never by the name the browser sent."""

import zipfile
from pathlib import PurePath

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
    # The header at byte 0 and the end-of-file marker: a text file dressed up as a PDF (an
    # HTML or script "polyglot") does not pass.
    if not head.startswith(PDF_MAGIC) or b"%%EOF" not in tail:
        raise ValidationError(
            _("This file is not a PDF document. Upload the signed document as a PDF file."),
            code="not_pdf",
        )


# What officers attach to catalog entries: PDF, Office and OpenDocument files, images.
DOCUMENT_TYPES = {
    ".pdf": "pdf",
    ".doc": "ole",
    ".xls": "ole",
    ".ppt": "ole",
    ".docx": "ooxml",
    ".xlsx": "ooxml",
    ".pptx": "ooxml",
    ".odt": "odf",
    ".ods": "odf",
    ".odp": "odf",
    ".png": "png",
    ".jpg": "jpeg",
    ".jpeg": "jpeg",
}


def _sniff(upload) -> str | None:
    """The family of the file by its first bytes (and, for zip-based formats, its members)."""
    head, tail = _head_and_tail(upload)
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if head.startswith(PDF_MAGIC) and b"%%EOF" in tail:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _zip_family(upload)
    return None


def _zip_family(upload) -> str | None:
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if "[Content_Types].xml" in names:
                return "ooxml"
            if "mimetype" in names and archive.read("mimetype").startswith(
                b"application/vnd.oasis.opendocument"
            ):
                return "odf"
    except (zipfile.BadZipFile, OSError, KeyError):
        return None
    finally:
        upload.seek(0)
    return None


def validate_document(upload) -> None:
    """Accept a PDF, Office, OpenDocument or image file whose content matches its name."""
    if getattr(upload, "_committed", False):
        return
    limit = settings.PORTAL_MAX_DOCUMENT_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s."),
            code="file_too_large",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
        )
    expected = DOCUMENT_TYPES.get(PurePath(upload.name).suffix.lower())
    if expected is None:
        raise ValidationError(
            _("Accepted files: PDF, Word, Excel, PowerPoint, OpenDocument, PNG and JPEG."),
            code="unsupported_type",
        )
    if _sniff(upload) != expected:
        raise ValidationError(
            _("The content of this file does not match its name (%(name)s)."),
            code="content_mismatch",
            params={"name": PurePath(upload.name).name},
        )


# Every Django form field of text refuses NUL characters (which PostgreSQL cannot store) with
# this message; Django's Vietnamese catalogue leaves it untranslated, so the project's carries it.
NUL_CHARACTERS = _("Null characters are not allowed.")
