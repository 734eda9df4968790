#!/usr/bin/env python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The lookup's own cost per enhanced ticket against the floor, measured inside one ``ansible-playbook`` run.

One run of tests/benchmarks/passticket_lookup.yml on localhost. Each round is
one loop item of one task, templated in one worker process; the CPU time of
the templating thread is read (the bench-only lookup
tests/benchmarks/lookup_plugins/passticket_bench.py) between:

- ``query('mainframe.passticket.passticket', *users)``: 4,000 users in one
  lookup call, the key from the variable ``passticket_setup_key``;
- ``query('ansible.builtin.items', *users)`` on the same 4,000 terms:
  Ansible's own cost per term (the Jinja call, the terms, the result);

in the order lookup, items, items, lookup, after a first expansion of the
terms that is not timed (the first in a template costs Ansible some 7 us
more per term, resolving the lazy list). Then, in the same process, the
floor (7 HMAC-SHA-512 per ticket with the key state prepared once, the
fastest of the candidates of bench_passticket.py, over 4,000 tickets) and the
engine alone (``PassTicketKey.tickets`` on the 4,000 users).

The lookup's own cost per ticket is (best lookup time - best items time) /
4,000; the ratio is that over the best floor. Odd rounds make TYPE(UPPER)
tickets for IOSHMCSM (CSM), even rounds TYPE(MIXED) tickets for IZUDFLT.
Best of the rounds, CPU time, so that other jobs on the machine disturb little.

Run: ``make bench``. Prints a markdown table; asserts nothing about time.
BENCH_LOOKUP_USERS (default 4000) and BENCH_LOOKUP_ROUNDS (default 20) change
the size. Exits non-zero when the playbook fails.
"""

import json
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(REPO / "tests" / "demo"))

from run_demo import (
    ANSIBLE_PLAYBOOK,
    environment,
    link_collection,
)  # noqa: E402 pylint: disable=wrong-import-position,import-error

PLAYBOOK = HERE / "passticket_lookup.yml"
KEY = bytes(range(64)).hex()  # the specification's calibration key: a benchmark needs no secret
TARGET = 1.2
VARIANTS = ({"type": "upper", "appl": "IOSHMCSM"}, {"type": "mixed", "appl": "IZUDFLT"})


def run_playbook(workdir, users, rounds):
    """The rounds' measurements: [{'variant':..., 'lookup': [s, s], 'items': [s, s], 'floor': {...}, 'engine': s}]."""
    variables = workdir / "bench-vars.json"
    variables.write_text(
        json.dumps(
            {
                "bench_users": ["U%07d" % number for number in range(users)],
                "bench_rounds": [VARIANTS[number % len(VARIANTS)] for number in range(rounds)],
                "passticket_setup_key": KEY,
            }
        )
    )
    output = workdir / "rounds.json"
    env = environment()
    env.update({"ANSIBLE_LOCALHOST_WARNING": "0", "ANSIBLE_INVENTORY_UNPARSED_WARNING": "0"})
    proc = subprocess.run(
        [
            str(ANSIBLE_PLAYBOOK),
            str(PLAYBOOK),
            "-e",
            "bench_vars_file=%s" % variables,
            "-e",
            "bench_output=%s" % output,
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        cwd=str(workdir),
    )
    if proc.returncode != 0:
        sys.stdout.write(proc.stdout[-4000:] + proc.stderr[-4000:])
        raise RuntimeError("ansible-playbook exited with %d" % proc.returncode)
    rounds_out = []
    for number, measured in enumerate(json.loads(output.read_text())):
        warm, clock0, tickets1, clock1, items1, clock2, items2, clock3, tickets2, clock4, floor, engine = measured
        if not warm == tickets1 == tickets2 == items1 == items2 == users:
            raise RuntimeError(
                "a round returned %r results for %d terms" % ((tickets1, items1, items2, tickets2), users)
            )
        rounds_out.append(
            {
                "variant": VARIANTS[number % len(VARIANTS)]["type"],
                "lookup": [clock1 - clock0, clock4 - clock3],
                "items": [clock2 - clock1, clock3 - clock2],
                "floor": floor,
                "engine": engine,
            }
        )
    return rounds_out


def summary(rounds, users):
    """{variant: figures in seconds per ticket}, and the floor's best candidate."""
    floor_candidates = {}
    for measured in rounds:
        for name, seconds in measured["floor"].items():
            floor_candidates[name] = min(seconds, floor_candidates.get(name, float("inf")))
    floor_name = min(floor_candidates, key=floor_candidates.get)
    figures = {}
    for variant in sorted(set(measured["variant"] for measured in rounds), key=lambda v: v != "upper"):
        mine = [measured for measured in rounds if measured["variant"] == variant]
        lookup = min(min(measured["lookup"]) for measured in mine) / users
        items = min(min(measured["items"]) for measured in mine) / users
        figures[variant] = {
            "lookup": lookup,
            "items": items,
            "own": lookup - items,
            "engine": min(measured["engine"] for measured in mine),
        }
    return figures, floor_name, floor_candidates


def core_version():
    out = subprocess.run([str(ANSIBLE_PLAYBOOK), "--version"], capture_output=True, text=True, check=False).stdout
    return out.split("\n")[0].split("core ")[-1].rstrip("]") if out else "?"


def print_table(figures, floor_name, floor_candidates, users, rounds):
    floor = floor_candidates[floor_name]
    us = 1e6
    print(
        "PassTicket lookup against the floor, in one ansible-playbook run (ansible-core %s, Python %s, %s)"
        % (core_version(), platform.python_version(), sys.platform)
    )
    print()
    print(
        "%d users in one lookup call; best of %d rounds (half TYPE(UPPER) for IOSHMCSM, half TYPE(MIXED) for IZUDFLT);"
        % (users, rounds)
    )
    print("CPU time of the templating thread, microseconds per ticket (per term).")
    print()
    header = "| measure | TYPE(UPPER) us | x floor | TYPE(MIXED) us | x floor |"
    print(header)
    print("|" + "---|" * (header.count("|") - 1))
    rows = (
        ("floor: 7 x HMAC-SHA-512, key state prepared once (%s)" % floor_name, None),
        (
            (
                "lookup, per term (4,000 users in one call)"
                if users == 4000
                else "lookup, per term (%d users in one call)" % users
            ),
            "lookup",
        ),
        ("ansible.builtin.items on the same terms, per term (Ansible's own cost)", "items"),
        ("**lookup's own cost per ticket** (lookup - items)", "own"),
        ("engine alone (PassTicketKey.tickets, same process)", "engine"),
    )
    for label, key in rows:
        cells = []
        for variant in ("upper", "mixed"):
            if key is None:
                cells += ["%.2f" % (floor * us), "1.00"]
            elif variant in figures:
                value = figures[variant][key]
                ratio = "%.2f" % (value / floor) if key in ("own", "engine") else ""
                cells += ["%.2f" % (value * us), ratio]
            else:
                cells += ["", ""]
        print("| %s | %s |" % (label, " | ".join(cells)))
    print()
    print(
        "Floor candidates (7 HMAC-SHA-512, us per ticket): "
        + ", ".join(
            "%s %.2f" % (name, floor_candidates[name] * us)
            for name in sorted(floor_candidates, key=floor_candidates.get)
        )
    )
    worst = max(figures[variant]["own"] / floor for variant in figures)
    print(
        "Target: the lookup's own cost per enhanced ticket <= %.1f x the floor: %s (worst %.2f)."
        % (TARGET, "met" if worst <= TARGET else "NOT met", worst)
    )


def main():
    users = int(os.environ.get("BENCH_LOOKUP_USERS", "4000"))
    rounds = int(os.environ.get("BENCH_LOOKUP_ROUNDS", "20"))
    link_collection()
    with tempfile.TemporaryDirectory(prefix="bench-passticket-lookup-") as tmp:
        try:
            measured = run_playbook(Path(tmp), users, rounds)
        except (RuntimeError, OSError, ValueError, KeyError) as error:
            print("BENCHMARK FAILED: %s" % error, file=sys.stderr)
            return 1
    figures, floor_name, floor_candidates = summary(measured, users)
    print_table(figures, floor_name, floor_candidates, users, rounds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
