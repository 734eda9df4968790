# -*- coding: utf-8 -*-
# Copyright (c) mainframe.passticket contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!
"""The IRRXUTIL read exec: the REXX text that travels to z/OS, its requests and its output.

z/OS side: standard library only, Python 3.9+. What an extract returns is the
contract of ``_racf.extract``; this file is the transport.

How a module reads: ``extract(runner, requests)`` with the module's
``TsoRunner``; it writes the bundled read exec (``RACF_READ_EXEC_SOURCE``) to a
private file, or uses ``$PASSTICKET_RACF_READ_EXEC``, runs it once with every
request on stdin and returns one ``ExtractResult`` per request, in order.

The read exec's output (the framing ``parse_read_output`` reads):

- ``IRRXUTIL-READ 1``: the exec and its protocol version, always first.
- per request: ``BEGIN <type> <profile>``, ``RC <five numbers IRRXUTIL
  returned>``, ``STATUS FOUND|NOT_FOUND|NOT_AUTHORIZED|ERROR``; when found
  ``PROFILE <name>``, ``GENERIC TRUE|FALSE`` and, per segment returned,
  ``SEGMENT <name>`` followed by its fields; then ``END <type> <profile>``.
- a field: ``SEG.FIELD=value``; a field with several values, or a sub-field
  of a repeat group: ``SEG.FIELD.0=<n>`` then ``SEG.FIELD.<i>=value`` for
  ``i = 1..n``; a repeat group's header: ``SEG.HEADER=<occurrences>``; a
  key-holding field: ``SEG.FIELD=<present>``; a value holding a line end:
  ``UNPRINTABLE SEG.FIELD``.
- ``DONE <n>``: all ``n`` requests answered.
- ``UNAVAILABLE <REXX error number> <text>``: calling IRRXUTIL raised a REXX
  error (43: routine not found); ``ABORT <reason>``: the exec failed.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.mainframe.passticket.plugins.module_utils._racf.extract import (
    PRESENT,
    SECRET_FIELDS,
    STATUS_FOUND,
    STATUS_NOT_FOUND,
    VALUE_FIELDS_OF_KEY_SEGMENTS,
    ExtractError,
    ExtractRequest,
    ExtractResult,
    ExtractUnavailable,
    is_secret_field,
    required_facility,
)
from ansible_collections.mainframe.passticket.plugins.module_utils._racf.grammar import STORED_NAME
from ansible_collections.mainframe.passticket.plugins.module_utils._zos.exec_file import exec_path

MAX_REQUESTS = 64

READ_EXEC_ENV = "PASSTICKET_RACF_READ_EXEC"
READ_EXEC_FILENAME = "racfread.rexx"
PROTOCOL_HEADER = "IRRXUTIL-READ 1"


_READ_EXEC_TEMPLATE = r"""/* REXX */
/* mainframe.passticket read exec: extract RACF profiles with IRRXUTIL */
/* (R_admin extract) and print them as SEGMENT.FIELD=value lines.      */
/* stdin: one request per line, TYPE PROFILE (USER HOSTUSR, _SETROPTS  */
/* _SETROPTS, PTKTDATA IOSHMCSM); an empty line or end of file ends    */
/* the list. No arguments. Output: plugins/module_utils/               */
/* _zos/read_exec.py. Key-holding fields are never printed, only the   */
/* fact that they are present. Never trace this exec. Every variable  */
/* name starts with rd_, so that none is a segment or field name that  */
/* IRRXUTIL uses as a tail of the stem XR.                             */
trace off
rd_secret_fields = '@SECRET_FIELDS@'
rd_key_segments = '@KEY_SEGMENTS@'
@SHOWN_FIELDS@
rd_max_requests = @MAX_REQUESTS@
if c2x('A') = 'C1' then rd_line_ends = '15250D'x   /* EBCDIC: NL LF CR */
else rd_line_ends = '0A0D'x                        /* ASCII: LF CR     */
rd_in_call = 0
signal on syntax name syntax_error
say '@PROTOCOL_HEADER@'
rd_objects = 0
do forever
  parse pull rd_request
  if strip(rd_request) = '' then leave
  parse var rd_request rd_req_type rd_req_name rd_extra
  if rd_req_name = '' | rd_extra <> '' then do
    say 'ABORT BAD REQUEST' rd_request
    exit 12
  end
  rd_objects = rd_objects + 1
  if rd_objects > rd_max_requests then do
    say 'ABORT MORE THAN' rd_max_requests 'REQUESTS'
    exit 12
  end
  call extract_object
end
say 'DONE' rd_objects
exit 0

/* one IRRXUTIL EXTRACT into the stem XR. (no period in the stem name:  */
/* IRRXUTIL clears it first), discrete profiles only                    */
extract_object:
  say 'BEGIN' rd_req_type rd_req_name
  rd_in_call = 1
  rd_xrc = IRRXUTIL('EXTRACT', rd_req_type, rd_req_name, 'XR', '', 'FALSE')
  rd_in_call = 0
  say 'RC' rd_xrc
  if words(rd_xrc) <> 5 | \datatype(space(rd_xrc, 0), 'W') then
    rd_status = 'ERROR'
  else if word(rd_xrc, 1) = 0 | word(rd_xrc, 1) = 2 then rd_status = 'FOUND'
  else if space(rd_xrc) = '12 12 4 4 4' then rd_status = 'NOT_FOUND'
  else if space(rd_xrc) = '12 12 8 8 24' then rd_status = 'NOT_AUTHORIZED'
  else rd_status = 'ERROR'
  say 'STATUS' rd_status
  if rd_status = 'FOUND' then call print_object
  say 'END' rd_req_type rd_req_name
  return

print_object:
  if XR.PROFILE <> '' then say 'PROFILE' XR.PROFILE
  if XR.GENERIC <> '' then say 'GENERIC' XR.GENERIC
  rd_n_segs = XR.0
  if \datatype(rd_n_segs, 'W') then rd_n_segs = 0
  do rd_i = 1 to rd_n_segs
    rd_seg = XR.rd_i
    say 'SEGMENT' rd_seg
    rd_n_flds = XR.rd_seg.0
    if \datatype(rd_n_flds, 'W') then rd_n_flds = 0
    do rd_j = 1 to rd_n_flds
      rd_fld = XR.rd_seg.rd_j
      if XR.rd_seg.rd_fld.REPEATING = 'TRUE' then iterate /* in its group */
      if XR.rd_seg.rd_fld.SUBFIELD.0 <> '' ,
        | XR.rd_seg.rd_fld.REPEATCOUNT <> '' then call print_group
      else if is_secret(rd_seg, rd_fld) then say rd_seg'.'rd_fld'=<present>'
      else if datatype(XR.rd_seg.rd_fld.0, 'W') & XR.rd_seg.rd_fld.0 <> 1 then
        call print_list
      else call print_value rd_seg'.'rd_fld, XR.rd_seg.rd_fld.1
    end
  end
  return

print_group:
  rd_n_rep = XR.rd_seg.rd_fld.REPEATCOUNT
  if \datatype(rd_n_rep, 'W') then rd_n_rep = 0
  rd_n_subs = XR.rd_seg.rd_fld.SUBFIELD.0
  if \datatype(rd_n_subs, 'W') then rd_n_subs = 0
  say rd_seg'.'rd_fld'='rd_n_rep
  do rd_s = 1 to rd_n_subs
    rd_sub = XR.rd_seg.rd_fld.SUBFIELD.rd_s
    say rd_seg'.'rd_sub'.0='rd_n_rep
    do rd_k = 1 to rd_n_rep
      if is_secret(rd_seg, rd_sub) then say rd_seg'.'rd_sub'.'rd_k'=<present>'
      else call print_value rd_seg'.'rd_sub'.'rd_k, XR.rd_seg.rd_sub.rd_k
    end
  end
  return

print_list:
  rd_n_vals = XR.rd_seg.rd_fld.0
  say rd_seg'.'rd_fld'.0='rd_n_vals
  do rd_k = 1 to rd_n_vals
    call print_value rd_seg'.'rd_fld'.'rd_k, XR.rd_seg.rd_fld.rd_k
  end
  return

print_value:
  parse arg rd_value_name, rd_field_value
  if verify(rd_field_value, rd_line_ends, 'M') > 0 then
    say 'UNPRINTABLE' rd_value_name
  else say rd_value_name'='rd_field_value
  return

is_secret: procedure expose rd_secret_fields rd_key_segments rd_shown.
  parse arg rd_seg_name, rd_field_name
  if wordpos(rd_field_name, rd_secret_fields) > 0 then return 1
  if wordpos(rd_seg_name, rd_key_segments) = 0 then return 0
  return wordpos(rd_field_name, rd_shown.rd_seg_name) = 0

/* A REXX error while calling IRRXUTIL (43: routine not found) means it */
/* cannot be called here; any other REXX error is a failure of the exec.*/
syntax_error:
  if rd_in_call then do
    say 'UNAVAILABLE' rc errortext(rc)
    exit 4
  end
  say 'ABORT REXX ERROR' rc 'LINE' sigl errortext(rc)
  exit 12
"""


def _render_read_exec():
    shown = "\n".join(
        "rd_key_segment = '{0}'\nrd_shown.rd_key_segment = '{1}'".format(segment, " ".join(fields))
        for segment, fields in sorted(VALUE_FIELDS_OF_KEY_SEGMENTS.items())
    )
    return (
        _READ_EXEC_TEMPLATE.replace("@SECRET_FIELDS@", " ".join(SECRET_FIELDS))
        .replace("@KEY_SEGMENTS@", " ".join(sorted(VALUE_FIELDS_OF_KEY_SEGMENTS)))
        .replace("@SHOWN_FIELDS@", shown)
        .replace("@MAX_REQUESTS@", str(MAX_REQUESTS))
        .replace("@PROTOCOL_HEADER@", PROTOCOL_HEADER)
    )


RACF_READ_EXEC_SOURCE = _render_read_exec()


def read_exec_path(environ=None, run_command=None):
    """Context manager: the read exec to run (``$PASSTICKET_RACF_READ_EXEC`` or the bundled one, written privately).

    ``run_command(argv) -> (rc, stdout, stderr)`` tags the file on z/OS (see ``_zos.exec_file.write_exec``).
    """
    return exec_path(READ_EXEC_ENV, RACF_READ_EXEC_SOURCE, READ_EXEC_FILENAME, environ, run_command=run_command)


# --- requests ------------------------------------------------------------------

_PROFILE_RE = re.compile(r"^[\x21-\x7e]{1,246}$")  # printable, no blank: one word on the request line


def request_line(request):
    """The exec's input line for one request; ValueError when the request is not one IRRXUTIL can take."""
    extract_type, profile = request
    if not isinstance(extract_type, str) or not (extract_type == "_SETROPTS" or STORED_NAME.fullmatch(extract_type)):
        raise ValueError("extract type {0!r} is not _SETROPTS or an upper-case class name".format(extract_type))
    if extract_type == "DATASET":
        raise ValueError("IRRXUTIL does not extract DATASET profiles")
    if extract_type == "_SETROPTS":
        if profile is not None:
            raise ValueError("a _SETROPTS request names no profile, got {0!r}".format(profile))
        return "_SETROPTS _SETROPTS"
    if not isinstance(profile, str) or not _PROFILE_RE.match(profile):
        raise ValueError("{0} profile name {1!r} is empty, too long or holds blanks".format(extract_type, profile))
    if extract_type in ("USER", "GROUP") and not STORED_NAME.fullmatch(profile):
        raise ValueError("{0} name {1!r} is not 1-8 upper-case characters A-Z 0-9 # $ @".format(extract_type, profile))
    return "{0} {1}".format(extract_type, profile)


def render_requests(requests):
    """The exec's standard input for ``requests`` (validated first, all of them)."""
    requests = [ExtractRequest(*request) for request in requests]
    if not requests:
        raise ValueError("no extract requests")
    if len(requests) > MAX_REQUESTS:
        raise ValueError("at most {0} extract requests per run".format(MAX_REQUESTS))
    return "".join(request_line(request) + "\n" for request in requests)


# --- the exec's answer ------------------------------------------------------------

_FIELD_RE = re.compile(r"^([A-Z0-9#$@_]+)\.([A-Z0-9#$@_]+)(?:\.([0-9]+))?=(.*)$")
_STATUS_WORDS = ("FOUND", "NOT_FOUND", "NOT_AUTHORIZED", "ERROR")


def _object_name(request):
    if request.type == "_SETROPTS":
        return "_SETROPTS"
    return "{0} profile {1}".format(request.type, request.profile)


def _shown(lines):
    return "\n".join("  " + line for line in lines) if lines else "  (no output)"


class _ObjectParser(object):
    """Reads the lines of one object, BEGIN to END."""

    def __init__(self, request):
        self.request = request
        self.raw = []
        self.rc = None
        self.status = None
        self.returned_profile = None
        self.segments = {}
        self._counts = {}

    def fail(self, reason):
        raise ExtractError(
            "reading {0} through IRRXUTIL: {1}; the read exec printed:\n{2}".format(
                _object_name(self.request), reason, _shown(self.raw)
            ),
            self.request,
            self.status,
            self.raw,
        )

    def add(self, line):
        words = line.split(None, 1)
        keyword = words[0] if words else ""
        rest = words[1] if len(words) > 1 else ""
        if self.rc is None:
            if keyword != "RC":
                self.fail("expected the IRRXUTIL return numbers, got {0!r}".format(line))
            self.raw.append(line)
            self.rc = rest
            return
        if self.status is None:
            if keyword != "STATUS" or rest not in _STATUS_WORDS:
                self.raw.append(line)
                self.fail("expected a status, got {0!r}".format(line))
            self.raw.append(line)
            self.status = rest
            return
        if self.status != "FOUND":
            self.raw.append(line)
            self.fail("unexpected line after status {0}".format(self.status))
        if keyword in ("PROFILE", "GENERIC"):
            self.raw.append(line)
            if keyword == "PROFILE":
                self.returned_profile = rest
            elif rest != "FALSE":
                self.fail("a generic profile answered; only discrete profiles are read")
            return
        if keyword == "SEGMENT":
            self.raw.append(line)
            if not rest or " " in rest or rest in self.segments:
                self.fail("bad or repeated segment line {0!r}".format(line))
            self.segments[rest] = {}
            return
        if keyword == "UNPRINTABLE":
            self.raw.append(line)  # the field stays unread: a caller comparing it fails
            return
        match = _FIELD_RE.match(line)
        if not match:
            self.raw.append(line)
            self.fail("cannot read line {0!r}".format(line))
        self._add_field(line, *match.groups())

    def _add_field(self, line, segment, field, index, value):
        if is_secret_field(segment, field) and index != "0":
            value = PRESENT  # whatever the exec printed, a key value goes no further
            line = "{0}.{1}{2}={3}".format(segment, field, "" if index is None else "." + index, PRESENT)
        self.raw.append(line)
        if segment not in self.segments:
            self.fail("field {0}.{1} outside its segment".format(segment, field))
        fields = self.segments[segment]
        if index is None:
            if field in fields:
                self.fail("field {0}.{1} given twice".format(segment, field))
            fields[field] = value
        elif index == "0":
            if field in fields or not value.isdigit():
                self.fail("bad value count for {0}.{1}".format(segment, field))
            fields[field] = []
            self._counts[(segment, field)] = int(value)
        else:
            values = fields.get(field)
            if (
                not isinstance(values, list)
                or int(index) != len(values) + 1
                or int(index) > self._counts[(segment, field)]
            ):
                self.fail("value {0} of {1}.{2} out of order".format(index, segment, field))
            values.append(value)

    def result(self):
        if self.status is None:
            self.fail("no status")
        if self.status == "NOT_AUTHORIZED":
            raise ExtractError(
                "not authorized to read {0} through IRRXUTIL (return {1}): the caller needs READ access to "
                "FACILITY {2} and the authority to list the profile; the read exec printed:\n{3}".format(
                    _object_name(self.request), self.rc, required_facility(self.request.type), _shown(self.raw)
                ),
                self.request,
                self.status,
                self.raw,
            )
        if self.status == "ERROR":
            self.fail("R_admin failed (IRRXUTIL return {0})".format(self.rc))
        if self.status == "NOT_FOUND":
            return ExtractResult(self.request.type, self.request.profile, STATUS_NOT_FOUND, {}, self.raw)
        for (segment, field), count in self._counts.items():
            if len(self.segments[segment][field]) != count:
                self.fail("{0}.{1} announced {2} values".format(segment, field, count))
        if self.request.type != "_SETROPTS" and self.returned_profile not in (None, self.request.profile):
            self.fail("IRRXUTIL returned profile {0!r}".format(self.returned_profile))
        self._empty_setropts_lists()
        return ExtractResult(self.request.type, self.request.profile, STATUS_FOUND, self.segments, self.raw)

    def _empty_setropts_lists(self):
        # IRRXUTIL invents a header FIELD_CT for each SETROPTS class list
        # (racf-extract.md 1.5); with no occurrences its sub-field may be
        # missing, and the list is then empty.
        for fields in self.segments.values():
            for header, value in list(fields.items()):
                if header.endswith("_CT") and value in ("", "0") and header[:-3] not in fields:
                    fields[header[:-3]] = []


def parse_read_output(requests, rc, lines, stderr=()):
    """One ExtractResult per request from the read exec's ``rc`` and stdout ``lines``.

    Raises ExtractUnavailable when IRRXUTIL cannot be called (or the exec did
    not run at all), ExtractError when an extract failed or the output is not
    what the exec prints.
    """
    requests = [ExtractRequest(*request) for request in requests]
    lines = [line.rstrip() for line in lines]
    if PROTOCOL_HEADER not in lines:
        raise ExtractUnavailable(
            "the IRRXUTIL read exec did not run (rc={0}); it printed:\n{1}{2}".format(
                rc, _shown(lines), "\nstderr:\n" + _shown(list(stderr)) if stderr else ""
            )
        )
    start = lines.index(PROTOCOL_HEADER)
    body = [line for line in lines[start + 1 :] if line.strip()]
    for line in body:
        if line.startswith("UNAVAILABLE"):
            raise ExtractUnavailable(
                "IRRXUTIL cannot be called on this system: REXX error {0}".format(line[len("UNAVAILABLE") :].strip())
            )
    results = []
    current = None
    for line in body:
        words = line.split()
        if current is None:
            if words[0] == "ABORT":
                raise ExtractError("the IRRXUTIL read exec failed (rc={0}): {1}".format(rc, line), raw=[line])
            if words[0] == "DONE":
                if words[1:] != [str(len(results))]:
                    raise ExtractError(
                        "the IRRXUTIL read exec answered {0} of {1} requests".format(len(results), len(requests)),
                        raw=body,
                    )
                break
            if len(results) == len(requests):
                raise ExtractError("the IRRXUTIL read exec printed more objects than requested", raw=body)
            request = requests[len(results)]
            if line != "BEGIN " + request_line(request):
                raise ExtractError(
                    "the IRRXUTIL read exec answered {0!r} for request {1!r}".format(line, request_line(request)),
                    request,
                    raw=[line],
                )
            current = _ObjectParser(request)
        elif line == "END " + request_line(current.request):
            results.append(current.result())
            current = None
        elif words[0] == "ABORT":
            current.raw.append(line)
            current.fail("the exec stopped (rc={0})".format(rc))
        else:
            current.add(line)
    else:
        if current is not None:
            current.fail("the output ends inside the object (rc={0})".format(rc))
        raise ExtractError(
            "the IRRXUTIL read exec stopped after {0} of {1} requests (rc={2})".format(len(results), len(requests), rc),
            raw=body,
        )
    if len(results) != len(requests):
        raise ExtractError(
            "the IRRXUTIL read exec answered {0} of {1} requests".format(len(results), len(requests)), raw=body
        )
    return results


def extract(runner, requests, environ=None):
    """Extract every request with one run of the read exec; return their ExtractResults, in order.

    ``runner`` is a TsoRunner (its ``run_exec(argv, stdin_text)`` runs the
    exec, no shell, nothing in argv but the exec's path). Requests are
    validated before anything runs (ValueError).
    """
    requests = [ExtractRequest(*request) for request in requests]
    stdin_text = render_requests(requests)
    with read_exec_path(environ, run_command=getattr(runner, "run_command", None)) as path:
        rc, lines = runner.run_exec([path], stdin_text)
    return parse_read_output(requests, rc, lines, getattr(runner, "last_exec_stderr", ()))
