"""Reports as PDF and Word files: the seed laid out as a printed PDF and written as a DOCX parses as
the seed's text file does; files jzrol cannot read are refused with what to do."""

import io
import subprocess
import sys

import pandas as pd
import pytest

from jzrol import paths, read_report
from jzrol.corpus import list_reports
from jzrol.documents import is_page_number, read_docx
from jzrol.sources import SourceError, read_source
from jzrol.word_text import chinese_counting, format_number
from tests.documents_build import paragraphs_of, write_docx, write_pdf

STRUCTURE = ["kind", "part", "section", "item", "norm"]
LIST_FORMATS = ("chineseCounting", "ideographTraditional", "decimal")


@pytest.fixture(scope="module")
def seed_paragraphs():
    paragraphs = paragraphs_of(paths.SEED_REPORT.read_text(encoding="utf-8"))
    title = next(i for i, p in enumerate(paragraphs) if p.endswith("法治政府建设情况的报告"))
    return paragraphs, title


@pytest.fixture(scope="module")
def seed_pdf(tmp_path_factory, seed_paragraphs):
    paragraphs, title = seed_paragraphs
    path = tmp_path_factory.mktemp("pdf") / "jinzhou-2020.pdf"
    pages = write_pdf(paragraphs, path, title_index=title)
    return path, pages


def assert_offsets_give_back_every_span(report):
    for row in report.units.itertuples():
        assert report.text[row.start:row.end] == row.text
    for row in report.chrome.itertuples():
        assert report.text[row.start:row.end] == row.text


def test_pdf_of_the_seed_parses_as_its_text_file(seed, seed_pdf):
    path, pages = seed_pdf
    assert pages >= 4 and path.stat().st_size < 200_000
    report = read_report(path)
    assert report.source.format == "pdf"
    assert report.parts().equals(seed.parts()) and report.sections().equals(seed.sections())
    # Every unit, items included, comes back with the same text: lines broken by the page and the
    # paragraphs running across a page break are joined, headings keep lines of their own.
    assert report.units[STRUCTURE].values.tolist() == seed.units[STRUCTURE].values.tolist()
    assert (report.meta.title, report.meta.issuer, report.meta.year) == (seed.meta.title, seed.meta.issuer, 2020)
    assert_offsets_give_back_every_span(report)


def test_pdf_running_header_and_page_numbers_are_chrome(seed_pdf):
    path, pages = seed_pdf
    report = read_report(path)
    chrome = report.chrome
    assert chrome.loc[chrome.kind == "page_number", "text"].tolist() == [f"- {n} -" for n in range(1, pages + 1)]
    assert (chrome.loc[chrome.kind == "page_header", "text"] == "锦州市人民政府").sum() == pages
    body = "".join(report.units.text)
    assert "- 2 -" not in body and "锦州市人民政府\n" not in body
    # The seed's own page footer (上一篇, 主办单位 …) is still chrome of the page, as in the text file.
    assert {"上一篇", "下一篇"} <= set(chrome.loc[chrome.kind == "footer", "text"])


def test_pdf_with_page_counts_in_header_and_footer(tmp_path, seed, seed_paragraphs):
    paragraphs, title = seed_paragraphs
    head = paragraphs[:title + 12]  # the title, the preamble and the first section
    path = tmp_path / "short.pdf"
    pages = write_pdf(head, path, title_index=title, header="锦州市人民政府 第{n}页",
                      page_number="第{n}页 共{total}页")
    assert pages >= 2
    report = read_report(path)
    chrome = report.chrome
    assert chrome.loc[chrome.kind == "page_number", "text"].tolist() == [
        f"第{n}页 共{pages}页" for n in range(1, pages + 1)]
    assert chrome.loc[chrome.kind == "page_header", "text"].tolist() == [
        f"锦州市人民政府 第{n}页" for n in range(1, pages + 1)]
    expected = seed.units.loc[seed.units.section <= 1].loc[lambda t: t.part <= 1, STRUCTURE]
    assert report.units[STRUCTURE].values.tolist()[:len(expected)] == expected.values.tolist()
    assert_offsets_give_back_every_span(report)


def test_justified_pdf_with_spaces_for_indents_and_a_table(tmp_path, seed, seed_paragraphs):
    # Every character drawn on its own and spread to the margin, indents drawn as U+3000, a table
    # whose cells stand at their columns: the same units, and each table row one line of cells.
    paragraphs, title = seed_paragraphs
    table = [["案件类别", "维持", "撤销"], ["行政复议", "86件", "34件"]]
    path = tmp_path / "justified.pdf"
    write_pdf(paragraphs[:title + 8], path, title_index=title, justify=True, indent_with_spaces=True,
              table_after=title + 3, table=table)
    report = read_report(path)
    units = report.units
    rows = units.loc[units.text.str.contains("\t")]
    assert rows.text.str.strip().tolist() == ["\t".join(row) for row in table] and set(rows.kind) == {"text"}
    got = units.loc[~units.index.isin(rows.index), STRUCTURE].values.tolist()
    expected = seed.units[STRUCTURE].values.tolist()[:len(got)]
    assert got[:-1] == expected[:-1]  # the last unit is cut where the text given was cut
    assert got[-1][-1] and expected[-1][-1].startswith(got[-1][-1])
    assert "\u3000" not in "".join(units.norm)
    assert_offsets_give_back_every_span(report)


def test_pdf_without_a_text_layer_is_refused_with_one_line(tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np
    from matplotlib.backends.backend_pdf import PdfPages

    path, stamped = tmp_path / "scan.pdf", tmp_path / "stamped-scan.pdf"
    for target, stamp in ((path, False), (stamped, True)):
        with PdfPages(target) as pdf:
            for n in (1, 2, 3):
                figure = plt.figure(figsize=(4, 4))
                figure.figimage(np.random.default_rng(n).random((64, 64)))  # a scanned page: an image
                if stamp:  # page numbers a portal laid over the images: text, but none of the report's
                    figure.text(0.5, 0.02, f"- {n} -", ha="center")
                pdf.savefig(figure)
                plt.close(figure)
        with pytest.raises(SourceError, match=r"without a text layer.*OCR is out of its scope"):
            read_source(target)
    result = subprocess.run([sys.executable, "-m", "jzrol.cli", "info", str(path)], capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "scan.pdf" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("name", ["report.doc", "report.wps", "report.txt"])
def test_doc_and_wps_files_are_identified_by_their_ole_signature(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    with pytest.raises(SourceError, match=r"\(DOC\) or WPS file.*LibreOffice"):
        read_source(path)


def test_damaged_pdf_and_docx_are_refused(tmp_path, seed_pdf):
    pdf = tmp_path / "broken.pdf"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj <<\n")
    with pytest.raises(SourceError, match=r"broken.pdf: .*PDF"):
        read_source(pdf)
    data = seed_pdf[0].read_bytes()
    for name, damaged in (("half.pdf", data[:len(data) // 2]), ("tail.pdf", data[:-200]), ("misnamed.pdf", data[1:])):
        (tmp_path / name).write_bytes(damaged)
        result = subprocess.run([sys.executable, "-m", "jzrol.cli", "info", str(tmp_path / name)],
                                capture_output=True, text=True)
        assert result.returncode == 2 and result.stderr.count("\n") == 1 and name in result.stderr
        assert "damaged" in result.stderr and "Traceback" not in result.stderr
    docx = tmp_path / "broken.docx"
    docx.write_bytes(b"PK\x03\x04" + bytes(100))
    with pytest.raises(SourceError, match=r"broken.docx: damaged DOCX"):
        read_source(docx)


def test_docx_of_the_seed_parses_as_its_text_file(tmp_path, seed, seed_paragraphs):
    paragraphs, title = seed_paragraphs
    path = tmp_path / "jinzhou-2020.docx"
    write_docx(paragraphs, path, title_index=title)
    report = read_report(path)
    assert report.source.format == "docx"
    assert report.units[STRUCTURE].values.tolist() == seed.units[STRUCTURE].values.tolist()
    assert report.meta.title == seed.meta.title
    assert_offsets_give_back_every_span(report)


@pytest.mark.parametrize("list_format", LIST_FORMATS)
def test_docx_automatic_numbering_is_read_from_the_numbering_definitions(tmp_path, seed, seed_paragraphs,
                                                                         list_format):
    paragraphs, title = seed_paragraphs
    path = tmp_path / "numbered.docx"
    write_docx(paragraphs, path, title_index=title, word_numbering=True, list_format=list_format)
    report = read_report(path)
    first, second = (format_number(n, list_format) for n in (1, 2))
    parts, sections = seed.parts().part_title.tolist(), seed.sections().section_title.tolist()
    for number, title in ((first, parts[0]), (second, parts[1])):
        assert f"\n\n{number}、{title}\n\n" in report.text
    for number, title in ((first, sections[0]), (second, sections[1])):
        assert f"\n\n（{number}）{title}\n\n" in report.text
    if list_format == "chineseCounting":  # numbered as the text file is: the same parts and sections
        assert report.parts().equals(seed.parts()) and report.sections().equals(seed.sections())
        assert report.units.loc[report.units.kind == "text", STRUCTURE].values.tolist() == (
            seed.units.loc[seed.units.kind == "text", STRUCTURE].values.tolist())
        assert report.text.count("\n（十一）推进政务公开") == 1  # sections restart in each part
        assert not any("list numbers lost" in warning for warning in report.meta.warnings)
    assert_offsets_give_back_every_span(report)


def test_docx_headings_by_style_without_numbers_are_parts(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("某县2021年法治政府建设年度报告", style="Title")
    document.add_paragraph("2021年，我县坚持以习近平法治思想为指导，现将有关情况报告如下：")
    for heading, body in (("主要举措和成效", "一是加强党的领导。全年召开会议3次。二是推进依法行政。审结案件48件。"),
                          ("存在的不足和原因", "法治意识有待提高，执法队伍建设仍需加强。"),
                          ("下一步工作安排", "我们将继续推进法治政府建设。")):
        document.add_paragraph(heading, style="Heading 1")
        document.add_paragraph(body)
    path = tmp_path / "styled.docx"
    document.save(str(path))
    report = read_report(path)
    assert report.parts().part_title.tolist() == ["主要举措和成效", "存在的不足和原因", "下一步工作安排"]
    assert report.units.loc[report.units.kind == "text", "item"].tolist()[:5] == [0, 1, 1, 2, 2]
    assert report.meta.title == "某县2021年法治政府建设年度报告" and report.meta.year == 2021


def test_docx_list_in_an_unknown_format_warns_that_its_numbers_are_lost(tmp_path, seed, seed_paragraphs):
    paragraphs, title = seed_paragraphs
    path = tmp_path / "hebrew.docx"
    write_docx(paragraphs, path, title_index=title, word_numbering=True, list_format="hebrew2")
    report = read_report(path)
    numbered = len(seed.parts()) + len(seed.sections())
    assert f"list numbers lost in {numbered} DOCX paragraphs" in " ".join(report.meta.warnings)
    assert "\n\n法治政府建设措施及成效\n\n" in report.text


def test_docx_tables_headers_and_footers(tmp_path, seed_paragraphs):
    paragraphs, title = seed_paragraphs
    path = tmp_path / "table.docx"
    table = [["案件类别", "维持", "撤销"], ["行政复议", "86件", "34件"]]
    write_docx(paragraphs, path, title_index=title, header="锦州市人民政府办公室", footer="- 1 -",
               table_after=title + 5, table=table)
    report = read_report(path)
    rows = report.units.loc[report.units.text.str.contains("\t")]
    assert rows.text.str.strip().tolist() == ["案件类别\t维持\t撤销", "行政复议\t86件\t34件"]
    assert set(rows.kind) == {"text"}  # a table row is never a heading
    chrome = report.chrome.set_index("kind").text
    assert chrome["page_header"] == "锦州市人民政府办公室" and chrome["page_number"] == "- 1 -"
    assert_offsets_give_back_every_span(report)


def test_folders_give_their_pdf_and_docx_reports(tmp_path, seed_pdf, seed_paragraphs):
    paragraphs, title = seed_paragraphs
    (tmp_path / "a.pdf").write_bytes(seed_pdf[0].read_bytes())
    write_docx(paragraphs, tmp_path / "b.docx", title_index=title)
    (tmp_path / "c.txt").write_text(paths.SEED_REPORT.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "notes.png").write_bytes(b"\x89PNG")
    assert [p.name for p in list_reports([tmp_path])] == ["a.pdf", "b.docx", "c.txt"]
    result = subprocess.run([sys.executable, "-m", "jzrol.cli", "parse", str(tmp_path), "--format", "csv"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    units = pd.read_csv(io.StringIO(result.stdout))
    sizes = units.groupby("doc_id").size()
    assert sizes.index.tolist() == ["a", "b", "c"] and sizes.nunique() == 1  # the same units in each format


def test_page_numbers_in_their_usual_dresses():
    assert all(map(is_page_number, ["- 3 -", "— 12 —", "第3页", "第 3 页 共 12 页", "共12页 第3页", "3/12", "３",
                                    "- 三 -", "Page 3 of 12"]))
    assert not any(map(is_page_number, ["3.5", "一、总体情况", "第三部分", "2021年", "第3页码"]))


def test_chinese_numbers_of_word_lists():
    assert [chinese_counting(n) for n in (1, 9, 10, 11, 20, 21, 99, 100, 101, 110)] == [
        "一", "九", "十", "十一", "二十", "二十一", "九十九", "一百", "一百零一", "一百一十"]
    assert [format_number(n, "ideographTraditional") for n in (1, 10, 11)] == ["甲", "癸", "甲"]
    assert format_number(3, "decimalEnclosedCircleChinese") == "③" and format_number(3, "hebrew2") is None


def test_docx_reader_refuses_a_document_without_text(tmp_path):
    import docx

    path = tmp_path / "empty.docx"
    docx.Document().save(str(path))
    with pytest.raises(ValueError, match="DOCX file without any body text"):
        read_docx(path.read_bytes())


def test_docx_lists_restart_and_nest_as_word_numbers_them(tmp_path):
    import docx
    from docx.oxml import parse_xml

    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum {ns} w:abstractNumId="70">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>'
        '</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {ns} w:numId="71"><w:abstractNumId w:val="70"/></w:num>'))
    numbering.append(parse_xml(f'<w:num {ns} w:numId="72"><w:abstractNumId w:val="70"/>'
                               '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'))
    document.add_paragraph("某县2021年法治政府建设年度报告")
    for num_id, level, text in ((71, 0, "制定规范性文件8件。"), (71, 1, "备案审查率100%。"), (71, 1, "清理文件12件。"),
                                (71, 0, "审结行政复议案件48件。"), (71, 1, "维持86件。"), (72, 0, "培训3次。"),
                                (72, 0, "考试2次。")):
        paragraph = document.add_paragraph(text)
        paragraph._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {ns}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    path = tmp_path / "lists.docx"
    document.save(str(path))
    text = read_source(path).text
    assert text.split("\n\n")[1:] == ["1. 制定规范性文件8件。", "1.1 备案审查率100%。", "1.2 清理文件12件。",
                                      "2. 审结行政复议案件48件。", "2.1 维持86件。", "1. 培训3次。", "2. 考试2次。"]


def test_pdf_heading_in_another_typeface_keeps_its_line_in_block_style(tmp_path):
    # Block style: no indent, no space between paragraphs, and a paragraph whose last line is full;
    # the unnumbered headings below it, set in another face, are told by their typeface alone.
    full = "法治政府建设" * 12 + "全。"  # 74 characters: exactly two full lines of 37
    paragraphs = ["某县2021年法治政府建设年度报告", full, "主要举措和成效", full + "成效明显。",
                  "存在的不足和原因", "法治意识有待提高。"]
    path = tmp_path / "block.pdf"
    write_pdf(paragraphs, path, title_index=0, indent=False, other_face={2, 4})
    report = read_report(path)
    assert report.parts().part_title.tolist() == ["主要举措和成效", "存在的不足和原因"]
    plain = tmp_path / "block-one-face.pdf"  # the same page in one typeface runs the heading on
    write_pdf(paragraphs, plain, title_index=0, indent=False)
    assert "全。主要举措和成效" in read_report(plain).text


def test_pdf_bold_lead_in_running_over_a_line_stays_in_its_paragraph(tmp_path, seed, seed_paragraphs):
    # 一是…。 set in another face for its first 50 characters, past the end of the first line: the
    # paragraph goes on across the line where the typeface stays the same, and changes face mid-line.
    paragraphs, title = seed_paragraphs
    head = paragraphs[:title + 8]
    lead = {i: 50 for i, p in enumerate(head) if p.startswith(("一是", "二是"))}
    path = tmp_path / "lead-in.pdf"
    write_pdf(head, path, title_index=title, lead_in=lead)
    report = read_report(path)
    got = report.units[STRUCTURE].values.tolist()
    assert lead and got[:-1] == seed.units[STRUCTURE].values.tolist()[:len(got) - 1]
