"""tests/tools/ensure_jdk.sh: quiet when a JDK 11+ is there, says exactly what to install when it cannot."""

import subprocess
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "tools" / "ensure_jdk.sh"


def fake_tools(directory, uid, java_version=None):
    """A PATH directory with ``id`` (printing ``uid``) and, when ``java_version`` is given, java, javac and jar."""
    tools = {"id": "echo {0}".format(uid), "sed": 'exec /bin/sed "$@"', "head": 'exec /usr/bin/head "$@"'}
    if java_version:
        tools["java"] = "echo 'openjdk version \"{0}\" 2024-01-16' >&2".format(java_version)
        tools["javac"] = tools["jar"] = "exit 0"
    for name, body in tools.items():
        path = directory / name
        path.write_text("#!/bin/sh\n{0}\n".format(body))
        path.chmod(0o755)
    return str(directory)


def run(path):
    return subprocess.run(["/bin/sh", str(SCRIPT)], capture_output=True, text=True, check=False, env={"PATH": path})


def test_it_passes_when_a_jdk_is_installed():
    proc = subprocess.run(["/bin/sh", str(SCRIPT)], capture_output=True, text=True, check=False)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "", "")


def test_a_java_11_or_later_jdk_is_enough(tmp_path):
    assert run(fake_tools(tmp_path, 1000, "11.0.22")).returncode == 0


def test_without_a_jdk_and_not_root_it_stops_and_names_the_package(tmp_path):
    proc = run(fake_tools(tmp_path, 1000))
    assert proc.returncode == 1
    assert "openjdk-17-jdk-headless" in proc.stderr and "apt-get install" in proc.stderr


def test_java_8_is_not_enough(tmp_path):
    proc = run(fake_tools(tmp_path, 1000, "1.8.0_392"))
    assert proc.returncode == 1 and "JDK 11 or later" in proc.stderr
