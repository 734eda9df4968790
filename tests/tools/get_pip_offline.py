"""Stand-in for the pip bootstrap script that ansible-test downloads.

ansible-test (``--venv`` / ``--requirements``) bootstraps pip in each virtual
environment with ``get-pip.py`` fetched from a host that is not reachable from
the machines this project is tested on (only package registries are). It looks
for a cached copy at ``~/.ansible/test/cache/get_pip_<version>.py`` first;
``tests/tools/prepare_ansible_test.py`` puts this file there.

It does what get-pip.py does, offline: install the pip bundled with the
interpreter (``ensurepip``), then let that pip install the packages ansible-test
asked for (e.g. ``pip==25.2``) from the configured package index.
"""

import subprocess
import sys

# get-pip.py options that plain pip does not know
_GET_PIP_ONLY = {"--no-setuptools", "--no-wheel"}


def main(argv):
    subprocess.check_call([sys.executable, "-m", "ensurepip", "--upgrade", "--default-pip"])
    args = [arg for arg in argv if arg not in _GET_PIP_ONLY]
    packages = [arg for arg in args if not arg.startswith("-")]
    if packages:
        subprocess.check_call([sys.executable, "-m", "pip", "install"] + args)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
