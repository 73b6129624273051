"""Focal points are invited by mail and reminded before and after the due date, through a real
SMTP server; a day's reminders go once."""

from __future__ import annotations

import datetime as dt
import io

from django.core.management import call_command
from django.test import Client

from ctip.frameworks.actions import (
    do_open_round,
    do_return_report,
    do_save_values,
    do_send_reminders,
    do_submit_report,
)
from ctip.frameworks.models import FrameworkRole, UnitReport

from .test_reporting import COMPLETE


def test_an_invited_focal_point_sets_a_password_and_lands_on_their_unit(partners, smtp_server):
    vietnam = partners.framework.units.get(code="VN")
    out = io.StringIO()
    call_command(
        "framework",
        "invite",
        "nguyen.lan@example.org",
        "--framework",
        "bohol-2",
        "--unit",
        "VN",
        "--language",
        "vi",
        stdout=out,
    )
    assert out.getvalue() == "invited nguyen.lan: reports for VN in bohol-2\n"
    (mail,) = smtp_server.wait_for(1)
    assert mail.recipients == ["nguyen.lan@example.org"]
    assert mail.message["Content-Language"] == "vi"
    assert "Bohol TIP Work Plan 2.0 MERL framework" in mail.body
    role = FrameworkRole.objects.get(user__username="nguyen.lan")
    assert role.unit == vietnam and not role.user.has_usable_password()

    client = Client()
    path = mail.link.split("://", 1)[1].split("/", 1)[1]
    page = client.get("/" + path)
    assert page.status_code == 200
    password = "a long passphrase for Hanoi"
    response = client.post(
        "/" + path, {"new_password1": password, "new_password2": password}, follow=True
    )
    assert response.status_code == 200
    assert client.login(username="nguyen.lan", password=password)
    round_ = do_open_round(partners.framework, "2024")
    listing = client.get("/frameworks/").content.decode()
    assert (
        f"/frameworks/reports/{UnitReport.objects.get(round=round_, unit=vietnam).pk}/" in listing
    )


def test_focal_points_are_reminded_before_and_after_the_due_date_once_a_day(
    partners, cast, smtp_server
):
    partners.philippines.email = "ph@example.org"
    partners.philippines.save()
    partners.thailand.email = "th@example.org"
    partners.thailand.save()
    round_ = do_open_round(partners.framework, "2024")  # due 31 March 2025

    assert do_send_reminders(partners.framework, dt.date(2025, 3, 1)) == {}  # not yet
    assert do_send_reminders(partners.framework, dt.date(2025, 3, 21)) == {"due-soon": 2}
    first = smtp_server.wait_for(2)
    assert {m.recipients[0] for m in first} == {"ph@example.org", "th@example.org"}
    thai = next(m for m in first if m.recipients == ["th@example.org"])
    assert "is due on 31 March 2025, in 10 days" in thai.body
    assert thai.link.endswith(
        f"/frameworks/reports/{UnitReport.objects.get(round=round_, unit__code='TH').pk}/"
    )
    assert do_send_reminders(partners.framework, dt.date(2025, 3, 21)) == {}  # once a day

    ph = UnitReport.objects.get(round=round_, unit__code="PH")
    do_save_values(ph, partners.philippines, COMPLETE)
    do_submit_report(ph, partners.philippines, on=dt.date(2025, 3, 25))
    assert do_send_reminders(partners.framework, dt.date(2025, 4, 3)) == {"overdue": 1}
    (overdue,) = smtp_server.wait_for(3)[2:]
    assert overdue.recipients == ["th@example.org"]
    assert "was due on 31 March 2025, 3 days ago" in overdue.body

    do_return_report(ph, cast.mel, {None: "Sources?"})
    assert do_send_reminders(partners.framework, dt.date(2025, 4, 4)) == {
        "overdue": 1,
        "returned": 1,
    }
    returned = smtp_server.to("ph@example.org")[-1]
    assert "returned the 2024 report of Philippines with comments" in returned.body
