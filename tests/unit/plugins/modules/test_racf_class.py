"""racf_class against a scripted fake host: one read, at most one SETROPTS, check and diff modes."""

from pathlib import Path

import pytest

from ansible_collections.mainframe.passticket.plugins.modules import racf_class
from module_harness import FakeHost, run_module

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "racf-output"
REAL_LISTING = "\n".join(
    line for line in (FIXTURES / "setropts_list.txt").read_text().splitlines() if not line.startswith("### ")
)
# the same listing with PTKTDATA in no list: inactive, not RACLISTed, not generic
WITHOUT_PTKTDATA = REAL_LISTING.replace(" PTKTDATA", "").replace("PTKTDATA ", "")
COMPLETE = "ICH14063I SETROPTS command complete.\n"


@pytest.fixture(autouse=True)
def listing_interface(monkeypatch):
    """The tests above read listings, chosen through the environment variable (the module's env source)."""
    monkeypatch.setenv("PASSTICKET_READ_INTERFACE", "listing")


def host(listing, setropts_rc=0, setropts_out=COMPLETE):
    return FakeHost([(r"SETROPTS LIST$", 0, listing), (r"SETROPTS ", setropts_rc, setropts_out)])


def test_check_mode_predicts_and_writes_nothing(monkeypatch):
    fake = host(WITHOUT_PTKTDATA)
    outcome = run_module(
        racf_class, {"active": True, "raclist": True}, fake, check_mode=True, diff=True, monkeypatch=monkeypatch
    )
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
    outcome = run_module(
        racf_class,
        {"class": "ptktdata", "active": True, "raclist": True, "generic": True},
        fake,
        monkeypatch=monkeypatch,
    )
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


@pytest.mark.parametrize(
    "rc, output",
    [
        (8, "ICH14002I NOT AUTHORIZED TO ISSUE SETROPTS.\n"),
        (12, "IKJ56702I INVALID CLASSACT, PTKTDATA\n"),
        (0, "IKJ56712I INVALID KEYWORD, X\n"),
    ],
)
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


# -- read interfaces ----------------------------------------------------------------------
import fake_extract  # noqa: E402

SETROPTS_CLASSES = {
    "CLASSACT_CT": "3",
    "CLASSACT": ["DATASET", "USER", "GROUP", "PTKTDATA"],
    "RACLIST_CT": "1",
    "RACLIST": ["PTKTDATA"],
    "GENERIC_CT": "0",
}


def setropts_extract(**fields):
    return fake_extract.found("_SETROPTS", None, {"BASE": dict(SETROPTS_CLASSES, **fields)})


def test_steady_state_through_irrxutil_reads_once_and_changes_nothing(monkeypatch):
    calls = fake_extract.install(monkeypatch, [setropts_extract()])
    fake = host(REAL_LISTING)
    outcome = run_module(
        racf_class,
        {"active": True, "raclist": True, "generic": False, "read_interface": "irrxutil"},
        fake,
        monkeypatch=monkeypatch,
    )
    assert (outcome.failed, outcome.result["changed"], outcome.result["read_interface"]) == (False, False, "irrxutil")
    assert calls == [[("_SETROPTS", None)]] and fake.commands() == []


@pytest.mark.parametrize(
    "fields, setting, wrong",
    [
        # a parser that misread the list would see these as set
        ({"RACLIST": ["PTKTDATX"]}, "raclist", True),
        ({"CLASSACT": ["DATASET", "USER", "GROUP"]}, "active", True),
        ({"GENERIC_CT": "1", "GENERIC": ["PTKTDATA"]}, "generic", False),
    ],
)
def test_each_extract_field_decides_its_setting(monkeypatch, fields, setting, wrong):
    fake_extract.install(monkeypatch, [setropts_extract(**fields)])
    outcome = run_module(
        racf_class,
        {setting: wrong, "read_interface": "irrxutil"},
        host(REAL_LISTING),
        check_mode=True,
        monkeypatch=monkeypatch,
    )
    assert outcome.result["before"][setting] is (not wrong)
    assert outcome.result["changed"] is True


def test_auto_falls_back_to_the_listing_when_irrxutil_cannot_be_called(monkeypatch):
    fake_extract.install(monkeypatch, unavailable=True)
    fake = host(REAL_LISTING)
    outcome = run_module(racf_class, {"active": True, "read_interface": "auto"}, fake, monkeypatch=monkeypatch)
    assert (outcome.failed, outcome.result["changed"], outcome.result["read_interface"]) == (False, False, "listing")
    assert fake.commands() == ["SETROPTS LIST"]


def test_irrxutil_pinned_fails_when_irrxutil_cannot_be_called(monkeypatch):
    fake_extract.install(monkeypatch, unavailable=True)
    fake = host(REAL_LISTING)
    outcome = run_module(racf_class, {"active": True, "read_interface": "irrxutil"}, fake, monkeypatch=monkeypatch)
    assert outcome.failed and "routine not found" in outcome.result["msg"] and fake.commands() == []


def test_an_extract_error_is_not_answered_by_a_listing(monkeypatch):
    fake_extract.install(monkeypatch, error="_SETROPTS: not authorized (IRRXUTIL 12 12 8 8 24)")
    fake = host(REAL_LISTING)
    outcome = run_module(racf_class, {"active": True, "read_interface": "auto"}, fake, monkeypatch=monkeypatch)
    assert outcome.failed and "not authorized" in outcome.result["msg"] and fake.commands() == []


def test_the_environment_variable_chooses_the_interface(monkeypatch):
    calls = fake_extract.install(monkeypatch, [setropts_extract()])
    monkeypatch.setenv("PASSTICKET_READ_INTERFACE", "listing")
    outcome = run_module(racf_class, {"active": True}, host(REAL_LISTING), monkeypatch=monkeypatch)
    assert outcome.result["read_interface"] == "listing" and calls == []
    outcome = run_module(
        racf_class, {"active": True, "read_interface": "irrxutil"}, host(REAL_LISTING), monkeypatch=monkeypatch
    )
    assert outcome.result["read_interface"] == "irrxutil"


def test_a_list_the_extract_does_not_hold_fails_before_any_change(monkeypatch):
    base = dict(SETROPTS_CLASSES)
    del base["RACLIST"], base["RACLIST_CT"]
    fake_extract.install(monkeypatch, [fake_extract.found("_SETROPTS", None, {"BASE": base})])
    fake = host(WITHOUT_PTKTDATA)
    outcome = run_module(racf_class, {"raclist": True, "read_interface": "irrxutil"}, fake, monkeypatch=monkeypatch)
    assert outcome.failed and fake.commands() == []
    assert "cannot read raclist of class PTKTDATA" in outcome.result["msg"] and "RACLIST_CT" in outcome.result["msg"]
    assert "BASE.CLASSACT=DATASET USER GROUP PTKTDATA" in outcome.result["msg"]
    # a setting that is not compared does not need to be read
    assert not run_module(
        racf_class, {"active": True, "read_interface": "irrxutil"}, host(REAL_LISTING), monkeypatch=monkeypatch
    ).failed


def test_a_listing_without_a_class_list_heading_fails_before_any_change(monkeypatch):
    listing = "\n".join(line for line in REAL_LISTING.splitlines() if not line.startswith("SETR RACLIST CLASSES"))
    fake = host(listing)
    outcome = run_module(racf_class, {"raclist": True, "read_interface": "listing"}, fake, monkeypatch=monkeypatch)
    assert outcome.failed and fake.commands() == ["SETROPTS LIST"]
    assert (
        "cannot read raclist of class PTKTDATA" in outcome.result["msg"]
        and "SETR RACLIST CLASSES" in outcome.result["msg"]
    )
