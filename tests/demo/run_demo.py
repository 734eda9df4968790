"""``make demo``: IBM's CSM PassTicket procedure on two simulated z/OS hosts.

1. Two simulated hosts under .build/demo/: zos1 fresh, zos2 half-configured
   (PTKTDATA already active and RACLISTed, no profile).
2. A random enhanced key, kept in a 0600 extra-vars file (never on argv).
3. ``ansible-playbook mainframe.passticket.csm_hyperswap`` twice, each command
   line printed as run: after each run, each host's change record (the RACF/ICSF
   commands it received, secrets masked); the second run has none, and its recap
   shows changed=0.
4. ``zossim serve`` for zos1 on a free loopback port; the connection example
   signs on with a PassTicket from the lookup (HTTP 200), then sends the same
   ticket again and is refused (HTTP 401, replay).

Exits non-zero on any failure. Runs standalone with the venv's Python (make
demo: a venv with only ansible-core and cryptography, tests/requirements/demo.txt).
PASSTICKET_DEMO_DIR moves the demo's hosts and files elsewhere than .build/demo.
"""

import json
import os
import re
import secrets
import shlex
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
BUILD = REPO / ".build"
DEMO = Path(os.environ.get("PASSTICKET_DEMO_DIR") or BUILD / "demo").resolve()
COLLECTIONS = BUILD / "collections"
ZOSSIM = REPO / "tests" / "simulator" / "bin" / "zossim"
ANSIBLE_PLAYBOOK = Path(sys.executable).parent / "ansible-playbook"
HOSTS = {"zos1": [], "zos2": ["--ptktdata-active"]}
CHANGE_RECORD_TASK = "TASK [mainframe.passticket.passticket_setup : Change record - show it]"
HOST_RESULT_RE = re.compile(r"^ok: \[(?P<host>[^\]]+)\] => (?P<result>\{\n.*?\n\})$", re.MULTILINE | re.DOTALL)
RECAP_RE = re.compile(r"^(\S+)\s+: ok=\d+\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)", re.MULTILINE)


class DemoError(Exception):
    pass


def heading(text):
    print("\n" + "=" * 78 + "\n== " + text + "\n" + "=" * 78, flush=True)


def environment():
    env = dict(os.environ)
    env.update(
        {
            "ANSIBLE_COLLECTIONS_PATH": str(COLLECTIONS),
            "ANSIBLE_NOCOLOR": "1",
            "ANSIBLE_FORCE_COLOR": "0",
            "ANSIBLE_RETRY_FILES_ENABLED": "0",
            "ANSIBLE_HOST_KEY_CHECKING": "0",
        }
    )
    return env


def link_collection():
    namespace = COLLECTIONS / "ansible_collections" / "mainframe"
    namespace.mkdir(parents=True, exist_ok=True)
    link = namespace / "passticket"
    if not link.exists():
        link.symlink_to(REPO, target_is_directory=True)


def shown_path(path):
    """A path as the command line shows it: relative to the repository (the demo's working directory) when inside it."""
    path = Path(path)
    try:
        return str(path.relative_to(REPO))
    except ValueError:
        return str(path)


def command_line(argv, env):
    """The exact command line, as a user would type it in the repository."""
    collections = "ANSIBLE_COLLECTIONS_PATH=" + shlex.quote(shown_path(env["ANSIBLE_COLLECTIONS_PATH"]))
    words = [shown_path(arg) if isinstance(arg, Path) else str(arg) for arg in argv]
    return "$ " + collections + " " + " ".join(shlex.quote(word) for word in words)


def change_records(output):
    """{host: [lines]} of the role's change record, as the default callback prints it."""
    start = output.index(CHANGE_RECORD_TASK)
    end = output.find("\nTASK [", start + 1)
    section = output[start : end if end >= 0 else len(output)]
    return {m.group("host"): json.loads(m.group("result"))["msg"] for m in HOST_RESULT_RE.finditer(section)}


def run(argv, env, echo=True):
    proc = subprocess.run([str(a) for a in argv], env=env, capture_output=True, text=True, check=False, cwd=str(REPO))
    if echo:
        sys.stdout.write(proc.stdout)
    if proc.returncode != 0:
        if not echo:
            sys.stdout.write(proc.stdout)
        sys.stdout.write(proc.stderr)
        raise DemoError(
            "{0} exited with {1}".format(
                Path(str(argv[1] if argv[0] == sys.executable else argv[0])).name, proc.returncode
            )
        )
    return proc.stdout


def zossim(env, *args, echo=False):
    return run([sys.executable, ZOSSIM] + list(args), env, echo=echo)


def recap(output):
    """{host: changed} from a PLAY RECAP; raises when a host failed."""
    found = {
        host: (int(changed), int(unreachable), int(failed))
        for host, changed, unreachable, failed in RECAP_RE.findall(output)
    }
    if not found or any(unreachable or failed for _c, unreachable, failed in found.values()):
        raise DemoError("the play did not succeed on every host")
    return {host: counts[0] for host, counts in found.items()}


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, server, timeout=15.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise DemoError("zossim serve exited with {0}".format(server.returncode))
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise DemoError("zossim serve did not listen on port {0}".format(port))


def write_private(path, text):
    fd = os.open(str(path), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(text)


def prepare(env):
    heading("Two simulated z/OS hosts: zos1 fresh, zos2 half-configured (PTKTDATA active, no profile)")
    if DEMO.exists():
        shutil.rmtree(DEMO)
    DEMO.mkdir(parents=True)
    host_dirs = []
    for name, init_args in HOSTS.items():
        host_dir = DEMO / name
        zossim(env, "init", host_dir, *init_args)
        host_dirs.append(host_dir)
        print("{0}: {1}".format(name, host_dir))
    inventory = DEMO / "inventory.yml"
    inventory.write_text(zossim(env, "inventory", *host_dirs))
    # The operator's assertion, after checking SMP/E, that OA62931 is applied.
    settings = DEMO / "demo-vars.yml"
    settings.write_text("---\npassticket_setup_oa62931_installed: true\n")
    # The enhanced key: random, only in a file only we can read, passed as @file.
    key_file = DEMO / "passticket-key.yml"
    write_private(key_file, '---\npassticket_setup_key: "{0}"\n'.format(secrets.token_hex(64).upper()))
    print("inventory: {0}\nkey: a random 64-byte key in {1} (mode 0600)".format(inventory, key_file))
    return host_dirs, inventory, ["-e", "@" + shown_path(settings), "-e", "@" + shown_path(key_file)]


def playbook(env, name, inventory, extra, echo=True):
    argv = [ANSIBLE_PLAYBOOK, "-i", inventory, "mainframe.passticket." + name] + extra
    print(command_line(argv, env), flush=True)
    return run(argv, env, echo=echo)


def show_change_records(output, expect_commands):
    """Print each host's change record; expect_commands: whether every host should have received commands."""
    records = change_records(output)
    print("\nChange record, per host (RACF/ICSF commands received, secrets masked):")
    for host in sorted(records):
        lines = records[host]
        print("  " + lines[0])
        for line in lines[1:]:
            print("      " + line)
    if set(records) != set(HOSTS):
        raise DemoError("no change record for {0}".format(sorted(set(HOSTS) - set(records))))
    received = {host: len(lines) - 1 for host, lines in records.items()}
    if expect_commands and not all(received.values()):
        raise DemoError("a host received no command in run 1: {0}".format(received))
    if not expect_commands and any(received.values()):
        raise DemoError("run 2 issued commands: {0}".format(received))


def converge(env, inventory, extra):
    heading("Run 1: ansible-playbook mainframe.passticket.csm_hyperswap")
    output = playbook(env, "csm_hyperswap", inventory, extra)
    first = recap(output)
    if not all(first.values()):
        raise DemoError("run 1 should have changed both hosts: {0}".format(first))
    show_change_records(output, expect_commands=True)
    heading("Run 2: the same playbook again - nothing left to do")
    output = playbook(env, "csm_hyperswap", inventory, extra, echo=False)
    print(output[output.index("PLAY RECAP") :])
    second = recap(output)
    if any(second.values()):
        raise DemoError("run 2 changed something: {0}".format(second))
    show_change_records(output, expect_commands=False)
    print("Second run: changed=0 and no RACF/ICSF command on any host.")


def sign_on(env, host_dir, inventory, extra):
    port = free_port()
    heading("zos1 serves a sign-on service on 127.0.0.1:{0}; sign on with a PassTicket, then replay it".format(port))
    server = subprocess.Popen(
        [sys.executable, str(ZOSSIM), "serve", str(host_dir), "--port", str(port), "--appl", "IOSHMCSM"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for_port(port, server)
        output = playbook(
            env,
            "connect_example",
            inventory,
            extra
            + [
                "--limit",
                host_dir.name,
                "-e",
                "passticket_connect_url=http://127.0.0.1:{0}/".format(port),
                "-e",
                "passticket_connect_demonstrate_replay=true",
            ],
        )
        if "HTTP 200" not in output or "HTTP 401" not in output:
            raise DemoError("expected HTTP 200 for the sign-on and HTTP 401 for the replay")
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def main():
    started = time.monotonic()
    env = environment()
    link_collection()
    try:
        host_dirs, inventory, extra = prepare(env)
        converge(env, inventory, extra)
        sign_on(env, host_dirs[0], inventory, extra)
    except (DemoError, OSError, ValueError) as error:
        print("\nDEMO FAILED: {0}".format(error), file=sys.stderr)
        return 1
    heading("Demo complete in {0:.0f} s".format(time.monotonic() - started))
    return 0


if __name__ == "__main__":
    sys.exit(main())
