"""The product's Java program (EVALUATE_JAVA_SOURCE) as itself: its exact text under a real JVM.

Both launch paths the module uses on z/OS run every scenario: the source
launcher (Java 11+) and ``javac --release 8`` into a private temporary folder
(the Java 8 path). IBM's IRRRacf.jar is replaced by the stand-in of
tests/java, whose ``evaluate`` asks the simulated RACF (R_TicketServ as
documented: the IRRPTAUTH READ check on the in-storage profiles, the RACLIST
snapshot, window, TYPE, replay; never a failed-attempt count). Every run
checks that no ticket appears on stdout, stderr or in the host's log.
"""

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / "plugins" / "plugin_utils"))
import _passticket  # noqa: E402  pylint: disable=import-error,wrong-import-position
from java import harness  # noqa: E402  pylint: disable=wrong-import-position

from ansible_collections.mainframe.passticket.plugins.module_utils._zos import evaluate_java  # noqa: E402
from simulator import cli, racf, store  # noqa: E402  pylint: disable=wrong-import-position

KEY = os.urandom(64).hex().upper()
OTHER_KEY = os.urandom(64).hex().upper()
NEW_KEY = os.urandom(48).hex().upper()
TIMEOUT = 600
PAST = TIMEOUT // 2  # the proof's first ticket is for now - TIMEOUT/2
REFUSED = "INVALID SAF=8 RACF=8 REASON=16"
REJECTED = "INVALID SAF=8 RACF=16 REASON=32"


class Host:
    """A simulated host: RACF commands in-process (as tsocmd runs them), keys through the ICSF exec shim."""

    def __init__(self, path):
        self.path = path
        self.tickets = set()

    def tso(self, image):
        with store.transaction(str(self.path)) as txn:
            rc, lines = racf.run_command(txn, image, "tsocmd")
        assert rc == 0, (image, rc, lines)
        return lines

    def import_key(self, label, key):
        proc = subprocess.run(
            [str(harness.SIM_BIN / "icsfhmac")],
            input="IMPORT {0}\n{1}\n".format(label, key),
            capture_output=True,
            text=True,
            env=harness.host_env(self.path),
            check=False,
        )
        assert proc.returncode == 0, proc.stdout + proc.stderr

    def state(self):
        return cli.public_state(store.read(str(self.path)))

    def user(self, user_id):
        return [user for user in self.state()["users"] if user["id"] == user_id][0]

    def evaluations(self):
        return [record for record in store.read_log(str(self.path)) if record["transport"] == "ticketserv"]

    def log_text(self):
        return (Path(self.path) / store.LOG_FILE).read_text()

    def now(self):
        return int(time.time()) + self.state()["clock_skew"]


@pytest.fixture(scope="module")
def jar():
    return harness.standin_jar()


@pytest.fixture(scope="module", params=harness.LAUNCHES)
def program(request, jar):
    program = harness.EvaluateProgram(request.param, jar)
    yield program
    program.close()


@pytest.fixture(scope="module")
def compiled(jar):
    """The javac-compiled program, for the tests that do not depend on the launch path."""
    program = harness.EvaluateProgram("javac", jar)
    yield program
    program.close()


@pytest.fixture
def bare_host(make_host):
    return Host(make_host("zos1", "--ptktdata-active", "--user", "HOSTUSR"))


@pytest.fixture
def host(make_host):
    """HOSTUSR / IOSHMCSM set up as the role does with the proof on, refreshed once."""
    host = Host(make_host("zos1", "--ptktdata-active", "--user", "HOSTUSR"))
    host.import_key("CSM.KEY", KEY)
    host.import_key("OTHER.KEY", OTHER_KEY)
    host.tso(
        "RDEFINE PTKTDATA IOSHMCSM.HOSTUSR SSIGNON(EPTKEYLABEL(CSM.KEY) TYPE(UPPER) TIMEOUT({0})) UACC(NONE)".format(
            TIMEOUT
        )
    )
    host.tso("RDEFINE PTKTDATA IRRPTAUTH.IOSHMCSM.HOSTUSR UACC(NONE)")
    host.tso("PERMIT IRRPTAUTH.IOSHMCSM.HOSTUSR CLASS(PTKTDATA) ID(IBMUSER) ACCESS(READ)")
    host.tso("SETROPTS RACLIST(PTKTDATA) REFRESH")
    yield host
    log = host.log_text()
    assert not [ticket for ticket in host.tickets if ticket in log], "a ticket reached the host's log"


def ticket(host, offset=-PAST, key=KEY, ptype="upper", user="HOSTUSR", appl="IOSHMCSM"):
    """An enhanced ticket for the host's time + offset (remembered, so the checks can look for it)."""
    value = _passticket.generate(user, appl, key, host.now() + offset, "enhanced", ptype)
    host.tickets.add(value)
    return value


def run(program, host, tickets, request=None, **kwargs):
    """Run the program with ``USER APPL`` and the tickets (or the raw ``request``); returns (status, lines)."""
    if request is None:
        request = ("HOSTUSR IOSHMCSM\n" + "".join(value + "\n" for value in tickets)).encode("ascii")
    proc = program.run(request, host.path, **kwargs)
    for value in list(tickets) + [KEY, OTHER_KEY, NEW_KEY]:
        assert value.encode() not in proc.stdout + proc.stderr, "a ticket or key was printed"
    return proc.returncode, proc.stdout.decode("ascii").splitlines()


def test_a_ticket_from_the_key_is_valid(program, host):
    tickets = [ticket(host)]
    proc = program.run(("HOSTUSR IOSHMCSM\n" + tickets[0] + "\n").encode("ascii"), host.path)
    assert (proc.returncode, proc.stdout) == (0, b"VALID\n"), proc.stderr
    assert tickets[0].encode() not in proc.stdout + proc.stderr
    assert evaluate_java.parse_answers(proc.stdout, proc.returncode, 1) == [evaluate_java.VALID]
    assert [record["command"] for record in host.evaluations()] == ["R_TICKETSERV EVALUATE HOSTUSR IOSHMCSM"]


def test_a_wrong_key_is_rejected_for_every_ticket(program, host):
    tickets = [
        ticket(host, key=OTHER_KEY),
        ticket(host, offset=-PAST - TIMEOUT, key=OTHER_KEY),
        ticket(host, offset=-PAST + TIMEOUT, key=OTHER_KEY),
    ]
    assert run(program, host, tickets) == (8, [REJECTED] * 3)
    assert len(host.evaluations()) == 3


def test_clock_skew_beyond_the_window_is_valid_only_at_an_offset(program, host, zossim):
    zossim("clock", host.path, "--skew", "1200")  # the host runs 20 minutes ahead
    controller_now = int(time.time())
    tickets = [
        _passticket.generate("HOSTUSR", "IOSHMCSM", KEY, controller_now - PAST + offset, "enhanced", "upper")
        for offset in (0, TIMEOUT, 2 * TIMEOUT)
    ]
    host.tickets.update(tickets)
    assert run(program, host, tickets) == (0, [REJECTED, REJECTED, "VALID"])


def test_a_type_mixed_profile_rejects_upper_tickets_and_accepts_mixed_ones(program, host):
    host.tso("RALTER PTKTDATA IOSHMCSM.HOSTUSR SSIGNON(TYPE(MIXED))")
    host.tso("SETROPTS RACLIST(PTKTDATA) REFRESH")
    upper, mixed = ticket(host, ptype="upper"), ticket(host, ptype="mixed")
    assert run(program, host, [upper, mixed]) == (0, [REJECTED, "VALID"])


def test_without_the_user_qualified_profile_the_application_profile_decides(program, host):
    host.tso("RDELETE PTKTDATA IOSHMCSM.HOSTUSR")
    host.tso("RDEFINE PTKTDATA IOSHMCSM SSIGNON(EPTKEYLABEL(OTHER.KEY) TYPE(UPPER) TIMEOUT(600)) UACC(NONE)")
    host.tso("SETROPTS RACLIST(PTKTDATA) REFRESH")
    assert run(program, host, [ticket(host)]) == (8, [REJECTED])
    assert run(program, host, [ticket(host, offset=-PAST - 1, key=OTHER_KEY)]) == (0, ["VALID"])


def test_not_authorized_is_8_8_16_and_ends_the_run(program, host):
    host.tso("PERMIT IRRPTAUTH.IOSHMCSM.HOSTUSR CLASS(PTKTDATA) ID(IBMUSER) ACCESS(NONE)")
    host.tso("SETROPTS RACLIST(PTKTDATA) REFRESH")
    tickets = [ticket(host), ticket(host, offset=-PAST - 1), ticket(host, offset=-PAST - 2)]
    assert run(program, host, tickets) == (8, [REFUSED])
    assert len(host.evaluations()) == 1
    # the PERMIT counts only once it is in storage
    host.tso("PERMIT IRRPTAUTH.IOSHMCSM.HOSTUSR CLASS(PTKTDATA) ID(IBMUSER) ACCESS(READ)")
    assert run(program, host, tickets[1:2]) == (8, [REFUSED])
    host.tso("SETROPTS RACLIST(PTKTDATA) REFRESH")
    assert run(program, host, tickets[1:2]) == (0, ["VALID"])


def test_a_generic_irrptauth_profile_authorizes(program, host):
    host.tso("RDELETE PTKTDATA IRRPTAUTH.IOSHMCSM.HOSTUSR")
    host.tso("SETROPTS RACLIST(PTKTDATA) REFRESH")
    assert run(program, host, [ticket(host)]) == (8, [REFUSED])
    host.tso("RDEFINE PTKTDATA IRRPTAUTH.IOSHMCSM.* UACC(NONE)")
    host.tso("PERMIT IRRPTAUTH.IOSHMCSM.* CLASS(PTKTDATA) ID(IBMUSER) ACCESS(READ)")
    host.tso("SETROPTS RACLIST(PTKTDATA) REFRESH")
    assert run(program, host, [ticket(host, offset=-PAST - 1)]) == (0, ["VALID"])


def test_a_change_without_refresh_shows_until_the_refresh(program, host):
    host.import_key("NEW.KEY", NEW_KEY)
    host.tso("RALTER PTKTDATA IOSHMCSM.HOSTUSR SSIGNON(EPTKEYLABEL(NEW.KEY))")
    new, old = ticket(host, key=NEW_KEY), ticket(host, offset=-PAST - 1)
    assert run(program, host, [new, old]) == (0, [REJECTED, "VALID"])  # RACF still uses the stale copy
    host.tso("SETROPTS RACLIST(PTKTDATA) REFRESH")
    assert run(program, host, [new]) == (0, ["VALID"])


def test_a_ticket_is_accepted_once(program, host):
    value = ticket(host)
    assert run(program, host, [value]) == (0, ["VALID"])
    assert run(program, host, [value]) == (8, [REJECTED])  # replay protection: REPLAY(NO), the default


def test_it_stops_after_the_first_valid_ticket(program, host):
    bad, good, spare = ticket(host, key=OTHER_KEY), ticket(host), ticket(host, offset=-PAST - 1)
    assert run(program, host, [bad, good, spare]) == (0, [REJECTED, "VALID"])
    assert len(host.evaluations()) == 2
    assert run(program, host, [spare]) == (0, ["VALID"])  # never evaluated, so not used up


def test_failed_evaluations_are_never_counted(program, host, zossim):
    tickets = [ticket(host, key=OTHER_KEY, offset=-PAST - n) for n in range(4)]  # revoke_after is 3
    assert run(program, host, tickets) == (8, [REJECTED] * 4)
    hostusr = host.user("HOSTUSR")
    assert (hostusr["failed_attempts"], hostusr["revoked"]) == (0, False)
    assert run(program, host, [ticket(host)]) == (0, ["VALID"])
    # a sign-on with a bad ticket does count, which the evaluation above did not
    zossim("evaluate", host.path, "--user", "HOSTUSR", "--appl", "IOSHMCSM", "--ticket", "AAAAAAAA", check=False)
    assert host.user("HOSTUSR")["failed_attempts"] == 1


def test_mixed_alphabet_tickets_are_evaluated_not_refused(program, host):
    assert run(program, host, ["Ab-_9zZ0"]) == (8, [REJECTED])


# --- requests the program refuses before evaluating anything: exit 12 -----------

MALFORMED = [
    (b"", "EMPTY"),
    (b"HOSTUSR IOSHMCSM\nABCDEFGH", "LAST LINE DOES NOT END WITH A NEWLINE"),
    (b"HOSTUSR IOSHMCSM\n", "NO PASSTICKET"),
    (b"hostusr IOSHMCSM\nABCDEFGH\n", "LINE 1 IS NOT 'USER APPL'"),
    (b"HOSTUSR  IOSHMCSM\nABCDEFGH\n", "LINE 1 IS NOT 'USER APPL'"),
    (b"HOSTUSR IOSHMCSM X\nABCDEFGH\n", "LINE 1 IS NOT 'USER APPL'"),
    (b"HOSTUSR IOSHMCSM9\nABCDEFGH\n", "LINE 1 IS NOT 'USER APPL'"),
    (b"HOSTUSR IOSHMCSM\nABCDEFGH\n\n", "LINE 3 IS NOT A PASSTICKET"),
    (b"HOSTUSR IOSHMCSM\nABCDEFGH\nAB$DEFGH\n", "LINE 3 IS NOT A PASSTICKET"),
    (b"HOSTUSR IOSHMCSM\nABCDEFG\n", "LINE 2 IS NOT A PASSTICKET"),
    (b"HOSTUSR IOSHMCSM\r\nABCDEFGH\r\n", "LINE 1 IS NOT 'USER APPL'"),
    (b"HOSTUSR IOSHMCSM\n" + b"ABCDEFGH\n" * 257, "MORE THAN 256 PASSTICKETS"),
    (b"HOSTUSR IOSHMCSM\n" + b"ABCDEFGH\n" * 500, "LONGER THAN 4096 BYTES"),
    (b"HOSTUSR IOSHMCSM\nABCD\xc9FGH\n", "NOT US-ASCII"),
    # the request converted to EBCDIC on the way is refused, never misread
    ("HOSTUSR IOSHMCSM\nABCDEFGH\n".encode("cp500"), "NOT US-ASCII"),
]


@pytest.mark.parametrize("request_bytes, reason", MALFORMED, ids=[reason for _r, reason in MALFORMED])
def test_a_malformed_request_is_refused_whole(compiled, bare_host, request_bytes, reason):
    status, lines = run(compiled, bare_host, ["ABCDEFGH", "AB$DEFGH", "ABCDEFG", "ABCD"], request=request_bytes)
    assert (status, lines) == (12, ["ERROR REQUEST " + reason])
    assert bare_host.evaluations() == []


def test_arguments_are_refused(compiled, bare_host):
    argv = compiled.argv() + ["ABCDEFGH"]
    proc = subprocess.run(
        [str(a) for a in argv],
        input=b"HOSTUSR IOSHMCSM\nABCDEFGH\n",
        capture_output=True,
        env=harness.host_env(bare_host.path),
        check=False,
    )
    assert (proc.returncode, proc.stdout) == (
        12,
        b"ERROR REQUEST ARGUMENTS GIVEN: EVERYTHING COMES ON STANDARD INPUT\n",
    )
    assert bare_host.evaluations() == []


# --- IBM's service unavailable: exit 16 (or the JVM's own failure) -----------------


def test_without_irrracf_at_run_time_the_compiled_program_reports_the_missing_class(compiled, bare_host):
    status, lines = run(compiled, bare_host, ["ABCDEFGH"], class_path=compiled.classes)
    assert (status, lines) == (16, ["ERROR SERVICE java.lang.NoClassDefFoundError"])


def test_without_irrracf_the_source_launcher_cannot_compile_and_says_so_without_a_ticket(jar, bare_host, tmp_path):
    program = harness.EvaluateProgram("source", jar)
    try:
        status, lines = run(program, bare_host, ["ABCDEFGH"], class_path=tmp_path)
    finally:
        program.close()
    assert (status, lines) == (1, [])  # the launcher's own failure: the module reports it as the JVM's


def test_an_unchecked_exception_from_the_service_ends_the_run_with_16(compiled, host):
    status, lines = run(compiled, host, [ticket(host)], env={"PATH": "/usr/bin:/bin"})  # the simulator is unreachable
    assert (status, lines) == (16, ["ERROR SERVICE java.lang.IllegalStateException"])
    with pytest.raises(evaluate_java.EvaluateJavaError, match="IllegalStateException.*after 0 of 1"):
        evaluate_java.parse_answers("\n".join(lines) + "\n", status, 1)


# --- the text itself ---------------------------------------------------------------


def test_the_source_is_7_bit_ascii_and_compiles_at_java_8_without_warnings(program):
    source = harness.product_source()
    assert source.isascii()
    assert program.source_file.read_text() == source  # the tests run the shipped text, nothing else


def test_it_uses_only_ibms_documented_names_and_never_generate():
    source = harness.product_source()
    assert set(re.findall(r"com\.ibm\.[\w.]+", source)) == {
        "com.ibm.eserver.zos.racf.IRRPassTicket",
        "com.ibm.eserver.zos.racf.IRRPassTicketEvaluationException",
    }
    assert not re.search(r"\bgenerate\s*\(", source)
    evaluator = source[source.index("static final class Evaluator") : source.index("static void say")]
    assert "new IRRPassTicket()" in evaluator
    assert set(re.findall(r"\.(\w+)\(", evaluator)) == {"evaluate", "getSafRc", "getRacfRc", "getRacfRsn"}
    # the only exception message printed is the program's own fixed reason
    assert source.count("getMessage()") == 1 and '"ERROR REQUEST " + e.getMessage()' in source


def test_the_stand_in_ends_any_program_that_calls_generate(jar, host, tmp_path):
    caller = tmp_path / "Caller.java"
    caller.write_text(
        "public class Caller { public static void main(String[] a) throws Exception {\n"
        '  try { new com.ibm.eserver.zos.racf.IRRPassTicket().generate("HOSTUSR", "IOSHMCSM"); }\n'
        "  catch (Throwable t) { System.exit(0); } } }\n"
    )
    tools = harness.jdk()
    proc = subprocess.run(
        [tools["java"], "-cp", str(jar), str(caller)],
        capture_output=True,
        text=True,
        env=harness.host_env(host.path),
        check=False,
    )
    assert proc.returncode == 90 and "generate() was called" in proc.stderr
    assert host.evaluations() == []
