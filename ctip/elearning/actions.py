"""The program's choice whether e-learning completions count as people trained. Completions
themselves are written by the import (ctip.elearning.source, `ctip import elearning`)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction

from ctip.accounts.access import WHOLE_PROGRAM_ROLES, role_in


@transaction.atomic
def do_set_counts_elearning(program, actor, counts: bool):
    """Count (or stop counting) the program's e-learning completions as people trained."""
    if role_in(actor, program) not in WHOLE_PROGRAM_ROLES:
        raise PermissionDenied("only the program's administrators and MEL officers decide")
    if program.counts_elearning_as_trained != counts:
        program.counts_elearning_as_trained = counts
        program.save(update_fields=["counts_elearning_as_trained"])
    return program
