"""The z/OS UNIX commands the modules run, answered by the simulated host.

Each shim reads the host directory from ``ZOSSIM_STATE``:

- ``tsocmd COMMAND``: echoes the command image to stderr (as z/OS does),
  prints RACF's output on stdout, exits with the command's rc.
- ``racfexec``: the RACF exec protocol: command image on the first line of
  stdin, output on stdout, no echo, exit status = rc. Same code path as tsocmd.
- ``icsfhmac VERB LABEL``: the ICSF exec protocol (see ``simulator.icsf``).
- ``uname -I...``: the real layout ``z/OS RR.00 VV`` (z/OS 2.5: ``z/OS 05.00 02``);
  other options run the real uname.
- ``date -u +%s``: the host's skewed UTC clock; anything else runs the real date.

Kept light: only the standard library, nothing from the PassTicket engine.
"""
import os
import sys

from . import faults, icsf, racf, store

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


def racfexec(argv):
    image = sys.stdin.readline().rstrip("\r\n")
    if not image.strip():
        return _fail("racfexec: no command image on stdin")
    return _run_racf(image, "racfexec", echo=False)


def icsfhmac(argv):
    if len(argv) != 3:
        return _fail("usage: icsfhmac EXISTS|IMPORT|REPLACE|DELETE LABEL (key as hex on stdin)")
    verb, label = argv[1].upper(), argv[2]
    key_hex = sys.stdin.readline() if verb in ("IMPORT", "REPLACE") else None
    try:
        with store.transaction(store.host_dir_from_env()) as txn:
            image = "{0} {1}".format(verb, label)
            mode = faults.take(txn.state, verb, image)
            if mode is None:
                rc, line = icsf.run(txn.state["ckds"], verb, label, key_hex)
            else:
                rc, line = (icsf.answer(12, 0, "ICSF NOT ACTIVE") if mode == "racf-inactive"
                            else icsf.answer(8, 16004, "NOT AUTHORIZED"))
            txn.log("icsf", verb, image, rc)
    except store.HostError as error:
        return _fail(error)
    sys.stdout.write(line + "\n")
    return rc


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
    return {"tsocmd": tsocmd, "racfexec": racfexec, "icsfhmac": icsfhmac, "uname": uname, "date": date}[name](sys.argv)
