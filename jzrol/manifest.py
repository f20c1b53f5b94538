"""The MANIFEST of a build folder: what made its files, and a check that they are still those files.

``MANIFEST`` (JSON) records each file's sha256 (from the bytes written), the code that made them (package
version, git commit of a checkout, a hash of the package sources), the command and its parameters, the
platform, FreeType, package versions, lexicon hashes, the input files with their hashes, the font and the
seeds. :func:`verify_folder` compares a folder with its MANIFEST.

>>> import tempfile, pathlib, json
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.csv").write_text("x\\n", encoding="utf-8")
>>> _ = (folder / "MANIFEST").write_text(json.dumps({"files": {"a.csv": sha256_file(folder / "a.csv")}}))
>>> verify_folder(folder).status.tolist()
['match']
"""

from __future__ import annotations

import hashlib
import json
import platform
import subprocess
from importlib import metadata
from pathlib import Path

import pandas as pd

from jzrol import paths

__all__ = ["MANIFEST_NAME", "PACKAGES", "ManifestError", "code_revision", "make_manifest", "sha256_file",
           "source_hash", "verify_folder"]

MANIFEST_NAME = "MANIFEST"
#: Packages whose versions the MANIFEST records (the ones the files' bytes depend on).
PACKAGES = ["jzrol", "pandas", "numpy", "matplotlib", "pillow", "fonttools", "jieba", "rjieba", "wordcloud", "pyyaml"]


class ManifestError(Exception):
    """A folder without a readable MANIFEST; ``str(error)`` is one line naming the file."""


def sha256_file(path: Path) -> str:
    """The sha256 of a file's bytes, in hex."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def source_hash() -> str:
    """A hash of the package's own files (code and lexicons), names included: which code made a build.

    >>> len(source_hash())
    64
    """
    digest = hashlib.sha256()
    for path in sorted(paths.PACKAGE_DIR.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            digest.update(path.relative_to(paths.PACKAGE_DIR).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _git(*args: str) -> str | None:
    try:
        result = subprocess.run(["git", "-C", str(paths.ROOT), *args], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.strip() if result.returncode == 0 else None


def code_revision() -> dict:
    """The code behind a build: version, source hash, and the git commit when run from a checkout.

    ``git_dirty`` says whether the package's files differ from that commit (then only the source hash
    identifies the code).
    """
    revision = {"version": _version("jzrol"), "source_sha256": source_hash(), "git_commit": None, "git_dirty": None}
    if paths.IN_CHECKOUT and (commit := _git("rev-parse", "HEAD")):
        revision["git_commit"] = commit
        revision["git_dirty"] = bool(_git("status", "--porcelain", "--", paths.PACKAGE_DIR.name))
    return revision


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def _platform() -> dict:
    from matplotlib import ft2font

    return {"system": platform.platform(), "machine": platform.machine(),
            "python": f"{platform.python_implementation()} {platform.python_version()}",
            "freetype": ft2font.__freetype_version__}


def _shown(path: Path, base: Path | None = None) -> str:
    """A path as the MANIFEST shows it: relative to ``base`` or the checkout when inside it, else absolute."""
    path = Path(path).absolute()
    for root in (base, paths.ROOT if paths.IN_CHECKOUT else None):
        if root is not None and path.is_relative_to(Path(root).absolute()):
            return path.relative_to(Path(root).absolute()).as_posix()
    return path.as_posix()


def make_manifest(files: dict[str, str], *, input_file: Path | None, input_sha256: str | None,
                  font: dict, seeds: dict, dpi: int, corpus_dir: Path | None = None, workers: int | None = None,
                  corpus_files: list[tuple[Path, str | None, str | None]] | None = None,
                  figure_formats: list[str] | tuple[str, ...] = ("png", "svg")) -> str:
    """The MANIFEST text of a build: ``files`` maps each relative name to the sha256 of the bytes written.

    ``corpus_files`` gives each corpus file with its sha256 (None when unreadable) and why it was skipped
    (None when it was analysed). The command is spelled out from the build's parameters without ``--out``: the MANIFEST sits in the
    folder it describes, and two builds of the same inputs into different folders give the same MANIFEST.
    """
    parameters = {"input": _shown(input_file) if input_file is not None else None,
                  "corpus": _shown(corpus_dir) if corpus_dir is not None else None,
                  "workers": workers if corpus_dir is not None else None}
    command = ["jzrol", "build"]
    if input_file is not None:
        command += ["--input", parameters["input"]]
    if corpus_dir is not None:
        command += ["--corpus", parameters["corpus"], "--workers", str(workers)]
    if dpi != 150:
        command += ["--dpi", str(dpi)]
    if list(figure_formats) != ["png", "svg"]:
        command += ["--figure-formats", ",".join(figure_formats)]
    manifest = {
        "code": code_revision(),
        "command": " ".join(command),
        "parameters": parameters,
        "input": {"file": parameters["input"], "sha256": input_sha256},
        "files": dict(sorted(files.items())),
        "platform": _platform(),
        "versions": {"python": platform.python_version(), **{p: _version(p) for p in PACKAGES}},
        "lexicons": {p.name: sha256_file(p) for p in sorted(paths.LEXICON_DIR.iterdir()) if p.is_file()},
        "font": font,
        "seeds": seeds,
        "dpi": dpi,
        "figure_formats": list(figure_formats),
    }
    if corpus_dir is not None:
        listed = [{"file": _shown(path, corpus_dir), "sha256": digest, "skipped": reason}
                  for path, digest, reason in corpus_files or []]
        manifest["corpus"] = {"folder": _shown(corpus_dir), "files": sorted(listed, key=lambda row: row["file"]),
                              "failed": sum(row["skipped"] is not None for row in listed)}
    return json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"


def verify_folder(folder: str | Path) -> pd.DataFrame:
    """Every file of a build folder against its MANIFEST: one row per file, ``status`` match, changed,
    missing or extra (a file the MANIFEST does not list).

    Raises:
        ManifestError: the folder has no MANIFEST, or it is not a jzrol MANIFEST.
    """
    folder = Path(folder)
    manifest_path = folder / MANIFEST_NAME
    try:
        listed = json.loads(manifest_path.read_text(encoding="utf-8"))["files"]
        if not isinstance(listed, dict):
            raise TypeError
    except FileNotFoundError:
        raise ManifestError(f"{manifest_path}: no MANIFEST here (is {folder} a jzrol build folder?)") from None
    except OSError as error:
        raise ManifestError(f"{manifest_path}: cannot read ({error.strerror})") from None
    except (ValueError, KeyError, TypeError):
        raise ManifestError(f"{manifest_path}: not a jzrol MANIFEST (JSON with a files table)") from None
    present = {p.relative_to(folder).as_posix(): p for p in folder.rglob("*") if p.is_file() or p.is_symlink()}
    rows = []
    for name in sorted(set(listed) | set(present)):
        if name == MANIFEST_NAME:
            continue
        if name not in present:
            status = "missing"
        elif name not in listed:
            status = "extra"
        else:
            status = "match" if present[name].is_file() and sha256_file(present[name]) == listed[name] else "changed"
        rows.append({"file": name, "status": status, "expected": listed.get(name)})
    return pd.DataFrame(rows, columns=["file", "status", "expected"])
