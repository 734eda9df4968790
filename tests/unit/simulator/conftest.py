"""Fixtures for the simulator's unit tests (helpers live in sim_helpers.py)."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sim_helpers import SimHost, cli  # noqa: E402  pylint: disable=wrong-import-position


@pytest.fixture
def make_sim(tmp_path):
    def make(*init_args, name="zos1"):
        path = tmp_path / name
        assert cli.main(["init", str(path)] + list(init_args)) == 0
        return SimHost(path)

    return make


@pytest.fixture
def sim(make_sim, capsys):
    host = make_sim()
    capsys.readouterr()
    return host
