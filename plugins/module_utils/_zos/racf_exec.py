# -*- coding: utf-8 -*-
# Copyright (c) mainframe.passticket contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!
"""The bundled RACF exec: runs one RACF command that carries a secret.

``tsocmd`` takes its command only as an argument, which any user can see in
the process list. A command carrying a secret (``KEYMASKED(...)``,
``KEYENCRYPTED(...)``, ``PASSWORD(...)``; a ``SecretCommand``) is therefore
written to the standard input of this exec, which passes it to RACF through
the R_admin callable service (IRRSEQ00, function ``ADMN_RUN_COMD``) via
``ADDRESS LINKPGM``.

Protocol (docs/reference/zos-execs.md): no arguments; the command image is the
first line of stdin (at most 4096 characters, R_admin's limit; a longer one is
refused before IRRSEQ00 is called). The exec prints the RACF message lines
(``RMSG`` output blocks) in order across all chained blocks, never the
command image (``RCMD`` block, which can hold the secret), and exits with the
command's return code: 0 when R_admin answers 0/0/0, x when it answers 8/16/x
("RACF command failed"). Anything else (R_admin itself failing, LINKPGM not
finding IRRSEQ00, no or an over-long command) prints one line starting with
``IRRSEQ00`` and exits 12.

VALIDATION STATUS: the exec runs in the tests under Regina REXX against an
IRRSEQ00 stand-in that enforces the parameter list IBM documents and serves
the output blocks through ``STORAGE()`` (tests/rexx). What is still to be
proven on an LPAR (the block layout is from zowe's mapping; whether LINKPGM
finds IRRSEQ00 by name) is listed in docs/reference/zos-execs.md and run by
the ``unsupported`` integration targets. A caller in problem state needs READ
access to ``IRR.RADMIN.<command>`` (for example ``IRR.RADMIN.ALTUSER``,
``IRR.RADMIN.RALTER``) in the FACILITY class, besides the RACF authority the
command itself needs. A site may instead set ``PASSTICKET_RACF_EXEC`` to its
own audited exec with the same protocol.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

RACF_EXEC_ENV = "PASSTICKET_RACF_EXEC"

MAX_COMMAND_LENGTH = 4096  # ADMN_RUN_COMD's limit

_RACF_EXEC_TEMPLATE = r"""/* REXX */
/* mainframe.passticket RACF exec: run ONE RACF command, read from the   */
/* first line of standard input, through R_admin (IRRSEQ00) function     */
/* ADMN_RUN_COMD; print its RACF messages (RMSG blocks), never the       */
/* command image (RCMD block: it may hold a secret). Exit status: the    */
/* command's return code. Facts and sources: docs/reference/zos-execs.md */
signal on novalue
parse pull command
command = strip(command)
if command == '' then do
  say 'IRRSEQ00 NO COMMAND ON STANDARD INPUT, NOT RUN'
  exit 12
end
if length(command) > @MAX_COMMAND_LENGTH@ then do
  command = ''
  say 'IRRSEQ00 COMMAND LONGER THAN @MAX_COMMAND_LENGTH@ CHARACTERS, NOT RUN'
  exit 12
end

/* The R_admin parameter list, 13 parameters in IBM's order.            */
work_area     = copies('00'x, 1024)
alet          = '00000000'x               /* primary address space    */
saf_rc        = '00000000'x
racf_rc       = '00000000'x
racf_rsn      = '00000000'x
function_code = '05'x                     /* ADMN_RUN_COMD            */
parm_list     = d2c(length(command), 2) || command
command       = ''
userid        = '00'x || copies(' ', 8)   /* length 0: problem state  */
acee          = '00000000'x               /* runs as the caller       */
out_subpool   = d2c(127, 1)               /* IBM sample's subpool     */
out_message   = '00000000'x
address linkpgm 'IRRSEQ00 work_area alet saf_rc alet racf_rc alet',
  'racf_rsn function_code parm_list userid acee out_subpool out_message'
linkpgm_rc = rc
parm_list = ''
if linkpgm_rc < 0 then do
  say 'IRRSEQ00 COULD NOT BE CALLED, LINKPGM RC='linkpgm_rc
  exit 12
end

/* Output blocks, chained: +0 next block (0: last), +4 eyecatcher       */
/* RCMD or RMSG, +8 subpool, +9 24-bit block length, +12 offset of the  */
/* last data byte, +16 entries of a 2-byte length and the text (a blank */
/* line has length 0). Data end: min(block length, last offset + 1).   */
block = c2d(out_message)
blocks = 0
do while block \= 0 & blocks < 4096
  blocks = blocks + 1
  header = storage(d2x(block), 16)
  next_block = c2d(substr(header, 1, 4))
  eyecatcher = substr(header, 5, 4)
  data_end = min(c2d(substr(header, 10, 3)), c2d(substr(header, 13, 4)) + 1)
  if eyecatcher == 'RMSG' then do
    offset = 16
    do while offset + 2 <= data_end
      entry_length = c2d(storage(d2x(block + offset), 2))
      if offset + 2 + entry_length > data_end then leave
      if entry_length = 0 then say ''
      else say storage(d2x(block + offset + 2), entry_length)
      offset = offset + 2 + entry_length
    end
  end
  block = next_block
end

/* 0/0/0: the command ended with rc 0. 8/16/x: the command failed with  */
/* rc x. Anything else: R_admin itself failed.                          */
saf = c2d(saf_rc)
racf = c2d(racf_rc)
reason = c2d(racf_rsn)
if saf = 0 then exit 0
if saf = 8 & racf = 16 & reason > 0 then exit reason
say 'IRRSEQ00 SAF RC='saf 'RACF RC='racf 'RACF REASON='reason
exit 12
"""

RACF_EXEC_SOURCE = _RACF_EXEC_TEMPLATE.replace("@MAX_COMMAND_LENGTH@", str(MAX_COMMAND_LENGTH))
