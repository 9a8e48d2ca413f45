"""Legal rule sets: the time limits, extension caps and refusal grounds, as effective-dated data.

The 2016 Law's values are seeded by a data migration (LEGAL §1.11, §7.5, §7.6). A replacement law
took effect on 1 September 2026 with details not yet confirmed (LEGAL §5.1): a superuser adds its
rule set in the admin, no code change needed. Every saved change becomes an immutable
``RuleSetRevision``; a request pins the revision in force when it was received, so later edits
never move its deadlines.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.text import NormalizedTextModel

from ..choices import Complexity, DayUnit, LimitGroup


class LegalRuleSet(NormalizedTextModel):
    """Bộ quy tắc pháp lý — the rules of one law, from the date it takes effect."""

    name = models.CharField(_("name"), max_length=255)
    law_reference = models.CharField(_("legal basis"), max_length=255)
    effective_from = models.DateField(_("in force from"), unique=True)
    is_confirmed = models.BooleanField(
        _("confirmed against the official text"),
        default=False,
        help_text=_("Leave unticked while the values are provisional."),
    )
    notes = models.TextField(_("notes"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("legal rule set")
        verbose_name_plural = _("legal rule sets")
        ordering = ("-effective_from",)

    def __str__(self):
        return f"{self.name} ({self.effective_from:%d/%m/%Y})"

    def snapshot(self) -> dict:
        """Everything a request needs from this rule set, as plain data."""
        return {
            "rule_set": self.pk,
            "name": self.name,
            "law_reference": self.law_reference,
            "effective_from": self.effective_from.isoformat(),
            "time_limits": [limit.as_data() for limit in self.time_limits.all()],
            "refusal_grounds": [ground.as_data() for ground in self.refusal_grounds.all()],
        }


class TimeLimit(NormalizedTextModel):
    """Thời hạn — the limits for one channel group and complexity (Law Arts 29–31)."""

    rule_set = models.ForeignKey(LegalRuleSet, on_delete=models.CASCADE, related_name="time_limits")
    limit_group = models.CharField(_("channel"), max_length=20, choices=LimitGroup.choices)
    complexity = models.CharField(_("complexity"), max_length=20, choices=Complexity.choices)
    notice_days = models.PositiveSmallIntegerField(
        _("written notice of the handling time within"),
        null=True,
        blank=True,
        help_text=_("Working days; empty when no separate notice is required."),
    )
    provide_days = models.PositiveSmallIntegerField(
        _("provide or refuse within"), help_text=_("0 means immediately.")
    )
    provide_unit = models.CharField(
        _("unit"), max_length=20, choices=DayUnit.choices, default=DayUnit.WORKING
    )
    extension_days = models.PositiveSmallIntegerField(_("extension of at most"), default=0)
    extension_unit = models.CharField(
        _("extension unit"), max_length=20, choices=DayUnit.choices, default=DayUnit.WORKING
    )
    legal_basis = models.CharField(_("legal basis"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("time limit")
        verbose_name_plural = _("time limits")
        ordering = ("limit_group", "complexity")
        constraints = (
            models.UniqueConstraint(
                fields=("rule_set", "limit_group", "complexity"), name="one_limit_per_case"
            ),
        )

    def __str__(self):
        return f"{self.get_limit_group_display()} / {self.get_complexity_display()}"

    def as_data(self) -> dict:
        return {
            field: getattr(self, field)
            for field in (
                "limit_group",
                "complexity",
                "notice_days",
                "provide_days",
                "provide_unit",
                "extension_days",
                "extension_unit",
                "legal_basis",
            )
        }


class RefusalGround(NormalizedTextModel):
    """Căn cứ từ chối — one ground of Law Art 28(1), as the rule set words it."""

    rule_set = models.ForeignKey(
        LegalRuleSet, on_delete=models.CASCADE, related_name="refusal_grounds"
    )
    code = models.SlugField(_("code"), max_length=40)
    label = models.CharField(_("ground"), max_length=255)
    legal_basis = models.CharField(_("legal basis"), max_length=100)
    needs_art6_subtype = models.BooleanField(
        _("asks which kind of Art 6 information"), default=False
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("refusal ground")
        verbose_name_plural = _("refusal grounds")
        ordering = ("order", "code")
        constraints = (
            models.UniqueConstraint(fields=("rule_set", "code"), name="one_ground_per_code"),
        )

    def __str__(self):
        return self.label

    def as_data(self) -> dict:
        return {
            "code": self.code,
            "label": self.label,
            "legal_basis": self.legal_basis,
            "needs_art6_subtype": self.needs_art6_subtype,
        }


class RuleSetRevision(models.Model):
    """An immutable copy of a rule set as saved; requests point at one."""

    rule_set = models.ForeignKey(LegalRuleSet, on_delete=models.PROTECT, related_name="revisions")
    number = models.PositiveIntegerField(_("revision"))
    saved_at = models.DateTimeField(_("saved"), auto_now_add=True)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("saved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    data = models.JSONField(_("rules"))

    class Meta:
        verbose_name = _("rule set revision")
        verbose_name_plural = _("rule set revisions")
        ordering = ("rule_set", "-number")
        constraints = (
            models.UniqueConstraint(fields=("rule_set", "number"), name="revision_numbered"),
        )

    def __str__(self):
        return f"{self.data['name']} — {_('revision')} {self.number}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError("A rule set revision is never changed once saved.")
        super().save(*args, **kwargs)

    def time_limit(self, limit_group: str, complexity: str) -> dict:
        for limit in self.data["time_limits"]:
            if limit["limit_group"] == limit_group and limit["complexity"] == complexity:
                return limit
        raise LookupError(f"No time limit for {limit_group}/{complexity} in {self}")

    def grounds(self) -> dict[str, dict]:
        return {ground["code"]: ground for ground in self.data["refusal_grounds"]}


def record_revision(rule_set: LegalRuleSet, actor=None) -> RuleSetRevision:
    last = rule_set.revisions.order_by("-number").first()
    return RuleSetRevision.objects.create(
        rule_set=rule_set,
        number=(last.number + 1) if last else 1,
        saved_by=actor,
        data=rule_set.snapshot(),
    )


def revision_in_force(on: datetime.date) -> RuleSetRevision:
    """The latest revision of the rule set in force on ``on``."""
    revision = (
        RuleSetRevision.objects.filter(rule_set__effective_from__lte=on)
        .order_by("-rule_set__effective_from", "-number")
        .first()
    )
    if revision is None:
        raise LookupError(f"No legal rule set is in force on {on}")
    return revision
