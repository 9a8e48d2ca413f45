"""PDF rendering for official documents (WeasyPrint), with the fonts shipped in static/fonts.

Decree 30/2020/NĐ-CP asks for Times New Roman; Tinos is metric-compatible and covers every
Vietnamese letter (DESIGN §7). WeasyPrint needs Pango from the system: where it is missing
(a bare development machine) rendering raises ``PdfUnavailable`` with the fix, instead of the
whole site failing to start.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

FONTS_DIR = settings.BASE_DIR / "static" / "fonts"


class PdfUnavailable(Exception):
    pass


def render_pdf(template: str, context: dict) -> bytes:
    return html_to_pdf(render_html(template, context))


def render_html(template: str, context: dict) -> str:
    """The document as HTML, with the shipped fonts' location."""
    return render_to_string(template, {**context, "fonts_dir": FONTS_DIR.as_uri()})


def pdf_available() -> bool:
    try:
        _weasyprint()
    except PdfUnavailable:
        return False
    return True


def _weasyprint():
    try:
        from weasyprint import HTML
        from weasyprint.text.fonts import FontConfiguration
    except (ImportError, OSError) as error:
        raise PdfUnavailable(
            _(
                "PDF documents cannot be made on this server: WeasyPrint cannot load Pango "
                "(install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0; bash .ci/run "
                "does)."
            )
        ) from error
    return HTML, FontConfiguration


def html_to_pdf(html: str) -> bytes:
    HTML, FontConfiguration = _weasyprint()
    fonts = FontConfiguration()
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(font_config=fonts)
