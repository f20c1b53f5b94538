"""Policy themes: a transparent codebook applied sentence by sentence.

The codebook (``jzrol/lexicon/themes.yaml``) is a quanteda-shaped dictionary with
the ten theme keys fixed by the national Outline for Building a Rule-of-Law
Government (2021–2025) plus legal education. :func:`code_units` finds every
codebook term in every sentence (multi-label); :func:`theme_table` aggregates
hits by document, part, section or unit; :func:`coverage` and
:func:`uncoded_units` show what the codebook misses; :func:`heading_agreement`
validates the coding against the report's own section headings; and
:func:`role_comparison` sets achievements, problems and plans side by side.

>>> from jzrol import read_report, paths
>>> report = read_report(paths.SEED_REPORT)
>>> table = theme_table(code_units(report.units), by="section")
>>> top = table[(table.part == 1) & (table.section == 10)].iloc[0]
>>> top.theme, int(top.hits)
('legal_education', 25)
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Literal

import pandas as pd
import yaml

from jzrol import paths
from jzrol.report import part_roles
from jzrol.terms import LexiconError, Tokenizer, file_version, get_tokenizer, is_content

__all__ = [
    "THEME_KEYS", "Codebook", "CodebookError", "Theme", "code_units", "codebook_for_genre", "known_codebooks", "coverage", "heading_agreement",
    "load_codebook", "matcher_for", "read_codebook", "role_comparison", "theme_table", "uncoded_units",
]

THEMES_FILE = paths.LEXICON_DIR / "themes.yaml"
HEADING_CUES = paths.LEXICON_DIR / "heading_cues.csv"
THEME_KEYS = ("leadership", "functions", "rules", "decisions", "enforcement", "emergency", "disputes",
              "oversight", "digital", "legal_education")
#: The codebooks jzrol knows: name, file in the lexicon folder, the genres it is written for, its keys.
CODEBOOKS = paths.lexicon_file("codebooks.csv")
WORK_REPORT_THEMES_FILE = paths.lexicon_file("work_report_themes.yaml")
WORK_REPORT_HEADING_CUES = paths.lexicon_file("work_report_heading_cues.csv")
By = Literal["doc", "part", "section", "unit"]
Weight = Literal["hits", "sentences"]
#: A share resting on fewer sentences than this is flagged (``few_sentences``) and its count shown in figures.
FEW_SENTENCES = 5

_GLOB = re.compile(r"^[^\s*?]*[*?][^\s]*$")
_VALID_VALUE = re.compile(r"^[\u3400-\u9fffA-Za-z0-9+*?＋]+( [\u3400-\u9fffA-Za-z0-9+]+)*$")
_META = re.compile(r"^#@\s*(label_zh|label_en|definition)\s*:\s*(.+?)\s*$")


class CodebookError(LexiconError):
    """A codebook with a problem; the message names the file and line."""


@dataclass(frozen=True)
class Theme:
    """One codebook key with its labels, definition and values (terms, globs, phrases)."""

    key: str
    label_zh: str
    label_en: str
    definition: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class Codebook:
    """The themes of a codebook, in file order, and how to match them against tokens."""

    path: str
    themes: tuple[Theme, ...]

    @property
    def keys(self) -> list[str]:
        return [theme.key for theme in self.themes]

    @property
    def name(self) -> str:
        """The registered name of the codebook (``codebooks.csv``), else its file's stem.

        >>> load_codebook().name, load_codebook(WORK_REPORT_THEMES_FILE).name
        ('rule_of_law', 'work_report')
        """
        by_file = {Path(row["file"]).name: row["codebook"] for row in known_codebooks()}
        return by_file.get(Path(self.path).name, Path(self.path).stem)

    def labels(self) -> pd.DataFrame:
        """One row per theme: key, Chinese and English labels, definition, number of values."""
        return pd.DataFrame([{"theme": t.key, "label_zh": t.label_zh, "label_en": t.label_en,
                              "definition": t.definition, "values": len(t.values)} for t in self.themes])

    @property
    def plain_terms(self) -> dict[str, list[str]]:
        """Token -> themes, for values that are one plain token."""
        table: dict[str, list[str]] = {}
        for theme in self.themes:
            for value in theme.values:
                if " " not in value and not _GLOB.match(value):
                    table.setdefault(value, []).append(theme.key)
        return table


class _UniqueKeyLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml's parser when PyYAML has it
    """A YAML loader that refuses duplicate keys (PyYAML would keep the last one silently)."""


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: dict = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise CodebookError(getattr(loader, "path", "codebook"), key_node.start_mark.line + 1,
                                f"duplicate key {key!r} (first on line {seen[key]})")
        seen[key] = key_node.start_mark.line + 1
    return yaml.SafeLoader.construct_mapping(loader, node, deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _key_lines(node: yaml.Node) -> dict[str, tuple[int, list[int]]]:
    """Line of each top-level key and of each of its values."""
    lines = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            values = [item.start_mark.line + 1 for item in getattr(value_node, "value", [])
                      if isinstance(value_node, yaml.SequenceNode)]
            lines[key_node.value] = (key_node.start_mark.line + 1, values)
    return lines


def read_codebook(path: str | Path = THEMES_FILE) -> Codebook:
    """Read and validate a themes codebook.

    Raises:
        CodebookError: unreadable YAML, a duplicate or unknown key, a key without metadata, an empty term
            list, or a malformed value, naming the line.

    >>> read_codebook().keys[:3]
    ['leadership', 'functions', 'rules']
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CodebookError(path, 0, f"cannot be read ({error})") from None
    loader = _UniqueKeyLoader(text)
    loader.path = str(path)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise CodebookError(path, mark.line + 1 if mark else 0, f"not valid YAML ({getattr(error, 'problem', error)})") from None
    finally:
        loader.dispose()
    if not isinstance(data, dict) or not data:
        raise CodebookError(path, 1, "a codebook is a mapping of theme keys to lists of terms")
    lines = _key_lines(node)
    meta = _metadata(text)
    themes = []
    first = next(iter(data))
    allowed = next((row["keys"] for row in known_codebooks() if first in row["keys"]), THEME_KEYS)
    for key, values in data.items():
        key_line, value_lines = lines.get(str(key), (0, []))
        if key not in allowed:
            raise CodebookError(path, key_line, f"unknown theme key {key!r}; keys are {', '.join(allowed)}")
        if not isinstance(values, list) or not values:
            raise CodebookError(path, key_line, f"theme {key!r} has an empty term list")
        for value, line in zip(values, value_lines or [key_line] * len(values)):
            if not isinstance(value, str) or not _VALID_VALUE.match(value) or value.strip("*?") == "" \
                    or "**" in value or (" " in value and ("*" in value or "?" in value)):
                raise CodebookError(path, line, f"malformed value {value!r} in theme {key!r}")
        info = meta.get(key_line, {})
        missing = [field for field in ("label_zh", "label_en", "definition") if field not in info]
        if missing:
            raise CodebookError(path, key_line, f"theme {key!r} lacks '#@ {missing[0]}:' above it")
        themes.append(Theme(key, info["label_zh"], info["label_en"], info["definition"], tuple(values)))
    return Codebook(str(path), tuple(themes))


@lru_cache(maxsize=2)
def _codebook_rows(path: str) -> tuple[dict, ...]:
    with open(path, encoding="utf-8") as handle:
        return tuple({**row, "genres": tuple(row["genres"].split()), "keys": tuple(row["keys"].split())}
                     for row in csv.DictReader(handle))


def known_codebooks() -> tuple[dict, ...]:
    """The registered codebooks (``codebooks.csv``): ``codebook, file, genres, keys, note`` per row.

    >>> [row["codebook"] for row in known_codebooks()]
    ['rule_of_law', 'work_report']
    """
    return _codebook_rows(str(CODEBOOKS))


def codebook_for_genre(genre: str | None) -> Codebook:
    """The codebook written for a genre (as :func:`jzrol.corpus.guess_genre` names it); the rule-of-law
    codebook for a genre no codebook claims.

    >>> codebook_for_genre("government_work_report").name, codebook_for_genre("rule_of_law_report").name
    ('work_report', 'rule_of_law')
    """
    row = next((row for row in known_codebooks() if genre in row["genres"]), known_codebooks()[0])
    return load_codebook(paths.lexicon_file(row["file"]))


def theme_order() -> dict[str, int]:
    """Every registered theme key and its place: codebook order, codebook after codebook."""
    keys = [key for row in known_codebooks() for key in row["keys"]]
    return {key: i for i, key in enumerate(dict.fromkeys(keys))}


def _metadata(text: str) -> dict[int, dict[str, str]]:
    """``#@ field: value`` comment lines, attached to the key line that follows them."""
    found: dict[int, dict[str, str]] = {}
    pending: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        match = _META.match(line.strip())
        if match:
            pending[match.group(1)] = match.group(2)
        elif line and not line.startswith((" ", "#", "-")) and ":" in line:
            found[number] = pending
            pending = {}
    return found


@lru_cache(maxsize=4)
def _cached_codebook(path: str, version: tuple | None) -> Codebook:  # noqa: ARG001 - version keys the cache
    return read_codebook(path)


def load_codebook(codebook: Codebook | str | Path | None = None) -> Codebook:
    """A codebook, the default one when None, read once per file version (a Codebook passes through)."""
    if isinstance(codebook, Codebook):
        return codebook
    path = Path(codebook or THEMES_FILE)
    return _cached_codebook(str(path), file_version(path))


@dataclass(frozen=True)
class _Matcher:
    plain: dict[str, tuple[str, ...]]
    globs: tuple[tuple[re.Pattern, str, str], ...]
    phrases: dict[str, tuple[tuple[tuple[str, ...], str], ...]]
    cache: dict = field(default_factory=dict, compare=False)

    @classmethod
    def build(cls, codebook: Codebook) -> _Matcher:
        plain: dict[str, list[str]] = {}
        globs, phrases = [], {}
        for theme in codebook.themes:
            for value in theme.values:
                if " " in value:
                    words = tuple(value.split())
                    phrases.setdefault(words[0], []).append((words, theme.key))
                elif _GLOB.match(value):
                    regex = "^" + re.escape(value).replace(r"\*", ".+").replace(r"\?", ".") + "$"
                    globs.append((re.compile(regex), theme.key, value))
                else:
                    plain.setdefault(value, []).append(theme.key)
        return cls({k: tuple(v) for k, v in plain.items()}, tuple(globs),
                   {k: tuple(v) for k, v in phrases.items()})

    def themes_of(self, word: str) -> tuple[str, ...]:
        """Themes a single token belongs to by plain value or glob (memoized: vocabularies are small)."""
        cached = self.cache.get(word)
        if cached is None:
            found = list(self.plain.get(word, ()))
            if self.any_glob.match(word):  # one test first: most words match no glob
                found += [theme for pattern, theme, _ in self.globs if theme not in found and pattern.match(word)]
            cached = self.cache[word] = tuple(found)
        return cached

    @cached_property
    def any_glob(self) -> re.Pattern:
        """A pattern that matches a word when any glob does."""
        return re.compile("|".join(f"(?:{pattern.pattern})" for pattern, _, _ in self.globs) or "(?!)")

    def match(self, words: list[str]) -> list[tuple[str, str]]:
        """(theme, matched text) for every hit; a token counts once per theme."""
        hits = []
        for i, word in enumerate(words):
            themes = self.themes_of(word)
            if themes:
                hits += [(theme, word) for theme in themes]
            for phrase, theme in self.phrases.get(word, ()):
                if theme not in themes and tuple(words[i:i + len(phrase)]) == phrase:
                    hits.append((theme, "".join(phrase)))
        return hits


@lru_cache(maxsize=8)
def _matcher(codebook: Codebook) -> _Matcher:
    return _Matcher.build(codebook)


def matcher_for(codebook: Codebook | str | Path | None = None) -> _Matcher:
    """The term matcher of a codebook (the default one when None), built once."""
    return _matcher(load_codebook(codebook))


def code_units(units: pd.DataFrame, *, codebook: Codebook | str | Path | None = None,
               tokenizer: Tokenizer | None = None) -> pd.DataFrame:
    """Theme hits of every sentence: ``doc_id, unit_id, part, section, item, theme, hits, matched``.

    One row per sentence and theme it touches (multi-label); ``matched`` lists the terms found.
    Sentences with no hit have no row (see :func:`uncoded_units`).
    """
    book = load_codebook(codebook)
    matcher = matcher_for(book)
    tokenizer = tokenizer or get_tokenizer()
    rows = []
    text_units = units[units["kind"] == "text"]
    for unit in text_units[["doc_id", "unit_id", "part", "section", "item", "norm"]].itertuples(index=False):
        words = [w for w in tokenizer.cut(unit.norm) if w.strip()]
        found: dict[str, list[str]] = {}
        for theme, term in matcher.match(words):
            found.setdefault(theme, []).append(term)
        for theme in book.keys:
            if theme in found:
                rows.append({"doc_id": unit.doc_id, "unit_id": unit.unit_id, "part": unit.part,
                             "section": unit.section, "item": unit.item, "theme": theme,
                             "hits": len(found[theme]), "matched": "、".join(found[theme])})
    table = pd.DataFrame(rows, columns=["doc_id", "unit_id", "part", "section", "item", "theme", "hits", "matched"])
    table.attrs["codebook"] = book.name
    return table


_BY_COLUMNS = {"doc": ["doc_id"], "part": ["doc_id", "part"], "section": ["doc_id", "part", "section"],
               "unit": ["doc_id", "unit_id", "part", "section"]}


def theme_table(hits: pd.DataFrame, units: pd.DataFrame | None = None, *, by: By = "section",
                weight: Weight = "hits", few: int = FEW_SENTENCES) -> pd.DataFrame:
    """Theme hits and shares per group: ``*group, theme, hits, share`` (DESIGN's themes table).

    With ``weight="hits"``, ``share`` is the theme's share of all codebook hits in the group (the
    shares of a group sum to 1, and one word repeated in many sentences can dominate). With
    ``weight="sentences"`` (needs ``units``), ``share`` is the share of the group's sentences (text
    units) coded with the theme at least once: shares do not sum to 1, since a sentence can carry
    several themes. That table also has ``hit_share`` beside it, ``sentences`` (coded with the
    theme), ``n_sentences`` (in the group: the number behind the share) and ``few_sentences``, True
    where the group has fewer than ``few`` sentences, so its shares rest on a handful.

    Groups are in reading order, themes by hits (by sentences, then hits, when weighted by sentences),
    then codebook order. Groups with text but no hit are left out.

    >>> from jzrol import read_report, paths
    >>> report = read_report(paths.SEED_REPORT)
    >>> table = theme_table(code_units(report.units), report.units, by="doc", weight="sentences")
    >>> table[["theme", "sentences", "n_sentences", "share"]].head(1).values.tolist()
    [['rules', 26, 106, 0.2453]]
    """
    if weight not in ("hits", "sentences"):
        raise ValueError(f"weight must be 'hits' or 'sentences', not {weight!r}")
    if weight == "sentences" and units is None:
        raise ValueError("weight='sentences' needs the units, to count each group's sentences")
    keys = _BY_COLUMNS[by]
    extra = ["hit_share", "sentences", "n_sentences", "few_sentences"] if weight == "sentences" else []
    if hits.empty:
        empty = pd.DataFrame(columns=keys + ["theme", "hits", "share"] + extra)
        empty.attrs["codebook"] = hits.attrs.get("codebook")
        return empty
    grouped = hits.groupby(keys + ["theme"], sort=False)
    table = grouped["hits"].sum().reset_index()
    table["share"] = (table["hits"] / table.groupby(keys)["hits"].transform("sum")).round(4)
    order = theme_order()
    table["_order"] = table["theme"].map(order)
    ranking = ["hits"]
    if weight == "sentences":
        table["hit_share"] = table.pop("share")
        table["sentences"] = grouped["unit_id"].nunique().to_numpy()
        text = units[units["kind"] == "text"]
        sizes = text.groupby(keys).size().rename("n_sentences").reset_index()
        table = table.merge(sizes, on=keys, how="left")
        table["n_sentences"] = table["n_sentences"].fillna(0).astype(int)
        table["share"] = (table["sentences"] / table["n_sentences"].where(table["n_sentences"] > 0)).round(4)
        table["few_sentences"] = table["n_sentences"] < few
        ranking = ["sentences", "hits"]
    table = table.sort_values(keys + ranking + ["_order"], ascending=[True] * len(keys) + [False] * len(ranking) + [True],
                              kind="stable")
    table = table[keys + ["theme", "hits", "share"] + extra].reset_index(drop=True)
    table.attrs["codebook"] = hits.attrs.get("codebook")
    return table


def coverage(hits: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
    """Per document: text units, units coded at all, and the coverage share.

    >>> from jzrol import read_report, paths
    >>> report = read_report(paths.SEED_REPORT)
    >>> coverage(code_units(report.units), report.units)[["text_units", "coded_units"]].values.tolist()
    [[106, 94]]
    """
    text = units[units["kind"] == "text"]
    total = text.groupby("doc_id").size().rename("text_units")
    coded = hits.groupby("doc_id")["unit_id"].nunique().rename("coded_units")
    table = pd.concat([total, coded], axis=1).fillna(0).astype(int).reset_index()
    table["coverage"] = (table["coded_units"] / table["text_units"]).round(4)
    return table


def uncoded_units(hits: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
    """The sentences no theme touches, for refining the codebook (``doc_id, unit_id, part, section, norm``)."""
    text = units[units["kind"] == "text"]
    coded = set(zip(hits["doc_id"], hits["unit_id"]))
    mask = [(d, u) not in coded for d, u in zip(text["doc_id"], text["unit_id"])]
    return text.loc[mask, ["doc_id", "unit_id", "part", "section", "norm"]].reset_index(drop=True)


@lru_cache(maxsize=4)
def _heading_cues(path: str) -> tuple[tuple[str, str], ...]:
    with open(path, encoding="utf-8") as handle:
        return tuple((row["cue"], row["theme"]) for row in csv.DictReader(handle))


def heading_agreement(hits: pd.DataFrame, units: pd.DataFrame, *, cues: str | Path = HEADING_CUES) -> pd.DataFrame:
    """Does each section's dominant theme match the topic its heading announces?

    The heading is an independent label: it is read with the cue words of ``jzrol/lexicon/heading_cues.csv``
    (立法 -> rules, 执法 -> enforcement …; the first cue found wins), not with the codebook, and the
    body is coded without the heading. Sections whose heading has no cue get no label.

    Returns ``doc_id, part, section, section_title, heading_theme, dominant_theme, dominant_share, agree``.
    """
    sections = units[(units["kind"] == "heading") & (units["section"] > 0)]
    sections = sections.drop_duplicates(["doc_id", "part", "section"])
    body = theme_table(hits, by="section")
    dominant = body.drop_duplicates(["doc_id", "part", "section"]).set_index(["doc_id", "part", "section"])
    rows = []
    for row in sections.itertuples(index=False):
        label = next((theme for cue, theme in _heading_cues(str(cues)) if cue in row.section_title), None)
        key = (row.doc_id, row.part, row.section)
        top = dominant.loc[key] if key in dominant.index else None
        rows.append({"doc_id": row.doc_id, "part": row.part, "section": row.section,
                     "section_title": row.section_title, "heading_theme": label,
                     "dominant_theme": top["theme"] if top is not None else None,
                     "dominant_share": float(top["share"]) if top is not None else None,
                     "agree": None if label is None or top is None else bool(label == top["theme"])})
    return pd.DataFrame(rows, columns=["doc_id", "part", "section", "section_title", "heading_theme",
                                       "dominant_theme", "dominant_share", "agree"])


def role_comparison(hits: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
    """Theme shares in the achievements, problems and plans parts, with what does not match.

    Returns ``doc_id, theme, achievements, problems, plans`` (each the theme's share of that role's
    hits) and ``flag``: ``problem without plan`` when the problems part raises a theme the plans part
    never mentions, ``plan without problem`` when a plan answers no stated problem (empty otherwise;
    only for documents that have both a problems and a plans part).
    """
    roles = part_roles(units)[["doc_id", "part", "role"]]
    joined = hits.merge(roles, on=["doc_id", "part"], how="left")
    joined = joined[joined["role"].isin(["achievements", "problems", "plans"])]
    columns = ["doc_id", "theme", "achievements", "problems", "plans", "flag"]
    if joined.empty:
        return pd.DataFrame(columns=columns)
    table = joined.pivot_table(index=["doc_id", "theme"], columns="role", values="hits", aggfunc="sum",
                               fill_value=0).reindex(columns=["achievements", "problems", "plans"], fill_value=0)
    shares = table / table.groupby(level="doc_id").transform("sum").replace(0, 1)
    shares = shares.round(4).reset_index()
    present = roles.groupby("doc_id")["role"].agg(set)
    flags = []
    for row in shares.itertuples(index=False):
        both = {"problems", "plans"} <= present.get(row.doc_id, set())
        if both and row.problems > 0 and row.plans == 0:
            flags.append("problem without plan")
        elif both and row.plans > 0 and row.problems == 0:
            flags.append("plan without problem")
        else:
            flags.append("")
    shares["flag"] = flags
    order = theme_order()
    shares = shares.sort_values(["doc_id", "theme"], key=lambda c: c.map(order) if c.name == "theme" else c)
    return shares[columns].reset_index(drop=True)


def is_single_token(value: str, tokenizer: Tokenizer | None = None) -> bool:
    """True when a plain codebook value comes out of the tokenizer as one token."""
    tokenizer = tokenizer or get_tokenizer()
    words = [w for w in tokenizer.cut(value) if is_content(w) or w.strip()]
    return words == [value]
