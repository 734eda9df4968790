#!/usr/bin/env python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Benchmark of the PassTicket engine against the floor measured in the same run.

The floor is the cost of the primitive operations one ticket needs, done the
fastest way the libraries allow and with nothing else around them:

- enhanced: 7 HMAC-SHA-512 computations (1 over U||A, 6 round messages), the
  fastest of: cryptography's HMAC with a copied keyed state, the standard
  library with precomputed inner/outer SHA-512 states, one-shot ``hmac.digest``;
- legacy: 8 DES block operations (2 for R1/R2, 6 time-coder rounds) on one
  reused ECB encryptor context.

The engine caches what does not depend on the time (key schedule, keyed HMAC
state, D / R3), so a ticket from a cached generator needs only 6 of those
operations; "us/ticket" is that case and "ratio" is us/ticket / floor. The
"cold" column builds a new generator per ticket (what a one-term lookup call
does: it pays the key schedule and the time-independent steps). The "4,000
users" column is ``PassTicketKey.tickets`` for 4,000 users at once (what one
lookup call with 4,000 terms does: one key schedule, then 7 HMAC or 8 DES per
ticket), and its ratio to the floor. The "verify" column is the worst case of
checking a ticket across a +-600-second window (a well-formed ticket that no
second produces). The lookup's own cost, measured inside a playbook run, is
bench_passticket_lookup.py.

Every timing is the best of many short batches of process CPU time, floor and
engine interleaved, so other jobs on the machine disturb both alike and little.
Run: ``make bench``. Prints; asserts nothing.
"""

import hashlib
import hmac
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "plugins", "plugin_utils"))

import _passticket as engine  # noqa: E402 pylint: disable=wrong-import-position

USER, APPL, WHEN, WINDOW = "HOSTUSR", "IOSHMCSM", 1700000000, 600
MANY_USERS = 4000
ENHANCED_KEY = bytes(range(64))
LEGACY_KEY = bytes.fromhex("0123456789ABCDEF")
ROUND_MESSAGE = b"\x00\x01\x02\x03" + bytes(16)  # 20 bytes, as in every round
USER_APPL = bytes(16)
MESSAGES = (USER_APPL,) + (ROUND_MESSAGE,) * 6


def best_per_call(functions, number, runs):
    """{name: best CPU seconds per call}, running the functions interleaved in short batches.

    CPU time of this process (not wall time), so other jobs on the machine
    cost as little as possible; the best batch is the least disturbed one.
    """
    best = dict.fromkeys(functions, float("inf"))
    for _run in range(runs):
        for name, function in functions.items():
            start = time.process_time()
            for _call in range(number):
                function()
            best[name] = min(best[name], (time.process_time() - start) / number)
    return best


def hmac_floor_candidates(tickets=1):
    """Ways to compute the 7 HMACs of ``tickets`` tickets, as zero-argument callables.

    The floor of an enhanced ticket, also measured inside the playbook run of
    bench_passticket_lookup.py (over the 4,000 tickets of one lookup call).
    """
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.hmac import HMAC

    keyed = HMAC(ENHANCED_KEY, hashes.SHA512())
    count = range(tickets)

    def cryptography_copy():
        for _ticket in count:
            for message in MESSAGES:
                mac = keyed.copy()
                mac.update(message)
                mac.finalize()

    padded = ENHANCED_KEY.ljust(128, b"\0")
    inner_state = hashlib.sha512(bytes(b ^ 0x36 for b in padded))
    outer_state = hashlib.sha512(bytes(b ^ 0x5C for b in padded))

    def hashlib_states():
        for _ticket in count:
            for message in MESSAGES:
                inner = inner_state.copy()
                inner.update(message)
                outer = outer_state.copy()
                outer.update(inner.digest())
                outer.digest()

    def hmac_one_shot():
        for _ticket in count:
            for message in MESSAGES:
                hmac.digest(ENHANCED_KEY, message, hashlib.sha512)

    return {
        "cryptography HMAC.copy": cryptography_copy,
        "hashlib precomputed states": hashlib_states,
        "hmac.digest one-shot": hmac_one_shot,
    }


def des_floor():
    des = engine.des_block_function(LEGACY_KEY)
    blocks = [bytes((i,)) * 8 for i in range(8)]

    def eight_blocks():
        for block in blocks:
            des(block)

    return eight_blocks


def main():
    number = int(os.environ.get("BENCH_NUMBER", "200"))
    runs = int(os.environ.get("BENCH_RUNS", "100"))
    keys = {engine.ENHANCED: ENHANCED_KEY.hex(), engine.LEGACY: LEGACY_KEY.hex()}
    generators = dict((a, engine.PassTicketGenerator(USER, APPL, keys[a], a, engine.UPPER)) for a in keys)
    absent = "ZZZZZZZZ"  # a well-formed ticket no second in the window produces
    for generator in generators.values():
        assert generator.evaluate(absent, WHEN, WINDOW) is None

    hmac_candidates = hmac_floor_candidates()
    functions = dict(("floor " + name, f) for name, f in hmac_candidates.items())
    functions["floor legacy"] = des_floor()
    for algorithm, generator in generators.items():
        functions["warm " + algorithm] = lambda g=generator: g.generate(WHEN)
        functions["cold " + algorithm] = lambda a=algorithm: engine.generate(USER, APPL, keys[a], WHEN, a, engine.UPPER)
    best = best_per_call(functions, number, runs)
    verify = best_per_call(
        dict((a, lambda g=g: g.evaluate(absent, WHEN, WINDOW)) for a, g in generators.items()), 1, 25
    )
    users = ["U%07d" % number for number in range(MANY_USERS)]
    many = best_per_call(
        dict((a, lambda a=a: engine.PassTicketKey(keys[a], a).tickets(users, APPL, WHEN, engine.UPPER)) for a in keys),
        1,
        int(os.environ.get("BENCH_MANY_RUNS", "10")),
    )

    floor_name = min(hmac_candidates, key=lambda name: best["floor " + name])
    floors = {
        engine.ENHANCED: (best["floor " + floor_name], "7 x HMAC-SHA-512 (%s)" % floor_name),
        engine.LEGACY: (best["floor legacy"], "8 x DES block (one ECB context)"),
    }
    print("PassTicket engine benchmark (Python %s, %s)" % (sys.version.split()[0], sys.platform))
    print()
    header = (
        "| algorithm | us/ticket | floor us | ratio | cold us/ticket | 4,000 users, us/ticket | ratio "
        "| verify +-600 s, us | floor = |"
    )
    print(header)
    print("|" + "---|" * (header.count("|") - 1))
    for algorithm in (engine.LEGACY, engine.ENHANCED):
        warm, cold = best["warm " + algorithm], best["cold " + algorithm]
        floor, floor_what = floors[algorithm]
        batch = many[algorithm] / MANY_USERS
        print(
            "| %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.0f | %s |"
            % (
                algorithm,
                warm * 1e6,
                floor * 1e6,
                warm / floor,
                cold * 1e6,
                batch * 1e6,
                batch / floor,
                verify[algorithm] * 1e6,
                floor_what,
            )
        )
    print()
    print(
        "HMAC floor candidates (7 computations, us): "
        + ", ".join(
            "%s %.2f" % (name, best["floor " + name] * 1e6)
            for name in sorted(hmac_candidates, key=lambda n: best["floor " + n])
        )
    )


if __name__ == "__main__":
    main()
