"""The portal's URLs plus ``/bench/bare/``: a view that does nothing, served by the same
middleware, the yardstick for the public pages' throughput."""

from django.http import HttpResponse
from django.urls import path

from portal.urls import urlpatterns as portal_urlpatterns


def bare(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare), *portal_urlpatterns]
