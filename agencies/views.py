"""Public pages: the agency directory, each agency's access-to-information page, regulations.

Each page runs a fixed number of queries whatever the number of agencies (annotations and
prefetches, no per-row queries).
"""

from collections import defaultdict

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from portal.caching import for_visitors
from portal.files import serve_file

from .filters import AgencyFilter
from .models import Agency, InternalRegulation

DIRECTORY_PAGE_SIZE = 50


@require_safe
@for_visitors
def directory(request):
    agencies = Agency.objects.active().with_compliance().select_related("parent")
    filterset = AgencyFilter(request.GET or None, queryset=agencies.in_directory_order())
    results = filterset.qs
    as_tree = not filterset.is_filtering
    if as_tree:
        # Unfiltered, the directory is the hierarchy: top-level bodies with their units inside.
        results = _hierarchy(results)
    page = Paginator(results, DIRECTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "agencies/directory.html",
        {
            "filter": filterset,
            "page": page,
            "as_tree": as_tree,
            "query_without_page": _query_without_page(request),
        },
    )


def _hierarchy(agencies) -> list[Agency]:
    """The top-level agencies, each with ``active_children`` to any depth, from one query.

    An active unit whose parent no longer operates (a district body abolished in 2025) is shown
    at the top level rather than hidden under a body that is not listed.
    """
    everyone = list(agencies)
    listed = {agency.pk for agency in everyone}
    children = defaultdict(list)
    roots = []
    for agency in everyone:
        (children[agency.parent_id] if agency.parent_id in listed else roots).append(agency)
    for agency in everyone:
        agency.active_children = children[agency.pk]
    return roots


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@require_safe
@for_visitors
def detail(request, slug):
    agency = get_object_or_404(
        Agency.objects.with_compliance(with_facts=True).select_related("parent", "successor"),
        slug=slug,
    )
    context = {
        "agency": agency,
        "focal_points": list(agency.focal_points.active().order_by("arrangement", "name")),
        "regulation": agency.regulations.current().first(),
        "children": list(agency.children.active().order_by("name")),
        "predecessors": list(agency.predecessors.order_by("name")),
    }
    return render(request, "agencies/detail.html", context)


@require_safe
@for_visitors
def regulation(request, slug, pk=None):
    agency = get_object_or_404(Agency, slug=slug)
    versions = list(
        agency.regulations.published()
        .select_related("superseded_by")
        .order_by("-effective_date", "-decision_date", "-pk")
    )
    if pk is None:
        shown = next((v for v in versions if v.is_current), None)
    else:
        shown = next((v for v in versions if v.pk == pk), None)
        if shown is None:
            raise Http404
    return render(
        request,
        "agencies/regulation.html",
        {
            "agency": agency,
            "regulation": shown,
            "earlier_versions": [v for v in versions if v is not shown],
        },
    )


@require_safe
def regulation_file(request, slug, pk):
    # Drafts and their files never leave the admin.
    regulation = get_object_or_404(InternalRegulation.objects.published(), agency__slug=slug, pk=pk)
    return serve_file(regulation.signed_file)
