"""The single-report notebooks run on reports other than the seed, through their papermill parameters."""

import json

import papermill
import pytest

from jzrol import paths
from tests.conftest import DATA

SINGLE_REPORT = ["01-structure", "02-keywords", "03-themes", "04-numeric-claims"]


@pytest.mark.parametrize("notebook", SINGLE_REPORT)
@pytest.mark.parametrize("report", ["county-no-blank-lines.txt", "traditional.txt"])  # the second has no problems part
def test_notebook_runs_on_another_report(notebook, report, tmp_path):
    output = tmp_path / f"{notebook}.ipynb"
    papermill.execute_notebook(paths.NOTEBOOKS_DIR / f"{notebook}.ipynb", output, cwd=paths.NOTEBOOKS_DIR,
                               parameters={"input_path": str(DATA / report)}, progress_bar=False)
    cells = json.loads(output.read_text(encoding="utf-8"))["cells"]
    injected = [c for c in cells if "injected-parameters" in c["metadata"].get("tags", [])]
    assert str(DATA / report) in "".join(injected[0]["source"])
    shown = "".join(str(o.get("data", o.get("text", ""))) for c in cells if c["cell_type"] == "code" for o in c["outputs"])
    assert "Traceback" not in shown and "image/png" in shown  # every notebook draws at least one figure
