"""Property: any generated report round-trips losslessly through the parser and keeps its structure."""

from hypothesis import given, settings
from hypothesis import strategies as st

from jzrol import parse_report
from tests.test_report import assert_lossless

NUMERALS = "一二三四五六七八九十"
HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
PHRASE = st.text(HAN, min_size=2, max_size=12)
SPACE = st.sampled_from(["", " ", "\u3000\u3000", "\u200b"])
BREAK = st.sampled_from(["\n\n", "\n\n\n", "\n \n", "\r\n\r\n", "\n\u3000\u3000\n"])
DIGITS = st.integers(min_value=0, max_value=99999).map(str)


@st.composite
def sentence(draw):
    body = draw(PHRASE) + draw(st.sampled_from(["", "，", "共"])) + draw(DIGITS) + draw(st.sampled_from(["件", "次", "%", ""]))
    return body + draw(PHRASE) + draw(st.sampled_from(["。", "！", "；"]))


@st.composite
def paragraph(draw, with_items):
    sentences = draw(st.lists(sentence(), min_size=1, max_size=4))
    if with_items:
        sentences = [f"{NUMERALS[i]}是{s}" for i, s in enumerate(sentences)]
    return draw(SPACE) + "".join(sentences)


@st.composite
def report(draw):
    n_parts = draw(st.integers(min_value=0, max_value=4))
    pieces = []
    if draw(st.booleans()):
        pieces.append(f"某市人民政府关于{draw(st.integers(2000, 2030))}年法治政府建设情况的报告")
    pieces.append(draw(paragraph(False)))
    sections_per_part = []
    for p in range(n_parts):
        pieces.append(f"{NUMERALS[p]}、{draw(PHRASE)}")
        n_sections = draw(st.integers(min_value=0, max_value=3))
        sections_per_part.append(n_sections)
        for s in range(n_sections):
            bracket = draw(st.sampled_from([("（", "）"), ("(", ")")]))
            heading = f"{bracket[0]}{NUMERALS[s]}{bracket[1]}{draw(PHRASE)}"
            if draw(st.booleans()):
                pieces.append(heading + "。" + draw(paragraph(False)))
            else:
                pieces.append(heading)
                pieces.append(draw(paragraph(draw(st.booleans()))))
        if not n_sections:
            pieces.append(draw(paragraph(draw(st.booleans()))))
    separators = [draw(BREAK) for _ in pieces]
    text = draw(SPACE) + "".join(piece + sep for piece, sep in zip(pieces, separators))
    return text, n_parts, sections_per_part


@settings(max_examples=150, deadline=None)
@given(report())
def test_generated_reports_round_trip(generated):
    text, n_parts, sections_per_part = generated
    parsed = parse_report(text)
    assert_lossless(parsed)
    assert len(parsed.parts()) == n_parts
    assert len(parsed.sections()) == sum(sections_per_part)


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(blacklist_categories=["Cs"]), max_size=300))
def test_arbitrary_text_never_crashes_and_stays_lossless(text):
    assert_lossless(parse_report(text))
