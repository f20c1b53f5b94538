"""The ``jzrol`` command line.

    jzrol info  PATH... [--format json|csv] [-o OUT]
    jzrol parse PATH... [--format csv|json] [-o OUT]
    jzrol terms PATH... [--by doc|part|section] [--top N] [--policy-verbs keep|drop]
    jzrol kwic  PATH... -t TERM [-t TERM ...] [--window N] [--match token|substring]
    jzrol claims PATH...    jzrol checks PATH...
    jzrol themes PATH... [--by doc|part|section|unit] [--weight hits|sentences] [--codebook PATH]
    jzrol build [--input PATH] [--out DIR] [--corpus DIR] [--workers N] [--dpi N] [--figure-formats png,svg,pdf]
    jzrol annotate PATH [-o page.html] [--codebook PATH]

Errors are one line on stderr naming the file and the problem, exit code 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import pandas as pd

from jzrol import paths
from jzrol.corpus import WorkerError, list_reports
from jzrol.fonts import FontNotFoundError
from jzrol.io import atomic_write_text
from jzrol.report import read_report
from jzrol.sources import SourceError
from jzrol.terms import LexiconError

EXIT_BAD_INPUT = 2


class CommandError(Exception):
    """A user error the command line reports in one line."""


def _reports(path_args: list[str]):
    """Reports named by files, folders and glob patterns (folders give their .txt, .html, .pdf and .docx files)."""
    return [read_report(path) for path in list_reports(path_args)]


def _table_output(table: pd.DataFrame, fmt: str) -> str:
    if fmt == "json":
        return table.to_json(orient="records", force_ascii=False, indent=1) + "\n"
    return table.to_csv(index=False, lineterminator="\n")


def _info(args: argparse.Namespace) -> str:
    metas = [report.meta.to_dict() for report in _reports(args.paths)]
    if args.format == "csv":
        table = pd.DataFrame(metas).drop(columns=["provenance"])
        for column in ("issuer", "warnings"):
            table[column] = table[column].map(" | ".join)
        table[["year", "delivered"]] = table[["year", "delivered"]].astype("Int64")  # 2020, not 2020.0
        return _table_output(table, "csv")
    payload = metas[0] if len(metas) == 1 else metas
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def _parse(args: argparse.Namespace) -> str:
    units = pd.concat([report.units for report in _reports(args.paths)], ignore_index=True)
    return _table_output(units, args.format)


def _units_with_text(path_args: list[str]) -> pd.DataFrame:
    """Units of every report; a report without any sentence is an error naming the file."""
    tables = []
    for report in _reports(path_args):
        report.require_text()
        tables.append(report.units)
    return pd.concat(tables, ignore_index=True)


_BY = {"doc": ["doc_id"], "part": ["doc_id", "part"], "section": ["doc_id", "part", "section"]}


def _terms(args: argparse.Namespace) -> str:
    from jzrol import terms

    tokenizer = terms.get_tokenizer(args.userdict)
    toks = terms.tokens(_units_with_text(args.paths), tokenizer=tokenizer)
    counts = terms.count_terms(toks, by=_BY[args.by], policy_verbs=args.policy_verbs)
    return _table_output(terms.top_terms(counts, args.top) if args.top else counts, args.format)


def _kwic(args: argparse.Namespace) -> str:
    from jzrol import terms

    tokenizer = terms.get_tokenizer(args.userdict)
    units = _units_with_text(args.paths)
    tables = []
    for term in args.term:
        pieces = tokenizer.cut(term)
        if args.match == "token" and len(pieces) != 1:
            raise CommandError(
                f"term {term!r} is not one token for jzrol's tokenizer (it splits into {' / '.join(pieces)}); "
                "use --match substring or add it to the userdict")
        found = terms.kwic(units, term, window=args.window, match=args.match, tokenizer=tokenizer)
        if found.empty:
            raise CommandError(f"term {term!r} does not occur in {', '.join(args.paths)}")
        tables.append(found)
    return _table_output(pd.concat(tables, ignore_index=True), args.format)


def _claims(args: argparse.Namespace) -> str:
    from jzrol.claims import extract_claims

    return _table_output(extract_claims(_units_with_text(args.paths)), args.format)


def _checks(args: argparse.Namespace) -> str:
    from jzrol.claims import check_claims, extract_claims

    units = _units_with_text(args.paths)
    return _table_output(check_claims(extract_claims(units), units), args.format)


def _themes(args: argparse.Namespace) -> str:
    from jzrol import themes
    from jzrol.corpus import report_genre

    tables = []
    for report in _reports(args.paths):  # each report coded with its genre's codebook unless one is given
        report.require_text()
        book = args.codebook or themes.codebook_for_genre(report_genre(report))
        hits = themes.code_units(report.units, codebook=book)
        table = themes.theme_table(hits, report.units, by=args.by, weight=args.weight)
        table["codebook"] = hits.attrs["codebook"]
        tables.append(table)
    return _table_output(pd.concat(tables, ignore_index=True), args.format)


def _annotate(args: argparse.Namespace) -> str:
    from jzrol.annotate import annotated_page

    files = list_reports(args.paths)
    if len(files) != 1:
        raise CommandError(f"{args.paths[0]}: annotate takes one report, this names {len(files)}")
    report = read_report(files[0])
    if not (report.units["kind"] == "text").any():
        raise CommandError(f"{report.source.path if report.source else report.doc_id}: report has no body text to annotate")
    return annotated_page(report, codebook=args.codebook)


def _build(args: argparse.Namespace) -> str:
    import matplotlib

    matplotlib.use("Agg")  # files only, never a window
    from jzrol.figures import build  # imported late: plotting is not needed by the other commands

    formats = [name.strip() for name in args.figure_formats.split(",") if name.strip()]
    if args.dpi < 50 or args.dpi > 1200:
        raise CommandError(f"--dpi {args.dpi}: give a resolution between 50 and 1200 (300 for print)")
    unknown = sorted(set(formats) - {"png", "svg", "pdf"})
    if unknown or not formats:
        raise CommandError(f"--figure-formats {args.figure_formats}: choose among png, svg, pdf")
    written = build(input_path=args.input, out_dir=args.out, progress=not args.quiet, corpus_dir=args.corpus,
                    workers=args.workers, dpi=args.dpi, figure_formats=formats)
    return f"wrote {len(written)} files to {args.out}\n"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="jzrol", description="Analyse Chinese government policy reports.")
    commands = parser.add_subparsers(dest="command", required=True)

    def with_paths(name: str, help_text: str, default_format: str) -> argparse.ArgumentParser:
        command = commands.add_parser(name, help=help_text)
        command.add_argument("paths", nargs="+", metavar="PATH",
                             help="report files (text, HTML, PDF or DOCX), folders of them, or glob patterns")
        command.add_argument("--format", choices=["csv", "json"], default=default_format)
        command.add_argument("-o", "--output", metavar="OUT", help="write here instead of stdout")
        return command

    with_paths("info", "metadata and provenance warnings (JSON)", "json").set_defaults(run=_info)
    with_paths("parse", "the units table: parts, sections, items, sentences", "csv").set_defaults(run=_parse)
    terms = with_paths("terms", "term counts by document, part or section", "csv")
    terms.add_argument("--by", choices=sorted(_BY), default="doc", help="grouping (default: doc)")
    terms.add_argument("--top", type=int, default=0, metavar="N", help="only the N most frequent terms per group")
    terms.add_argument("--policy-verbs", choices=["keep", "drop"], default="keep",
                       help="count the genre's policy verbs (加强, 推进 …) or leave them out")
    terms.add_argument("--userdict", default=str(paths.LEXICON_DIR / "userdict.txt"), help="user dictionary")
    terms.set_defaults(run=_terms)
    kwic = with_paths("kwic", "keyword in context for one or more terms", "csv")
    kwic.add_argument("-t", "--term", action="append", required=True, help="term to find (repeatable)")
    kwic.add_argument("--window", type=int, default=15, help="characters of context on each side")
    kwic.add_argument("--match", choices=["token", "substring"], default="token")
    kwic.add_argument("--userdict", default=str(paths.LEXICON_DIR / "userdict.txt"), help="user dictionary")
    kwic.set_defaults(run=_kwic)
    with_paths("claims", "numeric claims: value, unit, kind, qualifier, subject", "csv").set_defaults(run=_claims)
    with_paths("checks", "consistency findings over the claims", "csv").set_defaults(run=_checks)
    themes = with_paths("themes", "policy themes coded with the codebook", "csv")
    themes.add_argument("--by", choices=["doc", "part", "section", "unit"], default="section")
    themes.add_argument("--weight", choices=["hits", "sentences"], default="hits",
                        help="share of the group's codebook hits, or of its sentences coded with the theme "
                             "(with the hit share and the number of sentences beside it)")
    themes.add_argument("--codebook", default=None,
                        help="themes codebook (YAML); by default the one written for each report's genre "
                             "(the work-report codebook for 政府工作报告, the rule-of-law one otherwise)")
    themes.set_defaults(run=_themes)
    annotate = commands.add_parser("annotate", help="one self-contained HTML page of a report with its analysis")
    annotate.add_argument("paths", nargs=1, metavar="PATH", help="one report file (text or HTML)")
    annotate.add_argument("-o", "--output", metavar="page.html", help="write here instead of stdout")
    annotate.add_argument("--codebook", default=str(paths.LEXICON_DIR / "themes.yaml"), help="themes codebook (YAML)")
    annotate.set_defaults(run=_annotate)
    build = commands.add_parser("build", help="regenerate every figure, table, MANIFEST and the write-up")
    build.add_argument("--input", type=Path, default=paths.SEED_REPORT, help="report to analyse")
    build.add_argument("--out", type=Path, default=paths.FIGURES_DIR, help="output folder")
    build.add_argument("--corpus", type=Path, metavar="DIR", help="also draw the corpus figures for this folder")
    build.add_argument("--workers", type=int, default=2, help="processes for --corpus (default 2)")
    build.add_argument("--quiet", action="store_true", help="no progress bar")
    build.add_argument("--dpi", type=int, default=150, help="resolution of the PNG figures (default 150; 300 for print)")
    build.add_argument("--figure-formats", default="png,svg", metavar="LIST",
                       help="files written for each figure, comma-separated among png, svg, pdf (default png,svg)")
    build.set_defaults(run=_build, output=None)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    try:
        output = args.run(args)
    except (SourceError, CommandError, FontNotFoundError, LexiconError, WorkerError) as error:
        print(f"jzrol: error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if getattr(args, "output", None):
        try:
            atomic_write_text(Path(args.output), output)
        except OSError as error:
            print(f"jzrol: error: {args.output}: cannot write ({error.strerror})", file=sys.stderr)
            return EXIT_BAD_INPUT
    else:
        sys.stdout.write(output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
