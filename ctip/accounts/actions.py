from __future__ import annotations

import logging
import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext as _

from ctip.programs.models import Program
from ctip.security.mfa import needs_second_factor

from . import links, mail, notices
from .audit import record_account_event
from .models import EmailChange, Invitation, Membership, Role

logger = logging.getLogger("ctip.security")


@transaction.atomic
def do_create_user(
    username: str,
    password: str | None,
    *,
    role: str,
    program: Program | None = None,
    country_codes: list[str] = (),
    email: str = "",
    check_password: bool = True,
):
    """Create a user with a role; an administrator is also a Django superuser (admin site).
    PASSWORD None: the account has no usable password yet (an invitation sets it)."""
    User = get_user_model()
    if role not in Role.values:
        raise ValueError(f"unknown role {role!r}; one of {', '.join(Role.values)}")
    if role == Role.COUNTRY_OFFICER and not country_codes:
        raise ValueError("a country officer needs at least one country")
    if role != Role.ADMINISTRATOR and program is None:
        raise ValueError("this role needs a program")
    user = User(username=username, email=email)
    if password is None:
        user.set_unusable_password()
    else:
        if check_password:
            validate_password(password, user)
        user.set_password(password)
    if role == Role.ADMINISTRATOR:
        user.is_superuser = True
        user.is_staff = True
    user.full_clean()
    user.save()
    if program is not None:
        membership = Membership.objects.create(user=user, program=program, role=role)
        if country_codes:
            membership.countries.set(country_codes)
    return user


def email_in_use(email: str, *, other_than=None) -> bool:
    """True when an account (other than OTHER_THAN) already has EMAIL, in any letter case."""
    users = get_user_model().objects.filter(email__iexact=email.strip())
    if other_than is not None:
        users = users.exclude(pk=other_than.pk)
    return users.exists()


def free_username(email: str) -> str:
    """A free username from the part of EMAIL before the @ (somchai, somchai2, ...)."""
    User = get_user_model()
    base = re.sub(r"[^\w.@+-]", "", email.split("@", 1)[0])[:140] or "user"
    candidate, number = base, 1
    while User.objects.filter(username__iexact=candidate).exists():
        number += 1
        candidate = f"{base}{number}"
    return candidate


@transaction.atomic
def do_invite_user(
    email: str,
    *,
    role: str,
    program: Program | None = None,
    country_codes: list[str] = (),
    username: str = "",
    language: str = "en",
    invited_by=None,
    request=None,
) -> Invitation:
    """Create an account for EMAIL with ROLE and no password, and mail its owner a link to
    set one (in LANGUAGE). The mail is sent last, inside the transaction: when the mail server
    refuses it (MailNotSent), no account is left behind that nobody was told about."""
    email = get_user_model().objects.normalize_email(email.strip())
    if not email:
        raise ValueError(_("An invitation needs an e-mail address."))
    if email_in_use(email):
        raise ValueError(_("An account with this e-mail address already exists."))
    user = do_create_user(
        username.strip() or free_username(email),
        None,
        role=role,
        program=program,
        country_codes=country_codes,
        email=email,
    )
    mail.remember_language(user, language)
    return _send_invitation(user, invited_by=invited_by, request=request)


@transaction.atomic
def do_send_invitation_again(user, *, invited_by=None, request=None) -> Invitation:
    """A new invitation link for USER, who has not set a password yet; earlier links stop
    working."""
    if user.has_usable_password():
        raise ValueError(_("This account already has a password: the invitation was accepted."))
    if not user.email:
        raise ValueError(_("This account has no e-mail address."))
    return _send_invitation(user, invited_by=invited_by, request=request)


def _send_invitation(user, *, invited_by, request) -> Invitation:
    invitation = Invitation.objects.create(
        user=user, invited_by=invited_by if getattr(invited_by, "pk", None) else None
    )
    link = mail.absolute_url(
        reverse("invitation-accept", args=[links.invitation_token(invitation)]), request
    )
    message = mail.compose(
        "invitation",
        user.email,
        {
            "user": user,
            "link": link,
            "days": settings.CTIP_INVITATION_DAYS,
            "roles": _role_names(user),
            "needs_second_factor": needs_second_factor(user),
        },
        mail.language_of(user),
    )
    record_account_event(user, "invitation-sent", "invitation sent")
    mail.send(message, user_id=user.pk)
    return invitation


def _role_names(user):
    """The user's roles, named in the language the mail is written in (lazy: translated when
    the template renders)."""
    if user.is_superuser:
        labels = [Role.ADMINISTRATOR.label]
    else:
        roles = sorted({m.role for m in Membership.objects.filter(user=user)})
        labels = [Role(role).label for role in roles]
        # partners' focal points and reviewers (ctip.frameworks) hold roles per framework
        labels += [
            f"{role.get_role_display()} ({role.framework.name})"
            for role in user.framework_roles.select_related("framework")
        ]
    return lazy(lambda: ", ".join(str(label) for label in labels), str)()


@transaction.atomic
def do_accept_invitation(invitation: Invitation, password: str):
    """Set the invited user's password (already validated by the form) and close the
    invitation; returns the user."""
    invitation = Invitation.objects.select_for_update().select_related("user").get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise ValueError(_("This invitation was already used."))
    user = invitation.user
    user.set_password(password)
    user.save()
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    record_account_event(user, "invitation-accepted", "invitation accepted, password set")
    logger.info("invitation accepted: user id %s", user.pk)
    return user


@transaction.atomic
def do_request_email_change(user, new_email: str, *, request=None) -> EmailChange:
    """Mail a confirmation link to NEW_EMAIL; the account's address changes only when its
    owner follows it (do_confirm_email_change). Earlier links stop working. MailNotSent when
    the mail server refuses: nothing is kept."""
    new_email = get_user_model().objects.normalize_email(new_email.strip())
    if new_email.lower() == (user.email or "").lower():
        raise ValueError(_("This is already your e-mail address."))
    if email_in_use(new_email, other_than=user):
        raise ValueError(_("Another account uses this e-mail address."))
    change = EmailChange.objects.create(user=user, new_email=new_email)
    link = mail.absolute_url(
        reverse("email-change-confirm", args=[links.email_change_token(change)]), request
    )
    message = mail.compose(
        "email_confirm",
        new_email,
        {
            "user": user,
            "link": link,
            "hours": settings.CTIP_EMAIL_CHANGE_SECONDS // 3600,
        },
        mail.language_of(user),
    )
    record_account_event(user, "email-change-requested", "e-mail change requested")
    mail.send(message, user_id=user.pk)
    return change


@transaction.atomic
def do_confirm_email_change(change: EmailChange):
    """Put the confirmed address on the account (the audit trail records that it changed,
    masked); a notice goes to the old address. Returns the user."""
    change = EmailChange.objects.select_for_update().select_related("user").get(pk=change.pk)
    if change.confirmed_at is not None:
        raise ValueError(_("This link was already used."))
    user = change.user
    if email_in_use(change.new_email, other_than=user):
        raise ValueError(_("Another account uses this e-mail address."))
    old_email = user.email
    user.email = change.new_email
    user.save(update_fields=["email"])
    change.confirmed_at = timezone.now()
    change.save(update_fields=["confirmed_at"])
    record_account_event(user, "email-changed", "e-mail address changed (confirmed by link)")
    logger.info("e-mail address changed: user id %s", user.pk)
    if old_email:
        transaction.on_commit(lambda: notices.send_email_changed(user, old_email))
    return user
