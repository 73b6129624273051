"""`ctip export iati`: the program's results as an IATI 2.03 activity that validates against
the shared schema and carries the indicators report's numbers."""

import csv
import datetime as dt
import io
from decimal import Decimal
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ctip.events.actions import do_create_event
from ctip.results.actions import do_define_indicator, do_record_actual, do_set_target
from ctip.results.iati import shares
from ctip.results.tests.test_results import framework  # noqa: F401

FY = "FY2024-25"
# The CI checks the repository out with the steering repository's shared/ beside it.
SCHEMA = (
    Path(__file__).resolve().parents[3].parent
    / "shared"
    / "standards"
    / "iati-2.03"
    / "iati-activities-schema.xsd"
)


def _parse(xml: bytes):
    return ET.fromstring(xml)  # noqa: S314 - the file this system just wrote


def _schema():
    import xmlschema

    return xmlschema.XMLSchema(str(SCHEMA))


@pytest.fixture
def results(framework):  # noqa: F811
    cast, ios = framework
    program = cast.program
    program.starts_on, program.ends_on = dt.date(2018, 9, 1), dt.date(2028, 9, 30)
    program.blurb = "A ten-year program against trafficking in persons."
    program.save()
    do_create_event(
        program,
        code="RG-001",
        title="Regional workshop",
        start_date=dt.date(2025, 3, 4),
        country_code="ASEAN",
        event_type="workshop",
    )
    events = do_define_indicator(
        program, code="O1", title="Events", level="output", computed_as="events", outcome=ios[1]
    )
    do_set_target(cast.mel, events, FY, 200)
    participants = do_define_indicator(
        program,
        code="O3",
        title="Participants",
        level="output",
        computed_as="participants",
        outcome=ios[4],
        baseline=Decimal("120"),
        baseline_period="FY2018-19",
    )
    do_set_target(cast.mel, participants, FY, 4)
    laws = do_define_indicator(
        program, code="X1", title="Laws amended", level="outcome", outcome=ios[4]
    )
    do_set_target(cast.mel, laws, FY, Decimal("2.5"))
    do_record_actual(cast.mel, laws, FY, 1, evidence="Gazette")
    do_define_indicator(
        program, code="X2", title="Share of women trained", level="outcome", unit="percent"
    )
    return cast


def _export(cast, *args):
    out = io.StringIO()
    call_command("export", "--as", cast.mel.username, "iati", "--period", FY, *args, stdout=out)
    return out.getvalue()


def _indicators_csv(cast):
    out = io.StringIO()
    call_command(
        "report",
        "--as",
        cast.mel.username,
        "indicators",
        "--period",
        FY,
        "--format",
        "csv",
        stdout=out,
    )
    return {row["code"]: row for row in csv.DictReader(io.StringIO(out.getvalue()))}


def test_the_iati_export_validates_against_the_shared_iati_schema(results, tmp_path):
    path = tmp_path / "activities.xml"
    call_command("export", "--as", results.mel.username, "iati", "--period", FY, "-o", str(path))
    schema = _schema()
    errors = [str(error.reason) for error in schema.iter_errors(str(path))]
    assert errors == []
    root = _parse(path.read_bytes())
    assert root.get("version") == "2.03"
    assert root.find("iati-activity/iati-identifier").text == "XM-DAC-00000-CTIP-test"


def test_the_iati_actuals_and_targets_equal_the_indicators_report(results):
    root = _parse(_export(results).encode())
    report = _indicators_csv(results)
    exported = {}
    for indicator in root.iter("indicator"):
        if indicator.get("measure") == "5":
            continue  # an outcome's status rating (below)
        code = indicator.find("title/narrative").text.split()[0]
        period = indicator.find("period")
        assert period.find("period-start").get("iso-date") == "2024-07-01"
        assert period.find("period-end").get("iso-date") == "2025-06-30"
        target, actual = period.find("target"), period.find("actual")
        baseline = indicator.find("baseline")
        exported[code] = {
            "target": "" if target is None else target.get("value"),
            "actual": "" if actual is None else actual.get("value"),
            "baseline": "" if baseline is None else baseline.get("value"),
        }
    assert set(exported) == set(report) == {"O1", "O3", "X1", "X2"}
    for code, row in report.items():
        assert exported[code] == {k: row[k] for k in ("target", "actual", "baseline")}, code
    # the cast's two events and the regional workshop; two participants
    assert (exported["O1"]["actual"], exported["O3"]["actual"]) == ("3", "2")
    assert exported["X1"] == {"target": "2.5", "actual": "1", "baseline": ""}


def test_results_are_typed_by_level_and_grouped_by_outcome(results):
    root = _parse(_export(results).encode())
    found = [
        (
            result.get("type"),
            result.find("title/narrative").text,
            [i.find("title/narrative").text.split()[0] for i in result.iter("indicator")],
        )
        for result in root.iter("result")
    ]
    assert found == [
        ("3", "Goal 1 Justice", ["Performance"]),
        ("2", "EOPO 1 Capable", ["Performance"]),
        ("1", "IO 1 Outcome 1", ["O1"]),
        ("1", "IO 4 Outcome 4", ["O3"]),
        ("2", "IO 4 Outcome 4", ["X1"]),
        ("2", "IO 8 Outcome 8", ["Performance"]),
        ("2", "X2 Share of women trained", ["X2"]),
    ]
    measures = {
        i.find("title/narrative").text.split()[0]: i.get("measure") for i in root.iter("indicator")
    }
    assert measures == {"O1": "1", "O3": "1", "X1": "1", "X2": "2", "Performance": "5"}
    baseline = next(i for i in root.iter("indicator") if i.find("baseline") is not None)
    assert baseline.find("baseline").attrib == {"year": "2018", "value": "120"}


def test_an_outcome_without_indicators_reports_its_status_rating(results):
    from ctip.programs.models import Outcome
    from ctip.results.actions import do_rate_outcome

    outcome = Outcome.objects.get(program=results.program, level="io", number=8)
    do_rate_outcome(results.mel, outcome, FY, "delayed", "Partner elections")
    root = _parse(_export(results).encode())
    result = next(
        r for r in root.iter("result") if r.find("title/narrative").text == "IO 8 Outcome 8"
    )
    comment = result.find("indicator/period/actual/comment/narrative").text
    assert comment == (
        "Some delay but will be back on track during next reporting period: Partner elections"
    )


def test_recipient_countries_share_the_events_of_table1(results):
    activity = _parse(_export(results).encode()).find("iati-activity")
    countries = {e.get("code"): e.get("percentage") for e in activity.iter("recipient-country")}
    regions = {e.get("code"): e.get("percentage") for e in activity.iter("recipient-region")}
    assert countries == {"KH": "33.34", "TH": "33.33"}  # the first of equal shares
    assert regions == {"789": "33.33"}
    sector = activity.find("sector").attrib
    assert sector == {"code": "15130", "vocabulary": "1", "percentage": "100"}
    dates = {e.get("type"): e.get("iso-date") for e in activity.iter("activity-date")}
    assert dates == {"1": "2018-09-01", "3": "2028-09-30"}
    assert activity.find("description/narrative").text.startswith("A ten-year program")


def test_shares_add_up_to_one_hundred():
    assert sum(shares({"a": 1, "b": 1, "c": 1, "d": 4}).values()) == 100
    assert shares({}) == {}


def test_only_administrators_and_mel_officers_export_iati(results):
    for user in (results.thai_officer, results.viewer, results.outsider):
        with pytest.raises(CommandError, match="administrators and MEL officers"):
            call_command(
                "export", "--as", user.username, "iati", "--period", FY, "--program", "test"
            )
    out = io.StringIO()
    call_command(
        "export",
        "--as",
        results.admin.username,
        "iati",
        "--period",
        FY,
        "--program",
        "test",
        stdout=out,
    )
    assert "<iati-activities" in out.getvalue()


def test_a_program_without_a_start_date_is_refused_in_plain_words(framework):  # noqa: F811
    cast, _ = framework
    with pytest.raises(CommandError, match="no start date"):
        call_command("export", "--as", cast.mel.username, "iati", "--period", FY)


def test_the_demo_programs_iati_file_validates_and_carries_its_indicators(db, tmp_path):
    from ctip.demo.actions import do_load_demo

    do_load_demo(seed=7, link=False)
    path = tmp_path / "demo.xml"
    call_command("export", "iati", "--period", FY, "--program", "demo", "-o", str(path))
    assert [str(error.reason) for error in _schema().iter_errors(str(path))] == []
    root = _parse(path.read_bytes())
    out = io.StringIO()
    call_command(
        "report", "indicators", "--period", FY, "--program", "demo", "--format", "csv", stdout=out
    )
    report = {row["code"]: row for row in csv.DictReader(io.StringIO(out.getvalue()))}
    actuals = {
        i.find("title/narrative").text.split()[0]: i.find("period/actual").get("value")
        for i in root.iter("indicator")
        if i.find("period/actual") is not None and i.get("measure") != "5"
    }
    assert actuals == {code: row["actual"] for code, row in report.items() if row["actual"]}
    assert int(actuals["O1"]) > 150  # a year of demo events
    countries = {e.get("code") for e in root.iter("recipient-country")}
    assert countries == {"KH", "ID", "LA", "PH", "TH", "VN"}
    implementing = [e for e in root.iter("participating-org") if e.get("role") == "4"]
    assert len(implementing) > 6 and all(e.get("type") for e in implementing)
