"""Victims' tables count unique victims, not records: a victim held by two agencies of the
installation is counted once, linked inside the cases database without anyone seeing a
name; different people are not merged."""

from __future__ import annotations

import csv
import datetime as dt
import io

from django.core.management import call_command

from ctip.cases.actions import do_create_case, do_record_consent
from ctip.cases.exchange import unique_victims
from ctip.cases.models import Case, ConsentPurpose, Stage

from .conftest import CASES_DB

pytestmark = CASES_DB

GIVEN = ["Somchai", "Malee", "Boonma", "Kanya", "Arunee", "Niran",
         "Pranee", "Sombat", "Wipa", "Chaiya", "Rattana", "Supaporn"]  # fmt: skip
FAMILY = ["Srisuk", "Thongdee", "Kaewkla", "Saelim", "Phromma", "Wongsa",
          "Chanthra", "Boonyarit", "Rakdee", "Sukjai", "Intharat", "Meesuk"]  # fmt: skip


def _victim(agency, actor, reference, given, family, number, **more):
    case = do_create_case(
        agency,
        actor=actor,
        reference=reference,
        first_name=given,
        second_name=family,
        birth_date=dt.date(1990 + number, 1 + number % 12, 1 + number),
        gender="Feminine",
        citizenship="MM",
        type_of_exploitation=["ForcedLabour"],
        **more,
    )
    do_record_consent(case, actor=actor, purpose=ConsentPurpose.STATISTICS, given=True)
    return case


def _held_by_both_agencies(agencies, *, same_people=True):
    for number, (given, family) in enumerate(zip(GIVEN, FAMILY, strict=True)):
        _victim(agencies.dsdw, agencies.manager, f"D-{number}", given, family, number)
        if same_people:  # the shelter writes the names its own way
            given = given.replace("Boon", "Bun").upper() if number % 2 else f"  {given} "
            family = family.upper()
        else:
            given, family = GIVEN[(number + 5) % 12], FAMILY[(number + 7) % 12]
        _victim(agencies.shelter, agencies.other_manager, f"S-{number}", given, family, number,
                current_stage=Stage.SCREENING)  # fmt: skip


def _table(user, name) -> dict:
    out = io.StringIO()
    call_command("cases", "--as", user.username, "report", "--table", name, stdout=out)
    return {row[0]: row[1:] for row in csv.reader(io.StringIO(out.getvalue()))}


def test_a_victim_held_by_two_agencies_is_counted_once(cast, agencies):
    _held_by_both_agencies(agencies)
    assert Case.objects.filter(consents__purpose="statistics").count() == 24
    table = _table(cast.mel, "victims-by-sex")
    assert table["female"] == ["12"] and table["Total"] == ["12"]
    by_stage = _table(cast.mel, "victims-by-stage")
    # the victim's stage is the furthest any agency reached (the shelter's screening)
    assert by_stage["screening"] == ["12"] and by_stage["Total"] == ["12"]
    assert _table(cast.admin, "victims-by-citizenship-and-sex")["MM"][-1] == "12"


def test_different_people_at_two_agencies_are_not_merged(cast, agencies):
    _held_by_both_agencies(agencies, same_people=False)
    assert _table(cast.mel, "victims-by-sex")["Total"] == ["24"]


def test_each_agency_still_counts_its_own_cases(cast, agencies):
    _held_by_both_agencies(agencies)
    assert _table(agencies.manager, "victims-by-sex")["Total"] == ["12"]
    assert _table(agencies.other_manager, "victims-by-sex")["Total"] == ["12"]


def test_cases_without_a_name_are_never_linked(agencies):
    nameless = [
        do_create_case(agency, actor=actor, reference="N-1", gender="Feminine", citizenship="MM")
        for agency, actor in ((agencies.dsdw, agencies.manager),
                              (agencies.shelter, agencies.other_manager))
    ]  # fmt: skip
    assert sorted(len(group) for group in unique_victims(nameless)) == [1, 1]


def test_a_forgotten_victim_still_counts_anonymously_as_a_victim_of_their_own(cast, agencies):
    from ctip.cases.actions import do_forget_case

    _held_by_both_agencies(agencies, same_people=False)
    do_forget_case(Case.objects.get(reference="D-0"), actor=agencies.manager)
    # what is counted stays: forgetting (or retention) does not shrink the tables
    assert _table(cast.mel, "victims-by-sex")["Total"] == ["24"]
