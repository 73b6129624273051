"""The partner survey's public link: a signed token naming a SurveyLink row.

The signature stops anyone making a link by changing a number; the row decides whether
the link still works (its closing date, revoked), so staff can end a link at once."""

from __future__ import annotations

from django.core import signing
from django.urls import reverse

from .models import SurveyLink

SALT = "ctip.surveys.link"


class InvalidSurveyLink(Exception):
    """The link was altered or names no survey link."""


def survey_link_token(link: SurveyLink) -> str:
    return signing.Signer(salt=SALT).sign_object([link.pk])


def survey_link_from_token(token: str) -> SurveyLink:
    """The SurveyLink TOKEN was made for (open or not); InvalidSurveyLink if tampered with."""
    try:
        (link_id,) = signing.Signer(salt=SALT).unsign_object(token)
    except (signing.BadSignature, ValueError, TypeError):
        raise InvalidSurveyLink from None
    link = SurveyLink.objects.select_related("program").filter(pk=link_id).first()
    if link is None:
        raise InvalidSurveyLink
    return link


def survey_link_url(request, link: SurveyLink) -> str:
    """The absolute link partners open (it uses the host staff reached the site by)."""
    return request.build_absolute_uri(reverse("partner-survey", args=[survey_link_token(link)]))
