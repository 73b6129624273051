"""Staff make a partner-survey link; partners answer through it; staff read the results."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from ctip.conftest import PASSWORD
from ctip.surveys.actions import do_create_survey_link, do_record_response, do_revoke_survey_link
from ctip.surveys.links import survey_link_token
from ctip.surveys.models import Response, SurveyLink

from .conftest import form_token


@pytest.fixture
def link(statements):
    return do_create_survey_link(
        statements.program,
        period_label="FY2024-25",
        closes_on=timezone.localdate() + dt.timedelta(days=30),
    )


def _url(link):
    return reverse("partner-survey", args=[survey_link_token(link)])


def _answers(token, **changes):
    data = {
        "submission_token": token,
        "lang": "en",
        "organisation": "Department of Social Development",
        "country": "VN",
        "s_priorities": "5",
        "s_capacity": "4",
        "s_gedsi": "3",
        "free_text": "Our shelters now screen every arrival with the new checklist.",
    }
    data.update(changes)
    return data


def _answer(client, url, **changes):
    # again=1: each call stands for another participant, even on the same client.
    token = form_token(client.get(url, {"lang": "en", "again": "1"}).content.decode())
    return client.post(url, _answers(token, **changes)), token


def _login(client, user):
    client.login(username=user.username, password=PASSWORD)


def test_a_partner_answers_through_the_link(client, link):
    response, _token = _answer(client, _url(link))
    assert response.status_code == 302
    assert "Thank you for your answers." in client.get(response["Location"]).content.decode()
    recorded = Response.objects.get()
    assert (recorded.kind, recorded.event, recorded.answered_on) == (
        "partner",
        None,
        timezone.localdate(),
    )
    assert recorded.respondent_organisation == "Department of Social Development"
    assert recorded.respondent_country_id == "VN"
    assert recorded.free_text.startswith("Our shelters")
    assert recorded.answers.count() == 3


def test_sending_the_partner_survey_twice_records_one_response(client, link):
    first, token = _answer(client, _url(link))
    second = client.post(_url(link), _answers(token))
    assert first["Location"] == second["Location"]
    assert Response.objects.count() == 1


def test_the_partner_country_is_one_of_the_asean_members(client, link):
    page = client.get(_url(link), {"lang": "en"}).content.decode()
    assert '<option value="VN"' in page and '<option value="TH"' in page
    assert '<option value="AU"' not in page
    response, _token = _answer(client, _url(link), country="AU")
    assert response.status_code == 200 and not Response.objects.exists()


def test_a_partner_may_be_quoted_as_a_partner_from_their_country(client, link):
    _answer(client, _url(link), may_quote="on", quote_as="anonymous")
    recorded = Response.objects.get()
    assert recorded.agreed_to_be_quoted
    assert recorded.quote_attribution == "Partner from Vietnam"


def test_an_expired_link_is_refused(client, link):
    link.closes_on = timezone.localdate() - dt.timedelta(days=1)
    link.save()
    response = client.get(_url(link), {"lang": "en"})
    assert response.status_code == 403
    assert "This survey is closed." in response.content.decode()
    assert client.post(_url(link), _answers("y" * 32)).status_code == 403
    assert not Response.objects.exists()


def test_the_link_works_to_the_end_of_its_last_day(client, link):
    link.closes_on = timezone.localdate()
    link.save()
    assert client.get(_url(link)).status_code == 200


def test_a_revoked_link_is_refused(client, link):
    do_revoke_survey_link(link)
    assert client.get(_url(link)).status_code == 403


def test_a_tampered_link_is_refused(client, link):
    token = survey_link_token(link)
    other = do_create_survey_link(link.program, period_label="2025", closes_on=timezone.localdate())
    # The other link's payload under this link's signature.
    forged = survey_link_token(other).split(":")[0] + ":" + token.split(":")[1]
    assert client.get(reverse("partner-survey", args=[forged])).status_code == 404
    assert client.get(reverse("partner-survey", args=[token + "x"])).status_code == 404
    response = client.get(reverse("partner-survey", args=["not-a-token"]), {"lang": "en"})
    assert response.status_code == 404
    assert "This link does not work." in response.content.decode()


def test_a_mel_officer_makes_a_link_on_the_survey_page(client, statements):
    _login(client, statements.mel)
    closes = (timezone.localdate() + dt.timedelta(days=14)).isoformat()
    response = client.post(
        reverse("survey-index"), {"period_label": "fy2024-25", "closes_on": closes}
    )
    assert response.status_code == 302
    link = SurveyLink.objects.get()
    assert (link.period_label, link.kind, link.created_by) == (
        "FY2024-25",
        "partner",
        statements.mel,
    )
    page = client.get(response["Location"]).content.decode()
    assert "http://testserver" + _url(link) in page


def test_a_link_needs_a_period_the_program_knows(client, statements):
    _login(client, statements.admin)
    response = client.post(
        reverse("survey-index"), {"period_label": "next year", "closes_on": "2030-01-01"}
    )
    assert response.status_code == 200 and not SurveyLink.objects.exists()


def test_a_mel_officer_revokes_a_link(client, link, statements):
    _login(client, statements.mel)
    client.post(reverse("survey-link-revoke", args=[link.pk]))
    link.refresh_from_db()
    assert link.revoked


@pytest.mark.parametrize("role", ["viewer", "thai_officer"])
def test_other_roles_cannot_make_or_revoke_links(client, link, statements, role):
    _login(client, getattr(statements, role))
    response = client.post(
        reverse("survey-index"), {"period_label": "2025", "closes_on": "2030-01-01"}
    )
    assert response.status_code == 403
    assert client.post(reverse("survey-link-revoke", args=[link.pk])).status_code == 404
    link.refresh_from_db()
    assert not link.revoked and SurveyLink.objects.count() == 1


def test_an_outsider_cannot_revoke_another_programs_link(client, link, statements):
    _login(client, statements.outsider)
    assert client.post(reverse("survey-link-revoke", args=[link.pk])).status_code == 404


def _quotable_feedback(cast):
    event = cast.thai_event
    do_record_response(
        cast.program,
        kind="feedback",
        event=event,
        answered_on=event.start_date,
        answers={"objectives": 5},
        free_text="I now know which questions to ask first.",
        agreed_to_be_quoted=True,
        quote_attribution="Police officer, Thailand",
        source_key="q1",
    )
    do_record_response(
        cast.program,
        kind="feedback",
        event=event,
        answered_on=event.start_date,
        answers={"objectives": 4},
        free_text="Not for quoting: the room was cold.",
        source_key="q2",
    )


def test_the_survey_page_shows_results_per_period_and_quotes_to_mel_officers(client, statements):
    _quotable_feedback(statements)
    _login(client, statements.mel)
    page = client.get(reverse("survey-index"), {"period": "FY2024-25"}).content.decode()
    assert "The event achieved its objectives" in page
    assert "100%" in page
    assert reverse("report", args=["feedback"]) + "?program=test&amp;period=FY2024-25" in page
    assert "I now know which questions to ask first." in page
    assert "Police officer, Thailand" in page
    assert "the room was cold" not in page


def test_the_survey_page_opens_on_the_fiscal_year_in_progress_like_every_page(client, statements):
    _quotable_feedback(statements)
    _login(client, statements.viewer)
    page = client.get(reverse("survey-index")).content.decode()
    current = statements.program.fiscal_year_of(timezone.localdate()).label
    assert f'name="period" value="{current}"' in page
    # the periods with answers are offered, and the note points to the last year with events
    assert "period=FY2024-25" in page and 'data-testid="period-note"' in page


@pytest.mark.parametrize("role", ["viewer", "thai_officer"])
def test_other_roles_see_results_but_not_candidate_quotes_or_links(client, statements, link, role):
    _quotable_feedback(statements)
    _login(client, getattr(statements, role))
    page = client.get(reverse("survey-index"), {"period": "FY2024-25"}).content.decode()
    assert "The event achieved its objectives" in page and "100%" in page
    assert "I now know which questions to ask first." not in page
    assert "Candidate quotes" not in page
    assert _url(link) not in page


def test_the_survey_page_needs_a_login_and_shows_outsiders_only_their_program(client, statements):
    _quotable_feedback(statements)
    response = client.get(reverse("survey-index"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    _login(client, statements.outsider)
    assert client.get(reverse("survey-index"), {"program": "test"}).status_code == 404
    page = client.get(reverse("survey-index")).content.decode()
    assert "I now know which questions to ask first." not in page


def test_coming_back_to_the_partner_survey_after_sending_says_it_was_sent(client, link):
    _answer(client, _url(link))
    page = client.get(_url(link), {"lang": "en"}).content.decode()
    assert "Your answers have already been sent from this phone." in page
    assert Response.objects.count() == 1


def test_a_phone_without_the_security_cookie_gets_the_kind_page(link):
    from django.test import Client

    phone = Client(enforce_csrf_checks=True)
    response = phone.post(_url(link), _answers("z" * 32))
    assert response.status_code == 403
    assert "cookies" in response.content.decode().lower()
    assert not Response.objects.exists()
