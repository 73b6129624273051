"""Imports write in bulk; the reports' participation counts must follow them."""

from ctip.imports.actions import do_import_file, do_rollback_import
from ctip.imports.models import ImportRecord
from ctip.reports import queries
from ctip.reports.tests.direct import table2 as direct_table2

HEADER = "event_id,full_name,sex,country_of_origin,organisation,organisation_type,email\n"


def _table2(cast):
    return queries.table2(cast.program, cast.program.period("FY2024-25"))


def _import(cast, text):
    plan = do_import_file(
        "attendance",
        text.encode(),
        "sheet.csv",
        program=cast.program,
        actor=cast.admin,
        consent_version="paper-v1",
    )
    assert not plan.errors, plan.errors


def test_imported_corrected_and_rolled_back_attendance_shows_in_table2(cast):
    period = cast.program.period("FY2024-25")
    first = HEADER + "TH-001,Niran K,male,TH,Royal Thai Police,,n@x.example\n"
    _import(cast, first)
    assert _table2(cast) == direct_table2(cast.program, period)
    _import(cast, first.replace(",male,", ",female,"))
    assert _table2(cast) == direct_table2(cast.program, period)
    do_rollback_import(ImportRecord.objects.order_by("-pk").first(), cast.admin)
    assert _table2(cast) == direct_table2(cast.program, period)
    do_rollback_import(ImportRecord.objects.order_by("-pk")[1], cast.admin)
    assert _table2(cast) == direct_table2(cast.program, period)
