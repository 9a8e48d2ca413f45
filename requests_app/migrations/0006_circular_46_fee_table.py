"""Seed the fee table of Circular 46/2018/TT-BTC (LEGAL §3.1, §7.7): amounts in VND."""

from django.db import migrations

# (code, work done, unit, amount, paper sizes apply)
ITEMS = [
    ("1.1", "Phô tô tài liệu đen trắng (đã bao gồm vật tư)", "trang A4", 3_000, True),
    ("1.2", "Phô tô tài liệu màu (đã bao gồm vật tư)", "trang A4", 18_000, True),
    ("2.1", "In từ phim, ảnh gốc, cỡ đến 15 × 21 cm", "tấm", 36_000, False),
    ("2.2", "In từ phim, ảnh gốc, cỡ 20 × 25 đến 20 × 30 cm", "tấm", 54_000, False),
    ("2.3", "In từ phim, ảnh gốc, cỡ 25 × 35 đến 30 × 40 cm", "tấm", 135_000, False),
    ("3", "In sao tài liệu ghi âm (chưa bao gồm vật tư)", "phút nghe", 27_000, False),
    ("4", "In sao phim điện ảnh (chưa bao gồm vật tư)", "phút chiếu", 54_000, False),
    ("5.1", "In tài liệu đã số hóa, toàn văn, đen trắng (đã bao gồm vật tư)", "trang A4", 2_000, True),
    ("5.2", "In tài liệu đã số hóa, toàn văn, màu (đã bao gồm vật tư)", "trang A4", 14_000, True),
]


def seed(apps, schema_editor):
    FeeItem = apps.get_model("requests_app", "FeeItem")
    for order, (code, name, unit, price, sizes) in enumerate(ITEMS, start=1):
        FeeItem.objects.get_or_create(
            code=code,
            defaults={"name": name, "unit": unit, "unit_price": price, "sizes_apply": sizes, "order": order},
        )


class Migration(migrations.Migration):
    dependencies = [("requests_app", "0005_fees")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
