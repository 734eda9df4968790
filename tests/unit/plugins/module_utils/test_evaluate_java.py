# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The Java program's protocol as the module speaks it (plugins/module_utils/_zos/evaluate_java.py).

The program itself runs under a real JVM in tests/integration/test_java_evaluate.py;
here: the request the module writes, the reading of the answers, and that the
Python side and the Java text agree on every rule they share.
"""

import re

import pytest

from ansible_collections.mainframe.passticket.plugins.module_utils._zos import evaluate_java as ej

TICKETS = ["3MS55PXF", "7nrrjv2W", "Ab-_9zZ0"]
REJECT = "INVALID SAF=8 RACF=16 REASON=32\n"


def test_the_request_is_us_ascii_lines_each_ending_in_a_newline():
    assert ej.request_bytes("HOSTUSR", "IOSHMCSM", TICKETS) == b"HOSTUSR IOSHMCSM\n3MS55PXF\n7nrrjv2W\nAb-_9zZ0\n"
    assert ej.request_bytes("#@$", "A1", ["12345678"]) == b"#@$ A1\n12345678\n"


@pytest.mark.parametrize(
    "user, appl, tickets, message",
    [
        ("hostusr", "IOSHMCSM", TICKETS, "user ID must be a RACF name"),
        ("HOSTUSR", "1OSHMCSM", TICKETS, "application name must be a RACF name"),
        ("HOSTUSR", "IOSHMCSM9", TICKETS, "application name"),
        ("HOSTUSR", "IOSHMCSM", [], "1 to 256 PassTickets"),
        ("HOSTUSR", "IOSHMCSM", ["3MS55PXF"] * 257, "not 257"),
        ("HOSTUSR", "IOSHMCSM", ["3MS55PXF", "3MS55PX"], "PassTicket number 2 is not 8 characters"),
        ("HOSTUSR", "IOSHMCSM", ["3MS55PX\n"], "PassTicket number 1"),
        ("HOSTUSR", "IOSHMCSM", [b"3MS55PXF"], "PassTicket number 1"),
    ],
)
def test_a_request_the_program_would_refuse_never_leaves_the_module(user, appl, tickets, message):
    with pytest.raises(ValueError, match=message) as error:
        ej.request_bytes(user, appl, tickets)
    assert not [t for t in tickets if isinstance(t, str) and t.strip() and t.strip() in str(error.value)]


@pytest.mark.parametrize(
    "stdout, status, count, answers",
    [
        (b"VALID\n", 0, 1, [ej.VALID]),
        (REJECT + "VALID\n", 0, 3, [ej.Answer(False, 8, 16, 32), ej.VALID]),
        (REJECT * 2, 8, 2, [ej.Answer(False, 8, 16, 32)] * 2),
        ("INVALID SAF=8 RACF=8 REASON=16\n", 8, 5, [ej.Answer(False, 8, 8, 16)]),
        (REJECT + "INVALID SAF=4 RACF=0 REASON=0\n", 8, 5, [ej.Answer(False, 8, 16, 32), ej.Answer(False, 4, 0, 0)]),
    ],
)
def test_answers_are_read_in_order(stdout, status, count, answers):
    assert ej.parse_answers(stdout, status, count) == answers


def test_a_refused_request_and_an_unusable_service_are_errors():
    with pytest.raises(ej.EvaluateJavaError, match="refused the request: LINE 2 IS NOT A PASSTICKET"):
        ej.parse_answers(b"ERROR REQUEST LINE 2 IS NOT A PASSTICKET\n", 12, 3)
    with pytest.raises(
        ej.EvaluateJavaError, match=r"could not be used \(java.lang.NoClassDefFoundError\) after 1 of 3"
    ) as error:
        ej.parse_answers(REJECT + "ERROR SERVICE java.lang.NoClassDefFoundError\n", 16, 3)
    assert error.value.answers == [ej.Answer(False, 8, 16, 32)]


@pytest.mark.parametrize(
    "stdout, status, count, message",
    [
        (b"", 1, 1, "failed with exit status 1"),
        (b"VALID\n", 1, 1, "failed with exit status 1"),
        (b"", 8, 1, "does not follow its protocol"),
        (b"VALID\nVALID\n", 0, 2, "went on after an answer that ends"),
        ("INVALID SAF=8 RACF=8 REASON=16\n" + REJECT, 8, 2, "went on after an answer that ends"),
        (REJECT, 8, 2, "do not agree with its exit status"),  # stopped early with no reason
        (b"VALID\n", 8, 1, "do not agree with its exit status 8"),
        (REJECT, 0, 1, "do not agree with its exit status 0"),
        (REJECT * 2, 8, 1, "does not follow its protocol"),
        (b"VALID\nsomething else\n", 0, 1, "does not follow its protocol"),
        (b"INVALID SAF=8 RACF=16\n", 8, 1, "does not follow its protocol"),
        (b"ERROR REQUEST EMPTY\n", 8, 1, "does not follow its protocol"),
        ("VALID\nERROR REQUEST X\n", 12, 1, "failed with exit status 12"),
        (b"\xe5\xc1\xd3\xc9\xc4\x15", 0, 1, "not US-ASCII"),  # VALID in EBCDIC
        (b"VALID", 0, 1, "does not end with a newline"),
        (b"VALID\r\n", 0, 1, "does not follow its protocol"),
    ],
)
def test_output_outside_the_protocol_is_never_misread(stdout, status, count, message):
    with pytest.raises(ej.EvaluateJavaError, match=message):
        ej.parse_answers(stdout, status, count)


def test_the_python_side_and_the_java_text_share_their_rules():
    source = ej.EVALUATE_JAVA_SOURCE
    assert "public final class {0} ".format(ej.EVALUATE_JAVA_CLASS) in source
    assert 'Pattern.compile("{0}")'.format(ej._TICKET.pattern[2:-2]) in source  # pylint: disable=protected-access
    name = ej._RACF_NAME  # pylint: disable=protected-access
    assert '"{0} {0}"'.format(name) in source and ej._REQUEST_LINE.pattern == r"\A{0} {0}\Z".format(name)
    assert "MAX_TICKETS = {0};".format(ej.MAX_TICKETS) in source
    assert "MAX_BYTES = {0};".format(ej.MAX_REQUEST_BYTES) in source
    assert 'Charset.forName("US-ASCII")' in source and ej.STREAM_ENCODING == "ascii"
    exits = {
        "return 0;": ej.EXIT_VALID,
        "return 8;": ej.EXIT_INVALID,
        "status = 12;": ej.EXIT_REQUEST,
        "status = 16;": ej.EXIT_SERVICE,
    }
    assert all(statement in source for statement in exits)
    assert re.findall(r"getSafRc\(\) != (\d+) \|\| e\.getRacfRc\(\) != (\d+)", source) == [
        tuple(str(code) for code in ej.VERDICT_CODES)
    ]
    # the longest request fits: line 1 of 17 characters and MAX_TICKETS tickets, each with its newline
    assert 18 + 9 * ej.MAX_TICKETS <= ej.MAX_REQUEST_BYTES
    assert len(ej.request_bytes("ABCDEFGH", "ABCDEFGH", ["ABCDEFGH"] * ej.MAX_TICKETS)) <= ej.MAX_REQUEST_BYTES
