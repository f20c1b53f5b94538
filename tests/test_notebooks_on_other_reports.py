"""The single-report notebooks run on reports other than the seed, through their papermill parameters."""

import json
import re
import shutil

import papermill
import pytest

from jzrol import paths
from jzrol.display import DOC_ID_WIDTH, short_doc_ids
from tests.conftest import DATA

SCIENTIFIC = re.compile(r"\d\.?\d*e[-+]\d+")
SINGLE_REPORT = ["01-structure", "02-keywords", "03-themes", "04-numeric-claims"]


def _run(notebook: str, parameters: dict, output) -> str:
    """Execute a notebook with papermill and return everything its cells showed."""
    papermill.execute_notebook(paths.NOTEBOOKS_DIR / f"{notebook}.ipynb", output, cwd=paths.NOTEBOOKS_DIR,
                               parameters=parameters, progress_bar=False)
    cells = json.loads(output.read_text(encoding="utf-8"))["cells"]
    injected = [c for c in cells if "injected-parameters" in c["metadata"].get("tags", [])]
    assert all(str(value) in "".join(injected[0]["source"]) for value in parameters.values())
    shown = "".join(str(o.get("data", o.get("text", ""))) for c in cells if c["cell_type"] == "code" for o in c["outputs"])
    assert "Traceback" not in shown and "image/png" in shown  # every notebook draws at least one figure
    tables = "".join("".join(o["data"].get("text/plain", "")) for c in cells if c["cell_type"] == "code"
                     for o in c["outputs"] if "data" in o)
    assert not SCIENTIFIC.search(tables)  # rounded, p < 0.001, never 1.5e-81
    return shown


def _parameters(notebook: str, report, tmp_path) -> dict:
    """The papermill parameters that point ``notebook`` at ``report``. Notebook 03 also compares headings
    over a corpus folder, the 52 State Council reports by default: here a folder of the report alone, so
    that the step runs on what the test is about (the run with the default folder is the notebook's own)."""
    parameters = {"input_path": str(report)}
    if notebook == "03-themes":
        folder = tmp_path / "corpus"
        folder.mkdir()
        shutil.copy(report, folder)
        parameters["corpus_folder"] = str(folder)
    return parameters


# A run that also asks for what its report lacks, and the sentence that says what is shown instead.
ASKS_FOR_WHAT_IS_MISSING = {
    ("ten-parts.txt", "02-keywords"): ({"kwic_term": "nosuchterm"}, "No term nosuchterm in this report; showing "),
    ("county-no-blank-lines.txt", "04-numeric-claims"): (
        {"section_to_chart": [2, 0]},
        "Section 2.0 makes no numeric claim in this report; showing the most quantified section, 1.1, instead."),
}


# The second has no problems part; the third has ten parts (more than the palette's colours) and no
# part whose heading reads as achievements.
@pytest.mark.parametrize("notebook", SINGLE_REPORT)
@pytest.mark.parametrize("report", ["county-no-blank-lines.txt", "traditional.txt", "ten-parts.txt"])
def test_notebook_runs_on_another_report(notebook, report, tmp_path):
    asked, sentence = ASKS_FOR_WHAT_IS_MISSING.get((report, notebook), ({}, ""))
    shown = _run(notebook, _parameters(notebook, DATA / report, tmp_path) | asked, tmp_path / f"{notebook}.ipynb")
    if sentence:
        assert sentence in shown
    doc_id = report.removesuffix(".txt")
    if notebook != "01-structure" and len(doc_id) > DOC_ID_WIDTH:  # 01 shows the report's metadata whole
        assert doc_id not in shown  # tables show a short id, where they show one
        assert short_doc_ids([doc_id])[0] in shown or notebook == "04-numeric-claims"


def test_corpus_notebook_runs_on_a_folder_of_one_ten_part_report(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(DATA / "ten-parts.txt", folder)
    shown = _run("05-corpus", {"corpus_folder": str(folder), "workers": 1}, tmp_path / "05-corpus.ipynb")
    assert "1 reports read" in shown
    assert "No document 2024 in this corpus; showing ten-parts instead." in shown  # the default is not there


@pytest.mark.parametrize("notebook", SINGLE_REPORT)
def test_notebook_runs_on_the_state_council_report_with_most_parts(notebook, corpus_files, tmp_path):
    """The 2001 work report has eleven parts (1999 and 2000 too, 1981 ten): more than the palette's colours."""
    report = next(path for path in corpus_files if path.name == "2001.txt")
    _run(notebook, _parameters(notebook, report, tmp_path), tmp_path / f"{notebook}.ipynb")


@pytest.mark.parametrize("notebook", ["05-corpus", "06-compare"])
@pytest.mark.parametrize("folder", ["missing", "empty"])
def test_corpus_notebook_without_a_corpus_says_so_and_stops_cleanly(notebook, folder, tmp_path):
    target = tmp_path / folder
    if folder == "empty":
        target.mkdir()
        (target / "notes.md").write_text("not a report", encoding="utf-8")
    output = tmp_path / f"{notebook}.ipynb"
    papermill.execute_notebook(paths.NOTEBOOKS_DIR / f"{notebook}.ipynb", output, cwd=paths.NOTEBOOKS_DIR,
                               parameters={"corpus_folder": str(target)}, progress_bar=False)
    cells = [c for c in json.loads(output.read_text(encoding="utf-8"))["cells"] if c["cell_type"] == "code"]
    texts = ["".join(o.get("text", "")) for c in cells for o in c["outputs"]
             if o.get("output_type") == "stream" and o.get("name") == "stdout"]  # stderr: library warnings
    problem = "does not exist" if folder == "missing" else "holds no report"
    assert len(texts) == 1 and str(target) in texts[0] and problem in texts[0] and "政府信息公开" in texts[0]
    kinds = {o.get("output_type") for c in cells for o in c["outputs"]}
    assert kinds == {"stream"}  # no figure, no table, no error
    assert not any(o.get("output_type") == "display_data" for c in cells for o in c["outputs"])


def test_compare_notebook_runs_on_another_folder_and_docvars_file(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    rows = ["file,district"]
    for name, district in [("county-no-blank-lines.txt", "甲区"), ("gbk.txt", "甲区"), ("traditional.txt", "乙区")]:
        (folder / name).write_bytes((DATA / name).read_bytes())
        rows.append(f"{name},{district}")
    docvars = tmp_path / "districts.csv"
    docvars.write_text("\n".join(rows) + "\n", encoding="utf-8")
    output = tmp_path / "06-compare.ipynb"
    papermill.execute_notebook(paths.NOTEBOOKS_DIR / "06-compare.ipynb", output, cwd=paths.NOTEBOOKS_DIR,
                               parameters={"corpus_folder": str(folder), "docvars_path": str(docvars),
                                           "group": "district", "target": "甲区", "workers": 1},
                               progress_bar=False)
    cells = json.loads(output.read_text(encoding="utf-8"))["cells"]
    shown = "".join(str(o.get("data", o.get("text", ""))) for c in cells if c["cell_type"] == "code" for o in c["outputs"])
    assert "Traceback" not in shown and "image/png" in shown and "甲区" in shown and "n_docs_target" in shown
    assert "Showing district 甲区, as requested." in shown
