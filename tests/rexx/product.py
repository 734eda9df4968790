"""The exec texts exactly as the collection ships them, read from plugins/module_utils.

The constants are read with ``ast`` from the module source files, so the
simulator's shims (which do not import the collection) run the very text a
module would write to z/OS.
"""
import ast
from pathlib import Path

MODULE_UTILS = Path(__file__).resolve().parents[2] / "plugins" / "module_utils"


def exec_source(module_file, constant):
    """The string constant ``constant`` of ``plugins/module_utils/<module_file>``."""
    tree = ast.parse((MODULE_UTILS / module_file).read_text())
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(target, "id", None) == constant for target in node.targets):
            return ast.literal_eval(node.value)
    raise LookupError("{0} has no constant {1}".format(module_file, constant))


def icsf_exec():
    """``ICSF_EXEC_SOURCE`` of ``_icsf.py``."""
    return exec_source("_icsf.py", "ICSF_EXEC_SOURCE")


def racf_exec():
    """``RACF_EXEC_SOURCE`` of ``_racf_exec.py``."""
    return exec_source("_racf_exec.py", "RACF_EXEC_SOURCE")
