"""racf_refresh against a scripted fake host."""

from ansible_collections.mainframe.passticket.plugins.modules import racf_refresh
from module_harness import FakeHost, run_module

COMPLETE = "ICH14063I SETROPTS command complete.\n"


def test_check_mode_issues_nothing_and_reports_the_commands(monkeypatch):
    fake = FakeHost([])
    outcome = run_module(racf_refresh, {"generic": True}, fake, check_mode=True, monkeypatch=monkeypatch)
    assert (outcome.failed, outcome.result["changed"]) == (False, True)
    assert outcome.result["commands"] == ["SETROPTS RACLIST(PTKTDATA) REFRESH", "SETROPTS GENERIC(PTKTDATA) REFRESH"]
    assert fake.commands() == []


def test_refresh_runs_and_reports_changed(monkeypatch):
    fake = FakeHost([(r"SETROPTS RACLIST\(PTKTDATA\) REFRESH$", 0, COMPLETE)])
    outcome = run_module(racf_refresh, {}, fake, monkeypatch=monkeypatch)
    assert fake.commands() == ["SETROPTS RACLIST(PTKTDATA) REFRESH"]
    assert (outcome.failed, outcome.result["changed"]) == (False, True)
    assert outcome.result["messages"] == [COMPLETE.strip()]


def test_generic_refresh_when_asked(monkeypatch):
    fake = FakeHost([(r"SETROPTS (RACLIST|GENERIC)\(APPL\) REFRESH$", 0, COMPLETE)])
    run_module(racf_refresh, {"class": "appl", "generic": True}, fake, monkeypatch=monkeypatch)
    assert fake.commands() == ["SETROPTS RACLIST(APPL) REFRESH", "SETROPTS GENERIC(APPL) REFRESH"]


def test_not_authorized_fails_clearly(monkeypatch):
    fake = FakeHost([(r"SETROPTS", 8, "ICH14015I NOT AUTHORIZED TO REFRESH RACLIST CLASS PTKTDATA\n")])
    outcome = run_module(racf_refresh, {"generic": True}, fake, monkeypatch=monkeypatch)
    assert outcome.failed and "ICH14015I" in outcome.result["msg"]
    assert outcome.result["changed"] is False
    assert fake.commands() == ["SETROPTS RACLIST(PTKTDATA) REFRESH"]  # stops at the first failure


def test_failure_after_a_refresh_reports_the_change(monkeypatch):
    no_effect = "ICH14070I SETROPTS RACLIST REFRESH had no effect on class PTKTDATA\n"
    fake = FakeHost(
        [
            (r"SETROPTS RACLIST", 0, no_effect),
            (r"SETROPTS GENERIC", 8, "ICH14015I NOT AUTHORIZED TO REFRESH GENERIC CLASS PTKTDATA\n"),
        ]
    )
    outcome = run_module(racf_refresh, {"generic": True}, fake, monkeypatch=monkeypatch)
    assert outcome.failed and "ICH14015I" in outcome.result["msg"]
    assert outcome.result["changed"] is True
    assert outcome.result["commands"] == ["SETROPTS RACLIST(PTKTDATA) REFRESH", "SETROPTS GENERIC(PTKTDATA) REFRESH"]
    assert outcome.result["messages"] == [
        no_effect.strip(),
        "ICH14015I NOT AUTHORIZED TO REFRESH GENERIC CLASS PTKTDATA",
    ]
    assert any("not RACLISTed" in warning for warning in outcome.warnings)


def test_class_not_raclisted_warns(monkeypatch):
    fake = FakeHost([(r"SETROPTS", 0, "ICH14070I SETROPTS RACLIST REFRESH had no effect on class PTKTDATA\n")])
    outcome = run_module(racf_refresh, {}, fake, monkeypatch=monkeypatch)
    assert not outcome.failed and outcome.result["changed"] is True
    assert any("not RACLISTed" in warning for warning in outcome.warnings)


def test_bad_class(monkeypatch):
    fake = FakeHost([])
    outcome = run_module(racf_refresh, {"class": "PTKTDATA) REFRESH GENERIC(*"}, fake, monkeypatch=monkeypatch)
    assert outcome.failed and fake.commands() == []
