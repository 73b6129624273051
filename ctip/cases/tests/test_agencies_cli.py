"""`ctip cases agency add` registers an agency and its organisation in the registry;
`ctip cases agency member add` gives an account a role in it."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from ctip.cases.access import memberships_of
from ctip.cases.models import Agency
from ctip.organisations.models import Organisation

from .conftest import CASES_DB

pytestmark = CASES_DB


def _ctip(*args) -> str:
    out = io.StringIO()
    call_command("cases", *args, stdout=out)
    return out.getvalue()


def test_an_administrator_adds_an_agency_that_is_also_an_organisation(cast):
    out = _ctip("agency", "add", "spc-vn", "--name", "Supreme People's Court", "--country", "vn")
    agency = Agency.objects.get(code="spc-vn")
    organisation = Organisation.objects.get(pk=agency.organisation_id)
    assert organisation.name == "Supreme People's Court" and organisation.country_id == "VN"
    assert "agency spc-vn added" in out
    with pytest.raises(CommandError, match="exists"):
        _ctip("agency", "add", "spc-vn", "--name", "Again")


def test_an_existing_organisation_of_the_registry_is_linked_not_duplicated(cast):
    police = Organisation.objects.get(name="Royal Thai Police")
    _ctip("agency", "add", "rtp", "--name", "Royal Thai Police", "--country", "TH")
    assert Agency.objects.get(code="rtp").organisation_id == police.pk


def test_an_administrator_gives_accounts_their_role_in_an_agency(cast):
    _ctip("agency", "add", "dsdw", "--name", "Department of Social Development")
    worker = get_user_model().objects.create_user("nok")
    _ctip("agency", "member", "add", "dsdw", "nok", "--role", "case_worker")
    assert [(m.agency.code, m.role) for m in memberships_of(worker)] == [("dsdw", "case_worker")]
    assert "nok (case_worker)" in _ctip("agency", "list")
    _ctip("agency", "member", "remove", "dsdw", "nok")
    del worker._ctip_agency_memberships
    assert memberships_of(worker) == []


@pytest.mark.parametrize("who", ["mel", "thai", "viewer"])
def test_only_administrators_manage_agencies(cast, who):
    with pytest.raises(CommandError, match="only an administrator"):
        _ctip("--as", who, "agency", "add", "x", "--name", "X")
