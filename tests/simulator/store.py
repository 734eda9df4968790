"""The simulated host's state: one JSON file per host directory.

Every command runs as one transaction under an exclusive ``fcntl.flock`` on
``DIR/state.lock``: read ``state.json``, change it, write it to a temporary
file and ``os.replace`` it over the old one, append the command to
``DIR/log.jsonl``. Readers take a shared lock, so concurrent commands never
see or leave a half-written state.
"""
import contextlib
import fcntl
import json
import os
import time

STATE_FILE = "state.json"
LOCK_FILE = "state.lock"
LOG_FILE = "log.jsonl"


class HostError(Exception):
    """The host directory is missing or not a simulated host."""


def host_dir_from_env():
    host_dir = os.environ.get("ZOSSIM_STATE")
    if not host_dir:
        raise HostError("ZOSSIM_STATE is not set: it must name a host directory made by 'zossim init'")
    return host_dir


def _state_path(host_dir):
    path = os.path.join(host_dir, STATE_FILE)
    if not os.path.isfile(path):
        raise HostError("{0} is not a simulated host (no {1}; run 'zossim init')".format(host_dir, STATE_FILE))
    return path


@contextlib.contextmanager
def _locked(host_dir, mode):
    path = _state_path(host_dir)
    with open(os.path.join(host_dir, LOCK_FILE), "a") as lock:
        fcntl.flock(lock, mode)
        try:
            yield path
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def read(host_dir):
    """Return the state for reading only."""
    with _locked(host_dir, fcntl.LOCK_SH) as path:
        with open(path) as handle:
            return json.load(handle)


def write_new(host_dir, state):
    """Create a host directory with its first state."""
    os.makedirs(host_dir, exist_ok=True)
    if os.path.exists(os.path.join(host_dir, STATE_FILE)):
        raise HostError("{0} already holds a simulated host".format(host_dir))
    _replace(os.path.join(host_dir, STATE_FILE), state)
    open(os.path.join(host_dir, LOG_FILE), "a").close()


def _replace(path, state):
    tmp = os.path.join(os.path.dirname(path), ".state-{0}".format(os.getpid()))
    try:
        with os.fdopen(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as out:
            json.dump(state, out, indent=1, sort_keys=True)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


class Transaction:
    """Mutable state of one command; ``log()`` records what the host received."""

    def __init__(self, host_dir, state):
        self.host_dir = host_dir
        self.state = state
        self.records = []

    def log(self, transport, verb, command, rc):
        now = time.time()
        self.records.append({
            "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now)),
            "epoch": round(now, 3),
            "transport": transport,
            "verb": verb,
            "command": command,
            "rc": rc,
        })


@contextlib.contextmanager
def transaction(host_dir):
    """Yield a Transaction; its state and log records are saved on success."""
    with _locked(host_dir, fcntl.LOCK_EX) as path:
        with open(path) as handle:
            txn = Transaction(host_dir, json.load(handle))
        yield txn
        _replace(path, txn.state)
        if txn.records:
            with open(os.path.join(host_dir, LOG_FILE), "a") as log:
                for record in txn.records:
                    log.write(json.dumps(record, sort_keys=True) + "\n")


def read_log(host_dir):
    with _locked(host_dir, fcntl.LOCK_SH):
        with open(os.path.join(host_dir, LOG_FILE)) as handle:
            return [json.loads(line) for line in handle if line.strip()]
