"""The second-factor pages: type a code after the password, or enrol an authenticator app."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from . import mfa, sessions
from .throttle import logger


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    # A path on this site only ("/…"): redirect() would read a bare word as a view's name.
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/"


def _for_users_who_need_it(request):
    if not mfa.needs_second_factor(request.user):
        raise Http404


@login_required
@require_http_methods(["GET", "POST"])
def second_factor(request):
    """Ask for a code from the user's authenticator app (after the password)."""
    _for_users_who_need_it(request)
    if mfa.is_verified(request):
        return redirect(_next_url(request))
    if mfa.confirmed_device(request.user) is None:
        return redirect("second-factor-enrol")
    refused = None
    if request.method == "POST":
        try:
            mfa.verify_code(request, request.POST.get("code", ""))
        except mfa.CodeRefused as error:
            refused = "throttled" if error.throttled else "wrong"
        else:
            return redirect(_next_url(request))
    return render(
        request,
        "security/second_factor.html",
        {"refused": refused, "next": _next_url(request)},
        status=429 if refused == "throttled" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def second_factor_enrol(request):
    """Enrol an authenticator app: its QR code and secret, shown until confirmed with a code;
    never again once confirmed (`ctip mfa reset` removes a lost one)."""
    _for_users_who_need_it(request)
    if mfa.confirmed_device(request.user) is not None:
        return redirect("second-factor")
    refused = None
    if request.method == "POST":
        try:
            mfa.confirm_enrolment(request, request.POST.get("code", ""))
        except mfa.CodeRefused as error:
            refused = "throttled" if error.throttled else "wrong"
        else:
            return redirect(_next_url(request))
    device = mfa.enrolment_device(request.user)
    return render(
        request,
        "security/second_factor_enrol.html",
        {
            "refused": refused,
            "qr": mfa.qr_svg(device),
            "secret": mfa.secret_of(device),
            "next": _next_url(request),
        },
        status=429 if refused == "throttled" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_list(request):
    """The user's active sessions; end one of the others, or all of them."""
    current = request.session.session_key
    if request.method == "POST":
        tag = request.POST.get("session") or None
        ended = sessions.end_other_sessions(request.user, current, tag)
        logger.info("user id %s ended %s other session(s)", request.user.pk, ended)
        return redirect("session-list")
    return render(
        request,
        "security/sessions.html",
        {"sessions": sessions.active_sessions(request.user, current)},
    )
