"""Consent per purpose, withdrawable; a referral carries only the fields the person
consented to send to that agency; the receiver accepts or declines and both see the state."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from ctip.cases.actions import (
    counts_in_statistics,
    do_answer_referral,
    do_record_consent,
    do_send_referral,
    do_withdraw_consent,
    referable_fields,
)
from ctip.cases.models import Case, ConsentPurpose, Referral

from .conftest import CASES_DB

pytestmark = CASES_DB


def _client(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def consented(agencies):
    return do_record_consent(
        agencies.case,
        actor=agencies.worker,
        purpose=ConsentPurpose.REFERRAL,
        given=True,
        to_agency=agencies.shelter,
        fields=["first_name", "gender", "mobile_phone"],
    )


def test_a_referral_carries_only_the_consented_fields(agencies, consented):
    assert referable_fields(agencies.case, agencies.shelter) == [
        "first_name",
        "gender",
        "mobile_phone",
    ]
    with pytest.raises(ValidationError, match="did not consent to sending: second_name"):
        do_send_referral(
            agencies.case,
            actor=agencies.worker,
            to_agency=agencies.shelter,
            fields=["first_name", "second_name"],
        )
    referral = do_send_referral(
        agencies.case, actor=agencies.worker, to_agency=agencies.shelter, fields=["first_name"]
    )
    assert referral.payload == {"first_name": "Somsri"}
    page = _client(agencies.other_manager).get(reverse("referral-detail", args=[referral.pk]))
    text = page.content.decode()
    assert "Somsri" in text and "Jaidee" not in text and "234 5678" not in text


def test_the_web_offers_only_consented_fields_and_a_forged_field_is_refused(agencies, consented):
    client = _client(agencies.worker)
    url = reverse("referral-send", args=[agencies.case.pk])
    page = client.get(url, {"to": "shelter"}).content.decode()
    assert 'value="mobile_phone"' in page and 'value="second_name"' not in page
    forged = client.post(url, {"to": "shelter", "fields": ["first_name", "notes"]})
    assert forged.status_code == 200 and not Referral.objects.exists()
    sent = client.post(url, {"to": "shelter", "fields": ["first_name", "gender"]})
    assert sent.status_code == 302
    assert Referral.objects.get().fields == ["first_name", "gender"]


def test_no_consent_no_referral_and_a_withdrawn_consent_stops_the_next(agencies, consented):
    with pytest.raises(ValidationError, match="not consented"):
        do_send_referral(
            agencies.unassigned,
            actor=agencies.manager,
            to_agency=agencies.shelter,
            fields=["first_name"],
        )
    do_withdraw_consent(consented, actor=agencies.worker)
    with pytest.raises(ValidationError, match="not consented"):
        do_send_referral(
            agencies.case, actor=agencies.worker, to_agency=agencies.shelter, fields=["gender"]
        )


def test_the_receiver_accepts_and_both_sides_see_the_state(agencies, consented):
    referral = do_send_referral(
        agencies.case,
        actor=agencies.worker,
        to_agency=agencies.shelter,
        fields=["first_name", "gender"],
        reason="Needs a shelter in Hanoi",
    )
    assert (
        _client(agencies.other_worker)
        .get(reverse("referral-detail", args=[referral.pk]))
        .status_code
        == 404
    )  # a case worker of the receiver waits for the case manager
    response = _client(agencies.other_manager).post(
        reverse("referral-detail", args=[referral.pk]), {"answer": "accept", "note": "bed ready"}
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.state == Referral.State.ACCEPTED
    opened = referral.received_case
    assert opened.agency == agencies.shelter and opened.first_name == "Somsri"
    assert opened.second_name == "" and opened.referring_organisation == agencies.dsdw.name
    sender_page = _client(agencies.worker).get(reverse("referral-list")).content.decode()
    assert "Accepted" in sender_page
    receiver_page = _client(agencies.other_manager).get(reverse("referral-list")).content.decode()
    assert "Accepted" in receiver_page


def test_a_declined_referral_opens_nothing(agencies, consented):
    referral = do_send_referral(
        agencies.case, actor=agencies.worker, to_agency=agencies.shelter, fields=["gender"]
    )
    do_answer_referral(referral, actor=agencies.other_manager, accept=False, note="no bed")
    assert referral.state == Referral.State.DECLINED
    assert not Case.objects.filter(agency=agencies.shelter).exists()


def test_consent_is_recorded_per_purpose_on_the_web_and_withdrawn(agencies):
    client = _client(agencies.worker)
    url = reverse("case-consent", args=[agencies.case.pk])
    response = client.post(url, {"purpose": "statistics", "given": "yes", "date": "2026-10-01"})
    assert response.status_code == 302
    assert counts_in_statistics(agencies.case)
    consent = agencies.case.consents.get()
    client.post(reverse("case-consent-withdraw", args=[agencies.case.pk, consent.pk]))
    consent.refresh_from_db()
    assert consent.withdrawn_on is not None
    assert not counts_in_statistics(agencies.case)


def test_a_person_who_refuses_counts_only_where_the_law_allows(agencies, settings):
    do_record_consent(
        agencies.case, actor=agencies.worker, purpose=ConsentPurpose.STATISTICS, given=False
    )
    assert not counts_in_statistics(agencies.case)
    settings.CTIP_CASES_COUNT_WITHOUT_CONSENT = ["TH"]
    assert counts_in_statistics(agencies.case)
