"""The compliance checks citizens and the Department of Justice see for every agency.

Each app contributes the checks it knows about (agencies: focal point and internal regulation;
catalogs: a published list kept current), so that the agencies app, which the others depend on,
never imports them. A check is a boolean annotation on the Agency queryset; the directory's
badges, its filter and the home page's counts all walk the registered checks.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, Expression, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce


@dataclass(frozen=True)
class Check:
    key: str  # the annotation's name on Agency querysets
    slug: str  # in the directory filter's URL: ?compliance=no_<slug>
    order: int  # position among the badges
    met: str  # badge text when the agency complies
    missing: str  # badge text when it does not
    summary: str  # "… have …" on the home page, after the number of agencies
    expression: Callable[[], Expression]  # a boolean expression on OuterRef("pk")


_checks: dict[str, Check] = {}
_facts: dict[str, Callable[[], Expression]] = {}


def register(check: Check) -> None:
    _checks[check.key] = check


def register_fact(name: str, expression: Callable[[], Expression]) -> None:
    """A non-badge figure an agency's page shows (for example the last catalog update)."""
    _facts[name] = expression


def checks() -> list[Check]:
    return sorted(_checks.values(), key=lambda check: check.order)


def annotations(*, with_facts: bool = False) -> dict[str, Expression]:
    exprs = {check.key: check.expression() for check in checks()}
    if with_facts:
        exprs |= {name: expression() for name, expression in _facts.items()}
    return exprs


def per_agency(queryset, aggregate, path: str = "agency") -> Subquery:
    """``aggregate`` over the rows of ``queryset`` belonging to the agency of the outer row."""
    return Subquery(
        queryset.filter(**{path: OuterRef("pk")})
        .order_by()
        .values(path)
        .annotate(value=aggregate)
        .values("value")[:1]
    )


def count_per_agency(queryset, path: str = "agency"):
    """How many rows of ``queryset`` belong to the agency of the outer row (0 when none)."""
    return Coalesce(per_agency(queryset, Count("pk"), path), 0, output_field=IntegerField())
