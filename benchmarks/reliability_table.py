"""Keep the table of docs/reliability.md current: what issue 18 tried, what holds now, and whether the tests
that check it pass today.

Usage::

    python benchmarks/reliability_table.py [--doc docs/reliability.md] [--print]

Runs the tests named in :data:`ROWS` with pytest (``-q``, results to a temporary ``--junitxml`` file), maps each
test case back to its row (a parametrized test counts once per parameter) and rewrites the text between
``<!-- reliability:start -->`` and ``<!-- reliability:end -->`` in the page with pass/fail per row. ``--print``
prints the table instead of writing it. Exits 1 when a row fails or names a test that did not run.
"""

from __future__ import annotations

import argparse
import datetime
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
START, END = "<!-- reliability:start -->", "<!-- reliability:end -->"

U = "tests/unit/"


@dataclass(frozen=True)
class Row:
    """One reproduction of the issue: what was tried, what holds now, and the tests (pytest node ids, a
    parametrized test named without its parameters) that check it."""

    tried: str
    holds: str
    tests: tuple[str, ...]


ROWS: tuple[Row, ...] = (
    Row("1. CSV with an unclosed quote (`\"I support it`): predict exited 0 with 1 row of 4",
        "Strict CSV parsing: `CorpusError` naming the file and the line the open quote starts on; never merged rows",
        (U + "test_corpora.py::test_an_unclosed_quote_is_an_error_naming_its_line_not_merged_rows",
         U + "test_input_errors.py::test_csv_errors_name_the_line_an_editor_shows",
         U + "test_io_properties.py::test_an_unclosed_quote_is_an_error_naming_its_line_never_a_merge",
         U + "test_io_properties.py::test_text_formats_round_trip_every_row")),
    Row("2. Failed write: `--output` = `--input` (Parquet with a datetime) left 0 bytes; bytes/decimals crashed JSONL; NaN in JSONL",
        "Output over the input refused (exit 2); every write goes to a temporary file renamed when complete; "
        "values JSON cannot hold written as text, NaN as null",
        (U + "test_cli_writers.py::test_a_failed_write_leaves_the_existing_output_and_no_partial_file",
         U + "test_cli_writers.py::test_nan_and_values_json_cannot_hold_are_written_as_null_and_text",
         U + "test_cli_writers.py::test_unknown_extension_and_output_over_input_are_usage_errors",
         U + "test_io_properties.py::test_a_write_that_fails_part_way_leaves_no_file_and_no_temporary_file",
         U + "test_io_properties.py::test_parquet_round_trips_every_row")),
    Row("3. Two processes writing the same `--output`: corrupt file, both exit 0",
        "Each writer has its own temporary file: the last to finish wins with complete output",
        (U + "test_concurrent_writers.py::test_two_predict_processes_with_the_same_output_leave_one_writers_rows",
         U + "test_concurrent_writers.py::test_two_processes_writing_the_same_reports_leave_one_complete_report",
         U + "test_concurrent_writers.py::test_two_processes_saving_the_same_model_file_leave_one_complete_model")),
    Row("4. `--output x.parquet` / `x.json` wrote JSON lines",
        "Format by extension (CSV, TSV, JSON, JSONL, Parquet); unknown extensions and a disagreeing `--output-format` refused (exit 2)",
        (U + "test_cli_writers.py::test_parquet_and_json_outputs_are_what_their_extension_says",
         U + "test_cli_writers.py::test_unknown_extension_and_output_over_input_are_usage_errors",
         U + "test_cli_stdio.py::test_output_format_that_disagrees_with_the_extension_is_refused")),
    Row("5. Zip bombs: a 2 MB model file with a 2 GiB member took 4.4 GB and 27 s to refuse",
        "Member sizes checked against fixed caps and the metadata before anything is inflated",
        (U + "test_model_file_limits.py::test_member_declaring_more_than_its_limit_is_refused_before_inflating",
         U + "test_model_file_limits.py::test_zip_bomb_metadata_is_refused_before_inflating",
         U + "test_model_file_limits.py::test_member_of_the_weights_archive_declaring_2_gib_is_refused",
         U + "test_model_file_limits.py::test_many_members_are_refused_before_the_directory_is_parsed")),
    Row("6. `stance.load()` read `./default` from the working directory",
        "Built-in names always resolve to the package's models; a local file needs a path",
        (U + "test_api.py::test_builtin_names_ignore_files_of_the_same_name_in_the_working_directory",)),
    Row("7. Quadratic extraction: `'He said \"'` over 0.4 MB took 188 s",
        "Scans bounded and indexed: 4x the text takes under 8x the time on every adversarial generator; 0.4 MB in seconds",
        (U + "test_extraction_linear.py::test_time_for_four_times_the_text_is_under_eight_times",
         U + "test_extraction_linear.py::test_the_issue_reproduction_at_400_kb_takes_seconds_not_minutes")),
    Row("8. `analyze(..., aliases={\"Robert\": \"Bob\"})` read the string as characters",
        "A string alias is one alias",
        (U + "test_api.py::test_analyze_takes_one_alias_as_a_string",)),
    Row("9. A duplicate CSV header dropped a column silently",
        "Refused with `CorpusError` naming the repeated header",
        (U + "test_corpora.py::test_a_duplicate_header_is_refused_by_name",)),
    Row("10. Errors outside the documented types (`TypeError`, raw scikit-learn/pyarrow errors, unchecked metadata)",
        "Every error a `StanceError` subclass naming the value, row or line and the file; metadata and parts checked at load",
        (U + "test_input_errors.py::test_bad_arguments_raise_input_error_naming_the_value",
         U + "test_input_errors.py::test_bad_training_options_raise_config_error",
         U + "test_input_errors.py::test_malformed_config_file_is_named",
         U + "test_input_errors.py::test_jsonl_errors_name_the_line_an_editor_shows",
         U + "test_persistence.py::test_malformed_format_version",
         U + "test_model_file_limits.py::test_every_metadata_field_is_validated",
         U + "test_model_file_limits.py::test_metadata_labels_must_match_the_heads",
         U + "test_model_file_limits.py::test_coefficients_of_the_wrong_shape_fail_at_load_not_at_predict",
         U + "test_io_properties.py::test_any_bytes_give_rows_or_a_corpus_error")),
    Row("11. Speaker offsets disagreed with the speaker (`according to she Mr.`)",
        "The offsets cover the mention that names the speaker, with no pronoun run into the name",
        (U + "test_speaker_offsets.py::test_the_reported_case",
         U + "test_speaker_offsets.py::test_offsets_agree_with_the_speaker_on_the_extraction_cases",
         U + "test_speaker_offsets.py::test_offsets_agree_with_the_speaker_on_generated_sentences")),
    Row("12. `stance predict ... \\| head` died with `Broken pipe`; no standard input (`-`)",
        "A closed pipe ends quietly; `-` reads standard input and writes standard output",
        (U + "test_cli_writers.py::test_a_closed_pipe_ends_quietly",
         U + "test_cli_stdio.py::test_csv_from_stdin_to_stdout_as_csv",
         U + "test_cli_stdio.py::test_parquet_from_stdin_gives_json_lines",
         U + "test_cli_stdio.py::test_a_bad_line_on_stdin_is_named")),
    Row("Also: skops payloads of CVE-2025-54412 / CVE-2025-54413 (`OperatorFuncNode`, `MethodNode` calling an untrusted function)",
        "skops floor at a fixed release; such a payload in a model file is refused without running the function",
        (U + "test_dependency_floors.py::test_skops_floor_excludes_releases_before_the_2025_fixes",
         U + "test_dependency_floors.py::test_installed_skops_is_a_fixed_release",
         U + "test_skops_advisories.py::test_the_payloads_are_live_when_trusted",
         U + "test_skops_advisories.py::test_a_skops_payload_calling_an_untrusted_function_is_refused_unrun")),
)


def node_of(classname: str, name: str) -> str:
    """The node id of a JUnit test case, without its parameters: ``tests.unit.test_x`` + ``test_y[a]`` ->
    ``tests/unit/test_x.py::test_y``."""
    return classname.replace(".", "/") + ".py::" + name.split("[", 1)[0]


def exists(node: str) -> bool:
    """Whether the test function ``node`` names is defined (pytest stops the whole run on a node id it cannot find)."""
    file, _, name = node.partition("::")
    path = ROOT / file
    return path.is_file() and f"def {name}(" in path.read_text(encoding="utf-8")


def run_tests(tests: list[str]) -> dict[str, list[str]]:
    """Run ``tests`` with pytest; the outcomes ("pass", "fail", "skip") of the cases of each node id (a test that
    does not exist has none, and its row fails)."""
    tests = [t for t in tests if exists(t)]
    with tempfile.TemporaryDirectory() as d:
        xml = Path(d) / "junit.xml"
        cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"--junitxml={xml}", *tests]
        subprocess.run(cmd, cwd=ROOT, check=False, stdout=subprocess.DEVNULL)
        if not xml.exists():
            raise SystemExit(f"pytest wrote no {xml.name}; run `{' '.join(cmd[2:])}` to see why")
        root = ET.parse(xml).getroot()
    outcomes: dict[str, list[str]] = {}
    for case in root.iter("testcase"):
        kinds = {child.tag for child in case}
        outcome = "fail" if kinds & {"failure", "error"} else "skip" if "skipped" in kinds else "pass"
        outcomes.setdefault(node_of(case.get("classname", ""), case.get("name", "")), []).append(outcome)
    return outcomes


def verdict(row: Row, outcomes: dict[str, list[str]]) -> tuple[str, bool]:
    """A row's cell ("pass (7/7)", "**FAIL** (6/7)", ...) and whether it holds."""
    cases = [o for t in row.tests for o in outcomes.get(t, [])]
    missing = [t for t in row.tests if t not in outcomes]
    passed, failed = cases.count("pass"), cases.count("fail")
    if failed or missing:
        extra = f"; did not run: {', '.join(t.rsplit('::', 1)[1] for t in missing)}" if missing else ""
        return f"**FAIL** ({passed}/{len(cases)}{extra})", False
    if not passed:
        return f"skipped ({len(cases)})", False
    skipped = len(cases) - passed
    return f"pass ({passed}/{len(cases)}" + (f", {skipped} skipped" if skipped else "") + ")", True


def render(outcomes: dict[str, list[str]]) -> tuple[str, bool]:
    lines = [
        f"Last run: {datetime.date.today().isoformat()}, Python {sys.version.split()[0]}, `python benchmarks/reliability_table.py`.",
        "",
        "| What was tried | What holds now | Checked by | Result |",
        "|---|---|---|---|",
    ]
    ok = True
    for row in ROWS:
        cell, holds = verdict(row, outcomes)
        ok &= holds
        tests = "<br>".join(f"`{t.removeprefix(U)}`" for t in row.tests)
        lines.append(f"| {row.tried} | {row.holds} | {tests} | {cell} |")
    return "\n".join(lines), ok


def rewrite(doc: str, table: str) -> str:
    """``doc`` with the text between the markers replaced by ``table``."""
    head, sep, rest = doc.partition(START)
    _, sep2, tail = rest.partition(END)
    if not sep or not sep2:
        raise SystemExit(f"the page has no {START} ... {END} markers")
    return f"{head}{START}\n{table}\n{END}{tail}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--doc", type=Path, default=ROOT / "docs" / "reliability.md")
    ap.add_argument("--print", action="store_true", help="print the table instead of writing the page")
    args = ap.parse_args(argv)
    tests = list(dict.fromkeys(t for row in ROWS for t in row.tests))
    table, ok = render(run_tests(tests))
    if args.print:
        print(table)
    else:
        new = rewrite(args.doc.read_text(encoding="utf-8"), table)
        tmp = args.doc.with_name(f".{args.doc.name}.{os.getpid()}.part")
        tmp.write_text(new, encoding="utf-8")
        os.replace(tmp, args.doc)
        print(f"wrote {args.doc}: {'every row holds' if ok else 'some rows FAIL'}", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
