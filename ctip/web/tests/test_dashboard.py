import datetime as dt

from django.urls import reverse
from django.utils import timezone

from ctip.conftest import PASSWORD
from ctip.events.actions import do_create_event
from ctip.people.actions import do_create_person, do_record_attendance


def test_the_dashboard_counts_events_participants_and_women_per_country(client, cast):
    staff = do_create_person(
        cast.program,
        full_name="Program Staffer",
        sex="female",
        country_code="AU",
        consent_given=True,
    )
    do_record_attendance(cast.thai_event, staff, role="program-staff")
    regional = do_create_event(
        cast.program,
        code="RG-1",
        title="Regional conference",
        start_date=dt.date(2025, 6, 30),
        country_code="ASEAN",
        event_type="conference",
    )
    do_record_attendance(regional, cast.sokha)
    do_create_event(  # next fiscal year: not counted
        cast.program,
        code="TH-2",
        title="Later",
        start_date=dt.date(2025, 7, 1),
        country_code="TH",
        event_type="meeting",
    )
    client.login(username="mel", password=PASSWORD)
    page = client.get(reverse("dashboard") + "?period=FY2024-25").content.decode()
    assert 'data-testid="events">3<' in page
    # staff excluded: Somchai (male) in Thailand, Sokha (female) in Cambodia and regionally
    assert 'data-testid="participants">3<' in page
    assert 'data-testid="women">67%<' in page
    table = page.split('data-testid="country-table"')[1].split("</tbody>")[0]
    assert table.index("Cambodia") < table.index("Thailand") < table.index("ASEAN/regional")


def test_a_wrong_period_is_explained_not_a_crash(client, cast):
    client.login(username="mel", password=PASSWORD)
    response = client.get(reverse("dashboard") + "?period=FY2024-99")
    assert response.status_code == 200
    assert "consecutive years" in response.content.decode()


def test_the_dashboard_opens_on_the_fiscal_year_in_progress_and_says_it_has_little_data(
    client, cast
):
    client.login(username="mel", password=PASSWORD)
    page = client.get(reverse("dashboard")).content.decode()
    current = cast.program.fiscal_year_of(timezone.localdate()).label
    assert f"{current}: " in page
    note = page.split('data-testid="period-note">')[1].split("</p>")[0]
    assert f"{current} is in progress and has 0 events so far." in note
    assert "FY2024-25 had 2 events." in note and "period=FY2024-25" in note


def test_a_chosen_period_has_no_little_data_note(client, cast):
    client.login(username="mel", password=PASSWORD)
    chosen = client.get(reverse("dashboard") + "?period=FY2024-25").content.decode()
    assert 'data-testid="period-note"' not in chosen


def test_the_dashboard_asks_once_which_events_grantees_held(client, cast):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.login(username="mel", password=PASSWORD)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("dashboard") + "?period=FY2024-25").status_code == 200
    grantee_reads = [q for q in queries.captured_queries if '"grant_id" IS NOT NULL' in q["sql"]]
    assert len(grantee_reads) == 1
