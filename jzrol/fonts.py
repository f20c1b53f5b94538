"""Find one CJK font for matplotlib and wordcloud alike.

Order: an explicit path, the ``JZROL_FONT`` environment variable, then known
CJK families installed on the system. A candidate must be a regular-weight,
non-variable face that has every glyph in :data:`PROBE_TEXT`. When nothing
fits, :class:`FontNotFoundError` says how to install a font.

    python -m jzrol.fonts        # prints the font that will be used, or how to get one

>>> choice = find_cjk_font()            # doctest: +SKIP
>>> choice.family                        # doctest: +SKIP
'WenQuanYi Micro Hei'
"""

from __future__ import annotations

import hashlib
import os
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

__all__ = ["FontChoice", "FontNotFoundError", "PREFERRED_FAMILIES", "find_cjk_font"]

ENV_VAR = "JZROL_FONT"

#: Families tried in order; simplified-Chinese faces first.
PREFERRED_FAMILIES = (
    "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN",
    "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "PingFang SC", "Microsoft YaHei", "SimHei",
    "Heiti SC", "Sarasa Gothic SC", "AR PL UMing CN",
)

#: Characters every chosen font must draw: common report vocabulary, full-width punctuation, digits.
PROBE_TEXT = "法治政府建设锦州市人民报告执法复议调解普法营商环境（一）、。，％0123456789"

INSTALL_HINT = (
    "no CJK font found; install one with 'sudo apt-get install fonts-wqy-microhei' "
    "(or fonts-noto-cjk), or set JZROL_FONT=/path/to/font.ttf"
)


class FontNotFoundError(RuntimeError):
    """No usable CJK font; the message says how to install one."""


@dataclass(frozen=True)
class FontChoice:
    """A font file, the face inside it and its family name."""

    path: Path
    index: int
    family: str

    def sha256(self) -> str:
        """Hash of the font file, recorded in the MANIFEST."""
        return hashlib.sha256(self.path.read_bytes()).hexdigest()

    def single_face_path(self) -> Path:
        """A file holding only this face (wordcloud cannot pick a face inside a collection)."""
        if self.index == 0:
            return self.path
        from fontTools.ttLib import TTCollection

        cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "jzrol" / "fonts"
        target = cache / f"{self.sha256()[:16]}-{self.index}.ttf"
        if not target.exists():
            cache.mkdir(parents=True, exist_ok=True)
            TTCollection(str(self.path)).fonts[self.index].save(str(target))
        return target


def _usable(path: Path, index: int = 0) -> str | None:
    """Why the face cannot be used, or None when it can."""
    from matplotlib.ft2font import FaceFlags, FT2Font  # matplotlib only when a font is looked for
    try:
        face = FT2Font(str(path), face_index=index)
    except (OSError, RuntimeError, ValueError) as error:
        return f"cannot be opened ({error})"
    if FaceFlags.MULTIPLE_MASTERS in face.face_flags:
        return "is a variable font (renders at its default, often thinnest, instance)"
    if face.style_name.lower() not in {"regular", "normal", "book", "medium", "w3", "r"}:
        return f"is not a regular weight ({face.style_name})"
    missing = [c for c in PROBE_TEXT if face.get_char_index(ord(c)) == 0]
    if missing:
        return f"lacks glyphs {''.join(missing)}"
    return None


def _family(path: Path, index: int) -> str:
    from matplotlib.ft2font import FT2Font
    return FT2Font(str(path), face_index=index).family_name


@lru_cache(maxsize=8)
def find_cjk_font(path: str | os.PathLike | None = None) -> FontChoice:
    """Resolve the CJK font used by every figure.

    Args:
        path: a font file to use; else ``$JZROL_FONT``; else the first installed preferred family.

    Raises:
        FontNotFoundError: the given font is unusable, or none is installed.
    """
    from matplotlib import font_manager
    explicit = path or os.environ.get(ENV_VAR)
    if explicit:
        explicit = Path(explicit)
        if not explicit.is_file():
            raise FontNotFoundError(f"{explicit}: font file not found")
        problem = _usable(explicit)
        if problem:
            raise FontNotFoundError(f"{explicit}: {problem}")
        return FontChoice(explicit, 0, _family(explicit, 0))
    cached = sorted(
        (entry.fname, getattr(entry, "index", 0), entry.name)
        for entry in font_manager.fontManager.ttflist
        if entry.weight in (400, "normal", "regular") and entry.style == "normal"
    )
    # matplotlib's font cache predates fonts installed after its first run: rescan the system then.
    for faces in (cached, _system_faces()):
        for family in PREFERRED_FAMILIES:
            for fname, index, name in faces:
                if name == family and _usable(Path(fname), index) is None:
                    return FontChoice(Path(fname), index, name)
    raise FontNotFoundError(INSTALL_HINT)


def _system_faces() -> list[tuple[str, int, str]]:
    """Every face of every font file on the system, read afresh (file, face index, family)."""
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font
    faces = []
    for fname in sorted(font_manager.findSystemFonts(fontext="ttf")):
        try:
            count = FT2Font(fname).num_faces
            faces += [(fname, index, FT2Font(fname, face_index=index).family_name) for index in range(count)]
        except (OSError, RuntimeError, ValueError):
            continue
    return faces


def main() -> int:
    """Print the font that figures will use, or how to install one (exit 1)."""
    try:
        choice = find_cjk_font()
    except FontNotFoundError as error:
        print(f"jzrol: error: {error}", file=sys.stderr)
        return 1
    if "--quiet" not in sys.argv:
        print(f"{choice.family}\t{choice.path}\tface {choice.index}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
