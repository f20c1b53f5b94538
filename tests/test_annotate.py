"""The annotated page, checked statically: its text is the source, its marks sit on the right spans."""

import json
import re
import subprocess
import sys

import pytest

from jzrol import paths, read_report
from jzrol.annotate import annotated_page, page_data
from jzrol.claims import check_claims, extract_claims
from jzrol.report import parse_report, part_roles
from jzrol.themes import code_units
from tests.conftest import DATA
from tests.pagedom import by_id, parse_page

FIXTURES = ["traditional.txt", "page-gbk.html", "county-no-blank-lines.txt", "page-with-table.html",
            "district-split-title.txt", "info-table.txt", "no-title.txt"]
EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["']?(?:https?:|//)|<link\b|@import|url\(|<iframe\b""", re.IGNORECASE)


def check_page(report, page):
    """Every static property of a page: text, claims, themes, links, self-containment."""
    root = parse_page(page)
    ids = by_id(root)
    main = ids["text"]
    # the text is the decoded source, character for character, chrome included (folded, not dropped)
    assert main.text(skip=("summary",)) == report.text
    for element in main.iter():
        if "data-start" in element.attrs:
            start = int(element.attrs["data-start"])
            text = element.text()
            assert text == report.text[start:start + len(text)], element.attrs
    # every claim of the claims table once, on its own span, inside its sentence
    claims = extract_claims(report.units)
    marked = [e for e in main.iter() if "data-claim" in e.attrs]
    assert sorted(int(e.attrs["data-claim"]) for e in marked) == sorted(claims["claim_id"].tolist())
    raw = dict(zip(claims["claim_id"], claims["raw"]))
    starts = dict(zip(claims["claim_id"], claims["start"]))
    for element in marked:
        claim_id = int(element.attrs["data-claim"])
        assert element.text() == raw[claim_id] and int(element.attrs["data-start"]) == starts[claim_id]
        assert any("text" in a.classes and "u" in a.classes for a in element.ancestors())
    # every finding listed, linking to its claims, and each linked claim pointing to a finding
    findings = check_claims(claims, report.units)
    items = [e for e in root.iter() if "finding" in e.classes]
    assert len(items) == len(findings)
    for item, ids_text in zip(items, findings["claim_ids"]):
        targets = [a.attrs["href"] for a in item.find_all("a")]
        assert targets == [f"#c{i}" for i in str(ids_text).split("|")]
    for element in marked:
        if element.tag == "a":
            assert element.attrs["href"][1:] in ids
    # every theme hit of code_units is one margin mark on its sentence
    hits = code_units(report.units)
    for unit_id, theme in zip(hits["unit_id"], hits["theme"]):
        marks = [m for m in ids[f"u{unit_id}"].find_all("span", "tm") if m.attrs["data-theme"] == theme]
        assert len(marks) == 1, (unit_id, theme)
    assert len(main.find_all("span", "tm")) == len(hits)
    # every link inside the page resolves
    for link in root.find_all("a"):
        href = link.attrs.get("href", "")
        assert href.startswith("#") and href[1:] in ids, href
    # self-contained and deterministic
    assert not EXTERNAL.search(page)
    assert str(paths.ROOT) not in page
    data = json.loads(ids["jzrol-data"].text())
    assert len(data["claims"]) == len(claims) and len(data["findings"]) == len(findings)
    return root


def test_seed_page_text_claims_themes_and_links(seed):
    page = annotated_page(seed)
    root = check_page(seed, page)
    assert len(page.encode("utf-8")) < 300_000
    assert annotated_page(seed) == page  # the same bytes every time
    outline = by_id(root)["outline"]
    roles = [e.text() for e in outline.find_all("span", "role")]
    assert roles == part_roles(seed.units)["role"].tolist()[1:]  # the preamble's label is its role
    parts = outline.find_all("ol", "parts")[0]
    assert len([li for li in parts.children if getattr(li, "tag", "") == "li"]) == 4
    assert "中共锦州市委、锦州市人民政府" in page and "顶盛体育" in by_id(root)["top"].text()
    assert "page chrome: site, breadcrumb, column" in page and "page chrome: footer" in page


def test_outline_gives_each_part_its_theme_shares(seed):
    root = parse_page(annotated_page(seed))
    shares = page_data(seed)["part_shares"]
    parts = [li for li in by_id(root)["outline"].find_all("ol", "parts")[0].children if getattr(li, "tag", "") == "li"]
    for part, item in enumerate(parts):
        chips = [c for c in item.children if getattr(c, "tag", "") == "span" and "chips" in c.classes]
        shown = {c.attrs["data-theme"]: c.text()[1:] for c in (chips[0].find_all("span", "chip") if chips else [])}
        expected = shares[shares.part == part]
        assert shown == {t: "<1%" if v < 0.005 else f"{round(v * 100)}%" for t, v in zip(expected.theme, expected.share)}


@pytest.mark.parametrize("text", ["一、成效\n\n我们很好。", "关于2020年法治政府建设情况的报告", "一、成效", " \n"])
def test_pages_without_claims_themes_or_body(text):
    report = parse_report(text)
    page = annotated_page(report)
    check_page(report, page)
    assert "No check applies" in page


def test_claim_details_and_statuses(seed):
    data = page_data(seed)
    claims = {c["raw"]: c for c in data["claims"]}
    assert claims["99.93%"]["status"] == "rounding" and claims["99.93%"]["kind"] == "percent"
    assert claims["1000余场次"]["qualifier"] == "more_than" and claims["1000余场次"]["interval"] == "≥ 1,000"
    assert claims["4次"]["interval"] == "= 4" and claims["4次"]["findings"] == []


def test_theme_shares_count_sentences_once(seed):
    shares = page_data(seed)["part_shares"]
    hits = code_units(seed.units)
    text = seed.units[seed.units["kind"] == "text"]
    part1 = shares[(shares.part == 1) & (shares.theme == "enforcement")].iloc[0]
    touched = hits[(hits.part == 1) & (hits.theme == "enforcement")]["unit_id"].nunique()
    assert part1["coded"] == touched and part1["sentences"] == (text.part == 1).sum()
    assert part1["share"] == round(touched / (text.part == 1).sum(), 4)


@pytest.mark.parametrize("name", FIXTURES)
def test_fixture_pages(name):
    report = read_report(DATA / name)
    page = annotated_page(report)
    check_page(report, page)
    traditional = report.meta.provenance.get("script") == "traditional"
    assert ('<html lang="zh-Hant">' if traditional else '<html lang="zh-Hans">') in page  # picks the CJK font
    assert traditional == (name == "traditional.txt")


def test_markup_in_the_text_is_escaped_and_kept():
    text = "一、成效\n\n共办结12件<script>alert(1)</script>，约3.5万元&amp;。\r\n二、问题\n\n“</div>”未解决3个。"
    report = parse_report(text)
    page = annotated_page(report)
    assert "<script>alert" not in page
    check_page(report, page)


def test_corpus_pages(corpus_files):
    for path in corpus_files[::17]:
        report = read_report(path)
        check_page(report, annotated_page(report))


def test_cli_writes_the_page_and_refuses_several_reports(tmp_path):
    out = tmp_path / "page.html"
    command = [sys.executable, "-m", "jzrol.cli", "annotate"]
    result = subprocess.run([*command, str(paths.SEED_REPORT), "-o", str(out)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8") == annotated_page(read_report(paths.SEED_REPORT))
    result = subprocess.run([*command, str(DATA), "-o", str(tmp_path / "x.html")], capture_output=True, text=True)
    assert result.returncode == 2 and "annotate takes one report" in result.stderr
    assert result.stderr.count("\n") == 1 and not (tmp_path / "x.html").exists()
    result = subprocess.run([*command, str(DATA / "empty.txt"), "-o", str(out)], capture_output=True, text=True)
    assert result.returncode == 2 and "empty.txt" in result.stderr and "Traceback" not in result.stderr
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")  # the earlier page is intact
