"""Reading files: encodings, HTML, and refusals with one clear reason."""

import pytest

from jzrol import paths
from jzrol.sources import SourceError, decode_bytes, html_to_text, read_page, read_source
from tests.conftest import DATA


def test_seed_is_byte_identical_to_its_raw_copy():
    source = read_source(paths.SEED_REPORT)
    assert source.encoding == "utf-8"
    assert source.sha256 == "bd74125ef2e919c550b0a992b66393c8ed0139b34cf345147138ca19767f6e24"


def test_gbk_file_decodes_to_the_same_text_as_utf8():
    gbk = read_source(DATA / "gbk.txt")
    assert gbk.encoding == "gb18030"
    assert "现将有关情况报告如下" in gbk.text
    assert gbk.text.endswith(read_source(DATA / "no-title.txt").text.split("现将", 1)[1])


def test_utf8_bom_is_dropped_from_the_text():
    bom = read_source(DATA / "utf8-bom.txt")
    assert bom.encoding == "utf-8-sig"
    assert bom.text == read_source(DATA / "shared-heading.txt").text


def test_html_page_is_reduced_to_text_without_scripts_or_styles():
    page = read_source(DATA / "page.html")
    assert page.format == "html"
    assert "<" not in page.text and "var x" not in page.text and "color: red" not in page.text
    # A line break inside a <p> is layout: the sentence comes back whole.
    assert "制定规范性文件8件，备案审查率达到100%。" in page.text


def test_gbk_html_page_uses_its_declared_charset():
    page = read_source(DATA / "page-gbk.html")
    assert page.encoding == "gb18030"
    assert page.text == read_source(DATA / "page.html").text


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("empty.txt", "empty file"),
        ("blank.txt", "empty file"),
        ("binary.bin", "binary file"),
        ("not-chinese-encoding.txt", "cannot be decoded"),
        ("missing.txt", "no such file"),
    ],
)
def test_bad_files_are_refused_with_file_and_reason(name, reason):
    with pytest.raises(SourceError) as caught:
        read_source(DATA / name)
    message = str(caught.value)
    assert message.startswith(str(DATA / name))
    assert reason in message
    assert "\n" not in message


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030", "utf-16"])
def test_text_full_of_control_characters_is_refused_as_binary(encoding):
    noise = ("报告" + "\x01\x02\x1f\x7f" * 10).encode(encoding)
    with pytest.raises(ValueError, match="binary file \\(40 control characters"):
        decode_bytes(noise)
    assert decode_bytes(("报告" * 400 + "\x0c\x01").encode(encoding)).text.startswith("报告")


def test_directory_is_refused():
    with pytest.raises(SourceError, match="is a directory"):
        read_source(DATA)


def test_utf16_with_bom_decodes():
    assert decode_bytes("\ufeff法治政府".encode("utf-16-le").replace(b"\xff\xfe\xff\xfe", b"\xff\xfe")).text.strip("\ufeff") == "法治政府"


def test_html_entities_and_breaks():
    assert html_to_text("<p>一&amp;二<br>三</p>") == "一&二\n\n三"


# --- encodings beyond UTF-8 and GB18030 ------------------------------------------------------

REPORT_TEXT = ("关于2021年法治政府建设情况的报告\n\n现将有关情况报告如下。一、主要成效。全年办理行政复议案件120件，"
               "依法撤销违法行政行为3件，行政机关负责人出庭应诉率达到100%。二、存在问题。一是执法不够规范；"
               "二是基层法治力量薄弱。")


@pytest.mark.parametrize(
    ("codec", "expected"),
    [("big5", "big5"), ("shift_jis", "cp932"), ("euc_kr", "cp949"), ("utf-16-le", "utf-16-le"), ("utf-16-be", "utf-16-be")],
)
def test_chinese_text_in_other_encodings_is_identified_and_decoded(tmp_path, codec, expected):
    """Traditional text in Big5, Shift-JIS or EUC-KR (what each can encode of it) and UTF-16 without a BOM: all
    but UTF-16 read as valid GB18030 into garbage, which the reader no longer accepts."""
    from jzrol.report import to_simplified

    traditional = REPORT_TEXT.translate(str.maketrans("关于设况报现将办违权题层量薄规负责问执动际复议负", "關於設況報現將辦違權題層量薄規負責問執動際復議負"))
    text = traditional if codec in {"big5", "shift_jis", "euc_kr"} else REPORT_TEXT
    data = text.encode(codec, errors="ignore")
    path = tmp_path / f"report-{codec}.txt"
    path.write_bytes(data)
    source = read_source(path)
    assert source.encoding == expected
    assert source.text == data.decode(expected)
    assert "行政复议" in to_simplified(source.text) and "100%" in source.text


def test_japanese_and_korean_files_are_decoded_not_read_as_gb18030():
    japanese = "日本国憲法は、日本の現行憲法である。国民主権、基本的人権の尊重、平和主義の三つを基本原理とする。"
    korean = "대한민국 헌법은 대한민국의 최고법이다. 국민주권과 기본권 보장을 규정한다. 모든 국민은 법 앞에 평등하다."
    assert decode_bytes(japanese.encode("shift_jis")).text == japanese
    assert decode_bytes(korean.encode("euc_kr")).text == korean


def test_bytes_of_another_script_are_refused_naming_the_likely_encoding(tmp_path):
    """Russian in windows-1251: neither UTF-8 nor GB18030, and not an encoding of Chinese text."""
    path = tmp_path / "russian.txt"
    path.write_bytes(("Федеральный закон о порядке рассмотрения обращений граждан Российской Федерации. " * 3)
                     .encode("cp1251"))
    with pytest.raises(SourceError) as caught:
        read_source(path)
    message = str(caught.value)
    assert message.startswith(str(path)) and "\n" not in message
    assert "cannot be decoded" in message and "it looks like cp1251" in message


def test_gbk_fixtures_decode_as_before():
    assert read_source(DATA / "gbk.txt").text == (DATA / "gbk.txt").read_bytes().decode("gb18030")
    assert read_source(DATA / "city-page-gbk.html").encoding == "gb18030"
    assert read_source(DATA / "page-gbk.html").encoding == "gb18030"


def test_short_gb18030_text_stays_gb18030():
    """Too short for the detector to be trusted (it takes these bytes for UTF-16BE): GB18030 as always."""
    assert decode_bytes("关于2021年法治政府建设情况的报告".encode("gbk")).encoding == "gb18030"
    assert decode_bytes("法治".encode("gb18030")).text == "法治"


def test_reports_reencoded_in_gbk_and_gb18030_decode_the_same(corpus_files):
    """Every State Council report and the seed, whole and in short openings, in GBK and GB18030: the
    reader decodes exactly what it decoded before the second opinion was added."""
    texts = [path.read_text(encoding="utf-8") for path in corpus_files]
    texts.append(paths.SEED_REPORT.read_text(encoding="utf-8"))
    for text in texts:
        for codec in ("gbk", "gb18030"):
            for part in (text, text[:40], text[:400]):
                data = part.encode(codec, errors="replace")
                decoded = decode_bytes(data)
                assert (decoded.encoding, decoded.text) == ("gb18030", data.decode("gb18030"))


def test_traditional_report_in_big5_is_simplified_in_norm():
    from jzrol.report import read_report

    report = read_report(DATA / "traditional-big5.txt")
    assert report.text == read_source(DATA / "traditional.txt").text
    assert report.meta.provenance["encoding"] == "big5"
    assert report.meta.provenance["script"] == "traditional"
    assert "我们在党的领导下，加强法制建设，完成了国家预算。" in report.units["norm"].tolist()
    assert report.parts().part_title.tolist() == ["关于过去一年的工作", "今后的任务"]


def test_gbk_page_declaring_latin1_is_read_as_gb18030_with_a_warning():
    source = read_source(DATA / "page-gbk-declared-latin1.html")
    assert source.encoding == "gb18030"
    assert source.text == read_source(DATA / "page.html").text
    assert source.warnings == ("the page declares charset iso-8859-1, but its bytes are GB18030 Chinese text; "
                               "read as GB18030",)


def test_latin1_page_declaring_latin1_stays_latin1():
    page = '<html><head><meta charset="iso-8859-1"></head><body><p>caf\xe9 na\xefve r\xe9sum\xe9</p></body></html>'
    decoded = decode_bytes(page.encode("latin-1"))
    assert decoded.encoding == "iso-8859-1" and "café" in decoded.text and not decoded.warnings


# --- what a page says of itself ----------------------------------------------------------------

def test_entities_are_unescaped_once():
    assert html_to_text("<p>a &amp;lt; b &lt; c &amp;amp; d</p>") == "a &lt; b < c &amp; d"
    assert read_page('<head><meta name="ArticleTitle" content="A &amp;lt; B"></head><p>x</p>').meta["title"] == "A &lt; B"


def test_big5_page_behind_a_long_script_is_still_judged_by_its_text():
    script = "<script>" + "var a = 1;\n" * 3000 + "</script>"
    page = f"<html><head>{script}</head><body><p>{REPORT_TEXT}</p></body></html>".translate(
        str.maketrans("关于设况报现将", "關於設況報現將"))
    decoded = decode_bytes(page.encode("big5", errors="ignore"))
    assert decoded.encoding == "big5" and "關於2021年法治政府建設情況的報告" in decoded.text


def test_gbk_text_full_of_symbols_and_circled_numbers_stays_gb18030():
    text = "■ 重点工作 ① 完善制度 ② 规范执法 ③ 强化监督 → ★ " * 3 + REPORT_TEXT
    assert decode_bytes(text.encode("gbk")).encoding == "gb18030"


def test_valid_gb18030_bytes_that_give_no_chinese_text_are_refused(tmp_path):
    """Pairs of bytes from GB2312's rows of rare characters: valid GB18030, but no text in any language,
    and not identified with confidence either."""
    import random

    rng = random.Random(1)
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(b for _ in range(300) for b in (rng.randint(0xD8, 0xF7), rng.randint(0xA1, 0xFE))))
    with pytest.raises(SourceError) as caught:
        read_source(path)
    message = str(caught.value)
    assert message.startswith(str(path)) and "\n" not in message
    assert "read as GB18030 it gives no Chinese text (it looks like" in message
