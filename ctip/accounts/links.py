"""Signed links in mail: an invitation and an e-mail confirmation name their row (its id,
signed with the secret key and timed), never a person's details, so the link in a server's
access log says nothing about whom it is for. A link works once: the row records its use.
Only the user's latest row counts, so sending again voids the earlier links."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core import signing

from .models import EmailChange, Invitation

_INVITATION = "ctip.accounts.invitation"
_EMAIL_CHANGE = "ctip.accounts.email-change"


def invitation_token(invitation: Invitation) -> str:
    return signing.dumps(invitation.pk, salt=_INVITATION)


def invitation_from_token(token: str) -> Invitation | None:
    """The open invitation TOKEN names, or None when the token is forged, expired
    (CTIP_INVITATION_DAYS), used, or voided by a newer invitation."""
    max_age = dt.timedelta(days=settings.CTIP_INVITATION_DAYS)
    pk = _loads(token, _INVITATION, max_age)
    if pk is None:
        return None
    invitation = Invitation.objects.select_related("user").filter(pk=pk).first()
    if invitation is None or invitation.accepted_at is not None:
        return None
    user = invitation.user
    latest = Invitation.objects.filter(user=user).order_by("-sent_at", "-pk").first()
    if latest != invitation or not user.is_active or user.has_usable_password():
        return None
    return invitation


def email_change_token(change: EmailChange) -> str:
    return signing.dumps(change.pk, salt=_EMAIL_CHANGE)


def email_change_from_token(token: str, user) -> EmailChange | None:
    """USER's pending e-mail change TOKEN names, or None when the token is forged, expired
    (CTIP_EMAIL_CHANGE_SECONDS), used, voided by a newer request, or someone else's."""
    pk = _loads(token, _EMAIL_CHANGE, dt.timedelta(seconds=settings.CTIP_EMAIL_CHANGE_SECONDS))
    if pk is None:
        return None
    change = EmailChange.objects.filter(pk=pk, user=user, confirmed_at__isnull=True).first()
    latest = EmailChange.objects.filter(user=user).order_by("-requested_at", "-pk").first()
    if change is None or latest != change:
        return None
    return change


def _loads(token: str, salt: str, max_age: dt.timedelta):
    try:
        value = signing.loads(token, salt=salt, max_age=max_age)
    except signing.BadSignature:  # SignatureExpired included
        return None
    return value if isinstance(value, int) else None
