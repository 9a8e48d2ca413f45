"""Strategies of hostile input for the property-based tests, and the count of examples each
form received (printed at the end of the run by tests/security/conftest.py)."""

import unicodedata
from collections import Counter

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# The same examples on every run, so a CI failure reproduces on a laptop; no deadline, as one
# example renders a whole page (on a shared machine that takes its time).
HOSTILE = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    # The Django test client and the database fixtures are function-scoped on purpose: every
    # example of a test runs in the test's transaction, against the same agency and entry.
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)

EXAMPLES: Counter = Counter()


def count(form: str) -> None:
    EXAMPLES[form] += 1


VIETNAMESE = ("Nguyễn Thị Hoa", "Sở Tư pháp", "Đặc khu Phú Quốc", "ỦY BAN NHÂN DÂN TỈNH")
PIECES = (
    "\x00",
    "\u202e",  # right-to-left override
    "\u200f",  # right-to-left mark
    "\u2066",  # left-to-right isolate
    "\ufeff",  # byte order mark
    "\u200b",  # zero-width space
    "\u0344" * 200,  # 200 characters that NFC turns into 400
    "<script>alert(1)</script>",
    '"><svg onload=alert(1)>',
    "' OR 1=1 --",
    "%00",
    "../../../etc/passwd",
    "{{ 7|add:7 }}{% now 'Y' %}",
    '=HYPERLINK("http://x")',
    "\r\nSet-Cookie: x=1",
    "١٢٣٤",  # Arabic-Indic digits: isdigit() is True
    "ß" * 10,  # upper() makes it twice as long
)

nfd_vietnamese = st.sampled_from(VIETNAMESE).map(lambda s: unicodedata.normalize("NFD", s))
controls = st.characters(categories=["Cc"])  # C0 and C1 controls, NUL among them
piece = st.one_of(
    st.text(max_size=30),  # any code point but surrogates
    nfd_vietnamese,
    st.sampled_from(PIECES),
    controls,
)
# Over 10,000 characters: one character repeated, after a hostile beginning.
very_long = st.builds(
    lambda start, ch, n: start + ch * n,
    piece,
    st.characters(exclude_categories=["Cs"]),
    st.integers(10_000, 12_000),
)
hostile_text = st.one_of(st.lists(piece, max_size=5).map("".join), very_long)

ODD_NUMBERS = (
    "-1",
    "0",
    "00",
    "-0",
    "1.5",
    "1e9",
    "NaN",
    "inf",
    "-inf",
    " 2 ",
    "²",
    "١٢",
    "0x10",
    "9" * 5_000,  # beyond int()'s default digit limit
    str(2**63),
    str(-(2**63) - 1),
    "last",
)
odd_number = st.one_of(
    st.integers().map(str),
    st.integers(min_value=2**31, max_value=10**30).map(str),
    st.sampled_from(ODD_NUMBERS),
    hostile_text,
)


def query(names, values=hostile_text):
    """A query string naming some of ``names`` (and at times an unknown parameter)."""
    return st.dictionaries(st.sampled_from([*names, "x"]), values, max_size=len(names) + 1)
