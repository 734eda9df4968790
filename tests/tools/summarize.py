"""Print the closing summary of ``make test``.

Reads the stage results the Makefile writes into one directory: ``<stage>.rc``
(exit code), ``<stage>.log`` (output), ``<stage>.seconds`` (duration) and, for
pytest stages, the JUnit XML ``<stage>.xml``; and ``started`` (epoch seconds),
for the wall time.

How each stage counts:
- ``pytest-*``: each test once per ansible-core release it ran under (JUnit XML);
- ``sanity-*``: each ansible-test sanity test once per Python it ran on
  ("Running sanity test" lines), failures from ansible-test's closing
  "The N sanity test(s) listed below (out of M) failed", skips from its
  "Skipping sanity test" lines;
- any other stage (ansible-lint, galaxy-importer, antsibull-docs and
  antsibull-changelog lint): one check, passed when it exited 0.

The last line is ``summary: N passed, N failed, N skipped``. Exits 1 when any
stage failed, when a pytest or sanity stage ran no test at all, or when no
stage ran.
"""

import re
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

SANITY_RAN = re.compile(r'^Running sanity test "[^"]+"', re.MULTILINE)
SANITY_SKIPPED = re.compile(r'Skipping sanity test "[^"]+"')
SANITY_FAILED = re.compile(r"The (\d+) sanity test\(s\) listed below \(out of (\d+)\) failed")


def junit_counts(path):
    root = ET.parse(str(path)).getroot()
    suites = [root] if root.tag == "testsuite" else list(root.iter("testsuite"))
    total = sum(int(s.get("tests", 0)) for s in suites)
    failed = sum(int(s.get("failures", 0)) + int(s.get("errors", 0)) for s in suites)
    skipped = sum(int(s.get("skipped", 0)) for s in suites)
    return total - failed - skipped, failed, skipped


def pytest_stage(rc, xml):
    """(passed, failed, skipped, note) of a pytest stage."""
    if not xml.exists():
        return 0, 1, 0, "FAILED (exit %d, no JUnit XML)" % rc
    p, f, s = junit_counts(xml)
    if p + f + s == 0:
        return 0, 1, 0, "ran no test"
    note = "%d passed, %d failed, %d skipped" % (p, f, s)
    if rc != 0 and f == 0:
        f = 1  # pytest failed outside any test (collection error, exit 5, ...)
        note += ", pytest exit %d" % rc
    return p, f, s, note


def sanity_stage(rc, log_text):
    """(passed, failed, skipped, note) of an ansible-test sanity stage."""
    ran = len(SANITY_RAN.findall(log_text))
    skipped = len(SANITY_SKIPPED.findall(log_text))
    match = SANITY_FAILED.search(log_text)
    failed = int(match.group(1)) if match else 0
    if ran == 0:
        return 0, 1, skipped, "ran no sanity test (exit %d)" % rc
    if rc != 0 and failed == 0:
        failed = 1  # ansible-test failed outside any test
    passed = max(ran - failed, 0)
    note = "%d sanity test runs: %d passed, %d failed, %d skipped" % (ran, passed, failed, skipped)
    if rc != 0:
        note += " (exit %d)" % rc
    return passed, failed, skipped, note


def other_stage(rc):
    return (1, 0, 0, "ok") if rc == 0 else (0, 1, 0, "FAILED (exit %d)" % rc)


def stage_result(results, stage):
    rc_text = (results / (stage + ".rc")).read_text().strip()
    rc = int(rc_text) if rc_text.lstrip("-").isdigit() else 1
    log = results / (stage + ".log")
    log_text = log.read_text(errors="replace") if log.exists() else ""
    if stage.startswith("pytest-"):
        return pytest_stage(rc, results / (stage + ".xml"))
    if stage.startswith("sanity-"):
        return sanity_stage(rc, log_text)
    return other_stage(rc)


def main(argv):
    results = Path(argv[0])
    passed = failed = skipped = 0
    bad = []
    print("\n==================== make test: summary ====================")
    stages = sorted(rc_file.stem for rc_file in results.glob("*.rc"))
    for stage in stages:
        p, f, s, note = stage_result(results, stage)
        passed, failed, skipped = passed + p, failed + f, skipped + s
        if f:
            bad.append(stage)
        seconds = results / (stage + ".seconds")
        took = " [%s s]" % seconds.read_text().strip() if seconds.exists() else ""
        print("%-24s %s%s" % (stage, note, took))
    if not stages:
        print("no stage ran")
        failed += 1
    if bad:
        print("failed stages: " + ", ".join(bad))
    started = results / "started"
    if started.exists():
        elapsed = int(time.time()) - int(started.read_text().strip())
        print("wall time: %d min %02d s" % (elapsed // 60, elapsed % 60))
    print("summary: %d passed, %d failed, %d skipped" % (passed, failed, skipped))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
