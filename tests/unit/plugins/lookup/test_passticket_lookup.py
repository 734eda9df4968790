# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Tests of the lookup mainframe.passticket.passticket."""

import json
import multiprocessing
import time

import pytest
import yaml
from ansible import constants as C
from ansible.errors import AnsibleError, AnsibleLookupError

from ansible_collections.mainframe.passticket.plugins.lookup import passticket as plugin
from ansible_collections.mainframe.passticket.plugins.plugin_utils import _passticket as engine

NAME = "mainframe.passticket.passticket"
ENHANCED_KEY = bytes(range(64)).hex()
LEGACY_KEY = "0123456789ABCDEF"
T = 1700000000
SECRET_KEY = ("5EC2E7" * 30)[:128]


@pytest.fixture
def lookup(tmp_path, monkeypatch):
    """The lookup as ansible's loader would set it up (options from DOCUMENTATION)."""
    for variable in ("PASSTICKET_APPL", "PASSTICKET_KEY", "PASSTICKET_ALGORITHM", "PASSTICKET_TYPE",
                     "PASSTICKET_CLOCK_OFFSET", "PASSTICKET_DISTINCT"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("PASSTICKET_DISTINCT_STATE_FILE", str(tmp_path / "state" / "distinct.json"))
    C.config.initialize_plugin_configuration_definitions("lookup", NAME, yaml.safe_load(plugin.DOCUMENTATION)["options"])
    module = plugin.LookupModule()
    module._load_name = NAME  # pylint: disable=protected-access
    return module


class FakeClock:
    """time.time / time.sleep stand-ins: sleeping advances the clock."""

    def __init__(self, now):
        self.now = now
        self.slept = []

    def time(self):
        return self.now

    def sleep(self, seconds):
        self.slept.append(seconds)
        self.now += seconds


@pytest.fixture
def clock(monkeypatch):
    fake = FakeClock(T + 0.25)
    monkeypatch.setattr(time, "time", fake.time)
    monkeypatch.setattr(time, "sleep", fake.sleep)
    return fake


def test_calibration_tickets(lookup):
    assert lookup.run(["HOSTUSR"], {}, appl="IOSHMCSM", key=ENHANCED_KEY, type="upper", time=T) == ["3MS55PXF"]
    assert lookup.run(["HOSTUSR"], {}, appl="IOSHMCSM", key=ENHANCED_KEY, time=T) == ["7nrrjv2W"]
    assert lookup.run(["IBMUSER"], {}, appl="TSOAPPL", key=LEGACY_KEY, algorithm="legacy", time=T) == ["SJ34FUB5"]


def test_one_ticket_per_term_in_order(lookup):
    tickets = lookup.run(["IBMUSER", "hostusr", "#OPS@1"], {}, appl="TSOAPPL", key=LEGACY_KEY, algorithm="legacy", time=T)
    assert tickets == [engine.generate(user, "TSOAPPL", LEGACY_KEY, T, "legacy") for user in ("IBMUSER", "HOSTUSR", "#OPS@1")]
    assert tickets[0] == "SJ34FUB5"


def test_options_from_variables(lookup):
    variables = {"passticket_key": ENHANCED_KEY, "passticket_appl": "IOSHMCSM", "passticket_type": "upper"}
    assert lookup.run(["HOSTUSR"], variables, time=T) == ["3MS55PXF"]


def test_options_from_environment(lookup, monkeypatch):
    monkeypatch.setenv("PASSTICKET_KEY", LEGACY_KEY)
    monkeypatch.setenv("PASSTICKET_APPL", "TSOAPPL")
    monkeypatch.setenv("PASSTICKET_ALGORITHM", "legacy")
    assert lookup.run(["IBMUSER"], {}, time=T) == ["SJ34FUB5"]


def test_direct_options_win_over_variables(lookup):
    variables = {"passticket_key": SECRET_KEY, "passticket_appl": "OTHER"}
    assert lookup.run(["HOSTUSR"], variables, appl="IOSHMCSM", key=ENHANCED_KEY, time=T) == ["7nrrjv2W"]


def test_default_time_is_the_controller_clock(lookup, clock):
    assert lookup.run(["HOSTUSR"], {}, appl="IOSHMCSM", key=ENHANCED_KEY) == [engine.generate("HOSTUSR", "IOSHMCSM", ENHANCED_KEY, T)]


def test_clock_offset_is_added_to_the_clock(lookup, clock):
    ticket = lookup.run(["HOSTUSR"], {}, appl="IOSHMCSM", key=ENHANCED_KEY, clock_offset=-300)[0]
    assert engine.ticket_time(ticket, "HOSTUSR", "IOSHMCSM", ENHANCED_KEY) == T - 300
    ticket = lookup.run(["HOSTUSR"], {"passticket_clock_offset": 42}, appl="IOSHMCSM", key=ENHANCED_KEY)[0]
    assert engine.ticket_time(ticket, "HOSTUSR", "IOSHMCSM", ENHANCED_KEY) == T + 42


def test_time_ignores_clock_offset(lookup, clock):
    assert lookup.run(["HOSTUSR"], {}, appl="IOSHMCSM", key=ENHANCED_KEY, time=T + 5, clock_offset=999) == \
        [engine.generate("HOSTUSR", "IOSHMCSM", ENHANCED_KEY, T + 5)]


def test_without_distinct_same_second_same_ticket(lookup, clock):
    tickets = lookup.run(["HOSTUSR", "HOSTUSR"], {}, appl="IOSHMCSM", key=ENHANCED_KEY)
    assert tickets[0] == tickets[1]
    assert clock.slept == []


def test_distinct_waits_for_the_next_second(lookup, clock, tmp_path):
    tickets = lookup.run(["HOSTUSR", "hostusr", "HOSTUSR"], {}, appl="IOSHMCSM", key=ENHANCED_KEY, distinct=True)
    times = [engine.ticket_time(t, "HOSTUSR", "IOSHMCSM", ENHANCED_KEY) for t in tickets]
    assert times == [T, T + 1, T + 2]
    assert clock.slept == [0.75, 1.0]
    # a later task (another lookup call) in the same second also waits
    again = lookup.run(["HOSTUSR"], {}, appl="IOSHMCSM", key=ENHANCED_KEY, distinct=True)
    assert engine.ticket_time(again[0], "HOSTUSR", "IOSHMCSM", ENHANCED_KEY) == T + 3
    state = json.loads((tmp_path / "state" / "distinct.json").read_text())
    assert state == {"HOSTUSR IOSHMCSM": [T, T + 1, T + 2, T + 3]}


def test_distinct_does_not_wait_for_another_user_or_application(lookup, clock):
    lookup.run(["HOSTUSR", "OTHER"], {}, appl="IOSHMCSM", key=ENHANCED_KEY, distinct=True)
    lookup.run(["HOSTUSR"], {}, appl="IOSHMCS2", key=ENHANCED_KEY, distinct=True)
    assert clock.slept == []


def test_distinct_state_holds_no_key_material(lookup, clock, tmp_path):
    lookup.run(["HOSTUSR"], {}, appl="IOSHMCSM", key=SECRET_KEY, distinct=True)
    text = (tmp_path / "state" / "distinct.json").read_text()
    assert "5ec2e7" not in text.lower()


def test_distinct_with_clock_offset_uses_offset_seconds(lookup, clock):
    tickets = lookup.run(["HOSTUSR", "HOSTUSR"], {}, appl="IOSHMCSM", key=ENHANCED_KEY, distinct=True, clock_offset=100)
    assert [engine.ticket_time(t, "HOSTUSR", "IOSHMCSM", ENHANCED_KEY) for t in tickets] == [T + 100, T + 101]


def test_distinct_with_time_is_refused(lookup):
    with pytest.raises(AnsibleLookupError, match="cannot be combined with 'time'"):
        lookup.run(["HOSTUSR"], {}, appl="IOSHMCSM", key=ENHANCED_KEY, distinct=True, time=T)


def test_distinct_state_file_problems_are_reported(lookup, tmp_path):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    with pytest.raises(AnsibleLookupError, match="cannot use the distinct state file"):
        lookup.run(["HOSTUSR"], {}, appl="IOSHMCSM", key=ENHANCED_KEY, distinct=True,
                   distinct_state_file=str(blocker / "state.json"))


def test_reservations_forget_old_seconds_and_survive_a_bad_file(tmp_path):
    path = tmp_path / "state.json"
    path.write_text("{not json")
    fake = FakeClock(T)
    reservations = plugin.SecondReservations(str(path), fake.time, fake.sleep)
    assert reservations.reserve("HOSTUSR", "IOSHMCSM", 0) == T
    fake.now = T + 601
    assert reservations.reserve("HOSTUSR", "IOSHMCSM", 0) == T + 601
    assert json.loads(path.read_text()) == {"HOSTUSR IOSHMCSM": [T + 601]}


def _reserve_many(path, count, queue):
    reservations = plugin.SecondReservations(path)
    queue.put([reservations.reserve("HOSTUSR", "IOSHMCSM", 0) for _count in range(count)])


def test_reservations_are_distinct_across_processes(tmp_path):
    path = str(tmp_path / "state.json")
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    workers = [context.Process(target=_reserve_many, args=(path, 2, queue)) for _worker in range(2)]
    for worker in workers:
        worker.start()
    seconds = queue.get(timeout=30) + queue.get(timeout=30)
    for worker in workers:
        worker.join(timeout=30)
    assert len(set(seconds)) == 4


@pytest.mark.parametrize("options, message", [
    ({"key": SECRET_KEY[:63]}, "the enhanced key must be 32 to 256 bytes"),
    ({"key": SECRET_KEY[:14] + "ZZ", "algorithm": "legacy"}, "the legacy key must contain only hex digits"),
    ({"key": SECRET_KEY[:18], "algorithm": "legacy"}, "the legacy key must be exactly 16 hex digits"),
    ({"key": SECRET_KEY, "appl": "1APPL"}, "application name must be"),
    ({"key": SECRET_KEY, "time": -1}, "time must be between"),
])
def test_errors_are_precise_and_never_show_the_key(lookup, options, message):
    arguments = dict(appl="IOSHMCSM")
    arguments.update(options)
    with pytest.raises(AnsibleLookupError, match="passticket: " + message) as caught:
        lookup.run(["HOSTUSR"], {}, **arguments)
    assert "5ec2e7" not in str(caught.value).lower()


def test_bad_user_id_is_named(lookup):
    with pytest.raises(AnsibleLookupError, match="user ID must be 1 to 8 characters.*got 'HOST USR'"):
        lookup.run(["HOST USR"], {}, appl="IOSHMCSM", key=ENHANCED_KEY)


@pytest.mark.parametrize("options", [{"algorithm": "des"}, {"type": "lower"}])
def test_choices_are_enforced(lookup, options):
    with pytest.raises(AnsibleError):
        lookup.run(["HOSTUSR"], {}, appl="IOSHMCSM", key=ENHANCED_KEY, **options)


def test_appl_and_key_are_required(lookup):
    with pytest.raises(AnsibleError, match="appl"):
        lookup.run(["HOSTUSR"], {}, key=ENHANCED_KEY)
    with pytest.raises(AnsibleError, match="key"):
        lookup.run(["HOSTUSR"], {}, appl="IOSHMCSM")


@pytest.mark.parametrize("content", [
    '{"HOSTUSR IOSHMCSM": 5}', '{"HOSTUSR IOSHMCSM": [1, "2"]}', '{"HOSTUSR IOSHMCSM": [true]}', '{"HOSTUSR IOSHMCSM": {"a": 1}}',
    '{"HOSTUSR IOSHMCSM": null}', '[1, 2]', '"text"', '5', 'null', '{not json', '\x00\x01', '{"A B": [1.5]}',
])
def test_a_state_file_of_any_unexpected_shape_is_reset_with_a_warning(tmp_path, content):
    path = tmp_path / "state.json"
    path.write_text(content)
    fake = FakeClock(T)
    warnings = []
    reservations = plugin.SecondReservations(str(path), fake.time, fake.sleep, warn=warnings.append)
    assert reservations.reserve("HOSTUSR", "IOSHMCSM", 0) == T
    assert json.loads(path.read_text()) == {"HOSTUSR IOSHMCSM": [T]}
    assert len(warnings) == 1 and "reset" in warnings[0] and str(path) in warnings[0]
    # the next reservation reads the file it wrote: no more warnings
    assert reservations.reserve("HOSTUSR", "IOSHMCSM", 0) == T + 1
    assert len(warnings) == 1


def test_the_lookup_warns_and_works_with_a_state_file_of_the_wrong_shape(lookup, tmp_path, monkeypatch):
    path = tmp_path / "wrong.json"
    path.write_text('{"HOSTUSR IOSHMCSM": 5}')
    warnings = []
    monkeypatch.setattr(plugin.display, "warning", lambda message, *args, **kwargs: warnings.append(message))
    tickets = lookup.run(["HOSTUSR"], {}, appl="IOSHMCSM", key=ENHANCED_KEY, distinct=True, distinct_state_file=str(path))
    assert len(tickets) == 1 and len(tickets[0]) == 8
    assert any("unexpected shape" in warning for warning in warnings)
    assert list(json.loads(path.read_text())) == ["HOSTUSR IOSHMCSM"]
