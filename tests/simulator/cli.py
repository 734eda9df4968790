"""``zossim``: create, inspect and drive simulated z/OS hosts (see docs/simulator.md)."""
import argparse
import re
import base64
import http.server
import json
import os
import shlex
import signal
import sys
import time

from . import evaluate as evaluation
from . import faults, icsf, listings, racf, radmin, store

BIN_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "bin")
DEFAULT_ACTIVE = ["DATASET", "USER", "GROUP", "APPL", "CSFKEYS", "CSFSERV", "FACILITY", "OPERCMDS", "PROGRAM",
                  "STARTED", "SURROGAT", "TSOAUTH", "TSOPROC", "XCSFKEY", "XFACILIT"]
DEFAULT_RACLIST = ["CSFKEYS", "CSFSERV", "FACILITY", "OPERCMDS", "STARTED", "SURROGAT", "TSOAUTH", "XCSFKEY",
                   "XFACILIT"]
DEFAULT_GENERIC = ["DATASET", "CSFKEYS", "CSFSERV", "FACILITY", "OPERCMDS", "PROGRAM", "STARTED", "SURROGAT",
                   "TSOAUTH", "XCSFKEY", "XFACILIT"]
FAULT_VERBS = sorted(racf.VERBS) + list(icsf.VERBS[1:])
WRAPPER_NAME = "python"


class UsageError(Exception):
    pass


def _user_spec(text):
    user_id, _sep, status = text.upper().partition(":")
    if not racf.USERID_RE.match(user_id) or status not in ("", "PROTECTED", "REVOKED"):
        raise argparse.ArgumentTypeError("expected ID[:protected|:revoked], got {0!r}".format(text))
    return user_id, status


def _release(text):
    if not re.match(r"^\d{1,2}\.\d{1,2}$", text):
        raise argparse.ArgumentTypeError("expected a z/OS version.release such as 2.5 or 3.1, got {0!r}".format(text))
    version, release = text.split(".")
    return "{0}.{1}".format(int(version), int(release))


def cmd_init(args):
    today = listings.racf_date(time.time() + args.clock_skew)
    users = {args.caller: racf.new_user(args.caller, today, protected=False, special=not args.no_special)}
    for user_id, status in args.user:
        users[user_id] = racf.new_user(args.caller, today, protected=status == "PROTECTED",
                                       revoked=status == "REVOKED")
    extra = ["PTKTDATA"] if args.ptktdata_active else []
    state = {
        "format": 1,
        "release": args.release,
        "clock_skew": args.clock_skew,
        "caller": args.caller,
        "revoke_after": args.revoke_after,
        "cdt": sorted(set(racf.IBM_CLASSES) | {c.upper() for c in args.cls}),
        "classes": {"active": DEFAULT_ACTIVE + extra, "raclist": DEFAULT_RACLIST + extra,
                    "generic": DEFAULT_GENERIC + extra},
        "profiles": {},
        "raclisted": {},
        "users": users,
        "ckds": {},
        "faults": {},
        "replay": {},
        "irrxutil": not args.no_irrxutil,
        "radmin_read": [name for name in radmin.RADMIN_READ_PROFILES if name not in args.radmin_deny],
    }
    for class_name in state["classes"]["raclist"]:
        state["raclisted"][class_name] = {}
    store.write_new(args.dir, state)
    write_wrapper(args.dir)
    print(os.path.abspath(args.dir))


def _public_ssignon(ssignon):
    if not ssignon:
        return None
    enhanced = listings.effective_enhanced(ssignon) if ssignon.get("eptkeylabel") else {}
    return {
        "legacy_key": ssignon.get("legacy_key"),
        # the label of a KEYLABEL key; the CKDS label RACF generates for a KEYENCRYPTED key is internal
        "legacy_keylabel": ssignon.get("legacy_keylabel") if ssignon.get("legacy_key") == "label" else None,
        "eptkeylabel": ssignon.get("eptkeylabel"),
        "type": enhanced.get("type"),
        "timeout": enhanced.get("timeout"),
        "replay": enhanced.get("replay"),
    }


def public_state(state):
    """The state without key material or passwords (what ``zossim show`` prints)."""
    return {
        "release": state["release"],
        "clock_skew": state["clock_skew"],
        "caller": state["caller"],
        "revoke_after": state["revoke_after"],
        "classes": {field: sorted(names) for field, names in state["classes"].items()},
        "profiles": [
            {"class": class_name, "name": name, "generic": p.get("generic", False), "owner": p["owner"],
             "uacc": p["uacc"], "appldata": p.get("appldata"), "data": p.get("data"), "access": p.get("access", {}),
             "ssignon": _public_ssignon(p.get("ssignon"))}
            for class_name in sorted(state["profiles"]) for name, p in sorted(state["profiles"][class_name].items())
        ],
        "raclisted": {class_name: sorted(profiles) for class_name, profiles in sorted(state["raclisted"].items())},
        "users": [
            {"id": user_id, "name": u.get("name"), "owner": u["owner"], "default_group": u["dfltgrp"],
             "special": u.get("special", False), "protected": u["protected"], "revoked": u["revoked"],
             "failed_attempts": u.get("failed", 0)}
            for user_id, u in sorted(state["users"].items())
        ],
        "ckds": [{"label": label, "length": len(key) // 2} for label, key in sorted(state["ckds"].items())],
        "faults": state.get("faults", {}),
        "irrxutil": state.get("irrxutil", True),
        "radmin_read": state.get("radmin_read", list(radmin.RADMIN_READ_PROFILES)),
    }


def cmd_show(args):
    print(json.dumps(public_state(store.read(args.dir)), indent=2, sort_keys=True))


def cmd_log(args):
    for record in store.read_log(args.dir):
        print(json.dumps(record, sort_keys=True) if args.json else record["command"])


def write_wrapper(host_dir):
    """DIR/python: the host's interpreter, carrying its z/OS environment (works for ad-hoc runs too)."""
    host_dir = os.path.abspath(host_dir)
    path = os.path.join(host_dir, WRAPPER_NAME)
    lines = [
        "#!/bin/sh",
        "# simulated z/OS host {0}: written by zossim; runs Python with the host's environment".format(
            os.path.basename(host_dir)),
        "ZOSSIM_STATE={0}; export ZOSSIM_STATE".format(shlex.quote(host_dir)),
        'PATH={0}:{1}:"$PATH"; export PATH'.format(shlex.quote(BIN_DIR), shlex.quote(os.path.dirname(sys.executable))),
        "PASSTICKET_ICSF_EXEC={0}; export PASSTICKET_ICSF_EXEC".format(shlex.quote(os.path.join(BIN_DIR, "icsfhmac"))),
        "PASSTICKET_RACF_EXEC={0}; export PASSTICKET_RACF_EXEC".format(shlex.quote(os.path.join(BIN_DIR, "racfexec"))),
        "PASSTICKET_RACF_READ_EXEC={0}; export PASSTICKET_RACF_READ_EXEC".format(
            shlex.quote(os.path.join(BIN_DIR, "racfread"))),
        'exec {0} "$@"'.format(shlex.quote(sys.executable)),
    ]
    tmp = path + ".tmp"
    with open(tmp, "w") as out:
        out.write("\n".join(lines) + "\n")
    os.chmod(tmp, 0o755)
    os.replace(tmp, path)
    return path


def cmd_inventory(args):
    out = ["# Simulated z/OS hosts (zossim). A real z/OS inventory differs only in the",
           "# connection and environment settings; see docs/simulator.md.",
           "zos:", "  hosts:"]
    for host_dir in args.dirs:
        store.read(host_dir)  # fails clearly when DIR is not a simulated host
        wrapper = write_wrapper(host_dir)
        out += [
            "    {0}:".format(json.dumps(os.path.basename(os.path.abspath(host_dir)))),
            "      ansible_connection: local",
            "      ansible_python_interpreter: {0}".format(json.dumps(wrapper)),
            "      # on a real host instead:",
            "      # ansible_host: zos1.example.com",
            "      # ansible_user: IBMUSER",
            "      # ansible_python_interpreter: /usr/lpp/IBM/cyp/v3r12/pyz/bin/python3",
        ]
    out += ["  vars:", "    ansible_become: false"]
    print("\n".join(out))


def _evaluate_in(host_dir, user, appl, ticket):
    """Evaluate one ticket in a transaction; return (ok, message)."""
    with store.transaction(host_dir) as txn:
        try:
            algorithm = evaluation.evaluate(txn.state, user, appl, ticket)
            return True, "VALID {0} PassTicket for {1}/{2}".format(algorithm, user.upper(), appl.upper())
        except evaluation.Rejected as rejection:
            return False, "REJECTED: {0}".format(rejection)


def cmd_evaluate(args):
    ok, message = _evaluate_in(args.dir, args.user, args.appl, args.ticket)
    print(message)
    return 0 if ok else 8


def cmd_serve(args):
    host_dir = args.dir

    class SignOn(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server naming
            header = self.headers.get("Authorization", "")
            ok, message = False, "REJECTED: no Basic credentials"
            if header.startswith("Basic "):
                try:
                    user, _sep, ticket = base64.b64decode(header[6:]).decode("ascii").partition(":")
                    ok, message = _evaluate_in(host_dir, user, args.appl, ticket)
                except ValueError:
                    message = "REJECTED: malformed Basic credentials"
            body = (message + "\n").encode("ascii")
            self.send_response(200 if ok else 401)
            if not ok:
                self.send_header("WWW-Authenticate", 'Basic realm="{0}"'.format(args.appl.upper()))
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_POST = do_GET  # noqa: N815

        def log_message(self, format, *log_args):  # pylint: disable=redefined-builtin
            return  # the log would show user names only, but keep the service quiet

    store.read(host_dir)
    server = http.server.HTTPServer(("127.0.0.1", args.port), SignOn)

    def stop(_signum, _frame):
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)
    print("serving {0} on 127.0.0.1:{1}".format(args.appl.upper(), server.server_address[1]), flush=True)
    try:
        server.serve_forever()
    finally:
        server.server_close()
    return 0


def cmd_fault(args):
    verb, _sep, count = args.fail.upper().partition(":")
    verb = racf.VERB_ALIASES.get(verb, verb)
    if verb not in FAULT_VERBS or (count and not count.isdigit()):
        raise UsageError("--fail expects VERB[:N] with VERB in {0}".format(", ".join(FAULT_VERBS)))
    try:
        faults.compile_match(args.match or "")
    except ValueError as error:
        raise UsageError(str(error)) from error
    with store.transaction(args.dir) as txn:
        faults.arm(txn.state, verb, int(count or 1), args.mode, args.match)


def cmd_clock(args):
    with store.transaction(args.dir) as txn:
        txn.state["clock_skew"] = args.skew


def build_parser():
    parser = argparse.ArgumentParser(prog="zossim", description=__doc__)
    verbs = parser.add_subparsers(dest="verb", required=True)

    init = verbs.add_parser("init", help="create a simulated host in DIR")
    init.add_argument("dir")
    init.add_argument("--no-special", action="store_true", help="the caller lacks the SPECIAL attribute")
    init.add_argument("--clock-skew", type=int, default=0, help="host clock minus real clock, seconds")
    init.add_argument("--release", default="2.5", type=_release,
                      help="z/OS version.release, e.g. 2.5 or 3.1; uname -Irsv prints it as z/OS RR.00 VV")
    init.add_argument("--ptktdata-active", action="store_true", help="PTKTDATA already active, RACLISTed, generic")
    init.add_argument("--user", type=_user_spec, action="append", default=[], metavar="ID[:protected|:revoked]")
    init.add_argument("--caller", default="IBMUSER", type=str.upper, help="the user the commands run as")
    init.add_argument("--revoke-after", type=int, default=3, help="failed attempts before revocation (0: never)")
    init.add_argument("--class", dest="cls", action="append", default=[], help="an installation-defined class")
    init.add_argument("--no-irrxutil", action="store_true",
                      help="IRRXUTIL cannot be called (REXX error 43): reads fall back to listings")
    init.add_argument("--radmin-deny", action="append", default=[], choices=radmin.RADMIN_READ_PROFILES,
                      help="the caller lacks READ access to this R_admin FACILITY profile (repeatable)")
    init.set_defaults(func=cmd_init)

    show = verbs.add_parser("show", help="the state as JSON, without key material")
    show.add_argument("dir")
    show.set_defaults(func=cmd_show)

    log = verbs.add_parser("log", help="the commands the host received")
    log.add_argument("dir")
    log.add_argument("--json", action="store_true", help="one JSON object per line")
    log.set_defaults(func=cmd_log)

    inventory = verbs.add_parser("inventory", help="an Ansible inventory (YAML) for these hosts")
    inventory.add_argument("dirs", nargs="+")
    inventory.set_defaults(func=cmd_inventory)

    evaluate = verbs.add_parser("evaluate", help="evaluate a PassTicket as RACF does")
    evaluate.add_argument("dir")
    evaluate.add_argument("--user", required=True)
    evaluate.add_argument("--appl", required=True)
    evaluate.add_argument("--ticket", required=True)
    evaluate.set_defaults(func=cmd_evaluate)

    serve = verbs.add_parser("serve", help="HTTP Basic sign-on service on 127.0.0.1")
    serve.add_argument("dir")
    serve.add_argument("--port", type=int, required=True, help="0 picks a free port (printed)")
    serve.add_argument("--appl", required=True)
    serve.set_defaults(func=cmd_serve)

    fault = verbs.add_parser("fault", help="make the next N commands of a verb fail")
    fault.add_argument("dir")
    fault.add_argument("--fail", required=True, metavar="VERB[:N]")
    fault.add_argument("--mode", choices=["not-authorized", "racf-inactive"], default="not-authorized")
    fault.add_argument("--match", metavar="REGEX",
                       help="only commands whose image matches REGEX (case-insensitive) fail and are counted")
    fault.set_defaults(func=cmd_fault)

    clock = verbs.add_parser("clock", help="set the host clock's skew (seconds)")
    clock.add_argument("dir")
    clock.add_argument("--skew", type=int, required=True)
    clock.set_defaults(func=cmd_clock)
    return parser


def main(argv=None):
    args = build_parser().parse_args(argv)
    try:
        return args.func(args) or 0
    except (store.HostError, UsageError) as error:
        sys.stderr.write("zossim: {0}\n".format(error))
        return 2
