"""The built collection tarball holds collection content only."""

import re
import subprocess
import sys
import tarfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FORBIDDEN = re.compile(
    r"(^|/)(\.venv[^/]*|\.build|\.cache|\.git|\.pytest_cache|__pycache__|tests/output|\.ansible|\.ci)(/|$)|\.pyc$|\.tar\.gz$"
)


def test_build_tarball_has_no_caches_outputs_or_venvs(tmp_path):
    # make sure there is something to leave out, as a working tree has
    (REPO / "tests" / "output").mkdir(exist_ok=True)
    (REPO / "tests" / "output" / "junk.txt").write_text("test output\n")
    try:
        galaxy = Path(sys.executable).parent / "ansible-galaxy"
        subprocess.run(
            [str(galaxy), "collection", "build", "--force", "--output-path", str(tmp_path), str(REPO)],
            check=True,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
    finally:
        (REPO / "tests" / "output" / "junk.txt").unlink()
    tarballs = list(tmp_path.glob("mainframe-passticket-*.tar.gz"))
    assert len(tarballs) == 1
    with tarfile.open(str(tarballs[0])) as tar:
        names = tar.getnames()
    offending = [name for name in names if FORBIDDEN.search(name)]
    assert offending == []
    for needed in ("MANIFEST.json", "FILES.json", "meta/runtime.yml", "README.md"):
        assert needed in names
