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


def test_credential_type_carries_the_key_as_a_secret():
    inputs = yaml.safe_load((AWX / "credential-type-inputs.yml").read_text())
    fields = {field["id"]: field for field in inputs["fields"]}
    assert fields["passticket_key"]["secret"] is True
    assert inputs["required"] == ["passticket_key"]
    values = {name: field.get("default", "") for name, field in fields.items()}
    values["passticket_key"] = "AB" * 64
    injected = _injected_extra_vars(values)
    assert injected == {"passticket_setup_key": "AB" * 64, "passticket_setup_key_label": "USRLCL.CKDS.CSM",
                        "passticket_setup_user": "HOSTUSR", "passticket_setup_application": "IOSHMCSM"}
    # every injected variable is one the role documents
    specs = yaml.safe_load((REPO / "roles" / "passticket_setup" / "meta" / "argument_specs.yml").read_text())
    assert set(injected) <= set(specs["argument_specs"]["main"]["options"])
    assert specs["argument_specs"]["main"]["options"]["passticket_setup_key"]["no_log"] is True


def test_execution_environment_files():
    collection_ee = yaml.safe_load((REPO / "meta" / "execution-environment.yml").read_text())
    requirements = (REPO / collection_ee["dependencies"]["python"]).read_text().split()
    assert any(line.startswith("cryptography") for line in requirements)
    example = yaml.safe_load((AWX / "execution-environment.yml").read_text())
    assert example["version"] == 3
    assert {"name": "mainframe.passticket", "version": ">=0.1.0"} in example["dependencies"]["galaxy"]["collections"]


def test_ansible_builder_accepts_the_example(tmp_path):
    # ansible-builder is pinned in the newest tool set only (tests/requirements)
    builder = Path(sys.executable).parent / "ansible-builder"
    if not builder.exists():
        pytest.skip("ansible-builder is installed with the newest ansible-core tool set only")
    proc = subprocess.run([str(builder), "create", "-f", str(AWX / "execution-environment.yml"), "-c", str(tmp_path / "context")],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "mainframe.passticket" in (tmp_path / "context" / "_build" / "requirements.yml").read_text()


def _awx_job(private, inventory_path, extravars):
    """A job as AWX prepares it: a private data dir with the inventory and env/extravars (0600)."""
    (private / "env").mkdir(parents=True)
    (private / "inventory").mkdir()
    shutil.copy(inventory_path, private / "inventory" / "hosts.yml")
    extravars_file = private / "env" / "extravars"
    extravars_file.write_text(json.dumps(extravars))
    os.chmod(extravars_file, 0o600)
    # as in an execution environment: ansible-playbook on PATH, the collection installed
    envvars = {"ANSIBLE_COLLECTIONS_PATH": os.environ["ANSIBLE_COLLECTIONS_PATH"], "ANSIBLE_NOCOLOR": "1",
               "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])}
    return lambda: RUNNER.run(private_data_dir=str(private), playbook=str(PLAYBOOKS / "verify.yml"),
                              envvars=envvars, quiet=True, verbosity=3)


def test_verify_job_through_ansible_runner_with_the_injected_key(tmp_path, make_host, inventory, ansible_playbook):
    host = make_host("zos1")
    inv = inventory(host)
    key = new_key()
    ansible_playbook(PLAYBOOKS / "csm_hyperswap.yml", inv, *write_vars(tmp_path, key))
    extravars = _injected_extra_vars({"passticket_key": key, "passticket_key_label": "USRLCL.CKDS.CSM",
                                      "passticket_user": "HOSTUSR", "passticket_application": "IOSHMCSM"})
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
