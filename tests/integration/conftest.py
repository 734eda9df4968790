"""Shared integration harness: simulated z/OS hosts and ansible runs against them.

Fixtures (all function-scoped, hosts live under pytest's ``tmp_path``):

- ``zossim_bin``: Path of ``tests/simulator/bin/zossim``.
- ``zossim(*args, check=True)``: run ``zossim`` with the test's Python;
  returns the CompletedProcess (text). ``check`` asserts rc 0.
- ``make_host(name="zos1", *init_args)``: ``zossim init`` a fresh host
  directory ``tmp_path/hosts/<name>`` and return it. The directory name is the
  inventory host name.
- ``inventory(*host_dirs)``: write ``zossim inventory`` output to a file in
  ``tmp_path`` and return its path (hosts in group ``zos``).
- ``ansible_playbook(playbook, inventory, *args, env=None, check=True)``:
  run the ``ansible-playbook`` next to ``sys.executable``.
- ``ansible_adhoc(pattern, inventory, module, args="", *extra, env=None,
  check=True)``: run ``ansible`` the same way (``-m module -a args``).
- ``host_state(dir)``: ``zossim show`` as a dict.
- ``host_log(dir)``: ``zossim log --json`` as a list of dicts
  (``command``, ``rc``, ``verb``, ``time``, ``transport``).

Tests assert on ``host_state``/``host_log``, never on the state file itself.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
ZOSSIM = REPO / "tests" / "simulator" / "bin" / "zossim"
BIN_DIR = Path(sys.executable).parent


def _show_failure(proc):
    return "rc={0}\n--- stdout\n{1}\n--- stderr\n{2}".format(proc.returncode, proc.stdout, proc.stderr)


def _run(argv, env=None, check=True, input_text=None):
    full_env = dict(os.environ)
    full_env.update({"ANSIBLE_FORCE_COLOR": "0", "ANSIBLE_NOCOLOR": "1"})
    full_env.update(env or {})
    proc = subprocess.run(argv, env=full_env, input=input_text, capture_output=True, text=True, check=False)
    if check:
        assert proc.returncode == 0, "{0}\n{1}".format(" ".join(str(a) for a in argv), _show_failure(proc))
    return proc


@pytest.fixture
def zossim_bin():
    return ZOSSIM


@pytest.fixture
def zossim():
    def run(*args, check=True, input_text=None, env=None):
        return _run([sys.executable, str(ZOSSIM)] + [str(a) for a in args], env=env, check=check, input_text=input_text)

    return run


@pytest.fixture
def make_host(tmp_path, zossim):
    def make(name="zos1", *init_args):
        host_dir = tmp_path / "hosts" / name
        zossim("init", host_dir, *init_args)
        return host_dir

    return make


@pytest.fixture
def inventory(tmp_path, zossim):
    def write(*host_dirs):
        path = tmp_path / "inventory.yml"
        path.write_text(zossim("inventory", *host_dirs).stdout)
        return path

    return write


@pytest.fixture
def ansible_playbook():
    def run(playbook, inventory, *args, env=None, check=True):
        argv = [str(BIN_DIR / "ansible-playbook"), "-i", str(inventory), str(playbook)] + [str(a) for a in args]
        return _run(argv, env=env, check=check)

    return run


@pytest.fixture
def ansible_adhoc():
    def run(pattern, inventory, module, args="", *extra, env=None, check=True):
        argv = [str(BIN_DIR / "ansible"), pattern, "-i", str(inventory), "-m", module]
        if args:
            argv += ["-a", args]
        argv += [str(a) for a in extra]
        return _run(argv, env=env, check=check)

    return run


@pytest.fixture
def host_state(zossim):
    def show(host_dir):
        return json.loads(zossim("show", host_dir).stdout)

    return show


@pytest.fixture
def host_log(zossim):
    def log(host_dir):
        return [json.loads(line) for line in zossim("log", host_dir, "--json").stdout.splitlines() if line.strip()]

    return log
