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
