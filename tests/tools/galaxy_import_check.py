"""Import a built collection tarball the way Galaxy does, and fail on any warning or error.

Runs galaxy-importer (its ansible-doc and ansible-lint runners, its changelog
and metadata checks; no ansible-test, which needs containers) with the
configuration in ``galaxy-importer.cfg`` beside this file, prints everything
the importer logs, and exits 1 when it logged a warning or an error, or failed.

Usage: python tests/tools/galaxy_import_check.py dist/mainframe-passticket-X.Y.Z.tar.gz
"""

import logging
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


class Recorder(logging.Handler):
    """Prints each record as galaxy-importer's CLI does, and keeps those at WARNING or above."""

    def __init__(self):
        super().__init__()
        self.problems = []

    def emit(self, record):
        message = record.getMessage()
        if record.levelno >= logging.WARNING:
            self.problems.append("%s: %s" % (record.levelname, message))
            print("%s: %s" % (record.levelname, message), flush=True)
        else:
            print(message, flush=True)


def main(argv):
    if len(argv) != 1:
        sys.exit(__doc__)
    tarball = Path(argv[0])
    os.environ["GALAXY_IMPORTER_CONFIG"] = str(HERE / "galaxy-importer.cfg")
    # the importer runs ansible-doc and ansible-lint from PATH: this venv's
    os.environ["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    os.environ.setdefault("NO_COLOR", "1")

    from galaxy_importer import collection, config  # pylint: disable=import-outside-toplevel
    from galaxy_importer.main import FILENAME_REGEXP  # pylint: disable=import-outside-toplevel

    cfg = config.Config(config_data=config.ConfigFile.load())
    logger = logging.getLogger("galaxy_import_check")
    logger.setLevel(logging.INFO)
    recorder = Recorder()
    logger.addHandler(recorder)
    logger.propagate = False

    match = FILENAME_REGEXP.match(tarball.name)
    if not match:
        sys.exit("not a collection tarball name: %s" % tarball.name)
    filename = collection.CollectionFilename(*match.groups())
    try:
        with tarball.open("rb") as handle:
            collection.import_collection(handle, filename, logger=logger, cfg=cfg)
    except Exception as exc:  # pylint: disable=broad-except
        recorder.problems.append("ERROR: the import failed: %s" % exc)
        print(recorder.problems[-1])
    print("\ngalaxy-importer: %d warning(s) or error(s) on %s" % (len(recorder.problems), tarball.name))
    for problem in recorder.problems:
        print("  " + problem)
    return 1 if recorder.problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
