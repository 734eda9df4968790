# -*- coding: utf-8 -*-
# Copyright (c) mainframe.passticket contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    """The ``read_interface`` option of every module that reads RACF."""

    DOCUMENTATION = r"""
options:
  read_interface:
    description:
      - How the module reads RACF.
      - V(irrxutil) reads profiles as fields through the R_admin extract functions (IRRXUTIL), IBM's programming
        interface, with one REXX exec process for all the objects the task needs.
      - V(listing) reads the output of C(SETROPTS LIST), C(RLIST) and C(LISTUSER), which IBM does not define as a
        programming interface.
      - V(auto) reads through IRRXUTIL and falls back to listings when IRRXUTIL cannot be called on the system (REXX
        cannot find it). An extract that runs and fails (not authorized, R_admin error) is never answered by a listing;
        the task fails.
      - When omitted, the environment variable E(PASSTICKET_READ_INTERFACE) on the z/OS host (the play's
        C(environment)) decides, and V(auto) without it. The role variable is C(passticket_setup_read_interface).
      - Either way the task fails before any change when a field it must compare cannot be read, and names the field
        and the profile.
    type: str
    choices: [auto, irrxutil, listing]
    default: auto
    version_added: 0.2.0
notes:
  - "Reading through IRRXUTIL needs READ access to FACILITY profiles: C(IRR.RADMIN.LISTUSER) for a user,
    C(IRR.RADMIN.RLIST) for a PTKTDATA profile, C(IRR.RADMIN.SETROPTS.LIST) for class settings, besides the authority
    the matching listing command needs. R_admin leaves out a segment the caller may not see; the SSIGNON segment needs
    SPECIAL, AUDITOR or ROAUDIT (or FIELD-class access), and a profile without a visible SSIGNON segment reads as not
    authorized, never as having none."
"""
