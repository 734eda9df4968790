"""PassTicket evaluation as RACF does it: resolution, RACLIST snapshot, windows, replay, users."""

import base64
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from sim_helpers import BIN

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "plugins" / "plugin_utils"))
import _passticket  # noqa: E402  pylint: disable=import-error,wrong-import-position

KEY = bytes(range(64)).hex()
OTHER_KEY = bytes(range(1, 65)).hex()
LEGACY_KEY = "0123456789ABCDEF"


@pytest.fixture
def host(make_sim, capsys):
    host = make_sim("--ptktdata-active", "--user", "HOSTUSR", "--user", "PROT:protected", "--user", "GONE:revoked")
    capsys.readouterr()
    host.shim("icsfhmac", stdin="IMPORT CSM.KEY\n" + KEY + "\n")
    host.shim("icsfhmac", stdin="IMPORT OTHER.KEY\n" + OTHER_KEY + "\n")
    return host


@pytest.fixture(autouse=True)
def base_time():
    """One reference second per test, so tickets at distinct offsets are distinct."""
    BASE[0] = int(time.time())


BASE = [0]


def ticket(user="HOSTUSR", appl="IOSHMCSM", key=KEY, offset=0, algorithm="enhanced", ptype="upper"):
    return _passticket.generate(user, appl, key, BASE[0] + offset, algorithm, ptype)


def evaluate(host, tkt, user="HOSTUSR", appl="IOSHMCSM"):
    proc = host.zossim("evaluate", host.path, "--user", user, "--appl", appl, "--ticket", tkt, check=False)
    return proc.returncode, proc.stdout.strip()


def define(host, name, ssignon, extra=""):
    host.ok("RDEFINE PTKTDATA {0} SSIGNON({1}) {2}".format(name, ssignon, extra))
    host.ok("SETROPTS RACLIST(PTKTDATA) REFRESH")


def user(host, user_id):
    return [u for u in host.state()["users"] if u["id"] == user_id][0]


def test_enhanced_accepts_once_then_rejects_the_replay(host):
    define(host, "IOSHMCSM.HOSTUSR", "EPTKEYLABEL(CSM.KEY) TYPE(UPPER) TIMEOUT(600)")
    tkt = ticket()
    assert evaluate(host, tkt) == (0, "VALID enhanced PassTicket for HOSTUSR/IOSHMCSM")
    rc, message = evaluate(host, tkt)
    assert rc == 8 and "replay" in message


def test_replay_yes_allows_reuse(host):
    define(host, "IOSHMCSM.HOSTUSR", "EPTKEYLABEL(CSM.KEY) TYPE(MIXED) REPLAY(YES)")
    tkt = ticket(ptype="mixed")
    assert evaluate(host, tkt)[0] == 0 and evaluate(host, tkt)[0] == 0


def test_enhanced_window_is_timeout_against_the_skewed_clock(host):
    define(host, "IOSHMCSM.HOSTUSR", "EPTKEYLABEL(CSM.KEY) TYPE(UPPER) TIMEOUT(60)")
    assert evaluate(host, ticket(offset=-50))[0] == 0
    assert evaluate(host, ticket(offset=-120))[0] == 8
    host.zossim("clock", host.path, "--skew", "-120")
    assert evaluate(host, ticket(offset=-120))[0] == 0
    assert evaluate(host, ticket())[0] == 8


def test_type_must_match(host):
    define(host, "IOSHMCSM.HOSTUSR", "EPTKEYLABEL(CSM.KEY) TYPE(UPPER)")
    assert evaluate(host, ticket(ptype="mixed"))[0] == 8


def test_legacy_window_600_and_no_replay_protection_appldata(host):
    define(host, "TSOAPPL", "KEYMASKED({0})".format(LEGACY_KEY), "APPLDATA('NO REPLAY PROTECTION')")
    tkt = ticket(appl="TSOAPPL", key=LEGACY_KEY, algorithm="legacy", offset=-590)
    assert evaluate(host, tkt, appl="TSOAPPL")[0] == 0
    assert evaluate(host, tkt, appl="TSOAPPL")[0] == 0  # reuse allowed by APPLDATA
    assert (
        evaluate(host, ticket(appl="TSOAPPL", key=LEGACY_KEY, algorithm="legacy", offset=-700), appl="TSOAPPL")[0] == 8
    )


def test_legacy_replay_rejected_by_default_and_both_keys_accepted(host):
    define(host, "IOSHMCSM", "KEYMASKED({0}) EPTKEYLABEL(CSM.KEY) TYPE(UPPER)".format(LEGACY_KEY))
    legacy = ticket(key=LEGACY_KEY, algorithm="legacy")
    assert evaluate(host, legacy) == (0, "VALID legacy PassTicket for HOSTUSR/IOSHMCSM")
    assert evaluate(host, legacy)[0] == 8
    assert evaluate(host, ticket())[0] == 0


def test_profile_resolution_most_specific_first(host):
    define(host, "IOSHMCSM", "EPTKEYLABEL(OTHER.KEY) TYPE(UPPER)")
    assert evaluate(host, ticket())[0] == 8  # APPL profile uses the other key
    assert evaluate(host, ticket(key=OTHER_KEY, offset=-1))[0] == 0
    define(host, "IOSHMCSM.HOSTUSR", "EPTKEYLABEL(CSM.KEY) TYPE(UPPER)")
    assert evaluate(host, ticket(offset=-2))[0] == 0  # APPL.USER wins over APPL
    define(host, "IOSHMCSM.SYS1.HOSTUSR", "EPTKEYLABEL(OTHER.KEY) TYPE(UPPER)")
    assert evaluate(host, ticket(key=OTHER_KEY, offset=-3))[0] == 0  # APPL.GROUP.USER wins


def test_only_refreshed_raclisted_profiles_count(host):
    host.ok("RDEFINE PTKTDATA IOSHMCSM.HOSTUSR SSIGNON(EPTKEYLABEL(CSM.KEY) TYPE(UPPER))")
    rc, message = evaluate(host, ticket())
    assert rc == 8 and "no PTKTDATA profile" in message
    host.ok("SETROPTS RACLIST(PTKTDATA) REFRESH")
    assert evaluate(host, ticket(offset=-1))[0] == 0
    host.ok("RALTER PTKTDATA IOSHMCSM.HOSTUSR SSIGNON(EPTKEYLABEL(OTHER.KEY))")
    assert evaluate(host, ticket(offset=-2))[0] == 0  # the snapshot still has CSM.KEY
    host.ok("SETROPTS RACLIST(PTKTDATA) REFRESH")
    assert evaluate(host, ticket(offset=-3))[0] == 8
    host.ok("SETROPTS NORACLIST(PTKTDATA)")
    rc, message = evaluate(host, ticket(key=OTHER_KEY, offset=-4))
    assert rc == 8 and "RACLIST" in message


def test_key_label_missing_from_ckds_rejects(host):
    define(host, "IOSHMCSM.HOSTUSR", "EPTKEYLABEL(CSM.KEY) TYPE(UPPER)")
    host.shim("icsfhmac", stdin="DELETE CSM.KEY\n")
    rc, message = evaluate(host, ticket())
    assert rc == 8 and "not in the CKDS" in message


def test_protected_revoked_and_unknown_users_rejected(host):
    define(host, "IOSHMCSM", "EPTKEYLABEL(CSM.KEY) TYPE(UPPER)")
    for user_id, reason in (("PROT", "PROTECTED"), ("GONE", "REVOKED"), ("NOBODY", "not defined")):
        rc, message = evaluate(host, ticket(user=user_id), user=user_id)
        assert rc == 8 and reason in message


def test_failed_attempts_revoke_the_user_and_success_resets(host):
    define(host, "IOSHMCSM", "EPTKEYLABEL(CSM.KEY) TYPE(UPPER)")
    assert evaluate(host, "AAAAAAAA")[0] == 8
    assert evaluate(host, "AAAAAAAB")[0] == 8
    assert user(host, "HOSTUSR")["failed_attempts"] == 2
    assert evaluate(host, ticket())[0] == 0
    assert user(host, "HOSTUSR")["failed_attempts"] == 0
    for bad in ("AAAAAAAC", "AAAAAAAD", "AAAAAAAE"):
        assert evaluate(host, bad)[0] == 8
    assert user(host, "HOSTUSR")["revoked"] is True
    rc, message = evaluate(host, ticket(offset=-1))
    assert rc == 8 and "REVOKED" in message
    host.ok("ALTUSER HOSTUSR RESUME")
    assert evaluate(host, ticket(offset=-2))[0] == 0


def test_serve_answers_basic_auth_and_stops_on_sigterm(host):
    define(host, "IOSHMCSM.HOSTUSR", "EPTKEYLABEL(CSM.KEY) TYPE(UPPER)")
    server = subprocess.Popen(
        [sys.executable, str(BIN / "zossim"), "serve", str(host.path), "--port", "0", "--appl", "IOSHMCSM"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        port = int(server.stdout.readline().rsplit(":", 1)[1])

        def status(user_id, password):
            request = urllib.request.Request("http://127.0.0.1:{0}/".format(port))
            if user_id is not None:
                token = base64.b64encode("{0}:{1}".format(user_id, password).encode()).decode()
                request.add_header("Authorization", "Basic " + token)
            try:
                return urllib.request.urlopen(request, timeout=10).status
            except urllib.error.HTTPError as error:
                return error.code

        tkt = ticket()
        assert status(None, None) == 401
        assert status("hostusr", tkt) == 200
        assert status("HOSTUSR", tkt) == 401  # replay
    finally:
        server.terminate()
        assert server.wait(timeout=10) == 0
