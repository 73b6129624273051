"""Who may import what, decided through ctip.accounts.access.

Administrators and MEL officers import for the whole program; country officers import
events held in their countries and attendance at those events; viewers and everyone else
import nothing."""

from __future__ import annotations

from ctip.accounts.access import events_for, role_in
from ctip.accounts.models import Membership, Role

IMPORT_ROLES = (Role.ADMINISTRATOR, Role.MEL_OFFICER, Role.COUNTRY_OFFICER)


def may_import(user, program) -> bool:
    """True when the user may import anything into PROGRAM."""
    return role_in(user, program) in IMPORT_ROLES


def import_countries(user, program) -> frozenset[str] | None:
    """The countries (codes) whose events the user may import; None means all of them."""
    role = role_in(user, program)
    if role in (Role.ADMINISTRATOR, Role.MEL_OFFICER):
        return None
    if role != Role.COUNTRY_OFFICER:
        return frozenset()
    return frozenset(
        Membership.objects.filter(user=user, program=program).values_list(
            "countries__code", flat=True
        )
    )


def importable_events(user, program):
    """The program's events whose attendance the user may import (or change by import)."""
    if not may_import(user, program):
        return events_for(user).none()
    return events_for(user).filter(program=program)
