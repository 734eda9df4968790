# -*- coding: utf-8 -*-
# Copyright (c) mainframe.passticket contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The bundled RACF exec: runs one RACF command that carries a secret.

``tsocmd`` takes its command only as an argument, which any user can see in
the process list. A command carrying a secret (``KEYMASKED(...)``,
``KEYENCRYPTED(...)``, ``PASSWORD(...)``) is therefore written to the standard
input of this exec, which passes it to RACF through the R_admin callable
service (IRRSEQ00, function ``ADMN_RUN_COMD``) via ``ADDRESS LINKPGM`` and
prints the command's output lines on stdout, exactly as tsocmd would, with no
echo. Its exit status is the command's return code.

Protocol (docs/architecture.md, "The z/OS process boundary"): argv ``[exec]``;
the command image is the first line of stdin.

VALIDATION STATUS: this exec cannot run off z/OS. It follows the R_admin
documentation (z/OS Security Server RACF Callable Services, "R_admin
(IRRSEQ00)") but has NOT been validated on a real LPAR yet; the ``unsupported``
integration targets run it there. The offsets of the output block are kept in
one place (``RCMD_*`` below) so a correction touches one line. An
unauthorized caller needs READ access to ``IRR.RADMIN.<command>`` (for
example ``IRR.RADMIN.ALTUSER``, ``IRR.RADMIN.RALTER``) in the FACILITY class,
besides the RACF authority the command itself needs. A site may instead set
``PASSTICKET_RACF_EXEC`` to its own audited exec with the same protocol.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

RACF_EXEC_ENV = "PASSTICKET_RACF_EXEC"

RACF_EXEC_SOURCE = r"""/* REXX */
/* mainframe.passticket RACF exec: run ONE RACF command read from stdin   */
/* through R_admin (IRRSEQ00) function ADMN_RUN_COMD, print its output.   */
/* The command never appears in any argv. Needs validation on a real LPAR.*/
signal on novalue
parse pull command
command = strip(command)
if command = '' then do
  say 'IRRSEQ00 NO COMMAND ON STANDARD INPUT'
  exit 12
end
if length(command) > 32000 then do
  say 'IRRSEQ00 COMMAND TOO LONG'
  exit 12
end

/* R_admin parameter list */
work_area    = copies('00'x, 1024)
alet         = '00000000'x
saf_rc       = '00000000'x
racf_rc      = '00000000'x
racf_rsn     = '00000000'x
function     = '05'x                      /* ADMN_RUN_COMD              */
parmlist     = d2c(length(command), 2) || command
userid       = '00'x || copies(' ', 8)    /* run under the caller's ACEE*/
acee         = '00000000'x
out_subpool  = d2c(0, 1)
out_message  = '00000000'x

address linkpgm 'IRRSEQ00 work_area',
  'alet saf_rc alet racf_rc alet racf_rsn',
  'function parmlist userid acee out_subpool out_message'
linkpgm_rc = rc
if linkpgm_rc <> 0 then do
  say 'IRRSEQ00 COULD NOT BE CALLED, LINKPGM RC='linkpgm_rc
  exit 12
end

/* Output blocks: chained, each holding the message lines of the command */
RCMD_EYECATCHER   = 0    /* 'RCMD'                                      */
RCMD_NEXT         = 12   /* pointer to the next block, 0 for the last    */
RCMD_FIRST_ENTRY  = 16   /* first message entry                          */
RCMD_BLOCK_LENGTH = 8    /* length of this block                         */
block = c2d(out_message)
do while block <> 0
  header = storage(d2x(block), RCMD_FIRST_ENTRY)
  if substr(header, RCMD_EYECATCHER + 1, 4) <> 'RCMD' then leave
  block_length = c2d(substr(header, RCMD_BLOCK_LENGTH + 1, 4))
  offset = RCMD_FIRST_ENTRY
  do while offset + 2 <= block_length
    entry_length = c2d(storage(d2x(block + offset), 2))
    if entry_length = 0 then leave
    say storage(d2x(block + offset + 2), entry_length)
    offset = offset + 2 + entry_length
  end
  block = c2d(substr(header, RCMD_NEXT + 1, 4))
end

/* SAF 0: the command ran and ended with rc 0. Otherwise R_admin reports   */
/* the command's return code as the RACF reason code (see the R_admin     */
/* return code table); anything else is a failure of the service itself.  */
if c2d(saf_rc) = 0 then exit 0
if c2d(racf_rsn) > 0 then exit c2d(racf_rsn)
say 'IRRSEQ00 SAF RC='c2d(saf_rc) 'RACF RC='c2d(racf_rc) 'RSN='c2d(racf_rsn)
exit 12
"""
