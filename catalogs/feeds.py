"""Atom feeds of newly published entries, province-wide and per agency."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from agencies.models import Agency

from .models import CatalogEntry

ITEMS = 50


class NewEntriesFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, slug=None):
        return get_object_or_404(Agency, slug=slug) if slug else None

    def title(self, agency):
        if agency:
            return _("New disclosures of %(agency)s") % {"agency": agency.name}
        return _("New disclosures of the province's agencies")

    def link(self, agency):
        if agency:
            return reverse("catalogs:agency_list", args=[agency.slug])
        return reverse("catalogs:list")

    def subtitle(self, agency):
        return _("Entries newly published in the lists of information to be disclosed.")

    def items(self, agency):
        entries = CatalogEntry.objects.public().select_related("agency")
        if agency:
            entries = entries.filter(agency=agency)
        return entries.order_by("-published_at", "-pk")[:ITEMS]

    def item_title(self, entry):
        return entry.title

    def item_description(self, entry):
        # Django writes it as <summary type="html">: feed readers render it as HTML, so the
        # officers' plain text is escaped first (the XML writer escapes only the XML).
        parts = [entry.agency.name, entry.get_category_display(), entry.summary]
        return escape(" — ".join(filter(None, parts)))

    def item_pubdate(self, entry):
        return entry.published_at

    def item_updateddate(self, entry):
        return entry.updated_at

    def item_author_name(self, entry):
        return entry.agency.name

    def feed_extra_kwargs(self, agency):
        return {"feed_updated": timezone.now()}
