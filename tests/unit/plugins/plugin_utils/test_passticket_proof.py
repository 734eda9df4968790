# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The proof's schedule and the reading of RACF's answers (plugins/plugin_utils/_passticket_proof.py).

RACF is stood in for by ``answers_of``: the collection's engine judges each
ticket as RACF would (the profile's key, TYPE and TIMEOUT, the host clock),
with either window model RACF might have (symmetric or one-sided; which one is
UNCONFIRMED), and stops where the Java program stops. The Java program itself
runs against the simulated RACF in tests/integration/test_java_evaluate.py.
"""

import json
import os

import pytest

from ansible_collections.mainframe.passticket.plugins.module_utils._zos import evaluate_java
from ansible_collections.mainframe.passticket.plugins.plugin_utils import _passticket as engine
from ansible_collections.mainframe.passticket.plugins.plugin_utils import _passticket_proof as proof

KEY = os.urandom(64).hex()
OTHER_KEY = os.urandom(64).hex()
NOW = 1800000000
USER, APPL = "HOSTUSR", "IOSHMCSM"


def answers_of(plan, key=KEY, profile_type="upper", timeout=600, skew=0, one_sided=False, refusal=None):
    """RACF's answers to ``plan`` (as the module returns them), the program's stop rules applied."""
    answers = []
    host_now = plan.now + skew
    for _probe, ticket in zip(plan.probes, plan.tickets()):
        if refusal:
            answers.append(dict(valid=False, saf_rc=refusal[0], racf_rc=refusal[1], racf_reason=refusal[2]))
            break
        when = engine.evaluate(ticket, USER, APPL, key, host_now, timeout, "enhanced", profile_type)
        if when is not None and (not one_sided or 0 <= host_now - when <= timeout):
            answers.append(dict(valid=True, saf_rc=0, racf_rc=0, racf_reason=0))
            break
        answers.append(dict(valid=False, saf_rc=8, racf_rc=16, racf_reason=32))
    return answers


def plan_for(timeout=600, **kwargs):
    return proof.plan_proof(USER, APPL, KEY, timeout, NOW, **kwargs)


def no_secret_in(plan, *texts):
    text = json.dumps(texts)
    assert KEY not in text and KEY.upper() not in text
    assert not [ticket for ticket in plan.tickets() if ticket in text]


# --- the schedule --------------------------------------------------------------------


def test_the_first_ticket_is_for_half_the_window_ago_then_the_other_type_then_offsets_past_first():
    plan = plan_for()
    shape = [(probe.kind, probe.offset, probe.ptype) for probe in plan.probes]
    assert shape[:6] == [
        ("proof", 0, "upper"),
        ("other_type", 0, "mixed"),
        ("offset", -600, "upper"),
        ("offset", 600, "upper"),
        ("offset", -1200, "upper"),
        ("offset", 1200, "upper"),
    ]
    assert len(plan.probes) == 2 + 2 * 6  # up to an hour each way at TIMEOUT(600)
    assert plan.t0 == NOW - 300 and plan.offsets_searched() == (-3600, 3600)
    for probe, ticket in zip(plan.probes, plan.tickets()):
        assert probe.when == plan.t0 + probe.offset
        assert ticket == engine.generate(USER, APPL, KEY, probe.when, "enhanced", probe.ptype)


@pytest.mark.parametrize(
    "timeout, count, span", [(60, 2 + 120, 3600), (1, 2 + 120, 60), (7, 2 + 120, 420), (599, 2 + 12, 3594)]
)
def test_the_search_is_bounded(timeout, count, span):
    plan = plan_for(timeout)
    assert len(plan.probes) == count <= evaluate_java.MAX_TICKETS
    assert plan.offsets_searched() == (-span, span)
    assert plan.t0 == NOW - max(timeout // 2, 1)


def test_the_type_check_and_the_later_times_can_be_left_out():
    plan = plan_for(check_type=False, search_ahead=False)
    assert [(p.kind, p.offset) for p in plan.probes] == [("proof", 0)] + [("offset", -600 * k) for k in range(1, 7)]
    assert plan_for(ptype="mixed").probes[1].ptype == "upper"


def test_the_plan_never_shows_a_ticket_or_the_key():
    plan = plan_for()
    no_secret_in(plan, repr(plan), [repr(probe) for probe in plan.probes], repr(plan.probes))


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"timeout": 0}, "TIMEOUT must be an integer from 1 to 600"),
        ({"timeout": 601}, "TIMEOUT"),
        ({"timeout": True}, "TIMEOUT"),
        ({"ptype": "UPPER"}, "type must be one of upper, mixed"),
        ({"now": 1.5}, "now must be an integer"),
        ({"key_hex": "00" * 31}, "the enhanced key must be 32 to 256 bytes"),
        ({"key_hex": KEY[:-1] + "G"}, "only hex digits"),
        ({"user": "HOST USR"}, "user ID must be 1 to 8 characters"),
        ({"appl": "TOOLONGAPPL"}, "application name must be"),
    ],
)
def test_bad_input_is_refused_without_showing_the_key(kwargs, message):
    arguments = dict(user=USER, appl=APPL, key_hex=KEY, timeout=600, now=NOW)
    arguments.update(kwargs)
    with pytest.raises(proof.ProofError, match=message) as error:
        proof.plan_proof(**arguments)
    assert KEY not in str(error.value) and KEY[:-1] not in str(error.value)


# --- reading the answers -----------------------------------------------------------------


@pytest.mark.parametrize("one_sided", [False, True], ids=["symmetric", "one-sided"])
def test_a_ticket_from_the_key_proves_it(one_sided):
    plan = plan_for()
    result = proof.interpret(plan, answers_of(plan, one_sided=one_sided))
    assert (result["valid"], result["saf_rc"], result["racf_rc"], result["racf_reason"]) == (True, 0, 0, 0)
    assert (result["finding"], result["clock_offset"], result["evaluations"]) == ("accepted", None, 1)
    assert result["diagnosis"].startswith("RACF accepted a PassTicket for HOSTUSR / IOSHMCSM")
    no_secret_in(plan, result)


def test_a_wrong_key_is_named_with_what_else_it_can_be():
    plan = plan_for()
    answers = answers_of(plan, key=OTHER_KEY)
    assert len(answers) == len(plan.probes)
    result = proof.interpret(plan, answers, profile_defined=True)
    assert (result["valid"], result["saf_rc"], result["racf_rc"], result["racf_reason"]) == (False, 8, 16, 32)
    assert (result["finding"], result["clock_offset"], result["evaluations"]) == ("key_mismatch", None, 14)
    diagnosis = result["diagnosis"]
    for words in (
        "TYPE(MIXED) ticket for the same time",
        "from -3600 s to +3600 s",
        "REFRESH is missing",
        "IOSHMCSM.HOSTUSR is defined",
        "ICSF key under its EPTKEYLABEL is another key",
    ):
        assert words in diagnosis
    no_secret_in(plan, result)


def test_a_missing_user_qualified_profile_is_told_apart_when_the_database_says_so():
    plan = plan_for()
    result = proof.interpret(plan, answers_of(plan, key=OTHER_KEY), profile_defined=False)
    assert result["finding"] == "missing_profile"
    assert "user-qualified profile IOSHMCSM.HOSTUSR is not defined" in result["diagnosis"]
    unknown = proof.interpret(plan, answers_of(plan, key=OTHER_KEY))
    assert unknown["finding"] == "key_mismatch" and "the profile IOSHMCSM.HOSTUSR is missing" in unknown["diagnosis"]


# beyond what the proof ticket (now - 300) passes: -300..300 (one-sided window), -900..300 (symmetric)
@pytest.mark.parametrize("skew", [400, 1000, 1700, 3500, -1000, -1300, -3400])
@pytest.mark.parametrize("one_sided", [False, True], ids=["symmetric", "one-sided"])
def test_clock_skew_beyond_half_the_window_is_found_with_its_offset(skew, one_sided):
    plan = plan_for()
    result = proof.interpret(plan, answers_of(plan, skew=skew, one_sided=one_sided))
    assert result["finding"] == "clock_skew" and not result["valid"]
    offset = result["clock_offset"]
    assert offset % 600 == 0
    assert (-300 <= skew - offset <= 300) if one_sided else (-900 <= skew - offset <= 300)
    assert ("ahead of" if offset > 0 else "behind") in result["diagnosis"]
    assert "about {0} seconds".format(abs(offset)) in result["diagnosis"]
    no_secret_in(plan, result)


def test_skew_within_half_the_window_still_proves():
    plan = plan_for()
    for skew in (-290, 0, 290):
        assert proof.interpret(plan, answers_of(plan, skew=skew, one_sided=True))["finding"] == "accepted"


def test_a_type_mixed_profile_against_upper_tickets_is_told_apart():
    plan = plan_for()
    result = proof.interpret(plan, answers_of(plan, profile_type="mixed"))
    assert (result["finding"], result["evaluations"], result["valid"]) == ("type_mismatch", 2, False)
    assert "has TYPE(MIXED), while TYPE(UPPER) tickets are expected" in result["diagnosis"]
    mixed_plan = plan_for(ptype="mixed")
    reverse = proof.interpret(mixed_plan, answers_of(mixed_plan, profile_type="upper"))
    assert reverse["finding"] == "type_mismatch" and "has TYPE(UPPER)" in reverse["diagnosis"]


def test_not_authorized_names_the_profile_the_class_and_the_access():
    plan = plan_for()
    result = proof.interpret(plan, answers_of(plan, refusal=(8, 8, 16)), caller="PTKTVFY")
    assert (result["finding"], result["valid"], result["saf_rc"], result["racf_rc"], result["racf_reason"]) == (
        "not_authorized",
        False,
        8,
        8,
        16,
    )
    for words in (
        "(PTKTVFY) needs READ access to the profile IRRPTAUTH.IOSHMCSM.HOSTUSR in class PTKTDATA",
        "PERMIT IRRPTAUTH.IOSHMCSM.HOSTUSR CLASS(PTKTDATA) ID(<user>) ACCESS(READ)",
        "SETROPTS RACLIST(PTKTDATA) REFRESH",
        "never UPDATE",
    ):
        assert words in result["diagnosis"]


def test_other_refusals_give_the_codes_and_their_meaning():
    plan = plan_for()
    result = proof.interpret(plan, answers_of(plan, refusal=(8, 8, 8)))
    assert (
        result["finding"] == "service_refused" and "SAF 8, RACF 8, reason 8: an internal error" in result["diagnosis"]
    )
    assert "does not document" in proof.interpret(plan, answers_of(plan, refusal=(12, 0, 0)))["diagnosis"]


def test_a_refusal_after_rejections_is_still_a_refusal():
    plan = plan_for()
    answers = [
        dict(valid=False, saf_rc=8, racf_rc=16, racf_reason=32),
        dict(valid=False, saf_rc=8, racf_rc=8, racf_reason=16),
    ]
    result = proof.interpret(plan, answers)
    assert (result["finding"], result["racf_rc"]) == ("not_authorized", 16)


def test_the_module_utils_answers_are_read_as_they_are():
    plan = plan_for()
    answers = [evaluate_java.Answer(**answer) for answer in answers_of(plan, profile_type="mixed")]
    assert proof.interpret(plan, answers)["finding"] == "type_mismatch"


REJECT = dict(valid=False, saf_rc=8, racf_rc=16, racf_reason=32)
VALID = dict(valid=True, saf_rc=0, racf_rc=0, racf_reason=0)


@pytest.mark.parametrize(
    "answers, message",
    [
        ([], "0 answers"),
        ([REJECT] * 15, "15 answers cannot belong to a plan of 14"),
        ([VALID, REJECT], "evaluation order"),
        ([dict(REJECT, racf_rc=8), REJECT], "evaluation order"),
        ([REJECT, REJECT], "evaluation order"),  # stopped early without a reason
        ([dict(VALID, saf_rc=4)], "valid answer must have the codes 0/0/0"),
        ([dict(REJECT, saf_rc="8")], "wrong type"),
        ([dict(REJECT, valid=0)], "wrong type"),
        ([{"valid": False}], "must give valid, saf_rc"),
    ],
)
def test_answers_that_cannot_come_from_the_plan_are_refused(answers, message):
    with pytest.raises(proof.ProofError, match=message):
        proof.interpret(plan_for(), answers)
