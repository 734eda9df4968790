"""PTKTDATA profiles: desired state from options, and only the differing operands."""
import pytest

from ansible_collections.mainframe.passticket.plugins.module_utils import _racf_ptktdata as ptktdata
from ansible_collections.mainframe.passticket.plugins.module_utils._racf_rlist import parse_rlist

KEY = "0123456789ABCDEF"
NAME = "IOSHMCSM.HOSTUSR"


def want(**params):
    return ptktdata.desired_state(params)


def enhanced(**changes):
    ssignon = {"legacy_key": None, "legacy_keylabel": None, "eptkeylabel": "USRLCL.CKDS.CSM", "type": "UPPER", "timeout": 600, "replay": False}
    ssignon.update(changes)
    return ssignon


def existing(ssignon=None, **changes):
    state = {"class": "PTKTDATA", "name": NAME, "owner": "SYSADM", "uacc": "NONE", "appldata": "CSM TO HYPERSWAP CONNECTION",
             "ssignon": ssignon}
    state.update(changes)
    return state


CSM = dict(eptkeylabel="usrlcl.ckds.csm", type="upper", timeout=600, appldata="CSM TO HYPERSWAP CONNECTION")


def test_absent_profile_is_defined_with_everything_given():
    wanted, key = want(**CSM)
    assert ptktdata.plan(NAME, None, wanted, key) == [
        "RDEFINE PTKTDATA IOSHMCSM.HOSTUSR APPLDATA('CSM TO HYPERSWAP CONNECTION') "
        "SSIGNON(EPTKEYLABEL(USRLCL.CKDS.CSM) TYPE(UPPER) TIMEOUT(600))"]
    assert ptktdata.predict_after(None, wanted, NAME) == existing(enhanced(), owner=None)


def test_equal_profile_needs_nothing():
    wanted, key = want(**CSM)
    assert ptktdata.plan(NAME, existing(enhanced()), wanted, key) == []


def test_only_differing_operands_are_altered():
    wanted, key = want(eptkeylabel="NEW.LABEL", type="upper", timeout=600, owner="sysadm", uacc="read")
    assert ptktdata.plan(NAME, existing(enhanced()), wanted, key) == ["RALTER PTKTDATA IOSHMCSM.HOSTUSR UACC(READ) SSIGNON(EPTKEYLABEL(NEW.LABEL))"]


def test_racf_defaults_count_as_equal():
    # a label without TYPE/TIMEOUT/REPLAY lines is MIXED, 60, NO [doc]
    have = existing(enhanced(type=None, timeout=None, replay=None))
    wanted, key = want(eptkeylabel="USRLCL.CKDS.CSM", type="mixed", timeout=60, replay=False)
    assert ptktdata.plan(NAME, have, wanted, key) == []


def test_omitted_options_are_left_alone():
    assert ptktdata.plan(NAME, existing(enhanced(), owner="OTHER", uacc="READ"), want()[0]) == []


def test_appldata_removed_with_empty_string_and_kept_verbatim():
    assert ptktdata.plan(NAME, existing(), want(appldata="")[0]) == ["RALTER PTKTDATA IOSHMCSM.HOSTUSR NOAPPLDATA"]
    assert ptktdata.plan(NAME, existing(appldata=None), want(appldata="")[0]) == []
    assert ptktdata.plan(NAME, None, want(appldata="")[0]) == ["RDEFINE PTKTDATA IOSHMCSM.HOSTUSR"]
    hostile = "X') UACC(ALTER) OWNER(EVIL) DATA('"
    [image] = ptktdata.plan(NAME, existing(), want(appldata=hostile)[0])
    assert image == "RALTER PTKTDATA IOSHMCSM.HOSTUSR APPLDATA('X'') UACC(ALTER) OWNER(EVIL) DATA(''')"


@pytest.mark.parametrize("have_legacy, update, expected", [
    (None, "on_create", True),          # no key yet: write it
    ("masked", "on_create", False),     # RACF holds one already: cannot compare, leave it
    ("encrypted", "on_create", True),   # held differently: write it as wanted
    ("label", "on_create", True),
    ("masked", "always", True),
])
def test_legacy_key_policy(have_legacy, update, expected):
    wanted, key = want(legacy_key=KEY.lower(), legacy_key_storage="masked")
    have = existing(enhanced(legacy_key=have_legacy, legacy_keylabel="L.ABEL" if have_legacy == "label" else None))
    commands = ptktdata.plan(NAME, have, wanted, key, legacy_key_update=update)
    assert commands == (["RALTER PTKTDATA IOSHMCSM.HOSTUSR SSIGNON(KEYMASKED({0}))".format(KEY)] if expected else [])


def test_legacy_key_on_a_new_profile_and_encrypted_storage():
    wanted, key = want(legacy_key=KEY, legacy_key_storage="encrypted")
    assert ptktdata.plan(NAME, None, wanted, key) == ["RDEFINE PTKTDATA IOSHMCSM.HOSTUSR SSIGNON(KEYENCRYPTED({0}))".format(KEY)]
    after = ptktdata.predict_after(None, wanted, NAME)
    assert after["ssignon"]["legacy_key"] == "encrypted" and KEY not in repr(after)


def test_legacy_keylabel_compared_by_label():
    wanted, key = want(legacy_keylabel="legacy.key")
    assert ptktdata.plan(NAME, existing(enhanced(legacy_key="label", legacy_keylabel="LEGACY.KEY")), wanted) == []
    assert ptktdata.plan(NAME, existing(enhanced(legacy_key="masked")), wanted) == ["RALTER PTKTDATA IOSHMCSM.HOSTUSR SSIGNON(KEYLABEL(LEGACY.KEY))"]


def test_absent_state():
    assert ptktdata.plan(NAME, existing(), {}, state="absent") == ["RDELETE PTKTDATA IOSHMCSM.HOSTUSR"]
    assert ptktdata.plan(NAME, None, {}, state="absent") == []


@pytest.mark.parametrize("params", [
    dict(legacy_key="0123"), dict(legacy_key="XYZ3456789ABCDEF"), dict(timeout=0), dict(timeout=601),
    dict(eptkeylabel="BAD LABEL"), dict(uacc="ALL"), dict(owner="1BAD"), dict(appldata="A" * 256),
    dict(appldata="tab\there"), dict(legacy_key=KEY, legacy_keylabel="A.B"),
])
def test_bad_input_is_rejected_before_any_command(params):
    with pytest.raises(ValueError) as error:
        ptktdata.desired_state(params)
    if "legacy_key" in params:
        assert params["legacy_key"] not in str(error.value)


def test_bad_name_is_rejected():
    with pytest.raises(ValueError):
        ptktdata.plan("APPL.*", None, {})


def test_find_profile_skips_a_covering_generic_profile():
    generic = {"name": NAME, "generic": True}
    discrete = {"name": NAME, "generic": False}
    assert ptktdata.find_profile([generic], NAME) is None
    assert ptktdata.find_profile([generic, discrete], NAME) is discrete


def test_profile_state_from_rlist_never_holds_key_material():
    text = "\n".join([
        "CLASS      NAME", "-----      ----", "PTKTDATA   IOSHMCSM.HOSTUSR", "",
        "LEVEL  OWNER      UNIVERSAL ACCESS  YOUR ACCESS  WARNING",
        "-----  --------   ----------------  -----------  -------",
        " 00    SYSADM          NONE              ALTER    NO", "",
        "APPLICATION DATA", "----------------", "CSM TO HYPERSWAP CONNECTION", "",
        "SSIGNON INFORMATION", "-------------------", "KEYMASKED DATA NOT DISPLAYABLE",
        "ENHANCED PASSTICKET LABEL: USRLCL.CKDS.CSM", "ENHANCED PASSTICKET TYPE: UPPER",
        "ENHANCED PASSTICKET TIMEOUT: 600", "ENHANCED PASSTICKET REPLAY: NO",
    ])
    state = ptktdata.profile_state(ptktdata.find_profile(parse_rlist(text), NAME))
    assert state == existing(enhanced(legacy_key="masked"))
    assert ptktdata.profile_state(None) is None
