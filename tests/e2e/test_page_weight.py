"""Slow connections (GitHub issue 9): in border, island and remote communes a citizen may be on a
weak mobile link. Each public page's first load, as the browser receives it over the network
(compressed), stays under 150 KB; nothing is fetched from another host (no CDN, no web fonts);
images carry their size so the page does not jump while loading; a citizen on a throttled
link still finds an agency and its catalog.

The weights measured are written to var/e2e/page-weights.json for the record.
"""

import json
from urllib.parse import urlsplit

import pytest

from tests.e2e.citizen import ARTIFACTS, VI, find_agency, search_its_catalog

pytestmark = pytest.mark.browser

LIMIT_BYTES = 150 * 1024
# Chrome DevTools' "Slow 3G" preset: 400 ms round trip, 400 kbit/s down, 400 kbit/s up.
SLOW_3G = {
    "offline": False,
    "latency": 400,
    "downloadThroughput": 50_000,
    "uploadThroughput": 50_000,
}


def _public_pages(agency, report):
    return {
        "home": "/",
        "agency directory": "/co-quan/",
        "agency page": f"/co-quan/{agency.slug}/",
        "internal regulation": f"/co-quan/{agency.slug}/quy-che/",
        "catalog list": "/danh-muc/",
        "catalog search": "/danh-muc/?q=ngan+sach",
        "catalog entry": agency.catalog_entries.get(catalog="public").get_absolute_url(),
        "request form": "/yeu-cau/gui/",
        "tracking lookup": "/yeu-cau/tra-cuu/",
        "complaint form": f"/yeu-cau/phan-anh/{agency.slug}/",
        "reports": "/bao-cao/",
        "published report": report.get_absolute_url(),
        "home (English)": "/en/",
    }


class Network:
    """What the browser fetched for one page, read from the DevTools protocol: every request's
    address and the bytes that crossed the wire for it (headers and compressed body)."""

    def __init__(self, page):
        self.urls, self.sizes = {}, {}
        self.cdp = page.context.new_cdp_session(page)
        self.cdp.send("Network.enable")
        self.cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})  # a first visit
        self.cdp.on("Network.requestWillBeSent", self._sent)
        self.cdp.on("Network.loadingFinished", self._finished)

    def _sent(self, event):
        self.urls[event["requestId"]] = event["request"]["url"]

    def _finished(self, event):
        self.sizes[event["requestId"]] = event["encodedDataLength"]

    def throttle(self, conditions):
        self.cdp.send("Network.emulateNetworkConditions", conditions)

    def reset(self):
        self.urls.clear()
        self.sizes.clear()

    def total_bytes(self):
        return sum(self.sizes.values())

    def hosts(self):
        return {urlsplit(url).netloc for url in self.urls.values() if not url.startswith("data:")}


def _unsized_images(page):
    """Images and inline charts without a width and height the layout can reserve."""
    return page.evaluate(
        """() => [...document.querySelectorAll('img, svg, video, iframe')]
            .filter((el) => !(el.getAttribute('width') && el.getAttribute('height'))
                            && !el.closest('svg:not(:scope)')
                            && !(el.tagName === 'svg' && el.getAttribute('viewBox')))
            .map((el) => el.outerHTML.slice(0, 80))"""
    )


def test_every_public_page_loads_under_150_kb_from_this_host_alone(
    live_server, page, province, published_report
):
    network = Network(page)
    own_host = urlsplit(live_server.url).netloc
    measured, too_heavy, elsewhere, unsized = {}, {}, {}, {}
    for name, path in _public_pages(province, published_report).items():
        network.reset()
        page.goto(live_server.url + path, wait_until="networkidle")
        weight = network.total_bytes()
        measured[name] = {
            "path": path,
            "kilobytes": round(weight / 1024, 1),
            "requests": len(network.sizes),
        }
        if weight > LIMIT_BYTES:
            too_heavy[name] = weight
        if network.hosts() - {own_host}:
            elsewhere[name] = network.hosts() - {own_host}
        if images := _unsized_images(page):
            unsized[name] = images
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "page-weights.json").write_text(json.dumps(measured, ensure_ascii=False, indent=2))

    assert all(page["requests"] >= 2 for page in measured.values())  # the page and its styles
    assert too_heavy == {}
    assert elsewhere == {}
    assert unsized == {}


def test_html_is_sent_compressed(live_server, page, province):
    response = page.goto(live_server.url + "/danh-muc/")

    assert response.all_headers().get("content-encoding") == "gzip"


def test_a_citizen_on_a_slow_3g_link_finds_an_agency_and_its_catalog(live_server, page, province):
    Network(page).throttle(SLOW_3G)
    page.set_default_timeout(30_000)

    find_agency(page, live_server.url, VI, "so tu phap", "Sở Tư pháp tỉnh An Giang")
    search_its_catalog(
        page, VI, "du toan ngan sach", "Báo cáo công khai dự toán ngân sách năm 2026"
    )

    assert page.get_by_role("link", name="Toàn văn").is_visible()
