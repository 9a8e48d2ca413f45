"""Reading the portal's PDFs in tests with poppler-utils (pdftotext, pdftoppm, pdfinfo)."""

import re
import shutil
import subprocess
from pathlib import Path


def tools_ready() -> bool:
    try:
        import weasyprint  # noqa: F401

        from portal.pdf import render_pdf  # noqa: F401
    except (ImportError, OSError):
        return False
    return all(shutil.which(tool) for tool in ("pdftotext", "pdftoppm", "pdfinfo"))


TOOLS_MISSING = "WeasyPrint (Pango) and poppler-utils are needed; .ci/run installs them"


def text(path, *pages: int) -> str:
    span = ["-f", str(pages[0]), "-l", str(pages[-1])] if pages else []
    return subprocess.run(
        ["pdftotext", "-layout", *span, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def page_count(path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.MULTILINE).group(1))


def first_page_words(path) -> tuple[dict[str, tuple[float, float]], float]:
    """Each word of page 1 at its first (x, y) position, and the page's width."""
    html = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    words = {}
    pattern = r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]+)<'
    for x_min, y_min, _x_max, _y_max, word in re.findall(pattern, html):
        words.setdefault(word, (float(x_min), float(y_min)))
    return words, float(re.search(r'<page width="([\d.]+)"', html).group(1))


def assert_decree30_header(path, tmp_path: Path, date_word: str) -> None:
    """The national title sits in the right half, the motto below it and the date line below
    both, the number in the left half (Decree 30/2020 Appendix I); rendered to PNG, the top
    right of page 1 carries the dark ink of the national title."""
    words, page_width = first_page_words(path)
    assert words["CỘNG"][0] > page_width * 0.4
    assert words["CỘNG"][1] < words["Độc"][1] < words[date_word][1] < 150
    assert words["Số:"][0] < page_width * 0.4

    subprocess.run(
        ["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(path), str(tmp_path / "p")],
        check=True,
    )
    from PIL import Image

    image = Image.open(next(tmp_path.glob("p*.png"))).convert("L")
    width, height = image.size
    assert image.crop((width // 2, 0, width, height // 8)).getextrema()[0] < 100
