"""AWX / Automation Platform pieces: the credential type, the execution environment, a job through ansible-runner."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from jinja2.sandbox import SandboxedEnvironment

from role_helpers import PLAYBOOKS, REPO, new_key, recap, sign_on_service, tso, write_host_vars, write_vars

AWX = REPO / "docs" / "awx"
RUNNER = pytest.importorskip("ansible_runner")


def _injected_extra_vars(inputs):
    """Render the credential type's injectors the way AWX does (Jinja over the credential's inputs)."""
    injectors = yaml.safe_load((AWX / "credential-type-injectors.yml").read_text())
    render = SandboxedEnvironment().from_string
    return {name: render(template).render(**inputs) for name, template in injectors["extra_vars"].items()}


def test_credential_type_injects_only_the_key_as_a_secret():
    inputs = yaml.safe_load((AWX / "credential-type-inputs.yml").read_text())
    fields = {field["id"]: field for field in inputs["fields"]}
    assert set(fields) == {"passticket_key"}
    assert fields["passticket_key"]["secret"] is True
    assert inputs["required"] == ["passticket_key"]
    injected = _injected_extra_vars({"passticket_key": "AB" * 64})
    # extra variables beat host variables: nothing host-specific (label, user, application) is injected
    assert injected == {"passticket_setup_key": "AB" * 64}
    specs = yaml.safe_load((REPO / "roles" / "passticket_setup" / "meta" / "argument_specs.yml").read_text())
    assert specs["argument_specs"]["main"]["options"]["passticket_setup_key"]["no_log"] is True


def _version():
    return yaml.safe_load((REPO / "galaxy.yml").read_text())["version"]


def test_execution_environment_installs_the_local_tarball_and_zos_core_is_optional():
    collection_ee = yaml.safe_load((REPO / "meta" / "execution-environment.yml").read_text())
    requirements = (REPO / collection_ee["dependencies"]["python"]).read_text().split()
    assert any(line.startswith("cryptography") for line in requirements)
    text = (AWX / "execution-environment.yml").read_text()
    example = yaml.safe_load(text)
    assert example["version"] == 3
    tarball = "mainframe-passticket-{0}.tar.gz".format(_version())
    assert example["dependencies"]["galaxy"]["collections"] == [
        {"name": "/build/collections/" + tarball, "type": "file"}
    ]
    assert example["additional_build_files"] == [{"src": "../../.build/dist/" + tarball, "dest": "collections"}]
    assert "# - name: ibm.ibm_zos_core" in text  # offered, commented out


def test_ansible_builder_accepts_the_example(tmp_path):
    # ansible-builder is pinned in the newest tool set only (tests/requirements)
    builder = Path(sys.executable).parent / "ansible-builder"
    if not builder.exists():
        pytest.skip("ansible-builder is installed with the newest ansible-core tool set only")
    # the repository layout the example expects: docs/awx/ and the tarball make build writes to .build/dist/
    (tmp_path / "docs" / "awx").mkdir(parents=True)
    shutil.copy(AWX / "execution-environment.yml", tmp_path / "docs" / "awx")
    subprocess.run(
        [
            str(Path(sys.executable).parent / "ansible-galaxy"),
            "collection",
            "build",
            "--output-path",
            str(tmp_path / ".build" / "dist"),
            str(REPO),
        ],
        check=True,
        capture_output=True,
    )
    proc = subprocess.run(
        [
            str(builder),
            "create",
            "-f",
            str(tmp_path / "docs" / "awx" / "execution-environment.yml"),
            "-c",
            str(tmp_path / "context"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    tarball = "mainframe-passticket-{0}.tar.gz".format(_version())
    assert (tmp_path / "context" / "_build" / "collections" / tarball).is_file()
    requirements = yaml.safe_load((tmp_path / "context" / "_build" / "requirements.yml").read_text())
    assert requirements["collections"] == [{"name": "/build/collections/" + tarball, "type": "file"}]
    # the image copies the context's _build/ to /build and installs from there
    containerfile = next(p for p in (tmp_path / "context").iterdir() if p.name in ("Containerfile", "Dockerfile"))
    assert "COPY _build /build" in containerfile.read_text()


def _awx_job(private, inventory_path, extravars, playbook="verify.yml"):
    """A job as AWX prepares it: a private data dir with the inventory and env/extravars (0600)."""
    (private / "env").mkdir(parents=True)
    (private / "inventory").mkdir()
    shutil.copy(inventory_path, private / "inventory" / "hosts.yml")
    extravars_file = private / "env" / "extravars"
    extravars_file.write_text(json.dumps(extravars))
    os.chmod(extravars_file, 0o600)
    # as in an execution environment: ansible-playbook on PATH, the collection installed
    envvars = {
        "ANSIBLE_COLLECTIONS_PATH": os.environ["ANSIBLE_COLLECTIONS_PATH"],
        "ANSIBLE_NOCOLOR": "1",
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]),
    }
    return lambda: RUNNER.run(
        private_data_dir=str(private), playbook=str(PLAYBOOKS / playbook), envvars=envvars, quiet=True, verbosity=3
    )


def test_verify_job_through_ansible_runner_with_the_injected_key(tmp_path, make_host, inventory, ansible_playbook):
    host = make_host("zos1")
    inv = inventory(host)
    key = new_key()
    ansible_playbook(PLAYBOOKS / "csm_hyperswap.yml", inv, *write_vars(tmp_path, key))
    extravars = _injected_extra_vars({"passticket_key": key})
    private = tmp_path / "awx-job"
    job = _awx_job(private, inv, extravars)

    with sign_on_service(host) as url:
        write_host_vars(private / "inventory" / "hosts.yml", "zos1", passticket_setup_verify_url=url)
        healthy = job()
        output = healthy.stdout.read()
        assert healthy.status == "successful" and healthy.rc == 0, output
        # the injected key reached the live sign-on test
        assert "zos1: OK" in output and "live sign-on passed" in output

        assert tso(host, "RALTER PTKTDATA IOSHMCSM.HOSTUSR APPLDATA('CHANGED BY HAND')").returncode == 0
        drifted = job()
        output = drifted.stdout.read()
        assert drifted.status == "failed" and drifted.rc == 2, output
        assert recap(output)["zos1"]["failed"] == 1

    # the key is nowhere in what AWX keeps of the jobs: stdout, events, the command line
    for path in (private / "artifacts").rglob("*"):
        if path.is_file():
            text = path.read_text(errors="replace")
            assert key not in text and key.lower() not in text, path
    events = [event for event in drifted.events if event.get("event") == "runner_on_failed"]
    assert events and "APPLDATA is 'CHANGED BY HAND'" in json.dumps(events)
    # the findings as job artifacts (set_stats), as AWX shows them
    stats = [event for event in drifted.events if event.get("event") == "playbook_on_stats"]
    findings = stats[0]["event_data"]["artifact_data"]["passticket_verify"]
    assert findings == {"zos1": ["APPLDATA is 'CHANGED BY HAND', wanted 'CSM TO HYPERSWAP CONNECTION'"]}


def test_two_hosts_with_different_labels_each_get_their_own(tmp_path, make_host, inventory, host_state):
    """The fleet of docs/inventory-example.yml: the key from the credential, each host's label from the inventory."""
    hosts = {"zos1": "USRLCL.CKDS.CSM", "zos2": "SYS2.CKDS.CSM"}
    host_dirs = [make_host(name) for name in hosts]
    inv = inventory(*host_dirs)
    key = new_key()
    private = tmp_path / "awx-job"
    job = _awx_job(private, inv, _injected_extra_vars({"passticket_key": key}), playbook="csm_hyperswap.yml")
    write_host_vars(private / "inventory" / "hosts.yml", "zos1", passticket_setup_oa62931_installed=True)
    write_host_vars(
        private / "inventory" / "hosts.yml",
        "zos2",
        passticket_setup_oa62931_installed=True,
        passticket_setup_key_label=hosts["zos2"],
    )

    setup = job()
    output = setup.stdout.read()
    assert setup.status == "successful" and setup.rc == 0, output
    for host_dir in host_dirs:
        label = hosts[host_dir.name]
        state = host_state(host_dir)
        # the key under this host's label only, and the profile pointing at it
        assert [entry["label"] for entry in state["ckds"]] == [label]
        profile = [p for p in state["profiles"] if p["class"] == "PTKTDATA" and p["name"] == "IOSHMCSM.HOSTUSR"]
        assert profile[0]["ssignon"]["eptkeylabel"] == label
        assert "IOSHMCSM.HOSTUSR" in state["raclisted"]["PTKTDATA"]
        assert "step 4 key: IMPORT {0}".format(label) in output  # the change record, in the job output
    for path in (private / "artifacts").rglob("*"):
        if path.is_file():
            text = path.read_text(errors="replace")
            assert key not in text and key.lower() not in text, path
