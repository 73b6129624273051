"""Account changes that have no field of their own to diff (a password, an invitation) go in
the audit trail as entries on the user, saying what happened and never a value."""

from __future__ import annotations


def record_account_event(user, event: str, text: str) -> None:
    """An audit entry on USER: EVENT is a short code (`password-changed`), TEXT the sentence
    an administrator reads. The actor and address come from auditlog's context (the request's
    user, or the CLI's --as)."""
    from auditlog.models import LogEntry

    LogEntry.objects.log_create(
        user,
        force_log=True,
        action=LogEntry.Action.UPDATE,
        changes={},
        changes_text=text,
        additional_data={"account": event},
    )
