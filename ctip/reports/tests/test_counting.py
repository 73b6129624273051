"""Who and what the reports count, and who may run them."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from ctip.conftest import PASSWORD
from ctip.events.actions import do_create_event
from ctip.reports.registry import run_report
from ctip.reports.suppression import Hidden

from .builders import make_attendances, make_events


def _csv(*args, **options):
    out = io.StringIO()
    call_command("report", *args, "--program", "test", "--format", "csv", stdout=out, **options)
    return out.getvalue().splitlines()


def test_program_and_donor_staff_are_not_participants(cast):
    make_attendances(cast.thai_event, 6, sex="female", country="AU", role="program-staff")
    make_attendances(cast.thai_event, 6, sex="male", country="AU", role="donor-staff")
    make_attendances(cast.thai_event, 2, sex="female", country="TH", role="speaker")
    lines = _csv("table2", "--period", "FY2024-25")
    # Somchai (state, Thailand) and Sokha (state, Cambodia); speakers count, no organisation
    assert "state,Total,1,1,0,0,2,0,0" in lines
    assert "non-state,Total,2,0,0,0,2,0,0" in lines
    assert not any("Outside ASEAN" in line for line in lines)


def test_an_event_belongs_to_the_period_of_its_start_date(cast):
    do_create_event(
        cast.program,
        code="TH-LAST",
        title="Three-day training over the year end",
        start_date=dt.date(2025, 6, 30),
        end_date=dt.date(2025, 7, 2),
        country_code="TH",
        event_type="training",
    )
    assert "Thailand,2,0,0,0,2" in _csv("table1", "--period", "FY2024-25")
    assert _csv("table1", "--period", "FY2025-26")[1:] == ["Total,0,0,0,0,0"]
    assert "Thailand,1,0,0,0,1" in _csv("table1", "--period", "2025-Q2")


def test_country_and_project_filters_pick_events_by_place_and_project(mixed):
    assert _csv("table1", "--period", "FY2024-25", "--project", "AA1") == [
        "country,capacity_development,meetings,conferences_and_launches,other,total",
        "Philippines,1,0,1,0,2",
        "Thailand,1,1,0,0,2",
        "Total,2,1,1,0,4",
    ]
    assert _csv("country-summary", "--period", "FY2024-25", "--country", "ph") == [
        "country,events,participants,percent_women,sentence",
        'Philippines,2,22,0,"We delivered 2 events, with 22 participants (0% women)."',
    ]


def test_a_filter_that_names_nothing_is_an_error(cast):
    with pytest.raises(CommandError, match="not a country code"):
        _csv("table1", "--period", "FY2024-25", "--country", "XX")
    with pytest.raises(CommandError, match="not a project"):
        _csv("table1", "--period", "FY2024-25", "--project", "ZZ9")
    with pytest.raises(CommandError, match="consecutive years"):
        _csv("table1", "--period", "FY2024-99")


def test_every_program_member_may_run_reports_and_an_outsider_may_not(cast):
    for username in ("mel", "thai", "viewer"):
        out = io.StringIO()
        call_command(
            "report", "highlights", "--as", username, "--period", "FY2024-25", "--format", "csv",
            stdout=out,
        )  # fmt: skip
        assert "participants,Participants across all events,2,50" in out.getvalue()
    with pytest.raises(CommandError, match="no program 'test'"):
        call_command(
            "report", "table1", "--as", "outsider", "--program", "test", "--period", "2024"
        )
    with pytest.raises(CommandError, match="no active user"):
        call_command("report", "table1", "--as", "nobody", "--period", "2024")


def test_the_reports_pages_need_a_login_and_a_program_role(client, cast):
    assert client.get(reverse("report-list")).status_code == 302
    client.login(username="outsider", password=PASSWORD)
    response = client.get(reverse("report", args=["table1"]), {"program": "test"})
    assert response.status_code == 404
    client.login(username="viewer", password=PASSWORD)
    listing = client.get(reverse("report-list")).content.decode()
    for name in ("table1", "table2", "highlights", "country-summary"):
        assert f"/reports/{name}/" in listing
    page = client.get(reverse("report", args=["country-summary"]), {"period": "FY2024-25"})
    assert "We delivered 1 event, with 1 participant (0% women)." in page.content.decode()


def test_a_wrong_period_on_the_page_is_explained(client, cast):
    client.login(username="mel", password=PASSWORD)
    page = client.get(reverse("report", args=["table2"]), {"period": "next year"})
    assert page.status_code == 200
    assert "is not a period" in page.content.decode()


def test_non_asean_event_countries_come_before_regional(program):
    make_events(program, "ASEAN", ["meeting"], dt.date(2024, 8, 1))
    make_events(program, "AU", ["meeting"], dt.date(2024, 8, 1))
    make_events(program, "VN", ["meeting"], dt.date(2024, 8, 1))
    report = run_report("table1", program, program.period("FY2024-25"))
    labels = [row.values["country"] for row in report.sections[0].rows]
    assert labels == ["Vietnam", "Australia", "ASEAN/regional", "Total"]


def test_highlights_and_progress_lines_hide_small_numbers_and_their_percentages(program):
    events = make_events(program, "LA", ["training"], dt.date(2024, 8, 1))
    make_attendances(events, 3, sex="female", country="LA")
    make_attendances(events, 30, sex="male", country="LA")
    highlights = run_report("highlights", program, program.period("FY2024-25"), threshold=5)
    participants = highlights.sections[0].rows[1].values
    # public counts are perturbed by at most 2 (cell-key method, ctip/reports/cellkey.py)
    assert abs(participants["count"] - 33) <= 2
    women = participants["percent_women"]
    assert isinstance(women, Hidden) or women <= 100 * 5 // 31  # 3 women: at most 5 shown
    lines = run_report("country-summary", program, program.period("FY2024-25"), threshold=5)
    sentence = lines.sections[0].rows[0].values["sentence"]
    assert sentence.startswith("We delivered 1 event, with 3")


def test_a_hidden_group_total_hides_every_percentage_of_the_group(cast):
    # 12 women: shown whatever noise their cell key picks (at most 2 either way)
    make_attendances(cast.thai_event, 12, sex="female", country="TH", organisation=None)
    report = run_report("table2", cast.program, cast.program.period("FY2024-25"), threshold=5)
    state, non_state = report.sections
    assert str(state.rows[-2].values["total"]) == "<5"  # Somchai and Sokha
    assert all(isinstance(v, Hidden) for k, v in state.rows[-1].values.items() if k != "country")
    assert str(non_state.rows[-1].values["female"]) == "100.00"
