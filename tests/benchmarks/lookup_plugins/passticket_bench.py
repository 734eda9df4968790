# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Lookup of ``make bench`` (tests/benchmarks/bench_passticket_lookup.py); not part of the collection."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: passticket_bench
short_description: Clock and reference measurements for the PassTicket lookup benchmark
description:
  - C(clock) returns the CPU time of the calling thread, in seconds (C(time.thread_time)), so that a template can
    time the lookups between two calls.
  - C(floor) returns, for each way of computing the 7 HMAC-SHA-512 of an enhanced ticket with the key state
    prepared once (the candidates of C(tests/benchmarks/bench_passticket.py)), the CPU seconds per ticket over
    O(count) tickets.
  - C(engine) returns the CPU seconds per ticket of the engine alone (C(PassTicketKey.tickets)) for the users
    given as the other terms.
  - Used only by the benchmark C(tests/benchmarks/bench_passticket_lookup.py), inside the playbook run it measures.
options:
  _terms:
    description: C(clock), C(floor), or C(engine) followed by the user IDs.
    required: true
  count:
    description: Tickets the floor is measured over.
    type: int
    default: 4000
  key:
    description: Hex key for C(engine).
    type: str
  appl:
    description: Application name for C(engine).
    type: str
    default: IOSHMCSM
  type:
    description: PassTicket type for C(engine).
    type: str
    default: upper
"""

import os
import sys
import time

from ansible.errors import AnsibleLookupError
from ansible.plugins.lookup import LookupBase

from ansible_collections.mainframe.passticket.plugins.plugin_utils._passticket import PassTicketKey

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from bench_passticket import hmac_floor_candidates  # noqa: E402 pylint: disable=wrong-import-position,import-error

WHEN = 1700000000


def cpu_seconds(function, *args):
    started = time.thread_time()
    function(*args)
    return time.thread_time() - started


class LookupModule(LookupBase):
    def run(self, terms, variables=None, **kwargs):
        self.set_options(var_options=variables, direct=kwargs)
        what = terms[0] if terms else None
        if what == "clock":
            return [time.thread_time()]
        if what == "floor":
            count = self.get_option("count")
            floor = {}
            for name, tickets in hmac_floor_candidates(count).items():
                floor[name] = cpu_seconds(tickets) / count
            return [floor]
        if what == "engine":
            users = list(terms[1:])
            key = PassTicketKey(self.get_option("key"))
            seconds = cpu_seconds(key.tickets, users, self.get_option("appl"), WHEN, self.get_option("type"))
            return [seconds / max(len(users), 1)]
        raise AnsibleLookupError("passticket_bench: the first term is clock, floor or engine, not %r" % (what,))
