"""The read-only JSON API for agencies and catalog entries, documented at /api/.

It uses the same filters and the same ``public()`` querysets as the pages, so it can never show
more than a citizen sees on the site.
"""

from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db.models import Prefetch
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from agencies.filters import AgencyFilter
from agencies.models import Agency
from portal import compliance
from portal.pagination import KnownCountPaginator

from .models import CatalogEntry, CatalogFile
from .views import filtered_entries

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


def _error(message: str, status: int = 400, **extra) -> JsonResponse:
    return JsonResponse({"error": message, **extra}, status=status)


def _page_size(request) -> int | None:
    raw = request.GET.get("page_size", DEFAULT_PAGE_SIZE)
    try:
        size = int(raw)
    except (TypeError, ValueError):
        return None
    return size if 1 <= size <= MAX_PAGE_SIZE else None


def _paginated(request, filterset, serialise) -> JsonResponse:
    if filterset.is_bound and not filterset.form.is_valid():
        return _error("invalid filter", errors=filterset.form.errors.get_json_data())
    size = _page_size(request)
    if size is None:
        return _error(f"page_size must be a whole number from 1 to {MAX_PAGE_SIZE}")
    paginator = KnownCountPaginator(
        filterset.qs,
        size,
        count=getattr(filterset, "match_count", None),
        ordered_ids=getattr(filterset, "ranked_ids", None),
        rows=getattr(filterset, "searched_in", None),
    )
    try:
        page = paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        return _error("page must be a whole number")
    except EmptyPage:
        return _error("no such page", status=404)
    return JsonResponse(
        {
            "count": paginator.count,
            "page": page.number,
            "pages": paginator.num_pages,
            "next": _page_url(request, page.next_page_number()) if page.has_next() else None,
            "previous": (
                _page_url(request, page.previous_page_number()) if page.has_previous() else None
            ),
            "results": [serialise(request, item) for item in page.object_list],
        },
        json_dumps_params={"ensure_ascii": False},
    )


def _page_url(request, number: int) -> str:
    query = request.GET.copy()
    query["page"] = number
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def _agency(request, agency) -> dict:
    return {
        "slug": agency.slug,
        "name": agency.name,
        "short_name": agency.short_name,
        "kind": agency.kind,
        "kind_label": agency.get_kind_display(),
        "parent": agency.parent.slug if agency.parent else None,
        "address": agency.address,
        "phone": agency.phone,
        "fax": agency.fax,
        "email": agency.email,
        "website": agency.website,
        "is_active": agency.is_active,
        "compliance": {check.key: met for check, met in agency.compliance_badges},
        "url": request.build_absolute_uri(agency.get_absolute_url()),
    }


def _entry(request, entry) -> dict:
    return {
        "id": entry.pk,
        "agency": entry.agency.slug,
        "catalog": entry.catalog,
        "category": entry.category,
        "category_label": entry.get_category_display(),
        "title": entry.title,
        "number_symbol": entry.number_symbol,
        "created_on": entry.created_on.isoformat(),
        "creating_unit": entry.creating_unit,
        "summary": entry.summary,
        "disclosure_forms": [method.code for method in entry.disclosure_forms.all()],
        "disclosed_on": entry.disclosed_on.isoformat() if entry.disclosed_on else None,
        "disclosure_period": entry.disclosure_period,
        "disclosure_ends_on": (
            entry.disclosure_ends_on.isoformat() if entry.disclosure_ends_on else None
        ),
        "place": entry.place,
        "access_url": entry.access_url,
        "consent_ground": entry.consent_ground or None,
        "consent_holder": entry.consent_holder,
        "status": entry.status,
        "listed_on": entry.listed_on.isoformat(),
        "updated_at": timezone.localtime(entry.updated_at).isoformat(),
        "url": request.build_absolute_uri(entry.get_absolute_url()),
    }


@require_safe
def documentation(request):
    return render(request, "catalogs/api.html", {"checks": compliance.checks()})


@require_safe
def agency_list(request):
    queryset = Agency.objects.with_compliance().select_related("parent").order_by("name", "pk")
    return _paginated(request, AgencyFilter(request.GET or None, queryset=queryset), _agency)


@require_safe
def entry_list(request):
    return _paginated(request, filtered_entries(request, exported=True), _entry)


@require_safe
def entry_detail(request, pk):
    entry = get_object_or_404(
        CatalogEntry.objects.public()
        .for_export()
        .prefetch_related(
            "corrections",
            Prefetch("files", queryset=CatalogFile.objects.public(), to_attr="public_files"),
        ),
        pk=pk,
    )
    data = _entry(request, entry)
    data["files"] = [
        {
            "title": str(attached),
            "size": attached.size,
            "url": request.build_absolute_uri(attached.get_absolute_url()),
        }
        for attached in entry.public_files
    ]
    data["corrections"] = [
        {"corrected_at": c.corrected_at.isoformat(), "reason": c.reason, "changes": c.changes}
        for c in entry.corrections.all()
    ]
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})
