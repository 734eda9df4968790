# -*- coding: utf-8 -*-
# Copyright (c) mainframe.passticket contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action plugin of ``mainframe.passticket.passticket_info``.

Fills ``controller_time`` with the controller's UTC clock (epoch seconds) when
the task omits it, then runs the module on the host, so the module can report
``clock_difference`` (host minus controller).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import time

from ansible.plugins.action import ActionBase

MODULE = "mainframe.passticket.passticket_info"


class ActionModule(ActionBase):
    TRANSFERS_FILES = False
    _supports_check_mode = True
    _supports_async = False

    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        del tmp
        module_args = dict(self._task.args)
        if module_args.get("controller_time") is None:
            module_args["controller_time"] = int(time.time())
        result.update(self._execute_module(module_name=MODULE, module_args=module_args, task_vars=task_vars))
        return result
