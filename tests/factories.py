"""One factory per model (STYLE: factories, not fixtures)."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone

from agencies.demo import demo_pdf
from agencies.models import Agency, FocalPoint, InternalRegulation, Officer
from catalogs.models import CatalogEntry, CatalogFile
from portal.roles import DEPARTMENT_OF_JUSTICE, FOCAL_POINT_OFFICERS


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"Ủy ban nhân dân xã Số {n}")
    kind = Agency.Kind.DEPARTMENT
    email = factory.Sequence(lambda n: f"coquan{n}@angiang.gov.vn")
    phone = "0297 3 862 000"
    address = "Số 1 đường Trần Phú, phường Rạch Giá, tỉnh An Giang"


class FocalPointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FocalPoint

    agency = factory.SubFactory(AgencyFactory)
    arrangement = FocalPoint.Arrangement.UNIT
    name = "Văn phòng"
    position = "Chánh Văn phòng"
    phone = "0297 3 862 111"
    email = factory.Sequence(lambda n: f"daumoi{n}@angiang.gov.vn")
    is_active = True


def pdf_file(name="quyet-dinh.pdf"):
    return ContentFile(demo_pdf("123/QD-TEST"), name=name)


class InternalRegulationFactory(factory.django.DjangoModelFactory):
    """A draft; use ``publish_regulation`` to publish it, as the admin does."""

    class Meta:
        model = InternalRegulation

    agency = factory.SubFactory(AgencyFactory)
    title = factory.Sequence(lambda n: f"Quy chế cung cấp thông tin số {n}")
    decision_number = factory.Sequence(lambda n: f"{n}/QĐ-TEST")
    decision_date = datetime.date(2025, 8, 1)
    effective_date = datetime.date(2025, 8, 15)
    body = "<p>Điều 1. Phạm vi điều chỉnh</p>"
    signed_file = factory.LazyFunction(pdf_file)
    designates_focal_point = True
    covers_handover = True
    covers_classification = True
    covers_updating = True
    covers_request_procedure = True


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    is_staff = True
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        for name in extracted or ():
            self.groups.add(Group.objects.get(name=name))

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create:
            instance.save()  # keeps the password set by the post-generation call


class OfficerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Officer

    user = factory.SubFactory(UserFactory, groups=[FOCAL_POINT_OFFICERS])
    agency = factory.SubFactory(AgencyFactory)
    full_name = "Nguyễn Văn Minh"
    position = "Chuyên viên"


class DojUserFactory(UserFactory):
    username = factory.Sequence(lambda n: f"tuphap{n}")
    groups = factory.PostGeneration(
        lambda user, create, extracted, **kwargs: user.groups.add(
            Group.objects.get(name=DEPARTMENT_OF_JUSTICE)
        )
    )


class CatalogEntryFactory(factory.django.DjangoModelFactory):
    """A published entry of the public list; pass status=… or catalog=… for others."""

    class Meta:
        model = CatalogEntry

    agency = factory.SubFactory(AgencyFactory)
    catalog = CatalogEntry.Catalog.PUBLIC
    category = CatalogEntry.Category.DD
    title = factory.Sequence(lambda n: f"Báo cáo công khai dự toán ngân sách số {n}")
    number_symbol = factory.Sequence(lambda n: f"{n}/BC-STC")
    created_on = datetime.date(2025, 9, 1)
    status = CatalogEntry.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
    disclosed_on = datetime.date(2025, 9, 3)
    classification = factory.LazyAttribute(
        lambda e: (
            CatalogEntry.Classification.CONDITIONAL
            if e.catalog == CatalogEntry.Catalog.CONDITIONAL
            else CatalogEntry.Classification.PUBLIC
        )
    )
    consent_ground = factory.LazyAttribute(
        lambda e: "business_secret" if e.catalog == CatalogEntry.Catalog.CONDITIONAL else ""
    )
    consent_holder = factory.LazyAttribute(
        lambda e: "Nhà thầu" if e.catalog == CatalogEntry.Catalog.CONDITIONAL else ""
    )


class CatalogFileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CatalogFile

    entry = factory.SubFactory(CatalogEntryFactory)
    title = "Toàn văn"
    file = factory.LazyFunction(lambda: pdf_file("toan-van.pdf"))


def make_request(agency=None, *, channel="online", received_at=None, **fields):
    """A request recorded as the portal records one: through workflow.open_request."""
    from requests_app.models import InformationRequest
    from requests_app.workflow import open_request

    values = {
        "agency": agency or AgencyFactory(),
        "channel": channel,
        "full_name": "Trần Văn Bình",
        "id_number": "091088001234",
        "address": "Số 12 đường Lê Lợi, phường Rạch Giá",
        "email": "binh@example.com",
        "information": "Quyết định phê duyệt quy hoạch sử dụng đất năm 2026",
        "purpose": "Tìm hiểu quy hoạch liên quan đến thửa đất của gia đình",
        "delivery_form": "email",
        **fields,
    }
    if received_at is not None:
        values["received_at"] = received_at
    request_obj = InformationRequest(**values)
    open_request(request_obj)
    return request_obj


REQUEST_ADMIN_INLINES = (
    "members",
    "attachments",
    "response_files",
    "refusals",
    "notices",
    "events",
)


def request_received_by_post(**changes) -> dict:
    """The request admin's add form as an officer fills it in for a request that came by post,
    every inline empty unless ``changes`` says otherwise."""
    data = {
        "channel": "post",
        "received_at_0": "05/09/2025",
        "received_at_1": "10:00",
        "requester_kind": "self",
        "full_name": "Đặng Văn Út",
        "id_type": "citizen_card",
        "id_number": "091055000111",
        "address": "Ấp 3, xã Vĩnh Điều",
        "information": "Danh sách hộ được hỗ trợ sau lũ năm 2025",
        "purpose": "Kiểm tra tên gia đình",
        "delivery_form": "post",
        "copies": "1",
        **{
            f"{inline}-{count}": "0"
            for inline in REQUEST_ADMIN_INLINES
            for count in ("TOTAL_FORMS", "INITIAL_FORMS")
        },
    }
    return {**data, **changes}
