"""Inserting many rows of one model fast: one prepared multi-row INSERT ... RETURNING per
batch, with the values as plain parameters.

Django's bulk_create compiles every value of every row through its field (half a second per
10,000 people on this machine); an import's rows are plain strings, numbers and booleans that
the database driver takes as they are. Columns the rows do not give take the field's default
(prepared once), and auto_now / auto_now_add fields the time of the insert. Like bulk_create,
no model signals are sent: callers audit (ctip.imports.recording) and refresh the reports'
participation counts themselves."""

from __future__ import annotations

from django.db import connections
from django.utils import timezone

MAX_PARAMETERS = 30_000  # below SQLite's 32,766 and PostgreSQL's 65,535
MAX_ROWS = 1000


class Inserter:
    """Insert rows of MODEL giving COLUMNS (attnames) per row; the rest are defaults."""

    def __init__(self, model, columns: list[str], *, constants: dict | None = None):
        self.model = model
        self.connection = connections[model.objects.db]
        connection = self.connection
        now = timezone.now()
        given = list(columns)
        fixed: dict[str, object] = {}
        for field in model._meta.concrete_fields:
            if field.primary_key or field.attname in given:
                continue
            if constants and field.attname in constants:
                value = constants[field.attname]
            elif getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                value = now
            else:
                value = field.get_default()
            fixed[field.attname] = field.get_db_prep_save(value, connection)
        self.columns = given
        self.fixed = tuple(fixed.values())
        fields = {field.attname: field for field in model._meta.concrete_fields}
        names = [*given, *fixed]
        quote = connection.ops.quote_name
        # Table and column names come from the model and are quoted; values are parameters.
        self._head = "INSERT INTO {} ({}) VALUES ".format(  # noqa: S608
            quote(model._meta.db_table), ", ".join(quote(fields[name].column) for name in names)
        )
        self._tail = f" RETURNING {quote(model._meta.pk.column)}"
        self._one = "(" + ", ".join(["%s"] * len(names)) + ")"
        self.batch = max(1, min(MAX_ROWS, MAX_PARAMETERS // len(names)))
        # SQLite: one prepared single-row INSERT run over the rows (its C loop), the keys
        # given rather than returned.
        self._table = quote(model._meta.db_table)
        self._pk = quote(model._meta.pk.column)
        # PostgreSQL: COPY, the keys taken from the table's sequence first.
        self._copy = "COPY {} ({}, {}) FROM STDIN".format(
            self._table, self._pk, ", ".join(quote(fields[name].column) for name in names)
        )
        self._sqlite = "INSERT INTO {} ({}, {}) VALUES ({})".format(  # noqa: S608
            self._table,
            self._pk,
            ", ".join(quote(fields[name].column) for name in names),
            ", ".join(["?"] * (len(names) + 1)),
        )

    def insert(self, rows: list[tuple]) -> list[int]:
        """Insert ROWS (tuples in the order of COLUMNS); their new primary keys, in order."""
        if not rows:
            return []
        if self.connection.vendor == "sqlite":
            return self._insert_sqlite(rows)
        if self.connection.vendor == "postgresql":
            return self._insert_copy(rows)
        pks: list[int] = []
        fixed = self.fixed
        with self.connection.cursor() as cursor:
            for start in range(0, len(rows), self.batch):
                batch = rows[start : start + self.batch]
                sql = self._head + ", ".join([self._one] * len(batch)) + self._tail
                parameters = [value for row in batch for value in (*row, *fixed)]
                cursor.execute(sql, parameters)
                pks.extend(pk for (pk,) in cursor.fetchall())
        return pks

    def _insert_sqlite(self, rows: list[tuple]) -> list[int]:
        """SQLite writes one transaction at a time, and an import's transaction holds the
        write lock from its start (transaction_mode IMMEDIATE): the next keys are the last
        key ever given (the table is AUTOINCREMENT) plus one, two, ...; nothing else can take
        them before this transaction ends."""
        fixed = self.fixed
        # The raw sqlite3 connection: Django's cursor rewrites "%s" in every statement.
        self.connection.ensure_connection()
        database = self.connection.connection
        last = database.execute(
            f"SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = ?), 0), "  # noqa: S608
            f"coalesce((SELECT max({self._pk}) FROM {self._table}), 0))",
            (self.model._meta.db_table,),
        ).fetchone()[0]
        pks = list(range(last + 1, last + 1 + len(rows)))
        database.executemany(
            self._sqlite, [(pk, *row, *fixed) for pk, row in zip(pks, rows, strict=True)]
        )
        return pks

    def _insert_copy(self, rows: list[tuple]) -> list[int]:
        """PostgreSQL: the keys from the table's sequence (as an INSERT would take them; other
        transactions take others), then the rows with COPY, several times faster than INSERT."""
        fixed = self.fixed
        with self.connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [self._table, self.model._meta.pk.column, len(rows)],
            )
            pks = [pk for (pk,) in cursor.fetchall()]
            with cursor.cursor.copy(self._copy) as copy:
                for pk, row in zip(pks, rows, strict=True):
                    copy.write_row((pk, *row, *fixed))
        return pks
