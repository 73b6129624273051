"""What an import wrote, kept so it can be audited and undone.

Rows a source writes in bulk (bulk_create, bulk_update) skip django-auditlog's signals, so
the Recorder writes their audit entries itself, in bulk, in the shape auditlog writes them
(contact details masked); rows saved one by one are audited by auditlog as usual. Every entry
carries the import's correlation id (`cid` = "import-<id>").

People and attendance, which an import adds by the hundred thousand, are audited per batch:
one entry per batch of rows says that the import created them (model, the range of their keys,
how many, who, when, which import) without copying their values; created_by_import() finds it
for a record. Changes to existing records stay one entry per record, with old and new values."""

from __future__ import annotations

import datetime as dt
import json

from auditlog.context import auditlog_value
from auditlog.diff import mask_str
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connections
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
    def __init__(self, record: ImportRecord, actor, *, cid: str = ""):
        self.record = record
        self.cid = cid or record.audit_cid
        self.actor = real_user(actor)
        self.now = timezone.now()
        try:
            self.remote_addr = auditlog_value.get().get("remote_addr")
        except LookupError:
            self.remote_addr = None
        self._added: dict[str, list] = {}  # model label → pks, in order of creation
        self._changes: list[ImportChange] = []
        self._log: list[tuple] = []  # (content type, pk, repr, action, changes), one a record
        self._batches: list[tuple] = []  # (content type, pk range, first pk, repr, data)

    def will_create(self, *models) -> None:
        """Rows of MODELS will be created in this order (rollback deletes in reverse), however
        the batches that create them interleave."""
        for model in models:
            self._added.setdefault(model._meta.label_lower, [])

    def created(self, objects, *, fields=(), describe=str, audit: bool = True) -> None:
        """OBJECTS were created (and have their pks). Audit FIELDS when AUDIT (bulk writes)."""
        if not objects:
            return
        model = type(objects[0])
        self._added.setdefault(model._meta.label_lower, []).extend(obj.pk for obj in objects)
        if audit:
            content_type_pk = ContentType.objects.get_for_model(model).pk
            create = LogEntry.Action.CREATE
            spec = [(name, attname, name in MASKED_FIELDS) for name, attname in fields]
            append = self._log.append
            for obj in objects:
                values = obj.__dict__  # plain attribute values: no descriptors, it is hot
                changes = {}
                for name, attname, masked in spec:
                    value = values[attname]
                    if value is None or value == "":
                        continue
                    changes[name] = ["None", mask_str(str(value)) if masked else str(value)]
                append((content_type_pk, obj.pk, describe(obj), create, changes))

    def created_rows(self, model, pks) -> None:
        """Rows of MODEL inserted in bulk as plain tuples (ctip.imports.bulk) got PKS: one
        audit entry for them all (see created_in_bulk_entry), not one per row."""
        if not pks:
            return
        self._added.setdefault(model._meta.label_lower, []).extend(pks)
        content_type_pk = ContentType.objects.get_for_model(model).pk
        ranges = key_ranges(pks)
        # Stored, like every entry's description, in one language (as str(record) would be).
        described = f"{len(pks):,} {model._meta.label_lower}, import {self.record.pk}"
        self._batches.append(
            (
                content_type_pk,
                f"{ranges[0][0]}-{ranges[-1][1]}",
                ranges[0][0],
                described,
                {"import": self.record.pk, "rows": len(pks), "pks": ranges},
            )
        )

    def flush(self) -> None:
        """Write the audit entries gathered so far (a long import writes them per batch)."""
        self.write_log()
        self._log.clear()
        self._batches.clear()

    def deleted(self, model, pks) -> None:
        """Audit the deletion of MODEL rows PKS (deleted in bulk, without signals)."""
        content_type_pk = ContentType.objects.get_for_model(model).pk
        name = model._meta.verbose_name
        action = LogEntry.Action.DELETE
        self._log.extend((content_type_pk, pk, f"{name} {pk}", action, {}) for pk in pks)

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
                (content_type.pk, obj.pk, describe(obj), LogEntry.Action.UPDATE, changes)
            )

    def finish(self) -> None:
        self.record.added = [[label, pks] for label, pks in self._added.items() if pks]
        ImportChange.objects.bulk_create(self._changes, batch_size=2000)
        self.write_log()

    def write_log(self) -> None:
        """Insert the audit entries with one prepared statement: the ORM's bulk_create spends
        most of an import's time compiling LogEntry's sixteen columns row by row."""
        if not self._log and not self._batches:
            return
        connection = connections[LogEntry.objects.db]
        fields = {f.attname: f for f in LogEntry._meta.concrete_fields}
        columns = [
            "content_type_id",
            "object_pk",
            "object_id",
            "object_repr",
            "action",
            "changes",
            "additional_data",
            "changes_text",
            "actor_id",
            "actor_email",
            "remote_addr",
            "timestamp",
            "cid",
        ]
        prepare_json = fields["changes"].get_db_prep_save
        if connection.vendor == "sqlite":  # the same text, without the field's layers

            def prepare_json(changes, _connection, dumps=json.dumps):
                return dumps(changes)

        fixed = (
            "",
            getattr(self.actor, "pk", None),
            getattr(self.actor, "email", None) or None,
            self.remote_addr,
            fields["timestamp"].get_db_prep_save(self.now, connection),
            self.cid,
        )
        of_import = prepare_json({"import": self.record.pk}, connection)
        none = prepare_json({}, connection)
        create = LogEntry.Action.CREATE
        # Table and column names come from the model and are quoted; values are parameters.
        sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608
            connection.ops.quote_name(LogEntry._meta.db_table),
            ", ".join(connection.ops.quote_name(fields[c].column) for c in columns),
            ", ".join(["%s"] * len(columns)),
        )
        with connection.cursor() as cursor:
            if self._batches:
                cursor.executemany(
                    sql,
                    [
                        (
                            ct,
                            pks,
                            first,
                            text,
                            create,
                            none,
                            prepare_json(data, connection),
                            *fixed,
                        )
                        for ct, pks, first, text, data in self._batches
                    ],
                )
            for start in range(0, len(self._log), 5000):
                cursor.executemany(
                    sql,
                    [
                        (
                            ct,
                            str(pk),
                            pk,
                            text,
                            action,
                            prepare_json(changes, connection),
                            of_import,
                            *fixed,
                        )
                        for ct, pk, text, action, changes in self._log[start : start + 5000]
                    ],
                )


def key_ranges(pks) -> list[list[int]]:
    """PKS (ascending within runs) as [[first, last], ...] runs of consecutive keys."""
    ranges: list[list[int]] = []
    for pk in pks:
        if ranges and pk == ranges[-1][1] + 1:
            ranges[-1][1] = pk
        else:
            ranges.append([pk, pk])
    return ranges


def created_by_import(obj) -> tuple[LogEntry, ImportRecord] | None:
    """The audit entry that says an import created OBJ, and that import; None when no import
    created it. Finds both kinds of entry: one per record, and one per batch of people or
    attendance (its first key in object_id, its keys' ranges in additional_data["pks"])."""
    content_type = ContentType.objects.get_for_model(type(obj))
    entries = LogEntry.objects.filter(
        content_type=content_type,
        action=LogEntry.Action.CREATE,
        cid__startswith="import-",
        object_id__lte=obj.pk,
    ).order_by("-object_id", "-pk")
    for entry in entries.iterator(chunk_size=200):
        data = entry.additional_data if isinstance(entry.additional_data, dict) else {}
        ranges = data.get("pks")
        if ranges is None:
            found = entry.object_id == obj.pk
        else:
            found = any(first <= obj.pk <= last for first, last in ranges)
        if found:
            record = ImportRecord.objects.filter(pk=data.get("import")).first()
            return (entry, record) if record is not None else None
    return None
