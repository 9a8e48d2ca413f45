"""Site-wide pages: the province's access-to-information home page and the health check."""

from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from agencies.models import Agency
from portal import compliance
from portal.caching import for_visitors


@require_safe
@for_visitors
def home(request):
    counts = Agency.objects.active().with_compliance().aggregate_compliance()
    compliance_counts = [(counts[check.key], check.summary) for check in compliance.checks()]
    return render(
        request, "portal/home.html", {"counts": counts, "compliance_counts": compliance_counts}
    )


@require_safe
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says; send them to the static icon."""
    return redirect(static("img/favicon.svg"))


@never_cache
@require_safe
def healthz(request):
    """For the container healthcheck: the process answers and the database is reachable."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
