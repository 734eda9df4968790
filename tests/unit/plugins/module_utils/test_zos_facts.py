"""z/OS release and UTC clock from uname/date output."""

import pytest

from ansible_collections.mainframe.passticket.plugins.module_utils._zos import facts


def fake_run_command(outputs):
    calls = []

    def run(argv):
        calls.append(list(argv))
        return outputs[tuple(argv)]

    run.calls = calls
    return run


@pytest.mark.parametrize(
    "text, release",
    [
        # uname -Irsv prints "z/OS RR.00 VV" [spec zos-interfaces.md section 5, ibm_zos_core]
        ("z/OS 04.00 02\n", "2.4"),
        ("z/OS 05.00 02\n", "2.5"),
        ("z/OS 01.00 03", "3.1"),
        ("z/OS 03.00 02", "2.3"),
        ("z/OS 02.00 02", "2.2"),
        ("z/OS 13.00 01", "1.13"),
    ],
)
def test_parse_release_reads_the_real_layout(text, release):
    parsed = facts.parse_release(text)
    assert str(parsed) == release
    assert parsed.raw == text.strip()


@pytest.mark.parametrize("text", ["Linux 6.1\n", "", "OS/390 25.00 04", "z/OS 02.05"])
def test_parse_release_rejects_what_is_not_the_real_layout(text):
    with pytest.raises(facts.ZosFactError, match="z/OS RR.00 VV"):
        facts.parse_release(text)


@pytest.mark.parametrize("text", ["", "abc", "17000 00000", "-5"])
def test_parse_utc_seconds_rejects_non_numbers(text):
    with pytest.raises(facts.ZosFactError):
        facts.parse_utc_seconds(text)


def test_commands_are_argument_vectors():
    run = fake_run_command(
        {
            ("uname", "-Irsv"): (0, "z/OS 05.00 02\n", ""),
            ("date", "-u", "+%s"): (0, "1700000000\n", ""),
        }
    )
    assert str(facts.zos_release(run)) == "2.5"
    assert facts.utc_time(run) == 1700000000
    assert run.calls == [["uname", "-Irsv"], ["date", "-u", "+%s"]]


def test_failing_command_raises_with_its_stderr():
    run = fake_run_command({("date", "-u", "+%s"): (1, "", "date: bad option\n")})
    with pytest.raises(facts.ZosFactError, match="rc 1: date: bad option"):
        facts.utc_time(run)


@pytest.mark.parametrize(
    "uname, below_minimum",
    [
        ("z/OS 04.00 02", False),
        ("z/OS 05.00 02", False),
        ("z/OS 01.00 03", False),
        ("z/OS 03.00 02", True),
    ],
)
def test_the_roles_minimum_release_check_accepts_2_4_2_5_3_1_and_rejects_2_3(uname, below_minimum):
    """step0 compares passticket_info's zos_release with the role default through Ansible's version test."""
    from pathlib import Path

    import yaml
    from ansible.plugins.test.core import version_compare

    role = Path(__file__).resolve().parents[4] / "roles" / "passticket_setup"
    minimum = yaml.safe_load((role / "defaults" / "main.yml").read_text())["passticket_setup_min_zos_release"]
    assert "facts.zos_release is version(passticket_setup_min_zos_release, '<')" in " ".join(
        (role / "tasks" / "step0_prerequisites.yml").read_text().split()
    )
    assert version_compare(str(facts.parse_release(uname)), minimum, "<") is below_minimum
