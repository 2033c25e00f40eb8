#!/usr/bin/python3
"""Runs notebooks in the real .NET Interactive tool kernel over the Jupyter protocol (nbclient) and compares
their verdicts with `neurokit run`'s.

usage: real_kernel.py --kernel NAME --reference-dir DIR --out-dir DIR NOTEBOOK...
       real_kernel.py --kernel NAME --out-dir DIR --expect-html TEXT... --standalone NOTEBOOK

For each NOTEBOOK, DIR/<name>.ipynb is the copy `neurokit run --smoke` executed. Its cells, including the
`injected-parameters` cell it added after the cell tagged `parameters` (papermill style), are run again in
the kernel named NAME (a kernelspec found through JUPYTER_PATH) from the notebook's own folder, so that
relative references (`#r "../src/NeuroKit/bin/Debug/net10.0/NeuroKit.dll"`) resolve as in VS Code. After the
last cell one more submission prints NeuroKit.Notebooks.NotebookHost.ResultsJson().

A notebook fails when a cell errors, or when its verdicts differ in kind (SHOWN / PARTLY SHOWN / NOT SHOWN
per claim) from the reference run's (metadata.neurokit.results; without it, the verdict lines printed).
Exit code: 0 all passed, 1 otherwise. Executed copies are written to --out-dir.

--standalone runs one notebook as it is (no reference run) and checks that every TEXT occurs in some
text/html output, e.g. a chart's and a DataFrame's markers.
"""

import argparse
import copy
import json
import os
import re
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

RESULTS_CODE = "System.Console.Write(NeuroKit.Notebooks.NotebookHost.ResultsJson());"
VERDICT_KIND = re.compile(r"\b(PARTLY SHOWN|NOT SHOWN|SHOWN)\b")


def output_text(output):
    """The text a person sees in an output: stream text, or text/plain of a display."""
    if output.get("output_type") == "stream":
        return output.get("text", "")
    data = output.get("data", {})
    text = data.get("text/plain", "")
    return "".join(text) if isinstance(text, list) else text


def verdicts_from_results(results):
    """claim name -> outcome, from a results JSON object ({"verdicts": [{"claim", "outcome"}, ...]})."""
    if not isinstance(results, dict):
        return None
    verdicts = results.get("verdicts")
    if not isinstance(verdicts, list) or not verdicts:
        return None
    return [(v.get("claim", "?"), v.get("outcome", "?")) for v in verdicts]


def verdicts_from_lines(nb):
    """(line, kind) for every output line naming a verdict kind, for notebooks without recorded results."""
    found = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for output in cell.get("outputs", []):
            for line in output_text(output).splitlines():
                match = VERDICT_KIND.search(line)
                if match and re.match(r"^\s*(Claim|Check|claim|check|\d+[.)]|Verdict|verdict)", line):
                    found.append((line.strip()[:60], match.group(1)))
    return found


def strip_outputs(nb):
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    return nb


def run_in_kernel(nb, kernel, cwd, timeout):
    """Executes nb in place; returns (failed cell index or None, error text, results JSON text or None)."""
    client = NotebookClient(
        nb,
        kernel_name=kernel,
        timeout=timeout,
        startup_timeout=120,
        allow_errors=False,
        resources={"metadata": {"path": cwd}},
    )
    failed, error, results = None, "", None
    with client.setup_kernel():
        for index, cell in enumerate(nb.cells):
            try:
                client.execute_cell(cell, index)
            except CellExecutionError as e:
                first_line = (getattr(e, "evalue", "") or str(e)).strip().splitlines()
                failed, error = index, (first_line[0] if first_line else type(e).__name__)[:600]
                break
            except (CellTimeoutError, DeadKernelError) as e:
                failed, error = index, f"{type(e).__name__}: {str(e).strip()[:300]}"
                break
        if failed is None:
            # One extra submission, not part of the saved notebook: nbclient executes cells of nb only.
            probe = nbformat.v4.new_code_cell(RESULTS_CODE)
            nb.cells.append(probe)
            try:
                client.execute_cell(probe, len(nb.cells) - 1)
                text = "".join(output_text(o) for o in probe.outputs)
                results = text.strip() or None
            except CellExecutionError as e:
                results = None
                print(f"    (NotebookHost.ResultsJson() unavailable: {(getattr(e, 'evalue', '') or str(e)).strip()[:200]})")
            finally:
                nb.cells.pop()
    return failed, error, results


def mime_counts(nb):
    counts = {}
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            kinds = list(output.get("data", {}).keys()) or [output.get("output_type")]
            for kind in kinds:
                counts[kind] = counts.get(kind, 0) + 1
    return counts


def write(nb, path):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        nbformat.write(nb, f)
    os.replace(tmp, path)


def check_reference(path, args):
    name = os.path.splitext(os.path.basename(path))[0]
    reference_path = os.path.join(args.reference_dir, name + ".ipynb")
    if not os.path.exists(reference_path):
        return name, False, f"no reference run at {reference_path}"
    reference = nbformat.read(reference_path, as_version=4)
    source = nbformat.read(path, as_version=4)
    # The reference must be this notebook, run with its smoke set: same cells, plus the injected one.
    injected = [c for c in reference.cells if "injected-parameters" in c.get("metadata", {}).get("tags", [])]
    if [c.source for c in reference.cells if c not in injected] != [c.source for c in source.cells]:
        return name, False, f"{reference_path} is not an executed copy of {path} (stale? run neurokit run --smoke again)"
    if source.metadata.get("neurokit", {}).get("smoke") and not injected:
        return name, False, f"{reference_path} has no injected-parameters cell: not a --smoke run"
    nb = strip_outputs(reference)
    code_cells = sum(1 for c in nb.cells if c.cell_type == "code")
    started = time.monotonic()
    failed, error, results_text = run_in_kernel(nb, args.kernel, os.path.dirname(os.path.abspath(path)), args.cell_timeout)
    seconds = time.monotonic() - started
    write(nb, os.path.join(args.out_dir, name + ".ipynb"))
    counts = mime_counts(nb)
    html = counts.get("text/html", 0)
    if failed is not None:
        return name, False, f"cell {failed} failed ({seconds:.0f} s): {error}"

    expected = verdicts_from_results(reference.metadata.get("neurokit", {}).get("results"))
    actual = None
    if results_text:
        try:
            actual = verdicts_from_results(json.loads(results_text))
        except json.JSONDecodeError:
            actual = None
    source = "results"
    if expected is None or actual is None:
        expected, actual, source = verdicts_from_lines(reference), verdicts_from_lines(nb), "verdict lines"
    expected_kinds = [kind for _, kind in expected]
    actual_kinds = [kind for _, kind in actual]
    summary = f"{code_cells} code cells ok, {html} text/html outputs, {seconds:.0f} s; verdicts ({source}): " + (
        ", ".join(f"{claim}={kind}" for claim, kind in actual) or "none"
    )
    if expected_kinds != actual_kinds:
        detail = "; ".join(
            f"{e[0]}: neurokit run {e[1]}, tool {a[1] if a else 'missing'}"
            for e, a in zip(expected, actual + [None] * len(expected))
            if a is None or e[1] != a[1]
        )
        if len(actual) > len(expected):
            detail += f"; tool reported {len(actual) - len(expected)} more"
        return name, False, f"verdicts differ from neurokit run --smoke: {detail or 'different count'} ({summary})"
    return name, True, summary


def check_standalone(path, args):
    name = os.path.splitext(os.path.basename(path))[0]
    nb = strip_outputs(nbformat.read(path, as_version=4))
    started = time.monotonic()
    failed, error, _ = run_in_kernel(nb, args.kernel, os.path.dirname(os.path.abspath(path)), args.cell_timeout)
    seconds = time.monotonic() - started
    write(nb, os.path.join(args.out_dir, name + ".ipynb"))
    if failed is not None:
        return name, False, f"cell {failed} failed ({seconds:.0f} s): {error}"
    html = [
        "".join(o["data"]["text/html"]) if isinstance(o["data"]["text/html"], list) else o["data"]["text/html"]
        for c in nb.cells
        for o in c.get("outputs", [])
        if "text/html" in o.get("data", {})
    ]
    missing = [t for t in args.expect_html if not any(t in h for h in html)]
    summary = f"{sum(1 for c in nb.cells if c.cell_type == 'code')} code cells ok, {len(html)} text/html outputs, {seconds:.0f} s"
    if missing:
        return name, False, f"no text/html output contains {missing} ({summary})"
    return name, True, summary


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kernel", required=True)
    parser.add_argument("--reference-dir")
    parser.add_argument("--out-dir", required=True)
    parser.add_argument("--cell-timeout", type=int, default=600)
    parser.add_argument("--standalone", action="store_true")
    parser.add_argument("--expect-html", nargs="*", default=[])
    parser.add_argument("notebooks", nargs="+")
    args = parser.parse_args()
    if not args.standalone and not args.reference_dir:
        parser.error("--reference-dir is required unless --standalone")
    os.makedirs(args.out_dir, exist_ok=True)
    # Smoke runs are marked by the library (NotebookHost) through this variable, as `neurokit run --smoke` sets it.
    if not args.standalone:
        os.environ["NEUROKIT_SMOKE"] = "1"
    passed = 0
    for path in args.notebooks:
        name, ok, message = (check_standalone if args.standalone else check_reference)(path, args)
        print(f"  {'PASS' if ok else 'FAIL'} {name}: {message}", flush=True)
        passed += ok
    print(f"real kernel: {passed} of {len(args.notebooks)} notebooks passed")
    return 0 if passed == len(args.notebooks) else 1


if __name__ == "__main__":
    sys.exit(main())
