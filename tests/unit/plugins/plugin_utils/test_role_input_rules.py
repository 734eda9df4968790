"""The role's input table (plugin_utils/_role_inputs.py) and its filter."""

import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.mainframe.passticket.plugins.filter.role_inputs import passticket_setup_input_problems
from ansible_collections.mainframe.passticket.plugins.plugin_utils import _role_inputs as role_inputs

KEY = "0B30557A9FC4E90E" * 8
DEFAULTS = {
    "application": "IOSHMCSM",
    "user": "HOSTUSR",
    "profile": "IOSHMCSM.HOSTUSR",
    "min_zos_release": "02.04",
    "oa62931_required": True,
    "oa62931_installed": False,
    "require_special": True,
    "clock_margin": 60,
    "user_manage": True,
    "user_via_iwnracf5": False,
    "user_allow_protected": False,
    "user_resume": False,
    "enhanced": True,
    "key_label": "USRLCL.CKDS.CSM",
    "key": KEY,
    "key_update": "on_create",
    "type": "upper",
    "timeout": 600,
    "appldata": "CSM TO HYPERSWAP CONNECTION",
    "legacy_key_storage": "masked",
    "legacy_key_update": "on_create",
    "force_refresh": False,
}


def problems(entry_point="main", **changes):
    values = dict(DEFAULTS, **changes)
    return role_inputs.input_problems(
        entry_point, {"passticket_setup_" + name: value for name, value in values.items()}
    )


def test_the_defaults_with_a_key_pass():
    assert problems() == []
    # Ansible passes -e name=value as strings
    assert problems(timeout="600", clock_margin="0", enhanced="yes", replay="no") == []


@pytest.mark.parametrize(
    "name, value, rule",
    [
        ("user", "", "passticket_setup_user must not be empty"),
        ("user", "ho\u00dftusr", "invalid passticket_setup_user"),
        ("application", "IOSHMCSM\n", "invalid passticket_setup_application"),
        ("timeout", "600 ", "invalid passticket_setup_timeout"),
        ("timeout", True, "invalid passticket_setup_timeout"),
        ("timeout", "\u0666\u0660\u0660", "invalid passticket_setup_timeout"),
        ("clock_margin", 3601, "invalid passticket_setup_clock_margin"),
        ("enhanced", "maybe", "invalid passticket_setup_enhanced"),
        ("type", "\u0131", "invalid passticket_setup_type"),
        ("type", "MIXED", None),
        ("key_update", "", "passticket_setup_key_update must not be empty"),
        ("min_zos_release", "02.04) X", "invalid passticket_setup_min_zos_release"),
        ("iwnracf5_job", "SYS1.SAMPLIB(IWNRACF5)", None),
        ("iwnracf5_job", "SYS1.SAMPLIB", "invalid passticket_setup_iwnracf5_job"),
        ("key_label", "USRLCL.1CSM", "invalid passticket_setup_key_label"),
        ("key", "", "passticket_setup_key must not be empty"),
        ("appldata", "CSM\n", "passticket_setup_appldata may hold only printable"),
    ],
)
def test_each_rule_names_the_variable(name, value, rule):
    found = problems(**{name: value})
    if rule is None:
        assert found == []
    else:
        assert len(found) == 1 and found[0].startswith(rule), found
        assert "\n" not in found[0]


@pytest.mark.parametrize(
    "shape",
    [
        KEY,
        [KEY],
        {"key": KEY},
        (KEY,),
        KEY.encode(),
        bytearray(KEY.encode()),
        12345678901234567890,
        KEY + "\n",
        " " + KEY,
        KEY[:-1] + "\ufb00",
        KEY[:63],
    ],
)
@pytest.mark.parametrize("name", ["key", "legacy_key", "rotate_key"])
def test_no_problem_holds_key_material(name, shape):
    changes = {name: shape}
    if name == "legacy_key":
        changes["enhanced"] = False
    entry_point = "rotate" if name == "rotate_key" else "main"
    text = " ".join(
        problems(entry_point, rotate_label="USRLCL.CKDS.CSM2", rotate_grace_period=0, rotate_retire_old=True, **changes)
    )
    for fragment in (KEY[:16], KEY[16:32], KEY[:16].lower(), str(12345678901234567890)[:10]):
        assert fragment not in text


def test_rules_between_variables():
    assert any("mutually exclusive" in p for p in problems(legacy_key="0123456789ABCDEF", legacy_keylabel="USRLCL.DES"))
    assert any("a legacy key is needed" in p for p in problems(enhanced=False))
    assert problems(enhanced=False, key_label=None, type=None, timeout=None, legacy_keylabel="USRLCL.DES") == []
    assert any("passticket_setup_iwnracf5_job" in p for p in problems(user_via_iwnracf5=True))
    rotate = dict(rotate_label="USRLCL.CKDS.CSM2", rotate_key=KEY, rotate_grace_period=600, rotate_retire_old=True)
    assert problems("rotate", **rotate) == []
    assert any("must differ" in p for p in problems("rotate", rotate_old_label="usrlcl.ckds.csm2", **rotate))
    assert problems("rotate", **{**rotate, "rotate_label": None}) == ["passticket_setup_rotate_label must be set"]


def test_filter():
    assert passticket_setup_input_problems({"passticket_setup_user": "1X"}, "verify")[1].startswith(
        "invalid passticket_setup_user"
    )
    with pytest.raises(AnsibleFilterError):
        passticket_setup_input_problems(["passticket_setup_user"], "main")
    with pytest.raises(AnsibleFilterError, match="unknown entry point"):
        passticket_setup_input_problems({}, "mian")


def test_read_interface_is_checked_on_every_entry_point():
    for entry_point in ("main", "verify", "rotate"):
        extra = {
            "main": {},
            "verify": dict(verify_validate_certs=True),
            "rotate": dict(
                rotate_label="USRLCL.CKDS.CSM2", rotate_key=KEY, rotate_grace_period=600, rotate_retire_old=True
            ),
        }[entry_point]
        assert problems(entry_point, read_interface="listing", **extra) == []
        assert problems(entry_point, read_interface=None, **extra) == []
        assert problems(entry_point, read_interface="telnet", **extra) == [
            "invalid passticket_setup_read_interface 'telnet': one of auto, irrxutil, listing"
        ]
        assert problems(entry_point, read_interface="", **extra)[0].startswith("passticket_setup_read_interface")
        # passed to the modules as given, whose choices are case-sensitive
        assert problems(entry_point, read_interface="AUTO", **extra) == [
            "invalid passticket_setup_read_interface 'AUTO': one of auto, irrxutil, listing"
        ]
