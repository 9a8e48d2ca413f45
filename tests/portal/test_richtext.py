"""Rich text is sanitised on every save, so no script reaches a page, the admin or a PDF."""

import pytest
from django.template import Context, Template
from django.urls import reverse

from agencies.models import InternalRegulation
from agencies.services import publish_regulation
from tests import factories

HOSTILE = (
    '<p onclick="steal()">Điều 1<script>alert(1)</script></p>'
    '<a href="javascript:alert(2)">bấm vào đây</a>'
    '<img src=x onerror="alert(3)">'
    '<iframe src="https://evil.example"></iframe>'
    '<h2 style="color:red">Chương II</h2>'
    '<a href="https://thuvienphapluat.vn/van-ban">Luật 104/2016/QH13</a>'
)

pytestmark = pytest.mark.django_db


def _assert_clean(html):
    for marker in ("<script", "onclick", "onerror", "javascript:", "<iframe", "<img", "style="):
        assert marker not in html


def test_body_is_sanitised_when_saved_by_code(agency_a):
    regulation = factories.InternalRegulationFactory(agency=agency_a, body=HOSTILE)

    regulation.refresh_from_db()
    _assert_clean(regulation.body)
    assert "<h2>Chương II</h2>" in regulation.body
    assert 'href="https://thuvienphapluat.vn/van-ban"' in regulation.body


def test_body_is_sanitised_when_saved_from_the_admin(client, officer_a):
    client.force_login(officer_a)

    client.post(
        reverse("admin:agencies_internalregulation_add"),
        {
            "title": "Quy chế",
            "decision_number": "1/QĐ-STC",
            "decision_date": "01/09/2025",
            "effective_date": "01/09/2025",
            "body": HOSTILE,
        },
    )

    _assert_clean(InternalRegulation.objects.get().body)


def test_body_written_around_the_orm_is_sanitised_on_output(agency_a):
    regulation = factories.InternalRegulationFactory(agency=agency_a)
    InternalRegulation.objects.filter(pk=regulation.pk).update(body=HOSTILE)
    regulation.refresh_from_db()

    rendered = Template("{% load portal_tags %}{{ body|rich_text }}").render(
        Context({"body": regulation.body})
    )

    _assert_clean(rendered)


def test_public_regulation_page_carries_no_script(client, agency_a):
    publish_regulation(factories.InternalRegulationFactory(agency=agency_a, body=HOSTILE))

    page = client.get(reverse("agencies:regulation", args=[agency_a.slug])).content.decode()

    assert "Chương II" in page
    _assert_clean(page.split('class="rich-text"')[1].split("</section>")[0])
