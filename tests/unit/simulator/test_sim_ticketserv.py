"""R_TicketServ evaluate on the simulated RACF: the IRRPTAUTH check, generic profiles, evaluation without sign-on."""

import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "plugins" / "plugin_utils"))
import _passticket  # noqa: E402  pylint: disable=import-error,wrong-import-position

from simulator import authcheck, store  # noqa: E402  pylint: disable=wrong-import-position
from simulator import evaluate as evaluation  # noqa: E402  pylint: disable=wrong-import-position

KEY = bytes(range(64)).hex()
OTHER_KEY = bytes(range(1, 65)).hex()
ACCEPTED, NOT_AUTHORIZED, FAILED = evaluation.ACCEPTED, evaluation.NOT_AUTHORIZED, evaluation.EVALUATION_FAILED


# --- generic profile names for general resources (resour.htm) -----------------------

MATCHES = [
    ("ABC.DEF*", ["ABC.DEF", "ABC.DEFG", "ABC.DEF.GHI", "ABC.DEFG.H.I"], ["ABC.DE", "ABD.DEF"]),
    ("ABC.DEF.*", ["ABC.DEF.G", "ABC.DEF.G.H"], ["ABC.DEF", "ABC.DEFG"]),
    ("*.DEF", ["ABC.DEF"], ["DEF", "ABC.XYZ.DEF"]),
    ("ABC.*.DEF", ["ABC.X.DEF"], ["ABC.DEF", "ABC.X.Y.DEF"]),
    ("ABC.DE*.FGH", ["ABC.DE.FGH", "ABC.DEX.FGH"], ["ABC.DEX.Y.FGH", "ABC.D.FGH"]),
    ("ABC.**", ["ABC", "ABC.X", "ABC.X.Y"], ["ABCD", "X.ABC"]),
    ("**.DEF", ["DEF", "A.DEF", "A.B.DEF"], ["A.DEFG"]),
    ("ABC.**.DEF", ["ABC.DEF", "ABC.X.DEF", "ABC.X.Y.DEF"], ["ABC.X", "ABC.DEFG"]),
    ("**", ["A", "A.B.C"], []),
    ("AB%.X", ["ABC.X"], ["AB.X", "ABCD.X", "AB..X"]),
    ("IRRPTAUTH.IOSHMCSM.*", ["IRRPTAUTH.IOSHMCSM.HOSTUSR"], ["IRRPTAUTH.IOSHMCSM", "IRRPTAUTH.OTHER.HOSTUSR"]),
]


@pytest.mark.parametrize("profile, matching, other", MATCHES, ids=[m[0] for m in MATCHES])
def test_generic_names_match_as_racf_documents_for_general_resources(profile, matching, other):
    pattern = authcheck.generic_pattern(profile)
    assert [name for name in matching if pattern.match(name)] == matching
    assert [name for name in other if pattern.match(name)] == []


def test_the_discrete_profile_wins_then_the_most_specific_generic():
    profiles = {
        "IRRPTAUTH.**": {"generic": True, "uacc": "READ"},
        "IRRPTAUTH.IOSHMCSM.*": {"generic": True, "uacc": "NONE"},
        "IRRPTAUTH.IOSHMCSM.HOSTUSR": {"generic": False, "uacc": "UPDATE"},
        "IRRPTAUTH.IOSHMCSM.OTHER*": {"generic": False, "uacc": "ALTER"},  # a discrete profile with a '*' in its name
    }
    assert authcheck.covering_profile(profiles, "IRRPTAUTH.IOSHMCSM.HOSTUSR", True)[0] == "IRRPTAUTH.IOSHMCSM.HOSTUSR"
    assert authcheck.covering_profile(profiles, "IRRPTAUTH.IOSHMCSM.OTHERS", True)[0] == "IRRPTAUTH.IOSHMCSM.*"
    assert authcheck.covering_profile(profiles, "IRRPTAUTH.TSO.X", True)[0] == "IRRPTAUTH.**"
    assert authcheck.covering_profile(profiles, "IRRPTAUTH.TSO.X", False) == (None, None)


# --- RDEFINE / PERMIT of IRRPTAUTH profiles ------------------------------------------


def test_rdefine_makes_a_generic_profile_only_while_generic_profiles_are_active(make_sim, capsys):
    host = make_sim("--ptktdata-active")
    capsys.readouterr()
    host.ok("RDEFINE PTKTDATA IRRPTAUTH.IOSHMCSM.* UACC(NONE)")
    host.ok("SETROPTS NOGENERIC(PTKTDATA)")
    host.ok("RDEFINE PTKTDATA IRRPTAUTH.TSO.* UACC(NONE)")  # kept as a discrete profile of that name
    shown = {p["name"]: p["generic"] for p in host.state()["profiles"]}
    assert shown == {"IRRPTAUTH.IOSHMCSM.*": True, "IRRPTAUTH.TSO.*": False}
    assert host.ok("RLIST PTKTDATA IRRPTAUTH.IOSHMCSM.*")[2] == "PTKTDATA   IRRPTAUTH.IOSHMCSM.* (G)"
    assert host.ok("RLIST PTKTDATA IRRPTAUTH.TSO.*")[2] == "PTKTDATA   IRRPTAUTH.TSO.*"


def test_permit_sets_replaces_and_deletes_access_list_entries(make_sim, capsys):
    host = make_sim("--ptktdata-active", "--user", "VERIFY", "--user", "OTHER")
    capsys.readouterr()
    host.ok("RDEFINE PTKTDATA IRRPTAUTH.IOSHMCSM.HOSTUSR UACC(NONE)")
    # the reference capture's form: blanks before the parentheses, ACCESS before ID, no output [real]
    assert host.ok("PERMIT    IRRPTAUTH.IOSHMCSM.HOSTUSR CLASS(PTKTDATA)  ACCESS    (READ) ID    (VERIFY)") == []
    host.ok("PERMIT IRRPTAUTH.IOSHMCSM.HOSTUSR CLASS(PTKTDATA) ID(OTHER VERIFY) ACCESS(UPDATE)")
    host.ok("PERMIT IRRPTAUTH.IOSHMCSM.HOSTUSR CLASS(PTKTDATA) ID(OTHER) DELETE")
    profile = host.state()["profiles"][0]
    assert profile["access"] == {"IBMUSER": "ALTER", "VERIFY": "UPDATE"}  # ADDCREATOR gave the definer ALTER
    rc, lines = host.command("PERMIT IRRPTAUTH.IOSHMCSM.NOBODY CLASS(PTKTDATA) ID(VERIFY) ACCESS(READ)")
    assert (rc, lines) == (8, ["ICH06004I IRRPTAUTH.IOSHMCSM.NOBODY NOT DEFINED TO RACF"])  # [doc]


# --- R_TicketServ evaluate ---------------------------------------------------------


@pytest.fixture
def host(make_sim, capsys):
    host = make_sim("--ptktdata-active", "--user", "HOSTUSR", "--user", "GONE:revoked", "--user", "PROT:protected")
    capsys.readouterr()
    host.shim("icsfhmac", stdin="IMPORT CSM.KEY\n" + KEY + "\n")
    for user_id in ("HOSTUSR", "GONE", "PROT", "NOBODY"):
        host.ok("RDEFINE PTKTDATA IOSHMCSM.{0} SSIGNON(EPTKEYLABEL(CSM.KEY) TYPE(UPPER) TIMEOUT(600))".format(user_id))
    host.ok("SETROPTS RACLIST(PTKTDATA) REFRESH")
    return host


def ticket(offset=-300, user="HOSTUSR", key=KEY, ptype="upper"):
    return _passticket.generate(user, "IOSHMCSM", key, int(time.time()) + offset, "enhanced", ptype)


def serve(host, tkt, user="HOSTUSR", appl="IOSHMCSM", caller=None):
    with store.transaction(str(host.path)) as txn:
        return evaluation.ticket_service(txn.state, caller or txn.state["caller"], user, appl, tkt)


def authorize(host, name="IRRPTAUTH.IOSHMCSM.HOSTUSR", access="READ"):
    host.ok("RDEFINE PTKTDATA {0} UACC(NONE)".format(name))
    host.ok("PERMIT {0} CLASS(PTKTDATA) ID(IBMUSER) ACCESS({1})".format(name, access))
    host.ok("SETROPTS RACLIST(PTKTDATA) REFRESH")


def test_without_an_irrptauth_profile_the_caller_is_not_authorized(host):
    assert serve(host, ticket()) == NOT_AUTHORIZED
    authorize(host)
    assert serve(host, ticket()) == ACCEPTED


def test_the_check_needs_read_and_reads_the_in_storage_profiles(host):
    authorize(host, access="NONE")
    assert serve(host, ticket()) == NOT_AUTHORIZED
    host.ok("PERMIT IRRPTAUTH.IOSHMCSM.HOSTUSR CLASS(PTKTDATA) ID(IBMUSER) ACCESS(READ)")
    assert serve(host, ticket()) == NOT_AUTHORIZED  # not refreshed yet
    host.ok("SETROPTS RACLIST(PTKTDATA) REFRESH")
    assert serve(host, ticket()) == ACCEPTED


def test_uacc_read_and_generic_profiles_authorize(host):
    host.ok("RDEFINE PTKTDATA IRRPTAUTH.IOSHMCSM.* UACC(READ)")
    host.ok("PERMIT IRRPTAUTH.IOSHMCSM.* CLASS(PTKTDATA) ID(IBMUSER) DELETE")
    host.ok("SETROPTS RACLIST(PTKTDATA) REFRESH")
    assert serve(host, ticket()) == ACCEPTED


def test_a_ghost_generic_name_does_not_authorize(host):
    host.ok("SETROPTS NOGENERIC(PTKTDATA)")
    authorize(host, name="IRRPTAUTH.IOSHMCSM.*")
    host.ok("SETROPTS GENERIC(PTKTDATA)")
    assert serve(host, ticket()) == NOT_AUTHORIZED


def test_an_inactive_class_fails_the_authorization(host):
    authorize(host)
    host.ok("SETROPTS NOCLASSACT(PTKTDATA)")
    assert serve(host, ticket()) == NOT_AUTHORIZED


def test_without_raclist_nothing_evaluates(host):
    authorize(host)
    host.ok("SETROPTS NORACLIST(PTKTDATA)")
    assert serve(host, ticket()) == FAILED  # authorized from the database, but no in-storage profiles


def test_every_rejection_is_8_16_32_and_none_is_counted(host):
    authorize(host)
    before = host.raw_state()["users"]["HOSTUSR"]
    for bad in (ticket(key=OTHER_KEY), ticket(offset=-1200), ticket(ptype="mixed"), "AAAAAAAA", "A"):
        assert serve(host, bad) == FAILED
    good = ticket()
    assert serve(host, good) == ACCEPTED
    assert serve(host, good) == FAILED  # replay
    assert host.raw_state()["users"]["HOSTUSR"] == before  # no failed-attempt count, no LAST-ACCESS


def test_the_user_is_not_checked_only_the_ticket(host):
    for user_id in ("GONE", "PROT", "NOBODY"):  # revoked, protected, not a RACF user
        authorize(host, name="IRRPTAUTH.IOSHMCSM.{0}".format(user_id))
        assert serve(host, ticket(user=user_id), user=user_id) == ACCEPTED


def test_the_ticketserv_shim_answers_on_stdout_and_logs_no_ticket(host):
    authorize(host)
    good = ticket()
    proc = host.shim("ticketserv", stdin="EVALUATE HOSTUSR IOSHMCSM\n{0}\n".format(good))
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "SAF=0 RACF=0 REASON=0\n", "")
    proc = host.shim("ticketserv", stdin="EVALUATE HOSTUSR IOSHMCSM\n{0}\n".format(good))
    assert proc.stdout == "SAF=8 RACF=16 REASON=32\n"
    records = [r for r in host.log() if r["transport"] == "ticketserv"]
    assert [(r["verb"], r["command"], r["rc"]) for r in records] == [
        ("EVALUATE", "R_TICKETSERV EVALUATE HOSTUSR IOSHMCSM", 0),
        ("EVALUATE", "R_TICKETSERV EVALUATE HOSTUSR IOSHMCSM", 8),
    ]
    assert good not in (host.path / store.LOG_FILE).read_text()


@pytest.mark.parametrize(
    "args, stdin",
    [
        (["ABCDEFGH"], "EVALUATE HOSTUSR IOSHMCSM\nABCDEFGH\n"),
        ([], "EVALUATE HOSTUSR IOSHMCSM ABCDEFGH\n"),
        ([], "GENERATE HOSTUSR IOSHMCSM\n\n"),
        ([], "EVALUATE HOSTUSR IOSHMCSM\nABCDEFGH\nMORE\n"),
    ],
)
def test_the_ticketserv_shim_refuses_anything_else(host, args, stdin):
    proc = host.shim("ticketserv", *args, stdin=stdin)
    assert proc.returncode == 90 and proc.stdout == "" and "ABCDEFGH" not in proc.stderr
