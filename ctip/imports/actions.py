"""Importing a sheet, and undoing an import.

Every row is checked before anything is written; a file with any error writes nothing.
An import runs in one transaction; its ImportRecord says who imported what, when, and keeps
what is needed to roll it back."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib

from auditlog.cid import correlation_id
from auditlog.models import LogEntry
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import connections, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ctip.accounts.access import role_in
from ctip.accounts.models import Role
from ctip.lib import normalise
from ctip.reports.participation import refresh_participation

from . import formats
from .models import ImportRecord, PendingUpload
from .permissions import may_import
from .problems import collapse
from .readers import MAX_FILE_BYTES, UnreadableFile, read_sheet
from .recording import Recorder, real_user
from .sources import Issue, Plan, RowStatus, get_source
from .sources.base import Context

CHUNK = 2000


class RollbackRefused(Exception):
    """An import that cannot be rolled back; the message says why."""


def plan_import(
    kind: str,
    content: bytes,
    file_name: str,
    *,
    program,
    actor,
    consent_version: str = "",
    max_rows: int | None = None,
    recorder=None,
    progress=None,
    max_bytes: int | None = MAX_FILE_BYTES,
) -> Plan:
    """Check every row of the file and compare it with the database; write nothing (but see
    ImportSource.streams: given a RECORDER, a streaming source writes as it checks). A file
    with more than MAX_ROWS rows is refused as soon as its row MAX_ROWS + 1 is read.
    PROGRESS, if given, is called every few thousand rows with the number of rows read and
    the part of the file read (0 to 1; None where the format does not tell), and once at the
    end."""
    if not may_import(actor, program):
        raise PermissionDenied(_("your role does not import data"))
    source = get_source(kind)
    ctx = Context(program, actor, consent_version=consent_version.strip())
    plan = Plan(kind, file_name=file_name, checksum=hashlib.sha256(content).hexdigest())
    try:
        sheet = read_sheet(*formats.unpack(content, file_name), max_bytes=max_bytes)
    except UnreadableFile as error:
        plan.errors.append(Issue(str(error)))
        return plan
    header = formats.read_header(sheet.header, source, ctx)
    positions = header.positions
    plan.read_as = header.description
    ctx.present = frozenset(positions)
    source.check_columns(set(positions), ctx)
    planned = None
    if not ctx.errors:
        read = _RowsRead(sheet, header, ctx, max_rows, progress)
        if source.streams:
            planned = source.plan(read, ctx, recorder=recorder)
        else:
            rows = list(read)
            planned = source.plan(rows, ctx) if rows and not ctx.errors else None
        if not read.count and not ctx.errors:
            ctx.error(_("the file has a header but no rows"))
        if planned is not None and not ctx.errors:
            plan.results, plan.payload = planned.results, planned.payload
            plan.tally = planned.tally
            plan.creates = planned.creates
    plan.errors, plan.warnings = collapse(ctx.errors), collapse(ctx.warnings)
    plan.context = ctx
    plan.results.sort(key=lambda result: result.row)
    if plan.errors:
        plan.payload = None
    return plan


class _RowsRead:
    """The sheet's non-blank rows as (row number, {column: value}) as HEADER reads them
    (ctip/imports/formats.py: choice labels as their values), counted; reading stops at the
    first unreadable part or at row MAX_ROWS + 1, reported as an error. A cell holding a
    control character is refused where it stands."""

    EVERY = 5000  # rows between two calls of progress

    def __init__(self, sheet, header, ctx, max_rows: int | None, progress):
        self.sheet, self.header, self.ctx, self.max_rows = sheet, header, ctx, max_rows
        self.progress = progress
        self.count = 0

    def _fraction(self) -> float | None:
        fraction = self.sheet.read_fraction
        return None if fraction is None else fraction()

    def __iter__(self):
        values_of = self.header.values
        try:
            for number, cells in self.sheet.rows:
                values = values_of(cells)
                try:  # a csv row: every cell is text
                    text = "".join(values.values())
                except TypeError:  # numbers, dates, blanks (None)
                    text = "".join(
                        value if isinstance(value, str) else str(value)
                        for value in values.values()
                        if value is not None
                    )
                if not text.strip():
                    continue
                # One search over the row's text; the cells only for a row that has one.
                if normalise.has_control(text):
                    for name, value in values.items():
                        if isinstance(value, str) and normalise.has_control(value):
                            self.ctx.error(normalise.control_refusal(), number, name)
                self.count += 1
                if self.max_rows is not None and self.count > self.max_rows:
                    self.ctx.error(
                        _(
                            "the file has more than %(limit)s rows, more than one upload may "
                            "hold; split it, or import it with `ctip import` on the server"
                        )
                        % {"limit": f"{self.max_rows:,}"}
                    )
                    return
                if self.progress is not None and self.count % self.EVERY == 0:
                    self.progress(self.count, self._fraction())
                yield number, values
            if self.progress is not None:
                self.progress(self.count, 1.0)
        except UnreadableFile as error:
            self.ctx.error(str(error))
        finally:
            close = getattr(self.sheet.rows, "close", None)
            if close is not None:
                close()


class _Refused(Exception):
    """Raised inside an import's transaction to undo what a streaming source wrote."""

    def __init__(self, plan: Plan):
        super().__init__("import refused")
        self.plan = plan


def do_import_file(
    kind: str,
    content: bytes,
    file_name: str,
    *,
    program,
    actor,
    consent_version: str = "",
    dry_run: bool = False,
    progress=None,
    max_bytes: int | None = MAX_FILE_BYTES,
) -> Plan:
    """Import the file (all rows or none). With DRY_RUN, or when any row is wrong, nothing
    is written and the plan says what would change or what is wrong."""
    try:
        with _page_cache():
            return _import_file(
                kind,
                content,
                file_name,
                program=program,
                actor=actor,
                consent_version=consent_version,
                dry_run=dry_run,
                progress=progress,
                max_bytes=max_bytes,
            )
    except _Refused as refused:
        return refused.plan


@contextlib.contextmanager
def _page_cache():
    """A larger SQLite page cache for the import (CTIP_IMPORT_PAGE_CACHE_MB; the connection's
    own, 2 MB, holds too few of the index pages a long import inserts at), restored after."""
    connection = connections[ImportRecord.objects.db]
    megabytes = settings.CTIP_IMPORT_PAGE_CACHE_MB
    if connection.vendor != "sqlite" or megabytes <= 0:
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        (before,) = cursor.fetchone()
        cursor.execute(f"PRAGMA cache_size = -{int(megabytes) * 1024:d}")  # in KiB
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(before):d}")


@transaction.atomic
def _import_file(
    kind, content, file_name, *, program, actor, consent_version, dry_run, progress, max_bytes
) -> Plan:
    # One import at a time per program: two runs of the same sheet must not both see
    # its rows as new (SQLite's IMMEDIATE transactions serialise writers already).
    type(program).objects.select_for_update().filter(pk=program.pk).exists()
    source = get_source(kind)
    record = recorder = None
    if source.streams and not dry_run and may_import(actor, program):
        record = _new_record(kind, content, file_name, program, actor)
        recorder = Recorder(record, actor)
    token = correlation_id.set(record.audit_cid) if record else None
    try:
        plan = plan_import(
            kind,
            content,
            file_name,
            program=program,
            actor=actor,
            consent_version=consent_version,
            recorder=recorder,
            progress=progress,
            max_bytes=max_bytes,
        )
    finally:
        if token is not None:
            correlation_id.reset(token)
    if plan.errors or dry_run:
        if record is not None:
            raise _Refused(plan)  # undoes the batches written before the error was found
        return plan
    if record is None:
        record = _new_record(kind, content, file_name, program, actor)
        recorder = Recorder(record, actor)
        token = correlation_id.set(record.audit_cid)
        try:
            source.apply(plan, plan.context, recorder)
        finally:
            correlation_id.reset(token)
    counts = plan.counts
    record.rows_added = counts[RowStatus.NEW]
    record.rows_changed = counts[RowStatus.CHANGED]
    record.rows_unchanged = counts[RowStatus.UNCHANGED]
    record.rows_left_out = counts[RowStatus.LEFT_OUT]
    token = correlation_id.set(record.audit_cid)
    try:
        recorder.finish()
    finally:
        correlation_id.reset(token)
    record.save()
    plan.record = record
    return plan


def _new_record(kind, content, file_name, program, actor) -> ImportRecord:
    return ImportRecord.objects.create(
        program=program,
        kind=kind,
        file_name=file_name[:255],
        checksum=hashlib.sha256(content).hexdigest(),
        user=real_user(actor),
    )


def pending_upload_expiry():
    """Pending uploads created before this time have expired."""
    return timezone.now() - dt.timedelta(hours=settings.CTIP_PENDING_UPLOAD_HOURS)


def do_sweep_pending_uploads() -> int:
    """Delete every pending upload that has expired (files previewed and never confirmed
    keep personal data nobody asked to keep); the number deleted."""
    deleted, _by_model = PendingUpload.objects.filter(
        created_at__lt=pending_upload_expiry()
    ).delete()
    return deleted


def imports_for(user, program):
    """The program's imports the user may see: all for administrators and MEL officers,
    their own for country officers."""
    role = role_in(user, program)
    records = ImportRecord.objects.filter(program=program).select_related("user")
    if role in (Role.ADMINISTRATOR, Role.MEL_OFFICER):
        return records
    if role == Role.COUNTRY_OFFICER and getattr(user, "pk", None) is not None:
        return records.filter(user=user)
    return records.none()


@transaction.atomic
def do_rollback_import(record: ImportRecord, actor) -> ImportRecord:
    """Undo exactly what RECORD added and changed. Refused when it was rolled back already,
    when what it wrote has changed since (a later import or an edit), or when records made
    since depend on what it added."""
    record = ImportRecord.objects.select_for_update().get(pk=record.pk)
    if not imports_for(actor, record.program).filter(pk=record.pk).exists():
        raise PermissionDenied(_("you may not roll back this import"))
    if record.is_rolled_back:
        raise RollbackRefused(
            _("import %(id)s was rolled back already, on %(date)s")
            % {
                "id": record.pk,
                "date": f"{timezone.localtime(record.rolled_back_at):%Y-%m-%d %H:%M}",
            }
        )
    added = record.added_pks()
    changes = list(record.changes.all())
    touched: dict[str, list] = {label: list(pks) for label, pks in added.items()}
    for change in changes:
        touched.setdefault(change.model, []).append(change.object_pk)
    _refuse_if_changed_since(record, touched)
    _refuse_if_depended_on(added)

    affected_events = _events_touched(touched)
    cid = f"{record.audit_cid}-rollback"
    recorder = Recorder(record, actor, cid=cid)
    token = correlation_id.set(cid)
    try:
        for change in changes:
            _restore(change)
        for label, pks in reversed(record.added):
            _delete(apps.get_model(label), pks, recorder)
        recorder.write_log()
    finally:
        correlation_id.reset(token)
    refresh_participation(affected_events)
    record.rolled_back_at = timezone.now()
    record.rolled_back_by = real_user(actor)
    record.save(update_fields=["rolled_back_at", "rolled_back_by"])
    return record


def _refuse_if_changed_since(record: ImportRecord, touched: dict[str, list]) -> None:
    # Later imports that were rolled back themselves no longer count.
    undone = ImportRecord.objects.filter(
        program=record.program, pk__gt=record.pk, rolled_back_at__isnull=False
    )
    ignored = {record.audit_cid}
    for later in undone:
        ignored |= {later.audit_cid, f"{later.audit_cid}-rollback"}
    for label, pks in touched.items():
        content_type = ContentType.objects.get_for_model(apps.get_model(label))
        for start in range(0, len(pks), CHUNK):
            later = (
                LogEntry.objects.filter(
                    content_type=content_type,
                    object_pk__in=[str(pk) for pk in pks[start : start + CHUNK]],
                    timestamp__gte=record.created_at,
                )
                .exclude(cid__in=ignored)
                .order_by("timestamp")
                .first()
            )
            if later is not None:
                if later.cid and later.cid.startswith("import-") and later.cid[7:].isdigit():
                    by = _("import %(id)s") % {"id": later.cid[7:]}
                else:
                    by = _("an edit by %(who)s") % {"who": later.actor or _("the command line")}
                raise RollbackRefused(
                    _(
                        "records this import wrote were changed since, by %(by)s on %(date)s; "
                        "roll that back first, or correct the records by hand"
                    )
                    % {"by": by, "date": f"{timezone.localtime(later.timestamp):%Y-%m-%d %H:%M}"}
                )


def _refuse_if_depended_on(added: dict[str, list]) -> None:
    for label, pks in added.items():
        model = apps.get_model(label)
        for relation in model._meta.related_objects:
            dependant = relation.related_model
            if dependant._meta.app_label == "auditlog":
                continue
            ours = set(added.get(dependant._meta.label_lower, []))
            for start in range(0, len(pks), CHUNK):
                found = dependant.objects.filter(
                    **{f"{relation.field.name}__in": pks[start : start + CHUNK]}
                ).values_list("pk", flat=True)
                if any(pk not in ours for pk in found):
                    raise RollbackRefused(
                        _(
                            "%(what)s made since refer to %(added)s this import added; remove "
                            "them (or roll back their import) first"
                        )
                        % {
                            "what": dependant._meta.verbose_name_plural,
                            "added": model._meta.verbose_name_plural,
                        }
                    )


def _events_touched(touched: dict[str, list]) -> set:
    """Events whose participation counts a rollback of these records changes."""
    from ctip.people.models import Attendance

    people = touched.get("people.person", [])
    attendances = touched.get("people.attendance", [])
    events = set(touched.get("events.event", []))
    events |= set(
        Attendance.objects.filter(Q(person_id__in=people) | Q(pk__in=attendances)).values_list(
            "event_id", flat=True
        )
    )
    return {int(pk) for pk in events}


def _delete(model, pks: list, recorder: Recorder) -> None:
    """Delete what an import added. Nothing else refers to these rows (checked before), and
    they go in reverse order of creation, so large plain tables are deleted in bulk without
    Django's per-row collector and signals, and audited in bulk; rows with many-to-many
    links (events' outcomes) go through delete() and auditlog as usual."""
    bulk = len(pks) >= 500 and not model._meta.many_to_many
    for start in range(0, len(pks), CHUNK):
        chunk = pks[start : start + CHUNK]
        rows = model.objects.filter(pk__in=chunk)
        if bulk:
            recorder.deleted(model, chunk)
            rows._raw_delete(rows.db)
        else:
            rows.delete()


def _restore(change) -> None:
    model = apps.get_model(change.model)
    obj = model.objects.get(pk=change.object_pk)
    many = {}
    for name, value in change.before.items():
        field = model._meta.get_field(name)
        if field.many_to_many:
            many[name] = value
        else:
            setattr(obj, field.attname, field.to_python(value))
    obj.save()
    for name, value in many.items():
        getattr(obj, name).set(value)
