"""Writes on grants: create a grant, its tranches, open a reporting period, fill and submit a
progress report, return or approve it, make a user a grantee's focal point, and the program's
choice whether grantees' events count in its reports."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from . import access
from .models import Grant, GrantReport, GrantRole, ReportEvidence, ReportFigure, Tranche

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024


class GrantRefused(Exception):
    """A step the grant or report's state does not allow; the message says why."""


def _user(actor):
    return actor if getattr(actor, "pk", None) is not None else None


def _check_manager(actor, program) -> None:
    if not access.can_manage(actor, program):
        raise PermissionDenied("only the program's administrators and MEL officers manage grants")


@transaction.atomic
def do_save_grant(
    program,
    actor,
    *,
    code: str,
    title: str,
    grantee,
    amount: Decimal,
    currency: str,
    starts_on: dt.date,
    ends_on: dt.date,
    projects=(),
    outcomes=(),
) -> Grant:
    """Create the grant CODE, or update it in place (the same values twice change nothing)."""
    _check_manager(actor, program)
    grant = Grant.objects.filter(program=program, code=code).first() or Grant(
        program=program, code=code
    )
    values = {
        "title": title,
        "grantee": grantee,
        "amount": Decimal(amount),
        "currency": currency.upper(),
        "starts_on": starts_on,
        "ends_on": ends_on,
    }
    changed = grant.pk is None or any(getattr(grant, k) != v for k, v in values.items())
    if changed:
        for key, value in values.items():
            setattr(grant, key, value)
        try:
            grant.full_clean()
        except ValidationError as error:
            raise GrantRefused("; ".join(error.messages)) from None
        grant.save()
    if set(grant.projects.all()) != set(projects):
        grant.projects.set(projects)
    if set(grant.outcomes.all()) != set(outcomes):
        grant.outcomes.set(outcomes)
    return grant


@transaction.atomic
def do_save_tranche(
    grant: Grant,
    actor,
    *,
    number: int,
    amount: Decimal,
    due_on: dt.date | None = None,
    condition: str = "",
    condition_met: bool = False,
    met_on: dt.date | None = None,
) -> Tranche:
    """Record tranche NUMBER of the grant and whether its condition is met (and when)."""
    _check_manager(actor, grant.program)
    if condition_met and met_on is None:
        met_on = timezone.localdate()
    tranche, _created = Tranche.objects.update_or_create(
        grant=grant,
        number=number,
        defaults={
            "amount": Decimal(amount),
            "due_on": due_on,
            "condition": condition,
            "condition_met": condition_met,
            "met_on": met_on if condition_met else None,
        },
    )
    return tranche


@transaction.atomic
def do_open_report(grant: Grant, actor, starts_on: dt.date, ends_on: dt.date) -> GrantReport:
    """The grant's progress report for the period (a draft for the grantee to fill)."""
    _check_manager(actor, grant.program)
    if ends_on < starts_on:
        raise GrantRefused("the reporting period ends before it starts")
    report, _created = GrantReport.objects.get_or_create(
        grant=grant, starts_on=starts_on, defaults={"ends_on": ends_on}
    )
    return report


def _check_fill(report: GrantReport, actor) -> None:
    if not access.can_fill(actor, report):
        raise PermissionDenied("you do not report for this grant")
    if not report.editable:
        raise GrantRefused(
            f"the report is {report.get_status_display().lower()}: it cannot change now"
        )


@transaction.atomic
def do_save_report(
    report: GrantReport,
    actor,
    *,
    narrative: str | None = None,
    figures: list[tuple[str, Decimal]] | None = None,
    projects=None,
    outcomes=None,
) -> GrantReport:
    """Write the report's narrative, numbers (label, value; they replace the earlier ones) and
    its tags to the program's projects and outcomes. Only a draft or returned report."""
    report = GrantReport.objects.select_for_update().get(pk=report.pk)
    _check_fill(report, actor)
    program = report.grant.program
    if narrative is not None and narrative != report.narrative:
        report.narrative = narrative
        report.save(update_fields=["narrative", "updated_at"])
    if figures is not None:
        wanted = [(label.strip(), Decimal(value)) for label, value in figures if label.strip()]
        have = [(f.label, f.value) for f in report.figures.all()]
        if have != wanted:
            report.figures.all().delete()
            for label, value in wanted:
                ReportFigure.objects.create(report=report, label=label[:300], value=value)
    if projects is not None:
        if any(project.program_id != program.pk for project in projects):
            raise GrantRefused("a project of another program")
        report.projects.set(projects)
    if outcomes is not None:
        if any(outcome.program_id != program.pk for outcome in outcomes):
            raise GrantRefused("an outcome of another program")
        report.outcomes.set(outcomes)
    return report


@transaction.atomic
def do_add_evidence(report: GrantReport, actor, file_name: str, content: bytes, content_type: str):
    """Attach an evidence file (a photo, an attendance list, a publication) to the report."""
    report = GrantReport.objects.select_for_update().get(pk=report.pk)
    _check_fill(report, actor)
    if not content:
        raise GrantRefused("the file is empty")
    if len(content) > MAX_EVIDENCE_BYTES:
        raise GrantRefused("an evidence file may hold up to 10 MB")
    return ReportEvidence.objects.create(
        report=report,
        file_name=file_name[:255],
        content_type=(content_type or "application/octet-stream")[:100],
        content=content,
        size=len(content),
        uploaded_by=_user(actor),
    )


@transaction.atomic
def do_submit_report(report: GrantReport, actor, *, on: dt.date | None = None) -> GrantReport:
    """Submit the report (again, after a return). It needs a narrative."""
    report = GrantReport.objects.select_for_update().get(pk=report.pk)
    _check_fill(report, actor)
    if not report.narrative.strip():
        raise GrantRefused("write the narrative before submitting")
    report.status = GrantReport.Status.SUBMITTED
    report.submitted_on = on or timezone.localdate()
    report.save(update_fields=["status", "submitted_on", "updated_at"])
    return report


@transaction.atomic
def do_return_report(report: GrantReport, actor, comment: str) -> GrantReport:
    """Send a submitted report back to the grantee, saying what should change."""
    report = GrantReport.objects.select_for_update().get(pk=report.pk)
    if not access.can_review(actor, report):
        raise PermissionDenied("only the program's administrators and MEL officers review")
    if report.status != GrantReport.Status.SUBMITTED:
        raise GrantRefused("only a submitted report can be returned")
    if not comment.strip():
        raise GrantRefused("say what should change")
    report.status = GrantReport.Status.RETURNED
    report.review_comment = comment.strip()
    report.save(update_fields=["status", "review_comment", "updated_at"])
    return report


@transaction.atomic
def do_approve_report(report: GrantReport, actor) -> GrantReport:
    report = GrantReport.objects.select_for_update().get(pk=report.pk)
    if not access.can_review(actor, report):
        raise PermissionDenied("only the program's administrators and MEL officers review")
    if report.status != GrantReport.Status.SUBMITTED:
        raise GrantRefused("only a submitted report can be approved")
    report.status = GrantReport.Status.APPROVED
    report.approved_at = timezone.now()
    report.save(update_fields=["status", "approved_at", "updated_at"])
    return report


@transaction.atomic
def do_assign_focal_point(user, grant: Grant, actor) -> GrantRole:
    """Make USER the grantee's focal point for GRANT: they see that grant only."""
    _check_manager(actor, grant.program)
    role, _created = GrantRole.objects.get_or_create(user=user, grant=grant)
    if hasattr(user, "_ctip_grant_roles"):
        del user._ctip_grant_roles
    return role


@transaction.atomic
def do_set_counts_grantee_events(program, actor, counts: bool):
    """The program's choice: do its grantees' events and participants count in Table 1,
    Table 2, the highlights, the OPD counts and the computed indicators?"""
    _check_manager(actor, program)
    if program.counts_grantee_events != counts:
        program.counts_grantee_events = counts
        program.save(update_fields=["counts_grantee_events"])
    return program


@transaction.atomic
def do_create_grantee_user(username: str, password: str, grant: Grant, actor, *, email: str = ""):
    """A user who reports for GRANT only: no role in the program, nothing else to see."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.password_validation import validate_password

    _check_manager(actor, grant.program)
    user = get_user_model()(username=username, email=email)
    validate_password(password, user)
    user.set_password(password)
    user.full_clean()
    user.save()
    do_assign_focal_point(user, grant, actor)
    return user
