"""The annotated page in a real browser: headless Chromium renders it, runs its script, and we read the DOM.

Skips, saying why, when no Chromium is installed (``make test`` installs Debian's ``chromium``; set
``JZROL_CHROMIUM`` to use another binary).
"""

import os
import shutil
import subprocess
from urllib.parse import quote

import pytest
from PIL import Image

from jzrol.annotate import annotated_page
from jzrol.claims import extract_claims
from jzrol.report import outline
from jzrol.themes import code_units
from tests.cdp import Browser
from tests.pagedom import by_id, parse_page

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--enable-logging=stderr", "--v=0"]
TERM = "行政"


@pytest.fixture(scope="module")
def browser():
    found = os.environ.get("JZROL_CHROMIUM") or next(filter(None, map(shutil.which, BROWSERS)), None)
    if not found:
        pytest.skip("no headless Chromium found (tried " + ", ".join(BROWSERS) + "); install Debian's chromium "
                    "(make test does, or apt-get install chromium) or set JZROL_CHROMIUM to a Chromium binary")
    return found


@pytest.fixture(scope="module")
def seed_page(seed, tmp_path_factory):
    path = tmp_path_factory.mktemp("page") / "seed.html"
    path.write_text(annotated_page(seed), encoding="utf-8")
    return path


def run_browser(browser, tmp_path, url, *extra):
    profile = tmp_path / "profile"
    result = subprocess.run([browser, *FLAGS, f"--user-data-dir={profile}", *extra, url],
                            capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr[-2000:]
    errors = [line for line in result.stderr.splitlines() if "CONSOLE" in line and "Uncaught" in line]
    assert not errors, errors  # the page's script ran without an error
    return result.stdout


def test_rendered_dom_marks_every_claim_and_theme_and_links_resolve(browser, seed, seed_page, tmp_path):
    url = seed_page.as_uri() + "?term=" + quote(TERM)
    dom = parse_page(run_browser(browser, tmp_path, url, "--dump-dom"))
    ids = by_id(dom)
    main = ids["text"]
    claims = extract_claims(seed.units)
    marked = [e for e in main.iter() if "data-claim" in e.attrs and "claim" in e.classes]
    assert sorted(int(e.attrs["data-claim"]) for e in marked) == sorted(claims["claim_id"])
    assert sorted(e.text() for e in marked) == sorted(claims["raw"])
    hits = code_units(seed.units)
    for unit_id, theme in zip(hits["unit_id"], hits["theme"]):
        assert [m.attrs["data-theme"] for m in ids[f"u{unit_id}"].find_all("span", "tm")].count(theme) == 1
    links = ids["outline"].find_all("a")
    assert len(links) >= len(outline(seed.units))
    assert all(link.attrs["href"][1:] in ids for link in links)
    for claim in marked:
        if claim.tag == "a":
            assert claim.attrs["href"][1:] in ids and "finding" in ids[claim.attrs["href"][1:]].classes
    # the script ran: the term in the address lists every occurrence beside the text
    expected = sum(text.rstrip().count(TERM) for text in seed.units["text"])
    assert expected > 10
    kwic = ids["kwic"].find_all("li")
    assert len(kwic) == expected
    assert all(item.find_all("b")[0].text() == TERM for item in kwic)
    assert ids["search-count"].text().startswith(f"{expected} occurrences")


def test_a_link_to_a_claim_opens_its_details(browser, seed, seed_page, tmp_path):
    claims = extract_claims(seed.units)
    claim = claims[claims["raw"] == "99.93%"].iloc[0]
    dom = parse_page(run_browser(browser, tmp_path, f"{seed_page.as_uri()}#c{claim.claim_id}", "--dump-dom"))
    tip = by_id(dom)["tip"]
    assert "hidden" not in tip.attrs
    rows = dict(zip((e.text() for e in tip.find_all("dt")), (e.text() for e in tip.find_all("dd"))))
    assert rows["claim"] == "99.93%" and rows["value"] == "99.93" and rows["unit"] == "%"
    assert rows["kind"] == "percent" and rows["qualifier"] == claim.qualifier and rows["interval"]
    assert rows["subject"] == claim.subject
    assert any(value.startswith("rounding · rate_of_counts") for value in rows.values())


@pytest.fixture
def live_page(browser, seed_page, tmp_path):
    """The seed's page open in a browser driven over the DevTools protocol."""
    driver = Browser(browser, str(tmp_path / "profile"), flags=[*FLAGS, "--window-size=1280,900"])
    try:
        driver.open(seed_page.as_uri())
        yield driver
        assert driver.console_errors() == []
    finally:
        driver.close()


def test_keyboard_moves_between_claims_sentences_and_search_hits(live_page, seed):
    page, active = live_page, "document.activeElement"
    tip_shown = "!document.getElementById('tip').hidden"
    claims = extract_claims(seed.units).sort_values("start")["claim_id"].tolist()
    page.press("j")
    assert page.evaluate(f"{active}.id") == f"c{claims[0]}" and page.evaluate(tip_shown)
    assert "value" in page.evaluate("document.getElementById('tip').textContent")
    page.press("j")
    assert page.evaluate(f"{active}.id") == f"c{claims[1]}"
    page.press("k")
    page.press("k")
    assert page.evaluate(f"{active}.id") == f"c{claims[-1]}"  # wraps around
    page.press("Escape")
    assert not page.evaluate(tip_shown)
    first_text = seed.units[seed.units["kind"] == "text"].iloc[0]
    page.press("]")
    assert page.evaluate(f"{active}.id") == f"u{first_text.unit_id}"
    themes = code_units(seed.units)
    matched = themes[themes["unit_id"] == first_text.unit_id]["matched"].iloc[0]
    assert matched.split("、")[0] in page.evaluate("document.getElementById('tip').textContent")
    page.press("/")
    assert page.evaluate(f"{active}.id") == "search"
    page.type_text("调解")
    page.evaluate("new Promise(done => setTimeout(done, 400))")
    expected = sum(text.rstrip().count("调解") for text in seed.units["text"])
    assert page.evaluate("document.querySelectorAll('#kwic li').length") == expected
    assert page.evaluate("CSS.highlights.get('jzrol-term').size") == expected
    page.press("Escape")
    page.press("n")
    assert page.evaluate(f"{active}.closest('#kwic') !== null")


def test_hover_shows_a_claim_and_the_legend_toggles_a_theme(live_page):
    page = live_page
    page.hover(".claim.st-rounding")
    assert page.evaluate("!document.getElementById('tip').hidden")
    assert "rounding" in page.evaluate("document.getElementById('tip').textContent")
    visible = "Array.from(document.querySelectorAll('main .tm[data-theme=\"leadership\"]'))" \
              ".filter(m => getComputedStyle(m).display !== 'none').length"
    shown = page.evaluate(visible)
    assert shown > 0
    page.click('.toggle[data-theme="leadership"]')
    assert page.evaluate(visible) == 0
    assert page.evaluate("document.querySelector('.toggle[data-theme=\"leadership\"]').getAttribute('aria-pressed')") == "false"
    page.click('.toggle[data-theme="leadership"]')
    assert page.evaluate(visible) == shown
    page.click(".claim.st-rounding")
    assert page.evaluate("location.hash").startswith("#f")
    assert page.evaluate("document.querySelector(location.hash).classList.contains('finding')")


def test_print_gives_a_pdf(browser, seed_page, tmp_path):
    pdf = tmp_path / "page.pdf"
    run_browser(browser, tmp_path, seed_page.as_uri(), f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and data.count(b"/Type /Page") - data.count(b"/Type /Pages") >= 3


def test_screenshot_is_not_blank(browser, seed_page, tmp_path):
    shot = tmp_path / "page.png"
    run_browser(browser, tmp_path, seed_page.as_uri(), f"--screenshot={shot}", "--window-size=1280,1600",
                "--hide-scrollbars")
    with Image.open(shot) as image:
        colours = image.convert("RGB").getcolors(maxcolors=1 << 20)
        assert image.size == (1280, 1600)
    assert colours is None or len(colours) > 100  # text, marks and panels, not one flat colour
