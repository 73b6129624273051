"""What an import wrote, kept so it can be audited and undone.

Rows a source writes in bulk (bulk_create, bulk_update) skip django-auditlog's signals, so
the Recorder writes their audit entries itself, in bulk, in the shape auditlog writes them
(contact details masked); rows saved one by one are audited by auditlog as usual. Every entry
carries the import's correlation id (`cid` = "import-<id>")."""

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
        self._log: list[LogEntry] = []

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

    def created_rows(self, model, pks, rows, audited, reprs) -> None:
        """Rows of MODEL inserted as plain tuples (ctip.imports.bulk) got PKS. AUDITED lists
        (field name, index in the row or None, constant value) for the audit entry; REPRS
        are the entries' object descriptions. The same entries created() writes."""
        if not pks:
            return
        self._added.setdefault(model._meta.label_lower, []).extend(pks)
        content_type_pk = ContentType.objects.get_for_model(model).pk
        create = LogEntry.Action.CREATE
        spec = [
            (name, index, value if index is None else None, name in MASKED_FIELDS)
            for name, index, value in audited
        ]
        append = self._log.append
        for pk, row, text in zip(pks, rows, reprs, strict=True):
            changes = {}
            for name, index, constant, masked in spec:
                value = constant if index is None else row[index]
                if value is None or value == "":
                    continue
                changes[name] = ["None", mask_str(str(value)) if masked else str(value)]
            append((content_type_pk, pk, text, create, changes))

    def flush(self) -> None:
        """Write the audit entries gathered so far (a long import writes them per batch)."""
        self.write_log()
        self._log.clear()

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
        if not self._log:
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
            "changes_text",
            "actor_id",
            "actor_email",
            "remote_addr",
            "timestamp",
            "cid",
            "additional_data",
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
            fields["additional_data"].get_db_prep_save({"import": self.record.pk}, connection),
        )
        # Table and column names come from the model and are quoted; values are parameters.
        sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608
            connection.ops.quote_name(LogEntry._meta.db_table),
            ", ".join(connection.ops.quote_name(fields[c].column) for c in columns),
            ", ".join(["%s"] * len(columns)),
        )
        with connection.cursor() as cursor:
            for start in range(0, len(self._log), 5000):
                cursor.executemany(
                    sql,
                    [
                        (ct, str(pk), pk, text, action, prepare_json(changes, connection), *fixed)
                        for ct, pk, text, action, changes in self._log[start : start + 5000]
                    ],
                )
