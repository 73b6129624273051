"""A case moves frontline response → screening → identification → protection with the date,
deciding organisation and outcome of each; the screening form carries the Washington Group
Short Set and derives the disability flag at the standard cut-off."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from ctip.cases.actions import do_record_stage
from ctip.cases.models import Case, Stage, StageOutcome, TraffickingStatus, wgss_disability

from .conftest import CASES_DB

pytestmark = CASES_DB

ALL_SOME = dict.fromkeys(
    [
        "wgss_seeing",
        "wgss_hearing",
        "wgss_walking",
        "wgss_cognition",
        "wgss_self_care",
        "wgss_communication",
    ],
    "2",
)


def test_the_wgss_cutoff_is_one_domain_with_a_lot_of_difficulty_or_worse():
    assert wgss_disability(ALL_SOME) is False
    assert wgss_disability({**ALL_SOME, "wgss_walking": "3"}) is True
    assert wgss_disability({**ALL_SOME, "wgss_hearing": "4"}) is True
    assert wgss_disability({"wgss_seeing": "2"}) is None  # not all asked, none at the cut-off
    assert wgss_disability({"wgss_seeing": "4"}) is True


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_a_case_worker_records_the_screening_form_on_the_web(agencies):
    client = _client(agencies.worker)
    page = client.get(reverse("case-screening", args=[agencies.case.pk])).content.decode()
    assert "Washington Group Short Set" in page and "screening.js" in page
    assert page.count('type="radio"') == 6 * 4  # six questions, four answers each
    assert 'name="first_name"' not in page  # no name on a form that may wait on a phone
    response = client.post(
        reverse("case-screening", args=[agencies.case.pk]),
        {
            "date": "2026-10-02",
            "deciding_organisation": "Mae Sot screening team",
            "deciding_organisation_type": "NonPoliceGovernmentalOrganization",
            "gender": "Feminine",
            "birth_year": "2001",
            "citizenship": "th",
            "methods_of_control": ["DebtBondage", "WithholdsDocuments"],
            "type_of_exploitation": ["ForcedLabour"],
            "type_of_trafficking": "transnational",
            **ALL_SOME,
            "wgss_walking": "3",
            "outcome": "proceed",
        },
    )
    assert response.status_code == 302
    case = Case.objects.get(pk=agencies.case.pk)
    assert case.current_stage == Stage.SCREENING
    assert case.has_disability is True and case.wgss_walking == "3"
    assert case.methods_of_control == ["DebtBondage", "WithholdsDocuments"]
    assert case.trafficking_status == TraffickingStatus.POSSIBLE
    screening = case.stages.get()
    assert (screening.date, screening.deciding_organisation, screening.outcome) == (
        dt.date(2026, 10, 2),
        "Mae Sot screening team",
        "proceed",
    )


def test_the_screening_form_is_in_the_case_workers_language(agencies):
    client = _client(agencies.worker)
    url = reverse("case-screening", args=[agencies.case.pk])
    for language, a_lot in (("th", "ลำบากมาก"), ("vi", "Rất khó khăn")):
        page = client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
        assert f'<html lang="{language}">' in page
        assert page.count(a_lot) >= 6  # the answer "a lot of difficulty", for each question


def test_a_case_moves_through_the_four_stages_in_order(agencies):
    case, manager = agencies.case, agencies.manager
    steps = [
        (Stage.FRONTLINE_RESPONSE, "Royal Thai Police, Tak", StageOutcome.PROCEED),
        (Stage.SCREENING, "Mae Sot screening team", StageOutcome.PROCEED),
        (Stage.IDENTIFICATION, "Provincial multidisciplinary team", StageOutcome.IDENTIFIED),
        (Stage.PROTECTION, "Kredtrakarn Protection Centre", StageOutcome.PENDING),
    ]
    for day, (stage, organisation, outcome) in enumerate(steps, start=1):
        do_record_stage(
            case,
            actor=manager,
            stage=stage,
            date=dt.date(2026, 10, day),
            deciding_organisation=organisation,
            outcome=outcome,
            deciding_organisation_type="Police" if day == 3 else "",
        )
    case.refresh_from_db()
    assert case.current_stage == Stage.PROTECTION
    assert case.trafficking_status == TraffickingStatus.ACTUAL
    assert case.identified_on == dt.date(2026, 10, 3)
    assert [record.stage for record in case.stages.all()] == [stage for stage, *_ in steps]
    page = _client(manager).get(reverse("case-detail", args=[case.pk])).content.decode()
    assert "Provincial multidisciplinary team" in page


def test_a_case_cannot_skip_a_stage(agencies):
    with pytest.raises(ValidationError, match="the next"):
        do_record_stage(
            agencies.case,
            actor=agencies.manager,
            stage=Stage.PROTECTION,
            date=dt.date(2026, 10, 1),
            deciding_organisation="Shelter",
            outcome=StageOutcome.PROCEED,
        )


def test_the_stage_form_on_the_web_moves_the_case(agencies):
    response = _client(agencies.worker).post(
        reverse("case-stage", args=[agencies.case.pk]),
        {
            "stage": "screening",
            "date": "2026-10-01",
            "deciding_organisation": "Hotline 1300",
            "outcome": "proceed",
        },
    )
    assert response.status_code == 302
    assert Case.objects.get(pk=agencies.case.pk).current_stage == Stage.SCREENING
