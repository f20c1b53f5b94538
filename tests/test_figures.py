"""Fonts, deterministic files and `jzrol build` end to end."""

import hashlib
import io
import json
import subprocess
import sys
import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from jzrol import fonts, paths, plots  # noqa: E402
from jzrol.figures import configure_matplotlib, save_figure  # noqa: E402
from jzrol.report import outline  # noqa: E402
from tests.conftest import DATA  # noqa: E402


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_resolved_font_is_regular_cjk_with_every_probe_glyph():
    choice = fonts.find_cjk_font()
    assert choice.family in fonts.PREFERRED_FAMILIES
    assert fonts._usable(choice.path, choice.index) is None
    assert choice.single_face_path().is_file()


def test_explicit_font_without_chinese_glyphs_is_refused(monkeypatch):
    latin = matplotlib.font_manager.findfont("DejaVu Sans")
    monkeypatch.setenv(fonts.ENV_VAR, latin)
    with pytest.raises(fonts.FontNotFoundError, match="lacks glyphs"):
        fonts.find_cjk_font.__wrapped__()


def test_no_cjk_font_error_says_how_to_install(monkeypatch):
    monkeypatch.delenv(fonts.ENV_VAR, raising=False)
    monkeypatch.setattr(fonts, "PREFERRED_FAMILIES", ("No Such Family",))
    with pytest.raises(fonts.FontNotFoundError, match="apt-get install fonts-wqy-microhei"):
        fonts.find_cjk_font.__wrapped__()


def test_chinese_labels_render_without_missing_glyph_warnings(seed):
    configure_matplotlib()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph ... missing from font" would raise here
        fig, ax = plt.subplots()
        returned = plots.plot_outline(outline(seed.units), ax=ax)
        ax.set_title("法治政府建设（一）：99.93％")
        assert returned is ax
        for fmt in ("png", "svg"):
            fig.savefig(io.BytesIO(), format=fmt)
    plt.close(fig)


def test_save_figure_writes_png_svg_csv_without_dates_or_versions(tmp_path, seed):
    configure_matplotlib()
    fig, ax = plt.subplots()
    plots.plot_outline(outline(seed.units), ax=ax)
    files = save_figure(fig, "outline", table=outline(seed.units), out_dir=tmp_path)
    assert sorted(p.name for p in files) == ["outline.csv", "outline.png", "outline.svg"]
    svg = (tmp_path / "outline.svg").read_text(encoding="utf-8")
    assert "<dc:date>" not in svg and matplotlib.__version__ not in svg
    png = (tmp_path / "outline.png").read_bytes()
    assert b"Software" not in png and matplotlib.__version__.encode() not in png
    assert (tmp_path / "outline.csv").read_text(encoding="utf-8").startswith("doc_id,part,part_title,section")


def test_save_figure_failure_leaves_no_file(tmp_path, monkeypatch):
    fig, _ = plt.subplots()
    original = fig.savefig

    def fail_on_svg(target, format, **options):  # noqa: A002 - matplotlib's keyword
        if format == "svg":
            raise RuntimeError("disk full")
        return original(target, format=format, **options)

    monkeypatch.setattr(fig, "savefig", fail_on_svg)
    with pytest.raises(RuntimeError):
        save_figure(fig, "broken", out_dir=tmp_path)
    assert list(tmp_path.iterdir()) == []


def run_build(out_dir, *extra):
    return subprocess.run([sys.executable, "-m", "jzrol.cli", "build", "--quiet", "--out", str(out_dir), *extra],
                          capture_output=True, text=True)


def test_build_twice_in_fresh_processes_is_byte_identical(seed_build, tmp_path):
    first, second = seed_build, tmp_path / "b"
    result = run_build(second)
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in first.iterdir())
    assert names == sorted(p.name for p in second.iterdir())
    assert {"MANIFEST", "README.md", "units.csv", "info.json", "01-structure-outline.png", "02-terms-top-by-part.png",
            "03-terms-wordcloud.png", "04-terms-keyness-problems-vs-achievements.png", "05-terms-dispersion.svg",
            "06-claims-by-section.png", "07-claims-quantities.png", "08-claims-precision-profile.svg",
            "09-claims-findings.csv", "10-themes-section-heatmap.png", "11-themes-by-part.svg",
            "12-themes-problems-vs-plans.csv", "annotated-report.html"} <= set(names)
    for name in names:
        assert sha256(first / name) == sha256(second / name), name


def test_manifest_records_every_file_hash_font_versions_and_seeds(seed_build):
    manifest = json.loads((seed_build / "MANIFEST").read_text(encoding="utf-8"))
    files = {p.name for p in seed_build.iterdir()} - {"MANIFEST"}
    assert set(manifest["files"]) == files
    for name, digest in manifest["files"].items():
        assert sha256(seed_build / name) == digest
    assert manifest["font"]["sha256"] == fonts.find_cjk_font().sha256()
    assert manifest["versions"]["matplotlib"] == matplotlib.__version__
    assert manifest["seeds"] and manifest["input"]["sha256"] == sha256(paths.SEED_REPORT)
    assert "provinces.csv" in manifest["lexicons"]


def test_writeup_stands_on_its_own(seed_build):
    writeup = (seed_build / "README.md").read_text(encoding="utf-8")
    assert "![Structure of the report](01-structure-outline.png)" in writeup
    assert "3 parts, 11 sections" in writeup and "顶盛体育" in writeup


def test_build_on_bad_input_writes_nothing(tmp_path):
    out = tmp_path / "out"
    result = run_build(out, "--input", str(DATA / "empty.txt"))
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "empty file" in result.stderr
    assert not out.exists()


@pytest.mark.parametrize(("name", "words"), [("gbk.txt", "某区人民政府"), ("traditional.txt", "traditional")])
def test_build_on_other_reports_without_warnings(tmp_path, name, words):
    result = run_build(tmp_path, "--input", str(DATA / name))
    assert result.returncode == 0, result.stderr
    assert "Warning" not in result.stderr
    assert words in (tmp_path / "README.md").read_text(encoding="utf-8")


def test_build_with_a_corpus_adds_the_corpus_figures(tmp_path):
    result = run_build(tmp_path, "--corpus", str(DATA), "--workers", "2")
    # tests/data holds empty and undecodable fixtures: they are skipped, each named, and the exit code says so
    assert result.returncode == 1, result.stderr
    assert "jzrol: skipped" in result.stderr and "empty.txt" in result.stderr
    names = {p.name for p in tmp_path.iterdir()}
    assert {"13-corpus-term-trend.png", "14-corpus-theme-trend.csv", "15-corpus-claims-by-year.svg"} <= names
    manifest = json.loads((tmp_path / "MANIFEST").read_text(encoding="utf-8"))
    assert manifest["corpus"]["failed"] == 4  # empty.txt, blank.txt, not-chinese-encoding.txt, no-report-page.html
    writeup = (tmp_path / "README.md").read_text(encoding="utf-8")
    assert "Reports that could not be analysed" in writeup and "empty file" in writeup


# --- figures fit for a paper ----------------------------------------------------------------------

def _gappy_trend():
    import pandas as pd

    rows = [("甲", "改革", year, float(year - 1990), 1) for year in (1991, 1992, 1995)]
    rows += [("乙", "改革", 2004, 3.0, 2), ("乙", "改革", 2005, 3.0, 4), ("乙", "开放", 2004, 1.0, 2)]
    return pd.DataFrame(rows, columns=["premier", "term", "year", "per_10k", "n_docs"])


def test_trend_lines_break_across_years_without_a_report_and_ticks_are_whole_years():
    configure_matplotlib()
    trend = _gappy_trend()
    ax = plots.plot_term_trend(trend[trend.premier == "甲"])
    ax.figure.canvas.draw()
    line = ax.get_lines()[0]
    assert list(line.get_xdata()) == [1991, 1992, 1993, 1994, 1995]
    assert [y != y for y in line.get_ydata()] == [False, False, True, True, False]  # NaN: no segment drawn
    assert all(float(tick).is_integer() for tick in ax.get_xticks())
    assert all("." not in label.get_text() for label in ax.get_xticklabels())
    assert "each point: 1 report" in [text.get_text() for text in ax.texts]
    plt.close(ax.figure)


def test_small_multiples_share_axes_and_one_legend_and_show_few_documents():
    configure_matplotlib()
    axes = plots.plot_trend_panels(_gappy_trend(), panel="premier", ncols=2)
    fig = axes[0].figure
    assert len(fig.legends) == 1 and all(ax.get_legend() is None for ax in axes)
    assert [t.get_text() for t in fig.legends[0].get_texts()] == ["改革", "开放"]
    assert axes[0].get_shared_y_axes().joined(axes[0], axes[1])
    assert axes[0].get_shared_x_axes().joined(axes[0], axes[1])
    assert "n=2" in [text.get_text() for text in axes[1].texts]
    plt.close(fig)


def test_save_figure_writes_pdf_and_300_dpi_the_same_bytes_twice(tmp_path):
    from PIL import Image

    configure_matplotlib()
    digests = []
    for out in (tmp_path / "a", tmp_path / "b"):
        ax = plots.plot_term_trend(_gappy_trend())
        files = save_figure(ax.figure, "trend", out_dir=out, dpi=300, formats=["png", "svg", "pdf"])
        assert [f.suffix for f in files] == [".png", ".svg", ".pdf"]
        digests.append([sha256(f) for f in files])
    assert digests[0] == digests[1]
    assert (tmp_path / "a" / "trend.pdf").read_bytes().startswith(b"%PDF")
    with Image.open(tmp_path / "a" / "trend.png") as image:
        assert round(image.info["dpi"][0]) == 300
    with pytest.raises(ValueError, match="not tiff"):
        save_figure(plt.figure(), "x", out_dir=tmp_path, formats=["tiff"])


def test_build_option_for_dpi_and_pdf(tmp_path):
    result = run_build(tmp_path, "--dpi", "300", "--figure-formats", "png,pdf")
    assert result.returncode == 0, result.stderr
    names = {p.name for p in tmp_path.iterdir()}
    assert "01-structure-outline.pdf" in names and "01-structure-outline.svg" not in names
    manifest = json.loads((tmp_path / "MANIFEST").read_text(encoding="utf-8"))
    assert manifest["dpi"] == 300 and manifest["figure_formats"] == ["png", "pdf"]
    bad = run_build(tmp_path / "bad", "--figure-formats", "png,tiff")
    assert bad.returncode == 2 and "--figure-formats" in bad.stderr and "Traceback" not in bad.stderr
    assert not (tmp_path / "bad").exists()
