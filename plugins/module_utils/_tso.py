# -*- coding: utf-8 -*-
# Copyright (c) mainframe.passticket contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The injectable TSO command runner (z/OS side: standard library only).

``TsoRunner(run_command)`` runs RACF commands and returns ``TsoResult``s whose
every field is masked: a registered secret never leaves the runner.

- A command image without a secret runs as argv ``["tsocmd", command]`` (never
  a shell).
- A command image carrying a registered secret (``KEYMASKED(...)``,
  ``PASSWORD(...)``) runs through the RACF exec: argv ``[exec]`` with the
  command on the first line of stdin, so the secret is in no process's argv.
  The exec is ``$PASSTICKET_RACF_EXEC`` or the bundled REXX exec written to a
  private (0700) directory, removed by ``close()`` or at exit.
- ``issued`` lists the masked command images run, ``results`` their TsoResults.
- tsocmd echoes the command to stderr. The echo is dropped; any other stderr
  line is masked and kept after the stdout lines.

``run_command(argv, data=None) -> (rc, stdout, stderr)`` is the only way out of
the process; ``runner_for_module`` binds it to ``AnsibleModule.run_command``.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import atexit
import contextlib
import os
import re
from collections import namedtuple

from ansible_collections.mainframe.passticket.plugins.module_utils._exec_file import exec_path
from ansible_collections.mainframe.passticket.plugins.module_utils._racf_exec import RACF_EXEC_ENV, RACF_EXEC_SOURCE
from ansible_collections.mainframe.passticket.plugins.module_utils._racf_messages import message_id

MASK = "********"
TSOCMD = "tsocmd"

# z/OS UNIX: let the C runtime convert tagged text on pipes (as IBM's own
# collections do); harmless elsewhere.
ZOS_ENVIRONMENT = {
    "_BPXK_AUTOCVT": "ON",
    "_CEE_RUNOPTS": "FILETAG(AUTOCVT,AUTOTAG) POSIX(ON)",
    "_TAG_REDIR_ERR": "txt",
    "_TAG_REDIR_IN": "txt",
    "_TAG_REDIR_OUT": "txt",
}


class TsoResult(namedtuple("TsoResult", ["command", "rc", "lines", "messages", "message_ids"])):
    """One command's outcome, masked.

    ``command``: the masked command image; ``rc``: its return code; ``lines``:
    output lines (trailing blanks stripped); ``messages``: the lines carrying a
    RACF/TSO message ID; ``message_ids``: those IDs, e.g. ``"ICH14063I"``.
    """

    __slots__ = ()

    @classmethod
    def from_lines(cls, command, rc, lines):
        lines = [line.rstrip() for line in lines]
        messages = []
        message_ids = []
        for line in lines:
            found = message_id(line)
            if found:
                messages.append(line.strip())
                message_ids.append(found)
        return cls(command, rc, lines, messages, message_ids)


def _normalized(text):
    return " ".join(text.split()).upper()


class TsoRunner(object):
    """Run TSO/RACF commands through an injectable ``run_command``."""

    def __init__(self, run_command, secrets=(), env=None):
        self._run_command = run_command
        self._env = os.environ if env is None else env
        self._secrets = []
        self._secret_pattern = None
        self._racf_exec_path = None
        self._cleanup = contextlib.ExitStack()
        self.issued = []
        self.results = []
        for secret in secrets:
            self.add_secret(secret)

    # -- secrets -----------------------------------------------------------
    def add_secret(self, value):
        """Register a secret: it is masked everywhere, and commands carrying it avoid argv."""
        if value is None:
            return
        text = str(value)
        if not text or text in self._secrets:
            return
        self._secrets.append(text)
        # longest first, so a secret that contains another is masked whole;
        # case-insensitive, because RACF folds what it echoes to upper case
        ordered = sorted(self._secrets, key=len, reverse=True)
        self._secret_pattern = re.compile("|".join(re.escape(secret) for secret in ordered), re.IGNORECASE)

    def mask(self, text):
        """``text`` with every registered secret replaced by MASK."""
        if text is None or self._secret_pattern is None:
            return text
        return self._secret_pattern.sub(MASK, text)

    def _carries_secret(self, text):
        return self._secret_pattern is not None and self._secret_pattern.search(text) is not None

    @property
    def messages(self):
        """The message lines of every command run, in order."""
        return [message for result in self.results for message in result.messages]

    # -- running -----------------------------------------------------------
    def run(self, command):
        """Run one command image; return its masked TsoResult."""
        masked_command = self.mask(command)
        self.issued.append(masked_command)
        if self._carries_secret(command):
            rc, stdout, stderr = self._run_command([self._racf_exec()], data=command)
        else:
            rc, stdout, stderr = self._run_command([TSOCMD, command])
        lines = [self.mask(line) for line in (stdout or "").splitlines()]
        lines.extend(self._stderr_without_echo(stderr, command))
        result = TsoResult.from_lines(masked_command, rc, lines)
        self.results.append(result)
        return result

    def run_exec(self, argv, stdin_text):
        """Run an exec (the ICSF exec) with ``stdin_text`` as its standard input.

        Returns ``(rc, stdout lines)``, masked, trailing blanks stripped. Masked
        stderr lines are kept in ``last_exec_stderr`` for diagnostics.
        """
        rc, stdout, stderr = self._run_command(list(argv), data=stdin_text)
        self.last_exec_stderr = [self.mask(line).rstrip() for line in (stderr or "").splitlines() if line.strip()]
        return rc, [self.mask(line).rstrip() for line in (stdout or "").splitlines()]

    last_exec_stderr = ()

    def _stderr_without_echo(self, stderr, command):
        echo = _normalized(command)
        kept = []
        for line in (stderr or "").splitlines():
            if not line.strip() or _normalized(line) == echo:
                continue
            kept.append(self.mask(line))
        return kept

    # -- the RACF exec -----------------------------------------------------
    def _racf_exec(self):
        if self._racf_exec_path is None:
            self._racf_exec_path = self._cleanup.enter_context(exec_path(RACF_EXEC_ENV, RACF_EXEC_SOURCE, "racfexec.rexx", self._env))
            atexit.register(self.close)
        return self._racf_exec_path

    def close(self):
        """Remove the bundled RACF exec, if it was written (also done at exit)."""
        self._cleanup.close()
        self._racf_exec_path = None


def runner_for_module(module, secrets=()):
    """A TsoRunner bound to ``module.run_command`` (no shell).

    Every secret registered with the runner is also added to
    ``module.no_log_values``.
    """

    def run_command(argv, data=None):
        return module.run_command(argv, data=data, use_unsafe_shell=False, environ_update=dict(ZOS_ENVIRONMENT))

    runner = _ModuleTsoRunner(run_command, module)
    for secret in secrets:
        runner.add_secret(secret)
    return runner


class _ModuleTsoRunner(TsoRunner):
    """A TsoRunner that also hides its secrets through ``module.no_log_values``."""

    def __init__(self, run_command, module):
        self._module = module
        super(_ModuleTsoRunner, self).__init__(run_command)

    def add_secret(self, value):
        super(_ModuleTsoRunner, self).add_secret(value)
        if value is not None and str(value):
            self._module.no_log_values.add(str(value))
