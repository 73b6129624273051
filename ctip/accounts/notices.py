"""Notices of account changes (ASVS 2.2.3): a mail to the user when their password or their
second factor changes, and to the old address when the e-mail address changes, so someone
who took over an account cannot do it silently. Each change also goes in the audit trail.

Password and second-factor changes are caught where they are saved (signals), so every way in
counts: the password page, a reset link, the admin site, `ctip mfa reset`, an enrolment. The
notice goes after the change is committed; a mail server that is down does not undo it (the
failure is logged).
"""

from __future__ import annotations

import logging

from django.db import transaction

from . import mail
from .audit import record_account_event

logger = logging.getLogger("ctip.security")


def _notify(user, name: str, to: str | None = None, **context) -> None:
    to = to or user.email
    if not to:
        logger.info("no notice (%s): user id %s has no e-mail address", name, user.pk)
        return
    message = mail.compose(
        name,
        to,
        {"user": user, "link": mail.absolute_url("/accounts/sessions/"), **context},
        mail.language_of(user),
    )
    mail.send_quietly(message, user_id=user.pk)


def send_email_changed(user, old_email: str) -> None:
    _notify(user, "notice_email_changed", to=old_email)


def _password_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    """Before a user is saved: was a new password set (set_password, not a hasher's upgrade
    of the stored hash, which leaves `_password` unset)? Then audit it and, after commit,
    tell the user, unless it is the first password (an accepted invitation)."""
    if raw or instance._state.adding or getattr(instance, "_password", None) is None:
        return
    if update_fields is not None and "password" not in update_fields:
        return
    stored = type(instance).objects.filter(pk=instance.pk).values_list("password", flat=True)
    before = stored.first()
    from django.contrib.auth.hashers import is_password_usable

    if before is None or not is_password_usable(before):
        return  # the first password: do_accept_invitation audits it
    record_account_event(instance, "password-changed", "password changed")
    logger.info("password changed: user id %s", instance.pk)
    transaction.on_commit(lambda: _notify(instance, "notice_password_changed"))


def _device_before_save(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        instance._ctip_was_confirmed = False
        return
    was = type(instance).objects.filter(pk=instance.pk).values_list("confirmed", flat=True)
    instance._ctip_was_confirmed = bool(was.first())


def _device_saved(sender, instance, created, raw=False, **kwargs):
    """An authenticator app became confirmed: a new second factor."""
    if raw or not instance.confirmed or getattr(instance, "_ctip_was_confirmed", True):
        return
    user = instance.user
    transaction.on_commit(lambda: _notify(user, "notice_second_factor_added"))


def _device_deleted(sender, instance, **kwargs):
    """A confirmed authenticator app was removed (a reset, or the admin site)."""
    if not instance.confirmed:
        return
    user_id = instance.user_id
    transaction.on_commit(lambda: _notify_by_id(user_id, "notice_second_factor_removed"))


def _notify_by_id(user_id, name: str) -> None:
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(pk=user_id).first()
    if user is not None:  # gone with its devices: no one to tell
        _notify(user, name)


def connect_signals() -> None:
    from django.contrib.auth import get_user_model
    from django.db.models.signals import post_delete, post_save, pre_save
    from django_otp.plugins.otp_totp.models import TOTPDevice

    pre_save.connect(_password_saved, sender=get_user_model(), dispatch_uid="ctip-notice-password")
    pre_save.connect(
        _device_before_save, sender=TOTPDevice, dispatch_uid="ctip-notice-device-before"
    )
    post_save.connect(_device_saved, sender=TOTPDevice, dispatch_uid="ctip-notice-device")
    post_delete.connect(
        _device_deleted, sender=TOTPDevice, dispatch_uid="ctip-notice-device-removed"
    )
