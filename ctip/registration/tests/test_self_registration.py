"""A participant registers themselves from their phone through the event's signed link."""

import datetime as dt

from auditlog.models import LogEntry
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from ctip.people.models import Attendance, Person
from ctip.registration.actions import do_renew_registration_link, do_set_registration_window
from ctip.registration.links import SALT, link_token
from ctip.registration.models import RegistrationWindow, SelfRegistration

from .conftest import answers, form_token


def _register(client, url, **changes):
    token = form_token(client.get(url, {"lang": "en"}).content.decode())
    return client.post(url, answers(token, **changes)), token


def test_a_participant_registers_and_sees_a_thank_you_page(client, open_event, register_url):
    response, _token = _register(client, register_url)
    assert response.status_code == 302
    thanks = client.get(response["Location"])
    assert "Thank you, you are registered." in thanks.content.decode()
    attendance = Attendance.objects.get(event=open_event)
    person = attendance.person
    assert (person.full_name, person.sex, person.country_of_origin_id) == (
        "Malee Jaidee",
        "female",
        "TH",
    )
    assert person.organisation.name == "Foundation for Women"
    assert person.organisation.type == "ngo-cso" and person.organisation.country_id == "TH"
    assert person.position == "Case worker" and person.email == "malee@example.org"
    assert person.consent_given and person.consent_version == "qr-1"
    assert attendance.role == "participant"


def test_the_registration_is_audited_with_no_actor_but_the_address(
    client, open_event, register_url
):
    _register(client, register_url)
    attendance = Attendance.objects.get(event=open_event)
    for record in (attendance, attendance.person):
        entry = LogEntry.objects.get_for_object(record).get()
        assert entry.actor is None
        assert entry.remote_addr == "127.0.0.1"
    person_entry = LogEntry.objects.get_for_object(attendance.person).get()
    assert "malee@example.org" not in str(person_entry.changes)


def test_sending_the_same_form_twice_records_one_attendance(client, open_event, register_url):
    first, token = _register(client, register_url)
    second = client.post(register_url, answers(token))
    assert first["Location"] == second["Location"]
    assert Attendance.objects.filter(event=open_event).count() == 1
    assert Person.objects.filter(full_name="Malee Jaidee").count() == 1


def test_the_same_person_filling_the_form_again_records_one_attendance(
    client, open_event, register_url
):
    _register(client, register_url)
    _register(client, register_url, full_name="  malee   JAIDEE ", organisation="")
    _register(client, register_url, full_name="Malee Jaidee", email="", phone="")
    assert Attendance.objects.filter(event=open_event).count() == 1
    assert SelfRegistration.objects.filter(event=open_event).count() == 3


def test_two_people_with_the_same_name_but_other_details_are_two_attendances(
    client, open_event, register_url
):
    _register(client, register_url)
    _register(client, register_url, email="other.malee@example.org", organisation="Police")
    assert Attendance.objects.filter(event=open_event).count() == 2


def test_without_consent_nothing_personal_is_kept(client, open_event, register_url):
    people_before = Person.objects.count()
    response, _token = _register(client, register_url, consent="no")
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "You are not registered." in page
    assert "we have kept nothing about you" in page
    assert "Thank you, you are registered." not in page
    assert Person.objects.count() == people_before
    assert not Attendance.objects.filter(event=open_event).exists()
    registration = SelfRegistration.objects.get(event=open_event)
    assert not registration.consented and registration.attendance is None
    trail = " ".join(str(entry.changes) for entry in LogEntry.objects.all())
    assert "Malee" not in trail and "Foundation for Women" not in trail


def test_a_participant_must_say_yes_or_no_to_keeping_their_details(client, register_url):
    response, _token = _register(client, register_url, consent="")
    assert response.status_code == 200
    assert "Please choose yes or no." in response.content.decode()
    assert not Person.objects.filter(full_name="Malee Jaidee").exists()


def test_the_washington_group_answers_are_stored_and_give_the_identifier(
    client, open_event, register_url
):
    _register(
        client,
        register_url,
        wg_seeing="some",
        wg_hearing="none",
        wg_walking="a-lot",
        wg_cognition="none",
        wg_self_care="none",
        wg_communication="none",
    )
    person = Attendance.objects.get(event=open_event).person
    assert person.wg_answers == {
        "seeing": "some",
        "hearing": "none",
        "walking": "a-lot",
        "cognition": "none",
        "self_care": "none",
        "communication": "none",
    }
    assert person.has_disability_wg is True


def test_the_washington_group_questions_are_optional(client, open_event, register_url):
    _register(client, register_url, wg_seeing="some")
    person = Attendance.objects.get(event=open_event).person
    assert person.has_disability_wg is False
    _register(client, register_url, full_name="Somsak", email="somsak@example.org")
    assert Person.objects.get(full_name="Somsak").has_disability_wg is None


def test_the_questions_are_worded_as_the_short_set_without_the_word_disability(
    client, register_url
):
    page = client.get(register_url, {"lang": "en"}).content.decode()
    for question in (
        "Do you have difficulty seeing, even if wearing glasses?",
        "Do you have difficulty hearing, even if using a hearing aid?",
        "Do you have difficulty walking or climbing steps?",
        "Do you have difficulty remembering or concentrating?",
        "Do you have difficulty (with self-care such as) washing all over or dressing?",
        "Using your usual (customary) language, do you have difficulty communicating, "
        "for example understanding or being understood?",
    ):
        assert question in page
    for option in ("No difficulty", "Yes, some difficulty", "Yes, a lot of difficulty"):
        assert option in page
    assert "Cannot do at all" in page
    assert "disabilit" not in page.lower()


def test_a_tampered_link_is_refused(client, open_event):
    token = link_token(open_event)
    forged = signing.Signer(salt="another-salt").sign_object([open_event.pk, 1])
    altered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    for bad in (forged, altered, "1", str(open_event.pk)):
        response = client.get(reverse("register", args=[bad]), {"lang": "en"})
        assert response.status_code == 404
        assert "This registration link does not work." in response.content.decode()


def test_a_link_to_another_event_cannot_be_made_by_changing_the_number(client, cast, open_event):
    token = link_token(open_event)
    payload, signature = token.rsplit(":", 1)
    other_payload = signing.Signer(salt=SALT).sign_object([cast.cambodian_event.pk, 1])
    swapped = other_payload.rsplit(":", 1)[0] + ":" + signature
    assert client.get(reverse("register", args=[swapped])).status_code == 404
    assert client.get(reverse("register", args=[token[:-1]])).status_code == 404


def test_a_replaced_link_stops_working(client, open_event):
    old = link_token(open_event)
    do_renew_registration_link(open_event)
    open_event.refresh_from_db()
    response = client.get(reverse("register", args=[old]))
    assert response.status_code == 404
    assert client.get(reverse("register", args=[link_token(open_event)])).status_code == 200


def test_after_the_window_the_page_says_registration_has_closed(client, cast):
    url = reverse("register", args=[link_token(cast.thai_event)])  # September 2024
    response = client.get(url, {"lang": "en"})
    assert response.status_code == 403
    assert "Registration for this event has closed." in response.content.decode()
    posted = client.post(url, answers("a" * 32))
    assert posted.status_code == 403
    assert not SelfRegistration.objects.exists()


def test_before_the_window_the_page_says_when_it_opens(client, open_event, register_url):
    opens = timezone.now() + dt.timedelta(hours=5)
    do_set_registration_window(open_event, opens_at=opens, closes_days_after=3)
    response = client.get(register_url, {"lang": "en"})
    assert response.status_code == 403
    assert "Registration is not open yet." in response.content.decode()


def test_the_window_closes_the_set_number_of_days_after_the_event(open_event):
    window = do_set_registration_window(open_event, opens_at=None, closes_days_after=0)
    last_day = open_event.end_date
    assert window.is_open(timezone.make_aware(dt.datetime.combine(last_day, dt.time(23, 59))))
    assert not window.is_open(
        timezone.make_aware(dt.datetime.combine(last_day + dt.timedelta(1), dt.time(0, 1)))
    )
    assert window.opens == timezone.make_aware(
        dt.datetime.combine(open_event.start_date - dt.timedelta(1), dt.time.min)
    )


def test_too_many_submissions_from_one_address_are_slowed_down(
    client, settings, open_event, register_url
):
    settings.CTIP_REGISTRATION_RATE_LIMIT = (2, 600)
    token = form_token(client.get(register_url, {"lang": "en"}).content.decode())
    for _ in range(2):
        assert client.post(register_url, answers(token)).status_code == 302
    response = client.post(register_url, answers(token))
    assert response.status_code == 429
    assert "Please wait a few minutes" in response.content.decode()


def test_the_form_works_with_django_csrf_protection_on(open_event, register_url):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    page = browser.get(register_url).content.decode()
    token = form_token(page)
    refused = Client(enforce_csrf_checks=True).post(register_url, answers(token))
    assert refused.status_code == 403
    csrf = browser.cookies["csrftoken"].value
    accepted = browser.post(register_url, {**answers(token), "csrfmiddlewaretoken": csrf})
    assert accepted.status_code == 302


def test_the_form_speaks_the_chosen_language(client, register_url):
    thai = client.get(register_url, {"lang": "th"}).content.decode()
    vietnamese = client.get(register_url, {"lang": "vi"}).content.decode()
    khmer = client.get(register_url, {"lang": "km"}).content.decode()
    assert 'lang="th"' in thai and "ลงทะเบียน" in thai
    assert 'lang="vi"' in vietnamese and "Đăng ký" in vietnamese
    assert 'lang="km"' in khmer and ">ចុះឈ្មោះ</button>" in khmer
    assert ">Register</button>" not in khmer


def test_the_form_opens_in_the_event_countrys_language(client, register_url):
    page = client.get(register_url).content.decode()
    assert '<html lang="th">' in page


def test_no_shared_cache_may_keep_the_form(client, register_url):
    # Two phones must never get the same form (and so the same submission token).
    response = client.get(register_url)
    assert "private" in response["Cache-Control"]
    assert form_token(response.content.decode()) != form_token(
        client.get(register_url).content.decode()
    )


def test_staff_see_the_link_and_qr_code_on_the_event_page(client, cast, open_event):
    from ctip.conftest import PASSWORD

    assert client.login(username="thai", password=PASSWORD)
    page = client.get(reverse("event-detail", args=[open_event.pk])).content.decode()
    assert link_token(open_event) in page
    qr = client.get(reverse("registration-qr", args=[open_event.pk]))
    assert qr["Content-Type"] == "image/svg+xml" and b"<svg" in qr.content
    printable = client.get(reverse("registration-print", args=[open_event.pk])).content.decode()
    assert "Scan to register" in printable and link_token(open_event) in printable


def test_only_those_who_may_edit_the_event_see_its_registration_pages(client, cast, open_event):
    from ctip.conftest import PASSWORD

    for username, status in (("viewer", 403), ("outsider", 404)):
        assert client.login(username=username, password=PASSWORD)
        for name in ("registration-settings", "registration-qr", "registration-print"):
            assert client.get(reverse(name, args=[open_event.pk])).status_code == status
        client.logout()
    assert client.login(username="thai", password=PASSWORD)
    cambodian = reverse("registration-settings", args=[cast.cambodian_event.pk])
    assert client.get(cambodian).status_code == 404


def test_staff_set_the_window_and_the_change_is_audited(client, cast, open_event):
    from ctip.conftest import PASSWORD

    assert client.login(username="mel", password=PASSWORD)
    url = reverse("registration-settings", args=[open_event.pk])
    response = client.post(url, {"opens_at": "2030-01-01T08:00", "closes_days_after": "7"})
    assert response.status_code == 302
    window = RegistrationWindow.objects.get(event=open_event)
    assert window.closes_days_after == 7
    assert timezone.localtime(window.opens_at).hour == 8
    assert LogEntry.objects.get_for_object(window).get().actor == cast.mel
    assert "Not open yet" in client.get(url).content.decode()


def test_a_regional_events_form_opens_in_the_phones_language(client, cast):
    from ctip.events.actions import do_create_event

    today = timezone.localdate()
    regional = do_create_event(
        cast.program,
        code="REG-QR",
        title="ASEAN dialogue",
        start_date=today,
        country_code="ASEAN",
        event_type="conference",
    )
    url = reverse("register", args=[link_token(regional)])
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert '<html lang="vi">' in page and "Đăng ký" in page


def test_the_printable_page_adds_the_countrys_language_only_when_translated(client, cast):
    from ctip.conftest import PASSWORD

    assert client.login(username="mel", password=PASSWORD)
    thai = client.get(reverse("registration-print", args=[cast.thai_event.pk])).content.decode()
    khmer = client.get(
        reverse("registration-print", args=[cast.cambodian_event.pk])
    ).content.decode()
    assert "Scan to register" in thai and "สแกนเพื่อลงทะเบียน" in thai
    assert khmer.count("Scan to register") == 1  # no Khmer words yet: English once


def test_a_phone_without_the_security_cookie_gets_a_kind_explanation(open_event, register_url):
    from django.test import Client

    page = Client().get(register_url).content.decode()
    response = Client(enforce_csrf_checks=True).post(
        register_url + "?lang=en", answers(form_token(page))
    )
    assert response.status_code == 403
    assert "Please allow cookies for this site" in response.content.decode()
    assert not SelfRegistration.objects.exists()


def test_saying_no_needs_no_other_answer_to_be_right(client, open_event, register_url):
    response, _token = _register(client, register_url, consent="no", email="not-an-email")
    assert response.status_code == 302
    assert SelfRegistration.objects.get(event=open_event).consented is False
