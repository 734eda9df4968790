"""Shared pytest set-up: make the repository importable as the collection.

Ansible finds collections only under an ``ansible_collections/<ns>/<name>``
path. The repository root *is* the collection, so a link
``.build/collections/ansible_collections/mainframe/passticket`` points back at
it; unit tests import ``ansible_collections.mainframe.passticket...`` through
it, and playbook runs get it through ``ANSIBLE_COLLECTIONS_PATH``.
"""

import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
COLLECTIONS = REPO / ".build" / "collections"


def _link_collection():
    ns_dir = COLLECTIONS / "ansible_collections" / "mainframe"
    link = ns_dir / "passticket"
    ns_dir.mkdir(parents=True, exist_ok=True)
    if not link.exists():
        try:
            link.symlink_to(REPO, target_is_directory=True)
        except FileExistsError:  # another worker won the race
            pass


_link_collection()
if str(COLLECTIONS) not in sys.path:
    sys.path.insert(0, str(COLLECTIONS))
os.environ["ANSIBLE_COLLECTIONS_PATH"] = str(COLLECTIONS)
