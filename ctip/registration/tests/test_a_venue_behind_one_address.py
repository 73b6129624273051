"""A conference's phones all reach us from the venue's one address: the limits are per device
and per link, so a venue never blocks its own participants, while one phone (or one script)
sending too often is still slowed down."""

from django.test import Client

from ctip.people.models import Attendance

from .conftest import answers, form_token


def _phone():
    return Client(REMOTE_ADDR="203.0.113.7")  # the venue's Wi-Fi: one public address


def _register(phone, url, number):
    token = form_token(phone.get(url, {"lang": "en"}).content.decode())
    return phone.post(
        url, answers(token, full_name=f"Participant {number}", email=f"p{number}@example.org")
    )


def test_every_phone_behind_one_address_registers(settings, open_event, register_url):
    settings.CTIP_REGISTRATION_RATE_LIMIT = (2, 600)  # per device, small to keep this short
    statuses = [_register(_phone(), register_url, number).status_code for number in range(30)]
    assert statuses == [302] * 30
    assert Attendance.objects.filter(event=open_event).count() == 30


def test_one_phone_sending_too_often_is_slowed_down(settings, open_event, register_url):
    settings.CTIP_REGISTRATION_RATE_LIMIT = (2, 600)
    phone = _phone()
    assert [_register(phone, register_url, n).status_code for n in range(3)] == [302, 302, 429]
    assert _register(_phone(), register_url, 99).status_code == 302  # the next phone is fine


def test_a_link_flooded_by_new_cookies_is_slowed_down(settings, open_event, register_url):
    settings.CTIP_REGISTRATION_LINK_LIMIT = (5, 600)
    statuses = [_register(_phone(), register_url, number).status_code for number in range(6)]
    assert statuses == [302] * 5 + [429]
