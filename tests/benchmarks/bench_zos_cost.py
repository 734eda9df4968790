#!/usr/bin/env python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What ``mainframe.passticket.csm_hyperswap`` costs a z/OS host, run after run.

On z/OS the cost of a run is the TSO commands and module invocations it needs
on each host, not the controller's seconds. This benchmark creates two
simulated hosts (``zossim``, docs/simulator.md) in a temporary directory -- one
fresh, one half-configured (PTKTDATA already active and RACLISTed) -- and runs
the playbook three times against both with a random 64-byte key kept in a 0600
extra-vars file (never on argv). Per host and per run it prints:

- module invocations: results of the collection's module tasks that ran on the
  host (ok, changed or failed; skipped ones excluded), counted by the callback
  tests/benchmarks/callback_plugins/zos_cost_counter.py;
- RACF/ICSF reads and changes, from the host's command log (``zossim log
  --json``): LISTUSER, RLIST, SETROPTS LIST, IRRXUTIL EXTRACT and ICSF
  EXISTS are reads,
  everything else is a change;
- wall-clock seconds of the whole run (both hosts; informational only).

Run: ``make bench``. Prints; asserts nothing about time. Exits non-zero when a
playbook run fails.
"""

import collections
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(REPO / "tests" / "demo"))
sys.path.insert(0, str(REPO / "tests" / "integration"))

from role_helpers import is_read, new_key, recap, write_vars  # noqa: E402 pylint: disable=wrong-import-position,import-error
from run_demo import ANSIBLE_PLAYBOOK, ZOSSIM, environment, link_collection  # noqa: E402 pylint: disable=wrong-import-position,import-error

CALLBACK = "zos_cost_counter"
HOSTS = (("zos1", "fresh", []), ("zos2", "half-configured", ["--ptktdata-active"]))
RUNS = ("first", "second", "third")
NOT_LOGGED = ("uname", "date")  # z/OS UNIX commands the prerequisites run; the simulator does not log them


def zossim(env, *args):
    return subprocess.run([sys.executable, str(ZOSSIM)] + [str(a) for a in args], env=env, capture_output=True,
                          text=True, check=True).stdout


def host_log(env, host_dir):
    return [json.loads(line) for line in zossim(env, "log", host_dir, "--json").splitlines() if line.strip()]


def bench_environment(counts_file):
    env = environment()
    env["ANSIBLE_CALLBACK_PLUGINS"] = os.pathsep.join(filter(None, [str(HERE / "callback_plugins"),
                                                                    env.get("ANSIBLE_CALLBACK_PLUGINS")]))
    env["ANSIBLE_CALLBACKS_ENABLED"] = ",".join(filter(None, [CALLBACK, env.get("ANSIBLE_CALLBACKS_ENABLED")]))
    env["ANSIBLE_STDOUT_CALLBACK"] = "ansible.builtin.default"
    env["ZOS_COST_COUNTER_OUTPUT"] = str(counts_file)
    return env


def command_kind(record):
    """'LISTUSER', 'ICSF EXISTS', 'SETROPTS LIST', 'SETROPTS CLASSACT', 'SETROPTS REFRESH', ..."""
    if record["transport"] in ("icsf", "irrxutil"):
        return record["transport"].upper() + " " + record["verb"]
    if record["verb"] == "SETROPTS":
        operands = record["command"].split()[1:]
        return "SETROPTS " + ("REFRESH" if "REFRESH" in operands else operands[0].split("(")[0]) if operands else "SETROPTS"
    return record["verb"]


def verb_summary(records):
    """'LISTUSER x2, SETROPTS LIST, ICSF EXISTS' -- the kinds of the records, in order of first appearance."""
    verbs = collections.Counter(command_kind(record) for record in records)
    return ", ".join(verb if n == 1 else "%s x%d" % (verb, n) for verb, n in verbs.items())


def cell(records):
    return "%d (%s)" % (len(records), verb_summary(records)) if records else "0"


def run_playbook(env, inventory, extra, counts_file):
    """Runs the playbook once; returns (seconds, {host: {module: count}}). Raises RuntimeError on failure."""
    if counts_file.exists():
        counts_file.unlink()
    started = time.monotonic()
    proc = subprocess.run([str(ANSIBLE_PLAYBOOK), "-i", str(inventory), "mainframe.passticket.csm_hyperswap"] + extra,
                          env=env, capture_output=True, text=True, check=False)
    seconds = time.monotonic() - started
    hosts = recap(proc.stdout)
    if proc.returncode != 0 or not hosts or any(h["failed"] or h["unreachable"] for h in hosts.values()):
        sys.stdout.write(proc.stdout + proc.stderr)
        raise RuntimeError("ansible-playbook exited with %d" % proc.returncode)
    if not counts_file.exists():
        raise RuntimeError("the %s callback wrote no counts (%s)" % (CALLBACK, counts_file))
    return seconds, json.loads(counts_file.read_text())


def measure(workdir):
    env = bench_environment(workdir / "counts.json")
    host_dirs = {}
    for name, _label, init_args in HOSTS:
        host_dirs[name] = workdir / name
        zossim(env, "init", host_dirs[name], *init_args)
    inventory = workdir / "inventory.yml"
    inventory.write_text(zossim(env, "inventory", *host_dirs.values()))
    extra = write_vars(workdir, key=new_key())
    rows = []
    seen = dict.fromkeys(host_dirs, 0)
    for run in RUNS:
        seconds, counts = run_playbook(env, inventory, extra, workdir / "counts.json")
        for name, label, _init_args in HOSTS:
            records = host_log(env, host_dirs[name])
            new, seen[name] = records[seen[name]:], len(records)
            modules = counts.get(name, {})
            rows.append(("%s (%s)" % (name, label), run, sum(modules.values()), ", ".join(sorted(modules)),
                         cell([r for r in new if is_read(r)]), cell([r for r in new if not is_read(r)]), seconds))
    return sorted(rows, key=lambda row: (row[0], RUNS.index(row[1])))


def main():
    link_collection()
    with tempfile.TemporaryDirectory(prefix="bench-zos-cost-") as tmp:
        try:
            rows = measure(Path(tmp))
        except (RuntimeError, OSError, subprocess.CalledProcessError) as error:
            print("BENCHMARK FAILED: %s" % error, file=sys.stderr)
            return 1
    print("z/OS cost of mainframe.passticket.csm_hyperswap, per host and run (simulated hosts)")
    print()
    print("Counted: module invocations of the collection's modules that ran on the host (skipped tasks excluded);")
    print("RACF/ICSF commands from the host's log (reads: LISTUSER, RLIST, SETROPTS LIST, IRRXUTIL EXTRACT, ICSF EXISTS; changes:")
    print("everything else). Not counted: the z/OS UNIX commands %s (the simulator does not log them)." % " and ".join(NOT_LOGGED))
    print("On z/OS the counts are what matter; seconds are the whole run on this controller, informational only.")
    print()
    header = "| host | run | module invocations | RACF/ICSF reads | RACF/ICSF changes | run seconds (both hosts) |"
    print(header)
    print("|" + "---|" * (header.count("|") - 1))
    for host, run, invoked, modules, reads, changes, seconds in rows:
        print("| %s | %s | %d (%s) | %s | %s | %.1f |" % (host, run, invoked, modules, reads, changes, seconds))
    return 0


if __name__ == "__main__":
    sys.exit(main())
