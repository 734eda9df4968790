"""RACF command processing: syntax, SSIGNON rules, authority, RACLIST semantics, messages."""

import re

import pytest

LABEL = "USRLCL.CKDS.CSM"
KEY64 = bytes(range(64)).hex()


@pytest.fixture
def ptkt(make_sim, capsys):
    """A host with PTKTDATA active and RACLISTed and an enhanced key in the CKDS."""
    host = make_sim("--ptktdata-active", "--user", "HOSTUSR")
    capsys.readouterr()
    with_key(host)
    return host


def with_key(host, label=LABEL):
    from simulator import icsf, store

    with store.transaction(str(host.path)) as txn:
        icsf.Ckds(txn.state["ckds"]).create(label, icsf.key_token(bytes.fromhex(KEY64)))


def profile(host, name, class_name="PTKTDATA"):
    found = [p for p in host.state()["profiles"] if p["name"] == name and p["class"] == class_name]
    return found[0] if found else None


# --- TSO syntax ----------------------------------------------------------


@pytest.mark.parametrize(
    "image",
    [
        "rdefine ptktdata ioshmcsm.hostusr ssignon(eptkeylabel(usrlcl.ckds.csm) type(upper) timeout(600))",
        "RDEF PTKTDATA (IOSHMCSM.HOSTUSR) SSIGNON ( EPTKEYLABEL ( USRLCL.CKDS.CSM ) TYPE(UPPER) TIMEOUT(600) )",
        "RDEFINE PTKTDATA IOSHMCSM.HOSTUSR,SSIG(EPTK(USRLCL.CKDS.CSM),TY(UPPER),TIMEO(600))",
    ],
)
def test_case_folding_aliases_abbreviations_and_blanks(ptkt, image):
    ptkt.ok(image)
    assert profile(ptkt, "IOSHMCSM.HOSTUSR")["ssignon"] == {
        "legacy_key": None,
        "legacy_keylabel": None,
        "eptkeylabel": LABEL,
        "type": "UPPER",
        "timeout": 600,
        "replay": "NO",
    }


def test_quoted_strings_keep_case_doubled_quotes_and_parentheses(ptkt):
    ptkt.ok("RDEFINE PTKTDATA IOSHMCSM APPLDATA('It''s (not) NO REPLAY') DATA('x, y')")
    found = profile(ptkt, "IOSHMCSM")
    assert found["appldata"] == "It's (not) NO REPLAY"
    assert found["data"] == "x, y"


@pytest.mark.parametrize(
    "image, message",
    [
        ("RDEFINE PTKTDATA X BOGUS(1)", "IKJ56712I INVALID KEYWORD, BOGUS"),
        ("RALTER PTKTDATA X NO", "IKJ56712I INVALID KEYWORD, NO"),  # ambiguous abbreviation
        ("RDEFINE PTKTDATA X UACC(MAYBE)", "IKJ56702I INVALID UACC, MAYBE"),
        ("RDEFINE PTKTDATA X APPLDATA('open", "IKJ56706I QUOTE MISSING FROM STRING, 'open"),
        ("RDEFINE PTKTDATA X UACC(READ", "IKJ56703I RIGHT PARENTHESIS MISSING"),
        ("RDEFINE PTKTDATA X UACC(READ))", "IKJ56712I INVALID KEYWORD, )"),
        ("RDEFINE PTKTDATA X OWNER(TOOLONGID)", "IKJ56702I INVALID OWNER, TOOLONGID"),
        ("RDEFINE PTKTDATA X UACC", "IKJ56701I MISSING UACC OPERAND"),
        ("RDEFINE PTKTDATA X SSIGNON(KEYMASKED(0123))", "IKJ56702I INVALID KEYMASKED, 0123"),
        (
            "RDEFINE PTKTDATA X SSIGNON(KEYMASKED(0123456789ABCDEF) KEYENCRYPTED(0123456789ABCDEF))",
            "IKJ56712I INVALID KEYWORD, KEYENCRYPTED",
        ),
        ("RDEFINE PTKTDATA X SSIGNON(NOLEGACYKEY KEYLABEL(A.B))", "IKJ56712I INVALID KEYWORD, KEYLABEL"),
        ("RDEFINE PTKTDATA X SSIGNON(TIMEOUT(0))", "IKJ56702I INVALID TIMEOUT, 0"),
        ("RDEFINE PTKTDATA X SSIGNON(TIMEOUT(601))", "IKJ56702I INVALID TIMEOUT, 601"),
        ("RDEFINE PTKTDATA X SSIGNON(TYPE(LOWER))", "IKJ56702I INVALID TYPE, LOWER"),
        ("RDEFINE PTKTDATA X SSIGNON(REPLAY(MAYBE))", "IKJ56702I INVALID REPLAY, MAYBE"),
        ("RDEFINE PTKTDATA X SSIGNON(EPTKEYLABEL(1BAD))", "IKJ56702I INVALID EPTKEYLABEL, 1BAD"),
        ("RDEFINE FACILITY X SSIGNON(TIMEOUT(5))", "IKJ56712I INVALID KEYWORD, SSIGNON"),
        ("FROBNICATE X", "IKJ56500I COMMAND FROBNICATE NOT FOUND"),
        ("SETROPTS", "IKJ56701I MISSING SETROPTS OPERAND"),
        ("SETROPTS REFRESH", "IKJ56701I MISSING RACLIST OR GENERIC OPERAND FOR REFRESH"),
        ("ADDUSER 9BAD", "IKJ56702I INVALID USERID, 9BAD"),
    ],
)
def test_parse_errors_are_ikj_messages_with_rc_12_and_change_nothing(ptkt, image, message):
    before = ptkt.state()
    rc, lines = ptkt.command(image)
    assert (rc, lines[0]) == (12, message)
    after = ptkt.state()
    assert after["profiles"] == before["profiles"] and after["users"] == before["users"]


def test_eptkeylabel_must_exist_in_the_ckds(ptkt):
    rc, lines = ptkt.command("RDEFINE PTKTDATA X SSIGNON(EPTKEYLABEL(NOT.IN.CKDS))")
    assert rc == 8 and lines[0].startswith("IRR52207I")
    assert profile(ptkt, "X") is None


# --- RDEFINE / RALTER / RLIST / RDELETE ---------------------------------------


def test_rdefine_ralter_rlist_rdelete_lifecycle(ptkt):
    assert ptkt.ok("RDEFINE PTKTDATA IOSHMCSM.HOSTUSR SSIGNON(EPTKEYLABEL(USRLCL.CKDS.CSM))")[0].startswith("ICH10006I")
    rc, lines = ptkt.command("RDEFINE PTKTDATA IOSHMCSM.HOSTUSR")
    assert (rc, lines) == (8, ["ICH10102I IOSHMCSM.HOSTUSR ALREADY DEFINED TO CLASS PTKTDATA."])
    assert ptkt.ok("RALTER PTKTDATA IOSHMCSM.HOSTUSR SSIGNON(TYPE(UPPER) REPLAY(YES) KEYMASKED(0123456789abcdef))")[
        0
    ].startswith("ICH11009I")
    ssignon = profile(ptkt, "IOSHMCSM.HOSTUSR")["ssignon"]
    assert ssignon == {
        "legacy_key": "masked",
        "legacy_keylabel": None,
        "eptkeylabel": LABEL,
        "type": "UPPER",
        "timeout": 60,
        "replay": "YES",
    }
    listing = ptkt.ok("RLIST PTKTDATA IOSHMCSM.HOSTUSR SSIGNON")
    section = listing[listing.index("SSIGNON INFORMATION") :]
    # the reported form "<Legacy|Enhanced> PassTicket: <field> <: or => <value>" (rlist_ssignon_reported.txt)
    assert section == [
        "SSIGNON INFORMATION",
        "-------------------",
        "Legacy PassTicket: KEYMASKED DATA NOT DISPLAYABLE",
        "Enhanced PassTicket: Key label = USRLCL.CKDS.CSM",
        "Enhanced PassTicket: Type = UPPER",
        "Enhanced PassTicket: Timeout = 60",
        "Enhanced PassTicket: Replay allowed = Yes",
    ]
    assert "0123456789ABCDEF" not in "\n".join(listing) + ptkt.zossim("show", ptkt.path).stdout
    ptkt.ok("RALTER PTKTDATA IOSHMCSM.HOSTUSR SSIGNON(KEYLABEL(LEGACY.DES.KEY) NOEPTKEYLABEL)")
    listing = ptkt.ok("RLIST PTKTDATA IOSHMCSM.HOSTUSR SSIGNON")
    assert listing[listing.index("SSIGNON INFORMATION") + 2 :] == ["Legacy PassTicket: KEYLABEL LABEL: LEGACY.DES.KEY"]
    ptkt.ok("RALTER PTKTDATA IOSHMCSM.HOSTUSR SSIGNON(KEYENCRYPTED(0123456789ABCDEF))")
    listing = ptkt.ok("RLIST PTKTDATA IOSHMCSM.HOSTUSR SSIGNON")
    # RACF keeps a KEYENCRYPTED key in the CKDS under a label it generates [doc S45]
    assert re.match(
        r"^Legacy PassTicket: KEYENCRYPTED LABEL: IRR\.SSIGNON\.SYSA\.\d{8}\.\d{6}\.\d{6}$",
        listing[listing.index("SSIGNON INFORMATION") + 2],
    )
    ptkt.ok("RALTER PTKTDATA IOSHMCSM.HOSTUSR NOSSIGNON")
    assert profile(ptkt, "IOSHMCSM.HOSTUSR")["ssignon"] is None
    assert "SSIGNON INFORMATION" not in ptkt.ok("RLIST PTKTDATA IOSHMCSM.HOSTUSR SSIGNON")
    assert ptkt.ok("RDELETE PTKTDATA IOSHMCSM.HOSTUSR")[0].startswith("ICH12002I")
    assert ptkt.command("RLIST PTKTDATA IOSHMCSM.HOSTUSR") == (4, ["ICH13003I IOSHMCSM.HOSTUSR NOT FOUND"])
    assert ptkt.command("RALTER PTKTDATA IOSHMCSM.HOSTUSR UACC(READ)") == (
        8,
        ["ICH11102I IOSHMCSM.HOSTUSR NOT DEFINED TO CLASS PTKTDATA."],
    )
    assert ptkt.command("RDELETE PTKTDATA IOSHMCSM.HOSTUSR") == (
        8,
        ["ICH12102I IOSHMCSM.HOSTUSR NOT DEFINED TO CLASS PTKTDATA."],
    )


def test_no_raclist_message_when_class_not_raclisted(sim):
    assert sim.ok("RDEFINE PTKTDATA IOSHMCSM") == []
    assert sim.ok("RALTER PTKTDATA IOSHMCSM UACC(READ)") == []


def test_rlist_layout_values(ptkt):
    ptkt.ok("RDEFINE PTKTDATA IOSHMCSM UACC(UPDATE) OWNER(HOSTUSR) APPLDATA('NO REPLAY PROTECTION')")
    lines = ptkt.ok("RLIST PTKTDATA IOSHMCSM")
    assert lines[2] == "PTKTDATA   IOSHMCSM"
    assert lines[6] == " 00    HOSTUSR         UPDATE            ALTER    NO"
    assert lines[lines.index("APPLICATION DATA") + 2] == "NO REPLAY PROTECTION"


# --- authority -------------------------------------------------------------


@pytest.mark.parametrize(
    "image, message",
    [
        ("SETROPTS CLASSACT(PTKTDATA)", "ICH14002I NOT AUTHORIZED TO ISSUE SETROPTS."),
        ("SETROPTS RACLIST(PTKTDATA) REFRESH", "ICH14015I NOT AUTHORIZED TO REFRESH RACLIST CLASS PTKTDATA"),
        ("RDEFINE PTKTDATA IOSHMCSM", "ICH10103I NOT AUTHORIZED TO DEFINE IOSHMCSM."),
        ("ADDUSER HOSTUSR", "ICH01005I NOT AUTHORIZED TO ADD USER HOSTUSR"),
        ("DELUSER OTHER", "ICH04005I NOT AUTHORIZED TO DELETE USER OTHER"),
        ("LISTUSER OTHER", "ICH30005I NOT AUTHORIZED TO LIST OTHER"),
    ],
)
def test_without_special_changes_are_refused(make_sim, capsys, image, message):
    host = make_sim("--no-special", "--user", "OTHER")
    capsys.readouterr()
    host.command("ALTUSER OTHER OWNER(SOMEONE)")  # refused too: OTHER is owned by nobody the caller is
    rc, lines = host.command(image)
    assert (rc, lines) == (8, [message])


def test_without_special_the_ssignon_segment_is_hidden(make_sim, capsys):
    special = make_sim("--ptktdata-active", name="a")
    special.ok("RDEFINE PTKTDATA IOSHMCSM UACC(READ) SSIGNON(KEYMASKED(0123456789ABCDEF))")
    store_state = special.raw_state()
    plain = make_sim("--no-special", name="b")
    from simulator import store

    with store.transaction(str(plain.path)) as txn:
        txn.state["profiles"] = store_state["profiles"]
    capsys.readouterr()
    lines = plain.ok("RLIST PTKTDATA IOSHMCSM SSIGNON")
    assert lines[-1] == "IRR52021I You are not authorized to view SSIGNON segments."
    assert "SSIGNON INFORMATION" not in lines


def test_listuser_without_operand_lists_the_caller(sim, make_sim, capsys):
    lines = sim.ok("LISTUSER")
    assert lines[0].startswith("USER=IBMUSER ") and lines[2] == " ATTRIBUTES=SPECIAL"
    plain = make_sim("--no-special", name="plain")
    capsys.readouterr()
    assert plain.ok("LU")[2] == " ATTRIBUTES=NONE"


# --- SETROPTS -----------------------------------------------------------------


def test_setropts_changes_and_list_reflect_state(sim):
    assert sim.ok("SETROPTS CLASSACT(PTKTDATA) RACLIST(PTKTDATA)") == ["ICH14063I SETROPTS command complete."]
    sim.ok("SETR GENERIC(PTKTDATA)")
    classes = sim.state()["classes"]
    assert all("PTKTDATA" in classes[field] for field in ("active", "raclist", "generic"))
    listing = "\n".join(sim.ok("SETROPTS LIST"))
    raclist_section = listing.split("SETR RACLIST CLASSES =")[1].split("GLOBAL=YES")[0]
    assert "PTKTDATA" in raclist_section.split()
    sim.ok("SETROPTS NOCLASSACT(PTKTDATA) NORACLIST(PTKTDATA) NOGENERIC(PTKTDATA)")
    classes = sim.state()["classes"]
    assert not any("PTKTDATA" in classes[field] for field in ("active", "raclist", "generic"))
    assert "PTKTDATA" not in "\n".join(sim.ok("SETROPTS LIST")).split("SETR RACLIST CLASSES =")[1]


def test_refresh_of_class_not_raclisted(sim):
    assert sim.ok("SETROPTS RACLIST(PTKTDATA) REFRESH") == [
        "ICH14070I SETROPTS RACLIST REFRESH had no effect on class PTKTDATA",
        "ICH14063I SETROPTS command complete.",
    ]


def test_raclisted_profiles_change_only_on_refresh(ptkt):
    ptkt.ok("RDEFINE PTKTDATA IOSHMCSM")
    assert ptkt.state()["raclisted"]["PTKTDATA"] == []
    ptkt.ok("SETROPTS RACLIST(PTKTDATA) REFRESH")
    assert ptkt.state()["raclisted"]["PTKTDATA"] == ["IOSHMCSM"]
    ptkt.ok("RDELETE PTKTDATA IOSHMCSM")
    assert ptkt.state()["raclisted"]["PTKTDATA"] == ["IOSHMCSM"]
    ptkt.ok("SETROPTS RACLIST(PTKTDATA)")  # already RACLISTed: no refresh
    assert ptkt.state()["raclisted"]["PTKTDATA"] == ["IOSHMCSM"]
    ptkt.ok("SETROPTS RACLIST(PTKTDATA) REFRESH")
    assert ptkt.state()["raclisted"]["PTKTDATA"] == []


# --- users -----------------------------------------------------------------


def test_users_protected_password_revoke_resume_delete(sim):
    assert sim.ok("ADDUSER HOSTUSR NAME('Host user') DFLTGRP(SYS1)") == [
        "ICH01024I User HOSTUSR is defined as PROTECTED."
    ]
    user = [u for u in sim.state()["users"] if u["id"] == "HOSTUSR"][0]
    assert (user["protected"], user["name"]) == (True, "HOST USER")
    listing = sim.ok("LISTUSER HOSTUSR")
    assert " ATTRIBUTES=PROTECTED" in listing and "PASS-INTERVAL=N/A" in listing[1]
    assert sim.command("ADDUSER HOSTUSR") == (8, ["IKJ56702I INVALID USERID, HOSTUSR"])
    sim.ok("ALTUSER HOSTUSR PASSWORD(X7Q2P9) NOEXPIRED")
    sim.ok("ALU HOSTUSR REVOKE")
    assert " ATTRIBUTES=REVOKED" in sim.ok("LU HOSTUSR")
    sim.ok("ALU HOSTUSR RESUME")
    assert " ATTRIBUTES=NONE" in sim.ok("LU HOSTUSR")
    assert "X7Q2P9" not in str(sim.log()) + str(sim.raw_state())
    assert any(r["command"] == "ALTUSER HOSTUSR PASSWORD(********) NOEXPIRED" for r in sim.log())
    assert sim.ok("DELUSER HOSTUSR") == []
    assert sim.command("LISTUSER HOSTUSR") == (4, ["ICH30001I UNABLE TO LOCATE USER    ENTRY HOSTUSR"])
    assert sim.command("ALTUSER HOSTUSR REVOKE")[0] == 8
    assert sim.command("DELUSER HOSTUSR")[0] == 8


def test_permit(ptkt):
    ptkt.ok("RDEFINE PTKTDATA IRRPTAUTH.IOSHMCSM.HOSTUSR")
    assert ptkt.ok("PERMIT IRRPTAUTH.IOSHMCSM.HOSTUSR CLASS(PTKTDATA) ID(HOSTUSR) ACCESS(UPDATE)") == []
    found = profile(ptkt, "IRRPTAUTH.IOSHMCSM.HOSTUSR")
    assert found["access"]["HOSTUSR"] == "UPDATE"
    ptkt.ok("PE IRRPTAUTH.IOSHMCSM.HOSTUSR CLASS(PTKTDATA) ID(HOSTUSR) DELETE")
    assert "HOSTUSR" not in profile(ptkt, "IRRPTAUTH.IOSHMCSM.HOSTUSR")["access"]
    assert ptkt.command("PERMIT NOPE CLASS(PTKTDATA) ID(HOSTUSR)")[0] == 8
    assert ptkt.command("PERMIT IRRPTAUTH.IOSHMCSM.HOSTUSR CLASS(PTKTDATA) ID(GHOST)")[0] == 8


# --- faults and the log ---------------------------------------------------------


def test_fault_injection_fails_the_next_n_commands_of_a_verb(sim):
    sim.zossim("fault", sim.path, "--fail", "RDEF:2")
    assert sim.command("RDEFINE PTKTDATA A") == (8, ["ICH10103I NOT AUTHORIZED TO DEFINE A."])
    assert sim.command("RDEFINE PTKTDATA B")[0] == 8
    assert sim.command("RDEFINE PTKTDATA C") == (0, [])
    sim.zossim("fault", sim.path, "--fail", "SETROPTS", "--mode", "racf-inactive")
    assert sim.command("SETROPTS CLASSACT(PTKTDATA)") == (12, ["ICH00005I RACF IS NOT ACTIVE."])
    assert [p["name"] for p in sim.state()["profiles"]] == ["C"]
    assert sim.zossim("fault", sim.path, "--fail", "NOSUCH", check=False).returncode == 2


def test_a_fault_with_match_fails_and_counts_only_the_commands_it_matches(sim):
    sim.zossim("fault", sim.path, "--fail", "SETR:1", "--match", r"raclist\(ptktdata\)\s+refresh")
    # SETROPTS LIST and a command of the verb that does not match pass through, uncounted
    assert sim.command("SETROPTS LIST")[0] == 0
    assert sim.command("SETROPTS CLASSACT(PTKTDATA) RACLIST(PTKTDATA)")[0] == 0
    assert sim.state()["faults"]["SETROPTS"]["remaining"] == 1
    assert sim.command("setropts raclist(ptktdata) refresh") == (8, ["ICH14002I NOT AUTHORIZED TO ISSUE SETROPTS."])
    # the single matching failure is used up; the raclisted snapshot was not refreshed by it
    assert sim.command("SETROPTS RACLIST(PTKTDATA) REFRESH")[0] == 0
    assert [(r["command"], r["rc"]) for r in sim.log()][-2:] == [
        ("setropts raclist(ptktdata) refresh", 8),
        ("SETROPTS RACLIST(PTKTDATA) REFRESH", 0),
    ]


def test_a_fault_without_match_still_counts_every_command_of_the_verb(sim):
    sim.zossim("fault", sim.path, "--fail", "SETROPTS:1")
    assert sim.command("SETROPTS LIST")[0] == 8
    assert sim.command("SETROPTS LIST")[0] == 0


def test_an_invalid_match_regex_is_a_usage_error_and_arms_nothing(sim):
    proc = sim.zossim("fault", sim.path, "--fail", "SETROPTS", "--match", "REFRESH(", check=False)
    assert proc.returncode == 2 and "--match 'REFRESH(' is not a valid regular expression" in proc.stderr
    assert sim.state()["faults"] == {}


def test_log_records_every_command_as_received(sim):
    sim.command("rlist  ptktdata  x")
    sim.command("BOGUS")
    records = sim.log()
    assert [(r["command"], r["rc"], r["verb"], r["transport"]) for r in records] == [
        ("rlist  ptktdata  x", 4, "RLIST", "tsocmd"),
        ("BOGUS", 12, "BOGUS", "tsocmd"),
    ]
    assert sim.zossim("log", sim.path).stdout.splitlines() == ["rlist  ptktdata  x", "BOGUS"]


@pytest.mark.parametrize(
    "image, logged",
    [
        ("ALU HOSTUSR PASSW(S3CRET) NOEXPIRED", "ALU HOSTUSR PASSW(********) NOEXPIRED"),
        ("ADDUSER PHR PHRASE('a long s3cret phrase') NAME('P')", "ADDUSER PHR PHRASE(********) NAME('P')"),
        ("ALTUSER HOSTUSR PASSWORD ( S3CRET )", "ALTUSER HOSTUSR PASSWORD(********)"),
    ],
)
def test_passwords_never_reach_the_log_or_state(ptkt, image, logged):
    ptkt.command(image)
    assert ptkt.log()[-1]["command"] == logged
    assert "s3cret" not in str(ptkt.raw_state()).lower()


@pytest.mark.parametrize(
    "verb, image, message",
    [
        ("ADDUSER", "ADDUSER HOSTUSR NAME('X')", "ICH01005I NOT AUTHORIZED TO ADD USER HOSTUSR"),
        ("RALTER", "RALTER PTKTDATA (IOSHMCSM) UACC(READ)", "ICH11103I NOT AUTHORIZED TO ALTER IOSHMCSM."),
        (
            "PERMIT",
            "PERMIT IOSHMCSM CLASS(PTKTDATA) ID(HOSTUSR)",
            "ICH06002I NOT AUTHORIZED TO ISSUE PERMIT ON IOSHMCSM",
        ),
    ],
)
def test_not_authorized_faults_name_the_subject(sim, verb, image, message):
    sim.zossim("fault", sim.path, "--fail", verb)
    assert sim.command(image) == (8, [message])
