"""Notebooks stay thin: imports first, papermill parameters second, no outputs, no def or class."""

import ast
import json

import pytest

from jzrol import paths

NOTEBOOKS = sorted(paths.NOTEBOOKS_DIR.glob("*.ipynb"))


def test_there_are_notebooks():
    assert [p.name for p in NOTEBOOKS][:1] == ["01-structure.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_thin(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    code = [c for c in cells if c["cell_type"] == "code"]
    assert cells[0]["cell_type"] == "code" and "import jzrol" in "".join(cells[0]["source"])
    assert cells[1] is code[1] and "parameters" in cells[1]["metadata"].get("tags", [])
    for assignment in ast.parse("".join(cells[1]["source"])).body:
        assert isinstance(assignment, ast.Assign)
        ast.literal_eval(assignment.value)  # plain values only: numbers, strings, lists of them
    for cell in code:
        assert cell["outputs"] == [] and cell["execution_count"] is None
        tree = ast.parse("".join(cell["source"]))
        assert not [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.ClassDef, ast.Lambda))]
    # Every code step after the parameters is introduced by a markdown cell somewhere before it.
    assert sum(c["cell_type"] == "markdown" for c in cells) >= 3
