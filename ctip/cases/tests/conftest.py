"""The case cast: two agencies, a case manager and case workers in each, and two cases of
the Thai department (one assigned to its case worker, one not), built through the actions.
Keys are the test's own (a key file in tmp_path), never var/'s."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model

from ctip.cases.actions import do_add_agency, do_add_member, do_create_case
from ctip.cases.models import AgencyRole, Gender, TypeOfExploitation
from ctip.conftest import PASSWORD

CASES_DB = pytest.mark.django_db(databases=["default", "cases"])


@pytest.fixture(autouse=True)
def _case_keys(settings, tmp_path):
    from cryptography.fernet import Fernet

    settings.CTIP_CASES_KEY = ""
    settings.CTIP_CASES_KEY_FILE = tmp_path / "cases.key"
    settings.CTIP_CASES_HASH_KEY = Fernet.generate_key().decode()


@dataclass
class Agencies:
    dsdw: object  # the Thai social development department
    shelter: object  # a shelter in Vietnam
    manager: object  # case manager of dsdw
    worker: object  # case worker of dsdw, assigned to `case`
    colleague: object  # case worker of dsdw, assigned to nothing
    other_worker: object  # case worker of the shelter
    other_manager: object  # case manager of the shelter
    case: object  # dsdw's case of Somsri Jaidee, assigned to worker
    unassigned: object  # dsdw's case of Mya Mya, assigned to nobody


def _account(username):
    return get_user_model().objects.create_user(username, password=PASSWORD)


@pytest.fixture
def agencies(cast) -> Agencies:
    admin = cast.admin
    dsdw = do_add_agency("dsdw", "Department of Social Development", actor=admin, country_code="TH")
    shelter = do_add_agency("shelter", "Peace House Shelter", actor=admin, country_code="VN")
    people = {}
    for username, agency, role in (
        ("manager", dsdw, AgencyRole.CASE_MANAGER),
        ("worker", dsdw, AgencyRole.CASE_WORKER),
        ("colleague", dsdw, AgencyRole.CASE_WORKER),
        ("other_worker", shelter, AgencyRole.CASE_WORKER),
        ("other_manager", shelter, AgencyRole.CASE_MANAGER),
    ):
        user = _account(username)
        people[username] = (user, do_add_member(agency, user, role, actor=admin))
    case = do_create_case(
        dsdw,
        actor=people["manager"][0],
        reference="DSDW-1",
        first_name="Somsri",
        second_name="Jaidee",
        birth_date=dt.date(2001, 2, 3),
        gender=Gender.FEMININE,
        citizenship="TH",
        mobile_phone="+66 81 234 5678",
        notes="Met at the bus station in Mae Sot.",
        type_of_exploitation=[TypeOfExploitation.FORCED_LABOUR],
        workers=[people["worker"][1]],
    )
    unassigned = do_create_case(
        dsdw,
        actor=people["manager"][0],
        reference="DSDW-2",
        first_name="Mya",
        second_name="Mya",
        citizenship="MM",
    )
    return Agencies(
        dsdw,
        shelter,
        people["manager"][0],
        people["worker"][0],
        people["colleague"][0],
        people["other_worker"][0],
        people["other_manager"][0],
        case,
        unassigned,
    )
