"""Outcomes are decided by message IDs; the rc is only a backstop."""

from pathlib import Path

import pytest

from ansible_collections.mainframe.passticket.plugins.module_utils._racf import messages
from ansible_collections.mainframe.passticket.plugins.module_utils._zos.runner import TsoResult


def result(rc, *lines):
    return TsoResult.from_lines("RDEFINE PTKTDATA X", rc, list(lines))


def test_success_message_with_rc_zero_passes():
    outcome = result(
        0,
        "ICH10006I RACLISTED PROFILES FOR PTKTDATA WILL NOT REFLECT THE ADDITION(S) UNTIL A SETROPTS REFRESH IS ISSUED.",
    )
    assert messages.check_result(outcome) is outcome
    assert messages.has_message(outcome, *messages.REFRESH_NEEDED_IDS)


def test_failure_message_fails_even_with_rc_zero():
    outcome = result(0, "ICH10102I X ALREADY DEFINED TO CLASS PTKTDATA.")
    with pytest.raises(messages.RacfCommandError) as error:
        messages.check_result(outcome)
    assert "ICH10102I X ALREADY DEFINED" in str(error.value)
    assert error.value.result is outcome


def test_tso_parse_error_fails():
    assert "IKJ56702I" in messages.failure_reason(result(0, "IKJ56702I INVALID CLASS, PTKTDATX"))


def test_rc_is_the_backstop_without_a_known_message():
    reason = messages.failure_reason(result(8, "ICH99999I SOMETHING UNKNOWN"))
    assert "rc 8" in reason and "ICH99999I SOMETHING UNKNOWN" in reason
    assert "no output" in messages.failure_reason(result(12))


def test_tolerated_message_passes_whatever_the_rc():
    assert (
        messages.failure_reason(result(4, "ICH13003I X NOT FOUND"), tolerated_ids=(messages.RLIST_NOT_FOUND,)) is None
    )
    assert messages.failure_reason(result(4, "ICH13003I X NOT FOUND")) is not None


def test_has_message():
    assert not messages.has_message(result(0, "ICH14063I SETROPTS command complete."), messages.RLIST_NOT_FOUND)
    assert messages.message_id("  ICH14063I SETROPTS") == "ICH14063I"
    assert messages.MESSAGE_ID.search("text IRR52021I text")


FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "racf-output"


def reference_blocks():
    """(file, command, rc, output lines) of every block of every reference file."""
    blocks = []
    for path in sorted(FIXTURES.glob("*.txt")):
        for chunk in path.read_text().split("### command: ")[1:]:
            lines = chunk.splitlines()
            rc = int(lines[1].split(":", 1)[1])
            blocks.append(pytest.param(lines[0], rc, lines[2:], id="{0}:{1}".format(path.stem, lines[0].split()[0])))
    return blocks


@pytest.mark.parametrize("command, rc, lines", reference_blocks())
def test_message_ids_decide_like_the_real_return_codes(command, rc, lines):
    """On every real output block, the message-ID decision agrees with the return code RACF gave."""
    outcome = TsoResult.from_lines(command, rc, lines)
    assert all(messages.MESSAGE_ID.match(found) for found in outcome.message_ids)
    assert outcome.message_ids == [line.split()[0] for line in lines if line[:3] in ("ICH", "IKJ", "IRR")]
    # decided from the messages alone (rc 0 given), the outcome matches RACF's rc
    assert (messages.failure_reason(outcome._replace(rc=0)) is None) == (rc == 0)
