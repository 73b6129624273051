"""Survey pages: the feedback form behind an event's QR link, the partner survey behind its
own signed link (both public, no login, anonymous), and the staff page of survey results."""

from __future__ import annotations

import secrets
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_POST

from ctip.accounts.access import WHOLE_PROGRAM_ROLES, NotFound, programs_of, role_in
from ctip.lib.periods import PeriodError
from ctip.registration.links import InvalidLink, event_from_token
from ctip.registration.ratelimit import over_limit
from ctip.registration.views import LANGUAGE_NAMES, _language
from ctip.reports.queries import default_period
from ctip.web.languages import fallback_notice, participant_language
from ctip.web.programs import current_program

from .actions import do_create_survey_link, do_revoke_survey_link, do_submit_web_response
from .forms import FeedbackForm, PartnerSurveyForm, SurveyLinkForm
from .links import InvalidSurveyLink, survey_link_from_token, survey_link_url
from .models import Response, Statement, SurveyKind, SurveyLink, feedback_state
from .queries import candidate_quotes, periods_with_responses, survey_results


def _public(request, template, context, *, lang, status=200):
    # Served in English, saying so, when LANG's catalogue does not cover these pages.
    served = participant_language(lang)
    request.language_notice = fallback_notice(lang, served)  # not the staff pages' notice
    with translation.override(served):
        response = render(
            request,
            f"surveys/{template}",
            {
                **context,
                "lang": served,
                "languages": LANGUAGE_NAMES,
            },
            status=status,
        )
    response["Content-Language"] = served
    # Each form carries its own submission token: a shared cache must not hand one page to
    # many phones (their answers would count as one response).
    patch_cache_control(response, private=True, max_age=0)
    return response


# Kept on the phone after sending (path: that form only), so that the back button and
# sending again does not record the same person's answers twice. It holds the form's own
# random token, which appears nowhere else: nothing links it to a registration.
SENT_COOKIE = "ctip_survey_sent"
SENT_COOKIE_DAYS = 120


def _already_sent(request, program, kind, event=None) -> bool:
    token = request.COOKIES.get(SENT_COOKIE, "")
    if not token or request.GET.get("again") == "1":
        return False
    return Response.objects.filter(
        program=program, kind=kind, event=event, source_key=f"web:{token}"
    ).exists()


def _sent(request, thanks_url, submission_token, lang):
    response = redirect(thanks_url + "?" + urlencode({"lang": lang}))
    response.set_cookie(
        SENT_COOKIE,
        submission_token,
        max_age=SENT_COOKIE_DAYS * 24 * 3600,
        path=request.path,
        secure=request.is_secure(),
        httponly=True,
        samesite="Lax",
    )
    return response


def _statements(program, kind):
    return Statement.objects.filter(program=program, kind=kind, active=True).order_by("order")


def _new_form(form_class, lang, **kwargs):
    return form_class(
        initial={"submission_token": secrets.token_urlsafe(24), "lang": lang}, **kwargs
    )


def feedback(request, token):
    """The feedback form of the event behind the registration QR link, from its first day
    until its registration window closes. Nothing ties the answers to a registration."""
    try:
        event = event_from_token(token)
    except InvalidLink:
        return _public(request, "invalid.html", {}, lang=_language(request), status=404)
    lang = _language(request, event)
    context = {"event": event, "token": token}
    state = feedback_state(event)
    if state != "open":
        return _public(
            request, "feedback_closed.html", {**context, "state": state}, lang=lang, status=403
        )
    statements = _statements(event.program, SurveyKind.FEEDBACK)
    if request.method == "POST":
        if over_limit(request, f"event:{event.pk}"):
            return _public(request, "too_many.html", context, lang=lang, status=429)
        with translation.override(lang):  # statement labels are translated when made
            form = FeedbackForm(request.POST, statements=statements, event=event)
            valid = form.is_valid()
        if valid:
            do_submit_web_response(
                event.program,
                submission_token=form.cleaned_data["submission_token"],
                kind=SurveyKind.FEEDBACK,
                event=event,
                answered_on=timezone.localdate(),
                **form.response_fields(),
            )
            return _sent(
                request,
                reverse("feedback-thanks", args=[token]),
                form.cleaned_data["submission_token"],
                lang,
            )
    elif _already_sent(request, event.program, SurveyKind.FEEDBACK, event):
        return _public(request, "already.html", context, lang=lang)
    else:
        with translation.override(lang):
            form = _new_form(FeedbackForm, lang, statements=statements, event=event)
    return _public(request, "feedback.html", {**context, "form": form}, lang=lang)


def feedback_thanks(request, token):
    try:
        event = event_from_token(token)
    except InvalidLink:
        return _public(request, "invalid.html", {}, lang=_language(request), status=404)
    return _public(request, "thanks.html", {"event": event}, lang=_language(request, event))


def partner_survey(request, token):
    """The partner survey behind a staff-made link, while the link is open."""
    lang = _language(request)
    try:
        link = survey_link_from_token(token)
    except InvalidSurveyLink:
        return _public(request, "invalid.html", {}, lang=lang, status=404)
    context = {"link": link, "program": link.program, "token": token}
    if not link.is_open():
        return _public(request, "partner_closed.html", context, lang=lang, status=403)
    statements = _statements(link.program, SurveyKind.PARTNER)
    if request.method == "POST":
        if over_limit(request, f"survey:{link.pk}"):
            return _public(request, "too_many.html", context, lang=lang, status=429)
        with translation.override(lang):
            form = PartnerSurveyForm(request.POST, statements=statements)
            valid = form.is_valid()
        if valid:
            do_submit_web_response(
                link.program,
                submission_token=form.cleaned_data["submission_token"],
                kind=SurveyKind.PARTNER,
                answered_on=timezone.localdate(),
                **form.response_fields(),
            )
            return _sent(
                request,
                reverse("partner-survey-thanks", args=[token]),
                form.cleaned_data["submission_token"],
                lang,
            )
    elif _already_sent(request, link.program, SurveyKind.PARTNER):
        return _public(request, "already.html", context, lang=lang)
    else:
        with translation.override(lang):
            form = _new_form(PartnerSurveyForm, lang, statements=statements)
    return _public(request, "partner.html", {**context, "form": form}, lang=lang)


def partner_survey_thanks(request, token):
    lang = _language(request)
    try:
        link = survey_link_from_token(token)
    except InvalidSurveyLink:
        return _public(request, "invalid.html", {}, lang=lang, status=404)
    return _public(request, "thanks.html", {"program": link.program}, lang=lang)


@login_required
def survey_index(request):
    """Survey results per period for everyone in the program; candidate quotes and the
    partner-survey links only for administrators and MEL officers."""
    program = current_program(request)
    manages = role_in(request.user, program) in WHOLE_PROGRAM_ROLES
    periods = periods_with_responses(program)
    error = None
    label = request.GET.get("period", "").strip()
    try:
        period = program.period(label) if label else None
    except PeriodError as exc:
        period, error = None, str(exc)
    if period is None:
        period = default_period(program, timezone.localdate())
    link_form = SurveyLinkForm(program=program)
    if request.method == "POST":
        if not manages:
            raise PermissionDenied
        link_form = SurveyLinkForm(request.POST, program=program)
        if link_form.is_valid():
            do_create_survey_link(program, created_by=request.user, **link_form.cleaned_data)
            return redirect(reverse("survey-index") + "?" + urlencode({"program": program.code}))
    links = []
    if manages:
        links = [
            (link, survey_link_url(request, link))
            for link in SurveyLink.objects.filter(program=program)
        ]
    return render(
        request,
        "surveys/index.html",
        {
            "program": program,
            "period": period,
            "periods": periods,
            "error": error,
            "query": urlencode({"program": program.code, "period": period.label}),
            "feedback": survey_results(program, SurveyKind.FEEDBACK, period),
            "partner": survey_results(program, SurveyKind.PARTNER, period),
            "manages": manages,
            "quotes": candidate_quotes(program, period) if manages else None,
            "links": links,
            "link_form": link_form,
            "today": timezone.localdate(),
        },
    )


@login_required
@require_POST
def survey_link_revoke(request, link_id):
    managed = [
        p for p in programs_of(request.user) if role_in(request.user, p) in WHOLE_PROGRAM_ROLES
    ]
    link = SurveyLink.objects.filter(pk=link_id, program__in=managed).first()
    if link is None:
        raise NotFound
    do_revoke_survey_link(link)
    return redirect(reverse("survey-index") + "?" + urlencode({"program": link.program.code}))
