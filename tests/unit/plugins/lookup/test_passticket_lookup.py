# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Tests of the lookup mainframe.passticket.passticket (in process; the command-line runs are in tests/integration)."""

import fcntl
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
ENVIRONMENT = (
    "PASSTICKET_APPL",
    "PASSTICKET_KEY",
    "PASSTICKET_ALGORITHM",
    "PASSTICKET_TYPE",
    "PASSTICKET_CLOCK_OFFSET",
    "PASSTICKET_DISTINCT",
)
OPTIONS = yaml.safe_load(plugin.DOCUMENTATION)["options"]


@pytest.fixture
def lookup(tmp_path, monkeypatch):
    """The lookup as ansible's loader would set it up (options from DOCUMENTATION)."""
    for variable in ENVIRONMENT:
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("PASSTICKET_DISTINCT_STATE_FILE", str(tmp_path / "state" / "distinct.json"))
    C.config.initialize_plugin_configuration_definitions("lookup", NAME, OPTIONS)
    module = plugin.LookupModule()
    module._load_name = NAME  # pylint: disable=protected-access
    return module


@pytest.fixture
def deprecations(monkeypatch):
    """The deprecation warnings the lookup emits: (message, version, collection_name)."""
    seen = []

    def deprecated(msg, version=None, collection_name=None, **_kwargs):
        seen.append((msg, version, collection_name))

    monkeypatch.setattr(plugin.display, "deprecated", deprecated)
    return seen


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


def ticket_time(ticket, user="HOSTUSR", ptype="upper"):
    return engine.ticket_time(ticket, user, "IOSHMCSM", ENHANCED_KEY, ptype)


# ------------------------------------------------------------ tickets


def test_calibration_tickets(lookup):
    assert lookup.run(["HOSTUSR"], {}, appl="IOSHMCSM", key=ENHANCED_KEY, type="upper", time=T) == ["3MS55PXF"]
    assert lookup.run(["HOSTUSR"], {}, appl="IOSHMCSM", key=ENHANCED_KEY, type="mixed", time=T) == ["7nrrjv2W"]
    assert lookup.run(["IBMUSER"], {}, appl="TSOAPPL", key=LEGACY_KEY, algorithm="legacy", time=T) == ["SJ34FUB5"]


def test_one_ticket_per_term_in_order(lookup):
    users = ["IBMUSER", "hostusr", "#OPS@1"]
    tickets = lookup.run(users, {}, appl="TSOAPPL", key=LEGACY_KEY, algorithm="legacy", time=T)
    assert tickets == [engine.generate(user, "TSOAPPL", LEGACY_KEY, T, "legacy") for user in users]
    assert tickets[0] == "SJ34FUB5"
    tickets = lookup.run(users, {}, appl="APPL1", key=ENHANCED_KEY, time=T)
    assert tickets == [engine.generate(user, "APPL1", ENHANCED_KEY, T) for user in users]


@pytest.mark.parametrize(
    "algorithm, key, prepare",
    [("enhanced", ENHANCED_KEY, "keyed_hmac_sha512"), ("legacy", LEGACY_KEY, "des_block_function")],
)
def test_the_key_is_parsed_and_prepared_once_per_call(lookup, monkeypatch, algorithm, key, prepare):
    """Not once per user: one keyed HMAC state (or DES context) serves every term of the call."""
    calls = []
    original_prepare, original_parse = getattr(engine, prepare), engine.parse_key
    monkeypatch.setattr(engine, prepare, lambda *args: calls.append(prepare) or original_prepare(*args))
    monkeypatch.setattr(engine, "parse_key", lambda *args: calls.append("parse") or original_parse(*args))
    users = ["USER%d" % number for number in range(50)]
    tickets = lookup.run(users, {}, appl="APPL1", key=key, algorithm=algorithm, type="upper", time=T)
    assert sorted(calls) == sorted([prepare, "parse"])
    calls.clear()
    assert tickets == [engine.generate(user, "APPL1", key, T, algorithm, "upper") for user in users]


def test_default_time_is_the_controller_clock(lookup, clock):
    assert lookup.run(["HOSTUSR"], {}, appl="IOSHMCSM", key=ENHANCED_KEY, type="upper") == [
        engine.generate("HOSTUSR", "IOSHMCSM", ENHANCED_KEY, T, ptype="upper")
    ]


def test_clock_offset_is_added_to_the_clock(lookup, clock):
    ticket = lookup.run(["HOSTUSR"], {}, appl="IOSHMCSM", key=ENHANCED_KEY, type="upper", clock_offset=-300)[0]
    assert ticket_time(ticket) == T - 300
    ticket = lookup.run(["HOSTUSR"], {"passticket_clock_offset": 42}, appl="IOSHMCSM", key=ENHANCED_KEY, type="upper")[
        0
    ]
    assert ticket_time(ticket) == T + 42


def test_time_ignores_clock_offset(lookup, clock):
    assert lookup.run(
        ["HOSTUSR"], {}, appl="IOSHMCSM", key=ENHANCED_KEY, type="upper", time=T + 5, clock_offset=999
    ) == [engine.generate("HOSTUSR", "IOSHMCSM", ENHANCED_KEY, T + 5, ptype="upper")]


def test_without_distinct_same_second_same_ticket(lookup, clock):
    tickets = lookup.run(["HOSTUSR", "HOSTUSR"], {}, appl="IOSHMCSM", key=ENHANCED_KEY, type="upper")
    assert tickets[0] == tickets[1]
    assert clock.slept == []


# ------------------------------------------------------------ options and the variables shared with the role


def test_options_from_the_role_variables(lookup, deprecations):
    variables = {
        "passticket_setup_key": ENHANCED_KEY,
        "passticket_setup_application": "IOSHMCSM",
        "passticket_setup_type": "upper",
        "passticket_setup_user": "OTHER",
    }
    assert lookup.run(["HOSTUSR"], variables, time=T) == ["3MS55PXF"]
    assert deprecations == []


def test_without_terms_the_ticket_is_for_passticket_setup_user(lookup):
    variables = {
        "passticket_setup_key": ENHANCED_KEY,
        "passticket_setup_application": "IOSHMCSM",
        "passticket_setup_type": "upper",
        "passticket_setup_user": "hostusr",
    }
    assert lookup.run([], variables, time=T) == ["3MS55PXF"]
    assert lookup.run([], {}, user="HOSTUSR", appl="IOSHMCSM", key=ENHANCED_KEY, type="upper", time=T) == ["3MS55PXF"]


def test_without_terms_or_user_the_lookup_says_what_to_set(lookup):
    with pytest.raises(
        AnsibleLookupError, match="no user ID: give one or more as terms, or set the variable passticket_setup_user"
    ):
        lookup.run([], {}, appl="IOSHMCSM", key=ENHANCED_KEY, type="upper", time=T)


def test_terms_win_over_the_user_variable_but_not_both_given_directly(lookup):
    variables = {"passticket_setup_user": "OTHER"}
    assert lookup.run(["HOSTUSR"], variables, appl="IOSHMCSM", key=ENHANCED_KEY, type="upper", time=T) == ["3MS55PXF"]
    with pytest.raises(AnsibleLookupError, match="either as terms or as the option user, not both"):
        lookup.run(["HOSTUSR"], {}, user="OTHER", appl="IOSHMCSM", key=ENHANCED_KEY, type="upper", time=T)


@pytest.mark.parametrize(
    "old, new, value",
    [
        ("passticket_key", "passticket_setup_key", ENHANCED_KEY),
        ("passticket_appl", "passticket_setup_application", "IOSHMCSM"),
        ("passticket_type", "passticket_setup_type", "upper"),
    ],
)
def test_the_old_variable_names_still_work_with_a_deprecation_warning(lookup, deprecations, old, new, value):
    variables = {
        "passticket_setup_key": ENHANCED_KEY,
        "passticket_setup_application": "IOSHMCSM",
        "passticket_setup_type": "upper",
    }
    del variables[new]
    variables[old] = value
    assert lookup.run(["HOSTUSR"], variables, time=T) == ["3MS55PXF"]
    assert len(deprecations) == 1
    message, version, collection = deprecations[0]
    assert old in message and new in message and value not in message
    assert (version, collection) == ("1.0.0", "mainframe.passticket")


@pytest.mark.parametrize(
    "old, new, option, value",
    [
        ("passticket_key", "passticket_setup_key", "key", ENHANCED_KEY),
        ("passticket_appl", "passticket_setup_application", "appl", "IOSHMCSM"),
        ("passticket_type", "passticket_setup_type", "type", "upper"),
    ],
)
def test_the_new_name_or_a_direct_argument_wins_over_the_old_and_silences_it(
    lookup, deprecations, old, new, option, value
):
    wrong = {"key": SECRET_KEY, "appl": "OTHER", "type": "mixed"}[option]
    base = {
        "passticket_setup_key": ENHANCED_KEY,
        "passticket_setup_application": "IOSHMCSM",
        "passticket_setup_type": "upper",
    }
    assert lookup.run(["HOSTUSR"], dict(base, **{old: wrong}), time=T) == ["3MS55PXF"]
    without_new = dict(base, **{old: wrong})
    del without_new[new]
    assert lookup.run(["HOSTUSR"], without_new, time=T, **{option: value}) == ["3MS55PXF"]
    assert deprecations == []


def test_every_deprecated_variable_is_read_before_its_new_name():
    """The lookup's mapping agrees with DOCUMENTATION: the old name is a vars: entry of the option, before the new one."""
    for old, (option, new) in plugin.DEPRECATED_VARIABLES.items():
        names = [entry["name"] for entry in OPTIONS[option]["vars"]]
        assert names.index(old) < names.index(new), option
        assert old in " ".join(OPTIONS[option]["description"]) and "deprecated" in " ".join(
            OPTIONS[option]["description"]
        )
    assert [entry["name"] for entry in OPTIONS["user"]["vars"]] == ["passticket_setup_user"]


def test_options_from_environment(lookup, monkeypatch):
    monkeypatch.setenv("PASSTICKET_KEY", LEGACY_KEY)
    monkeypatch.setenv("PASSTICKET_APPL", "TSOAPPL")
    monkeypatch.setenv("PASSTICKET_ALGORITHM", "legacy")
    assert lookup.run(["IBMUSER"], {}, time=T) == ["SJ34FUB5"]


def test_direct_options_win_over_variables(lookup):
    variables = {
        "passticket_setup_key": SECRET_KEY,
        "passticket_setup_application": "OTHER",
        "passticket_setup_type": "upper",
    }
    assert lookup.run(["HOSTUSR"], variables, appl="IOSHMCSM", key=ENHANCED_KEY, type="mixed", time=T) == ["7nrrjv2W"]


# ------------------------------------------------------------ TYPE: never a guess for CSM


@pytest.mark.parametrize("appl", ["IOSHMCSM", "ioshmcsm"])
def test_an_enhanced_ticket_for_csm_without_a_type_is_refused(lookup, appl):
    with pytest.raises(AnsibleLookupError) as caught:
        lookup.run(["HOSTUSR"], {"passticket_setup_key": SECRET_KEY}, appl=appl, time=T)
    message = str(caught.value)
    assert "no type is given for an enhanced PassTicket for application IOSHMCSM" in message
    assert "type='upper'" in message and "passticket_setup_type" in message and "revoking" in message
    assert "5ec2e7" not in message.lower()


@pytest.mark.parametrize("source", ["direct", "variable", "old variable", "environment"])
def test_a_type_from_any_source_satisfies_csm(lookup, monkeypatch, source):
    variables, direct = {}, {}
    if source == "direct":
        direct["type"] = "upper"
    elif source == "variable":
        variables["passticket_setup_type"] = "upper"
    elif source == "old variable":
        variables["passticket_type"] = "upper"
    else:
        monkeypatch.setenv("PASSTICKET_TYPE", "upper")
    assert lookup.run(["HOSTUSR"], variables, appl="IOSHMCSM", key=ENHANCED_KEY, time=T, **direct) == ["3MS55PXF"]


def test_other_applications_and_legacy_tickets_keep_racf_default(lookup):
    assert lookup.run(["HOSTUSR"], {}, appl="IZUDFLT", key=ENHANCED_KEY, time=T) == [
        engine.generate("HOSTUSR", "IZUDFLT", ENHANCED_KEY, T, ptype="mixed")
    ]
    assert lookup.run(["HOSTUSR"], {}, appl="IOSHMCSM", key=LEGACY_KEY, algorithm="legacy", time=T) == [
        engine.generate("HOSTUSR", "IOSHMCSM", LEGACY_KEY, T, "legacy")
    ]


# ------------------------------------------------------------ distinct


def test_distinct_reserves_all_seconds_under_one_lock_and_writes_once(lookup, clock, tmp_path, monkeypatch):
    locks, writes = [], []
    original_flock, original_dump = fcntl.flock, json.dump
    monkeypatch.setattr(plugin.fcntl, "flock", lambda f, op: locks.append(op) or original_flock(f, op))
    monkeypatch.setattr(plugin.json, "dump", lambda *args, **kwargs: writes.append(1) or original_dump(*args, **kwargs))
    tickets = lookup.run(
        ["HOSTUSR", "hostusr", "OTHER", "HOSTUSR"], {}, appl="IOSHMCSM", key=ENHANCED_KEY, type="upper", distinct=True
    )
    assert [ticket_time(t, u) for t, u in zip(tickets, ["HOSTUSR", "HOSTUSR", "OTHER", "HOSTUSR"])] == [
        T,
        T + 1,
        T,
        T + 2,
    ]
    assert locks == [fcntl.LOCK_EX, fcntl.LOCK_UN]
    assert len(writes) == 1
    # it returned once the last second had begun, not before: no ticket is for a future second
    assert clock.slept == [1.75] and clock.now == T + 2
    state = json.loads((tmp_path / "state" / "distinct.json").read_text())
    assert state == {"HOSTUSR IOSHMCSM": [T, T + 1, T + 2], "OTHER IOSHMCSM": [T]}


def test_distinct_waits_for_the_next_second_across_calls(lookup, clock, tmp_path):
    tickets = lookup.run(["HOSTUSR"], {}, appl="IOSHMCSM", key=ENHANCED_KEY, type="upper", distinct=True)
    assert [ticket_time(t) for t in tickets] == [T] and clock.slept == []
    # a later task (another lookup call) in the same second gets the next one
    again = lookup.run(["HOSTUSR", "HOSTUSR"], {}, appl="IOSHMCSM", key=ENHANCED_KEY, type="upper", distinct=True)
    assert [ticket_time(t) for t in again] == [T + 1, T + 2]
    assert clock.slept == [1.75]
    state = json.loads((tmp_path / "state" / "distinct.json").read_text())
    assert state == {"HOSTUSR IOSHMCSM": [T, T + 1, T + 2]}


def test_distinct_does_not_wait_for_another_user_or_application(lookup, clock):
    lookup.run(["HOSTUSR", "OTHER"], {}, appl="IOSHMCSM", key=ENHANCED_KEY, type="upper", distinct=True)
    lookup.run(["HOSTUSR"], {}, appl="IOSHMCS2", key=ENHANCED_KEY, distinct=True)
    assert clock.slept == []


def test_distinct_state_holds_no_key_material(lookup, clock, tmp_path):
    lookup.run(["HOSTUSR"], {}, appl="IOSHMCSM", key=SECRET_KEY, type="upper", distinct=True)
    text = (tmp_path / "state" / "distinct.json").read_text()
    assert "5ec2e7" not in text.lower()
    assert json.loads(text) == {"HOSTUSR IOSHMCSM": [T]}


def test_distinct_with_clock_offset_uses_offset_seconds(lookup, clock):
    tickets = lookup.run(
        ["HOSTUSR", "HOSTUSR"], {}, appl="IOSHMCSM", key=ENHANCED_KEY, type="upper", distinct=True, clock_offset=100
    )
    assert [ticket_time(t) for t in tickets] == [T + 100, T + 101]
    assert clock.now == T + 1


def test_distinct_with_time_is_refused(lookup):
    with pytest.raises(AnsibleLookupError, match="cannot be combined with 'time'"):
        lookup.run(["HOSTUSR"], {}, appl="IOSHMCSM", key=ENHANCED_KEY, type="upper", distinct=True, time=T)


@pytest.mark.parametrize(
    "users, arguments",
    [
        (["HOSTUSR"], {"key": ENHANCED_KEY[:-1]}),
        (["HOSTUSR"], {"appl": "1APPL"}),
        (["HOSTUSR", "BAD USER"], {}),
        (["HOSTUSR"], {"type": None}),
    ],
)
def test_distinct_reserves_nothing_when_an_input_is_invalid(lookup, clock, tmp_path, users, arguments):
    options = dict({"appl": "IOSHMCSM", "key": ENHANCED_KEY, "type": "upper", "distinct": True}, **arguments)
    with pytest.raises(AnsibleLookupError):
        lookup.run(users, {}, **options)
    assert not (tmp_path / "state" / "distinct.json").exists()


def test_distinct_state_file_problems_are_reported(lookup, tmp_path):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    with pytest.raises(AnsibleLookupError, match="cannot use the distinct state file"):
        lookup.run(
            ["HOSTUSR"],
            {},
            appl="IOSHMCSM",
            key=ENHANCED_KEY,
            type="upper",
            distinct=True,
            distinct_state_file=str(blocker / "state.json"),
        )


def test_reservations_forget_old_seconds_and_survive_a_bad_file(tmp_path):
    path = tmp_path / "state.json"
    path.write_text("{not json")
    fake = FakeClock(T)
    reservations = plugin.SecondReservations(str(path), fake.time, fake.sleep)
    assert reservations.reserve(["HOSTUSR"], "IOSHMCSM", 0) == [T]
    fake.now = T + 601
    assert reservations.reserve(["HOSTUSR"], "IOSHMCSM", 0) == [T + 601]
    assert json.loads(path.read_text()) == {"HOSTUSR IOSHMCSM": [T + 601]}


def test_reservations_keep_the_other_names_and_skip_used_seconds(tmp_path):
    path = tmp_path / "state.json"
    path.write_text(json.dumps({"HOSTUSR IOSHMCSM": [T, T + 2], "OTHER IOSHMCSM": [T - 5]}))
    fake = FakeClock(T)
    reservations = plugin.SecondReservations(str(path), fake.time, fake.sleep)
    assert reservations.reserve(["HOSTUSR", "HOSTUSR", "HOSTUSR"], "IOSHMCSM", 0) == [T + 1, T + 3, T + 4]
    assert fake.now == T + 4
    assert json.loads(path.read_text()) == {
        "HOSTUSR IOSHMCSM": [T, T + 1, T + 2, T + 3, T + 4],
        "OTHER IOSHMCSM": [T - 5],
    }


def _reserve_many(path, count, queue):
    reservations = plugin.SecondReservations(path)
    queue.put(reservations.reserve(["HOSTUSR"] * count, "IOSHMCSM", 0))


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


@pytest.mark.parametrize(
    "content",
    [
        '{"HOSTUSR IOSHMCSM": 5}',
        '{"HOSTUSR IOSHMCSM": [1, "2"]}',
        '{"HOSTUSR IOSHMCSM": [true]}',
        '{"HOSTUSR IOSHMCSM": {"a": 1}}',
        '{"HOSTUSR IOSHMCSM": null}',
        "[1, 2]",
        '"text"',
        "5",
        "null",
        "{not json",
        "\x00\x01",
        '{"A B": [1.5]}',
    ],
)
def test_a_state_file_of_any_unexpected_shape_is_reset_with_a_warning(tmp_path, content):
    path = tmp_path / "state.json"
    path.write_text(content)
    fake = FakeClock(T)
    warnings = []
    reservations = plugin.SecondReservations(str(path), fake.time, fake.sleep, warn=warnings.append)
    assert reservations.reserve(["HOSTUSR"], "IOSHMCSM", 0) == [T]
    assert json.loads(path.read_text()) == {"HOSTUSR IOSHMCSM": [T]}
    assert len(warnings) == 1 and "reset" in warnings[0] and str(path) in warnings[0]
    # the next reservation reads the file it wrote: no more warnings
    assert reservations.reserve(["HOSTUSR"], "IOSHMCSM", 0) == [T + 1]
    assert len(warnings) == 1


def test_the_lookup_warns_and_works_with_a_state_file_of_the_wrong_shape(lookup, tmp_path, monkeypatch):
    path = tmp_path / "wrong.json"
    path.write_text('{"HOSTUSR IOSHMCSM": 5}')
    warnings = []
    monkeypatch.setattr(plugin.display, "warning", lambda message, *args, **kwargs: warnings.append(message))
    tickets = lookup.run(
        ["HOSTUSR"], {}, appl="IOSHMCSM", key=ENHANCED_KEY, type="upper", distinct=True, distinct_state_file=str(path)
    )
    assert len(tickets) == 1 and len(tickets[0]) == 8
    assert any("unexpected shape" in warning for warning in warnings)
    assert list(json.loads(path.read_text())) == ["HOSTUSR IOSHMCSM"]


# ------------------------------------------------------------ errors


@pytest.mark.parametrize(
    "options, message",
    [
        ({"key": SECRET_KEY[:63]}, "the enhanced key must be 32 to 256 bytes"),
        ({"key": SECRET_KEY[:14] + "ZZ", "algorithm": "legacy"}, "the legacy key must contain only hex digits"),
        ({"key": SECRET_KEY[:18], "algorithm": "legacy"}, "the legacy key must be exactly 16 hex digits"),
        ({"key": SECRET_KEY, "appl": "1APPL"}, "application name must be"),
        ({"key": SECRET_KEY, "time": -1}, "time must be between"),
    ],
)
def test_errors_are_precise_and_never_show_the_key(lookup, options, message):
    arguments = dict(appl="IOSHMCSM", type="upper")
    arguments.update(options)
    with pytest.raises(AnsibleLookupError, match="passticket: " + message) as caught:
        lookup.run(["HOSTUSR"], {}, **arguments)
    assert "5ec2e7" not in str(caught.value).lower()


def test_a_bad_key_from_the_role_variable_is_not_shown(lookup):
    for value in (SECRET_KEY[:-1], [SECRET_KEY], {"key": SECRET_KEY}):
        with pytest.raises(AnsibleLookupError) as caught:
            lookup.run(["HOSTUSR"], {"passticket_setup_key": value}, appl="IOSHMCSM", type="upper", time=T)
        assert "5ec2e7" not in str(caught.value).lower()


def test_bad_user_id_is_named(lookup):
    with pytest.raises(AnsibleLookupError, match="user ID must be 1 to 8 characters.*got 'HOST USR'"):
        lookup.run(["HOSTUSR", "HOST USR"], {}, appl="IOSHMCSM", key=ENHANCED_KEY, type="upper")


@pytest.mark.parametrize("options", [{"algorithm": "des"}, {"type": "lower"}])
def test_choices_are_enforced(lookup, options):
    with pytest.raises(AnsibleError):
        lookup.run(["HOSTUSR"], {}, appl="IOSHMCSM", key=ENHANCED_KEY, **options)


def test_appl_and_key_are_required(lookup):
    with pytest.raises(AnsibleError, match="appl"):
        lookup.run(["HOSTUSR"], {}, key=ENHANCED_KEY)
    with pytest.raises(AnsibleError, match="key"):
        lookup.run(["HOSTUSR"], {}, appl="IOSHMCSM")
