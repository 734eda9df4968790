# -*- coding: utf-8 -*-
# Copyright (c) mainframe.passticket contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!
"""The injectable TSO command runner (z/OS side: standard library only).

``TsoRunner(run_command)`` runs RACF commands and returns ``TsoResult``s whose
every field is masked: a registered secret never leaves the runner.

- A command carries its transport. A ``SecretCommand`` (the mark the
  renderers of ``KEYMASKED(...)``, ``KEYENCRYPTED(...)`` and ``PASSWORD(...)``
  put on their images, see ``_racf.grammar``) runs through the RACF exec: argv
  ``[exec]`` with the command on the first line of stdin, so the secret is in
  no process's argv, whether or not the caller registered it. The exec is
  ``$PASSTICKET_RACF_EXEC`` or the bundled REXX exec written to a private
  (0700) directory, removed by ``close()`` or at exit.
- Any other command runs as argv ``["tsocmd", command]`` (never a shell), with
  stdin from ``/dev/null`` (tsocmd may queue its stdin as TSO input). Fail
  closed: tsocmd never gets a ``SecretCommand``, nor an unmarked command that
  holds a registered secret (a renderer that forgot the mark); both raise
  ``SecretTransportError``, whose text holds no secret.
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

from ansible_collections.mainframe.passticket.plugins.module_utils._racf.messages import message_id
from ansible_collections.mainframe.passticket.plugins.module_utils._zos.exec_file import exec_path
from ansible_collections.mainframe.passticket.plugins.module_utils._zos.racf_exec import RACF_EXEC_ENV, RACF_EXEC_SOURCE

MASK = "********"
TSOCMD = "tsocmd"
# operands whose value is a secret: masked in every image shown, registered or not
_SECRET_OPERAND = re.compile(r"\b(KEYMASKED|KEYENCRYPTED|PASSWORD|PHRASE)(\s*\()([^)]*)(\))", re.IGNORECASE)

# z/OS UNIX: let the C runtime convert tagged text on pipes (as IBM's own
# collections do); harmless elsewhere.
ZOS_ENVIRONMENT = {
    "_BPXK_AUTOCVT": "ON",
    "_CEE_RUNOPTS": "FILETAG(AUTOCVT,AUTOTAG) POSIX(ON)",
    "_TAG_REDIR_ERR": "txt",
    "_TAG_REDIR_IN": "txt",
    "_TAG_REDIR_OUT": "txt",
}


class SecretCommand(str):
    """A command image that carries a secret operand (``KEYMASKED``, ``KEYENCRYPTED``, ``PASSWORD``).

    The renderer that puts a secret into an image returns it as a
    ``SecretCommand`` (``_racf.grammar.secret_command``); the runner sends such
    a command only through the RACF exec (stdin, never argv) and refuses to
    give it to tsocmd.
    """

    __slots__ = ()
    carries_secret = True


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


class SecretTransportError(Exception):
    """A command holding a secret was about to go to tsocmd (its argv is public); nothing was run."""


def mask_secret_operands(image):
    """``image`` with the value of every KEYMASKED, KEYENCRYPTED, PASSWORD and PHRASE operand masked."""
    return _SECRET_OPERAND.sub(lambda match: match.group(1) + match.group(2) + MASK + match.group(4), image)


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
        """Run one command image by its transport; return its masked TsoResult."""
        masked_command = self.mask(mask_secret_operands(command))
        if isinstance(command, SecretCommand):
            self.issued.append(masked_command)
            rc, stdout, stderr = self._run_command([self._racf_exec()], data=str(command))
        else:
            rc, stdout, stderr = self._tsocmd(command, masked_command)
        lines = [self.mask(line) for line in (stdout or "").splitlines()]
        lines.extend(self._stderr_without_echo(stderr, command))
        result = TsoResult.from_lines(masked_command, rc, lines)
        self.results.append(result)
        return result

    def _tsocmd(self, command, masked_command):
        """Run ``tsocmd command``: never for a command that holds a secret."""
        if isinstance(command, SecretCommand) or self._carries_secret(command) or masked_command != command:
            raise SecretTransportError(
                "refused to run a command holding a secret through tsocmd, whose argument any user can see: "
                "{0!r}; a command with a secret operand must be rendered as a SecretCommand, which runs through "
                "the RACF exec".format(masked_command)
            )
        self.issued.append(masked_command)
        return self._run_command([TSOCMD, command])

    def run_exec(self, argv, stdin_text):
        """Run an exec (the ICSF exec) with ``stdin_text`` as its standard input.

        Returns ``(rc, stdout lines)``, masked, trailing blanks stripped. Masked
        stderr lines are kept in ``last_exec_stderr`` for diagnostics.
        """
        rc, stdout, stderr = self._run_command(list(argv), data=stdin_text)
        self.last_exec_stderr = [self.mask(line).rstrip() for line in (stderr or "").splitlines() if line.strip()]
        return rc, [self.mask(line).rstrip() for line in (stdout or "").splitlines()]

    last_exec_stderr = ()

    def run_command(self, argv, data=None):
        """The injected ``run_command`` itself: ``(rc, stdout, stderr)``, unmasked (e.g. to tag a file)."""
        return self._run_command(list(argv), data=data)

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
            self._racf_exec_path = self._cleanup.enter_context(
                exec_path(RACF_EXEC_ENV, RACF_EXEC_SOURCE, "racfexec.rexx", self._env, run_command=self._run_command)
            )
            atexit.register(self.close)
        return self._racf_exec_path

    def close(self):
        """Remove the bundled RACF exec, if it was written (also done at exit)."""
        self._cleanup.close()
        self._racf_exec_path = None


@contextlib.contextmanager
def stdin_from_devnull():
    """Point this process's fd 0 at /dev/null while a child that inherits it starts and runs."""
    try:
        saved = os.dup(0)
    except OSError:  # fd 0 closed
        saved = None
    devnull = os.open(os.devnull, os.O_RDONLY)
    try:
        os.dup2(devnull, 0)
        yield
    finally:
        if saved is None:
            os.close(0)
        else:
            os.dup2(saved, 0)
            os.close(saved)
        os.close(devnull)


def runner_for_module(module, secrets=()):
    """A TsoRunner bound to ``module.run_command`` (no shell).

    Every secret registered with the runner is also added to
    ``module.no_log_values``.
    """

    def run_command(argv, data=None):
        if data is None:
            # tsocmd may queue its stdin as TSO input: give it /dev/null
            with stdin_from_devnull():
                return module.run_command(argv, use_unsafe_shell=False, environ_update=dict(ZOS_ENVIRONMENT))
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
