"""Upload a sheet, see what it would change, confirm; past imports and their rollback.
Plain forms and redirects: works without JavaScript."""

from __future__ import annotations

import secrets

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ctip.web.programs import current_program

from . import downloads
from .actions import (
    RollbackRefused,
    do_import_file,
    do_rollback_import,
    do_sweep_pending_uploads,
    imports_for,
    pending_upload_expiry,
    plan_import,
)
from .models import PendingUpload
from .permissions import may_import
from .progress import read_progress, web_progress
from .sources import SOURCES, RowStatus

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
ROWS_SHOWN = 500
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("What the sheet holds"))
    file = forms.FileField(label=gettext_lazy("File (.xlsx or .csv)"))
    consent_version = forms.CharField(
        label=gettext_lazy("Consent collected on paper (wording version)"),
        required=False,
        max_length=20,
        help_text=gettext_lazy(
            "Fill in only if the program collected everyone's consent on paper; otherwise "
            'the sheet needs a "consent" column.'
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(kind, source.label) for kind, source in SOURCES.items()]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 50 MB."))
        return upload


def _importing_program(request):
    program = current_program(request)
    if not may_import(request.user, program):
        raise PermissionDenied(_("Your role does not import data."))
    return program


def _with_program(name: str, program, *args) -> str:
    return f"{reverse(name, args=args)}?program={program.code}"


@login_required
def import_list(request):
    program = _importing_program(request)
    return render(
        request,
        "imports/list.html",
        {
            "program": program,
            "form": UploadForm(),
            "records": imports_for(request.user, program)[:100],
            "kinds": list(SOURCES),
        },
    )


@login_required
@require_POST
def import_preview(request):
    program = _importing_program(request)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        records = imports_for(request.user, program)[:100]
        context = {"program": program, "form": form, "records": records, "kinds": list(SOURCES)}
        return render(request, "imports/list.html", context, status=400)
    upload = form.cleaned_data["file"]
    content = upload.read()
    kind = form.cleaned_data["kind"]
    consent_version = form.cleaned_data["consent_version"]
    # A new preview replaces the uploader's earlier one: one unconfirmed file at a time.
    PendingUpload.objects.filter(user=request.user, program=program).delete()
    do_sweep_pending_uploads()
    with web_progress(request.user, request.POST.get("progress", "")) as progress:
        plan = plan_import(
            kind,
            content,
            upload.name,
            program=program,
            actor=request.user,
            consent_version=consent_version,
            max_rows=settings.CTIP_IMPORT_MAX_ROWS,
            progress=progress,
        )
    pending = None
    if not plan.errors:
        pending = PendingUpload.objects.create(
            token=secrets.token_urlsafe(32),
            user=request.user,
            program=program,
            kind=kind,
            file_name=upload.name[:255],
            content=content,
            consent_version=consent_version,
        )
    shown = [r for r in plan.results if r.status != RowStatus.UNCHANGED][:ROWS_SHOWN]
    return render(
        request,
        "imports/preview.html",
        {
            "program": program,
            "plan": plan,
            "counts": plan.counts,
            "left_out": plan.counts[RowStatus.LEFT_OUT],
            "source": SOURCES[kind],
            "shown": shown,
            "errors": plan.errors[:ROWS_SHOWN],
            "warnings": plan.warnings[:ROWS_SHOWN],
            "pending": pending,
        },
        status=200 if pending else 422,
    )


@login_required
@require_POST
def import_confirm(request):
    program = _importing_program(request)
    pending = PendingUpload.objects.filter(
        token=request.POST.get("token", ""),
        user=request.user,
        program=program,
        created_at__gte=pending_upload_expiry(),
    ).first()
    if pending is None:
        messages.error(request, _("That upload has expired; upload the file again."))
        return redirect(_with_program("import-list", program))
    with web_progress(request.user, request.POST.get("progress", "")) as progress:
        plan = do_import_file(
            pending.kind,
            bytes(pending.content),
            pending.file_name,
            program=program,
            actor=request.user,
            consent_version=pending.consent_version,
            progress=progress,
        )
    pending.delete()  # imported, or refused (the page says why; upload the file again)
    if plan.errors:
        # The database changed since the preview (e.g. an event was removed): show why.
        return render(
            request,
            "imports/preview.html",
            {
                "program": program,
                "plan": plan,
                "counts": plan.counts,
                "source": SOURCES[pending.kind],
                "shown": [],
                "errors": plan.errors[:ROWS_SHOWN],
                "warnings": plan.warnings[:ROWS_SHOWN],
                "pending": None,
            },
            status=422,
        )
    messages.success(
        request,
        _("Imported: %(new)s new, %(changed)s changed, %(unchanged)s unchanged.")
        % {
            "new": plan.record.rows_added,
            "changed": plan.record.rows_changed,
            "unchanged": plan.record.rows_unchanged,
        },
    )
    return redirect(_with_program("import-detail", program, plan.record.pk))


@login_required
def import_progress(request):
    """How far the user's upload being checked or imported has got (the page polls this
    while it waits): {"rows": ..., "fraction": ..., "seconds": ...}, or {} when nothing is."""
    _importing_program(request)
    return JsonResponse(read_progress(request.user, request.GET.get("key", "")))


@login_required
@require_POST
def import_cancel(request):
    """Forget a previewed file: its uploader decided not to import it."""
    program = _importing_program(request)
    PendingUpload.objects.filter(
        token=request.POST.get("token", ""), user=request.user, program=program
    ).delete()
    messages.success(request, _("The upload was cancelled; nothing was imported or kept."))
    return redirect(_with_program("import-list", program))


@login_required
def import_detail(request, record_id):
    program = _importing_program(request)
    record = imports_for(request.user, program).filter(pk=record_id).first()
    if record is None:
        raise Http404
    return render(request, "imports/detail.html", {"program": program, "record": record})


@login_required
@require_POST
def import_rollback(request, record_id):
    program = _importing_program(request)
    record = imports_for(request.user, program).filter(pk=record_id).first()
    if record is None:
        raise Http404
    try:
        do_rollback_import(record, request.user)
    except RollbackRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("The import was rolled back."))
    return redirect(_with_program("import-detail", program, record.pk))


@login_required
def import_template(request, kind):
    program = _importing_program(request)
    if kind not in SOURCES:
        raise Http404
    response = HttpResponse(downloads.template(SOURCES[kind], program, request.user), XLSX)
    response["Content-Disposition"] = f'attachment; filename="{kind}-template.xlsx"'
    return response


@login_required
def import_xlsform(request):
    program = _importing_program(request)
    response = HttpResponse(downloads.xlsform(program, request.user), XLSX)
    response["Content-Disposition"] = 'attachment; filename="attendance-xlsform.xlsx"'
    return response


@login_required
def import_feedback_xlsform(request):
    from ctip.surveys.xlsform import feedback_xlsform

    program = _importing_program(request)
    response = HttpResponse(feedback_xlsform(program, request.user), XLSX)
    response["Content-Disposition"] = 'attachment; filename="feedback-xlsform.xlsx"'
    return response
