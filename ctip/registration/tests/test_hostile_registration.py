"""What an attacker (or a phone's autocorrect) sends to the public form is refused or cleaned,
never a server error, and never stored as it would spoof a name on staff pages."""

from ctip.people.models import Person

from .conftest import answers, form_token


def _send(client, url, **changes):
    token = form_token(client.get(url, {"lang": "en"}).content.decode())
    return client.post(url, answers(token, **changes))


def test_an_e_mail_longer_than_the_column_is_refused_on_the_form(client, open_event, register_url):
    long_email = "a" * 250 + "@example.org"
    response = _send(client, register_url, email=long_email)
    assert response.status_code == 200
    assert "at most 254 characters" in response.content.decode()
    assert not Person.objects.filter(full_name="Malee Jaidee").exists()


def test_bidi_overrides_and_zero_width_characters_are_not_kept_in_a_name(
    client, open_event, register_url
):
    response = _send(
        client,
        register_url,
        full_name="Ma\u202elee\u202c Jai\u200bdee\u2066",
        organisation="Foundation\u200d for Women",
    )
    assert response.status_code == 302
    person = Person.objects.get(attendances__event=open_event)
    assert person.full_name == "Malee Jaidee"
    assert person.organisation.name == "Foundation for Women"


def test_a_nul_byte_in_a_name_is_refused_not_stored(client, open_event, register_url):
    response = _send(client, register_url, full_name="Malee\x00 Jaidee")
    assert response.status_code == 200
    assert "control character" in response.content.decode()
    assert not Person.objects.filter(full_name__contains="Malee").exists()
