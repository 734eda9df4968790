"""PTKTDATA profiles: desired state from options, reads through both interfaces, only the differing operands."""

import pytest

from ansible_collections.mainframe.passticket.plugins.module_utils._engine.table import Read, UnreadableField
from ansible_collections.mainframe.passticket.plugins.module_utils._racf.extract import (
    PRESENT,
    STATUS_FOUND,
    STATUS_NOT_FOUND,
    ExtractResult,
)
from ansible_collections.mainframe.passticket.plugins.module_utils._resources import ptktdata_profile as ptktdata
from ansible_collections.mainframe.passticket.plugins.module_utils._zos.runner import SecretCommand

KEY = "0123456789ABCDEF"
NAME = "IOSHMCSM.HOSTUSR"
HOSTILE = "X') UACC(ALTER) OWNER(EVIL) DATA('"


def want(**params):
    return ptktdata.desired_state(params)


def plan(have, wanted, state="present", unreadable=None):
    return ptktdata.plan_profile(NAME, Read(have, unreadable or {}, ["RAW LINE"]), wanted, state)


def enhanced(**changes):
    ssignon = {
        "legacy_key": None,
        "legacy_keylabel": None,
        "eptkeylabel": "USRLCL.CKDS.CSM",
        "type": "UPPER",
        "timeout": 600,
        "replay": False,
    }
    ssignon.update(changes)
    return ssignon


def existing(ssignon=None, **changes):
    state = {
        "class": "PTKTDATA",
        "name": NAME,
        "owner": "SYSADM",
        "uacc": "NONE",
        "appldata": "CSM TO HYPERSWAP CONNECTION",
        "ssignon": ssignon,
    }
    state.update(changes)
    return state


CSM = dict(eptkeylabel="usrlcl.ckds.csm", type="upper", timeout=600, appldata="CSM TO HYPERSWAP CONNECTION")


def test_absent_profile_is_defined_with_everything_given():
    result = plan(None, want(**CSM))
    assert result.commands == [
        "RDEFINE PTKTDATA IOSHMCSM.HOSTUSR APPLDATA('CSM TO HYPERSWAP CONNECTION') "
        "SSIGNON(EPTKEYLABEL(USRLCL.CKDS.CSM) TYPE(UPPER) TIMEOUT(600))"
    ]
    assert result.before is None
    assert result.after == existing(enhanced(), owner=None)


def test_equal_profile_needs_nothing():
    result = plan(existing(enhanced()), want(**CSM))
    assert result.commands == [] and result.after == result.before == existing(enhanced())


def test_only_differing_operands_are_altered():
    result = plan(
        existing(enhanced()), want(eptkeylabel="NEW.LABEL", type="upper", timeout=600, owner="sysadm", uacc="read")
    )
    assert result.commands == ["RALTER PTKTDATA IOSHMCSM.HOSTUSR UACC(READ) SSIGNON(EPTKEYLABEL(NEW.LABEL))"]
    assert result.after == existing(enhanced(eptkeylabel="NEW.LABEL"), uacc="READ")


def test_racf_defaults_count_as_equal():
    # a label without TYPE/TIMEOUT/REPLAY values is MIXED, 60, NO [doc]
    have = existing(enhanced(type=None, timeout=None, replay=None))
    assert plan(have, want(eptkeylabel="USRLCL.CKDS.CSM", type="mixed", timeout=60, replay=False)).commands == []


def test_omitted_options_are_left_alone():
    assert plan(existing(enhanced(), owner="OTHER", uacc="READ"), want()).commands == []


def test_appldata_removed_with_empty_string_and_kept_verbatim():
    assert plan(existing(), want(appldata="")).commands == ["RALTER PTKTDATA IOSHMCSM.HOSTUSR NOAPPLDATA"]
    assert plan(existing(appldata=None), want(appldata="")).commands == []
    assert plan(None, want(appldata="")).commands == ["RDEFINE PTKTDATA IOSHMCSM.HOSTUSR"]
    [image] = plan(existing(), want(appldata=HOSTILE)).commands
    assert image == "RALTER PTKTDATA IOSHMCSM.HOSTUSR APPLDATA(" + "'X'') UACC(ALTER) OWNER(EVIL) DATA('''" + ")"


@pytest.mark.parametrize(
    "have_legacy, update, expected",
    [
        (None, "on_create", True),  # no key yet: write it
        ("masked", "on_create", False),  # RACF holds one already: cannot compare, leave it
        ("encrypted", "on_create", True),  # held differently: write it as wanted
        ("label", "on_create", True),
        ("masked", "always", True),
    ],
)
def test_legacy_key_policy(have_legacy, update, expected):
    wanted = want(legacy_key=KEY.lower(), legacy_key_storage="masked", legacy_key_update=update)
    have = existing(enhanced(legacy_key=have_legacy, legacy_keylabel="L.ABEL" if have_legacy == "label" else None))
    commands = plan(have, wanted).commands
    assert commands == (["RALTER PTKTDATA IOSHMCSM.HOSTUSR SSIGNON(KEYMASKED({0}))".format(KEY)] if expected else [])
    # the image that carries the key is marked, so the runner never puts it on a command line
    assert all(isinstance(image, SecretCommand) for image in commands)


def test_legacy_key_on_a_new_profile_and_encrypted_storage():
    result = plan(None, want(legacy_key=KEY, legacy_key_storage="encrypted"))
    assert result.commands == ["RDEFINE PTKTDATA IOSHMCSM.HOSTUSR SSIGNON(KEYENCRYPTED({0}))".format(KEY)]
    assert result.after["ssignon"]["legacy_key"] == "encrypted" and KEY not in repr(result.after)
    assert KEY not in repr(want(legacy_key=KEY))


def test_legacy_keylabel_compared_by_label():
    wanted = want(legacy_keylabel="legacy.key")
    assert plan(existing(enhanced(legacy_key="label", legacy_keylabel="LEGACY.KEY")), wanted).commands == []
    result = plan(existing(enhanced(legacy_key="masked")), wanted)
    assert result.commands == ["RALTER PTKTDATA IOSHMCSM.HOSTUSR SSIGNON(KEYLABEL(LEGACY.KEY))"]
    assert not isinstance(result.commands[0], SecretCommand)
    assert (
        result.after["ssignon"]["legacy_key"] == "label" and result.after["ssignon"]["legacy_keylabel"] == "LEGACY.KEY"
    )


def test_absent_state():
    assert plan(existing(), {}, state="absent").commands == ["RDELETE PTKTDATA IOSHMCSM.HOSTUSR"]
    assert plan(existing(), {}, state="absent").after is None
    assert plan(None, {}, state="absent").commands == []


def test_a_wanted_field_that_could_not_be_read_fails_before_any_command():
    unreadable = dict((name, "RACF answered IRR52021I") for name in ptktdata.SSIGNON_FIELDS)
    with pytest.raises(UnreadableField) as error:
        plan(existing(None), want(timeout=600), unreadable=unreadable)
    assert "cannot read timeout of PTKTDATA profile IOSHMCSM.HOSTUSR" in str(error.value)
    assert "IRR52021I" in str(error.value) and "RAW LINE" in str(error.value)
    # a field that is not compared need not be read
    assert plan(existing(None), want(appldata="CSM TO HYPERSWAP CONNECTION"), unreadable=unreadable).commands == []


@pytest.mark.parametrize(
    "params",
    [
        dict(legacy_key="0123"),
        dict(legacy_key="XYZ3456789ABCDEF"),
        dict(timeout=0),
        dict(timeout=601),
        dict(eptkeylabel="BAD LABEL"),
        dict(uacc="ALL"),
        dict(owner="1BAD"),
        dict(appldata="A" * 256),
        dict(appldata="tab\there"),
        dict(legacy_key=KEY, legacy_keylabel="A.B"),
    ],
)
def test_bad_input_is_rejected_before_any_command(params):
    with pytest.raises(ValueError) as error:
        ptktdata.desired_state(params)
    if "legacy_key" in params:
        assert params["legacy_key"] not in str(error.value)


def test_bad_name_is_rejected():
    with pytest.raises(ValueError):
        ptktdata.plan_profile("APPL.*", Read(None, {}, []), {})


def test_find_profile_skips_a_covering_generic_profile():
    generic = {"name": NAME, "generic": True}
    discrete = {"name": NAME, "generic": False}
    assert ptktdata.find_profile([generic], NAME) is None
    assert ptktdata.find_profile([generic, discrete], NAME) is discrete


RLIST_ENHANCED = "\n".join(
    [
        "CLASS      NAME",
        "-----      ----",
        "PTKTDATA   IOSHMCSM.HOSTUSR",
        "",
        "LEVEL  OWNER      UNIVERSAL ACCESS  YOUR ACCESS  WARNING",
        "-----  --------   ----------------  -----------  -------",
        " 00    SYSADM          NONE              ALTER    NO",
        "",
        "APPLICATION DATA",
        "----------------",
        "CSM TO HYPERSWAP CONNECTION",
        "",
        "SSIGNON INFORMATION",
        "-------------------",
        "Legacy PassTicket: KEYMASKED DATA NOT DISPLAYABLE",
        "Enhanced PassTicket: Key label = USRLCL.CKDS.CSM",
        "Enhanced PassTicket: Type = UPPER",
        "Enhanced PassTicket: Timeout = 600",
        "Enhanced PassTicket: Replay allowed = No",
    ]
)


def test_profile_state_from_rlist_never_holds_key_material():
    state = ptktdata.profile_state(ptktdata.find_profile(ptktdata.parse_profile_listing(RLIST_ENHANCED), NAME))
    assert state == existing(enhanced(legacy_key="masked"))
    assert ptktdata.profile_state(None) is None


# -- the extract path --------------------------------------------------------------------
SSIGNON_EXTRACT = {
    "KEYMASK": PRESENT,
    "PTKEYLAB": "USRLCL.CKDS.CSM",
    "PTTYPE": "UPPER",
    "PTTIMEO": "600",
    "PTREPLAY": "FALSE",
}
BASE_EXTRACT = {"OWNER": "SYSADM", "UACC": "NONE", "APPLDATA": "CSM TO HYPERSWAP CONNECTION"}


def extracted(ssignon="default", base=None, status=STATUS_FOUND):
    ssignon = SSIGNON_EXTRACT if ssignon == "default" else ssignon
    segments = {"BASE": dict(BASE_EXTRACT if base is None else base)}
    if ssignon is not None:
        segments["SSIGNON"] = dict(ssignon)
    raw = [
        "{0}.{1}={2}".format(segment, name, value)
        for segment, fields in segments.items()
        for name, value in fields.items()
    ]
    return ptktdata.profile_from_extract(NAME, ExtractResult("PTKTDATA", NAME, status, segments, raw))


def test_the_extract_reads_the_same_state_as_the_listing():
    read = extracted()
    assert read.unreadable == {}
    assert read.state == existing(enhanced(legacy_key="masked"))


@pytest.mark.parametrize(
    "field, value, state_field, expected",
    [
        # each SSIGNON field of the table, decoded from its R_admin field (a misread would differ)
        ("PTKEYLAB", "OTHER.LABEL", "eptkeylabel", "OTHER.LABEL"),
        ("PTTYPE", "MIXED", "type", "MIXED"),
        ("PTTIMEO", "120", "timeout", 120),
        ("PTREPLAY", "TRUE", "replay", True),
    ],
)
def test_each_ssignon_extract_field(field, value, state_field, expected):
    read = extracted(dict(SSIGNON_EXTRACT, **{field: value}))
    assert read.state["ssignon"][state_field] == expected
    assert (
        plan(
            read.state,
            want(**{state_field: existing(enhanced())["ssignon"][state_field] if state_field != "type" else "upper"}),
        ).commands
        != []
    )


@pytest.mark.parametrize(
    "ssignon, legacy",
    [
        ({"KEYMASK": PRESENT}, ("masked", None)),
        ({"KEYCRYPT": PRESENT}, ("encrypted", None)),
        ({"KEYLABEL": "legacy.key"}, ("label", "LEGACY.KEY")),
        ({"PTKEYLAB": "A.B", "PTTYPE": "UPPER", "PTTIMEO": "60", "PTREPLAY": "FALSE"}, (None, None)),
    ],
)
def test_legacy_key_storage_from_the_extract(ssignon, legacy):
    state = extracted(ssignon).state["ssignon"]
    assert (state["legacy_key"], state["legacy_keylabel"]) == legacy


def test_a_profile_without_a_visible_ssignon_segment_reads_as_not_authorized():
    read = extracted(ssignon=None)
    assert set(read.unreadable) == set(ptktdata.SSIGNON_FIELDS)
    assert "may not read SSIGNON" in read.unreadable["timeout"]
    with pytest.raises(UnreadableField, match="cannot read eptkeylabel"):
        ptktdata.plan_profile(NAME, read, want(eptkeylabel="USRLCL.CKDS.CSM"))


@pytest.mark.parametrize("missing", ["PTTYPE", "PTTIMEO", "PTREPLAY"])
def test_an_extract_without_an_enhanced_field_cannot_be_compared(missing):
    ssignon = dict(SSIGNON_EXTRACT)
    del ssignon[missing]
    read = extracted(ssignon)
    field = {"PTTYPE": "type", "PTTIMEO": "timeout", "PTREPLAY": "replay"}[missing]
    assert missing in read.unreadable[field]
    with pytest.raises(UnreadableField) as error:
        ptktdata.plan_profile(NAME, read, want(**{field: {"type": "upper", "timeout": 600, "replay": False}[field]}))
    assert "PTKTDATA profile IOSHMCSM.HOSTUSR" in str(error.value) and "SSIGNON.PTKEYLAB=USRLCL.CKDS.CSM" in str(
        error.value
    )


@pytest.mark.parametrize("field, value", [("PTTIMEO", "SIXTY"), ("PTREPLAY", "MAYBE"), ("PTTYPE", "LOWER")])
def test_an_extract_value_that_cannot_be_decoded_is_unreadable(field, value):
    read = extracted(dict(SSIGNON_EXTRACT, **{field: value}))
    assert {"PTTIMEO": "timeout", "PTREPLAY": "replay", "PTTYPE": "type"}[field] in read.unreadable


def test_an_extract_without_owner_is_unreadable_and_not_found_is_absent():
    read = extracted(base={"UACC": "NONE"})
    assert "OWNER" in read.unreadable["owner"]
    assert extracted(status=STATUS_NOT_FOUND).state is None
