"""make test's closing summary (tests/tools/summarize.py) counts every kind of stage honestly."""

import importlib.util
import re
from pathlib import Path

import pytest

SUMMARIZE = Path(__file__).resolve().parents[2] / "tools" / "summarize.py"
_spec = importlib.util.spec_from_file_location("summarize", str(SUMMARIZE))
summarize = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(summarize)

JUNIT = '<testsuites><testsuite name="pytest" tests="5" failures="{f}" errors="0" skipped="1"></testsuite></testsuites>'
SANITY_OK = (
    'Running sanity test "action-plugin-docs"\nRunning sanity test "import" on Python 3.12\n'
    'Running sanity test "import" on Python 3.13\nWARNING: Skipping sanity test "import" on Python 3.9 '
    'because it could not be found.\nRunning sanity test "yamllint"\n'
)
SANITY_FAILED = SANITY_OK + (
    "FATAL: The 1 sanity test(s) listed below (out of 4) failed. See error output above "
    "for details.\nvalidate-modules\n"
)


def _stage(results, name, rc, log="", xml=None):
    (results / (name + ".rc")).write_text("%d\n" % rc)
    (results / (name + ".log")).write_text(log)
    if xml is not None:
        (results / (name + ".xml")).write_text(xml)


def _run(results, capsys):
    rc = summarize.main([str(results)])
    return rc, capsys.readouterr().out


def test_all_green(tmp_path, capsys):
    _stage(tmp_path, "ansible-lint", 0)
    _stage(tmp_path, "galaxy-importer", 0)
    _stage(tmp_path, "sanity-ansible-2.17", 0, SANITY_OK)
    _stage(tmp_path, "pytest-ansible-2.17", 0, xml=JUNIT.format(f=0))
    (tmp_path / "started").write_text("0")
    (tmp_path / "galaxy-importer.seconds").write_text("17\n")
    rc, out = _run(tmp_path, capsys)
    assert rc == 0
    assert re.search(r"^galaxy-importer +ok \[17 s\]$", out, re.MULTILINE)
    assert "4 sanity test runs: 4 passed, 0 failed, 1 skipped" in out
    assert "wall time:" in out
    # 2 one-check stages + 4 sanity runs + 4 pytest tests
    assert out.rstrip().endswith("summary: 10 passed, 0 failed, 2 skipped")


@pytest.mark.parametrize(
    "name, rc, log, xml, note",
    [
        ("galaxy-importer", 1, "", None, "FAILED (exit 1)"),
        ("sanity-ansible-2.16", 1, SANITY_FAILED, None, "3 passed, 1 failed"),
        ("sanity-ansible-2.18", 1, "ERROR: cannot bootstrap pip\n", None, "ran no sanity test"),
        ("sanity-ansible-2.19", 2, SANITY_OK, None, "(exit 2)"),
        ("pytest-ansible-2.20", 1, "", JUNIT.format(f=1), "3 passed, 1 failed, 1 skipped"),
        ("pytest-ansible-2.21", 5, "", '<testsuite tests="0"/>', "ran no test"),
        ("pytest-ansible-2.16", 2, "", None, "no JUnit XML"),
    ],
)
def test_a_failed_stage_fails_the_summary(tmp_path, capsys, name, rc, log, xml, note):
    _stage(tmp_path, "ansible-lint", 0)
    _stage(tmp_path, name, rc, log, xml)
    status, out = _run(tmp_path, capsys)
    assert status == 1
    assert note in out
    assert "failed stages: " + name in out


def test_no_stage_is_a_failure(tmp_path, capsys):
    rc, out = _run(tmp_path, capsys)
    assert rc == 1 and "no stage ran" in out
