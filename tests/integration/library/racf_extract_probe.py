# -*- coding: utf-8 -*-
# Copyright (c) mainframe.passticket contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Test-only module: read RACF objects through the collection's IRRXUTIL read exec (extract())."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: racf_extract_probe
short_description: Read RACF objects through the IRRXUTIL read exec (integration tests only)
description:
  - Runs the collection's bundled IRRXUTIL read exec once with the given requests, exactly as the modules read, and
    returns what it read. Key-holding fields (KEYMASK, KEYCRYPT) come back as C(<present>), never with a value.
  - Used by the C(irrxutil_extract) integration target to prove on a test LPAR what docs/reference/racf-extract.md
    lists as unconfirmed. Not part of the collection.
options:
  requests:
    description: Objects to extract, in order.
    type: list
    elements: dict
    required: true
    suboptions:
      type:
        description: C(USER), C(_SETROPTS) or a general resource class such as C(PTKTDATA).
        type: str
        required: true
      profile:
        description: The user or profile name; omitted for C(_SETROPTS).
        type: str
author: mainframe.passticket contributors
"""

RETURN = r"""
objects:
  description: One entry per request, in order.
  returned: success
  type: list
  elements: dict
  contains:
    type: {description: The request's type., type: str, returned: always}
    profile: {description: The request's profile., type: str, returned: always}
    status: {description: C(found) or C(not_found)., type: str, returned: always}
    segments: {description: Segment name to field name to value (a list for repeating fields)., type: dict,
               returned: always}
    raw: {description: The read exec's lines for the object., type: list, elements: str, returned: always}
"""

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.mainframe.passticket.plugins.module_utils._racf.extract import (
    ExtractError,
    ExtractRequest,
    ExtractUnavailable,
)
from ansible_collections.mainframe.passticket.plugins.module_utils._zos.read_exec import extract
from ansible_collections.mainframe.passticket.plugins.module_utils._zos.runner import runner_for_module


def main():
    module = AnsibleModule(
        argument_spec=dict(
            requests=dict(
                type="list",
                elements="dict",
                required=True,
                options=dict(type=dict(type="str", required=True), profile=dict(type="str")),
            )
        ),
        supports_check_mode=True,
    )
    try:
        requests = [ExtractRequest(request["type"], request["profile"]) for request in module.params["requests"]]
        results = extract(runner_for_module(module), requests)
    except ValueError as error:
        module.fail_json(msg="bad request: {0}".format(error))
    except ExtractUnavailable as error:
        module.fail_json(msg=str(error), unavailable=True)
    except ExtractError as error:
        module.fail_json(msg=str(error), status=error.status, raw=error.raw)
    module.exit_json(changed=False, objects=[result._asdict() for result in results])


if __name__ == "__main__":
    main()
