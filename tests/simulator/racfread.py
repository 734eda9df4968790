"""The ``racfread`` shim: the product's IRRXUTIL read exec, run under the REXX test bed.

``run(stdin_text)`` runs ``RACF_READ_EXEC_SOURCE`` (plugins/module_utils/
_racf_extract.py, the text that travels to z/OS) under Regina through
tests/rexx/harness.py, with the IRRXUTIL stand-in (tests/rexx/irrxutil.py)
answering from the simulated host's RACF database (``radmin.extract``).

- Every extract is logged in the host's command log as ``IRRXUTIL EXTRACT
  <type> <profile>`` (transport ``irrxutil``, verb ``EXTRACT``, rc the R_admin
  RACF return code: 0 found, 4 not found, 8 not authorized), so reads stay
  countable (``zossim log``, ``make bench``).
- On a host made with ``zossim init --no-irrxutil`` IRRXUTIL is not registered:
  the exec's call is REXX error 43 (routine not found), as on a system where
  the module cannot be reached.
- The exec's stdout goes to stdout, REXX messages to stderr; the exit status
  is the exec's. An interface rule broken by the exec fails the run (status 90).
"""
import importlib
import sys
import types
from pathlib import Path

from . import radmin, store

REPO = Path(__file__).resolve().parents[2]
TESTS = REPO / "tests"
COLLECTION = "ansible_collections.mainframe.passticket"


def collection_module(name):
    """``plugins/module_utils/<name>`` of this repository, imported as the collection's module."""
    parts = COLLECTION.split(".")
    for depth in range(1, len(parts) + 1):
        package = ".".join(parts[:depth])
        if package not in sys.modules:
            module = types.ModuleType(package)
            module.__path__ = [str(REPO)] if depth == len(parts) else []
            sys.modules[package] = module
    return importlib.import_module(COLLECTION + ".plugins.module_utils." + name)


def logged_extract(txn):
    """``radmin.extract`` on the transaction's state, logging each call."""
    def extract(profile_type, name):
        codes, extracted = radmin.extract(txn.state, profile_type, name)
        txn.log("irrxutil", "EXTRACT", "IRRXUTIL EXTRACT {0} {1}".format(profile_type, name), codes[1])
        return codes, extracted
    return extract


def run_read_exec(txn, stdin_text, exec_text=None):
    """Run the read exec against the host in ``txn``; return the harness's ExecResult."""
    if str(TESTS) not in sys.path:
        sys.path.insert(0, str(TESTS))
    from rexx import irrxutil  # pylint: disable=import-outside-toplevel
    from rexx.harness import Harness  # pylint: disable=import-outside-toplevel

    if exec_text is None:
        exec_text = collection_module("_racf_extract").RACF_READ_EXEC_SOURCE
    harness = Harness()
    if txn.state.get("irrxutil", True):
        irrxutil.register(harness, logged_extract(txn))
    return harness.run(exec_text, stdin=stdin_text)


def main(stdin_text):
    """The shim: run the exec on the host named by ZOSSIM_STATE; return the exit status."""
    try:
        with store.transaction(store.host_dir_from_env()) as txn:
            result = run_read_exec(txn, stdin_text)
    except store.HostError as error:
        sys.stderr.write("zossim: {0}\n".format(error))
        return 90
    except AssertionError as violation:  # rexx.harness.InterfaceViolation
        sys.stderr.write("zossim: racfread: the read exec broke an interface rule: {0}\n".format(violation))
        return 90
    sys.stdout.write(result.stdout)
    if result.messages:
        sys.stderr.write(result.messages if result.messages.endswith("\n") else result.messages + "\n")
    return result.status
