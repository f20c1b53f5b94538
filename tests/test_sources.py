"""Reading files: encodings, HTML, and refusals with one clear reason."""

import pytest

from jzrol import paths
from jzrol.sources import SourceError, decode_bytes, html_to_text, read_source
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
