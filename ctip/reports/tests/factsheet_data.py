"""A year of Thai events on top of the test cast, built through actions, with the fact sheet
numbers a person would count by hand."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ctip.events.actions import do_create_event
from ctip.organisations.models import Organisation
from ctip.partnerships.actions import do_set_country_partnership
from ctip.people.actions import do_create_person, do_record_attendance


@dataclass
class ThaiYear:
    events: int = 3  # the cast's training, a workshop and a meeting in FY2024-25
    capacity_development_events: int = 2  # the training and the workshop
    # the training: Somchai (m); the workshop: 4 f (one a speaker), 1 m, 1 other, 1 not
    # specified, and two staff who do not count; the meeting: 2 f and Somchai again
    participants: tuple = (11, 6, 3, 1, 1)  # total, female, male, other, not specified
    people_trained: tuple = (8, 4, 2, 1, 1)


def _person(cast, name: str, sex: str, organisation=None):
    return do_create_person(
        cast.program,
        full_name=name,
        sex=sex,
        country_code="TH",
        organisation=organisation,
        consent_given=True,
    )


def build_thai_year(cast) -> ThaiYear:
    ministry = Organisation.objects.create(
        name="Ministry of Justice", type=Organisation.Type.GOVERNMENT_NATIONAL, country_id="TH"
    )
    foundation = Organisation.objects.create(
        name="Human Rights and Development Foundation",
        type=Organisation.Type.NGO_CSO,
        country_id="TH",
    )
    do_set_country_partnership(
        cast.program,
        "TH",
        focal_point=ministry,
        key_partners=[foundation, cast.somchai.organisation],
    )
    workshop = do_create_event(
        cast.program,
        code="TH-002",
        title="Workshop on trauma-informed interviewing",
        start_date=dt.date(2025, 3, 1),
        country_code="TH",
        event_type="workshop",
    )
    meeting = do_create_event(
        cast.program,
        code="TH-003",
        title="Coordination meeting",
        start_date=dt.date(2025, 5, 5),
        country_code="TH",
        event_type="meeting",
    )
    earlier = do_create_event(  # FY2023-24: not counted
        cast.program,
        code="TH-000",
        title="Earlier conference",
        start_date=dt.date(2024, 6, 30),
        country_code="TH",
        event_type="conference",
    )
    for number in range(4):
        role = "speaker" if number == 0 else "participant"
        do_record_attendance(
            workshop, _person(cast, f"มาลี {number}", "female", ministry), role=role
        )
    do_record_attendance(workshop, _person(cast, "ประเสริฐ", "male", foundation))
    do_record_attendance(workshop, _person(cast, "อรุณ", "other"))
    do_record_attendance(workshop, _person(cast, "ไม่ระบุ", "not-specified"))
    do_record_attendance(workshop, _person(cast, "Staff One", "female"), role="program-staff")
    do_record_attendance(workshop, _person(cast, "Donor One", "male"), role="donor-staff")
    for number in range(2):
        do_record_attendance(meeting, _person(cast, f"สุดา {number}", "female", ministry))
    do_record_attendance(meeting, cast.somchai)
    do_record_attendance(earlier, _person(cast, "ก่อน", "female"))
    do_record_attendance(cast.cambodian_event, _person(cast, "ไปกัมพูชา", "female"))
    return ThaiYear()
