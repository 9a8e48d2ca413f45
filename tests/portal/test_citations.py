"""Legal references read in Vietnamese on Vietnamese pages and documents."""

import pytest

from portal.citations import cite


@pytest.mark.parametrize(
    ("reference", "vietnamese"),
    [
        ("Law Art 28(1)(a)", "điểm a khoản 1 Điều 28 Luật Tiếp cận thông tin"),
        ("Law Art 28(1)(đ)", "điểm đ khoản 1 Điều 28 Luật Tiếp cận thông tin"),
        ("Law Art 29(1)", "khoản 1 Điều 29 Luật Tiếp cận thông tin"),
        ("Law Arts 29–31", "các Điều 29–31 Luật Tiếp cận thông tin"),
        ("Law Art 7, Art 24(3)", "Điều 7, khoản 3 Điều 24 Luật Tiếp cận thông tin"),
        (
            "Law Art 28; Decree 13 Art 7",
            "Điều 28 Luật Tiếp cận thông tin; Điều 7 Nghị định số 13/2018/NĐ-CP",
        ),
        ("Circular 46/2018/TT-BTC Art 4", "Điều 4 Thông tư số 46/2018/TT-BTC"),
    ],
)
def test_references_read_in_vietnamese(reference, vietnamese):
    assert cite(reference, "vi") == vietnamese
    assert cite(reference, "en") == reference


@pytest.mark.parametrize("odd", ["", "Điều 28 Luật", "Law Article 5", "Law Art x(1)"])
def test_what_it_cannot_read_is_left_as_it_is(odd):
    assert cite(odd, "vi") == odd
