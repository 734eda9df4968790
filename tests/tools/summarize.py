"""Print the closing summary of ``make test``.

Reads the stage results written by the Makefile (``<dir>/<stage>.rc``) and the
JUnit XML files pytest wrote (``<dir>/<stage>.xml``). Each pytest test counts
once per ansible-core version it ran under; lint and sanity count as one check
each. The last line is ``summary: N passed, N failed, N skipped``. Exits 1 when
any stage failed, or when a pytest stage ran no test at all.
"""
import sys
import xml.etree.ElementTree as ET
from pathlib import Path


def junit_counts(path):
    root = ET.parse(str(path)).getroot()
    suites = [root] if root.tag == "testsuite" else list(root.iter("testsuite"))
    total = sum(int(s.get("tests", 0)) for s in suites)
    failed = sum(int(s.get("failures", 0)) + int(s.get("errors", 0)) for s in suites)
    skipped = sum(int(s.get("skipped", 0)) for s in suites)
    return total - failed - skipped, failed, skipped


def main(argv):
    results = Path(argv[0])
    passed = failed = skipped = 0
    bad = []
    print("\n==================== make test: summary ====================")
    for rc_file in sorted(results.glob("*.rc")):
        stage = rc_file.stem
        rc = int(rc_file.read_text().strip() or 1)
        xml = results / (stage + ".xml")
        if xml.exists():
            p, f, s = junit_counts(xml)
            if p + f + s == 0:
                note = "ran no test"
                f = 1
            else:
                note = "%d passed, %d failed, %d skipped" % (p, f, s)
            if rc not in (0,) and f == 0:
                f = 1  # pytest failed outside any test (collection error, exit 5, ...)
                note += ", pytest exit %d" % rc
        else:
            p, f, s = (1, 0, 0) if rc == 0 else (0, 1, 0)
            note = "ok" if rc == 0 else "FAILED (exit %d)" % rc
        passed, failed, skipped = passed + p, failed + f, skipped + s
        if f:
            bad.append(stage)
        print("%-24s %s" % (stage, note))
    if not list(results.glob("*.rc")):
        print("no stage ran")
        failed += 1
    if bad:
        print("failed stages: " + ", ".join(bad))
    print("summary: %d passed, %d failed, %d skipped" % (passed, failed, skipped))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
