"""The program pages: administrators define the program on the web, without the admin site."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
from django.test import Client
from django.urls import reverse

from ctip.programs.models import Outcome
from ctip.results.models import Indicator, OutcomeWording


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _post(client, name, data):
    return client.post(f"{reverse(name)}?program=test", data, follow=True)


def test_an_administrator_defines_the_program_on_the_web(cast):
    admin = _as(cast.admin)
    page = admin.get(f"{reverse('program-settings')}?program=test")
    assert page.status_code == 200 and b"Test program" in page.content
    _post(
        admin,
        "program-settings",
        {
            "name": "Test program",
            "fiscal_year_start_month": 7,
            "description": "Helps justice systems.",
        },
    )
    cast.program.refresh_from_db()
    assert cast.program.blurb == "Helps justice systems."

    _post(admin, "program-projects", {"code": "AA2", "name": "Knowledge"})
    assert list(cast.program.projects.values_list("code", flat=True)) == ["AA1", "AA2"]
    _post(
        admin,
        "program-projects",
        {"original": "AA2", "code": "AA2", "name": "Knowledge and skills"},
    )
    assert cast.program.projects.get(code="AA2").name == "Knowledge and skills"

    _post(admin, "program-outcomes", {"level": "goal", "number": 1, "title": "Justice"})
    _post(
        admin,
        "program-outcomes",
        {"level": "eopo", "number": 1, "parent": "goal 1", "title": "ASEAN reports"},
    )
    _post(
        admin,
        "program-outcomes",
        {"level": "io", "number": 4, "parent": "eopo 1", "title": "Monitoring"},
    )
    io4 = Outcome.objects.get(program=cast.program, level="io", number=4)
    assert io4.parent.number == 1 and io4.parent.level == "eopo"
    _post(
        admin,
        "program-outcomes",
        {
            "original": "io 4",
            "level": "io",
            "number": 4,
            "parent": "eopo 1",
            "title": "Monitoring that is used",
            "since": "2025-07-01",
        },
    )
    io4.refresh_from_db()
    assert io4.title == "Monitoring that is used"
    assert list(
        OutcomeWording.objects.filter(outcome=io4)
        .order_by("effective_from")
        .values_list("effective_from", "title")
    ) == [(dt.date.min, "Monitoring"), (dt.date(2025, 7, 1), "Monitoring that is used")]

    _post(
        admin,
        "program-indicators",
        {
            "code": "O1",
            "title": "Events",
            "level": "output",
            "unit": "number",
            "aggregation": "per-period",
            "computed_as": "events",
            "outcome": "io 4",
        },
    )
    _post(admin, "program-targets", {"indicator": "O1", "period": "FY2025-26", "value": "220"})
    indicator = Indicator.objects.get(program=cast.program, code="O1")
    assert indicator.outcome == io4 and indicator.targets.get().value == 220
    listing = admin.get(f"{reverse('program-targets')}?program=test")
    assert b"FY2025-26" in listing.content and b"220" in listing.content

    download = admin.get(f"{reverse('program-download', args=['xlsx'])}?program=test")
    sheets = openpyxl.load_workbook(io.BytesIO(download.content)).sheetnames
    assert "indicators" in sheets and "targets" in sheets


def test_a_project_with_events_cannot_be_dropped_on_the_web(cast):
    cast.thai_event.project = cast.program.projects.get(code="AA1")
    cast.thai_event.save()
    page = _post(_as(cast.admin), "program-projects", {"drop": "AA1"})
    assert b"project AA1 is left out, but 1 event refer to it: it cannot be dropped" in (
        page.content
    )
    assert cast.program.projects.filter(code="AA1").exists()


def test_a_broken_edit_is_refused_and_names_the_field(cast):
    admin = _as(cast.admin)
    _post(admin, "program-outcomes", {"level": "goal", "number": 1, "title": "Justice"})
    page = _post(
        admin,
        "program-outcomes",
        {"level": "io", "number": 4, "parent": "goal 1", "title": "Orphan"},
    )
    assert b"parent: a io serves a eopo, not a goal" in page.content
    assert not Outcome.objects.filter(program=cast.program, level="io").exists()


def test_only_administrators_change_the_program(cast):
    for user in (cast.mel, cast.thai_officer, cast.viewer):
        response = _as(user).post(
            f"{reverse('program-projects')}?program=test", {"code": "AA7", "name": "x"}
        )
        assert response.status_code == 403
        response = _as(user).post(f"{reverse('program-settings')}?program=test", {"name": "x"})
        assert response.status_code == 403
    assert not cast.program.projects.filter(code="AA7").exists()


def test_an_uploaded_program_file_loads(cast):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile(
        "test.yaml",
        b"code: test\nname: Test program\nprojects:\n"
        b"  - {code: AA1, name: Collaboration}\n  - {code: AA3, name: Transparency}\n",
    )
    page = _as(cast.admin).post(
        f"{reverse('program-upload')}?program=test", {"file": upload}, follow=True
    )
    assert b"project AA3 created" in page.content
    assert cast.program.projects.filter(code="AA3").exists()
