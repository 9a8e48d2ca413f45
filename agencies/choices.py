"""Enumerations of the agencies app, kept apart so that querysets and constraints can use them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AgencyKind(models.TextChoices):
    # Law Art 9(2)(e): the Office of the provincial People's Committee answers for the PPC.
    PPC_OFFICE = "ppc_office", _("Office of the provincial People's Committee")
    # Law Art 9(2)(đ): the Office of the provincial People's Council answers for the Council.
    COUNCIL_OFFICE = "council_office", _("Office of the provincial People's Council")
    DEPARTMENT = "department", _("Department or sector agency")
    # Law Art 9(2)(h); since 1 July 2025 communes, wards and special zones (LEGAL §5.2).
    COMMUNE = "commune", _("Commune, ward or special-zone People's Committee")
    OTHER = "other", _("Other agency")


class AreaRate(models.IntegerChoices):
    # Circular 46/2018/TT-BTC Art 3: 70 % in difficult areas, 50 % in extremely difficult ones.
    FULL = 100, _("100% (ordinary area)")
    DIFFICULT = 70, _("70% (area with difficult socio-economic conditions)")
    EXTREMELY_DIFFICULT = 50, _("50% (area with extremely difficult conditions)")


class FocalArrangement(models.TextChoices):
    # Decree 13 Arts 6–7: a focal unit, a focal section, or an individual where there is no unit.
    UNIT = "unit", _("Focal unit")
    SECTION = "section", _("Focal section")
    INDIVIDUAL = "individual", _("Individual focal person")


class RegulationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
