"""Imports write in bulk; the reports' participation counts must follow them."""

from ctip.imports.actions import do_import_file, do_rollback_import
from ctip.imports.models import ImportRecord
from ctip.reports import queries
from ctip.reports.tests.direct import table2 as direct_table2
from ctip.reports.tests.test_participation import assert_cube_equals_direct

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


def test_counts_folded_per_batch_equal_a_recount_when_an_import_adds_and_changes(cast, monkeypatch):
    """New attendance is counted batch by batch and added once; events where the same import
    changes existing people are recounted whole. Staff are never counted."""
    import ctip.imports.sources.attendance as attendance_source

    monkeypatch.setattr(attendance_source, "BATCH_ROWS", 3)  # several batches from a few rows
    period = cast.program.period("FY2024-25")
    _import(
        cast,
        HEADER
        + "TH-001,Niran K,male,TH,Royal Thai Police,,n@x.example\n"
        + "TH-001,Dara S,female,KH,Foundation X,ngo-cso,d@x.example\n",
    )
    assert _table2(cast) == direct_table2(cast.program, period)
    # Niran again at another event, now female (a known person, changed); new people at both
    # events, one of them staff; Dara unchanged.
    _import(
        cast,
        "event_id,full_name,sex,country_of_origin,organisation,organisation_type,email,role\n"
        "KH-001,Niran K,female,TH,Royal Thai Police,,n@x.example,participant\n"
        "TH-001,Dara S,female,KH,Foundation X,ngo-cso,d@x.example,participant\n"
        "KH-001,Sok P,female,KH,Foundation X,ngo-cso,,participant\n"
        "TH-001,Lan N,female,VN,Foundation Y,ngo-cso,,participant\n"
        "TH-001,Staff A,male,TH,,,,program-staff\n"
        "KH-001,Mai T,male,VN,Foundation Y,ngo-cso,,speaker\n"
        "KH-001,Bo L,male,LA,,,,participant\n",
    )
    assert _table2(cast) == direct_table2(cast.program, period)
    assert_cube_equals_direct(cast.program)
