"""Facts the collection states once: where a second copy cannot be avoided, a test ties it to the first."""

import sys
from pathlib import Path

from ansible_collections.mainframe.passticket.plugins.module_utils._racf import extract, grammar, listuser, messages
from ansible_collections.mainframe.passticket.plugins.module_utils._zos import icsf_exec, racf_exec, read_exec
from ansible_collections.mainframe.passticket.plugins.modules import passticket_info

PLUGIN_UTILS = Path(__file__).resolve().parents[4] / "plugins" / "plugin_utils"


def test_the_controller_engine_takes_the_enhanced_key_lengths_racf_takes():
    # the PassTicket engine runs without ansible (simulator, benchmark), so it cannot import module_utils
    sys.path.insert(0, str(PLUGIN_UTILS))
    try:
        import _passticket  # pylint: disable=import-error,import-outside-toplevel
    finally:
        sys.path.remove(str(PLUGIN_UTILS))
    assert (_passticket.ENHANCED_KEY_MIN_BYTES, _passticket.ENHANCED_KEY_MAX_BYTES) == grammar.ENHANCED_KEY_BYTES


def test_the_icsf_exec_refuses_the_key_lengths_of_the_grammar():
    low, high = grammar.ENHANCED_KEY_BYTES
    assert "if length(key) < {0} | length(key) > {1} then do".format(low, high) in icsf_exec.ICSF_EXEC_SOURCE
    assert "@" not in icsf_exec.ICSF_EXEC_SOURCE.replace("#@$", "")  # every placeholder rendered


def test_the_racf_exec_refuses_commands_longer_than_r_admin_takes():
    assert "if length(command) > {0} then do".format(racf_exec.MAX_COMMAND_LENGTH) in racf_exec.RACF_EXEC_SOURCE
    assert "@MAX_COMMAND_LENGTH@" not in racf_exec.RACF_EXEC_SOURCE


def test_the_read_exec_takes_user_ids_by_the_one_racf_name_rule():
    for name in ("HOSTUSR", "#@$1", "A"):
        assert read_exec.request_line(("USER", name)) == "USER " + name
    for name in ("hostusr", "1ABC", "TOOLONGID", "A-B"):
        assert not grammar.STORED_NAME.fullmatch(name)


def test_the_listuser_parser_and_the_modules_share_the_not_found_id():
    assert listuser.USER_NOT_FOUND is messages.USER_NOT_FOUND
    assert messages.USER_NOT_FOUND == "ICH30001I"


def test_passticket_info_reports_the_facility_profiles_of_the_extract_contract():
    authority = passticket_info.read_authority(["class", "profile", "user"])
    assert [entry["profile"] for entry in authority] == [
        extract.required_facility("_SETROPTS"),
        extract.required_facility("PTKTDATA"),
        extract.required_facility("USER"),
    ]
