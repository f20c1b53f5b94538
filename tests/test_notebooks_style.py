"""Notebooks stay thin and teach: title first, then imports and the papermill parameters, no outputs,
no def or class, exercises with answers folded away."""

import ast
import json
import re

import pytest

from jzrol import paths

NOTEBOOKS = sorted(paths.NOTEBOOKS_DIR.glob("*.ipynb"))


def test_there_are_notebooks():
    assert [p.name for p in NOTEBOOKS][:1] == ["01-structure.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_thin(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    code = [c for c in cells if c["cell_type"] == "code"]
    assert cells[0]["cell_type"] == "markdown" and "".join(cells[0]["source"]).startswith("# ")
    assert cells[1] is code[0] and "import jzrol" in "".join(cells[1]["source"])
    assert "set_display_options()" in "".join(cells[1]["source"])  # display options set by the library
    assert cells[2] is code[1] and "parameters" in cells[2]["metadata"].get("tags", [])
    for assignment in ast.parse("".join(cells[2]["source"])).body:
        assert isinstance(assignment, ast.Assign)
        ast.literal_eval(assignment.value)  # plain values only: numbers, strings, lists of them
    for cell in code:
        assert cell["outputs"] == [] and cell["execution_count"] is None
        tree = ast.parse("".join(cell["source"]))
        assert not [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.ClassDef, ast.Lambda))]
    # Every code step after the parameters is introduced by a markdown cell somewhere before it.
    assert sum(c["cell_type"] == "markdown" for c in cells) >= 3


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_ends_with_exercises_and_folded_answers(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    text = "".join(cells[-1]["source"])
    assert cells[-1]["cell_type"] == "markdown" and text.startswith("## Exercises")
    exercises = [line for line in text.splitlines() if line.startswith("**") and line[2:3].isdigit()]
    answers = text.count("<details>")
    assert 2 <= len(exercises) <= 3 and answers == len(exercises) == text.count("</details>")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_shows_short_tables(path):
    """A table a cell shows (its last line) is cut to at most 15 rows where the cell cuts it."""
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        shown = "".join(cell["source"]).splitlines()[-1:] if cell["cell_type"] == "code" else []
        for number in re.findall(r"\.(?:head|tail)\((\d+)\)", "".join(shown)):
            assert int(number) <= 15


def _cells(name):
    return json.loads((paths.NOTEBOOKS_DIR / name).read_text(encoding="utf-8"))["cells"]


def test_keyword_methods_come_one_per_step_and_say_how_to_read_them():
    steps = {}
    for cell in _cells("02-keywords.ipynb"):
        text = "".join(cell["source"])
        if cell["cell_type"] == "markdown" and text.startswith("## Step"):
            steps[text.splitlines()[0]] = text
    for method in ("Collocations", "TF-IDF", "TextRank"):
        [title] = [t for t in steps if method in t]  # each method has a step of its own
        assert not [m for m in ("Collocations", "TF-IDF", "TextRank") if m != method and m in title]
        text = steps[title]
        assert "What it measures" in text and "policy text" in text and "How to read" in text


def test_table_columns_are_explained_before_the_table_that_shows_them():
    """n_reference and log_ratio (notebook 02) are explained in the markdown before their first table;
    the claims' subject (notebook 04) carries its caveat where the table first shows it."""
    for name, columns in (("02-keywords.ipynb", ("n_reference", "log_ratio")), ("04-numeric-claims.ipynb", ("subject",))):
        cells = _cells(name)
        for column in columns:
            first = next(i for i, c in enumerate(cells) if c["cell_type"] == "code" and column in "".join(c["source"]))
            before = "".join("".join(c["source"]) for c in cells[:first] if c["cell_type"] == "markdown")
            assert f"`{column}`" in before, (name, column)
    step = "".join(next(c for c in _cells("04-numeric-claims.ipynb") if "".join(c["source"]).startswith("## Step 1"))["source"])
    assert "short label" in step and "not a grammatical parse" in step


def test_the_teachers_guide_names_every_notebook():
    guide = (paths.NOTEBOOKS_DIR / "README.md").read_text(encoding="utf-8")
    for path in NOTEBOOKS:
        assert f"`{path.stem}`" in guide, path.stem
    assert "90-minute" in guide
