# -*- coding: utf-8 -*-
# Copyright (c) mainframe.passticket contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Where the bundled REXX execs (the RACF exec, the ICSF exec) run from.

z/OS side: standard library only, Python 3.9+.

A site (or the simulator) may name its own audited exec in an environment
variable; otherwise the bundled REXX source is written to a fresh directory
only the caller can read (0700), and removed when the context ends.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import contextlib
import os
import shutil
import tempfile


@contextlib.contextmanager
def exec_path(env_name, source, filename, environ=None):
    """Yield the exec to run: ``$env_name`` when set, else ``source`` written privately."""
    environ = os.environ if environ is None else environ
    configured = environ.get(env_name)
    if configured:
        yield configured
        return
    directory = tempfile.mkdtemp(prefix="passticket-exec-")  # mode 0700
    try:
        path = os.path.join(directory, filename)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o700)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(source)
        yield path
    finally:
        shutil.rmtree(directory, ignore_errors=True)
