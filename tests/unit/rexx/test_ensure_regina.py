"""tests/tools/ensure_regina.sh: quiet when Regina is there, says exactly what to install when it cannot."""

import subprocess
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "tools" / "ensure_regina.sh"


def test_it_passes_when_regina_is_installed():
    proc = subprocess.run(["/bin/sh", str(SCRIPT)], capture_output=True, text=True, check=False)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "", "")


def test_without_regina_and_not_root_it_stops_and_names_the_packages(tmp_path):
    fake_id = tmp_path / "id"
    fake_id.write_text("#!/bin/sh\necho 1000\n")
    fake_id.chmod(0o755)
    proc = subprocess.run(
        ["/bin/sh", str(SCRIPT)], capture_output=True, text=True, check=False, env={"PATH": str(tmp_path)}
    )
    assert proc.returncode == 1
    assert "regina-rexx libregina3-dev" in proc.stderr and "apt-get install" in proc.stderr
