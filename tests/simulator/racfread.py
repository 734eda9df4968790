"""The ``racfread`` shim's work: the product's IRRXUTIL read exec, run under the REXX test bed.

``run(txn, stdin_text)`` runs ``RACF_READ_EXEC_SOURCE`` (plugins/module_utils/
_zos/read_exec.py, the text that travels to z/OS) under Regina through
tests/rexx/harness.py, with the IRRXUTIL stand-in (tests/rexx/irrxutil.py)
answering from the simulated host's RACF database (``radmin.extract``).

- Every extract is logged in the host's command log as ``IRRXUTIL EXTRACT
  <type> <profile>`` (transport ``irrxutil``, verb ``EXTRACT``, rc the R_admin
  RACF return code: 0 found, 4 not found, 8 not authorized), so reads stay
  countable (``zossim log``, ``make bench``).
- On a host made with ``zossim init --no-irrxutil`` IRRXUTIL is not registered:
  the exec's call is REXX error 43 (routine not found), as on a system where
  the module cannot be reached.
"""
from rexx import irrxutil, product
from rexx.harness import Harness

from . import radmin


def read_exec():
    """``RACF_READ_EXEC_SOURCE`` of ``_zos/read_exec.py`` (``rexx.product``)."""
    return product.read_exec()


def logged_extract(txn):
    """``radmin.extract`` on the transaction's state, logging each call."""
    def extract(profile_type, name):
        codes, extracted = radmin.extract(txn.state, profile_type, name)
        txn.log("irrxutil", "EXTRACT", "IRRXUTIL EXTRACT {0} {1}".format(profile_type, name), codes[1])
        return codes, extracted
    return extract


def run(txn, stdin_text, exec_text=None):
    """Run the read exec against the host in ``txn``; return the harness's ExecResult."""
    harness = Harness()
    if txn.state.get("irrxutil", True):
        irrxutil.register(harness, logged_extract(txn))
    return harness.run(read_exec() if exec_text is None else exec_text, stdin=stdin_text, name="racfread.rexx")
