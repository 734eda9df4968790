"""The bundled ICSF exec (ICSF_EXEC_SOURCE, exactly as shipped) under Regina, against the ICSF stand-ins."""

import pytest

from ansible_collections.mainframe.passticket.plugins.module_utils._zos import icsf_exec as _icsf
from rexx.harness import Harness, InterfaceViolation
from rexx.standins.icsf import register_icsf
from simulator import icsf

LABEL = "USRLCL.CKDS.CSM"
KEY64 = bytes(range(64)).hex().upper()
KEY32 = "AB" * 32
OLD_KEY = "CD" * 40


class Host(object):
    """A harness with the ICSF stand-ins over a dict CKDS."""

    def __init__(self, records=None, fail_next=None, fault=None):
        self.records = dict(records or {})
        self.harness = Harness()
        self.services = register_icsf(self.harness, icsf.Ckds(self.records, fault=fault), fail_next)

    def run(self, *lines):
        return self.harness.run(_icsf.ICSF_EXEC_SOURCE, stdin="".join(line + "\n" for line in lines))


def answer(result):
    assert len(result.lines) == 1, result
    return result.lines[0], result.status


def test_import_builds_a_token_and_creates_the_record():
    host = Host()
    result = host.run("IMPORT " + LABEL, KEY64)
    assert answer(result) == ("RC=0 REASON=0 IMPORTED", 0)
    assert host.records == {LABEL: KEY64}
    assert host.services.calls == ["CSNBKTB2", "CSNBKPI2", "CSNBKPI2", "CSNBKRC2"]
    assert KEY64 not in result.stdout and "KEY" not in result.messages


def test_import_of_an_existing_label_is_16036_and_leaves_the_record():
    host = Host({LABEL: OLD_KEY})
    assert answer(host.run("IMPORT " + LABEL, KEY64)) == ("RC=8 REASON=16036 LABEL ALREADY EXISTS", 8)
    assert host.records == {LABEL: OLD_KEY}


@pytest.mark.parametrize("key, size", [(KEY32, 32), (KEY64, 64), ("EF" * 128, 128), ("01" * 256, 256)])
def test_exists_reports_the_length_window_the_token_allows(key, size):
    host = Host({LABEL: key})
    line, status = answer(host.run("EXISTS " + LABEL))
    low, high = _icsf.length_window(_icsf.payload_bits(size))
    assert (line, status) == ("RC=0 REASON=0 FOUND MINLENGTH={0} MAXLENGTH={1}".format(low, high), 0)
    assert low <= size <= high and high - low <= 7
    assert host.services.calls == ["CSNBKRR2"]


def test_the_window_of_a_32_byte_key_is_29_to_36():
    host = Host({LABEL: KEY32})
    assert host.run("EXISTS " + LABEL).lines == ["RC=0 REASON=0 FOUND MINLENGTH=29 MAXLENGTH=36"]


def test_exists_of_a_null_token_record_and_of_a_missing_label():
    host = Host({LABEL: ""})
    assert answer(host.run("EXISTS " + LABEL)) == ("RC=0 REASON=8 FOUND NULL TOKEN", 0)
    assert answer(host.run("EXISTS OTHER.LABEL")) == ("RC=8 REASON=10012 NOT FOUND", 8)


def test_replace_deletes_and_creates_the_record_with_the_new_key():
    host = Host({LABEL: OLD_KEY})
    assert answer(host.run("REPLACE " + LABEL, KEY64)) == ("RC=0 REASON=0 REPLACED", 0)
    assert host.records == {LABEL: KEY64}
    assert host.services.calls == ["CSNBKRR2", "CSNBKTB2", "CSNBKPI2", "CSNBKPI2", "CSNBKRD", "CSNBKRC2"]


def test_replace_whose_create_fails_writes_the_old_key_back():
    host = Host({LABEL: OLD_KEY}, fail_next={"CSNBKRC2": (8, 16004)})
    assert answer(host.run("REPLACE " + LABEL, KEY64)) == ("RC=8 REASON=16004 CSNBKRC2 FAILED, OLD KEY RESTORED", 8)
    assert host.records == {LABEL: OLD_KEY}
    assert host.services.calls[-3:] == ["CSNBKRD", "CSNBKRC2", "CSNBKRC2"]


def test_replace_whose_key_part_import_fails_changes_nothing():
    host = Host({LABEL: OLD_KEY}, fail_next={"CSNBKPI2": (8, 16000)})
    assert answer(host.run("REPLACE " + LABEL, KEY64)) == ("RC=8 REASON=16000 CSNBKPI2 FIRST FAILED, KEY UNCHANGED", 8)
    assert host.records == {LABEL: OLD_KEY}
    assert "CSNBKRD" not in host.services.calls


def test_replace_of_a_missing_label_is_not_found_and_creates_nothing():
    host = Host()
    assert answer(host.run("REPLACE " + LABEL, KEY64)) == ("RC=8 REASON=10012 NOT FOUND", 8)
    assert host.records == {}


def test_delete_uses_label_dl_and_removes_the_record():
    host = Host({LABEL: KEY64, "OTHER.LABEL": KEY32})
    assert answer(host.run("DELETE " + LABEL)) == ("RC=0 REASON=0 DELETED", 0)
    assert host.records == {"OTHER.LABEL": KEY32}


def test_delete_of_a_missing_label_is_not_found():
    assert answer(Host().run("DELETE " + LABEL)) == ("RC=8 REASON=10012 NOT FOUND", 8)


@pytest.mark.parametrize(
    "key, reason, text",
    [
        ("AB" * 31, 72, "KEY LENGTH MUST BE 32 TO 256 BYTES, REFUSED BEFORE ICSF"),
        ("AB" * 257, 72, "KEY LENGTH MUST BE 32 TO 256 BYTES, REFUSED BEFORE ICSF"),
        ("AB CD" * 20, 0, "KEY IS NOT HEX"),
        ("ABC", 0, "KEY IS NOT HEX"),
        ("", 0, "KEY IS NOT HEX"),
    ],
)
@pytest.mark.parametrize("verb", ["IMPORT", "REPLACE"])
def test_a_short_or_malformed_key_is_refused_before_any_icsf_call(verb, key, reason, text):
    host = Host({LABEL: OLD_KEY} if verb == "REPLACE" else {})
    result = host.run("{0} {1}".format(verb, LABEL), key)
    assert answer(result) == ("RC=8 REASON={0} {1}".format(reason, text), 8)
    assert host.services.calls == []


@pytest.mark.parametrize("line", ["", "EXISTS", "EXISTS A.B EXTRA", "FROB A.B", "exists A.B", "EXISTS " + "A" * 65])
def test_a_malformed_request_line_is_refused(line):
    host = Host()
    line_out, status = answer(host.run(line))
    assert line_out.startswith("RC=8 REASON=0 ") and status == 8
    assert host.services.calls == []


def test_icsf_not_active_is_reported_with_its_codes():
    host = Host({LABEL: KEY64}, fault=icsf.ICSF_NOT_ACTIVE)
    assert answer(host.run("EXISTS " + LABEL)) == ("RC=12 REASON=0 CSNBKRR2 FAILED", 12)


def test_a_service_that_cannot_be_linked_is_not_mistaken_for_success():
    host = Host({LABEL: KEY64})
    host.harness.unregister_program("CSNBKRR2")
    assert answer(host.run("EXISTS " + LABEL)) == ("RC=12 REASON=0 CSNBKRR2 COULD NOT BE CALLED, LINKPGM RC=-3", 12)


def test_the_key_is_wiped_from_the_exec_variables_after_use():
    host = Host()
    seen = {}

    @host.harness.program("CSNBKRC2")
    def krc2(call):
        seen["key"] = call.get_variable("KEY")
        seen["key_part"] = call.get_variable("KEY_PART")
        return host.services.csnbkrc2(call)

    host.run("IMPORT " + LABEL, KEY64)
    assert set(seen["key"]) == {0} and seen["key_part"] == b""


@pytest.mark.parametrize(
    "change, rule",
    [
        (("rule_array = 'LABEL-DL'", "rule_array = 'LABEL   '"), "must be LABEL-DL"),
        (
            (
                "rule_array_count = d2c(5, 4)",
                "rule_array_count = d2c(6, 4)",
                "'GENERATE'\n",
                "'GENERATE' || 'KEY-PART'\n",
            ),
            "KEY-PART are in no source",
        ),
        (("key_part_bit_length = d2c(length(key) * 8, 4)", "key_part_bit_length = d2c(length(key), 4)"), "in bits"),
        (
            ("  step = 'CSNBKPI2 FIRST'\n", "  step = 'CSNBKPI2 FIRST'\n  token = left(token, c2d(token_length))\n"),
            "holds only 56",
        ),
        (("key_label = left(label, 64)", "key_label = label"), "key_label"),
        (("  rule_array_count = d2c(1, 4)\n", "  rule_array_count = d2c(2, 4)\n"), "rule_array_count must be 1"),
    ],
)
def test_the_stand_ins_refuse_a_departure_from_ibms_parameter_lists(change, rule):
    harness = Harness()
    register_icsf(harness, icsf.Ckds({LABEL: OLD_KEY}))
    source = _icsf.ICSF_EXEC_SOURCE
    for old, new in zip(change[::2], change[1::2]):
        assert old in source
        source = source.replace(old, new, 1)
    verb = "DELETE" if "LABEL" in change[0] or "d2c(1, 4)" in change[0] else "REPLACE"
    with pytest.raises(InterfaceViolation, match=rule):
        harness.run(source, stdin="{0} {1}\n{2}\n".format(verb, LABEL, KEY64))
