"""z/OS release and UTC clock from uname/date output."""
import pytest

from ansible_collections.mainframe.passticket.plugins.module_utils import _zos_facts as facts


def fake_run_command(outputs):
    calls = []

    def run(argv):
        calls.append(list(argv))
        return outputs[tuple(argv)]
    run.calls = calls
    return run


@pytest.mark.parametrize("text, release", [
    ("z/OS 02.05 00 8561\n", "02.05"),
    ("z/OS 03.01 00 3931", "03.01"),
    ("OS/390 2 10.00 02 9672", "10.00"),
])
def test_parse_release(text, release):
    assert facts.parse_release(text) == release


def test_parse_release_without_release_fails():
    with pytest.raises(facts.ZosFactError, match="release"):
        facts.parse_release("Linux 6.1\n")


@pytest.mark.parametrize("text", ["", "abc", "17000 00000", "-5"])
def test_parse_utc_seconds_rejects_non_numbers(text):
    with pytest.raises(facts.ZosFactError):
        facts.parse_utc_seconds(text)


def test_commands_are_argument_vectors():
    run = fake_run_command({
        ("uname", "-Irsv"): (0, "z/OS 02.05 00 8561\n", ""),
        ("date", "-u", "+%s"): (0, "1700000000\n", ""),
    })
    assert facts.zos_release(run) == "02.05"
    assert facts.utc_time(run) == 1700000000
    assert run.calls == [["uname", "-Irsv"], ["date", "-u", "+%s"]]


def test_failing_command_raises_with_its_stderr():
    run = fake_run_command({("date", "-u", "+%s"): (1, "", "date: bad option\n")})
    with pytest.raises(facts.ZosFactError, match="rc 1: date: bad option"):
        facts.utc_time(run)
