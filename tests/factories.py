"""One factory per model (STYLE: factories, not fixtures)."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile

from agencies.demo import demo_pdf
from agencies.models import Agency, FocalPoint, InternalRegulation, Officer
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
