"""Helpers shared by the role, playbook and AWX integration tests (not fixtures).

The simulator's log records every command a host received (``verb``,
``command``, ``rc``); a *read* is a command that cannot change RACF or the CKDS.
"""

import contextlib
import json
import os
import re
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SIM_BIN = REPO / "tests" / "simulator" / "bin"
PLAYBOOKS = REPO / "playbooks"
RECAP_RE = re.compile(r"^(\S+)\s+:\s+ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)", re.MULTILINE)


def recap(output):
    """{host: {"ok", "changed", "unreachable", "failed"}} from a PLAY RECAP."""
    return {
        host: {"ok": int(ok), "changed": int(changed), "unreachable": int(unreachable), "failed": int(failed)}
        for host, ok, changed, unreachable, failed in RECAP_RE.findall(output)
    }


def is_read(record):
    """True for the commands that only read: RLIST, LISTUSER, SETROPTS LIST, IRRXUTIL EXTRACT, ICSF EXISTS."""
    if record["verb"] in ("RLIST", "LISTUSER", "EXTRACT", "EXISTS"):
        return True
    return record["verb"] == "SETROPTS" and record["command"].split()[1:] == ["LIST"]


def changes(records):
    return [record["command"] for record in records if not is_read(record)]


def new_key():
    return secrets.token_hex(64).upper()


def write_vars(tmp_path, key=None, **more):
    """A 0600 extra-vars file with the key (never on argv) and the PTF assertion; returns ["-e", "@file"]."""
    values = {"passticket_setup_oa62931_installed": True}
    if key is not None:
        values["passticket_setup_key"] = key
    values.update(more)
    values = {name: value for name, value in values.items() if value is not None}
    path = tmp_path / "vars-{0}.yml".format(secrets.token_hex(4))
    fd = os.open(str(path), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        json.dump(values, handle)  # JSON is YAML
    return ["-e", "@{0}".format(path)]


def write_host_vars(inventory_path, host, **values):
    """host_vars/<host>.yml next to the inventory (below extra vars in precedence)."""
    directory = Path(inventory_path).parent / "host_vars"
    directory.mkdir(exist_ok=True)
    (directory / "{0}.yml".format(host)).write_text(json.dumps(values))


def tso(host_dir, command):
    """Issue one TSO command on a simulated host, as an operator at a terminal would."""
    env = dict(os.environ, ZOSSIM_STATE=str(host_dir))
    return subprocess.run(
        [sys.executable, str(SIM_BIN / "tsocmd"), command], env=env, capture_output=True, text=True, check=False
    )


@contextlib.contextmanager
def sign_on_service(host_dir, appl="IOSHMCSM"):
    """``zossim serve`` for a host on a free loopback port; yields its URL, stops the server on exit."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, str(SIM_BIN / "zossim"), "serve", str(host_dir), "--port", str(port), "--appl", appl],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
            except OSError:
                assert server.poll() is None, "zossim serve exited: " + server.stderr.read()
                assert time.monotonic() < deadline, "zossim serve did not listen on port {0}".format(port)
                time.sleep(0.1)
        yield "http://127.0.0.1:{0}/".format(port)
    finally:
        server.terminate()
        server.wait(timeout=10)
