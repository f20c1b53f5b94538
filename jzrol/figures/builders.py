"""The figure builders: one function per analysis, each drawing its figures of one report (or of a
corpus) and saving them with the table behind each, returning what the write-up says about them.

>>> fold_place_name(pd.DataFrame({"term": ["锦州", "锦州市"], "n": [5, 2]}), "锦州市")["n"].tolist()
[7]
"""

from __future__ import annotations

import re
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

from jzrol import claims, corpus, plots, terms, themes
from jzrol import sections as sections_helpers
from jzrol.display import theme_labels as all_theme_labels
from jzrol.figures.render import SEEDS, FigureResult, save_figure, table_csv
from jzrol.figures.render import markdown_table as _markdown_table
from jzrol.fonts import find_cjk_font
from jzrol.io import atomic_write_text
from jzrol.report import Report, outline
from jzrol.report import part_roles as report_part_roles

__all__ = ["CORPUS_TERMS", "claim_figures", "corpus_figures", "fold_place_name", "structure_figures", "term_figures",
           "theme_figures"]


def structure_figures(report: Report, out_dir: Path) -> list[FigureResult]:
    """Figure 1: how the report spends its text across parts and sections."""
    table = outline(report.units)
    fig, ax = plt.subplots(figsize=(8, max(3.0, 0.42 * table["part"].nunique() + 1.2)))
    plots.plot_outline(table, ax=ax)
    ax.set_title("Length of each part, its sections stacked inside (characters of text)", loc="left")
    name = "01-structure-outline"
    files = save_figure(fig, name, table=table, out_dir=out_dir)
    parts = report.parts()
    per_part = table.groupby("part")["characters"].sum()
    total = int(per_part.sum())
    longest = table.loc[table["characters"].idxmax()]
    numbers = [f"{len(parts)} parts, {len(report.sections())} sections, "
               f"{int((report.units.kind == 'text').sum())} sentences, {total:,} characters of text"]
    for part, title in zip(parts["part"], parts["part_title"]):
        share = per_part.get(part, 0) / total if total else 0
        numbers.append(f"part {part} {title}: {int(per_part.get(part, 0)):,} characters ({share:.0%})")
    numbers.append(f"longest unit of the outline: {longest['section_title'] or longest['part_title'] or 'preamble'} "
                   f"({int(longest['characters']):,} characters)")
    caption = (
        "Each bar is one part of the report in reading order; its length is the number of characters of its "
        "sentences (headings excluded), and its segments, numbered, are its sections in reading order (an "
        "unnumbered first segment is text before the first section). Parts compare with parts, sections with "
        "the sections of their part. Long bars are where the report spends its words: in this genre, "
        "achievements usually take far more space than problems."
    )
    return [FigureResult(name, "Structure of the report", caption, numbers, files)]


TOP_N_TERMS = 10
DISPERSION_TERMS = 8
KEYNESS_BARS = 12


def _ties_note(side: pd.DataFrame, shown: int, where: str) -> str:
    """'; 7 more terms share the G² of the last bar on the right' when the cut-off falls inside a tie."""
    if len(side) <= shown:
        return ""
    last = side["g2"].iloc[shown - 1]
    more = int((side["g2"].iloc[shown:] == last).sum())
    return f"; {more} more terms share the G² of the last bar on the {where} (G²={last:.2f})" if more else ""


_PLACE_SUFFIX = re.compile(r"(?:省|自治区|市|自治州|州|盟|地区|区|县|自治县|旗|镇|乡)$")


def fold_place_name(counts: pd.DataFrame, place: str | None) -> pd.DataFrame:
    """Count the report's place and its short form (锦州市, 锦州) as one term, under the full name.

    >>> counts = pd.DataFrame({"term": ["锦州", "执法", "锦州市"], "n": [5, 4, 2]})
    >>> fold_place_name(counts, "锦州市")[["term", "n"]].values.tolist()
    [['锦州市', 7], ['执法', 4]]
    """
    short = _PLACE_SUFFIX.sub("", place or "")
    if not place or len(short) < 2 or short == place or short not in set(counts["term"]):
        return counts
    merged = counts.assign(term=counts["term"].replace(short, place))
    keys = [c for c in merged.columns if c not in ("term", "n", "per_1000")]
    folded = merged.groupby([*keys, "term"], as_index=False, sort=False)["n"].sum()
    if "per_1000" in counts.columns:
        total = counts["n"].sum()
        folded["per_1000"] = (folded["n"] / total * 1000).round(2) if total else 0.0
    folded = folded.sort_values("n", ascending=False, kind="stable").reset_index(drop=True)
    return folded[[c for c in counts.columns if c in folded.columns]]


def term_figures(report: Report, out_dir: Path) -> list[FigureResult]:
    """Figures 2–5: top terms by part, word cloud, keyness of problems vs achievements, dispersion."""
    toks = terms.tokens(report.units)
    results = []

    by_part = terms.count_terms(toks, by=["doc_id", "part"], policy_verbs="drop")
    top = terms.top_terms(by_part[by_part["part"] > 0], TOP_N_TERMS)
    parts = report.parts()
    if len(parts):
        fig = plots.plot_top_terms_by_part(top, parts, n=TOP_N_TERMS)[0].figure
        fig.suptitle(f"Most frequent terms in each part (top {TOP_N_TERMS}, policy verbs dropped)", x=0.02, ha="left")
        fig.tight_layout()
        name = "02-terms-top-by-part"
        numbers = [f"part {p}: " + "、".join(top.loc[top["part"] == p, "term"].head(5)) for p in parts["part"]]
        results.append(FigureResult(
            name, "Most frequent terms by part",
            "Each panel lists the most frequent terms of one part, as a rate per 1,000 counted terms (raw count at "
            "the bar's end), on one scale shared by every panel. Stopwords, numbers and the genre's policy verbs (加强, 推进 …; see "
            "jzrol/lexicon/policy_verbs.txt) are left out, so what remains is what each part is about.",
            numbers, save_figure(fig, name, table=top, out_dir=out_dir)))

    overall = fold_place_name(terms.count_terms(toks, by=["doc_id"], policy_verbs="drop"), report.meta.place)
    cloud_table = overall.head(150)[["term", "n"]]
    fig, ax = plt.subplots(figsize=(8, 4.7))
    plots.plot_wordcloud(cloud_table.set_index("term")["n"], font_path=str(find_cjk_font().single_face_path()),
                         random_state=SEEDS["wordcloud"], ax=ax)
    name = "03-terms-wordcloud"
    results.append(FigureResult(
        name, "Word cloud of the report's terms",
        "Word size follows each term's count in the report (the 150 most frequent terms, stopwords and policy "
        "verbs dropped); position and colour carry no meaning. The report's own place and its short form "
        "(锦州市 and 锦州) name one government, so they are counted as one term under the full name. It is drawn from jzrol's own token counts, so "
        "multi-character policy terms (法治政府建设, 规范性文件) stay whole. Read sizes, not places.",
        ["top terms: " + "、".join(f"{t} ({n})" for t, n in zip(overall["term"].head(8), overall["n"].head(8)))],
        save_figure(fig, name, table=cloud_table, out_dir=out_dir)))

    roles = report_part_roles(report.units)
    problem_parts = roles.loc[roles["role"] == "problems", "part"].tolist()
    achievement_parts = roles.loc[roles["role"] == "achievements", "part"].tolist()
    if problem_parts and achievement_parts:
        table = terms.keyness_between(toks, {"part": problem_parts}, {"part": achievement_parts},
                                      policy_verbs="drop")
        fig, ax = plt.subplots(figsize=(7, 7))
        plots.plot_keyness(table, n=KEYNESS_BARS, target_label="problems", reference_label="achievements", ax=ax)
        ax.set_title("Keyness: the problems part against the achievements part", loc="left")
        name = "04-terms-keyness-problems-vs-achievements"
        over = table[table["direction"] > 0]
        under = table[table["direction"] < 0]
        exact = int((table["p_method"] == "fisher").sum())
        results.append(FigureResult(
            name, "What the report says when it admits problems",
            "Log-likelihood (G²) keyness of the problems part (target) against the achievements part (reference), "
            "on the whole 2×2 table of each term, without Williams' correction. Bars to the right are terms at a "
            "higher rate when the report describes shortcomings, bars to the left terms of its success story; bar "
            "length is G². An asterisk marks a term whose p, adjusted for the "
            f"{len(table)} terms tested at once (Benjamini–Hochberg), is below 0.05; p is Fisher's exact test "
            f"where an expected count is below 5 ({exact} of the {len(table)} terms here), else G²'s chi-squared "
            "tail. Terms of equal G² are ordered by the term's Unicode code points (a fixed order that carries no meaning)"
            f"{_ties_note(over, KEYNESS_BARS, 'right')}{_ties_note(under, KEYNESS_BARS, 'left')}. "
            "With parts this short most terms rest on a few occurrences: read the chart as a ranking; the table "
            "gives each term's counts, both p-values (p_g2, p), p_bh and the log ratio (effect size).",
            ["problems: " + "、".join(f"{t} (G²={g:.1f}, adjusted p={p:.3g})"
                                      for t, g, p in zip(over["term"].head(5), over["g2"], over["p_bh"])),
             "achievements: " + "、".join(f"{t} (G²={g:.1f}, adjusted p={p:.3g})"
                                          for t, g, p in zip(under["term"].head(5), under["g2"], under["p_bh"]))],
            save_figure(fig, name, table=table, out_dir=out_dir)))

    general = terms.keyness_between(toks, {"doc_id": report.doc_id}, None, policy_verbs="drop", min_n=3)
    chosen = general[general["direction"] > 0]["term"].head(DISPERSION_TERMS).tolist()
    positions = toks.loc[toks["token"].isin(chosen), ["part", "section", "position", "token"]]
    boundaries = sections_helpers.part_starts(toks)
    if not chosen:
        return results
    fig, ax = plt.subplots(figsize=(9, 0.4 * len(chosen) + 1.4))
    plots.plot_dispersion(positions, chosen, boundaries=boundaries, ax=ax)
    ax.set_title("Where the report's most distinctive terms occur", loc="left", pad=14)
    name = "05-terms-dispersion"
    results.append(FigureResult(
        name, "Dispersion of distinctive terms",
        "Each row is one of the report's most distinctive terms (highest G² among the terms at a higher rate "
        "than in general Chinese, the word frequencies that ship with jieba's dictionary, from which stopwords, "
        "numbers and policy verbs are left out as they are from the report); each tick is one occurrence, placed by its token "
        "position; dashed lines mark where parts begin. A term spread across the report is a frame; a term "
        "packed in one stretch belongs to one topic.",
        ["terms: " + "、".join(chosen)],
        save_figure(fig, name, table=positions.reset_index(drop=True), out_dir=out_dir)))
    return results


def claim_figures(report: Report, out_dir: Path) -> list[FigureResult]:
    """Figures 6–8 and the findings table: what the report quantifies, how precisely, and whether it adds up."""
    found = claims.extract_claims(report.units)
    results = []
    if found.empty:
        return results
    by_section = claims.claims_by_section(found, report.units)
    titles = dict(zip(zip(by_section["part"], by_section["section"]), by_section["title"]))
    fig, ax = plt.subplots(figsize=(8, 0.32 * len(titles) + 1.4))
    plots.plot_claims_by_kind(by_section, ax=ax)
    ax.set_title("Numeric claims in each part and section, by kind", loc="left")
    name = "06-claims-by-section"
    kinds = found["kind"].value_counts()
    busiest = by_section.groupby(["part", "section", "title"])["n"].sum().idxmax()
    results.append(FigureResult(
        name, "Where the report quantifies",
        "Each bar counts the numeric claims of one part or section (years, dates, ordinals, identifiers and named "
        "formulas such as 1+5+N are not claims), split by kind: counts (项, 件, 人次 …), percentages, money, "
        "durations and physical measures. Sections without a bar assert no number at all.",
        [f"{len(found)} claims: " + ", ".join(f"{n} {kind}" for kind, n in kinds.items()),
         f"most quantified: {plots.section_label(busiest[0], busiest[1], busiest[2], 30)} "
         f"({int(by_section.groupby(['part', 'section'])['n'].sum().max())} claims)"],
        save_figure(fig, name, table=by_section, out_dir=out_dir)))

    part, section = busiest[0], busiest[1]
    chosen = found[(found["part"] == part) & (found["section"] == section)]
    fig, ax = plt.subplots(figsize=(8, 0.3 * len(chosen) + 1.4))
    plots.plot_quantities(chosen, ax=ax)
    ax.set_title(f"Quantities asserted in {plots.section_label(part, section, busiest[2], 20)}", loc="left")
    name = "07-claims-quantities"
    largest = chosen.loc[chosen["value"].idxmax()]
    results.append(FigureResult(
        name, "The quantities of the most quantified section",
        "Every number the most quantified section asserts, one dot each, on a logarithmic scale so that 7 次 and "
        "210000 人次 fit one axis (dots, not bars: on a log scale a bar's length means nothing); each row is "
        "labelled with the phrase it measures (with the claim's number where two share a phrase) and the number "
        "as written (余 = more than, 约 = about). Colours give the kind of claim. Numbers of different units are "
        "not comparable: read each against its label.",
        [f"{len(chosen)} claims; largest: {largest['subject']} {largest['raw']}",
         f"{(chosen['qualifier'] != 'exact').mean():.0%} of them approximate or bounded"],
        save_figure(fig, name, table=chosen, out_dir=out_dir)))

    profile = claims.precision_profile(found)
    fig, ax = plt.subplots(figsize=(8, 0.32 * profile[["part", "section"]].drop_duplicates().shape[0] + 1.4))
    plots.plot_precision_profile(profile, titles, ax=ax)
    ax.set_title("How concrete is each section? Exact, approximate and bounded numbers", loc="left")
    name = "08-claims-precision-profile"
    levels = found["qualifier"].map(claims.precision_level).value_counts(normalize=True)
    results.append(FigureResult(
        name, "Precision profile of each section",
        "For each section that asserts numbers, the share of its claims that are exact (56件), approximate "
        "(约10000人) or bounded (1000余场次, 90个工作日以内). Reports of this genre tend to be exact where they "
        "report case handling and approximate where they report outreach; a section made of 余 and 约 is "
        "telling its story in round numbers.",
        [", ".join(f"{level} {levels.get(level, 0):.0%}" for level in claims.PRECISION_LEVELS) + " of all claims"],
        save_figure(fig, name, table=profile, out_dir=out_dir)))

    findings = claims.check_claims(found, report.units)
    name = "09-claims-findings"
    files = []
    if not findings.empty:
        path = out_dir / f"{name}.csv"
        atomic_write_text(path, table_csv(findings))
        files.append(path)
    statuses = findings["status"].value_counts()
    results.append(FigureResult(
        name, "Does the report's arithmetic add up?",
        "Each row is a relation the report's own numbers imply, tested: parts against totals, rates against the "
        "counts they come from, the base a rate implies, parts against wholes, and from→to changes against their "
        "verb. `rounding` means the stated figure is right only if the source truncated instead of rounding.",
        [", ".join(f"{statuses.get(s, 0)} {s}" for s in ("consistent", "rounding", "inconsistent"))],
        files, markdown=_markdown_table(findings[["check", "status", "claim_ids", "detail"]]) if len(findings) else
        "No relation between the report's numbers was found to test."))
    return results


def theme_figures(report: Report, out_dir: Path) -> list[FigureResult]:
    """Figures 9–11 and the validation table: what the report spends its words on, by the codebook."""
    hits = themes.code_units(report.units)
    results = []
    if hits.empty:
        return results
    book = themes.load_codebook()
    sections = themes.theme_table(hits, report.units, by="section", weight="sentences")
    titles = sections_helpers.section_titles(report.units)
    cover = themes.coverage(hits, report.units).iloc[0]
    few = themes.FEW_SENTENCES

    fig, ax = plt.subplots(figsize=(8.5, 0.38 * sections[["part", "section"]].drop_duplicates().shape[0] + 2.2))
    theme_labels = book.labels()
    plots.plot_theme_heatmap(sections, book.keys, titles, theme_labels=theme_labels, ax=ax)
    ax.set_title("Theme profile of each section (share of its sentences coded with each theme)", loc="left")
    name = "10-themes-section-heatmap"
    agreement = themes.heading_agreement(hits, report.units)
    labelled = agreement.dropna(subset=["agree"])
    small = sections.drop_duplicates(["part", "section"])
    small = small[small["few_sentences"]]
    results.append(FigureResult(
        name, "Themes section by section",
        "Each row is a part or section, each column a theme of the codebook (jzrol/lexicon/themes.yaml, after the "
        "national Outline for Building a Rule-of-Law Government 2021–2025), named by its Chinese label "
        "(the English labels and keys are in the codebook and the table); a cell is the share of the section's "
        "sentences that the codebook codes with the theme (a sentence can carry several themes, so a row does not "
        f"add up to 100%). Rows of fewer than {few} sentences show their count, (n=3): their shares rest on a "
        "handful. A dark cell alone in its row is a section about one thing; a spread-out row mixes topics. The "
        "table beside the figure also gives each theme's share of the section's codebook hits (hit_share), in "
        "which one word repeated in many sentences weighs more. Which terms put each sentence into a theme is in "
        "`jzrol themes --by unit` and notebook 03; the agreement below compares each heading with the theme that "
        "has most hits in its section.",
        [f"coverage: {cover.coded_units} of {cover.text_units} sentences coded ({cover.coverage:.0%})",
         f"{len(small)} of {len(sections.drop_duplicates(['part', 'section']))} rows rest on fewer than {few} "
         "sentences",
         f"headings agree with the dominant theme in {int(labelled['agree'].sum())} of {len(labelled)} "
         "sections whose heading names a topic"],
        save_figure(fig, name, table=sections, out_dir=out_dir),
        markdown=_markdown_table(agreement[["part", "section", "section_title", "heading_theme", "dominant_theme",
                                            "agree"]]) if len(agreement) else ""))

    parts = themes.theme_table(hits, report.units, by="part", weight="sentences")
    roles = {row.part: row.role for row in report_part_roles(report.units).itertuples()}
    part_titles = {(p, 0): (f"({roles[p]}) " if roles.get(p) else "") + titles.get((p, 0), "")
                   for p in parts["part"].unique()}
    fig, ax = plt.subplots(figsize=(9, 0.45 * len(part_titles) + 2.2))
    plots.plot_theme_heatmap(parts, book.keys, part_titles, theme_labels=theme_labels, label_width=26, ax=ax)
    ax.set_title("Theme profile of each part (share of its sentences coded with each theme)", loc="left")
    name = "11-themes-by-part"
    top = parts.drop_duplicates("part")
    results.append(FigureResult(
        name, "Theme shares by part",
        "Each row is one part of the report, with its role (achievements, problems, plans) as read from its "
        "heading; a cell is the share of the part's sentences coded with the theme (several themes can share a "
        f"sentence). Parts of fewer than {few} sentences show their count. The table beside the figure gives the "
        "number of sentences behind each share (n_sentences) and the theme's share of the part's codebook hits "
        "(hit_share).",
        [f"part {row.part}: mostly {row.theme} ({row.sentences} of its {row.n_sentences} sentences, {row.share:.0%})"
         for row in top.itertuples()],
        save_figure(fig, name, table=parts, out_dir=out_dir)))

    comparison = themes.role_comparison(hits, report.units)
    if len(comparison) and {"problems", "plans"} <= set(roles.values()):
        doc = comparison[comparison["doc_id"] == report.doc_id]
        role_hits = sections_helpers.hits_by_role(hits, report.units)
        fig, ax = plt.subplots(figsize=(8, 0.55 * len(doc) + 1.4))
        plots.plot_role_comparison(doc, hits=role_hits, theme_labels=theme_labels, ax=ax)
        ax.set_title("Achievements, problems and plans: what each part is about", loc="left")
        name = "12-themes-problems-vs-plans"
        flagged = doc[doc["flag"] != ""]
        zh_labels = dict(zip(theme_labels["theme"], theme_labels["label_zh"]))
        results.append(FigureResult(
            name, "Do the plans answer the problems?",
            "For each theme (named by the codebook's Chinese and English labels), its share of the codebook hits in "
            "the achievements, problems and plans parts. A theme "
            "raised among the problems but absent from the plans is a problem without a plan; a theme planned but "
            "never named as a problem is a plan without a problem. Both are questions to put to the report, not "
            "verdicts: a plan may address a problem in other words. The legend gives the codebook hits behind "
            f"each part's shares (problems: {role_hits['problems']} hits, plans: {role_hits['plans']}): where "
            "they are a few dozen, one sentence more or less moves a share by several points.",
            [f"{zh_labels.get(row.theme, row.theme)} ({row.theme}): {row.flag}" for row in flagged.itertuples()]
            or ["every problem theme has a plan"],
            save_figure(fig, name, table=doc, out_dir=out_dir)))
    return results


#: Words followed across a corpus: the rule of law (法治), by law (依法) and the older legal system (法制).
CORPUS_TERMS = ("法治", "依法", "法制")


def corpus_figures(summary: corpus.CorpusSummary, out_dir: Path, label: str) -> list[FigureResult]:
    """Figures 12–14: words, themes and numbers across the reports of a corpus, year by year."""
    docs = summary.documents
    ok = docs[docs["error"].isna()]
    years = ok["year"].dropna()
    span = f"{int(years.min())}–{int(years.max())}" if len(years) else "no dated reports"
    results = []
    trend = corpus.term_trend(summary, CORPUS_TERMS)
    if len(trend):
        fig, ax = plt.subplots(figsize=(9, 4))
        plots.plot_term_trend(trend, ax=ax)
        ax.set_title(f"{'、'.join(CORPUS_TERMS)} across {label}, {span}", loc="left")
        name = "13-corpus-term-trend"
        peaks = trend.loc[trend.groupby("term")["per_10k"].idxmax()]
        firsts = trend[trend["n"] > 0].groupby("term")["year"].min()
        results.append(FigureResult(
            name, "The vocabulary of law across the years",
            "Relative frequency per 10,000 counted terms of each word, counting every token that contains it (依法 "
            "in 依法行政, 依法治国 …), one point per year; the line breaks across years without a report. The table "
            "behind the figure gives the counts, the year's total and the reports behind it (n_docs), so that a "
            "reader can see how much text each point stands on.",
            [f"{row.term}: first used {int(firsts.get(row.term, 0)) or '—'}, highest in {row.year} "
             f"({row.per_10k:.1f} per 10,000)" for row in peaks.itertuples()],
            save_figure(fig, name, table=trend, out_dir=out_dir)))
    theme_years = corpus.theme_trend(summary)
    if len(theme_years):
        fig, ax = plt.subplots(figsize=(max(6, 0.2 * theme_years["year"].nunique() + 2.5), 4.2))
        shown = sorted(set(theme_years["theme"]), key=themes.theme_order().__getitem__)
        labels = all_theme_labels()
        plots.plot_theme_years(theme_years, shown, theme_labels=labels, ax=ax)
        ax.set_title(f"Theme shares by year across {label}", loc="left")
        name = "14-corpus-theme-trend"
        top = theme_years.groupby("theme")["hits"].sum().sort_values(ascending=False)
        zh = dict(zip(labels["theme"], labels["label_zh"]))
        results.append(FigureResult(
            name, "Themes across the years",
            "Each column is a year, each row a theme of the codebook, named by its Chinese label (the keys and "
            "English labels are in the codebooks and the table gives the keys); the shade is the theme's share of that "
            "year's codebook hits. Each report is coded with the codebook of its genre (the codebook column of the "
            "table): government work reports with the work-report codebook (五位一体 plus Party building, reform "
            "and opening-up and livelihood), rule-of-law reports with the rule-of-law codebook.",
            ["most coded overall: " + ", ".join(f"{zh.get(key, key)} ({key})" for key in top.index[:3])],
            save_figure(fig, name, table=theme_years, out_dir=out_dir)))
    by_year = corpus.claims_by_year(summary)
    if len(by_year):
        fig, ax = plt.subplots(figsize=(9, 4))
        plots.plot_claims_by_year(by_year, ax=ax)
        ax.set_title(f"How much the reports quantify, {span}", loc="left")
        name = "15-corpus-claims-by-year"
        busiest = by_year.loc[by_year["claims_per_10k_chars"].idxmax()]
        results.append(FigureResult(
            name, "How much the reports quantify",
            "Bars: numeric claims per 10,000 characters of text in each year's reports; line: the share of those "
            "claims that are exact rather than approximate (约) or bounded (余, 以上).",
            [f"{int(by_year['claims'].sum()):,} claims in {int(by_year['documents'].sum())} reports; densest: "
             f"{int(busiest['year'])} ({busiest['claims_per_10k_chars']:.1f} per 10,000 characters)"],
            save_figure(fig, name, table=by_year, out_dir=out_dir)))
    failures = summary.failures
    if len(failures):
        results.append(FigureResult("corpus-failures", "Reports that could not be analysed",
                                    "These files were skipped, each for the reason given.", [], [],
                                    markdown=_markdown_table(failures[["doc_id", "error"]])))
    return results
