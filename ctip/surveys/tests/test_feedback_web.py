"""A participant gives feedback on an event from its registration QR link."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from ctip.registration.actions import do_set_registration_window
from ctip.registration.links import link_token
from ctip.surveys.models import Answer, Response

from .conftest import form_token


def _urls(event):
    token = link_token(event)
    return reverse("register", args=[token]), reverse("feedback", args=[token])


def _answers(token, **changes):
    data = {
        "submission_token": token,
        "lang": "en",
        "s_objectives": "5",
        "s_relevant": "4",
        "s_apply": "2",
        "free_text": "The case studies were very close to our daily work.",
    }
    data.update(changes)
    return data


def _give_feedback(client, url, **changes):
    # again=1: each call stands for another participant, even on the same client.
    token = form_token(client.get(url, {"lang": "en", "again": "1"}).content.decode())
    return client.post(url, _answers(token, **changes)), token


def test_before_the_event_the_qr_page_offers_no_feedback(client, event_tomorrow):
    register_url, feedback_url = _urls(event_tomorrow)
    page = client.get(register_url, {"lang": "en"}).content.decode()
    assert "Give feedback" not in page
    response = client.get(feedback_url, {"lang": "en"})
    assert response.status_code == 403
    assert "Feedback opens when the event starts." in response.content.decode()
    token = "x" * 32
    assert client.post(feedback_url, _answers(token)).status_code == 403
    assert not Response.objects.exists()


def test_once_the_event_has_started_the_qr_page_offers_feedback(client, event_today):
    register_url, feedback_url = _urls(event_today)
    page = client.get(register_url, {"lang": "en"}).content.decode()
    assert "Give feedback" in page and f'href="{feedback_url}?lang=en"' in page
    assert 'name="full_name"' in page  # registering is still possible beside it


def test_feedback_stays_open_after_the_event_until_the_link_closes(client, statements):
    from ctip.events.actions import do_create_event

    today = timezone.localdate()
    event = do_create_event(
        statements.program,
        code="TH-PAST",
        title="Past workshop",
        start_date=today - dt.timedelta(days=3),
        end_date=today - dt.timedelta(days=2),
        country_code="TH",
        event_type="workshop",
    )
    _register_url, feedback_url = _urls(event)
    assert client.get(feedback_url).status_code == 200
    do_set_registration_window(event, opens_at=None, closes_days_after=1)
    response = client.get(feedback_url, {"lang": "en"})
    assert response.status_code == 403
    assert "Feedback for this event has closed." in response.content.decode()


def test_feedback_is_recorded_with_a_thank_you_page(client, event_today):
    _register_url, feedback_url = _urls(event_today)
    response, _token = _give_feedback(client, feedback_url)
    assert response.status_code == 302
    assert "Thank you for your answers." in client.get(response["Location"]).content.decode()
    recorded = Response.objects.get()
    assert (recorded.kind, recorded.event, recorded.answered_on) == (
        "feedback",
        event_today,
        timezone.localdate(),
    )
    assert dict(Answer.objects.values_list("statement__code", "value")) == {
        "objectives": 5,
        "relevant": 4,
        "apply": 2,
    }
    assert recorded.free_text == "The case studies were very close to our daily work."


def test_sending_the_same_feedback_twice_records_one_response(client, event_today):
    _register_url, feedback_url = _urls(event_today)
    first, token = _give_feedback(client, feedback_url)
    second = client.post(feedback_url, _answers(token))
    assert first["Location"] == second["Location"]
    assert Response.objects.count() == 1 and Answer.objects.count() == 3


def test_two_participants_giving_the_same_answers_are_two_responses(client, event_today):
    _register_url, feedback_url = _urls(event_today)
    _give_feedback(client, feedback_url)
    _give_feedback(client, feedback_url)
    assert Response.objects.count() == 2


def test_feedback_is_anonymous_nothing_links_it_to_a_registration(client, event_today):
    from auditlog.models import LogEntry

    from ctip.registration.models import SelfRegistration

    register_url, feedback_url = _urls(event_today)
    token = form_token(client.get(register_url, {"lang": "en"}).content.decode())
    client.post(
        register_url,
        {
            "submission_token": token,
            "lang": "en",
            "full_name": "Malee Jaidee",
            "sex": "female",
            "country": "TH",
            "email": "malee@example.org",
            "consent": "yes",
        },
    )
    registration = SelfRegistration.objects.get()
    _give_feedback(client, feedback_url)
    recorded = Response.objects.get()
    assert {f.name for f in Response._meta.get_fields()}.isdisjoint(
        {"person", "attendance", "registration", "user", "self_registration"}
    )
    assert registration.submission_token not in recorded.source_key
    assert recorded.agreed_to_be_quoted is False and recorded.quote_attribution == ""
    assert not LogEntry.objects.get_for_model(Response).exists()


def test_an_empty_form_asks_for_at_least_one_answer(client, event_today):
    _register_url, feedback_url = _urls(event_today)
    token = form_token(client.get(feedback_url, {"lang": "en"}).content.decode())
    response = client.post(feedback_url, {"submission_token": token, "lang": "en"})
    assert response.status_code == 200
    assert "Please answer at least one question." in response.content.decode()
    assert not Response.objects.exists()


def test_words_are_quotable_only_with_the_ticked_consent(client, event_today):
    _register_url, feedback_url = _urls(event_today)
    _give_feedback(client, feedback_url, quote_as="named", quote_name="Malee, social worker")
    silent = Response.objects.get()
    assert not silent.agreed_to_be_quoted and silent.quote_attribution == ""
    _give_feedback(client, feedback_url, may_quote="on", quote_as="anonymous")
    anonymous = Response.objects.exclude(pk=silent.pk).get()
    assert anonymous.agreed_to_be_quoted
    assert anonymous.quote_attribution == "Event participant, Thailand"
    _give_feedback(
        client, feedback_url, may_quote="on", quote_as="named", quote_name=" Police  officer "
    )
    named = Response.objects.order_by("-pk").first()
    assert named.quote_attribution == "Police officer"


def test_quoting_under_a_name_needs_the_name(client, event_today):
    _register_url, feedback_url = _urls(event_today)
    response, _token = _give_feedback(client, feedback_url, may_quote="on", quote_as="named")
    assert response.status_code == 200
    assert "Please write how we should name you." in response.content.decode()
    assert not Response.objects.exists()


def test_the_feedback_form_speaks_the_participants_language(client, event_today):
    _register_url, feedback_url = _urls(event_today)
    thai = client.get(feedback_url, {"lang": "th"})
    page = thai.content.decode()
    assert thai["Content-Language"] == "th" and '<html lang="th">' in page
    assert "เห็นด้วยอย่างยิ่ง" in page  # fully agree
    assert "กิจกรรมบรรลุวัตถุประสงค์" in page  # a default statement, translated
    vietnamese = client.get(feedback_url, {"lang": "vi"}).content.decode()
    assert "Hoàn toàn đồng ý" in vietnamese
    assert "private" in thai["Cache-Control"]


def test_a_tampered_link_gives_no_feedback_form(client, event_today):
    _register_url, feedback_url = _urls(event_today)
    tampered = feedback_url.replace("/r/", "/r/x")
    assert client.get(tampered).status_code == 404


def test_feedback_is_rate_limited_like_registration(client, event_today, settings):
    settings.CTIP_REGISTRATION_RATE_LIMIT = (2, 600)
    _register_url, feedback_url = _urls(event_today)
    for _ in range(2):
        assert _give_feedback(client, feedback_url)[0].status_code == 302
    assert _give_feedback(client, feedback_url)[0].status_code == 429
    assert Response.objects.count() == 2


def test_coming_back_to_the_form_after_sending_says_it_was_sent(client, event_today):
    _register_url, feedback_url = _urls(event_today)
    _give_feedback(client, feedback_url)
    again = client.get(feedback_url, {"lang": "en"}).content.decode()
    assert "Your answers have already been sent from this phone." in again
    assert 'name="submission_token"' not in again
    someone_else = client.get(feedback_url, {"lang": "en", "again": "1"}).content.decode()
    assert 'name="submission_token"' in someone_else
    assert Response.objects.count() == 1


def test_the_sent_cookie_is_kept_only_for_this_events_feedback_form(client, event_today):
    _register_url, feedback_url = _urls(event_today)
    response, token = _give_feedback(client, feedback_url)
    cookie = response.cookies["ctip_survey_sent"]
    assert cookie["path"] == feedback_url and cookie["httponly"]
    assert cookie.value == token


def test_a_form_sent_back_with_a_problem_stays_in_the_participants_language(client, event_today):
    _register_url, feedback_url = _urls(event_today)
    token = form_token(client.get(feedback_url, {"lang": "th"}).content.decode())
    page = client.post(feedback_url, {"submission_token": token, "lang": "th"}).content.decode()
    assert "กรุณาตอบอย่างน้อยหนึ่งข้อ" in page  # please answer at least one question
    assert "กิจกรรมบรรลุวัตถุประสงค์ที่ตั้งไว้" in page
