# -*- coding: utf-8 -*-
# Copyright (c) mainframe.passticket contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!
"""The ICSF HMAC key interface: the bundled REXX exec and its line protocol.

Protocol (docs/reference/zos-execs.md): the exec takes no arguments; all its
input is on standard input, so nothing (least of all the key) is in any argv:

- line 1: ``VERB LABEL``, VERB one of EXISTS, IMPORT, REPLACE, DELETE;
- line 2 (IMPORT, REPLACE): the clear key in hex.

It answers one stdout line ``RC=<rc> REASON=<reason> <text>`` with ICSF's
return and reason codes, and exits with the return code:

- ``EXISTS``: ``RC=0 REASON=0 FOUND MINLENGTH=<n> MAXLENGTH=<m>`` (the key
  length window the token allows, see ``length_window``), ``FOUND LENGTH
  UNKNOWN``, ``RC=0 REASON=8 FOUND NULL TOKEN``, or ``RC=8 REASON=10012 NOT
  FOUND``.
- ``IMPORT``: ``RC=0 REASON=0 IMPORTED``; label exists: ``RC=8 REASON=16036``.
- ``REPLACE``: read the old token (CSNBKRR2), build the new one, delete the
  record (CSNBKRD LABEL-DL), create it (CSNBKRC2); if the create fails, the
  old token is written back (``OLD KEY RESTORED``). Not found: 8/10012.
- ``DELETE``: ``RC=0 REASON=0 DELETED`` or ``RC=8 REASON=10012 NOT FOUND``.
- Refused before any ICSF call: key not hex (``RC=8 REASON=0``), key not 32
  to 256 bytes (``_racf.grammar.ENHANCED_KEY_BYTES``; ``RC=8 REASON=72``,
  ICSF's "length parameter invalid").

The key record as a resource table and its planner are in
``_resources.icsf_hmac_key``; this file is the transport.

The exec is ``PASSTICKET_ICSF_EXEC`` when set (a site's audited exec, or the
simulator's), else the bundled ``ICSF_EXEC_SOURCE`` below, written to a
private 0700 directory only the caller can read and removed afterwards.

VALIDATION STATUS: the exec runs in the tests under Regina REXX against
stand-ins that enforce the parameter lists IBM documents (tests/rexx); what
is still to be proven on an LPAR is listed in docs/reference/zos-execs.md and
exercised by the ``unsupported`` integration targets. Callers need CSFSERV
access to the services and CSFKEYS access to the label.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import collections
import re

from ansible_collections.mainframe.passticket.plugins.module_utils._racf.grammar import ENHANCED_KEY_BYTES
from ansible_collections.mainframe.passticket.plugins.module_utils._zos.exec_file import exec_path

ICSF_EXEC_ENV = "PASSTICKET_ICSF_EXEC"

OK = (0, 0)
REASON_NULL_TOKEN = 8
REASON_CLEAR_TOKEN = 2078
REASON_NOT_FOUND = 10012
REASON_LABEL_EXISTS = 16036
REASON_BAD_KEY_LENGTH = 72  # the exec refuses a key of the wrong length before ICSF
# CSNBKRR2 answers meaning "the label exists": token, null token, clear-key token
FOUND_ANSWERS = ((0, 0), (0, REASON_NULL_TOKEN), (4, REASON_CLEAR_TOKEN))
# what CCA's HMAC token allows: 80 to 2048 bits [S36, S32]
MIN_HMAC_BYTES = 10
MAX_HMAC_BYTES = 256

_ANSWER = re.compile(r"^\s*RC=(?P<rc>\d+)\s+REASON=(?P<reason>\d+)\s*(?P<text>.*?)\s*$")
_WINDOW = re.compile(r"\bMINLENGTH=(?P<low>\d+)\s+MAXLENGTH=(?P<high>\d+)\b")

IcsfAnswer = collections.namedtuple("IcsfAnswer", "rc reason text")


class IcsfError(Exception):
    """The ICSF exec failed or answered something unexpected (text is masked)."""

    def __init__(self, message, answer=None):
        super(IcsfError, self).__init__(message)
        self.answer = answer


def payload_bits(key_bytes):
    """Payload bit length of an encrypted V0 HMAC token for a key of ``key_bytes``: roundup64(8N + 32) + 320."""
    return (8 * key_bytes + 32 + 63) // 64 * 64 + 320


def length_window(bits):
    """The key lengths in bytes an encrypted V0 HMAC payload of ``bits`` allows: ``(min, max)``, an 8-byte window."""
    return max(MIN_HMAC_BYTES, (bits - 416) // 8 + 1), min(MAX_HMAC_BYTES, (bits - 352) // 8)


def parse_answer(lines):
    """The last ``RC=.. REASON=.. text`` line of the exec's stdout."""
    for line in reversed(lines):
        match = _ANSWER.match(line)
        if match:
            return IcsfAnswer(int(match.group("rc")), int(match.group("reason")), match.group("text"))
    raise IcsfError("the ICSF exec printed no RC=/REASON= line: {0!r}".format("\n".join(lines)[-500:]))


def icsf_exec_path(environ=None, run_command=None):
    """Context manager yielding the ICSF exec to run: ``$PASSTICKET_ICSF_EXEC`` or the bundled exec.

    ``run_command`` (e.g. ``TsoRunner.run_command``) tags the written exec on z/OS.
    """
    return exec_path(ICSF_EXEC_ENV, ICSF_EXEC_SOURCE, "icsfhmac.rexx", environ, run_command=run_command)


def answer_window(answer):
    """The ``(min, max)`` key length window a found record's answer tells (``MINLENGTH=<n> MAXLENGTH=<m>``), or None."""
    if (answer.rc, answer.reason) not in FOUND_ANSWERS:
        return None
    window = _WINDOW.search(answer.text)
    return (int(window.group("low")), int(window.group("high"))) if window else None


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
        stdin_text = "{0} {1}\n".format(verb, label)
        if key_hex is not None:
            stdin_text += key_hex + "\n"
        dummy_rc, lines = self._run_exec([self._exec_path], stdin_text)
        return parse_answer(lines)

    @staticmethod
    def _fail(verb, label, answer):
        raise IcsfError(
            "ICSF {0} of label {1} failed: RC={2} REASON={3} {4}".format(
                verb, label, answer.rc, answer.reason, answer.text
            ).strip(),
            answer,
        )

    def exists(self, label):
        """The exec's answer to ``EXISTS label`` (``_resources.icsf_hmac_key.read_key`` reads the record from it)."""
        return self._call("EXISTS", label)

    def fail(self, verb, label, answer):
        """Raise the IcsfError of a request that got ``answer``."""
        self._fail(verb, label, answer)

    def _change(self, verb, label, key_hex=None):
        self.requests.append(request_image(verb, label))
        answer = self._call(verb, label, key_hex)
        self.messages.append("RC={0} REASON={1} {2}".format(answer.rc, answer.reason, answer.text).strip())
        if (answer.rc, answer.reason) != OK:
            self._fail(verb, label, answer)
        return answer

    def delete(self, label):
        return self._change("DELETE", label)

    def request(self, image, key_hex=None):
        """Make one planned request ``VERB LABEL`` (IMPORT and REPLACE send ``key_hex`` on stdin line 2)."""
        verb, label = image.split(" ", 1)
        if verb == "DELETE":
            return self.delete(label)
        if verb not in ("IMPORT", "REPLACE"):
            raise ValueError("not an ICSF key request: {0}".format(verb))
        return self._change(verb, label, key_hex)


def request_image(verb, label):
    """How a changing request is shown in ``commands``: ``IMPORT USRLCL.CKDS.CSM`` (the key is never part of it)."""
    return "{0} {1}".format(verb, label)


_ICSF_EXEC_TEMPLATE = r"""/* REXX */
/* mainframe.passticket ICSF exec: one HMAC key record in the CKDS.       */
/* All input on standard input, none in argv:                             */
/*   line 1: VERB LABEL  (VERB: EXISTS, IMPORT, REPLACE or DELETE)        */
/*   line 2: the clear key in hex (IMPORT and REPLACE)                    */
/* Output: one line RC=<icsf rc> REASON=<icsf reason> <text>; the exit    */
/* status is the ICSF return code. Services, called by ADDRESS LINKPGM:   */
/* CSNBKTB2 CSNBKPI2 CSNBKRC2 CSNBKRR2 CSNBKRD (ICSF Application          */
/* Programmer's Guide). Facts and sources: docs/reference/zos-execs.md.   */
signal on novalue
parse pull verb label extra
return_code = '00000000'x
reason_code = '00000000'x
exit_data_length = '00000000'x
exit_data = ''
if extra \== '' | length(label) < 1 | length(label) > 64 then
  call refuse 0, 'LABEL MUST BE ONE WORD OF 1 TO 64 CHARACTERS'
key_label = left(label, 64)           /* left-justified, blank-padded */
select
  when verb == 'EXISTS' then call exists
  when verb == 'IMPORT' then call import
  when verb == 'REPLACE' then call replace
  when verb == 'DELETE' then call delete
  otherwise call refuse 0, 'UNKNOWN VERB'
end
exit 0

exists:
  call read_token
  if found() then call answer describe(token)
  if c2d(return_code) = 8 & c2d(reason_code) = 10012 then
    call answer 'NOT FOUND'
  call answer 'CSNBKRR2 FAILED'

import:
  call read_key
  call build_token
  if \ok() then call answer step 'FAILED'
  call create_record
  if ok() then call answer 'IMPORTED'
  if c2d(return_code) = 8 & c2d(reason_code) = 16036 then
    call answer 'LABEL ALREADY EXISTS'
  call answer 'CSNBKRC2 FAILED'

/* Lose nothing: build the new token first, keep the old one, then     */
/* delete and create; if the create fails, write the old token back.   */
replace:
  call read_key
  call read_token
  if \found() then do
    if c2d(return_code) = 8 & c2d(reason_code) = 10012 then
      call answer 'NOT FOUND'
    call answer 'CSNBKRR2 FAILED'
  end
  old_token = token
  call build_token
  if \ok() then call answer step 'FAILED, KEY UNCHANGED'
  new_token = token
  call delete_record
  if \ok() then call answer 'CSNBKRD FAILED, KEY UNCHANGED'
  token = new_token
  call create_record
  if ok() then call answer 'REPLACED'
  failed_return_code = return_code
  failed_reason_code = reason_code
  token = old_token
  call create_record
  restored = ok()
  return_code = failed_return_code
  reason_code = failed_reason_code
  if restored then call answer 'CSNBKRC2 FAILED, OLD KEY RESTORED'
  call answer 'CSNBKRC2 FAILED, OLD KEY NOT RESTORED, LABEL IS MISSING'

delete:
  call delete_record
  if ok() then call answer 'DELETED'
  if c2d(return_code) = 8 & c2d(reason_code) = 10012 then
    call answer 'NOT FOUND'
  call answer 'CSNBKRD FAILED'

/* The clear key from line 2, checked before any ICSF call.              */
read_key:
  parse pull key_hex
  key_hex = strip(key_hex)
  if key_hex == '' | verify(key_hex, '0123456789ABCDEFabcdef') > 0 |,
     length(key_hex) // 2 \= 0 then do
    key_hex = ''
    call refuse 0, 'KEY IS NOT HEX'
  end
  key = x2c(key_hex)
  key_hex = ''
  if length(key) < @MIN_KEY_BYTES@ | length(key) > @MAX_KEY_BYTES@ then do
    key = ''
    call refuse @REASON_BAD_KEY_LENGTH@, 'KEY LENGTH MUST BE @MIN_KEY_BYTES@ TO @MAX_KEY_BYTES@ BYTES, REFUSED BEFORE ICSF'
  end
  return

/* token = the record's token, exactly as long as ICSF says (CSNBKRR2). */
read_token:
  rule_array_count = '00000000'x
  rule_array = ''
  token_length = d2c(725, 4)              /* in: the buffer's size       */
  token = copies('00'x, 725)
  address linkpgm 'CSNBKRR2 return_code reason_code exit_data_length',
    'exit_data rule_array_count rule_array key_label token_length token'
  call linked 'CSNBKRR2'
  if found() & c2d(reason_code) \= 8 then
    token = left(token, c2d(token_length))
  else
    token = ''                            /* null token or no record     */
  return

/* token = a new internal HMAC token holding the key: a skeleton from   */
/* CSNBKTB2, the key imported as its only part by CSNBKPI2 FIRST (length */
/* in bits), then CSNBKPI2 COMPLETE. The token buffer keeps its 725     */
/* bytes throughout: LINKPGM never lengthens a variable.                 */
build_token:
  step = 'CSNBKTB2'
  rule_array_count = d2c(5, 4)
  rule_array = 'INTERNAL' || 'HMAC    ' || 'NO-KEY  ' || 'MAC     ' ||,
               'GENERATE'
  clear_key_bit_length = '00000000'x
  clear_key_value = ''
  key_name_length = '00000000'x
  key_name = ''
  user_data_length = '00000000'x
  user_data = ''
  token_data_length = '00000000'x
  token_data = ''
  service_data_length = '00000000'x
  service_data = ''
  token_length = d2c(725, 4)
  token = copies('00'x, 725)
  address linkpgm 'CSNBKTB2 return_code reason_code exit_data_length',
    'exit_data rule_array_count rule_array clear_key_bit_length',
    'clear_key_value key_name_length key_name user_data_length user_data',
    'token_data_length token_data service_data_length service_data',
    'token_length token'
  call linked step
  if \ok() then return
  step = 'CSNBKPI2 FIRST'
  rule_array_count = d2c(3, 4)
  rule_array = 'HMAC    ' || 'FIRST   ' || 'MIN1PART'
  key_part_bit_length = d2c(length(key) * 8, 4)
  key_part = key
  token_length = d2c(725, 4)
  address linkpgm 'CSNBKPI2 return_code reason_code exit_data_length',
    'exit_data rule_array_count rule_array key_part_bit_length key_part',
    'token_length token'
  call linked 'CSNBKPI2'
  key = copies('00'x, length(key))
  key_part = key
  if \ok() then return
  step = 'CSNBKPI2 COMPLETE'
  rule_array_count = d2c(2, 4)
  rule_array = 'HMAC    ' || 'COMPLETE'
  key_part_bit_length = '00000000'x
  key_part = ''
  token_length = d2c(725, 4)
  address linkpgm 'CSNBKPI2 return_code reason_code exit_data_length',
    'exit_data rule_array_count rule_array key_part_bit_length key_part',
    'token_length token'
  call linked 'CSNBKPI2'
  if ok() then token = left(token, c2d(token_length))
  return

/* CSNBKRC2: a new record holding token (length 0: a null token).        */
create_record:
  rule_array_count = '00000000'x
  rule_array = ''
  token_length = d2c(length(token), 4)
  address linkpgm 'CSNBKRC2 return_code reason_code exit_data_length',
    'exit_data rule_array_count rule_array key_label token_length token'
  call linked 'CSNBKRC2'
  return

/* CSNBKRD: rule array count 1, keyword LABEL-DL.                        */
delete_record:
  rule_array_count = d2c(1, 4)
  rule_array = 'LABEL-DL'
  address linkpgm 'CSNBKRD return_code reason_code exit_data_length',
    'exit_data rule_array_count rule_array key_label'
  call linked 'CSNBKRD'
  return

/* A negative RC: LINKPGM could not call the service at all.             */
linked:
  if rc >= 0 then return
  return_code = d2c(12, 4)
  reason_code = '00000000'x
  call answer arg(1) 'COULD NOT BE CALLED, LINKPGM RC='rc

ok:
  return c2d(return_code) = 0

found:
  if c2d(return_code) = 0 then return 1
  return c2d(return_code) = 4 & c2d(reason_code) = 2078

/* The key length window a token allows (zos-interfaces 2.6, 2.7):      */
/* payload bits at offset 38; encrypted V0 HMAC payload =               */
/* roundup64(8*bytes + 32) + 320 bits.                                   */
describe: procedure
  parse arg t
  if t == '' then return 'FOUND NULL TOKEN'
  if length(t) < 46 then return 'FOUND LENGTH UNKNOWN'
  if substr(t, 1, 1) \== '01'x | substr(t, 5, 1) \== '05'x then
    return 'FOUND LENGTH UNKNOWN'
  if substr(t, 42, 1) \== '03'x | substr(t, 43, 2) \== '0002'x then
    return 'FOUND NOT AN HMAC MAC KEY'
  if substr(t, 29, 1) \== '00'x then return 'FOUND LENGTH UNKNOWN'
  bits = c2d(substr(t, 39, 2))
  if substr(t, 9, 1) == '01'x then
    return 'FOUND MINLENGTH='bits % 8 'MAXLENGTH='bits % 8
  if substr(t, 9, 1) \== '03'x then return 'FOUND LENGTH UNKNOWN'
  low = max(@MIN_HMAC_BYTES@, (bits - 416) % 8 + 1)
  high = min(@MAX_HMAC_BYTES@, (bits - 352) % 8)
  if low > high then return 'FOUND LENGTH UNKNOWN'
  return 'FOUND MINLENGTH='low 'MAXLENGTH='high

refuse:
  return_code = d2c(8, 4)
  reason_code = d2c(arg(1), 4)
  call answer arg(2)

answer:
  say 'RC='c2d(return_code) 'REASON='c2d(reason_code) arg(1)
  exit c2d(return_code)
"""


def _render_icsf_exec():
    text = _ICSF_EXEC_TEMPLATE
    for name, value in (
        ("@MIN_KEY_BYTES@", ENHANCED_KEY_BYTES[0]),
        ("@MAX_KEY_BYTES@", ENHANCED_KEY_BYTES[1]),
        ("@MIN_HMAC_BYTES@", MIN_HMAC_BYTES),
        ("@MAX_HMAC_BYTES@", MAX_HMAC_BYTES),
        ("@REASON_BAD_KEY_LENGTH@", REASON_BAD_KEY_LENGTH),
    ):
        text = text.replace(name, str(value))
    return text


ICSF_EXEC_SOURCE = _render_icsf_exec()
