"""Text normalisation: one place that decides how Vietnamese text is stored and compared.

Vietnamese typed on different keyboards (Telex/VNI, Windows/macOS) arrives either precomposed
(NFC) or decomposed (NFD); stored text is always NFC. Search compares a folded form: lower case,
no diacritics, đ → d, whitespace collapsed, so "so tu phap" finds "Sở Tư pháp".
"""

import unicodedata

from django.db import models


def nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value)


def fold(value: str) -> str:
    """The accent- and case-insensitive form used for stored search text and queries."""
    decomposed = unicodedata.normalize("NFD", value.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    # đ has no decomposition in Unicode: it is a letter of its own, not d plus a mark.
    return " ".join(bare.replace("đ", "d").split())


def normalize_text_fields(instance: models.Model) -> None:
    """NFC-normalise every character and text field of a model instance in place."""
    for field in instance._meta.concrete_fields:
        if isinstance(field, models.CharField | models.TextField):
            value = getattr(instance, field.attname)
            if isinstance(value, str):
                setattr(instance, field.attname, nfc(value))


class NormalizedTextModel(models.Model):
    """Base for models whose text must be stored NFC whatever path it came in by."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        normalize_text_fields(self)
        super().save(*args, **kwargs)

    def clean_fields(self, exclude=None):
        # Before validation, so uniqueness and length checks see the stored form.
        normalize_text_fields(self)
        super().clean_fields(exclude=exclude)
