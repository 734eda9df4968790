"""Helpers for the simulator's unit tests: in-process hosts, shim runs, reference files."""

import os
import subprocess
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parents[2]
if str(TESTS) not in sys.path:
    sys.path.insert(0, str(TESTS))

from simulator import cli, racf, store  # noqa: E402  pylint: disable=wrong-import-position

BIN = TESTS / "simulator" / "bin"
FIXTURES = TESTS / "fixtures" / "racf-output"


class SimHost:
    """A simulated host driven in-process (commands) or through its shims (run)."""

    def __init__(self, path):
        self.path = path

    def command(self, image, transport="tsocmd"):
        """Run one RACF command image in-process; return (rc, lines)."""
        with store.transaction(str(self.path)) as txn:
            return racf.run_command(txn, image, transport)

    def ok(self, image):
        rc, lines = self.command(image)
        assert rc == 0, (image, rc, lines)
        return lines

    def state(self):
        return cli.public_state(store.read(str(self.path)))

    def raw_state(self):
        return store.read(str(self.path))

    def log(self):
        return store.read_log(str(self.path))

    def shim(self, name, *args, stdin=None, env=None):
        """Run a shim as the modules do (argv, no shell); return CompletedProcess."""
        full_env = dict(os.environ, ZOSSIM_STATE=str(self.path))
        full_env["PATH"] = "{0}:{1}:{2}".format(BIN, Path(sys.executable).parent, os.environ.get("PATH", ""))
        full_env.update(env or {})
        return subprocess.run(
            [str(BIN / name)] + list(args), input=stdin, capture_output=True, text=True, env=full_env, check=False
        )

    def zossim(self, *args, check=True):
        proc = subprocess.run(
            [sys.executable, str(BIN / "zossim")] + [str(a) for a in args], capture_output=True, text=True, check=False
        )
        if check:
            assert proc.returncode == 0, proc.stderr
        return proc


def fixture_blocks(name):
    """[(command, rc, [lines])] of one reference file."""
    blocks = []
    for line in (FIXTURES / name).read_text().splitlines():
        if line.startswith("### command: "):
            blocks.append([line[len("### command: ") :], None, []])
        elif line.startswith("### returncode: "):
            blocks[-1][1] = int(line.split(":")[1])
        else:
            blocks[-1][2].append(line)
    return [tuple(block) for block in blocks]
