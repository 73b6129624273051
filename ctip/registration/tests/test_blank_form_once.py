"""The empty registration form is rendered once for many phones, and each phone still gets its
own security and submission tokens: two phones never count as one registration."""

import re

from django.test import Client

from ctip.events.actions import do_update_event
from ctip.people.models import Attendance
from ctip.registration.views import _CSRF_SLOT, _SUBMISSION_SLOT


def _tokens(page: str) -> dict[str, str]:
    return dict(re.findall(r'name="(csrfmiddlewaretoken|submission_token)" value="([^"]+)"', page))


def _answers(tokens, number):
    return {
        **tokens,
        "lang": "en",
        "full_name": f"Phone Owner {number}",
        "sex": "female",
        "country": "TH",
        "consent": "yes",
    }


def test_two_phones_get_their_own_tokens_and_both_are_registered(
    open_event, register_url, django_assert_num_queries
):
    url = register_url
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first_page = first.get(url, {"lang": "en"}).content.decode()
    with django_assert_num_queries(1):  # the event with its window
        second_page = second.get(url, {"lang": "en"}).content.decode()

    first_tokens, second_tokens = _tokens(first_page), _tokens(second_page)
    assert (
        first_tokens.keys() == second_tokens.keys() == {"csrfmiddlewaretoken", "submission_token"}
    )
    assert first_tokens["submission_token"] != second_tokens["submission_token"]
    assert _CSRF_SLOT not in second_page and _SUBMISSION_SLOT not in second_page
    assert re.sub(r'value="[^"]+"', "", first_page) == re.sub(r'value="[^"]+"', "", second_page)

    before = Attendance.objects.filter(event=open_event).count()
    for number, (phone, tokens) in enumerate([(first, first_tokens), (second, second_tokens)]):
        response = phone.post(url + "?lang=en", _answers(tokens, number))
        assert response.status_code == 302 and "/thanks/" in response["Location"]
    assert Attendance.objects.filter(event=open_event).count() == before + 2


def test_a_changed_event_title_shows_on_the_next_phone_at_once(open_event, register_url):
    url = register_url
    assert "Regional workshop" in Client().get(url, {"lang": "en"}).content.decode()
    do_update_event(open_event, title="Renamed workshop")
    assert "Renamed workshop" in Client().get(url, {"lang": "en"}).content.decode()


def test_each_language_is_its_own_page(register_url):
    url = register_url
    english = Client().get(url, {"lang": "en"})
    thai = Client().get(url, {"lang": "th"})
    assert english["Content-Language"] == "en" and thai["Content-Language"] == "th"
    thanks = Client().get(url + "thanks/", {"lang": "th", "kept": "no"})
    assert (
        thanks["Content-Language"] == "th" and 'data-testid="not-kept"' in thanks.content.decode()
    )
    thanks = Client().get(url + "thanks/", {"lang": "th"})
    assert 'data-testid="thanks"' in thanks.content.decode()
    assert 'lang="th"' in thai.content.decode()
    assert english.status_code == thai.status_code == 200
