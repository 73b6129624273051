"""The grants program: a grantee's focal point sees only its own grant and reports on it;
the program reviews; grantees' events count in the reports only when the program says so."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from ctip.conftest import PASSWORD
from ctip.events.models import uncounted_event_ids
from ctip.grants import actions
from ctip.grants.models import GrantReport
from ctip.imports.actions import do_import_file
from ctip.organisations.models import Organisation
from ctip.reports import queries
from ctip.results.computed import COMPUTED


def _opd(name, country):
    return Organisation.objects.create(
        name=name, type=Organisation.Type.NGO_CSO, is_opd=True, country_id=country
    )


@pytest.fixture
def grants(cast):
    life_haven = actions.do_save_grant(
        cast.program,
        cast.mel,
        code="opd-life-haven",
        title="Disability inclusion in counter-trafficking, Philippines",
        grantee=_opd("Life Haven Center for Independent Living", "PH"),
        amount=Decimal("60000"),
        currency="AUD",
        starts_on=dt.date(2024, 7, 1),
        ends_on=dt.date(2025, 12, 31),
    )
    good_friends = actions.do_save_grant(
        cast.program,
        cast.mel,
        code="opd-good-friends",
        title="Disability-inclusive victim support, Thailand",
        grantee=_opd("Good Friends Association", "TH"),
        amount=Decimal("55000"),
        currency="AUD",
        starts_on=dt.date(2024, 7, 1),
        ends_on=dt.date(2025, 12, 31),
    )
    grantee = actions.do_create_grantee_user("lifehaven", PASSWORD, life_haven, cast.mel)
    return life_haven, good_friends, grantee


def _client(user) -> Client:
    client = Client()
    client.login(username=user.username, password=PASSWORD)
    return client


def test_a_grantee_sees_only_its_own_grant(cast, grants):
    life_haven, good_friends, grantee = grants
    theirs = actions.do_open_report(
        life_haven, cast.mel, dt.date(2024, 7, 1), dt.date(2024, 12, 31)
    )
    other = actions.do_open_report(
        good_friends, cast.mel, dt.date(2024, 7, 1), dt.date(2024, 12, 31)
    )
    client = _client(grantee)
    listing = client.get("/grants/").content.decode()
    assert "Disability inclusion in counter-trafficking" in listing
    assert "Good Friends" not in listing
    assert client.get(f"/grants/{life_haven.code}/").status_code == 200
    assert client.get(f"/grants/reports/{theirs.pk}/").status_code == 200
    # the other grant and its report are as missing as a grant that does not exist
    assert client.get(f"/grants/{good_friends.code}/").status_code == 404
    assert client.get(f"/grants/reports/{other.pk}/").status_code == 404
    assert client.post(f"/grants/reports/{other.pk}/save/", {"narrative": "x"}).status_code == 404
    # nor does the grantee reach the program's pages
    assert client.get("/people/").status_code in (403, 404)
    out = StringIO()
    call_command("grants", "--as", "lifehaven", "list", stdout=out)
    assert "opd-life-haven" in out.getvalue()
    assert "opd-good-friends" not in out.getvalue()
    with pytest.raises(CommandError, match="no grant"):
        call_command("grants", "--as", "lifehaven", "show", "opd-good-friends", stdout=out)


def test_a_grantee_submits_its_report_and_the_program_returns_then_approves_it(cast, grants):
    life_haven, _good_friends, grantee = grants
    report = actions.do_open_report(
        life_haven, cast.mel, dt.date(2024, 7, 1), dt.date(2024, 12, 31)
    )
    client = _client(grantee)
    project = cast.program.projects.get(code="AA1")
    response = client.post(
        f"/grants/reports/{report.pk}/save/",
        {
            "narrative": "Introduced the ACWC e-learning course to people with disability.",
            "figure_label": ["People with disability introduced to the e-learning course", ""],
            "figure_value": ["38", ""],
            "projects": [str(project.pk)],
            "submit": "1",
        },
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == GrantReport.Status.SUBMITTED
    assert [(f.label, f.value) for f in report.figures.all()] == [
        ("People with disability introduced to the e-learning course", Decimal(38))
    ]
    assert list(report.projects.all()) == [project]
    # a submitted report cannot change, and the grantee cannot review it
    with pytest.raises(actions.GrantRefused):
        actions.do_save_report(report, grantee, narrative="changed")
    assert (
        client.post(f"/grants/reports/{report.pk}/review/", {"decision": "approve"}).status_code
        == 403
    )
    mel = _client(cast.mel)
    mel.post(f"/grants/reports/{report.pk}/review/", {"decision": "return", "comment": "Add dates"})
    report.refresh_from_db()
    assert report.status == GrantReport.Status.RETURNED
    assert "Add dates" in client.get(f"/grants/reports/{report.pk}/").content.decode()
    client.post(
        f"/grants/reports/{report.pk}/save/",
        {"narrative": "In September and October 2024 ...", "submit": "1"},
    )
    mel.post(f"/grants/reports/{report.pk}/review/", {"decision": "approve"})
    report.refresh_from_db()
    assert report.status == GrantReport.Status.APPROVED


def test_a_grant_counts_its_opd_grantee_and_its_tranche_conditions(cast, grants):
    life_haven, _good_friends, _grantee = grants
    actions.do_save_tranche(
        life_haven,
        cast.mel,
        number=1,
        amount=Decimal(30000),
        condition="Signed agreement",
        condition_met=True,
        met_on=dt.date(2024, 7, 15),
    )
    actions.do_save_tranche(
        life_haven, cast.mel, number=2, amount=Decimal(30000), condition="First report approved"
    )
    period = cast.program.period("FY2024-25")
    assert COMPUTED["grants-opd"][1](cast.program, period) == 2
    line = next(line for line in queries_lines(cast.program, period) if line.grant == life_haven)
    assert (line.tranches_met, line.tranches) == (1, 2)


def queries_lines(program, period):
    from ctip.grants.queries import grant_lines

    return grant_lines(program, period)


GRANTEE_EVENTS = (
    "event_id,title,start_date,country,event_type,grant\n"
    "PH-LH-001,Workshop on disability inclusion and counter-trafficking,2025-03-10,PH,"
    "workshop,opd-life-haven\n"
)
GRANTEE_ATTENDANCE = (
    "event_id,full_name,sex,country_of_origin,organisation,organisation_type\n"
    "PH-LH-001,Maria Santos,female,PH,Life Haven Center for Independent Living,opd\n"
    "PH-LH-001,Jose Reyes,male,PH,Philippine National Police,government\n"
    "PH-LH-001,Ana Cruz,female,PH,Life Haven Center for Independent Living,opd\n"
)


def test_counting_grantee_events_is_the_programs_choice_and_changes_table2(cast, grants):
    period = cast.program.period("FY2024-25")
    before = queries.table2(cast.program, period)
    table1_before = queries.table1(cast.program, period).total.total
    # grantees' events and participants come in through the ordinary imports
    for kind, text in (("events", GRANTEE_EVENTS), ("attendance", GRANTEE_ATTENDANCE)):
        plan = do_import_file(
            kind,
            text.encode(),
            f"{kind}.csv",
            program=cast.program,
            actor=cast.admin,
            consent_version="grantee-1",
        )
        assert not plan.errors, plan.errors
    # not counted while the program does not count them
    assert queries.table2(cast.program, period) == before
    assert queries.table1(cast.program, period).total.total == table1_before
    non_state = before.group("non-state").total
    actions.do_set_counts_grantee_events(cast.program, cast.mel, True)
    after = queries.table2(cast.program, period)
    assert after.group("non-state").total.total == non_state.total + 2
    assert after.group("non-state").total.opd == non_state.opd + 2
    assert after.group("state").total.total == before.group("state").total.total + 1
    assert queries.table1(cast.program, period).total.total == table1_before + 1
    assert COMPUTED["non-state-opd"][1](cast.program, period) == non_state.opd + 2
    # and back
    actions.do_set_counts_grantee_events(cast.program, cast.mel, False)
    assert queries.table2(cast.program, period) == before


def test_only_the_programs_managers_decide_whether_grantee_events_count(cast, grants):
    with pytest.raises(CommandError, match="for administrators and MEL officers"):
        call_command("grants", "--as", "viewer", "counting", "--events", "yes", stdout=StringIO())
    out = StringIO()
    call_command("grants", "--as", "mel", "counting", "--events", "yes", stdout=out)
    assert "grantees' events count" in out.getvalue()
    cast.program.refresh_from_db()
    assert cast.program.counts_grantee_events


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query plan")
def test_the_grantees_events_are_read_from_their_own_index(cast, grants):
    # every report query first reads which events grantees held (events.models.
    # uncounted_event_ids): from the partial index of those few events, not by reading each of
    # the program's events (78 ms a query at 1,000,000 attendances before; docs/performance.md)
    with CaptureQueriesContext(connection) as captured:
        uncounted_event_ids(cast.program)
    (query,) = captured.captured_queries
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {query['sql']}")
        plan = " ".join(str(row[-1]) for row in cursor.fetchall())
    assert "USING INDEX events_held_by_grantees" in plan, plan
    assert "TEMP B-TREE" not in plan, plan  # no sorting either
