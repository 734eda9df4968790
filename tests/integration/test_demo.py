"""make demo: runtime packages only; the exact command lines, each host's change record, a second run with none."""

import os
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "tests" / "demo" / "run_demo.py"
# ansible-core, cryptography and what they pull in: nothing for development or testing
RUNTIME = {
    "ansible-core",
    "cffi",
    "cryptography",
    "jinja2",
    "markupsafe",
    "packaging",
    "pycparser",
    "pyyaml",
    "resolvelib",
}


def test_the_demo_environment_holds_only_runtime_packages():
    lines = (REPO / "tests" / "requirements" / "demo.txt").read_text().splitlines()
    pinned = {line.split("==")[0].lower() for line in lines if line and not line.startswith("#")}
    assert pinned == RUNTIME
    assert "$(VENV_DEMO)/.installed" in (REPO / "Makefile").read_text().split("\ndemo:", 1)[1].splitlines()[0]


def test_the_demo_shows_commands_and_change_records(tmp_path):
    env = dict(os.environ, PASSTICKET_DEMO_DIR=str(tmp_path / "demo"))
    proc = subprocess.run(
        [sys.executable, str(DEMO)], env=env, capture_output=True, text=True, check=False, timeout=600
    )
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr
    out = proc.stdout
    key = re.search(r'passticket_setup_key: "([0-9A-F]+)"', (tmp_path / "demo" / "passticket-key.yml").read_text())
    assert key.group(1) not in out and key.group(1) not in proc.stderr
    commands = [line for line in out.splitlines() if line.startswith("$ ")]
    assert len(commands) == 3  # run 1, run 2, the sign-on example
    for line in commands:
        assert line.startswith("$ ANSIBLE_COLLECTIONS_PATH=") and " -i " in line
        assert "@" + str(tmp_path / "demo" / "passticket-key.yml") in line  # the key file, never the key
    first, second = out.split("Change record, per host")[1:3]
    assert "zos1: 6 RACF/ICSF command(s) issued; PTKTDATA refresh: ran" in first
    assert "zos2: 5 RACF/ICSF command(s) issued; PTKTDATA refresh: ran" in first
    assert "step 1 user: ALTUSER HOSTUSR PASSWORD(********) NOEXPIRED" in first
    assert "step 2-3 class: SETROPTS CLASSACT(PTKTDATA) RACLIST(PTKTDATA)" in first
    second = second.split("Second run:")[0]
    assert "zos1: 0 RACF/ICSF command(s) issued; PTKTDATA refresh: no" in second
    assert "zos2: 0 RACF/ICSF command(s) issued; PTKTDATA refresh: no" in second
    assert "step " not in second
