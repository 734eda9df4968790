"""Prepare what ansible-test needs on a machine without general internet access.

1. Put ``get_pip_offline.py`` where ansible-test looks for its cached pip
   bootstrap script, for the pip version this ansible-test pins.
2. Copy the collection (the files git knows, tracked or untracked-but-not-
   ignored) to ``<dest>/ansible_collections/mainframe/passticket``, the path
   layout ansible-test requires, and print that path.

Usage: python tests/tools/prepare_ansible_test.py DEST
"""

import re
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent


def pinned_pip_version():
    import ansible_test  # pylint: disable=import-outside-toplevel

    source = Path(ansible_test.__file__).parent / "_internal" / "python_requirements.py"
    match = re.search(r"pip='([0-9.]+)'", source.read_text())
    if not match:
        sys.exit("cannot find the pip version ansible-test pins in %s" % source)
    return match.group(1)


def install_bootstrap():
    version = pinned_pip_version()
    cache = Path.home() / ".ansible" / "test" / "cache"
    cache.mkdir(parents=True, exist_ok=True)
    target = cache / ("get_pip_%s.py" % version.replace(".", "_"))
    shutil.copyfile(HERE / "get_pip_offline.py", target)
    return target


def collection_files():
    out = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        check=True,
        stdout=subprocess.PIPE,
    ).stdout.decode()
    return [name for name in out.split("\0") if name and (REPO / name).is_file()]


def copy_collection(dest):
    target = Path(dest).resolve() / "ansible_collections" / "mainframe" / "passticket"
    if target.exists():
        shutil.rmtree(target)
    for name in collection_files():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, path)
    return target


def main(argv):
    if len(argv) != 1:
        sys.exit(__doc__)
    install_bootstrap()
    print(copy_collection(argv[0]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
