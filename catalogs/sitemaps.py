"""sitemap.xml: the public pages search engines should know, never a draft or a hidden entry."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from agencies.models import Agency

from .models import CatalogEntry


class StaticPagesSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    def items(self):
        return ["home", "agencies:directory", "catalogs:list"]

    def location(self, name):
        return reverse(name)


class AgencySitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    def items(self):
        return Agency.objects.order_by("pk")

    def lastmod(self, agency):
        return agency.updated_at


class CatalogEntrySitemap(Sitemap):
    limit = 20_000

    def items(self):
        return CatalogEntry.objects.public().order_by("pk").only("pk", "updated_at")

    def lastmod(self, entry):
        return entry.updated_at


SITEMAPS = {
    "pages": StaticPagesSitemap,
    "agencies": AgencySitemap,
    "catalog": CatalogEntrySitemap,
}
