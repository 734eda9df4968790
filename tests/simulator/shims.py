"""The z/OS UNIX commands the modules run, answered by the simulated host.

Each shim reads the host directory from ``ZOSSIM_STATE``:

- ``tsocmd COMMAND``: echoes the command image to stderr (as z/OS does),
  prints RACF's output on stdout, exits with the command's rc.
- ``racfexec``: runs the collection's RACF exec (``RACF_EXEC_SOURCE``, the
  very text a module writes to z/OS) under Regina REXX with the harness of
  tests/rexx, its IRRSEQ00 stand-in passing each command to the simulated
  RACF (same code path as tsocmd, logged with transport ``racfexec``).
- ``icsfhmac``: runs the collection's ICSF exec (``ICSF_EXEC_SOURCE``) the
  same way, its CSNBKTB2/KPI2/KRC2/KRR2/KRD stand-ins keeping the host's CKDS
  (``simulator.icsf``); logged with transport ``icsf`` as ``VERB LABEL``.
- ``racfread``: the product's IRRXUTIL read exec under the REXX test bed,
  requests on stdin (see ``simulator.racfread``).
- All three take no arguments and read everything from stdin, as the execs do.
  When the exec breaks an interface rule (a stand-in's ``InterfaceViolation``)
  the shim says so on stderr and exits 90.
- ``ticketserv``: R_TicketServ evaluate, for the stand-in IRRRacf.jar
  (tests/java): stdin line 1 ``EVALUATE USER APPL``, line 2 the PassTicket
  (never in argv); one stdout line ``SAF=<n> RACF=<n> REASON=<n>``, exit 0
  (see ``simulator.evaluate.ticket_service``); logged with transport
  ``ticketserv`` as ``R_TICKETSERV EVALUATE USER APPL``, never with the
  ticket. The caller is the host's caller.
- ``uname -I...``: the real layout ``z/OS RR.00 VV`` (z/OS 2.5: ``z/OS 05.00 02``);
  other options run the real uname.
- ``date -u +%s``: the host's skewed UTC clock; anything else runs the real date.

Kept light: the standard library and the REXX test bed; only ``ticketserv``
loads the PassTicket engine (through ``simulator.evaluate``), as evaluation
needs it.
"""
import os
import sys

from rexx import product
from rexx.harness import Harness, InterfaceViolation
from rexx.standins.icsf import register_icsf
from rexx.standins.irrseq00 import register_irrseq00

from . import evaluate as evaluation
from . import faults, icsf, racf, store
from . import racfread as read_exec

REAL_DIRS = ("/bin", "/usr/bin")


def _fail(message):
    sys.stderr.write("zossim: {0}\n".format(message))
    return 90


def _run_racf(image, transport, echo):
    try:
        host_dir = store.host_dir_from_env()
        if echo:
            sys.stderr.write(image + "\n")
        with store.transaction(host_dir) as txn:
            rc, lines = racf.run_command(txn, image, transport)
    except store.HostError as error:
        return _fail(error)
    for line in lines:
        sys.stdout.write(line + "\n")
    return rc


def tsocmd(argv):
    if len(argv) < 2 or not " ".join(argv[1:]).strip():
        return _fail("usage: tsocmd 'TSO COMMAND'")
    return _run_racf(" ".join(argv[1:]), "tsocmd", echo=True)


def _run_exec(what, run):
    """Run one product exec under the REXX test bed: ``run(txn, stdin) -> result`` inside the host's transaction.

    Its stdout and exit status become the shim's; REXX messages go to stderr.
    An exec that breaks an interface rule fails the shim (exit 90): the
    simulator never covers for an exec that would fail on z/OS.
    """
    stdin = sys.stdin.read()
    try:
        with store.transaction(store.host_dir_from_env()) as txn:
            result = run(txn, stdin)
    except store.HostError as error:
        return _fail(error)
    except InterfaceViolation as error:
        return _fail("the {0} broke an interface rule: {1}".format(what, error))
    sys.stdout.write(result.stdout)
    if result.messages:
        sys.stderr.write(result.messages)
    return result.status


def racfexec(argv):
    if len(argv) != 1:
        return _fail("racfexec takes no arguments: the command is the first line of stdin")

    def run(txn, stdin):
        harness = Harness()
        register_irrseq00(harness, lambda image: racf.run_command(txn, image, "racfexec"))
        return harness.run(product.racf_exec(), stdin=stdin, name="racfexec.rexx")

    return _run_exec("RACF exec", run)


def icsfhmac(argv):
    if len(argv) != 1:
        return _fail("icsfhmac takes no arguments: stdin holds 'VERB LABEL' and, for IMPORT/REPLACE, the key in hex")

    def run(txn, stdin):
        words = stdin.split("\n", 1)[0].split()
        verb = words[0].upper() if words else "?"
        image = " ".join(words[:2])
        mode = faults.take(txn.state, verb, image) if verb in icsf.VERBS else None
        fault = None if mode is None else (icsf.ICSF_NOT_ACTIVE if mode == "racf-inactive" else icsf.LABEL_NOT_AUTHORIZED)
        harness = Harness()
        register_icsf(harness, icsf.Ckds(txn.state["ckds"], fault))
        result = harness.run(product.icsf_exec(), stdin=stdin, name="icsfhmac.rexx")
        txn.log("icsf", verb, image, result.status)
        return result

    return _run_exec("ICSF exec", run)


def racfread(argv):
    if len(argv) != 1:
        return _fail("racfread takes no arguments: its requests come on stdin")
    return _run_exec("read exec", read_exec.run)


def ticketserv(argv):
    if len(argv) != 1:
        return _fail("ticketserv takes no arguments: stdin holds 'EVALUATE USER APPL' and then the PassTicket")
    lines = sys.stdin.read().split("\n")
    words = lines[0].split(" ")
    if len(lines) != 3 or lines[2] or len(words) != 3 or words[0] != "EVALUATE" or not all(words[1:]):
        return _fail("ticketserv expects exactly two lines on stdin: 'EVALUATE USER APPL' and the PassTicket")
    user, appl = words[1].upper(), words[2].upper()
    try:
        with store.transaction(store.host_dir_from_env()) as txn:
            codes = evaluation.ticket_service(txn.state, txn.state["caller"], user, appl, lines[1])
            txn.log("ticketserv", "EVALUATE", "R_TICKETSERV EVALUATE {0} {1}".format(user, appl), codes[0])
    except store.HostError as error:
        return _fail(error)
    sys.stdout.write("SAF={0} RACF={1} REASON={2}\n".format(*codes))
    return 0


def _exec_real(name, argv):
    for directory in REAL_DIRS:
        path = os.path.join(directory, name)
        if os.access(path, os.X_OK):
            os.execv(path, [path] + argv[1:])
    return _fail("no real {0} found in {1}".format(name, " or ".join(REAL_DIRS)))


def _host_state():
    return store.read(store.host_dir_from_env())


def release_fields(text):
    """``'2.5'`` or ``'02.05'`` (version.release, as ``init --release`` takes it) -> ``(2, 5)``."""
    version, _dot, release = text.partition(".")
    return int(version), int(release)


def uname(argv):
    if not any(arg.startswith("-") and not arg.startswith("--") and "I" in arg for arg in argv[1:]):
        return _exec_real("uname", argv)
    try:
        version, release = release_fields(_host_state()["release"])
    except store.HostError as error:
        return _fail(error)
    # -I: product name, release, version [S73]; z/OS V.R prints "z/OS RR.00 VV" [S74][S75]
    sys.stdout.write("z/OS {0:02d}.00 {1:02d}\n".format(release, version))
    return 0


def date(argv):
    if sorted(argv[1:]) not in (["+%s", "-u"], ["+%s", "--utc"]):
        return _exec_real("date", argv)
    try:
        state = _host_state()
    except store.HostError as error:
        return _fail(error)
    sys.stdout.write("{0}\n".format(int(racf.now(state))))
    return 0


def main(name):
    """Entry point of the bin/ scripts."""
    shims = {"tsocmd": tsocmd, "racfexec": racfexec, "icsfhmac": icsfhmac, "racfread": racfread,
             "ticketserv": ticketserv, "uname": uname, "date": date}
    return shims[name](sys.argv)
