"""The exec texts exactly as the collection ships them, from plugins/module_utils.

The constants are taken from the collection's own modules (some are rendered
from the module's constants, e.g. the key length limits), so the simulator's
shims and the tests run the very text a module would write to z/OS. The
modules are imported from this repository as ``ansible_collections.mainframe.
passticket`` without needing the collection to be installed.
"""

import importlib
import sys
import types
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
COLLECTION = "ansible_collections.mainframe.passticket"


def collection_module(name):
    """``plugins/module_utils/<name>`` of this repository (``_zos.read_exec``), imported as the collection's module."""
    parts = COLLECTION.split(".")
    for depth in range(1, len(parts) + 1):
        package = ".".join(parts[:depth])
        if package not in sys.modules:
            module = types.ModuleType(package)
            module.__path__ = [str(REPO)] if depth == len(parts) else []
            sys.modules[package] = module
    return importlib.import_module(COLLECTION + ".plugins.module_utils." + name)


def icsf_exec():
    """``ICSF_EXEC_SOURCE`` of ``_zos/icsf_exec.py``."""
    return collection_module("_zos.icsf_exec").ICSF_EXEC_SOURCE


def racf_exec():
    """``RACF_EXEC_SOURCE`` of ``_zos/racf_exec.py``."""
    return collection_module("_zos.racf_exec").RACF_EXEC_SOURCE


def read_exec():
    """``RACF_READ_EXEC_SOURCE`` of ``_zos/read_exec.py``."""
    return collection_module("_zos.read_exec").RACF_READ_EXEC_SOURCE
