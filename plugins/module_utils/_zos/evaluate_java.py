# -*- coding: utf-8 -*-
# Copyright (c) mainframe.passticket contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!
"""The PassTicket proof on z/OS: the bundled Java program that asks RACF to evaluate tickets, and its protocol.

RACF's R_TicketServ callable service evaluates a PassTicket for a user and an
application without signing anyone on and without counting a failure toward
revocation. IBM ships it to problem-state Java callers as the class
``com.ibm.eserver.zos.racf.IRRPassTicket`` in ``IRRRacf.jar`` (usually
``/usr/include/java_classes/IRRRacf.jar``). ``EVALUATE_JAVA_SOURCE`` below is
a small Java program over that class; it travels in the module payload like
the REXX execs and is run on z/OS either with the source launcher (Java 11 and
later: ``java -cp IRRRacf.jar PassTicketEvaluate.java``) or, on Java 8,
compiled with ``javac -cp IRRRacf.jar -d <private dir>`` and run from there.

Protocol (docs/reference/passticket-evaluation.md):

- No arguments (a ticket must never be in any argv). Everything is on
  standard input, as US-ASCII bytes: line 1 ``USER APPL`` (two RACF names, 1
  to 8 characters ``A-Z 0-9 # $ @``, not starting with a digit, upper case,
  one blank between them), then one PassTicket per line (8 characters
  ``0-9 A-Z a-z - _``), at most ``MAX_TICKETS``; every line ends with a
  newline (X'0A'), the last one included. The whole request is checked
  before the first evaluation; nothing else is accepted.
- For each ticket, in order, one line on standard output (US-ASCII):
  ``VALID``, or ``INVALID SAF=<n> RACF=<n> REASON=<n>`` from the exception's
  ``getSafRc()``, ``getRacfRc()`` and ``getRacfRsn()``. It stops after the
  first ``VALID``; it also stops after the first answer that is not 8/16/x
  (not a verdict on the ticket but a refusal of the service itself, such as
  8/8/16 "not authorized"), because no later ticket can change that answer.
- Exit status: 0 a ticket was valid; 8 none was; 12 the request was
  malformed and nothing was evaluated (one line ``ERROR REQUEST <reason>``);
  16 IBM's service could not be used (one line ``ERROR SERVICE <exception
  class>``, after the lines of the tickets already evaluated: IRRRacf.jar or
  its JNI library missing at run time, or evaluate threw an unchecked
  exception). Anything else is the JVM's own failure (for example 1 when the
  source launcher cannot compile the program because IRRRacf.jar is not on
  the class path).
- It never prints a ticket nor an exception's message (whose text is not
  documented and may hold the ticket), and never calls ``generate``, which
  needs UPDATE on ``IRRPTAUTH.<appl>.<user>``; evaluation needs READ.

It uses only what IBM documents or IBM's own callers show: ``new
IRRPassTicket()``, ``evaluate(String, String, String)`` and the exception's
three getters (sources and what is UNCONFIRMED: docs/reference/passticket-
evaluation.md), and only the Java 8 API (``javac --release 8`` compiles it).

The z/OS byte boundary: the program reads its standard input and writes its
standard output as bytes it decodes and encodes itself in US-ASCII, never in
the JVM's default charset (EBCDIC on IBM Java 8 to Semeru 17 on z/OS, UTF-8
from Semeru 21). The module writes ``request_bytes()`` to the pipe unchanged
(binary); a byte outside US-ASCII (for example a request converted to EBCDIC
on the way) makes the program answer ``ERROR REQUEST NOT US-ASCII`` instead
of misreading it. The source text itself is 7-bit US-ASCII, so it reads the
same in any ASCII-based encoding; the module must name the encoding it writes
the file in to the compiler (``javac -encoding``; for the source launcher,
which reads the file in the default charset, ``-Dfile.encoding``).

VALIDATION STATUS: the exact text below runs in the tests under a real JVM
(OpenJDK 17: source launcher, and ``javac --release 8``) against a stand-in
IRRRacf.jar with IBM's class, method and exception names whose ``evaluate``
reaches the simulated RACF (tests/java). What only a z/OS system can prove is
listed in docs/reference/passticket-evaluation.md.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import collections
import re

EVALUATE_JAVA_CLASS = "PassTicketEvaluate"
EVALUATE_JAVA_FILENAME = EVALUATE_JAVA_CLASS + ".java"
IRRRACF_JAR_DEFAULT = "/usr/include/java_classes/IRRRacf.jar"

STREAM_ENCODING = "ascii"  # standard input and output of the program, both ways
MAX_TICKETS = 256
MAX_REQUEST_BYTES = 4096

EXIT_VALID = 0
EXIT_INVALID = 8
EXIT_REQUEST = 12
EXIT_SERVICE = 16

# the ticket verdicts of R_TicketServ: SAF 8, RACF 16 (8/16/32: not a valid
# ticket, a replay, or no PTKTDATA profile); any other answer refuses the service
VERDICT_CODES = (8, 16)

_RACF_NAME = r"[A-Z#$@][A-Z0-9#$@]{0,7}"
_REQUEST_LINE = re.compile(r"\A{0} {0}\Z".format(_RACF_NAME))
_TICKET = re.compile(r"\A[0-9A-Za-z_-]{8}\Z")
_INVALID = re.compile(r"\AINVALID SAF=(\d+) RACF=(\d+) REASON=(\d+)\Z")

EVALUATE_JAVA_SOURCE = r"""/*
 * mainframe.passticket: PassTicket evaluation by RACF (R_TicketServ) through
 * IBM's Java class com.ibm.eserver.zos.racf.IRRPassTicket (IRRRacf.jar).
 * No arguments. Standard input, US-ASCII: line 1 "USER APPL", then one
 * PassTicket per line; every line ends with a newline.
 * Standard output, US-ASCII, one line per ticket, in order: "VALID" or
 * "INVALID SAF=<n> RACF=<n> REASON=<n>". It stops after the first VALID and
 * after the first answer that is not 8/16/x (the service refused itself).
 * Exit 0: a ticket was valid; 8: none was; 12: malformed request, nothing
 * evaluated ("ERROR REQUEST <reason>"); 16: the service could not be used
 * ("ERROR SERVICE <exception class>"). It never prints a ticket or an
 * exception's message, and never calls generate, which needs UPDATE.
 * Facts and sources: docs/reference/passticket-evaluation.md
 */
import com.ibm.eserver.zos.racf.IRRPassTicket;
import com.ibm.eserver.zos.racf.IRRPassTicketEvaluationException;
import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

public final class PassTicketEvaluate {
    static final Charset ASCII = Charset.forName("US-ASCII");
    static final Pattern REQUEST =
        Pattern.compile("[A-Z#$@][A-Z0-9#$@]{0,7} [A-Z#$@][A-Z0-9#$@]{0,7}");
    static final Pattern TICKET = Pattern.compile("[0-9A-Za-z_-]{8}");
    static final int MAX_TICKETS = 256;
    static final int MAX_BYTES = 4096;

    private PassTicketEvaluate() {
    }

    static final class BadRequest extends Exception {
        private static final long serialVersionUID = 1L;

        BadRequest(String reason) {
            super(reason);
        }
    }

    static final class Request {
        final String user;
        final String appl;
        final List<String> tickets = new ArrayList<String>();

        Request(String user, String appl) {
            this.user = user;
            this.appl = appl;
        }
    }

    /* The only class that touches IBM's: when IRRRacf.jar or its native
       library is missing, loading it fails with a LinkageError that main
       reports, instead of the JVM failing before main runs. */
    static final class Evaluator {
        private Evaluator() {
        }

        static int run(Request request, OutputStream out) throws IOException {
            IRRPassTicket service = new IRRPassTicket();
            for (String ticket : request.tickets) {
                try {
                    service.evaluate(request.user, request.appl, ticket);
                } catch (IRRPassTicketEvaluationException e) {
                    say(out, "INVALID SAF=" + e.getSafRc() + " RACF=" + e.getRacfRc()
                        + " REASON=" + e.getRacfRsn());
                    if (e.getSafRc() != 8 || e.getRacfRc() != 16) {
                        return 8;
                    }
                    continue;
                }
                say(out, "VALID");
                return 0;
            }
            return 8;
        }
    }

    static void say(OutputStream out, String line) throws IOException {
        out.write((line + "\n").getBytes(ASCII));
        out.flush();
    }

    static Request read(String[] args, InputStream in) throws IOException, BadRequest {
        if (args.length != 0) {
            throw new BadRequest("ARGUMENTS GIVEN: EVERYTHING COMES ON STANDARD INPUT");
        }
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        byte[] buffer = new byte[512];
        int count;
        while ((count = in.read(buffer)) != -1) {
            data.write(buffer, 0, count);
            if (data.size() > MAX_BYTES) {
                throw new BadRequest("LONGER THAN " + MAX_BYTES + " BYTES");
            }
        }
        byte[] bytes = data.toByteArray();
        String text;
        try {
            text = ASCII.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new BadRequest("NOT US-ASCII");
        } finally {
            Arrays.fill(bytes, (byte) 0);
            Arrays.fill(buffer, (byte) 0);
        }
        if (text.length() == 0) {
            throw new BadRequest("EMPTY");
        }
        if (!text.endsWith("\n")) {
            throw new BadRequest("LAST LINE DOES NOT END WITH A NEWLINE");
        }
        String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
        if (!REQUEST.matcher(lines[0]).matches()) {
            throw new BadRequest("LINE 1 IS NOT 'USER APPL'");
        }
        if (lines.length < 2) {
            throw new BadRequest("NO PASSTICKET");
        }
        if (lines.length - 1 > MAX_TICKETS) {
            throw new BadRequest("MORE THAN " + MAX_TICKETS + " PASSTICKETS");
        }
        int blank = lines[0].indexOf(' ');
        Request request = new Request(lines[0].substring(0, blank), lines[0].substring(blank + 1));
        for (int i = 1; i < lines.length; i++) {
            if (!TICKET.matcher(lines[i]).matches()) {
                throw new BadRequest("LINE " + (i + 1) + " IS NOT A PASSTICKET");
            }
            request.tickets.add(lines[i]);
        }
        return request;
    }

    public static void main(String[] args) {
        OutputStream out = new FileOutputStream(FileDescriptor.out);
        int status;
        try {
            try {
                status = Evaluator.run(read(args, System.in), out);
            } catch (BadRequest e) {
                say(out, "ERROR REQUEST " + e.getMessage());
                status = 12;
            } catch (LinkageError e) {
                say(out, "ERROR SERVICE " + e.getClass().getName());
                status = 16;
            } catch (RuntimeException e) {
                say(out, "ERROR SERVICE " + e.getClass().getName());
                status = 16;
            }
        } catch (IOException e) {
            status = 16;
        }
        System.exit(status);
    }
}
"""

Answer = collections.namedtuple("Answer", ["valid", "saf_rc", "racf_rc", "racf_reason"])
VALID = Answer(True, 0, 0, 0)


class EvaluateJavaError(Exception):
    """The program's output does not follow the protocol, or it could not evaluate; the text never holds a ticket."""


def _check_name(value, what):
    if not isinstance(value, str) or not re.match(r"\A{0}\Z".format(_RACF_NAME), value):
        raise ValueError(
            "the {0} must be a RACF name of 1 to 8 characters A-Z, 0-9, #, $, @, in upper case, "
            "not starting with a digit".format(what)
        )
    return value


def request_bytes(user, appl, tickets):
    """The program's standard input: ``USER APPL`` and one ticket per line, US-ASCII, every line ending in a newline.

    Checked as the program checks it, so a request the program would refuse
    never leaves the module; the messages never show a ticket.
    """
    _check_name(user, "user ID")
    _check_name(appl, "application name")
    tickets = list(tickets)
    if not 1 <= len(tickets) <= MAX_TICKETS:
        raise ValueError("1 to {0} PassTickets can be evaluated in one run, not {1}".format(MAX_TICKETS, len(tickets)))
    for number, ticket in enumerate(tickets, 1):
        if not isinstance(ticket, str) or not _TICKET.match(ticket):
            raise ValueError("PassTicket number {0} is not 8 characters 0-9, A-Z, a-z, - or _".format(number))
    return "".join(line + "\n" for line in ["{0} {1}".format(user, appl)] + tickets).encode(STREAM_ENCODING)


def is_verdict(answer):
    """True when the answer judges the ticket (VALID, or SAF 8 / RACF 16); False when the service refused itself."""
    return answer.valid or (answer.saf_rc, answer.racf_rc) == VERDICT_CODES


def parse_answers(stdout, status, ticket_count):
    """The program's answers, one ``Answer`` per ticket evaluated, in order.

    ``stdout`` is the program's standard output (bytes, US-ASCII, or text),
    ``status`` its exit status, ``ticket_count`` the number of tickets sent.
    Raises EvaluateJavaError when the program refused the request (exit 12),
    could not use IBM's service (exit 16, after the answers so far, which the
    error carries as ``answers``), failed otherwise, or printed anything the
    protocol does not allow: a module must stop rather than misread.
    """
    if isinstance(stdout, bytes):
        try:
            stdout = stdout.decode(STREAM_ENCODING)
        except UnicodeDecodeError:
            raise EvaluateJavaError(
                "the Java program's output is not US-ASCII (exit status {0})".format(status)
            ) from None
    if stdout and not stdout.endswith("\n"):
        raise EvaluateJavaError(
            "the Java program's output does not end with a newline (exit status {0})".format(status)
        )
    lines = stdout[:-1].split("\n") if stdout else []
    answers = []
    for line in lines:
        if line == "VALID":
            answers.append(VALID)
            continue
        match = _INVALID.match(line)
        if not match:
            break
        answers.append(Answer(False, *(int(group) for group in match.groups())))
    rest = lines[len(answers) :]
    error = rest[0] if len(rest) == 1 and rest[0].startswith("ERROR ") else None
    if status == EXIT_REQUEST and error and error.startswith("ERROR REQUEST ") and not answers:
        raise EvaluateJavaError("the Java program refused the request: {0}".format(error[len("ERROR REQUEST ") :]))
    if status == EXIT_SERVICE and error and error.startswith("ERROR SERVICE "):
        failure = EvaluateJavaError(
            "IBM's IRRPassTicket service could not be used ({0}) after {1} of {2} PassTickets".format(
                error[len("ERROR SERVICE ") :], len(answers), ticket_count
            )
        )
        failure.answers = answers
        raise failure
    if status not in (EXIT_VALID, EXIT_INVALID):
        raise EvaluateJavaError("the Java program failed with exit status {0}".format(status))
    if rest or not answers or len(answers) > ticket_count:
        raise EvaluateJavaError(
            "the Java program's output does not follow its protocol (exit status {0}, {1} lines "
            "for {2} PassTickets)".format(status, len(lines), ticket_count)
        )
    last = answers[-1]
    if any(answer.valid or not is_verdict(answer) for answer in answers[:-1]):
        raise EvaluateJavaError("the Java program went on after an answer that ends the evaluation")
    complete = last.valid or not is_verdict(last) or len(answers) == ticket_count
    if not complete or (status == EXIT_VALID) != last.valid:
        raise EvaluateJavaError(
            "the Java program's answers do not agree with its exit status {0} ({1} answers for {2} PassTickets)".format(
                status, len(answers), ticket_count
            )
        )
    return answers
