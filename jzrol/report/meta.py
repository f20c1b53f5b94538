"""Report metadata: title, issuer, year, publication date and what the page chrome says of the site.

>>> _place("中共黑山县委"), _place("锦州市人民政府")
('黑山', '锦州')
"""

from __future__ import annotations

import csv
import re
from dataclasses import asdict, dataclass, field
from functools import lru_cache

from jzrol import paths
from jzrol.report.chrome import _Line
from jzrol.report.normalize import _year_value, normalize_text
from jzrol.report.signature import _names, _Signature

_PUBLISHED_LABEL = re.compile(r"发布(?:日期|时间)[\s\u3000]*[:：]?[\s\u3000]*")
_ISSUING_BODY = re.compile(r"(发文机关|发布机构|发文单位)[\s\u3000]*[:：][\s\u3000]*(?P<name>[^\s\u3000]+)")
_DATE = re.compile(r"(?P<y>(?:19|20)\d{2})\s*[-年/.]\s*(?P<m>\d{1,2})\s*[-月/.]\s*(?P<d>\d{1,2})")
_YEAR_IN_TITLE = re.compile(r"((?:19|20)\d{2}|[〇○零一二][〇○零一二三四五六七八九]{3})\s*年")
_SITE_CODE = re.compile(r"网站标识码\s*[:：]?\s*(?P<code>[0-9A-Za-z]{6,})")
_SPONSOR = re.compile(r"主办单位\s*[:：]\s*(?P<name>[^\s　]+)")
_ICP = re.compile(r"(?P<abbr>[\u4e00-\u9fff])ICP备\s*(?P<number>\d+)")
_POLICE = re.compile(r"(?P<abbr>[\u4e00-\u9fff])公网安备\s*(?P<number>\d{6,})")
_ADDRESS = re.compile(r"地址\s*[:：]\s*(?P<address>[^\s　]+)")
_PHONE = re.compile(r"电话\s*[:：]\s*(?P<phone>[0-9\-—－ ]{7,})")
_BYLINE_PREMIER = re.compile(r"国务院总理")
_PLACE_PREFIX = re.compile(r"^(中共|中国共产党)")
_PLACE_SUFFIX = re.compile(r"(人民政府|政府|委员会|党委|省委|市委|县委|区委|州委|办公室|办公厅)$")
_ADMIN_SUFFIX = re.compile(r"(特别行政区|自治区|自治州|自治县|省|市|县|区|州|盟|旗)$")


@dataclass
class ReportMeta:
    """What a report says about itself and what its page chrome says about it."""

    doc_id: str
    title: str | None = None
    issuer: list[str] = field(default_factory=list)
    year: int | None = None
    published: str | None = None
    site_name: str | None = None
    site_code: str | None = None
    warnings: list[str] = field(default_factory=list)
    provenance: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        """Plain dict in the key order of ``jzrol info``."""
        return asdict(self)


@lru_cache(maxsize=1)
def _provinces() -> dict[str, str]:
    with open(paths.PROVINCES, encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return {row["code"]: row["name"] for row in rows} | {row["abbr"]: row["code"] for row in rows}


def _place(issuer: str) -> str | None:
    name = _PLACE_SUFFIX.sub("", _PLACE_PREFIX.sub("", issuer))
    name = _ADMIN_SUFFIX.sub("", name)
    return name if len(name) >= 2 and name not in {"国务院", "中央", "中共中央"} else None


def _meta(doc_id: str, title: _Line | None, title_block: list[_Line], chrome: list[tuple[str, _Line]],
          signature: _Signature, warnings: list[str]) -> ReportMeta:
    meta = ReportMeta(doc_id=doc_id)
    if title is not None:
        meta.title = normalize_text(title.text)
    else:
        warnings.append("no title found; metadata comes from what the text has")
    signers, signed, _ = signature
    if meta.title:
        head = meta.title.split("关于", 1)[0] if "关于" in meta.title else ""
        meta.issuer = _names(head)
        year = _YEAR_IN_TITLE.search(meta.title)
        meta.year = _year_value(year.group(1)) if year else None
        if not meta.issuer and not signers and year:  # 某县2021年法治政府建设年度报告: the place before the year
            place = meta.title[:year.start()].strip()
            if _ADMIN_SUFFIX.search(place) or _PLACE_SUFFIX.search(place):
                meta.issuer = _names(place)
    block = " ".join(normalize_text(line.text) for line in title_block)
    if not meta.issuer and _BYLINE_PREMIER.search(block):
        meta.issuer = ["国务院"]
    if not meta.issuer:
        meta.issuer = signers
    pubmeta = " ".join(normalize_text(line.text) for kind, line in chrome if kind == "pubmeta")
    issuing_body = _ISSUING_BODY.search(pubmeta)
    if not meta.issuer and issuing_body:
        meta.issuer = _names(issuing_body["name"])
    published = _PUBLISHED_LABEL.search(pubmeta)  # before 成文日期 and the like
    date = (published and _DATE.match(pubmeta, published.end())) or _DATE.search(pubmeta) or _DATE.search(block)
    if date:
        meta.published = f"{int(date['y']):04d}-{int(date['m']):02d}-{int(date['d']):02d}"
    elif signed:
        meta.published = signed
    # 某市人民政府 | 无障碍 | 长者模式: the site's name comes before the links that share its line
    header_site = [re.split(r"\s*[|｜]\s*", normalize_text(line.text))[0] for kind, line in chrome if kind == "site"]
    footer = " ".join(normalize_text(line.text) for kind, line in chrome if kind == "footer")
    sponsor = _SPONSOR.search(footer)
    meta.site_name = header_site[0] if header_site else (sponsor["name"] if sponsor else None)
    code = _SITE_CODE.search(footer)
    meta.site_code = code["code"] if code else None
    icp, police = _ICP.search(footer), _POLICE.search(footer)
    address, phone = _ADDRESS.search(footer), _PHONE.search(footer)
    meta.provenance = {
        "sponsor": sponsor["name"] if sponsor else None,
        "icp": f"{icp['abbr']}ICP备{icp['number']}" if icp else None,
        "police_record": f"{police['abbr']}公网安备{police['number']}" if police else None,
        "address": address["address"] if address else None,
        "phone": phone["phone"].strip() if phone else None,
    }
    _provenance_warnings(meta, warnings)
    meta.warnings = warnings
    return meta


def _provenance_warnings(meta: ReportMeta, warnings: list[str]) -> None:
    places = [place for place in map(_place, meta.issuer) if place]
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
