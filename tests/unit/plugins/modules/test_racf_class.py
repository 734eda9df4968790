"""racf_class against a scripted fake host: one read, at most one SETROPTS, check and diff modes."""
from pathlib import Path

import pytest

from ansible_collections.mainframe.passticket.plugins.modules import racf_class

from module_harness import FakeHost, run_module

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "racf-output"
REAL_LISTING = "\n".join(line for line in (FIXTURES / "setropts_list.txt").read_text().splitlines() if not line.startswith("### "))
# the same listing with PTKTDATA in no list: inactive, not RACLISTed, not generic
WITHOUT_PTKTDATA = REAL_LISTING.replace(" PTKTDATA", "").replace("PTKTDATA ", "")
COMPLETE = "ICH14063I SETROPTS command complete.\n"


def host(listing, setropts_rc=0, setropts_out=COMPLETE):
    return FakeHost([(r"SETROPTS LIST$", 0, listing), (r"SETROPTS ", setropts_rc, setropts_out)])


def test_check_mode_predicts_and_writes_nothing(monkeypatch):
    fake = host(WITHOUT_PTKTDATA)
    outcome = run_module(racf_class, {"active": True, "raclist": True}, fake, check_mode=True, diff=True, monkeypatch=monkeypatch)
    assert not outcome.failed
    assert outcome.result["changed"] is True
    assert outcome.result["commands"] == ["SETROPTS CLASSACT(PTKTDATA) RACLIST(PTKTDATA)"]
    assert fake.commands() == ["SETROPTS LIST"]
    assert outcome.result["diff"] == {
        "before": {"class": "PTKTDATA", "active": False, "raclist": False, "generic": False},
        "after": {"class": "PTKTDATA", "active": True, "raclist": True, "generic": False},
    }


def test_apply_issues_only_the_missing_keywords_in_one_command(monkeypatch):
    listing = WITHOUT_PTKTDATA.replace("ACTIVE CLASSES = DATASET", "ACTIVE CLASSES = DATASET PTKTDATA")
    fake = host(listing)
    outcome = run_module(racf_class, {"active": True, "raclist": True, "generic": True}, fake, monkeypatch=monkeypatch)
    assert fake.commands() == ["SETROPTS LIST", "SETROPTS RACLIST(PTKTDATA) GENERIC(PTKTDATA)"]
    assert fake.processes[1]["argv"][0] == "tsocmd"
    assert outcome.result["changed"] is True
    assert outcome.result["messages"] == ["ICH14063I SETROPTS command complete."]
    assert "diff" not in outcome.result


def test_as_wanted_changes_nothing(monkeypatch):
    fake = host(REAL_LISTING)
    outcome = run_module(racf_class, {"class": "ptktdata", "active": True, "raclist": True, "generic": True}, fake, monkeypatch=monkeypatch)
    assert (outcome.failed, outcome.result["changed"], outcome.result["commands"]) == (False, False, [])
    assert fake.commands() == ["SETROPTS LIST"]


def test_omitted_properties_are_left_alone(monkeypatch):
    fake = host(REAL_LISTING)
    outcome = run_module(racf_class, {"raclist": True}, fake, monkeypatch=monkeypatch)
    assert outcome.result["changed"] is False


def test_deactivating(monkeypatch):
    fake = host(REAL_LISTING)
    outcome = run_module(racf_class, {"raclist": False, "active": False}, fake, monkeypatch=monkeypatch)
    assert fake.commands()[1] == "SETROPTS NOCLASSACT(PTKTDATA) NORACLIST(PTKTDATA)"
    assert outcome.result["after"] == {"class": "PTKTDATA", "active": False, "raclist": False, "generic": True}


@pytest.mark.parametrize("rc, output", [
    (8, "ICH14002I NOT AUTHORIZED TO ISSUE SETROPTS.\n"),
    (12, "IKJ56702I INVALID CLASSACT, PTKTDATA\n"),
    (0, "IKJ56712I INVALID KEYWORD, X\n"),
])
def test_failed_setropts_is_a_clear_failure(monkeypatch, rc, output):
    fake = host(WITHOUT_PTKTDATA, setropts_rc=rc, setropts_out=output)
    outcome = run_module(racf_class, {"active": True}, fake, monkeypatch=monkeypatch)
    assert outcome.failed
    assert output.strip() in outcome.result["msg"] and "SETROPTS CLASSACT(PTKTDATA)" in outcome.result["msg"]
    assert outcome.result["changed"] is False
    assert outcome.result["messages"] == [output.strip()]


def test_unreadable_listing_fails_without_writing(monkeypatch):
    fake = FakeHost([(r"SETROPTS LIST$", 8, "ICH14002I NOT AUTHORIZED TO ISSUE SETROPTS.\n")])
    outcome = run_module(racf_class, {"active": True}, fake, monkeypatch=monkeypatch)
    assert outcome.failed and "ICH14002I" in outcome.result["msg"]
    fake = FakeHost([(r"SETROPTS LIST$", 0, "SOMETHING ELSE\n")])
    outcome = run_module(racf_class, {"active": True}, fake, monkeypatch=monkeypatch)
    assert outcome.failed and "not a SETROPTS LIST listing" in outcome.result["msg"]
    assert fake.commands() == ["SETROPTS LIST"]


def test_bad_class_fails_before_any_command(monkeypatch):
    fake = host(REAL_LISTING)
    outcome = run_module(racf_class, {"class": "PTKT) NOCLASSACT(X", "active": True}, fake, monkeypatch=monkeypatch)
    assert outcome.failed and "invalid RACF class name" in outcome.result["msg"]
    assert fake.commands() == []
