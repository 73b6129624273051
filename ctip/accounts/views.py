"""Account pages: invitations (administrators), accepting one, "Forgot your password?",
changing one's e-mail address."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from ctip.security.throttle import client_address, is_throttled, record_failure
from ctip.web.programs import current_program

from . import actions, links
from .forms import EmailChangeForm, InvitationForm, LocalisedPasswordResetForm
from .mail import MailNotSent
from .models import Invitation, Role

_BACKEND = "ctip.security.backends.ThrottledModelBackend"
_MAIL_FAILED = gettext_lazy(
    "The mail could not be sent (the mail server did not accept it), so nothing was changed. "
    "Please try again later or tell your administrator."
)


def _administrators_only(request) -> None:
    if not request.user.is_superuser:
        raise PermissionDenied


@login_required
@require_http_methods(["GET", "POST"])
def invitation_list(request):
    """Invite a colleague by e-mail; the invitations not accepted yet, to send again."""
    _administrators_only(request)
    program = _program_or_none(request)
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        role = form.cleaned_data["role"]
        try:
            invitation = actions.do_invite_user(
                form.cleaned_data["email"],
                role=role,
                program=None if role == Role.ADMINISTRATOR else program,
                country_codes=[c.code for c in form.cleaned_data["countries"]],
                username=form.cleaned_data["username"],
                language=form.cleaned_data["language"],
                invited_by=request.user,
                request=request,
            )
        except MailNotSent:
            form.add_error(None, _MAIL_FAILED)
        except ValueError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Invitation sent to %(username)s.") % {"username": invitation.user.username},
            )
            return redirect("invitation-list")
    return render(
        request,
        "accounts/invitation_list.html",
        {"form": form, "pending": _pending_invitations(), "program": program},
    )


def _program_or_none(request):
    """The program the page is about; None before any program exists (administrators only
    can be invited then)."""
    try:
        return current_program(request)
    except Http404:
        return None


def _pending_invitations() -> list[Invitation]:
    """Each invited user who has not set a password yet, with their latest invitation."""
    latest: dict[int, Invitation] = {}
    for invitation in Invitation.objects.filter(accepted_at__isnull=True).select_related(
        "user", "invited_by"
    ):
        if invitation.user.has_usable_password():
            continue
        known = latest.get(invitation.user_id)
        if known is None or (invitation.sent_at, invitation.pk) > (known.sent_at, known.pk):
            latest[invitation.user_id] = invitation
    return sorted(latest.values(), key=lambda i: i.sent_at, reverse=True)


@login_required
@require_POST
def invitation_send_again(request, user_id: int):
    _administrators_only(request)
    user = get_object_or_404(get_user_model(), pk=user_id, is_active=True)
    try:
        actions.do_send_invitation_again(user, invited_by=request.user, request=request)
    except MailNotSent:
        messages.error(request, _MAIL_FAILED)
    except ValueError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("A new invitation was sent to %(username)s; the earlier link no longer works.")
            % {"username": user.username},
        )
    return redirect("invitation-list")


@require_http_methods(["GET", "POST"])
def invitation_accept(request, token: str):
    """The link in an invitation: choose a password, then (for roles that need one) set up
    the authenticator app, which the second-factor middleware asks for next."""
    invitation = links.invitation_from_token(token)
    if invitation is None:
        return render(request, "accounts/link_invalid.html", status=404)
    form = SetPasswordForm(invitation.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = actions.do_accept_invitation(invitation, form.cleaned_data["new_password1"])
        except ValueError:
            return render(request, "accounts/link_invalid.html", status=404)
        login(request, user, backend=_BACKEND)
        return redirect("dashboard")
    return render(
        request, "accounts/invitation_accept.html", {"form": form, "invited": invitation.user}
    )


@login_required
@require_http_methods(["GET", "POST"])
def email_change(request):
    """Ask for a new e-mail address; it takes effect when the link sent to it is followed."""
    form = EmailChangeForm(request.POST or None)
    address = client_address(request)
    throttle_key = "email-change:" + request.user.get_username()
    sent_to = None
    if request.method == "POST" and form.is_valid():
        if is_throttled(throttle_key, address):
            form.add_error(None, _("Too many attempts. Please wait a few minutes."))
        elif not request.user.check_password(form.cleaned_data["password"]):
            record_failure(throttle_key, address)
            form.add_error("password", _("That is not your password."))
        else:
            try:
                change = actions.do_request_email_change(
                    request.user, form.cleaned_data["new_email"], request=request
                )
            except MailNotSent:
                form.add_error(None, _MAIL_FAILED)
            except ValueError as error:
                form.add_error("new_email", str(error))
            else:
                sent_to = change.new_email
    return render(request, "accounts/email_change.html", {"form": form, "sent_to": sent_to})


@login_required
@require_http_methods(["GET", "POST"])
def email_change_confirm(request, token: str):
    """The link sent to the new address: confirm (a POST, so a mail scanner that opens links
    changes nothing) and the account takes the new address."""
    change = links.email_change_from_token(token, request.user)
    if change is None:
        return render(request, "accounts/link_invalid.html", status=404)
    if request.method == "POST":
        try:
            actions.do_confirm_email_change(change)
        except ValueError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Your e-mail address has been changed."))
        return redirect("email-change")
    return render(request, "accounts/email_change_confirm.html", {"change": change})


class PasswordResetView(auth_views.PasswordResetView):
    """ "Forgot your password?": the same answer whether or not the address has an account
    (the mail, if any, leaves from another thread); requests are throttled per address typed
    and per client like logins, so the page cannot be used to flood someone's mailbox."""

    form_class = LocalisedPasswordResetForm
    template_name = "accounts/password_reset_form.html"

    def form_valid(self, form):
        address = client_address(self.request)
        key = "password-reset:" + form.cleaned_data["email"].strip().lower()
        if is_throttled(key, address):
            context = self.get_context_data(form=form, throttled=True)
            return self.render_to_response(context, status=429)
        record_failure(key, address)
        form.request = self.request
        return super().form_valid(form)


password_reset = PasswordResetView.as_view()
password_reset_done = auth_views.PasswordResetDoneView.as_view(
    template_name="accounts/password_reset_done.html"
)
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="accounts/password_reset_confirm.html"
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="accounts/password_reset_complete.html"
)
