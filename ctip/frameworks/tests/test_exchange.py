"""Values arrive as DHIS2 dataValueSets or in a unit's xlsx template, all or nothing, every
bad value named; they leave as DHIS2 JSON that imports back to the same values."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from ctip.frameworks.actions import do_open_round
from ctip.frameworks.exchange import ExchangeError, export_dhis2, import_values, template_workbook
from ctip.frameworks.models import Round, UnitReport, Value


def _value(unit, element, value, combo="default", period="2024", **extra):
    return {
        "dataElement": element,
        "period": period,
        "orgUnit": unit,
        "categoryOptionCombo": combo,
        "value": value,
        **extra,
    }


def _set(values, **top) -> bytes:
    return json.dumps({"dataSet": "bohol-2", **top, "dataValues": values}).encode()


PH_2024 = [
    _value("PH", "1.1", "50"),
    _value("PH", "1.1", "30", "female"),
    _value("PH", "1.1", "20", "male"),
    _value("PH", "2.3", "true"),
    _value("PH", "3.1", "40", comment="From the case management system"),
]


def _ctip(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_a_dhis2_data_value_set_with_a_complete_date_submits_the_units_report(partners, tmp_path):
    path = tmp_path / "ph.json"
    path.write_bytes(_set(PH_2024, completeDate="2025-04-02"))
    assert _ctip(
        "framework", "--as", "ph-focal", "import", str(path), "--framework", "bohol-2"
    ) == ("imported: 1 reports, 5 values changed, 1 submitted, 0 already submitted unchanged\n")
    report = UnitReport.objects.get(round__period="2024", unit__code="PH")
    assert report.status == "submitted"
    assert report.first_submitted_on.isoformat() == "2025-04-02" and not report.on_time
    assert Value.objects.get(report=report, indicator__code="2.3").value == "yes"
    # the same file again changes nothing
    assert "0 reports, 0 values changed, 0 submitted, 1 already submitted unchanged" in _ctip(
        "framework", "--as", "ph-focal", "import", str(path), "--framework", "bohol-2"
    )


def test_dhis2_json_out_imports_back_to_the_same_values(partners, cast):
    import_values(
        partners.framework,
        _set(PH_2024, completeDate="2025-03-30"),
        "ph.json",
        partners.philippines,
    )
    round_ = Round.objects.get(period="2024")
    exported = export_dhis2(partners.framework, "2024", round_.reports.all())
    assert {
        (v["orgUnit"], v["dataElement"], v["categoryOptionCombo"], v["value"])
        for v in exported["dataValues"]
    } == {
        ("PH", "1.1", "default", "50"),
        ("PH", "1.1", "female", "30"),
        ("PH", "1.1", "male", "20"),
        ("PH", "2.3", "default", "yes"),
        ("PH", "3.1", "default", "40"),
    }
    # into a framework loaded from the same file, under another code: the same values
    from ctip.frameworks.actions import do_load_framework
    from ctip.frameworks.files import read_definition

    from .conftest import FRAMEWORK

    copy, _ = do_load_framework(read_definition(FRAMEWORK.replace("bohol-2", "copy")), cast.mel)
    import_values(copy, json.dumps(exported).encode(), "out.json", cast.mel)
    again = export_dhis2(copy, "2024", Round.objects.get(framework=copy).reports.all())
    assert again["dataValues"] == exported["dataValues"]
    assert UnitReport.objects.get(round__framework=copy, unit__code="PH").first_submitted_on == (
        UnitReport.objects.get(
            round__framework=partners.framework, unit__code="PH"
        ).first_submitted_on
    )


def test_a_bad_data_value_set_names_every_bad_value_and_writes_nothing(partners):
    values = [
        *PH_2024[:2],
        _value("PH", "1.1", "25", "male"),
        _value("PH", "2.3", "perhaps"),
        _value("XX", "1.1", "4"),
        _value("PH", "9.9", "4"),
        _value("PH", "1.1", "4", "girls"),
        _value("PH", "3.1", "40", period="2024Q1"),
        _value("PH", "3.1", "40"),
    ]
    with pytest.raises(ExchangeError) as refused:
        import_values(
            partners.framework,
            _set(values, completeDate="2025-03-01"),
            "ph.json",
            partners.philippines,
        )
    assert refused.value.problems == [
        'dataValues[4]: orgUnit "XX" is not a unit of bohol-2',
        'dataValues[5]: dataElement "9.9" is not an indicator of bohol-2',
        'dataValues[6]: categoryOptionCombo "girls" is not a disaggregation of "1.1" '
        "(categories: female, male)",
        "dataValues[7]: period '2024Q1' is a quarter period; bohol-2 reports by year",
        'dataValues[3]: "2.3" perhaps answer yes or no',
    ]
    assert not Round.objects.exists()
    # the types are right now; the rule on disaggregations is checked when the unit submits
    values = [*PH_2024[:2], _value("PH", "1.1", "25", "male"), *PH_2024[3:]]
    with pytest.raises(ExchangeError) as refused:
        import_values(
            partners.framework,
            _set(values, completeDate="2025-03-01"),
            "ph.json",
            partners.philippines,
        )
    assert refused.value.problems == [
        'dataValues[0]: "1.1" female 30 + male 25 is not the total 50'
    ]
    assert not Value.objects.exists() and not Round.objects.exists()


def test_a_focal_point_cannot_send_another_units_values(partners):
    with pytest.raises(ExchangeError, match=r"dataValues\[0\]: you do not report for TH"):
        import_values(
            partners.framework,
            _set([_value("TH", "1.1", "5")]),
            "th.json",
            partners.philippines,
        )
    assert not Value.objects.exists()


def test_a_units_xlsx_template_goes_out_and_comes_back_filled(partners, tmp_path):
    round_ = do_open_round(partners.framework, "2024")
    report = UnitReport.objects.get(round=round_, unit__code="PH")
    book = load_workbook(io.BytesIO(template_workbook(report)))
    sheet = book["report"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [row[:4] for row in rows] == [
        ("1.1", "Victims identified", "number", None),
        ("1.1", None, "number", "female"),
        ("1.1", None, "number", "male"),
        ("2.3", "National referral mechanism in place", "yes/no", None),
        ("3.1", "Share of cases prosecuted", "percentage", None),
    ]
    for row, value in zip(range(2, 7), (50, 30, 20, "yes", 12.5), strict=True):
        sheet.cell(row, 5).value = value
    sheet.cell(2, 7).value = "+63 hotline calls were counted"  # Excel would read a formula
    path = tmp_path / "ph-2024.xlsx"
    book.save(path)
    assert "1 submitted" in _ctip(
        "framework", "--as", "ph-focal", "import", str(path), "--framework", "bohol-2", "--submit"
    )
    report.refresh_from_db()
    assert report.status == "submitted"
    assert report.values.get(indicator__code="3.1").value == "12.5"
    # the template of a submitted report carries its values, formulas kept as text
    again = load_workbook(io.BytesIO(template_workbook(report)))["report"]
    assert (
        again.cell(2, 5).value == "50"
        and again.cell(2, 7).value == "'+63 hotline calls were counted"
    )


def test_a_bad_template_row_is_named_by_row_and_column(partners, tmp_path):
    round_ = do_open_round(partners.framework, "2024")
    report = UnitReport.objects.get(round=round_, unit__code="PH")
    book = load_workbook(io.BytesIO(template_workbook(report)))
    book["report"].cell(2, 5).value = "fifty"
    book["report"].cell(6, 5).value = 101
    path = tmp_path / "ph.xlsx"
    book.save(path)
    with pytest.raises(CommandError) as refused:
        _ctip("framework", "--as", "ph-focal", "import", str(path), "--framework", "bohol-2")
    assert str(refused.value).splitlines() == [
        'row 2, column "value": "1.1" fifty is not a number',
        'row 6, column "value": "3.1" 101 is a percentage: 0 to 100',
    ]
