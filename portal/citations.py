"""Legal references as people read them: the rule sets store them in a short, language-neutral
form ("Law Art 28(1)(a)"), shown in Vietnamese as "điểm a khoản 1 Điều 28 Luật Tiếp cận thông
tin" and unchanged in English."""

import re

from django.utils import translation

SOURCES = {
    "Law": "Luật Tiếp cận thông tin",
    "Decree 13": "Nghị định số 13/2018/NĐ-CP",
    "Circular 46/2018/TT-BTC": "Thông tư số 46/2018/TT-BTC",
}
_SOURCE = re.compile(r"^(" + "|".join(re.escape(s) for s in SOURCES) + r")\s+(.*)$")
_ARTICLE = re.compile(r"^Art\s+(\d+)(?:\((\d+)\))?(?:\(([^)]+)\))?$")
_ARTICLES = re.compile(r"^Arts\s+(\d+)\s*[–-]\s*(\d+)$")


def cite(reference: str, language: str | None = None) -> str:
    """``reference`` in the reader's language; anything it cannot read is left as it is."""
    language = language or translation.get_language() or "vi"
    if not reference or not language.startswith("vi"):
        return reference
    parts = [_vietnamese(part.strip()) for part in reference.split(";")]
    return reference if None in parts else "; ".join(parts)


def _vietnamese(part: str) -> str | None:
    found = _SOURCE.match(part)
    if not found:
        return None
    source, rest = found.groups()
    refs = [_article(ref.strip()) for ref in rest.split(",")]
    if None in refs:
        return None
    return f"{', '.join(refs)} {SOURCES[source]}"


def _article(ref: str) -> str | None:
    if span := _ARTICLES.match(ref):
        return f"các Điều {span[1]}–{span[2]}"
    found = _ARTICLE.match(ref)
    if not found:
        return None
    article, clause, point = found.groups()
    words = [f"điểm {point}"] if point else []
    words += [f"khoản {clause}"] if clause else []
    return " ".join([*words, f"Điều {article}"])
