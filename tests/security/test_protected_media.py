"""Stored files are never served from a public URL: only through views that check who asks,
and behind nginx through X-Accel-Redirect to an internal location."""

import pytest
from django.urls import reverse

from agencies.services import publish_regulation
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def regulation(agency_a):
    return publish_regulation(factories.InternalRegulationFactory(agency=agency_a))


def test_media_paths_are_not_served_at_all(client, regulation, settings):
    name = regulation.signed_file.name

    for path in (f"/media/{name}", f"{settings.MEDIA_URL}{name}", "/media/", "/media/../"):
        assert client.get(path).status_code == 404


def test_behind_nginx_a_permitted_download_is_handed_to_the_internal_location(
    client, regulation, settings
):
    settings.PORTAL_X_ACCEL_REDIRECT = "/protected-media/"
    url = reverse("agencies:regulation_file", args=[regulation.agency.slug, regulation.pk])

    response = client.get(url)

    assert response.status_code == 200 and response.content == b""
    assert response["X-Accel-Redirect"] == f"/protected-media/{regulation.signed_file.name}"
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"


def test_behind_nginx_a_refused_download_is_refused_before_nginx(client, agency_a, settings):
    settings.PORTAL_X_ACCEL_REDIRECT = "/protected-media/"
    draft = factories.InternalRegulationFactory(agency=agency_a)  # not published
    url = reverse("agencies:regulation_file", args=[agency_a.slug, draft.pk])

    response = client.get(url)

    assert response.status_code == 404 and "X-Accel-Redirect" not in response
