"""R_admin extract on the simulated RACF database and the IRRXUTIL stand-in's stem variables (pure Python)."""

import pytest

from rexx.irrxutil import IrrxutilRuleError, call_irrxutil, check_arguments
from sim_helpers import store
from simulator import radmin

KEY = "0123456789ABCDEF"


def extractor(host):
    state = store.read(str(host.path))
    return lambda profile_type, name: radmin.extract(state, profile_type, name)


def stem(host, *args):
    answer = call_irrxutil(list(args), extractor(host))
    return answer.value, answer.clear_stem, dict(answer.variables)


def test_user_base_fields_and_connect_group(make_sim):
    host = make_sim("--user", "HOSTUSR:protected")
    value, clear, xr = stem(host, "EXTRACT", "USER", "HOSTUSR", "XR", "", "FALSE")
    assert value == "0 0 0 0 0" and clear
    assert xr["XR.PROFILE"] == "HOSTUSR" and xr["XR.CLASS"] == "USER" and xr["XR.GENERIC"] == "FALSE"
    assert xr["XR.0"] == "1" and xr["XR.1"] == "BASE" and xr["XR.BASE.FLAGS"] == "00000000"
    fields = [xr["XR.BASE.%d" % i] for i in range(1, int(xr["XR.BASE.0"]) + 1)]
    assert {"OWNER", "SPECIAL", "PROTECTD", "REVOKEFL", "DFLTGRP", "CONNECTS", "CGROUP", "CREVOKE"} <= set(fields)
    assert xr["XR.BASE.PROTECTD.1"] == "TRUE" and xr["XR.BASE.PROTECTD.BOOLEAN"] == "TRUE"
    assert xr["XR.BASE.HASPWD.1"] == "FALSE" and xr["XR.BASE.SPECIAL.1"] == "FALSE"
    assert xr["XR.BASE.OWNER.1"] == "IBMUSER" and xr["XR.BASE.OWNER.0"] == "1"
    assert "PASSINT" not in fields  # protected: no password interval
    assert xr["XR.BASE.CONNECTS.REPEATCOUNT"] == "1" and xr["XR.BASE.CONNECTS.SUBFIELD.1"] == "CGROUP"
    assert xr["XR.BASE.CGROUP.1"] == "SYS1" and xr["XR.BASE.CGROUP.REPEATING"] == "TRUE"
    assert xr["XR.BASE.CREVOKE.1"] == ""  # an empty sub-field keeps its descriptor


def test_revoked_and_special(make_sim):
    host = make_sim("--user", "OLDUSR:revoked")
    assert stem(host, "EXTRACT", "USER", "OLDUSR", "XR")[2]["XR.BASE.REVOKEFL.1"] == "TRUE"
    assert stem(host, "EXTRACT", "USER", "IBMUSER", "XR")[2]["XR.BASE.SPECIAL.1"] == "TRUE"


def test_setropts_lists_with_ct_headers(make_sim):
    host = make_sim("--ptktdata-active")
    value, dummy, xr = stem(host, "EXTRACT", "_SETROPTS", "_SETROPTS", "SETR")
    assert value == "0 0 0 0 0"
    count = int(xr["SETR.BASE.CLASSACT_CT.REPEATCOUNT"])
    active = [xr["SETR.BASE.CLASSACT.%d" % i] for i in range(1, count + 1)]
    assert active[:3] == ["DATASET", "USER", "GROUP"] and "PTKTDATA" in active
    assert xr["SETR.BASE.CLASSACT.0"] == str(count)
    raclist = [xr["SETR.BASE.RACLIST.%d" % i] for i in range(1, int(xr["SETR.BASE.RACLIST_CT.REPEATCOUNT"]) + 1)]
    assert "PTKTDATA" in raclist
    # an empty list: header present, REPEATCOUNT null (allowed by the spec), sub-field count 0
    assert "SETR.BASE.GLOBAL_CT.REPEATCOUNT" not in xr and xr["SETR.BASE.GLOBAL_CT.SUBFIELD.1"] == "GLOBAL"
    assert xr["SETR.BASE.GLOBAL.0"] == "0"


def test_ptktdata_profile_with_ssignon(make_sim):
    host = make_sim("--ptktdata-active")
    with store.transaction(str(host.path)) as txn:  # RACF only checks that the label is in the CKDS
        txn.state["ckds"]["USRLCL.CKDS.CSM"] = "AB" * 64
    host.ok(
        "RDEFINE PTKTDATA IOSHMCSM SSIGNON(KEYMASKED({0}) EPTKEYLABEL(USRLCL.CKDS.CSM) TYPE(UPPER) "
        "TIMEOUT(600)) APPLDATA('NO REPLAY PROTECTION') UACC(NONE)".format(KEY)
    )
    value, dummy, xr = stem(host, "EXTRACT", "PTKTDATA", "IOSHMCSM", "XR", "", "FALSE")
    assert value == "0 0 0 0 0" and [xr["XR.1"], xr["XR.2"]] == ["BASE", "SSIGNON"]
    assert xr["XR.BASE.APPLDATA.1"] == "NO REPLAY PROTECTION" and xr["XR.BASE.UACC.1"] == "NONE"
    assert xr["XR.BASE.ACLID.1"] == "IBMUSER" and xr["XR.BASE.ACLACS.1"] == "ALTER"
    assert xr["XR.SSIGNON.PTKEYLAB.1"] == "USRLCL.CKDS.CSM" and xr["XR.SSIGNON.PTTYPE.1"] == "UPPER"
    assert xr["XR.SSIGNON.PTTIMEO.1"] == "600" and xr["XR.SSIGNON.PTREPLAY.1"] == "FALSE"
    # the worst case the spec leaves open: the key value handed out in KEYMASK
    assert xr["XR.SSIGNON.KEYMASK.1"] == KEY


def test_ssignon_omitted_for_a_caller_who_may_not_see_it(make_sim):
    host = make_sim("--no-special", "--ptktdata-active")
    with store.transaction(str(host.path)) as txn:
        txn.state["profiles"]["PTKTDATA"] = {
            "IOSHMCSM": {
                "owner": "IBMUSER",
                "uacc": "NONE",
                "appldata": None,
                "data": None,
                "level": 0,
                "warning": False,
                "access": {"IBMUSER": "ALTER"},
                "created": "26.335",
                "session": None,
                "ssignon": {
                    "legacy_key": "label",
                    "legacy_key_value": None,
                    "legacy_keylabel": "A.B",
                    "eptkeylabel": None,
                    "type": None,
                    "timeout": None,
                    "replay": None,
                },
            }
        }
    value, dummy, xr = stem(host, "EXTRACT", "PTKTDATA", "IOSHMCSM", "XR", "", "FALSE")
    assert value == "0 0 0 0 0" and xr["XR.0"] == "1" and "XR.SSIGNON.0" not in xr


@pytest.mark.parametrize(
    "init, args, value",
    [
        ((), ("EXTRACT", "USER", "NOBODY", "XR"), "12 12 4 4 4"),
        ((), ("EXTRACT", "PTKTDATA", "NOPROF", "XR", "", "FALSE"), "12 12 4 4 4"),
        ((), ("EXTRACT", "NOCLASS", "X", "XR", "", "FALSE"), "12 12 4 4 12"),
        (("--radmin-deny", "IRR.RADMIN.LISTUSER"), ("EXTRACT", "USER", "IBMUSER", "XR"), "12 12 8 8 24"),
        (("--radmin-deny", "IRR.RADMIN.SETROPTS.LIST"), ("EXTRACT", "_SETROPTS", "_SETROPTS", "XR"), "12 12 8 8 24"),
        (("--radmin-deny", "IRR.RADMIN.RLIST"), ("EXTRACT", "PTKTDATA", "NOPROF", "XR", "", "FALSE"), "12 12 8 8 24"),
        (("--no-special", "--user", "OTHER"), ("EXTRACT", "USER", "OTHER", "XR"), "0 0 0 0 0"),  # caller owns it
        (("--no-special",), ("EXTRACT", "USER", "IBMUSER", "XR"), "0 0 0 0 0"),  # itself
    ],
)
def test_return_numbers(make_sim, init, args, value):
    host = make_sim(*init)
    answer = call_irrxutil(list(args), extractor(host))
    assert answer.value == value
    assert answer.clear_stem and (answer.variables == []) == (value != "0 0 0 0 0")


def test_no_special_caller_may_not_list_another_owners_user(make_sim):
    host = make_sim("--no-special", "--user", "OTHER")
    with store.transaction(str(host.path)) as txn:
        txn.state["users"]["OTHER"]["owner"] = "SYS1"
    assert call_irrxutil(["EXTRACT", "USER", "OTHER", "XR"], extractor(host)).value == "12 12 8 8 24"


def test_a_stem_with_a_period_is_not_cleared(sim):
    answer = call_irrxutil(["EXTRACT", "USER", "IBMUSER", "USERS.IBMUSER"], extractor(sim))
    assert answer.value.split()[0] == "2" and not answer.clear_stem
    assert dict(answer.variables)["USERS.IBMUSER.BASE.OWNER.1"] == "IBMUSER"


@pytest.mark.parametrize(
    "args, rule",
    [
        (["EXTRACT", "USER", "IBMUSER"], "4 to 6 arguments"),
        (["EXTRACT", "USER", "IBMUSER", "XR", "", "FALSE", "X"], "4 to 6 arguments"),
        (["extract", "USER", "IBMUSER", "XR"], "EXTRACT or EXTRACTN in upper case"),
        (["EXTRACTN", "USER", "IBMUSER", "XR"], "EXTRACTN is not modelled"),
        (["EXTRACT", "user", "IBMUSER", "XR"], "upper-case class name"),
        (["EXTRACT", "DATASET", "SYS1.X", "XR"], "DATASET class is not supported"),
        (["EXTRACT", "_SETROPTS", "SETR", "XR"], "_SETROPTS as both class and profile"),
        (["EXTRACT", "USER", "IBMUSER", "XR."], "without a trailing period"),
        (["EXTRACT", "USER", "IBMUSER", "X" * 33], "1-32 characters"),
        (["EXTRACT", "USER", "IBMUSER", "XR", "P.X"], "no period"),
        (["EXTRACT", "USER", "IBMUSER", "XR", "R_"], "non-empty prefix is not modelled"),
        (["EXTRACT", "PTKTDATA", "A", "XR", "", "false"], "'TRUE' or 'FALSE' in upper case"),
        (["EXTRACT", "PTKTDATA", "A", "XR", "", "TRUE"], "generic TRUE is not modelled"),
        (["EXTRACT", "USER", "", "XR"], "profile must be given"),
    ],
)
def test_parameter_rules(args, rule):
    with pytest.raises(IrrxutilRuleError, match=rule):
        check_arguments(args)


def test_arguments_as_bytes_and_omitted():
    assert check_arguments([b"EXTRACT", b"USER", b"IBMUSER", b"XR", None, None]) == (
        "EXTRACT",
        "USER",
        "IBMUSER",
        "XR",
        "",
        "FALSE",
    )
