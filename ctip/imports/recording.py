"""What an import wrote, kept so it can be audited and undone.

Rows a source writes in bulk (bulk_create, bulk_update) skip django-auditlog's signals, so
the Recorder writes their audit entries itself, in bulk, in the shape auditlog writes them
(contact details masked); rows saved one by one are audited by auditlog as usual. Every entry
carries the import's correlation id (`cid` = "import-<id>")."""

from __future__ import annotations

import datetime as dt

from auditlog.context import auditlog_value
from auditlog.diff import mask_str
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from .models import ImportChange, ImportRecord

MASKED_FIELDS = {"email", "phone"}


def _jsonable(value):
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def _audit_text(name: str, value) -> str:
    text = "None" if value is None else str(value)
    if name in MASKED_FIELDS and value:
        return mask_str(text)
    return text


def real_user(actor):
    """The actor as a user row, or None for the command line's database holder."""
    return actor if getattr(actor, "pk", None) is not None else None


class Recorder:
    def __init__(self, record: ImportRecord, actor):
        self.record = record
        self.actor = real_user(actor)
        self.now = timezone.now()
        try:
            self.remote_addr = auditlog_value.get().get("remote_addr")
        except LookupError:
            self.remote_addr = None
        self._added: list[list] = []
        self._changes: list[ImportChange] = []
        self._log: list[LogEntry] = []

    def created(self, objects, *, fields=(), describe=str, audit: bool = True) -> None:
        """OBJECTS were created (and have their pks). Audit FIELDS when AUDIT (bulk writes)."""
        if not objects:
            return
        model = type(objects[0])
        self._added.append([model._meta.label_lower, [obj.pk for obj in objects]])
        if audit:
            content_type = ContentType.objects.get_for_model(model)
            for obj in objects:
                changes = {
                    name: ["None", _audit_text(name, getattr(obj, attname))]
                    for name, attname in fields
                    if getattr(obj, attname) not in (None, "")
                }
                self._log.append(
                    self._entry(
                        content_type, obj.pk, describe(obj), LogEntry.Action.CREATE, changes
                    )
                )

    def changed(self, obj, before: dict, after: dict, *, describe=str, audit=True) -> None:
        """OBJ changed from BEFORE to AFTER ({attname: value}, only what changed)."""
        model = type(obj)
        self._changes.append(
            ImportChange(
                record=self.record,
                model=model._meta.label_lower,
                object_pk=str(obj.pk),
                before={name: _jsonable(value) for name, value in before.items()},
            )
        )
        if audit:
            content_type = ContentType.objects.get_for_model(model)
            changes = {
                name.removesuffix("_id"): [_audit_text(name, before[name]), _audit_text(name, new)]
                for name, new in after.items()
            }
            self._log.append(
                self._entry(content_type, obj.pk, describe(obj), LogEntry.Action.UPDATE, changes)
            )

    def _entry(self, content_type, pk, text: str, action: int, changes: dict) -> LogEntry:
        return LogEntry(
            content_type=content_type,
            object_pk=str(pk),
            object_id=pk,
            object_repr=text,
            action=action,
            changes=changes,
            changes_text="",
            actor=self.actor,
            actor_email=getattr(self.actor, "email", None) or None,
            remote_addr=self.remote_addr,
            timestamp=self.now,
            cid=self.record.audit_cid,
            additional_data={"import": self.record.pk},
        )

    def finish(self) -> None:
        self.record.added = self._added
        ImportChange.objects.bulk_create(self._changes, batch_size=2000)
        LogEntry.objects.bulk_create(self._log, batch_size=2000)
