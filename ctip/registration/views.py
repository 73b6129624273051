"""Self-registration pages: the public form behind an event's signed link (no login), and
the staff pages that show the link, its QR code and its window."""

from __future__ import annotations

import hashlib
import secrets
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext

from ctip.accounts.access import access_event_for_edit
from ctip.surveys.models import feedback_state
from ctip.web.languages import error_language, fallback_notice, participant_language

from .actions import do_renew_registration_link, do_self_register, do_set_registration_window
from .forms import CONSENT_VERSION, SelfRegistrationForm, WindowForm
from .links import InvalidLink, event_from_token, qr_svg, registration_url
from .models import counts_for, window_for
from .ratelimit import over_limit

# Each language named in its own script, so that a participant can find theirs.
LANGUAGE_NAMES = [
    ("en", "English"),
    ("th", "ไทย"),
    ("lo", "ລາວ"),
    ("km", "ខ្មែរ"),
    ("vi", "Tiếng Việt"),
    ("id", "Bahasa Indonesia"),
    ("fil", "Filipino"),
    ("my", "မြန်မာ"),
]


def _language(request, event=None) -> str:
    """The participant's chosen language; else the event country's; else the browser's."""
    codes = {code for code, _name in settings.LANGUAGES}
    chosen = request.POST.get("lang") or request.GET.get("lang")
    if chosen in codes:
        return chosen
    if event is not None and not event.country.is_regional and event.country.language in codes:
        return event.country.language
    browser = translation.get_language_from_request(request)
    return browser if browser in codes else settings.LANGUAGE_CODE


def _public(request, template, context, *, lang, status=200):
    # Served in English, saying so, when LANG's catalogue does not cover these pages.
    served = participant_language(lang)
    request.language_notice = fallback_notice(lang, served)  # not the staff pages' notice
    with translation.override(served):
        response = render(
            request,
            f"self_registration/{template}",
            {
                **context,
                "lang": served,
                "languages": LANGUAGE_NAMES,
            },
            status=status,
        )
    response["Content-Language"] = served
    # Each form carries its own submission token: a shared cache must never hand one page
    # to many phones (they would all count as one registration).
    patch_cache_control(response, private=True, max_age=0)
    return response


def register(request, token):
    try:
        event = event_from_token(token)
    except InvalidLink:
        return _public(request, "invalid.html", {}, lang=_language(request), status=404)
    lang = _language(request, event)
    window = window_for(event)
    state = window.state()
    context = {"event": event, "window": window, "token": token}
    if state != "open":
        return _public(request, "closed.html", {**context, "state": state}, lang=lang, status=403)
    if request.method == "POST":
        if over_limit(request, f"event:{event.pk}"):
            return _public(request, "too_many.html", context, lang=lang, status=429)
        form = SelfRegistrationForm(request.POST, event_country=event.country_id)
        with translation.override(lang):
            valid = form.is_valid()
        if valid:
            registration, _created = do_self_register(
                event,
                submission_token=form.cleaned_data["submission_token"],
                answers=form.answers(),
                consent_version=CONSENT_VERSION,
                language=lang,
            )
            query = {"lang": lang}
            if not registration.consented:
                query["kept"] = "no"
            return redirect(reverse("register-thanks", args=[token]) + "?" + urlencode(query))
    else:
        return _blank_form(request, context, lang=lang)
    return _public(request, "form.html", {**context, "form": form}, lang=lang)


# The pages every phone of a conference opens are the same for all of them but for two values
# on the form: the security (CSRF) token and the submission token. Each is rendered once per
# event, link, window, language and minute, with slots in place of the two values that each
# phone's copy fills with its own (issue 14: 1,000 phones in a minute each cost the server a
# page render before).
PAGE_SECONDS = 60
_CSRF_SLOT = "csrfslot" + "0" * 24
_SUBMISSION_SLOT = "submissionslot" + "0" * 18


def _page_once(request, context, *, lang: str, what: tuple, render) -> HttpResponse:
    """The page RENDER() makes for CONTEXT's event and link in LANG, kept PAGE_SECONDS under
    WHAT (whatever else it shows), with this request's own tokens in its slots."""
    event, window = context["event"], window_for(context["event"])
    what = (
        event.pk,
        event.updated_at,
        window.link_version,
        window.opens_at,
        window.closes_days_after,
        lang,
        context["token"],
        *what,
    )
    key = "registration-page:" + hashlib.sha256(repr(what).encode()).hexdigest()
    page = cache.get(key)
    if page is None:
        rendered = render()
        page = (rendered.content.decode(), rendered["Content-Language"])
        cache.set(key, page, PAGE_SECONDS)
    html, served = page
    if _CSRF_SLOT in html:
        html = html.replace(_CSRF_SLOT, get_token(request), 1)
    html = html.replace(_SUBMISSION_SLOT, secrets.token_urlsafe(24), 1)
    response = HttpResponse(html)
    response["Content-Language"] = served
    patch_cache_control(response, private=True, max_age=0)
    return response


def _blank_form(request, context, *, lang: str):
    def render():
        form = SelfRegistrationForm(
            initial={"submission_token": _SUBMISSION_SLOT, "lang": lang},
            event_country=context["event"].country_id,
        )
        return _public(
            request, "form.html", {**context, "form": form, "csrf_token": _CSRF_SLOT}, lang=lang
        )

    what = ("form", feedback_state(context["event"]))
    return _page_once(request, context, lang=lang, what=what, render=render)


def thanks(request, token):
    try:
        event = event_from_token(token)
    except InvalidLink:
        return _public(request, "invalid.html", {}, lang=_language(request), status=404)
    kept = request.GET.get("kept") != "no"
    lang = _language(request, event)
    context = {"event": event, "kept": kept, "token": token}
    return _page_once(
        request,
        context,
        lang=lang,
        what=("thanks", kept),
        render=lambda: _public(request, "thanks.html", context, lang=lang),
    )


@login_required
def registration_settings(request, event_id):
    event = access_event_for_edit(request.user, event_id)
    window = window_for(event)
    form = WindowForm(
        initial={"opens_at": window.opens_at, "closes_days_after": window.closes_days_after}
    )
    if request.method == "POST" and "renew" in request.POST:
        # Every printed QR code stops working: asked first, done only when confirmed.
        if request.POST.get("confirm") != "yes":
            return render(
                request,
                "self_registration/renew_confirm.html",
                {"event": event, "counts": counts_for(event)},
            )
        do_renew_registration_link(event)
        return redirect("registration-settings", event.pk)
    if request.method == "POST":
        form = WindowForm(request.POST)
        if form.is_valid():
            do_set_registration_window(event, **form.cleaned_data)
            return redirect("registration-settings", event.pk)
    return render(
        request,
        "self_registration/settings.html",
        {
            "event": event,
            "window": window,
            "state": window.state(),
            "url": registration_url(request, event),
            "form": form,
            "counts": counts_for(event),
        },
    )


@login_required
def registration_qr(request, event_id):
    event = access_event_for_edit(request.user, event_id)
    response = HttpResponse(qr_svg(registration_url(request, event)), content_type="image/svg+xml")
    response["Cache-Control"] = "private, no-cache"
    return response


@login_required
def registration_print(request, event_id):
    event = access_event_for_edit(request.user, event_id)
    window = window_for(event)
    call = gettext("Scan to register")
    with translation.override(event.country.language or settings.LANGUAGE_CODE):
        call_in_country_language = gettext("Scan to register")
    return render(
        request,
        "self_registration/print.html",
        {
            "event": event,
            "window": window,
            "url": registration_url(request, event),
            "call": call,
            # Only when the country's language has its own words (else English twice).
            "second_call": call_in_country_language if call_in_country_language != call else "",
            "second_language": event.country.language,
        },
    )


def csrf_failure(request, reason=""):
    """A kind word on the public form when a phone did not keep the security cookie;
    Django's own page everywhere else."""
    if not request.path.startswith(("/r/", "/s/")):
        from django.views.csrf import csrf_failure as django_csrf_failure

        served, request.language_notice = error_language(request)
        with translation.override(served):
            return django_csrf_failure(request, reason)
    return _public(request, "cookies.html", {}, lang=_language(request), status=403)
