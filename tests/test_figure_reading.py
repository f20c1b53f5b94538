"""Figures a reader cannot misread: what each one draws, checked on the drawn Axes of real reports."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.colors as mcolors  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from jzrol import claims, figures, plots, read_report, terms, themes  # noqa: E402
from jzrol.report import outline  # noqa: E402
from tests.conftest import DATA  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    figures.configure_matplotlib()
    yield
    plt.close("all")


def test_outline_draws_one_bar_per_part_as_long_as_its_sections(seed):
    table = outline(seed.units)
    ax = plots.plot_outline(table)
    assert len(ax.get_yticks()) == table["part"].nunique()  # parts, not sections, are the rows
    ends = {}
    for patch in ax.patches:
        row = round(patch.get_y() + patch.get_height() / 2)
        ends[row] = max(ends.get(row, 0), patch.get_x() + patch.get_width())
    per_part = table.groupby("part")["characters"].sum().tolist()
    assert [ends[row] for row in sorted(ends)] == pytest.approx(per_part)
    assert len(ax.patches) == len(table)  # one segment per section


def test_part_colours_cycle_for_a_ten_part_report():
    report = read_report(DATA / "ten-parts.txt")
    assert len(report.parts()) == 10
    colours = [plots.part_color(p) for p in report.parts()["part"]]
    assert colours[8] == colours[0] and set(colours) <= set(plots.PART_COLORS)
    ax = plots.plot_outline(outline(report.units))
    assert len(ax.get_yticks()) == 11  # preamble and ten parts


def test_quantities_are_dots_with_unique_labels(seed):
    found = claims.extract_claims(seed.units)
    chosen = found[(found["part"] == 1) & (found["section"] == 10)]
    assert chosen["subject"].duplicated().any()  # the seed's busiest section repeats a subject
    ax = plots.plot_quantities(chosen)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert len(labels) == len(chosen) == len(set(labels))
    assert not ax.patches and ax.get_xscale() == "log"  # no bars on a log scale


@pytest.mark.parametrize("path", ["seed", "ten-parts.txt"])
def test_top_terms_panels_share_one_scale_one_panel_a_part(path, seed):
    report = seed if path == "seed" else read_report(DATA / path)
    counts = terms.count_terms(terms.tokens(report.units), by=["doc_id", "part"], policy_verbs="drop")
    parts = report.parts()
    axes = plots.plot_top_terms_by_part(counts, parts, n=5)
    shown = [ax for ax in axes if ax.get_visible()]
    assert len(shown) == len(parts)
    assert all(shown[0].get_shared_x_axes().joined(shown[0], ax) for ax in shown)
    assert len({ax.get_xlim() for ax in shown}) == 1
    assert [ax.patches[0].get_facecolor()[:3] for ax in shown] == [mcolors.to_rgb(plots.part_color(p))
                                                                   for p in parts["part"]]


def test_top_terms_panels_of_a_report_without_parts_say_so():
    counts = pd.DataFrame({"part": [0], "term": ["立法"], "n": [3], "per_1000": [1.0]})
    axes = plots.plot_top_terms_by_part(counts, pd.DataFrame({"part": [], "part_title": []}))
    assert "no numbered parts" in axes[0].texts[0].get_text()


def test_claims_legend_lists_only_kinds_that_occur(seed):
    found = claims.extract_claims(seed.units)
    ax = plots.plot_claims_by_kind(claims.claims_by_section(found, seed.units))
    assert sorted(t.get_text() for t in ax.get_legend().get_texts()) == sorted(found["kind"].unique())


def test_theme_colours_are_the_project_palette_and_colour_blind_safe():
    assert set(plots.THEME_COLORS) == set(themes.THEME_KEYS)
    assert set(plots.THEME_COLORS.values()) <= {*plots.PART_COLORS, "#882255"}
    assert len(set(plots.THEME_COLORS.values())) == len(plots.THEME_COLORS)


def test_heatmap_columns_show_the_codebook_labels(seed):
    hits = themes.code_units(seed.units)
    table = themes.theme_table(hits, seed.units, by="section", weight="sentences")
    book = themes.load_codebook()
    ax = plots.plot_theme_heatmap(table, book.keys, theme_labels=book.labels())
    assert [t.get_text() for t in ax.get_xticklabels()] == book.labels()["label_zh"].tolist()


def test_role_comparison_rows_show_the_codebook_labels_in_chinese_and_english(seed):
    book = themes.load_codebook()
    table = themes.role_comparison(themes.code_units(seed.units), seed.units)
    ax = plots.plot_role_comparison(table, theme_labels=book.labels())
    rows = [t.get_text().split("\n") for t in ax.get_yticklabels()]
    labels = book.labels().set_index("theme").loc[table["theme"]]
    assert [zh for zh, _ in rows] == labels["label_zh"].tolist()
    assert all(en.rstrip("…") and label.startswith(en.rstrip("…")) for (_, en), label in zip(rows, labels["label_en"]))
    assert not {t.get_text() for t in ax.get_yticklabels()} & set(book.keys)


def test_theme_years_rows_show_the_labels_of_every_codebook():
    from jzrol.display import theme_labels

    trend = pd.DataFrame({"theme": ["economy", "rules", "economy"], "year": [2019, 2019, 2020], "share": [0.5, 0.5, 1.0]})
    ax = plots.plot_theme_years(trend, theme_labels=theme_labels())
    assert [t.get_text() for t in ax.get_yticklabels()] == ["经济建设", "立法与规范性文件"]


def test_role_comparison_says_how_many_hits_and_puts_the_flag_beside_its_bar(seed):
    hits = themes.code_units(seed.units)
    table = themes.role_comparison(hits, seed.units)
    ax = plots.plot_role_comparison(table, hits={"achievements": 248, "problems": 32, "plans": 62})
    assert "problems (32 hits)" in [t.get_text() for t in ax.get_legend().get_texts()]
    flagged = table[table["flag"] != ""]
    assert len(flagged)
    for text in [t for t in ax.texts if t.get_text()]:
        row = flagged[flagged["flag"] == text.get_text()].iloc[0]
        role = "problems" if row["flag"].startswith("problem") else "plans"
        assert text.xy[0] == pytest.approx(row[role] * 100)  # at the end of its own bar


def test_place_name_and_its_short_form_count_as_one(seed):
    counts = terms.count_terms(terms.tokens(seed.units), by=["doc_id"], policy_verbs="drop")
    short, full = counts.set_index("term")["n"].get("锦州", 0), counts.set_index("term")["n"].get("锦州市", 0)
    assert short and full
    folded = figures.fold_place_name(counts, seed.meta.place).set_index("term")["n"]
    assert "锦州" not in folded.index and folded["锦州市"] == short + full
    assert folded.sum() == counts["n"].sum()


def _relative_luminance(colour: str) -> float:
    channels = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in mcolors.to_rgb(colour)]
    return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]


def test_word_cloud_colours_read_on_white():
    for colour in plots.WORD_COLORS:
        assert 1.05 / (_relative_luminance(colour) + 0.05) >= 4.5  # WCAG contrast for text


def test_writeup_counts_its_figures_and_tables(tmp_path):
    figures.build(DATA / "ten-parts.txt", tmp_path)
    writeup = (tmp_path / "README.md").read_text(encoding="utf-8")
    pictures = writeup.count("## Figure ")
    tables = writeup.count("## Table ")
    words = {0: "no", 1: "a"}
    assert (f"This write-up has {words.get(pictures, pictures)} figure{'s' if pictures != 1 else ''} and "
            f"{words.get(tables, tables)} table{'s' if tables != 1 else ''}.") in writeup
    assert pictures == len(list(tmp_path.glob("*.png")))


def test_tick_and_legend_labels_are_at_least_8_points(seed):
    found = claims.extract_claims(seed.units)
    for ax in (plots.plot_claims_by_kind(claims.claims_by_section(found, seed.units)),
               plots.plot_quantities(found.head(10)), plots.plot_outline(outline(seed.units))):
        texts = ax.get_xticklabels() + ax.get_yticklabels() + ax.texts
        if ax.get_legend():
            texts += ax.get_legend().get_texts()
        assert min(t.get_fontsize() for t in texts) >= 8


def _small_texts_of_every_figure(report_paths, corpus_folder, monkeypatch, tmp_path):
    """Each figure the builders draw, caught before it is saved: its name and its texts under 8 points."""
    from matplotlib.text import Text

    from jzrol import corpus
    from jzrol.figures import builders

    found = {}

    def check(fig, name, **_):
        fig.canvas.draw()  # tick labels exist once drawn
        found[name] = [(t.get_text(), t.get_fontsize()) for t in fig.findobj(Text)
                       if t.get_visible() and t.get_text().strip() and t.get_fontsize() < 8]
        plt.close(fig)
        return []

    monkeypatch.setattr(builders, "save_figure", check)
    for path in report_paths:
        report = read_report(path)
        for builder in figures.BUILDERS:
            builder(report, tmp_path)
    summary = corpus.summarize([corpus_folder], workers=1, progress=False)
    builders.corpus_figures(summary, tmp_path, "three reports")
    return found


def test_every_text_of_every_figure_is_at_least_8_points(monkeypatch, tmp_path):
    """Ticks, legends, labels and notes beside points, in every figure of a build, at the saved size
    (figures are saved at their own size, so points are points)."""
    import shutil

    from jzrol import paths

    folder = tmp_path / "reports"
    folder.mkdir()
    for name in ("ten-parts.txt", "county-no-blank-lines.txt", "traditional.txt"):
        shutil.copy(DATA / name, folder)
    found = _small_texts_of_every_figure([paths.SEED_REPORT, DATA / "ten-parts.txt"], folder, monkeypatch, tmp_path)
    assert {"01-structure-outline", "12-themes-problems-vs-plans", "13-corpus-term-trend",
            "15-corpus-claims-by-year"} <= set(found)
    assert {name: small for name, small in found.items() if small} == {}


def test_theme_shares_draw_the_themes_of_any_codebook_under_their_labels(corpus_files):
    from jzrol.display import theme_labels

    report = read_report(next(path for path in corpus_files if path.name == "2024.txt"))
    book = themes.codebook_for_genre("government_work_report")
    table = themes.theme_table(themes.code_units(report.units, codebook=book), report.units, by="part")
    ax = plots.plot_theme_shares(table, theme_labels=theme_labels())
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    coded = table.groupby("theme")["share"].sum()
    assert sorted(legend) == sorted(book.labels().set_index("theme").loc[coded[coded > 0].index, "label_zh"])
    rows = {p.get_y() for p in ax.patches}
    widths = [sum(p.get_width() for p in ax.patches if p.get_y() == y) for y in rows]
    assert len(rows) == table["part"].nunique() and widths == pytest.approx([100] * len(rows), abs=0.05)
