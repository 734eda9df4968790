"""The bundled IRRXUTIL read exec (RACF_READ_EXEC_SOURCE), run under Regina against the IRRXUTIL stand-in.

The stand-in answers from a simulated host's RACF database (simulator.radmin),
with the layout and return numbers of racf-extract.md; the exec's output is
read back with the product's own parser, as a module would.
"""

import pytest

from ansible_collections.mainframe.passticket.plugins.module_utils._racf import extract
from ansible_collections.mainframe.passticket.plugins.module_utils._zos import read_exec
from rexx import irrxutil
from rexx.harness import Harness, InterfaceViolation, RexxCallError
from simulator import cli, racf, radmin, store

MASKED_KEY = "0123456789ABCDEF"
ENCRYPTED_KEY = "FEDCBA9876543210"
HMAC_LABEL = "USRLCL.CKDS.CSM"
SOURCE = read_exec.RACF_READ_EXEC_SOURCE


class Host:
    """A simulated host in a directory; ``extract`` is R_admin on its current state."""

    def __init__(self, tmp_path, *init_args):
        self.path = str(tmp_path / "zos1")
        assert cli.main(["init", self.path] + list(init_args)) == 0

    def command(self, image):
        with store.transaction(self.path) as txn:
            if image.startswith("IMPORT "):
                txn.state["ckds"][image.split()[1]] = "AB" * 64
                return 0, []
            return racf.run_command(txn, image, "tsocmd")

    def extract(self, profile_type, name):
        return radmin.extract(store.read(self.path), profile_type, name)


@pytest.fixture
def host(tmp_path, capsys):
    made = Host(tmp_path, "--ptktdata-active", "--user", "HOSTUSR:protected", "--user", "OLDUSR:revoked")
    made.command("IMPORT " + HMAC_LABEL)
    define = (
        "RDEFINE PTKTDATA IOSHMCSM SSIGNON(KEYMASKED({0}) EPTKEYLABEL({1}) TYPE(UPPER) TIMEOUT(600) "
        "REPLAY(YES)) APPLDATA('NO REPLAY PROTECTION') UACC(NONE)"
    ).format(MASKED_KEY, HMAC_LABEL)
    assert made.command(define)[0] == 0
    assert made.command("RDEFINE PTKTDATA IRRSQLAP SSIGNON(KEYENCRYPTED({0}))".format(ENCRYPTED_KEY))[0] == 0
    capsys.readouterr()
    return made


def run(extract, requests, register=True, stdin=None):
    harness = Harness()
    answers = irrxutil.register(harness, extract) if register else None
    result = harness.run(SOURCE, stdin=read_exec.render_requests(requests) if stdin is None else stdin)
    return result, answers


def read(extract, requests):
    result, dummy = run(extract, requests)
    return read_exec.parse_read_output(requests, result.status, result.lines), result


def test_user_setropts_and_ptktdata_in_one_run(host):
    requests = [("USER", "HOSTUSR"), ("USER", "OLDUSR"), ("_SETROPTS", None), ("PTKTDATA", "IOSHMCSM")]
    (user, old, setr, ptkt), result = read(host.extract, requests)
    assert result.status == 0 and result.rexx_error is None and result.lines[-1] == "DONE 4"
    base = user.segments["BASE"]
    assert (base["PROTECTD"], base["SPECIAL"], base["REVOKEFL"], base["DFLTGRP"], base["OWNER"]) == (
        "TRUE",
        "FALSE",
        "FALSE",
        "SYS1",
        "IBMUSER",
    )
    assert base["REST"] == "FALSE"  # a field named like a word the exec could use as a variable
    assert base["CGROUP"] == ["SYS1"] and base["CREVOKE"] == [""] and base["CONNECTS"] == "1"
    assert old.segments["BASE"]["REVOKEFL"] == "TRUE"
    setr_base = setr.segments["BASE"]
    assert "PTKTDATA" in setr_base["CLASSACT"] and "PTKTDATA" in setr_base["RACLIST"]
    assert setr_base["CLASSACT"][:3] == ["DATASET", "USER", "GROUP"]
    assert setr_base["GLOBAL"] == [] and setr_base["GLOBAL_CT"] == "0"  # REPEATCOUNT null in the stand-in
    assert ptkt.segments["BASE"]["APPLDATA"] == "NO REPLAY PROTECTION"
    assert ptkt.segments["BASE"]["ACLID"] == ["IBMUSER"] and ptkt.segments["BASE"]["ACLACS"] == ["ALTER"]
    assert ptkt.segments["SSIGNON"] == {
        "KEYMASK": extract.PRESENT,
        "PTKEYLAB": HMAC_LABEL,
        "PTTYPE": "UPPER",
        "PTTIMEO": "600",
        "PTREPLAY": "TRUE",
    }


def test_key_fields_are_reported_present_and_never_printed(host):
    (masked, encrypted), result = read(host.extract, [("PTKTDATA", "IOSHMCSM"), ("PTKTDATA", "IRRSQLAP")])
    assert masked.segments["SSIGNON"]["KEYMASK"] == extract.PRESENT
    assert encrypted.segments["SSIGNON"] == {"KEYCRYPT": extract.PRESENT}
    # the stand-in handed the exec both keys (the worst case the spec leaves open)
    assert MASKED_KEY not in result.stdout + result.messages and ENCRYPTED_KEY not in result.stdout + result.messages
    assert "SSIGNON.KEYMASK=<present>" in result.lines and "SSIGNON.KEYCRYPT=<present>" in result.lines


def test_an_unknown_field_of_a_key_segment_is_reported_present_only(host):
    def with_extra_key_field(profile_type, name):
        codes, extracted = host.extract(profile_type, name)
        segments = [
            (segment, fields + [radmin.Scalar("SSKEY", MASKED_KEY, False)] if segment == "SSIGNON" else fields)
            for segment, fields in extracted.segments
        ]
        return codes, extracted._replace(segments=segments)

    (ptkt,), result = read(with_extra_key_field, [("PTKTDATA", "IOSHMCSM")])
    assert ptkt.segments["SSIGNON"]["SSKEY"] == extract.PRESENT and MASKED_KEY not in result.stdout


def test_not_found_and_class_not_in_cdt(host):
    requests = [("PTKTDATA", "NOSUCH"), ("USER", "NOBODY"), ("NOCLASS", "X")]
    result, answers = run(host.extract, requests)
    assert [a.value for a in answers] == ["12 12 4 4 4", "12 12 4 4 4", "12 12 4 4 12"]
    assert result.status == 0 and "STATUS NOT_FOUND" in result.lines and "STATUS ERROR" in result.lines
    with pytest.raises(extract.ExtractError, match=r"NOCLASS profile X.*R_admin failed.*12 12 4 4 12"):
        read_exec.parse_read_output(requests, result.status, result.lines)
    found, dummy = read(host.extract, requests[:2])
    assert [r.status for r in found] == [extract.STATUS_NOT_FOUND, extract.STATUS_NOT_FOUND]


@pytest.mark.parametrize(
    "denied, request_",
    [
        ("IRR.RADMIN.LISTUSER", ("USER", "HOSTUSR")),
        ("IRR.RADMIN.RLIST", ("PTKTDATA", "IOSHMCSM")),
        ("IRR.RADMIN.SETROPTS.LIST", ("_SETROPTS", None)),
    ],
)
def test_not_authorized_without_the_facility_profile(tmp_path, denied, request_):
    other = Host(tmp_path, "--radmin-deny", denied, "--user", "HOSTUSR")
    other.command("RDEFINE PTKTDATA IOSHMCSM UACC(NONE)")
    result, answers = run(other.extract, [request_])
    assert answers[0].value == "12 12 8 8 24" and "STATUS NOT_AUTHORIZED" in result.lines
    with pytest.raises(extract.ExtractError, match=denied.replace(".", r"\.")) as error:
        read_exec.parse_read_output([request_], result.status, result.lines)
    assert error.value.status == "NOT_AUTHORIZED"


def test_ssignon_segment_omitted_for_a_caller_who_may_not_see_it(tmp_path, host):
    with store.transaction(host.path) as txn:
        txn.state["users"]["IBMUSER"]["special"] = False
    (ptkt,), dummy = read(host.extract, [("PTKTDATA", "IOSHMCSM")])
    assert ptkt.status == extract.STATUS_FOUND and set(ptkt.segments) == {"BASE"}


def test_irrxutil_not_callable_is_reported_unavailable(host):
    result, dummy = run(host.extract, [("USER", "HOSTUSR"), ("_SETROPTS", None)], register=False)
    assert result.lines == [read_exec.PROTOCOL_HEADER, "BEGIN USER HOSTUSR", "UNAVAILABLE 43 Routine not found"]
    assert result.status == 4
    with pytest.raises(extract.ExtractUnavailable, match="REXX error 43"):
        read_exec.parse_read_output([("USER", "HOSTUSR")], result.status, result.lines)


def test_a_failing_irrxutil_call_is_reported_unavailable_too():
    def failing(call):
        raise RexxCallError("the module could not be loaded")

    harness = Harness()
    harness.register_function("IRRXUTIL", failing)
    result = harness.run(SOURCE, stdin="USER HOSTUSR\n")
    assert result.lines[-1] == "UNAVAILABLE 40 Incorrect call to routine" and result.status == 4


def test_an_empty_line_or_end_of_file_ends_the_requests(host):
    result, answers = run(host.extract, None, stdin="USER HOSTUSR\n\nUSER OLDUSR\n")
    assert len(answers) == 1 and result.lines[-1] == "DONE 1"
    result, answers = run(host.extract, None, stdin="")
    assert answers == [] and result.lines == [read_exec.PROTOCOL_HEADER, "DONE 0"] and result.status == 0


@pytest.mark.parametrize("stdin", ["USER\n", "USER HOSTUSR EXTRA\n"])
def test_a_malformed_request_aborts_before_any_extract(host, stdin):
    result, answers = run(host.extract, None, stdin=stdin)
    assert answers == [] and result.lines[-1].startswith("ABORT BAD REQUEST") and result.status == 12


def test_too_many_requests_abort(host):
    result, answers = run(host.extract, None, stdin="USER HOSTUSR\n" * (read_exec.MAX_REQUESTS + 1))
    assert len(answers) == read_exec.MAX_REQUESTS and result.lines[-1] == "ABORT MORE THAN 64 REQUESTS"


def test_a_value_holding_a_line_end_is_not_printed(host):
    def with_newline(profile_type, name):
        codes, extracted = host.extract(profile_type, name)
        fields = [
            radmin.Scalar("APPLDATA", "A\nSSIGNON.PTTIMEO=1", False) if f.name == "APPLDATA" else f
            for f in extracted.segments[0][1]
        ]
        return codes, extracted._replace(segments=[("BASE", fields)] + extracted.segments[1:])

    (ptkt,), result = read(with_newline, [("PTKTDATA", "IOSHMCSM")])
    assert "UNPRINTABLE BASE.APPLDATA" in result.lines and "APPLDATA" not in ptkt.segments["BASE"]
    assert ptkt.segments["SSIGNON"]["PTTIMEO"] == "600"


def test_the_exec_calls_irrxutil_as_documented(host):
    calls = []

    def recording(profile_type, name):
        calls.append((profile_type, name))
        return host.extract(profile_type, name)

    run(recording, [("USER", "HOSTUSR"), ("_SETROPTS", None), ("PTKTDATA", "IOSHMCSM")])
    assert calls == [("USER", "HOSTUSR"), ("_SETROPTS", "_SETROPTS"), ("PTKTDATA", "IOSHMCSM")]


def test_a_stand_in_rule_violation_fails_the_run(host):
    source = SOURCE.replace("'XR', '', 'FALSE'", "'XR', '', 'false'")
    harness = Harness()
    irrxutil.register(harness, host.extract)
    with pytest.raises(InterfaceViolation, match="'TRUE' or 'FALSE' in upper case"):
        harness.run(source, stdin="USER HOSTUSR\n")


def test_a_key_field_is_reported_present_in_any_segment(host):
    def key_in_base(profile_type, name):
        codes, extracted = host.extract(profile_type, name)
        base = extracted.segments[0][1] + [radmin.Scalar("KEYCRYPT", ENCRYPTED_KEY, False)]
        return codes, extracted._replace(segments=[("BASE", base)])

    (user,), result = read(key_in_base, [("USER", "HOSTUSR")])
    assert user.segments["BASE"]["KEYCRYPT"] == extract.PRESENT and ENCRYPTED_KEY not in result.stdout
