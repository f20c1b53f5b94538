"""Report metadata: title, issuer, place and level, the year reported on and the year delivered, the
publication date and what the page chrome says of the site, each with where it came from.

A page's own metadata (its ``ArticleTitle``, ``PubDate``, ``SiteName`` meta tags, its ``<h1>`` and
``<title>``) comes before what the text rules find; the file name comes last.

>>> _place("中共黑山县委"), _place("锦州市人民政府办公室"), _place("中共锦州市委")
('黑山县', '锦州市', '锦州市')
>>> _place_of("深圳市南山区人民政府"), _level("深圳市南山区"), _level("辽宁省"), _level("国务院")
('深圳市南山区', 'district/county', 'provincial', 'national')
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from itertools import compress, islice
from pathlib import Path

from jzrol import paths
from jzrol.lexicon_loader import cue_pattern, read_cues, read_rows
from jzrol.report.chrome import _TITLE, _Line
from jzrol.report.normalize import _year_value, normalize_text, to_simplified
from jzrol.report.signature import _names, _Signature, _signers

_PUBLISHED_LABEL = re.compile(r"发布(?:日期|时间)[\s\u3000]*[:：]?[\s\u3000]*")
_ISSUING_BODY = re.compile(r"(发文机关|发布机构|发文单位)[\s\u3000]*[:：][\s\u3000]*(?P<name>[^\s\u3000]+)")
_DATE = re.compile(r"(?P<y>(?:19|20)\d{2})\s*[-年/.]\s*(?P<m>\d{1,2})\s*[-月/.]\s*(?P<d>\d{1,2})")
_YEAR_IN_TITLE = re.compile(r"((?:19|20)\d{2}|[〇○零一二][〇○零一二三四五六七八九]{3})\s*年")
_SITE_CODE = re.compile(r"网站标识码\s*[:：]?\s*(?P<code>[0-9A-Za-z]{6,})")
_SPONSOR = re.compile(r"(?:主办单位|主办|版权所有)\s*[:：]\s*(?P<name>[^\s　]+)")
_ICP = re.compile(r"(?P<abbr>[\u4e00-\u9fff])ICP备\s*(?P<number>\d+)")
_POLICE = re.compile(r"(?P<abbr>[\u4e00-\u9fff])公网安备\s*(?P<number>\d{6,})")
_ADDRESS = re.compile(r"地址\s*[:：]\s*(?P<address>[^\s　]+)")
_PHONE = re.compile(r"电话\s*[:：]\s*(?P<phone>[0-9\-—－ ]{7,})")
_BYLINE_PREMIER = re.compile(r"国务院总理")
# The speaker's byline under a work report's title: 某区人民政府区长 李明, 某县人民政府代县长, 某自治区人民政府主席.
_BYLINE_HEAD = re.compile(r"(?P<government>[\u4e00-\u9fff]{2,20}?人民政府)\s*(?:代理?|常务副|副)?(?:[省市区县州旗盟镇乡]长|主席)")
_PLACE_PREFIX = re.compile(r"^(中共|中国共产党)")
_PLACE_SUFFIX = re.compile(r"(人民政府|政府|委员会|党委|省委|市委|县委|区委|州委|办公室|办公厅)$")
_ADMIN_SUFFIX = re.compile(r"(特别行政区|自治区|自治州|自治县|省|市|县|区|州|盟|旗)$")
_ADMIN_UNITS = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "街道", "省", "市", "县", "区", "州", "盟", "旗", "乡",
                "镇", "地区")
_ADMIN_UNIT = "(?:" + "|".join(_ADMIN_UNITS) + ")"
# The place in an issuer's name: up to the first administrative suffix that an organ follows
# (深圳市南山区 | 人民政府, 中共锦州市 | 委全面依法治市委员会办公室); else up to its last such suffix.
_PLACE_BEFORE_ORGAN = re.compile(
    rf"^(?P<place>.*?{_ADMIN_UNIT})(?={cue_pattern(read_cues(paths.GOVERNMENT_ORGANS))}|$)")
_PLACE_OF = re.compile(rf"^(?P<place>.*{_ADMIN_UNIT})")
# A place whose one-character suffix is said twice, 锦州市 | 市委: the second begins the place's own organ
_DOUBLED_SUFFIX = re.compile(f"([{''.join(unit for unit in _ADMIN_UNITS if len(unit) == 1)}])\\1$")
_YEAR_IN_NAME = re.compile(r"(?<!\d)(19[4-9]\d|20\d\d)(?!\d)")
# The line under a work report's title that says when and where it was delivered:
# ——2024年3月5日在第十四届全国人民代表大会第二次会议上.
_DELIVERY = re.compile(r"(?P<y>(?:19|20)\d{2}|[〇○零一二三四五六七八九]{4})\s*年[^。]{0,12}?日?\s*在[^。]{0,40}?(?:人民代表大会|人大)")
# A report signed in the first half of a year reports on the year before (annual reports on rule-of-law
# government are due in the first quarter); one signed later in the year reports on that year.
_LAST_MONTH_OF_REPORTING = 6
_YEAR_OPENING = re.compile(r"((?:19|20)\d{2})\s*年(?:度|以来)?[，,]")  # 2021年，… opens a report on 2021
_REVIEW = re.compile(r"((?:19|20)\d{2})\s*年(?:的)?(?:政府)?工作回顾")  # 2023年工作回顾: the year reported on
# A place's name as titles and file names write it before or after their year: up to its first suffix
_PLACE_NAME = r"[\u4e00-\u9fff]{1,15}?(?:特别行政区|自治区|自治州|自治县|省|市|县|区|州|盟|旗|镇|乡|街道)"
_PLACE_AFTER_YEAR = re.compile(
    r"^(?:(?:19|20)\d{2}|[〇○零一二][〇○零一二三四五六七八九]{3})\s*年(?:度)?\s*"
    rf"(?P<place>{_PLACE_NAME})"
    r"(?=(?:人民)?政府|法治|依法行政)")  # 2022年南山区政府工作报告, 2022年白石市法治政府建设年度报告
_PLACE_BEFORE_YEAR = re.compile(
    rf"^(?P<place>{_PLACE_NAME})"
    r"(?:人民政府)?[_\-\s]*(?:(?:19|20)\d{2}|[〇○零一二][〇○零一二三四五六七八九]{3})\s*年")
# A title that opens with its place before the genre's words (某县法治政府建设年度报告（2022年度）,
# 某县人民政府法治政府建设2022年度报告)
_PLACE_BEFORE_GENRE = re.compile(
    rf"^(?:中共)?(?P<place>{_PLACE_NAME})"
    r"(?:人民)?(?:政府)?(?=法治|依法行政|政府工作报告)")
_TITLE_SEPARATORS = re.compile(r"\s*(?:[_|｜]|\s-\s|—{1,2}|－)\s*")
_HAN_CHAR = re.compile(r"[\u4e00-\u9fff]")
WORK_REPORT = "government_work_report"
_BODY_KINDS = frozenset({"text", "heading"})


@dataclass
class ReportMeta:
    """What a report says about itself and what its page chrome says about it.

    ``year`` is the year reported on; ``delivered`` the year a work report was delivered (a work report
    delivered in 2022 reports on 2021). ``place`` is the government that issues or delivers the report
    (锦州市, 深圳市南山区, 国务院) and ``level`` its rank: national, provincial, municipal,
    district/county, township or other. Each ``*_source`` says where its field came from.
    """

    doc_id: str
    title: str | None = None
    issuer: list[str] = field(default_factory=list)
    place: str | None = None
    level: str | None = None
    year: int | None = None
    delivered: int | None = None
    published: str | None = None
    site_name: str | None = None
    site_code: str | None = None
    warnings: list[str] = field(default_factory=list)
    title_source: str | None = None
    issuer_source: str | None = None
    place_source: str | None = None
    level_source: str | None = None
    year_source: str | None = None
    delivered_source: str | None = None
    published_source: str | None = None
    site_name_source: str | None = None
    provenance: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        """Plain dict in the key order of ``jzrol info``."""
        return asdict(self)


@lru_cache(maxsize=1)
def _provinces() -> dict[str, str]:
    rows = read_rows(paths.PROVINCES, ["code", "name", "abbr"], patterns=())
    return {row["code"]: row["name"] for row in rows} | {row["abbr"]: row["code"] for row in rows}


@lru_cache(maxsize=8)
def _rows(path: str, columns: tuple[str, ...]) -> tuple[dict, ...]:
    """The rows of a lexicon CSV (:func:`jzrol.lexicon_loader.read_rows`: a malformed row names file and
    line), each with its ``pattern`` compiled as ``regex``."""
    return tuple({**row, "regex": re.compile(row["pattern"])} if "pattern" in row else row
                 for row in read_rows(path, list(columns)))


def _place(issuer: str) -> str | None:
    """The local place an issuer governs (its administrative suffix kept); None for national organs.

    >>> _place("太和区委"), _place("中共锦州市委全面依法治市委员会办公室"), _place("国务院办公厅")
    ('太和区', '锦州市', None)
    """
    place = _place_of(issuer)
    return place if place != "国务院" else None


def _place_stem(place: str) -> str:
    """A place without its last administrative suffix, as site names often write it (锦州政府网).

    >>> _place_stem("锦州市"), _place_stem("深圳市南山区"), _place_stem("某县")
    ('锦州', '深圳市南山', '某县')
    """
    stem = _ADMIN_SUFFIX.sub("", place)
    return stem if len(stem) >= 2 else place


def _place_of(name: str, *, aliases: str | Path = paths.PLACE_ALIASES) -> str | None:
    """The place a government or Party committee's name holds, with its administrative suffix.

    >>> _place_of("中共锦州市委"), _place_of("中华人民共和国国务院"), _place_of("某县司法局"), _place_of("中共中央")
    ('锦州市', '国务院', '某县', None)
    >>> _place_of("锦州市市场监督管理局"), _place_of("锦州市市委"), _place_of("锦州市城市管理综合行政执法局")
    ('锦州市', '锦州市', '锦州市')
    """
    known = {row["name"]: row["place"] for row in _rows(str(aliases), ("name", "place"))}
    name = _PLACE_PREFIX.sub("", name.strip())
    if name in known:
        return known[name]
    if name.startswith(("国务院", "中华人民共和国国务院")) or name.endswith("国务院"):
        return "国务院"
    match = _PLACE_BEFORE_ORGAN.match(name)
    if match:  # 锦州市市委, 辽宁省省政府 (锦州市 | 市委, 辽宁省 | 省政府) but 沙市市人民政府 (沙市市, a city)
        place = match["place"]
        doubled = _DOUBLED_SUFFIX.search(place) and name.startswith(("委", "长", "政府"), len(place))
    else:  # no organ follows: up to the last suffix, not into a doubled one (太和区区长, 锦州市市政工程处)
        match = _PLACE_OF.match(name)
        place = match["place"] if match else ""
        doubled = _DOUBLED_SUFFIX.search(place)
    place = place[:-1] if doubled else place
    return place if len(place) >= 2 else None


@lru_cache(maxsize=1)
def _province_pattern() -> re.Pattern:
    """A province's name, alone or with its suffix (辽宁, 辽宁省, 广西壮族自治区, 香港特别行政区)."""
    names = [name for code, name in _provinces().items() if code.isdigit()]
    return re.compile(f"(?:{'|'.join(map(re.escape, names))})(?:省|市|[\u4e00-\u9fff]{{0,4}}自治区|特别行政区)?")


def _level(place: str | None, *, rules: str | Path = paths.LEVELS) -> str | None:
    """The level of government a place is: a province (from the provinces lexicon), else the first suffix
    rule of ``jzrol/lexicon/levels.csv`` that matches, else ``other``.

    >>> _level("北京市"), _level("锦州市"), _level("某镇"), _level("某某")
    ('provincial', 'municipal', 'township', 'other')
    """
    if not place:
        return None
    if _province_pattern().fullmatch(place):
        return "provincial"
    for row in _rows(str(rules), ("pattern", "level")):
        if row["regex"].search(place):
            return row["level"]
    return "other"


def _genre(title: str | None, file_name: str, opening: str, *, rules: str | Path = paths.GENRES) -> str:
    """The genre by the rules of ``jzrol/lexicon/genres.csv``: title first, then file name, then opening words."""
    evidence = {"title": title or "", "file": file_name, "body": opening}
    table = _rows(str(rules), ("genre", "where", "pattern"))
    for where in ("title", "file", "body"):
        for row in table:
            if row["where"] == where and evidence[where] and row["regex"].search(evidence[where]):
                return row["genre"]
    return "unknown"


def _page_title(page: dict) -> tuple[str | None, str | None]:
    """The title a page's head gives: its ArticleTitle meta tag, an ``<h1>`` that reads as a title (not
    the site's logo), or the part of its ``<title>`` that does.

    >>> _page_title({"page_title": "某区2022年法治政府建设年度报告_法治政府_某区人民政府"})
    ('某区2022年法治政府建设年度报告', 'title tag')
    """
    if page.get("title"):
        return page["title"], "ArticleTitle meta tag"
    h1 = page.get("h1")
    if h1 and h1 != page.get("site_name") and _TITLE.search(h1):
        return h1, "h1"
    for part in _TITLE_SEPARATORS.split(page.get("page_title") or ""):
        if part and part != page.get("site_name") and _TITLE.search(part) and len(_HAN_CHAR.findall(part)) >= 4:
            return part, "title tag"
    return None, None


def _file_title(stem: str) -> str | None:
    """A file name that reads as a title (南山区2022年政府工作报告), else None (2024, seed_001).

    >>> _file_title("南山区2022年政府工作报告"), _file_title("2024")
    ('南山区2022年政府工作报告', None)
    """
    stem = stem.strip()
    return stem if len(_HAN_CHAR.findall(stem)) >= 4 and _TITLE.search(stem) else None


def _first_cue(opening: str, body: str, *, cues: str | Path = paths.PLACE_CUES) -> tuple[str | None, str | None]:
    """The government the report's own words name as its speaker (我代表国务院, 受某市人民政府委托 …) in the
    opening, else as its actor in the body (国务院决定：), by the rules of ``jzrol/lexicon/place_cues.csv``.

    >>> _first_cue("各位代表：现在，我代表国务院，向大会报告政府工作。", "")
    ('国务院', 'opening')
    """
    for where, text in (("opening", opening), ("body", body)):
        for row in _rows(str(cues), ("where", "pattern")):
            if row["where"] != where:
                continue
            for match in row["regex"].finditer(text):
                place = row["place"] or _place_of(match.groupdict().get("name") or "")
                if place:
                    return place, where
    return None, None


def _meta(doc_id: str, title: _Line | None, title_block: list[_Line], chrome: list[tuple[str, _Line]],
          signature: _Signature, warnings: list[str], *, page: dict | None = None, file_name: str = "",
          columns: dict | None = None) -> ReportMeta:
    """The metadata of a parsed report; ``page`` is what an HTML page's head says, ``file_name`` the
    file's stem, ``columns`` the units (their simplified ``norm`` gives the opening and body cues)."""
    page = page or {}
    meta = ReportMeta(doc_id=doc_id)
    text_title = to_simplified(normalize_text(title.text)) if title is not None else None
    meta.title, meta.title_source = _page_title(page)
    meta.title = to_simplified(meta.title) if meta.title else None
    if meta.title_source in {"h1", "title tag"} and text_title and text_title != meta.title and meta.title in text_title:
        meta.title = None  # the text's title says the same and more (中共某市委 某市人民政府关于……)
    if meta.title is None and text_title:
        meta.title, meta.title_source = text_title, "text"
    if meta.title is None and _file_title(file_name):
        meta.title, meta.title_source = _file_title(file_name), "file name"
    if meta.title is None:
        warnings.append("no title found; metadata comes from what the text has")
    signers, signed, _ = signature
    year_in_title = None
    place_in_title: list[str] = []  # a place alone before the title's year: the issuer when nothing names one
    if meta.title:
        head = meta.title.split("关于", 1)[0] if "关于" in meta.title else ""
        meta.issuer = _names(head)
        year = _YEAR_IN_TITLE.search(meta.title)
        year_in_title = _year_value(year.group(1)) if year else None
        if not meta.issuer and not signers and year:  # 某县2021年法治政府建设年度报告: the place before the year
            place = meta.title[:year.start()].strip().removeprefix("关于")  # 关于某市2022年…的报告
            # or the office before the year that names its place (某县司法局, 某市公安局交通警察支队)
            if _PLACE_SUFFIX.search(place) or (not _ADMIN_SUFFIX.search(place) and _signers(place)
                                                and _place_of(place)):
                meta.issuer = _names(place)
            elif _ADMIN_SUFFIX.search(place):
                place_in_title = _names(place)
        if meta.issuer:
            meta.issuer_source = _title_source(meta)
    block = " ".join(normalize_text(line.text) for line in title_block)
    if not meta.issuer and _BYLINE_PREMIER.search(block):
        meta.issuer, meta.issuer_source = ["国务院"], "title block"
    byline = None if meta.issuer else _BYLINE_HEAD.search(to_simplified(block))
    if byline:
        meta.issuer, meta.issuer_source = [byline["government"]], "title block"
    if not meta.issuer and signers:
        meta.issuer, meta.issuer_source = [to_simplified(name) for name in signers], "signature"
    pubmeta = " ".join(normalize_text(line.text) for kind, line in chrome if kind == "pubmeta")
    issuing_body = _ISSUING_BODY.search(pubmeta)
    if not meta.issuer and issuing_body:
        meta.issuer, meta.issuer_source = _names(to_simplified(issuing_body["name"])), "information table"
    if not meta.issuer and place_in_title:
        meta.issuer, meta.issuer_source = place_in_title, _title_source(meta)
    _published(meta, page, pubmeta, block, signed)
    _site(meta, page, chrome)
    kinds, norms = (columns["kind"], columns["norm"]) if columns else ([], [])
    body = "".join(compress(norms, map(_BODY_KINDS.__contains__, kinds)))
    _place_and_level(meta, block + " " + body[:2000], body, file_name)
    genre = _genre(meta.title, file_name, "".join(islice(compress(norms, map("text".__eq__, kinds)), 3)))
    # A text of no known genre whose opening says which government delivers it (a summary of the
    # premier's report) is a delivered report too.
    delivered = genre == WORK_REPORT or (genre == "unknown" and meta.place_source == "opening")
    _years(meta, year_in_title, delivered, block, signed, file_name, columns)
    _provenance_warnings(meta, warnings)
    meta.warnings = warnings
    return meta


def _published(meta: ReportMeta, page: dict, pubmeta: str, block: str, signed: str | None) -> None:
    """The publication date: the page's PubDate meta tag, else the publication line, else a date in the
    title block, else the signature's date."""
    found = [(_DATE.search(page.get("published") or ""), "PubDate meta tag")]
    published = _PUBLISHED_LABEL.search(pubmeta)  # before 成文日期 and the like
    found.append(((published and _DATE.match(pubmeta, published.end())) or _DATE.search(pubmeta), "publication line"))
    found.append((_DATE.search(block), "title block"))
    date, source = next(((date, source) for date, source in found if date), (None, None))
    if date:
        meta.published = f"{int(date['y']):04d}-{int(date['m']):02d}-{int(date['d']):02d}"
        meta.published_source = source
    elif signed:
        meta.published, meta.published_source = signed, "signature"


def _site(meta: ReportMeta, page: dict, chrome: list[tuple[str, _Line]]) -> None:
    """Site name and code (the page's meta tags first, then the page header and footer) and the footer's
    sponsor, ICP and police record numbers, address and phone, into ``meta.provenance``."""
    # 某市人民政府 | 无障碍 | 长者模式: the site's name comes before the links that share its line
    header_site = [re.split(r"\s*[|｜]\s*", normalize_text(line.text))[0] for kind, line in chrome if kind == "site"]
    footer = " ".join(normalize_text(line.text) for kind, line in chrome if kind == "footer")
    sponsor = _SPONSOR.search(footer)
    if page.get("site_name"):
        meta.site_name, meta.site_name_source = page["site_name"], "SiteName meta tag"
    elif header_site:
        meta.site_name, meta.site_name_source = header_site[0], "page header"
    elif sponsor:
        meta.site_name, meta.site_name_source = sponsor["name"], "footer"
    code = _SITE_CODE.search(footer)
    meta.site_code = page.get("site_code") or (code["code"] if code else None)
    icp, police = _ICP.search(footer), _POLICE.search(footer)
    address, phone = _ADDRESS.search(footer), _PHONE.search(footer)
    meta.provenance = {
        "sponsor": sponsor["name"] if sponsor else None,
        "icp": f"{icp['abbr']}ICP备{icp['number']}" if icp else None,
        "police_record": f"{police['abbr']}公网安备{police['number']}" if police else None,
        "address": address["address"] if address else None,
        "phone": phone["phone"].strip() if phone else None,
    }
    for key in ("column", "source"):
        if page.get(key):
            meta.provenance["column" if key == "column" else "content_source"] = page[key]


def _place_and_level(meta: ReportMeta, opening: str, body: str, file_name: str = "") -> None:
    """The place from the issuer (a government before a Party committee), else from a place the title
    names after its year (2022年南山区政府工作报告), else from the report's words, else from a place the
    file name begins with (南山区2021年法治政府建设年度报告.html)."""
    places = [_place_of(name) for name in sorted(meta.issuer, key=lambda name: not name.endswith("政府"))]
    place = next((p for p in places if p), None)
    source = meta.issuer_source if place else None
    named = _PLACE_AFTER_YEAR.match(meta.title or "") or _PLACE_BEFORE_GENRE.match(meta.title or "")
    if place is None and named:
        place, source = named["place"], _title_source(meta)
    if place is None:
        place, source = _first_cue(opening, body)
    in_name = _PLACE_AFTER_YEAR.match(file_name) or _PLACE_BEFORE_YEAR.match(file_name)
    if place is None and in_name:
        place, source = in_name["place"], "file name"
    if place:
        meta.place, meta.place_source = place, source
        meta.level, meta.level_source = _level(place), "place"


def _title_source(meta: ReportMeta) -> str | None:
    """Where the title came from, as the source of what is read in it: ``title`` for the text's own."""
    return "title" if meta.title_source == "text" else meta.title_source


def _years(meta: ReportMeta, year_in_title: int | None, work_report: bool, block: str, signed: str | None,
           file_name: str, columns: dict | None) -> None:
    """The year reported on and, for a work report, the year it was delivered.

    A work report's title names the year it is delivered in (2022年政府工作报告), as do the line under it
    (——2024年3月5日在…人民代表大会…上), its signature's date and the State Council's file names; it
    reports on the year before, unless a heading says which (2023年工作回顾).
    """
    title_source = _title_source(meta)
    in_name = _YEAR_IN_NAME.search(file_name)
    if not work_report:
        opening = next((norm for kind, norm in zip(columns["kind"], columns["norm"]) if kind == "text"), "") if columns else ""
        year_opening = _YEAR_OPENING.match(opening)
        if year_in_title is not None:
            meta.year, meta.year_source = year_in_title, title_source
        elif year_opening:  # 2021年，在市委的坚强领导下……: the year the report's first sentence speaks of
            meta.year, meta.year_source = int(year_opening.group(1)), "opening"
        elif signed:  # an annual report is due early in the year after (法治政府建设与责任落实督察工作规定, 2019)
            signed_year, signed_month = int(signed[:4]), int(signed[5:7])
            meta.year = signed_year - 1 if signed_month <= _LAST_MONTH_OF_REPORTING else signed_year
            meta.year_source = "signature"
        return
    delivery = _DELIVERY.search(block)
    found = [
        (_year_value(delivery["y"]) if delivery else None, "title block"),
        (year_in_title, title_source),
        (int(signed[:4]) if signed else None, "signature"),
        (int(in_name.group(1)) if in_name else None, "file name"),
        (int(meta.published[:4]) if meta.published else None, meta.published_source),
    ]
    meta.delivered, meta.delivered_source = next(((y, s) for y, s in found if y is not None), (None, None))
    headings = " ".join(compress(columns["norm"], map("heading".__eq__, columns["kind"]))) if columns else ""
    review = _REVIEW.search(headings)
    if review:
        meta.year, meta.year_source = int(review.group(1)), "heading"
    elif meta.delivered is not None:
        meta.year, meta.year_source = meta.delivered - 1, "delivered"


def _provenance_warnings(meta: ReportMeta, warnings: list[str]) -> None:
    places = [_place_stem(place) for place in map(_place, meta.issuer) if place]
    names = [n for n in (meta.site_name, meta.provenance.get("sponsor")) if n]
    evidence = []
    address = meta.provenance.get("address")
    named = [p for p in places if address and p in address]
    if named:
        evidence.append(f"the footer's address {address} names {named[0]}")
    if meta.site_code:
        evidence.append(f"the site identifier code is {meta.site_code}")
    for name in dict.fromkeys(names):
        if places and not any(place in name for place in places) and not any(name in i for i in meta.issuer):
            backing = f", while {' and '.join(evidence)}" if evidence else ""
            warnings.append(
                f"site name '{name}' in the page chrome does not match the issuer "
                f"{'、'.join(meta.issuer)}{backing}; check the text against the issuer's own site before citing it"
            )
    provinces = _provinces()
    regions = {}
    if meta.site_code and meta.site_code[:2] in provinces:
        regions["site code"] = meta.site_code[:2]
    for key in ("icp", "police_record"):
        value = meta.provenance.get(key)
        if value and value[0] in provinces:
            regions[key.replace("_", " ")] = provinces[value[0]]
    if len(set(regions.values())) > 1:
        listed = ", ".join(f"{k} {provinces.get(v, v)}" for k, v in regions.items())
        warnings.append(f"page chrome points to different provinces: {listed}")
