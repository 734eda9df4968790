"""A start line for concurrent creates on a simulated host (test infrastructure, not part of the simulator).

Usage (through the wrappers ``overlapping_runs`` writes): ``gate.py SHIM [ARGS...]``
with ``RACE_GATE_DIR`` (a directory per host) and ``RACE_GATE_VERBS`` (e.g.
``ADDUSER RDEFINE IMPORT``) in the environment. A command of a gated verb waits
until a second command of the same verb has arrived on this host (at most
``RACE_GATE_TIMEOUT`` seconds), then both run the simulator's real shim
(``RACE_GATE_SIM_BIN/SHIM``). Two runs that both read "absent" therefore both
issue their create, as two overlapping jobs on z/OS can: one is refused as
RACF or ICSF refuse a create of an existing object. The gate never changes a
command or an answer; everything else passes straight through.
"""

import os
import subprocess
import sys
import time


def _reads_stdin(shim, args):
    """Whether the shim takes input on stdin (only then is it read and passed on; otherwise stdin is inherited)."""
    if shim == "racfexec":
        return True
    if shim == "icsfhmac":
        return not args or args[0].upper() in ("IMPORT", "REPLACE")
    return False


def _verb(shim, args, stdin_text):
    if shim == "tsocmd":
        words = " ".join(args).split()
    elif shim == "icsfhmac" and args:
        words = args
    elif stdin_text:  # racfexec, and an ICSF exec that reads "VERB LABEL" from its first stdin line
        words = stdin_text.splitlines()[0].split()
    else:
        words = []
    return words[0].upper() if words else ""


def _wait_for_partner(gate_dir, verb, timeout):
    os.makedirs(gate_dir, exist_ok=True)
    open(os.path.join(gate_dir, "{0}.{1}".format(verb, os.getpid())), "w").close()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if len([name for name in os.listdir(gate_dir) if name.startswith(verb + ".")]) >= 2:
            return
        time.sleep(0.05)


def main():
    shim, args = sys.argv[1], sys.argv[2:]
    real = os.path.join(os.environ["RACE_GATE_SIM_BIN"], shim)
    if shim not in ("tsocmd", "racfexec", "icsfhmac"):
        os.execv(sys.executable, [sys.executable, real] + args)
    stdin_text = sys.stdin.read() if _reads_stdin(shim, args) else None
    verb = _verb(shim, args, stdin_text)
    if verb in os.environ.get("RACE_GATE_VERBS", "").split():
        _wait_for_partner(os.environ["RACE_GATE_DIR"], verb, float(os.environ.get("RACE_GATE_TIMEOUT", "60")))
    proc = subprocess.run([sys.executable, real] + args, input=stdin_text, capture_output=True, text=True, check=False)
    sys.stdout.write(proc.stdout)
    sys.stderr.write(proc.stderr)
    return proc.returncode


if __name__ == "__main__":
    sys.exit(main())
