"""Build PDF and DOCX copies of a report's text for the tests (nothing binary is committed).

The PDF is laid out as a printed report: A4 pages, the title centred in a larger size, every
paragraph's first line indented by two characters and its lines wrapped at the right margin, a
running header and a page number on each page, the CJK font embedded (TrueType, with its text layer).
The DOCX has one Word paragraph per paragraph of the text; with ``word_numbering`` the part and
section numbers (一、 （一）) are taken out of the text and written as Word's automatic numbering.
"""

from __future__ import annotations

import re
from pathlib import Path

A4 = (595.0, 842.0)  # points
MARGIN = 72.0
SIZE = 12.0
TITLE_SIZE = 16.0
PITCH = 1.6  # line spacing, in font sizes

PART = re.compile(r"^[一二三四五六七八九十]{1,3}、")
SECTION = re.compile(r"^[（(][一二三四五六七八九十]{1,3}[）)]")


def paragraphs_of(text: str) -> list[str]:
    """The non-blank lines of a text file, stripped: its paragraphs."""
    return [line.strip() for line in text.splitlines() if line.strip()]


UNBROKEN = re.compile(r"[0-9A-Za-z.%]+|.")  # as word processors do, a number or Latin word is not broken


def _wrap(paragraph: str, width: float, first_indent: float, advance) -> list[str]:
    lines, line, used, limit = [], "", 0.0, width - first_indent
    for word in UNBROKEN.findall(paragraph):
        step = sum(map(advance, word))
        if line and used + step > limit:
            lines.append(line)
            line, used, limit = "", 0.0, width
        line += word
        used += step
    return [*lines, line] if line else lines


def write_pdf(paragraphs: list[str], path: Path, *, title_index: int | None = None,
              header: str = "锦州市人民政府", page_number: str = "- {n} -", justify: bool = False,
              indent_with_spaces: bool = False, table_after: int | None = None,
              table: list[list[str]] | None = None, indent: bool = True, other_face: set[int] = frozenset(),
              lead_in: dict[int, int] | None = None) -> int:
    """Lay ``paragraphs`` out on A4 pages into ``path``; returns the number of pages.

    ``justify`` draws every character on its own, the full lines of a paragraph spread to the right
    margin (as word processors print Chinese); ``indent_with_spaces`` draws a first line's indent as
    two ideographic spaces from the margin; ``table`` rows are drawn after paragraph ``table_after``,
    each cell at its column's place. Without ``indent`` paragraphs start at the margin (block style);
    the paragraphs numbered in ``other_face`` are set in the font's other face, as headings in 黑体,
    and ``lead_in`` sets the first characters of a paragraph so (paragraph number: how many).
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages
    from matplotlib.font_manager import FontProperties
    from matplotlib.ft2font import FT2Font

    from jzrol.fonts import find_cjk_font

    choice = find_cjk_font()
    font_path = str(choice.single_face_path())
    other_path = (str(type(choice)(choice.path, 1, choice.family).single_face_path()) if other_face or lead_in
                  else font_path)
    lead_in = lead_in or {}
    face = FT2Font(font_path)
    widths: dict[tuple[str, float], float] = {}

    def advance(char: str, size: float = SIZE) -> float:
        if (char, size) not in widths:
            face.set_size(size, 72)
            widths[char, size] = face.load_char(ord(char)).linearHoriAdvance / 65536  # points
        return widths[char, size]

    width = A4[0] - 2 * MARGIN
    laid: list[tuple[list[tuple[str, float, str]], float]] = []  # a line as (piece, x, font) pieces, and its size
    for index, paragraph in enumerate(paragraphs):
        if index == title_index:
            for line in _wrap(paragraph, width, 0.0, lambda c: advance(c, TITLE_SIZE)):
                line_width = sum(advance(c, TITLE_SIZE) for c in line)
                laid.append(([(line, MARGIN + (width - line_width) / 2, font_path)], TITLE_SIZE))
            continue
        typeface = other_path if index in other_face else font_path
        lines = _wrap(paragraph, width, 2 * SIZE if indent else 0.0, advance)
        drawn = 0  # characters of the paragraph drawn so far
        for number, line in enumerate(lines):
            x = MARGIN + (2 * SIZE if number == 0 and indent else 0.0)
            if number == 0 and indent_with_spaces:
                line, x = "\u3000\u3000" + line, MARGIN
            if not justify and index not in lead_in:
                laid.append(([(line, x, typeface)], SIZE))
                continue
            used = sum(advance(c) for c in line)
            spread = (MARGIN + width - x - used) / max(1, len(line) - 1) if justify and number < len(lines) - 1 else 0.0
            pieces = []
            for char in line:
                face_here = other_path if drawn < lead_in.get(index, 0) else typeface
                pieces.append((char, x, face_here))
                x += advance(char) + spread
                drawn += char != "\u3000"
            laid.append((pieces, SIZE))
        if index == table_after and table:
            column = width / len(table[0])
            laid += [([(cell, MARGIN + i * column, font_path) for i, cell in enumerate(row)], SIZE) for row in table]
    per_page = int((A4[1] - 2 * MARGIN) // (PITCH * SIZE))
    pages = [laid[i:i + per_page] for i in range(0, len(laid), per_page)]
    matplotlib.rcParams["pdf.fonttype"] = 42
    with PdfPages(path, metadata={"Creator": None, "Producer": None, "CreationDate": None}) as pdf:
        for n, page in enumerate(pages, 1):
            figure = plt.figure(figsize=(A4[0] / 72, A4[1] / 72))
            figure.text(0.5, 1 - 40 / A4[1], header.format(n=n, total=len(pages)), ha="center",
                        fontproperties=FontProperties(fname=font_path, size=10))
            y = A4[1] - MARGIN
            for pieces, size in page:
                y -= PITCH * size
                for piece, x, typeface in pieces:
                    figure.text(x / A4[0], y / A4[1], piece, fontproperties=FontProperties(fname=typeface, size=size))
            figure.text(0.5, 36 / A4[1], page_number.format(n=n, total=len(pages)), ha="center",
                        fontproperties=FontProperties(fname=font_path, size=10))
            pdf.savefig(figure)
            plt.close(figure)
    return len(pages)


_W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _add_list_definition(document, *, abstract_id: int, num_id: int, levels: list[tuple[str, str]]) -> None:
    """Define list ``num_id``: one level per (numFmt, lvlText), each starting at 1."""
    from docx.oxml import parse_xml

    numbering = document.part.numbering_part.element
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
        f'<w:suff w:val="nothing"/></w:lvl>'
        for i, (fmt, text) in enumerate(levels))
    abstract = parse_xml(f'<w:abstractNum {_W_NS} w:abstractNumId="{abstract_id}">{lvls}</w:abstractNum>')
    first_num = numbering.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}num")
    if first_num is not None:
        first_num.addprevious(abstract)  # the schema puts every abstractNum before the nums
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(f'<w:num {_W_NS} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>'))


def _number(paragraph, num_id: int, level: int) -> None:
    from docx.oxml import parse_xml

    paragraph._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {_W_NS}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def write_docx(paragraphs: list[str], path: Path, *, title_index: int | None = None, word_numbering: bool = False,
               list_format: str = "chineseCounting", header: str | None = None, footer: str | None = None,
               table_after: int | None = None, table: list[list[str]] | None = None) -> None:
    """Write ``paragraphs`` as a Word document; with ``word_numbering`` the part and section numbers
    come from a list of ``list_format`` (levels ``%1、`` and ``（%2）``) instead of the text, and the
    headings have Word's heading styles. ``table`` rows go after paragraph ``table_after``."""
    import docx

    document = docx.Document()
    if word_numbering:
        _add_list_definition(document, abstract_id=90, num_id=91,
                             levels=[(list_format, "%1、"), (list_format, "（%2）")])
    for index, paragraph in enumerate(paragraphs):
        if index == title_index:
            document.add_paragraph(paragraph, style="Title")
        elif word_numbering and PART.match(paragraph):
            _number(document.add_paragraph(PART.sub("", paragraph), style="Heading 1"), 91, 0)
        elif word_numbering and SECTION.match(paragraph):
            _number(document.add_paragraph(SECTION.sub("", paragraph), style="Heading 2"), 91, 1)
        else:
            document.add_paragraph(paragraph)
        if index == table_after and table:
            grid = document.add_table(rows=len(table), cols=len(table[0]))
            for row, values in zip(grid.rows, table):
                for cell, value in zip(row.cells, values):
                    cell.text = value
    section = document.sections[0]
    if header:
        section.header.paragraphs[0].text = header
    if footer:
        section.footer.paragraphs[0].text = footer
    document.save(str(path))
