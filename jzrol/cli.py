"""The ``jzrol`` command line.

    jzrol info  PATH... [--format json|csv] [-o OUT] [--workers N] [--strict]
    jzrol parse PATH... [--format csv|json] [-o OUT]
    jzrol terms PATH... [--by doc|part|section] [--top N] [--policy-verbs keep|drop]
    jzrol kwic  PATH... -t TERM [-t TERM ...] [--window N] [--match token|substring]
    jzrol claims PATH...    jzrol checks PATH...
    jzrol themes PATH... [--by doc|part|section|unit] [--weight hits|sentences] [--codebook PATH]
    jzrol corpus DIR... -o OUTDIR
    jzrol build [--input PATH] [--out DIR] [--corpus DIR] [--workers N] [--dpi N] [--figure-formats png,svg,pdf]
    jzrol annotate PATH [-o page.html] [--codebook PATH]
    jzrol verify [DIR]

PATH is a file, a folder or a glob pattern. Every report runs through the corpus engine, in
``--workers`` processes. A report that cannot be read is named on stderr with its reason and skipped;
exit code 1 then (and when a build folder differs from its MANIFEST), 2 for usage errors and when
nothing could be read, 130 on Ctrl-C.
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import json
import logging
import os
import shutil
import signal
import stat
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
from tqdm.contrib.logging import logging_redirect_tqdm

from jzrol import __version__, paths
from jzrol.corpus import StopRun, WorkerError, default_workers, list_reports, readable  # noqa: F401 - list_reports: public here
from jzrol.corpus.tables import GROUPS, Request, tables
from jzrol.fonts import FontNotFoundError
from jzrol.io import atomic_write_text
from jzrol.manifest import ManifestError
from jzrol.report import read_report
from jzrol.sources import SourceError
from jzrol.staging import BuildFolderError
from jzrol.terms import LexiconError

EXIT_SKIPPED = 1
EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what a shell reports for a program whose reader went away


class CommandError(Exception):
    """A user error the command line reports in one line."""


class _Parser(argparse.ArgumentParser):
    """Usage errors in one line (``jzrol terms: error: argument --top: -1 is below 0``), exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _table_output(table: pd.DataFrame, fmt: str) -> str:
    if fmt == "json":
        return table.to_json(orient="records", force_ascii=False, indent=1) + "\n"
    return table.to_csv(index=False, lineterminator="\n")


def _lexicon(value: str) -> str:
    """An option naming a lexicon file (``--userdict``, ``--codebook``): it must be a readable file."""
    try:
        mode = os.stat(value).st_mode
    except OSError as error:
        raise argparse.ArgumentTypeError(f"{value}: cannot be read ({error.strerror})") from None
    if stat.S_ISDIR(mode):
        raise argparse.ArgumentTypeError(f"{value}: is a folder, not a lexicon file")
    if not stat.S_ISREG(mode):
        raise argparse.ArgumentTypeError(f"{value}: is not a regular file")
    return value


def _count(least: int):
    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
        if number < least:
            raise argparse.ArgumentTypeError(f"{number} is below {least}")
        return number
    return parse


def _run(args: argparse.Namespace, request: Request) -> list:
    """The request's table of every report, through the engine; skipped reports are named on stderr.

    Raises:
        CommandError: no report could be read (each is named).
    """
    found = tables(args.paths, request, workers=args.workers, progress=sys.stderr.isatty(), strict=args.strict)
    if not found.results:
        raise CommandError("\njzrol: error: ".join(found.failures) or "no report to analyse")
    for reason in found.failures:
        print(f"jzrol: skipped {reason}", file=sys.stderr)
    args.skipped = len(found.failures)
    args.files = len(found.results) + len(found.failures)
    return found.results


def _concat(frames: list[pd.DataFrame], *, sort_by_doc: bool = False) -> pd.DataFrame:
    table = pd.concat(frames, ignore_index=True)
    return table.sort_values("doc_id", kind="stable", ignore_index=True) if sort_by_doc else table


def _tables(args: argparse.Namespace, request: Request, *, sort_by_doc: bool = False) -> str | Iterator[str]:
    """One table of every report, as CSV or JSON. For CSV the workers write each report's rows to a file
    of their own, in a temporary folder that :func:`main` removes, and this process writes those files
    in order (by ``doc_id`` with ``sort_by_doc``; doc_ids are unique), one at a time, so that memory
    does not grow with the output."""
    if args.format == "json":
        return _table_output(_concat(_run(args, request), sort_by_doc=sort_by_doc), "json")
    spill = tempfile.mkdtemp(prefix="jzrol-rows-")
    args.temporary.append(spill)
    found = _run(args, dataclasses.replace(request, as_csv=True, spill=spill))
    if sort_by_doc:
        found.sort(key=lambda rows: rows.doc_id)
    return itertools.chain([found[0].header], (rows.take() for rows in found))


def _info(args: argparse.Namespace) -> str:
    metas = _run(args, Request("info"))
    if args.format == "csv":
        table = pd.DataFrame(metas).drop(columns=["provenance"])
        for column in ("issuer", "warnings"):
            table[column] = table[column].map(" | ".join)
        table[["year", "delivered"]] = table[["year", "delivered"]].astype("Int64")  # 2020, not 2020.0
        return _table_output(table, "csv")
    payload = metas[0] if args.files == 1 else metas
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def _parse(args: argparse.Namespace) -> str | Iterator[str]:
    return _tables(args, Request("parse"))


def _terms(args: argparse.Namespace) -> str | Iterator[str]:
    request = Request("terms", by=args.by, top=args.top, policy_verbs=args.policy_verbs, userdict=args.userdict)
    return _tables(args, request, sort_by_doc=True)


def _kwic(args: argparse.Namespace) -> str:
    from jzrol import terms

    tokenizer = terms.get_tokenizer(args.userdict)
    for term in args.term:
        pieces = tokenizer.cut(term)
        if args.match == "token" and len(pieces) != 1:
            raise CommandError(
                f"term {term!r} is not one token for jzrol's tokenizer (it splits into {' / '.join(pieces)}); "
                "use --match substring or add it to the userdict")
    request = Request("kwic", kwic_terms=tuple(args.term), window=args.window, match=args.match,
                      userdict=args.userdict)
    per_report = _run(args, request)
    found = []
    for number, term in enumerate(args.term):
        table = _concat([tables_of_report[number] for tables_of_report in per_report])
        if table.empty:
            raise CommandError(f"term {term!r} does not occur in {', '.join(map(readable, args.paths))}")
        found.append(table)
    return _table_output(_concat(found), args.format)


def _claims(args: argparse.Namespace) -> str | Iterator[str]:
    return _tables(args, Request("claims"))


def _checks(args: argparse.Namespace) -> str | Iterator[str]:
    return _tables(args, Request("checks"))


def _themes(args: argparse.Namespace) -> str | Iterator[str]:
    request = Request("themes", by=args.by, codebook=args.codebook, weight=args.weight)
    return _tables(args, request, sort_by_doc=True)


def _corpus(args: argparse.Namespace) -> str:
    from jzrol.corpus.export import export_corpus

    try:
        written, failures = export_corpus(args.paths, args.out, workers=args.workers, progress=sys.stderr.isatty(),
                                          strict=args.strict)
    except ValueError as error:  # no report could be read: each is named
        raise CommandError(str(error).replace("\n", "\njzrol: error: ")) from None
    args.skipped = failures
    return f"wrote {len(written)} files to {args.out}\n"


def _annotate(args: argparse.Namespace) -> str:
    from jzrol.annotate import annotated_page

    files = list_reports(args.paths)
    if len(files) != 1:
        raise CommandError(f"{args.paths[0]}: annotate takes one report, this names {len(files)}")
    report = read_report(files[0])
    report.require_text()
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
    if args.input is None:
        if not paths.SEED_REPORT.is_file():
            raise CommandError("no report to build from: jzrol is not running from its checkout, so the seed report "
                               "is not here; pass --input PATH")
        args.input = paths.SEED_REPORT
    written = build(input_path=args.input, out_dir=args.out, progress=not args.quiet, corpus_dir=args.corpus,
                    workers=args.workers, dpi=args.dpi, figure_formats=formats)
    args.skipped = len(written.skipped)
    return f"wrote {len(written)} files to {args.out}\n"


def _verify(args: argparse.Namespace) -> str:
    from jzrol.manifest import verify_folder

    folder = Path(args.folder)
    if not folder.is_dir():
        raise CommandError(f"{folder}: no such folder")
    table = verify_folder(folder)
    differ = table[table["status"] != "match"]
    lines = [f"{row.status}: {row.file}" for row in differ.itertuples()]
    if len(differ):
        args.skipped = len(differ)
        lines.append(f"{folder}: {len(differ)} of {len(table)} files differ from the MANIFEST")
    else:
        lines.append(f"{folder}: all {len(table)} files match the MANIFEST")
    return "\n".join(lines) + "\n"


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="jzrol", description="Analyse Chinese government policy reports.")
    parser.add_argument("--version", action="version", version=f"jzrol {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    def _engine_options(command: argparse.ArgumentParser) -> None:
        command.add_argument("--workers", type=_count(1), default=default_workers(), metavar="N",
                             help=f"processes (default: the machine's cores, at most 8; here {default_workers()})")
        command.add_argument("--strict", action="store_true", help="stop at the first report that cannot be read")

    def with_paths(name: str, help_text: str, default_format: str) -> argparse.ArgumentParser:
        command = commands.add_parser(name, help=help_text)
        command.add_argument("paths", nargs="+", metavar="PATH",
                             help="report files (text, HTML, PDF or DOCX), folders of them, or glob patterns")
        command.add_argument("--format", choices=["csv", "json"], default=default_format)
        command.add_argument("-o", "--output", metavar="OUT", help="write here instead of stdout")
        command.add_argument("--encoding", choices=["utf-8", "utf-8-sig"], default="utf-8",
                             help="utf-8-sig starts the output with a BOM, so that Excel and WPS open a CSV "
                                  "in Chinese correctly (default: utf-8)")
        _engine_options(command)
        return command

    with_paths("info", "metadata and provenance warnings (JSON)", "json").set_defaults(run=_info)
    with_paths("parse", "the units table: parts, sections, items, sentences", "csv").set_defaults(run=_parse)
    terms = with_paths("terms", "term counts by document, part or section", "csv")
    terms.add_argument("--by", choices=sorted(GROUPS), default="doc", help="grouping (default: doc)")
    terms.add_argument("--top", type=_count(0), default=0, metavar="N", help="only the N most frequent terms per group")
    terms.add_argument("--policy-verbs", choices=["keep", "drop"], default="keep",
                       help="count the genre's policy verbs (加强, 推进 …) or leave them out")
    terms.add_argument("--userdict", type=_lexicon, default=str(paths.LEXICON_DIR / "userdict.txt"),
                       help="user dictionary")
    terms.set_defaults(run=_terms)
    kwic = with_paths("kwic", "keyword in context for one or more terms", "csv")
    kwic.add_argument("-t", "--term", action="append", required=True, help="term to find (repeatable)")
    kwic.add_argument("--window", type=_count(0), default=15, help="characters of context on each side")
    kwic.add_argument("--match", choices=["token", "substring"], default="token")
    kwic.add_argument("--userdict", type=_lexicon, default=str(paths.LEXICON_DIR / "userdict.txt"),
                      help="user dictionary")
    kwic.set_defaults(run=_kwic)
    with_paths("claims", "numeric claims: value, unit, kind, qualifier, subject", "csv").set_defaults(run=_claims)
    with_paths("checks", "consistency findings over the claims", "csv").set_defaults(run=_checks)
    themes = with_paths("themes", "policy themes coded with the codebook", "csv")
    themes.add_argument("--by", choices=["doc", "part", "section", "unit"], default="section")
    themes.add_argument("--weight", choices=["hits", "sentences"], default="hits",
                        help="share of the group's codebook hits, or of its sentences coded with the theme "
                             "(with the hit share and the number of sentences beside it)")
    themes.add_argument("--codebook", type=_lexicon, default=None,
                        help="themes codebook (YAML); by default the one written for each report's genre "
                             "(the work-report codebook for 政府工作报告, the rule-of-law one otherwise)")
    themes.set_defaults(run=_themes)
    corpus = commands.add_parser("corpus", help="the corpus tables as CSV files, with a README of their columns")
    corpus.add_argument("paths", nargs="+", metavar="DIR", help="folders of reports, files or glob patterns")
    corpus.add_argument("-o", "--out", type=Path, required=True, metavar="OUTDIR", help="folder to write")
    _engine_options(corpus)
    corpus.set_defaults(run=_corpus, output=None)
    annotate = commands.add_parser("annotate", help="one self-contained HTML page of a report with its analysis")
    annotate.add_argument("paths", nargs=1, metavar="PATH", help="one report file (text, HTML, PDF or DOCX)")
    annotate.add_argument("-o", "--output", metavar="page.html", help="write here instead of stdout")
    annotate.add_argument("--codebook", type=_lexicon, default=str(paths.LEXICON_DIR / "themes.yaml"),
                          help="themes codebook (YAML)")
    annotate.set_defaults(run=_annotate)
    build = commands.add_parser("build", help="regenerate every figure, table, MANIFEST and the write-up")
    build.add_argument("--input", type=Path, help="report to analyse (default: the seed report of a checkout)")
    build.add_argument("--out", type=Path, default=paths.FIGURES_DIR,
                       help="output folder (default: figures/ of a checkout, else ./figures)")
    build.add_argument("--corpus", type=Path, metavar="DIR", help="also draw the corpus figures for this folder")
    build.add_argument("--workers", type=_count(1), default=2, help="processes for --corpus (default 2)")
    build.add_argument("--quiet", action="store_true", help="no progress bar")
    build.add_argument("--dpi", type=int, default=150, help="resolution of the PNG figures (default 150; 300 for print)")
    build.add_argument("--figure-formats", default="png,svg", metavar="LIST",
                       help="files written for each figure, comma-separated among png, svg, pdf (default png,svg)")
    build.set_defaults(run=_build, output=None)
    verify = commands.add_parser("verify", help="check every file of a build folder against its MANIFEST")
    verify.add_argument("folder", nargs="?", default=str(paths.FIGURES_DIR), metavar="DIR",
                        help="build folder (default: figures/ of a checkout, else ./figures)")
    verify.set_defaults(run=_verify, output=None)
    return parser


def _run_showing_library_messages(args: argparse.Namespace):
    """Run a command with the library's messages (warnings and up) shown as ``jzrol: ...`` lines on stderr."""
    logger = logging.getLogger("jzrol")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("jzrol: %(message)s"))
    handler.setLevel(logging.WARNING)
    logger.addHandler(handler)
    previous_level = logger.level
    if logger.getEffectiveLevel() > logging.WARNING:
        logger.setLevel(logging.WARNING)
    try:
        with logging_redirect_tqdm(loggers=[logger]):
            return args.run(args)
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous_level)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    args.skipped, args.temporary = 0, []  # reports skipped; folders of this run's temporary files
    on_terminate = _stop_on_sigterm()
    try:
        output = _run_showing_library_messages(args)
        chunks = [output] if isinstance(output, str) else output
        if getattr(args, "encoding", "utf-8") == "utf-8-sig":
            chunks = itertools.chain(["\ufeff"], chunks)  # the byte-order mark Excel and WPS look for
        if getattr(args, "output", None):
            atomic_write_text(Path(args.output), chunks)
        else:
            try:
                for chunk in chunks:
                    sys.stdout.write(chunk)
                sys.stdout.flush()
            except BrokenPipeError:  # the reader stopped reading (| head): stop quietly, as on SIGPIPE
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nothing left to flush at exit
                return EXIT_BROKEN_PIPE
    except (SourceError, CommandError, FontNotFoundError, LexiconError, WorkerError, StopRun, BuildFolderError,
            ManifestError) as error:
        print(f"jzrol: error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as error:  # only the output can fail so: reading errors are the reports' reasons
        print(f"jzrol: error: {error.filename or args.output}: cannot write ({error.strerror})", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("jzrol: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    finally:
        for folder in args.temporary:
            shutil.rmtree(folder, ignore_errors=True)
        if on_terminate is not None:
            signal.signal(signal.SIGTERM, on_terminate)
    return EXIT_SKIPPED if args.skipped else 0


def _stop_on_sigterm() -> Any:
    """Make SIGTERM (``kill``, a job scheduler's stop) end the run as Ctrl-C does, through the clean-up
    of temporary files and workers, with exit code 143; returns the handler it replaces (None when it
    cannot set one: not the main thread)."""
    if threading.current_thread() is not threading.main_thread():
        return None

    def terminated(signum: int, _frame: Any) -> None:
        print("jzrol: terminated", file=sys.stderr)
        raise SystemExit(128 + signum)

    return signal.signal(signal.SIGTERM, terminated)


if __name__ == "__main__":
    sys.exit(main())
