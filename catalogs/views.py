"""Public catalog pages. Every queryset starts from ``CatalogEntry.objects.public()``."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from agencies.models import Agency
from portal.caching import for_visitors
from portal.files import serve_file
from portal.pagination import KnownCountPaginator

from . import exports
from .filters import CatalogEntryFilter
from .models import CatalogEntry, CatalogFile
from .search import MAX_RANKED

PAGE_SIZE = 20


def filtered_entries(request, *, agency=None, exported=False) -> CatalogEntryFilter:
    """The public entries narrowed by the query string (pages, exports and API share this)."""
    entries = CatalogEntry.objects.public()
    queryset = entries.for_export() if exported else entries.for_listing()
    if agency is not None:
        queryset = queryset.filter(agency=agency)
    return CatalogEntryFilter(request.GET or None, queryset=queryset, request=request)


def _listing(request, template, *, agency=None, extra=None):
    filterset = filtered_entries(request, agency=agency)
    paginator = KnownCountPaginator(
        filterset.qs, PAGE_SIZE, ordered_ids=filterset.ranked_ids, rows=filterset.searched_in
    )
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filter": filterset,
        "page": page,
        "search_capped": page.paginator.count >= MAX_RANKED and bool(request.GET.get("q")),
        "max_ranked": MAX_RANKED,
        "query_without_page": query.urlencode(),
        "agency": agency,
        **(extra or {}),
    }
    return render(request, template, context)


@require_safe
@for_visitors
def entry_list(request):
    return _listing(request, "catalogs/entry_list.html")


@require_safe
@for_visitors
def agency_entry_list(request, slug):
    agency = get_object_or_404(Agency.objects.with_compliance(with_facts=True), slug=slug)
    return _listing(request, "catalogs/agency_entry_list.html", agency=agency)


@require_safe
@for_visitors
def entry_detail(request, pk):
    entry = get_object_or_404(
        CatalogEntry.objects.public()
        .select_related("agency")
        .prefetch_related(
            "disclosure_forms",
            "corrections",
            Prefetch("files", queryset=CatalogFile.objects.public(), to_attr="public_files"),
        ),
        pk=pk,
    )
    return render(request, "catalogs/entry_detail.html", {"entry": entry})


@require_safe
def entry_file(request, pk, file_pk):
    attached = get_object_or_404(CatalogFile.objects.public(), entry_id=pk, pk=file_pk)
    return serve_file(attached.file)


@require_safe
def export_csv(request):
    return exports.csv_response(filtered_entries(request, exported=True).qs, request)


@require_safe
def export_xlsx(request):
    return exports.xlsx_response(filtered_entries(request, exported=True).qs, request)
