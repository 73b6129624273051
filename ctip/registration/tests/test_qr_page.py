"""The QR landing page: registration first, errors beside their fields and linked from a
summary, a plain answer after a No to consent, optional parts folded away, and staff asked
before a new link makes every printed code stop working."""

import re

from django.urls import reverse

from ctip.conftest import PASSWORD
from ctip.people.models import Attendance
from ctip.registration.links import link_token

from .conftest import answers, form_token


def _page(client, url):
    return client.get(url, {"lang": "en"}).content.decode()


def test_the_qr_page_leads_with_registration_and_offers_feedback_after_it(client, register_url):
    page = _page(client, register_url)
    assert "Give feedback" in page  # the event has started: feedback is open
    assert page.index('<form method="post"') < page.index("Register for this event")
    assert page.index('<form method="post"') < page.index("Give feedback")
    assert page.index('name="full_name"') < page.index("Give feedback")


def test_a_failed_send_lists_each_error_at_the_top_linked_to_its_field(
    client, open_event, register_url
):
    token = form_token(_page(client, register_url))
    response = client.post(
        register_url,
        answers(token, full_name="", phone="call me", organisation_type=""),
    )
    assert response.status_code == 200
    page = response.content.decode()
    summary = re.search(r'<div class="error-summary".*?</div>', page, re.S).group(0)
    assert "autofocus" in summary and 'role="alert"' in summary
    links = dict(re.findall(r'<a href="#([\w-]+)">([^<]+)</a>', summary))
    assert links == {
        "id_full_name": "Your name: Please write your name.",
        "id_organisation_type": "Type of organisation: Please choose the type of your "
        "organisation.",
        "id_phone": "Phone (optional): Please write the phone number with digits only.",
    }
    for target in links:
        assert f'id="{target}"' in page  # each link lands on its field
        assert f'id="{target}-error"' in page  # and the message stands beside it
    assert page.index("error-summary") < page.index('name="full_name"')
    assert not Attendance.objects.filter(event=open_event).exists()


def test_a_missing_consent_answer_links_to_the_first_choice(client, register_url):
    token = form_token(_page(client, register_url))
    page = client.post(register_url, answers(token, consent="")).content.decode()
    assert '<a href="#id_consent_0">May we keep your details?: Please choose yes or no.</a>' in (
        page
    )
    assert 'id="id_consent_0"' in page


def test_the_optional_parts_are_folded_until_they_are_used(client, register_url):
    page = _page(client, register_url)
    for part in ("contact", "everyday-activities"):
        tag = re.search(rf'<details[^>]*data-testid="{part}"[^>]*>', page).group(0)
        assert " open" not in tag
    token = form_token(page)
    sent = client.post(
        register_url, answers(token, full_name="", wg_seeing="some", email="")
    ).content.decode()
    tag = re.search(r'<details[^>]*data-testid="everyday-activities"[^>]*>', sent).group(0)
    assert " open" in tag  # what was answered stays in view
    assert re.search(r'name="wg_seeing" value="some"[^>]*checked', sent)


def test_every_field_the_reports_need_is_still_on_the_form(client, register_url):
    page = _page(client, register_url)
    for name in (
        "full_name",
        "romanised_name",
        "sex",
        "country",
        "organisation",
        "organisation_type",
        "position",
        "email",
        "phone",
        "consent",
        *(f"wg_{domain}" for domain in ("seeing", "hearing", "walking", "cognition")),
        "wg_self_care",
        "wg_communication",
    ):
        assert f'name="{name}"' in page, name


def test_after_a_no_the_page_says_plainly_that_nothing_was_kept_and_they_are_not_registered(
    client, register_url
):
    token = form_token(_page(client, register_url))
    response = client.post(register_url, answers(token, consent="no"))
    page = client.get(response["Location"]).content.decode()
    assert "You are not registered." in page
    assert "we have kept nothing about you" in page
    assert "Thank you, you are registered" not in page
    assert "✓" not in page


def test_after_a_no_the_page_says_it_in_the_participants_language(client, register_url):
    token = form_token(client.get(register_url, {"lang": "vi"}).content.decode())
    response = client.post(register_url, answers(token, consent="no", lang="vi"))
    page = client.get(response["Location"]).content.decode()
    assert "Bạn chưa được đăng ký." in page
    assert '<html lang="vi">' in page


def test_making_a_new_link_asks_first_and_says_printed_codes_stop_working(client, cast, open_event):
    client.login(username="mel", password=PASSWORD)
    settings_url = reverse("registration-settings", args=[open_event.pk])
    before = link_token(open_event)
    asked = client.post(settings_url, {"renew": "1"})
    assert asked.status_code == 200
    page = asked.content.decode()
    assert "every printed QR code will stop working" in page
    assert 'name="confirm" value="yes"' in page
    assert link_token(open_event) == before  # nothing changed yet
    assert client.get(reverse("register", args=[before])).status_code == 200

    done = client.post(settings_url, {"renew": "1", "confirm": "yes"})
    assert done.status_code == 302
    open_event.refresh_from_db()
    assert link_token(open_event) != before
    assert client.get(reverse("register", args=[before])).status_code == 404
