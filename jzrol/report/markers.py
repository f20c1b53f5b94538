"""The markers that number a report's body: parts, sections, items, sentence ends, salutations.

>>> bool(_PART.match("一、总体情况")), bool(_SECTION.match("（二）完善制度")), _ITEM.search("；二是完善")["num"]
(True, True, '二')
"""

from __future__ import annotations

import re

from jzrol import paths
from jzrol.lexicon_loader import cue_pattern, read_cues
from jzrol.report.normalize import _SPACE, _WHITESPACE

_NUM = "一二三四五六七八九十"
_DIGITS = frozenset("0123456789０１２３４５６７８９")
_PART = re.compile(rf"^(?P<num>[{_NUM}]{{1,3}})\s*[、．.]|^第(?P<num2>[{_NUM}]{{1,3}})部分[\s:：、，,]*")
_BARE_NUMERAL = re.compile(rf"^[{_NUM}]{{1,3}}$")
_SECTION = re.compile(rf"^[（(]\s*(?P<num>[{_NUM}]{{1,3}})\s*[）)]\s*")
# Sentence-end and item patterns test their first character before any alternative, so that the
# regex engine gives up at once where no match can start.
# 一是 after a comma counts only within a sequence (see jzrol.report.structure._item_markers).
_ITEM = re.compile(rf"(?=[{_SPACE}{_NUM}])(?:^|(?<=[。；;！？!?：:，,]))[{_SPACE}]*(?P<num>[{_NUM}]{{1,3}})是(?![否非])")
# 第一， at a paragraph's start (not 第一、第二产业, 第一、二季度)
_ITEM_ORDINAL = re.compile(rf"^第(?P<num>[{_NUM}]{{1,3}})(?:[，,、](?![\d第{_NUM}])|是(?![否非]))")
# 第一，第二， (or 第一是) inside a paragraph, after a sentence or clause end (after a comma, see _ITEM)
_ITEM_ORDINAL_INLINE = re.compile(rf"(?=[{_SPACE}第])(?<=[。；;！？!?：:，,])[{_SPACE}]*(?P<num>第[{_NUM}]{{1,3}})(?:[，,、](?![\d第{_NUM}])|是(?![否非]))")
# Items numbered 1. 1、 （1） (1) or ① at a paragraph's start; ``dot``, ``paren`` or ``circle`` says which.
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_ITEM_NUMBERED = re.compile(r"^(?:(?P<dot>[0-9０-９]{1,2})\s*[.．、](?![0-9０-９])|[（(]\s*(?P<paren>[0-9０-９]{1,2})\s*[）)]"
                            rf"|(?P<circle>[{_CIRCLED}]))")
# 2. 2、 ② after a sentence end inside a paragraph (出台文件3件。2.加强审查。), before a word: an item of a
# sequence numbered 1. (①) at the paragraph's start or after a colon (see jzrol.report.structure._segments).
_ITEM_NUMBERED_INLINE = re.compile(
    rf"(?=[0-9０-９{_CIRCLED}])(?<=[。；;！？!?：:])"
    rf"(?:(?P<num>[0-9０-９]{{1,2}})\s*[.．、](?=[\u4e00-\u9fff“《（(])|(?P<circle>[{_CIRCLED}]))")
_SENTENCE_END = re.compile(r"[。！？!?…](?:(?<!…)[。！？!?]*[”’」』》）)]*|(?<=…)…[”’」』）)]*)")  # 。！？ runs or ……
_SENTENCE_BREAK = re.compile(_SENTENCE_END.pattern + rf"[{_WHITESPACE}]*")  # a sentence end and the space after it
_TERMINAL = tuple("。！？!?；;：:，,、")
_OPENING = tuple("《“‘（(「『—")
_CLOSING = tuple("》”’）)」』，,、。；;：:")
# A news summary's announcement of the part it turns to (周恩来总理报告的第二部分是关于…, 第二部分讲的是…):
# the first clause of the paragraph under that part's heading names the part by number (a part named
# in passing further on, 如我在报告的第二部分说过的, is no announcement).
_PART_ANNOUNCED = re.compile(rf"^(?:[^。！？!?，,；;：:]{{0,15}}?(?:报告|讲话)的?)?第(?P<num>[{_NUM}]{{1,2}})部分")
_SALUTATION = re.compile(r"^(各位代表|同志们)[：:！!，,]")
_CLOSING_NOTE = re.compile(r"^[（(]此件[^）)]{0,12}[）)]$")  # （此件公开发布） below a signature
# The heading of back matter: 名词解释, 附：名词解释, 附件, 附件1：…, 附件：1.… (heading words from the data file)
_BACK_MATTER_HEADING = re.compile(
    r"^(?:附\s*[:：]\s*)?" + cue_pattern(read_cues(paths.BACK_MATTER_CUES))
    + r"\s*(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,2})?\s*(?:[:：]|$)"
)
# A sentence of a report: some words of Chinese, then a sentence end or a clause end.
_REPORT_SENTENCE = re.compile(r"[\u4e00-\u9fff][^。！？!?；;\n]*[。！？!?；;]")
# A line that starts with any of these markers starts a new paragraph (one test for them all).
_BLOCK_START = re.compile("|".join(
    "(?:" + re.sub(r"\(\?P<\w+>", "(?:", marker.pattern) + ")"
    for marker in (_PART, _SECTION, _ITEM, _ITEM_ORDINAL, _ITEM_NUMBERED, _SALUTATION, _CLOSING_NOTE, _BACK_MATTER_HEADING)
))
# The characters a paragraph-start marker above (_PART, _BARE_NUMERAL, _SECTION, _ITEM, _ITEM_ORDINAL,
# _ITEM_NUMBERED, _CLOSING_NOTE) can begin with: a text that begins with none of them has none of them,
# which one set lookup tells (most paragraphs begin with a word).
_MARKER_FIRST = frozenset(_NUM + "第（(" + "".join(_DIGITS) + _SPACE + _CIRCLED)
_BLOCK_END = ("。", "！", "？", "!", "?", "：", ":", "；", "”", "」", "…")
