# -*- coding: utf-8 -*-
# Copyright (c) mainframe.passticket contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The ICSF HMAC key interface: bundled REXX exec and its line protocol.

Protocol (docs/architecture.md, "The z/OS process boundary"): argv
``[exec, VERB, LABEL]``; for ``IMPORT`` (and ``REPLACE``) the clear key is the
first line of stdin as hex, so it never appears in any argv. Every answer is
a stdout line ``RC=<rc> REASON=<reason> <text>`` carrying ICSF return/reason
codes:

- ``EXISTS``: ``RC=0 REASON=0 FOUND LENGTH=<bytes>`` or ``RC=8 REASON=10012 NOT FOUND``
- ``IMPORT``: ``RC=0 REASON=0 ...``; label exists: ``RC=8 REASON=3028``;
  bad key length ``RC=8 REASON=2045``
- ``REPLACE``: overwrite the token of an existing record in place
  (CSNBKRW2 ``OVERLAY``); not found ``RC=8 REASON=10012``
- ``DELETE``: ``RC=0 REASON=0 ...`` or ``RC=8 REASON=10012``

The exec is ``PASSTICKET_ICSF_EXEC`` when set (a site's audited exec, or the
simulator's), else the bundled REXX exec below, written to a private 0700
directory only the caller can read and removed afterwards.

VALIDATION STATUS: the bundled exec follows the ICSF Application Programmer's
Guide (CSNBKTB2, CSNBKPI2, CSNBKRC2, CSNBKRW2, CSNBKRR2, CSNBKRD) but has NOT
been validated on a real LPAR; the ``unsupported`` integration targets do
that. Its ``LENGTH`` is derived from the token's payload bit length and is
provisional. Callers need CSFSERV access to those services and CSFKEYS access
to the label.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import collections
import re

from ansible_collections.mainframe.passticket.plugins.module_utils._exec_file import exec_path

ICSF_EXEC_ENV = "PASSTICKET_ICSF_EXEC"

OK = (0, 0)
REASON_NOT_FOUND = 10012
REASON_LABEL_EXISTS = 3028
REASON_BAD_KEY_LENGTH = 2045

_ANSWER = re.compile(r"^\s*RC=(?P<rc>\d+)\s+REASON=(?P<reason>\d+)\s*(?P<text>.*?)\s*$")
_LENGTH = re.compile(r"\bLENGTH=(?P<length>\d+)\b")

IcsfAnswer = collections.namedtuple("IcsfAnswer", "rc reason text")


class IcsfError(Exception):
    """The ICSF exec failed or answered something unexpected (text is masked)."""

    def __init__(self, message, answer=None):
        super(IcsfError, self).__init__(message)
        self.answer = answer


def parse_answer(lines):
    """The last ``RC=.. REASON=.. text`` line of the exec's stdout."""
    for line in reversed(lines):
        match = _ANSWER.match(line)
        if match:
            return IcsfAnswer(int(match.group("rc")), int(match.group("reason")), match.group("text"))
    raise IcsfError("the ICSF exec printed no RC=/REASON= line: {0!r}".format("\n".join(lines)[-500:]))


def icsf_exec_path(environ=None):
    """Context manager yielding the ICSF exec to run: ``$PASSTICKET_ICSF_EXEC`` or the bundled exec."""
    return exec_path(ICSF_EXEC_ENV, ICSF_EXEC_SOURCE, "icsfhmac.rexx", environ)


class IcsfKeyStore:
    """HMAC key records in the CKDS, through the ICSF exec.

    ``run_exec(argv, stdin_text) -> (rc, stdout_lines)`` is injectable; the
    modules pass ``TsoRunner.run_exec``, which masks registered secrets.
    ``requests`` lists the changing requests made (``IMPORT <label>``), and
    ``messages`` their answer lines.
    """

    def __init__(self, run_exec, exec_path):
        self._run_exec = run_exec
        self._exec_path = exec_path
        self.requests = []
        self.messages = []

    def _call(self, verb, label, key_hex=None):
        dummy_rc, lines = self._run_exec([self._exec_path, verb, label], key_hex)
        return parse_answer(lines)

    @staticmethod
    def _fail(verb, label, answer):
        raise IcsfError("ICSF {0} of label {1} failed: RC={2} REASON={3} {4}".format(
            verb, label, answer.rc, answer.reason, answer.text).strip(), answer)

    def exists(self, label):
        """``{label, exists, length}``; length in bytes (None when unknown)."""
        answer = self._call("EXISTS", label)
        if (answer.rc, answer.reason) == OK:
            length = _LENGTH.search(answer.text)
            return {"label": label, "exists": True, "length": int(length.group("length")) if length else None}
        if answer.reason == REASON_NOT_FOUND:
            return {"label": label, "exists": False, "length": None}
        return self._fail("EXISTS", label, answer)

    def _change(self, verb, label, key_hex=None):
        self.requests.append(request_image(verb, label))
        answer = self._call(verb, label, key_hex)
        self.messages.append("RC={0} REASON={1} {2}".format(answer.rc, answer.reason, answer.text).strip())
        if (answer.rc, answer.reason) != OK:
            self._fail(verb, label, answer)
        return answer

    def import_key(self, label, key_hex):
        """Create the record (fails with reason 3028 when it exists)."""
        return self._change("IMPORT", label, key_hex)

    def replace_key(self, label, key_hex):
        """Overwrite the key of an existing record in place."""
        return self._change("REPLACE", label, key_hex)

    def delete(self, label):
        return self._change("DELETE", label)


def request_image(verb, label):
    """How a changing request is shown in ``commands``: ``IMPORT USRLCL.CKDS.CSM`` (the key is never part of it)."""
    return "{0} {1}".format(verb, label)


ICSF_EXEC_SOURCE = r"""/* REXX */
/* mainframe.passticket ICSF exec: HMAC key records in the CKDS.          */
/* argv: VERB LABEL   VERB = EXISTS | IMPORT | REPLACE | DELETE           */
/* IMPORT/REPLACE read the clear key (hex) from the first stdin line.     */
/* Answers one line: RC=<icsf rc> REASON=<icsf reason> <text>.            */
/* Needs validation on a real LPAR (see module_utils/_icsf.py).           */
parse arg verb label .
verb = translate(verb)
label = left(translate(label), 64)
rule_count = '00000000'x
rule_array = ''
exit_len = '00000000'x
exit_data = ''
return_code = '00000000'x
reason_code = '00000000'x

select
  when verb = 'EXISTS' then do
    token_len = d2c(725, 4)
    token = copies('00'x, 725)
    address linkpgm 'CSNBKRR2 return_code reason_code exit_len exit_data',
      'rule_count rule_array label token_len token'
    if c2d(return_code) = 0 then do
      /* payload bit length of the variable-length token (provisional)  */
      bits = c2d(substr(token, 29, 2))
      call answer 'FOUND LENGTH='bits % 8
    end
    else if c2d(reason_code) = 8 | c2d(reason_code) = 10012 then do
      reason_code = d2c(10012, 4)
      call answer 'NOT FOUND'
    end
    else call answer 'READ FAILED'
  end
  when verb = 'IMPORT' | verb = 'REPLACE' then do
    parse pull key_hex
    key_hex = strip(key_hex)
    if \datatype(key_hex, 'X') | length(key_hex) // 2 <> 0 then do
      return_code = d2c(8, 4); reason_code = d2c(2045, 4)
      call answer 'KEY IS NOT HEX'
    end
    key = x2c(key_hex)
    key_hex = ''
    if length(key) < 32 | length(key) > 256 then do
      return_code = d2c(8, 4); reason_code = d2c(2045, 4)
      call answer 'KEY LENGTH MUST BE 32 TO 256 BYTES'
    end
    /* 1. skeleton token for an HMAC MAC GENERATE key, built for key parts */
    rule_array = 'INTERNAL' || 'NO-KEY  ' || 'HMAC    ' || 'MAC     ' ||,
                 'GENERATE' || 'KEY-PART'
    rule_count = d2c(length(rule_array) % 8, 4)
    token_len = d2c(725, 4)
    token = copies('00'x, 725)
    zero = '00000000'x
    address linkpgm 'CSNBKTB2 return_code reason_code exit_len exit_data',
      'rule_count rule_array zero exit_data zero exit_data zero exit_data',
      'zero exit_data zero exit_data token_len token'
    if c2d(return_code) <> 0 then call answer 'CSNBKTB2 FAILED'
    token = left(token, c2d(token_len))
    /* 2. import the clear key as the only part, then complete it          */
    call key_part_import 'HMAC    FIRST   MIN1PART', length(key) * 8, key
    key = copies('00'x, length(key))
    if c2d(return_code) <> 0 then call answer 'CSNBKPI2 FIRST FAILED'
    call key_part_import 'HMAC    COMPLETE', 0, ''
    if c2d(return_code) <> 0 then call answer 'CSNBKPI2 COMPLETE FAILED'
    /* 3. write the CKDS record: create, or overwrite in place             */
    rule_count = '00000000'x
    if verb = 'IMPORT' then
      address linkpgm 'CSNBKRC2 return_code reason_code exit_len exit_data',
        'rule_count rule_array label token_len token'
    else do
      rule_array = 'OVERLAY '
      rule_count = d2c(1, 4)
      address linkpgm 'CSNBKRW2 return_code reason_code exit_len exit_data',
        'rule_count rule_array label token_len token'
    end
    call answer verb 'DONE'
  end
  when verb = 'DELETE' then do
    rule_array = 'LABEL   '
    rule_count = d2c(1, 4)
    address linkpgm 'CSNBKRD return_code reason_code exit_len exit_data',
      'rule_count rule_array label'
    call answer 'DELETE DONE'
  end
  otherwise do
    return_code = d2c(12, 4); reason_code = '00000000'x
    call answer 'UNKNOWN VERB' verb
  end
end
exit 0

key_part_import: procedure expose return_code reason_code exit_len,
                 exit_data token_len token
  parse arg rules, part_bits, part
  rule_array = ''
  do i = 1 to words(rules)
    rule_array = rule_array || left(word(rules, i), 8)
  end
  rule_count = d2c(words(rules), 4)
  part_bits = d2c(part_bits, 4)
  address linkpgm 'CSNBKPI2 return_code reason_code exit_len exit_data',
    'rule_count rule_array part_bits part token_len token'
  return

answer:
  say 'RC='c2d(return_code) 'REASON='c2d(reason_code) arg(1)
  if c2d(return_code) = 0 then exit 0
  exit c2d(return_code)
"""
