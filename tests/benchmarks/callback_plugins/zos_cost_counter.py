# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Callback of ``make bench`` (tests/benchmarks/bench_zos_cost.py); not part of the collection."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r"""
name: zos_cost_counter
type: aggregate
short_description: Counts the collection's module invocations per host
description:
  - Counts, per host, the results of tasks whose action is one of C(mainframe.passticket.*)
    that ran on the host (ok, changed or failed; skipped results are not counted; a loop counts
    each item that ran), and writes them as JSON to the file named by O(output) when the playbook ends.
  - Used only by the benchmark C(tests/benchmarks/bench_zos_cost.py).
options:
  output:
    description: 'File the counts are written to, as JSON C({"host": {"module": count}}).'
    type: path
    required: true
    env:
      - name: ZOS_COST_COUNTER_OUTPUT
"""

import collections
import json

from ansible.plugins.callback import CallbackBase

COLLECTION_PREFIX = "mainframe.passticket."


def invocations(result):
    """Module invocations one task result stands for: 1, or the loop items that were not skipped."""
    items = result.get("results")
    if isinstance(items, list):
        return sum(1 for item in items if isinstance(item, dict) and not item.get("skipped"))
    return 0 if result.get("skipped") else 1


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "zos_cost_counter"
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self):
        super(CallbackModule, self).__init__()
        self.counts = collections.defaultdict(collections.Counter)

    def _count(self, result):
        task = result._task  # pylint: disable=protected-access
        action = getattr(task, "resolved_action", None) or task.action
        if action and action.startswith(COLLECTION_PREFIX):
            host = result._host.get_name()  # pylint: disable=protected-access
            self.counts[host][action[len(COLLECTION_PREFIX):]] += invocations(result._result)  # pylint: disable=protected-access

    def v2_runner_on_ok(self, result):
        self._count(result)

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._count(result)

    def v2_playbook_on_stats(self, stats):
        with open(self.get_option("output"), "w") as handle:
            json.dump({host: dict(counter) for host, counter in self.counts.items()}, handle, sort_keys=True)
