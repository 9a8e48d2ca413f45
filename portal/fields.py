"""Model fields shared by the apps."""

from django.db import models


class WebAddressField(models.URLField):
    """A URL field whose form reads a bare "angiang.gov.vn" as https:// (Django 6's default)."""

    def formfield(self, **kwargs):
        return super().formfield(**{"assume_scheme": "https", **kwargs})

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.URLField", args, kwargs
