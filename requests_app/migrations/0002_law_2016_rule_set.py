"""Seed the rule set of Law 104/2016/QH13 and Decree 13/2018/NĐ-CP (LEGAL §1.11, §7.5, §7.6).

In force from 1 July 2018 (Law Art 37). The rule set of the replacement law (reportedly in force
from 1 September 2026, details unconfirmed, LEGAL §5.1) is added by a superuser in the admin.
"""

import datetime

from django.db import migrations

W, D = "working", "calendar"
# (channel group, complexity, notice WD, provide, provide unit, extension, extension unit, basis)
TIME_LIMITS = [
    ("in_person", "simple", None, 0, W, 0, W, "Law Art 29(1)"),
    ("in_person", "complex", None, 10, W, 10, W, "Law Art 29(2)"),
    ("electronic", "simple", None, 3, W, 0, W, "Law Art 30(3)"),
    ("electronic", "complex", 3, 15, W, 15, D, "Law Art 30(3)"),
    ("post_fax", "simple", None, 5, W, 0, W, "Law Art 31(1)"),
    ("post_fax", "complex", 3, 15, W, 15, D, "Law Art 31(2)"),
]
# Law Art 28(1), in the order the law lists them (LEGAL §7.6).
REFUSAL_GROUNDS = [
    ("a6_not_accessible", "Thông tin thuộc loại không được tiếp cận (Điều 6)", "Law Art 28(1)(a)", True),
    ("a7_no_consent", "Thông tin tiếp cận có điều kiện chưa đáp ứng điều kiện (Điều 7)", "Law Art 28(1)(a)", False),
    ("a17_already_public", "Thông tin đã được công khai (Điều 17), trừ trường hợp khoản 1 Điều 23", "Law Art 28(1)(b)", False),
    ("not_responsible", "Thông tin không thuộc trách nhiệm cung cấp của cơ quan", "Law Art 28(1)(c)", False),
    ("provided_twice", "Thông tin đã được cung cấp 02 lần cho chính người yêu cầu", "Law Art 28(1)(d)", False),
    ("exceeds_capacity", "Vượt quá khả năng đáp ứng hoặc làm ảnh hưởng đến hoạt động bình thường của cơ quan", "Law Art 28(1)(đ)", False),
    ("not_paid", "Người yêu cầu chưa thanh toán chi phí thực tế", "Law Art 28(1)(e)", False),
]


def seed(apps, schema_editor):
    LegalRuleSet = apps.get_model("requests_app", "LegalRuleSet")
    TimeLimit = apps.get_model("requests_app", "TimeLimit")
    RefusalGround = apps.get_model("requests_app", "RefusalGround")
    RuleSetRevision = apps.get_model("requests_app", "RuleSetRevision")
    rule_set, created = LegalRuleSet.objects.get_or_create(
        effective_from=datetime.date(2018, 7, 1),
        defaults={
            "name": "Luật Tiếp cận thông tin 2016",
            "law_reference": "Luật số 104/2016/QH13; Nghị định số 13/2018/NĐ-CP",
            "is_confirmed": True,
        },
    )
    if not created:
        return
    limits = [
        TimeLimit(
            rule_set=rule_set,
            limit_group=group,
            complexity=complexity,
            notice_days=notice,
            provide_days=provide,
            provide_unit=provide_unit,
            extension_days=extension,
            extension_unit=extension_unit,
            legal_basis=basis,
        )
        for group, complexity, notice, provide, provide_unit, extension, extension_unit, basis in TIME_LIMITS
    ]
    TimeLimit.objects.bulk_create(limits)
    grounds = [
        RefusalGround(
            rule_set=rule_set,
            code=code,
            label=label,
            legal_basis=basis,
            needs_art6_subtype=subtype,
            order=order,
        )
        for order, (code, label, basis, subtype) in enumerate(REFUSAL_GROUNDS, start=1)
    ]
    RefusalGround.objects.bulk_create(grounds)
    # Historical models have no methods: the snapshot is built here as LegalRuleSet.snapshot does.
    RuleSetRevision.objects.create(
        rule_set=rule_set,
        number=1,
        data={
            "rule_set": rule_set.pk,
            "name": rule_set.name,
            "law_reference": rule_set.law_reference,
            "effective_from": rule_set.effective_from.isoformat(),
            "time_limits": [
                {
                    "limit_group": l.limit_group,
                    "complexity": l.complexity,
                    "notice_days": l.notice_days,
                    "provide_days": l.provide_days,
                    "provide_unit": l.provide_unit,
                    "extension_days": l.extension_days,
                    "extension_unit": l.extension_unit,
                    "legal_basis": l.legal_basis,
                }
                for l in limits
            ],
            "refusal_grounds": [
                {
                    "code": g.code,
                    "label": g.label,
                    "legal_basis": g.legal_basis,
                    "needs_art6_subtype": g.needs_art6_subtype,
                }
                for g in grounds
            ],
        },
    )


class Migration(migrations.Migration):
    dependencies = [("requests_app", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
