"""Keeping the participation cube (ctip.reports.models.Participation) equal to the attendances.

Reports on participants (table2, highlights, country-summary, the fact sheet, the computed
indicators) sum the cube instead of joining every attendance to its person, organisation and
event: at a million attendances that is the difference between seconds and a tenth of one.

THE CONTRACT — every write that changes what the cube summarises must refresh it, in the same
transaction:

- Saving or deleting an Attendance, Person, Organisation or Event through the ORM (`.save()`,
  `.delete()`, `Model.objects.create()`, and every `do_*` action) does it by itself: the signal
  receivers below refresh the affected events.
- Writes that bypass model signals do NOT: `bulk_create`, `bulk_update`, `QuerySet.update()`,
  raw SQL. Whoever writes that way must call `refresh_participation(event_ids)` afterwards for
  every event whose attendances changed, or whose attendees' people or organisations changed
  (ctip/demo/actions.py does; so must any importer).
- When in doubt — or after restoring a database, loading fixtures, or running SQL by hand —
  `ctip init --rebuild-aggregates` rebuilds the whole cube from the attendances. `ctip init`
  also rebuilds it when it is empty while attendances exist (a database from before the cube).

The test suite checks the cube against the direct computation after arbitrary sequences of
writes (ctip/reports/tests/test_participation.py).
"""

from __future__ import annotations

import operator
from collections.abc import Iterable
from functools import reduce

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save, pre_save

from ctip.events.models import Event
from ctip.organisations.models import Organisation
from ctip.people.models import Attendance, Person

from .models import ParticipantCell, Participation

_BATCH = 500  # events per query: stays below SQLite's limit on query parameters


def refresh_participation(event_ids: Iterable[int | None]) -> None:
    """Recount the cube rows of these events from their attendances (events that no longer
    exist lose their rows). Call it after any write that bypasses model signals."""
    ids = sorted({event_id for event_id in event_ids if event_id is not None})
    with transaction.atomic():
        for start in range(0, len(ids), _BATCH):
            batch = ids[start : start + _BATCH]
            # PostgreSQL: one refresh of an event at a time, or two concurrent ones (two
            # self-registrations at the same event) would each insert the counts. NO KEY
            # UPDATE does not wait for the key-share locks that inserting attendances holds.
            # SQLite serialises all writes anyway (select_for_update does nothing there).
            list(
                Event.objects.select_for_update(no_key=True)
                .filter(pk__in=batch)
                .order_by("pk")
                .values_list("pk", flat=True)
            )
            # …and none while a registration of the event counts itself in or a fold runs:
            # they hold the event's lock shared, a recount holds it alone (_event_lock).
            for event_id in batch:
                _event_lock(event_id, shared=False)
            Participation.objects.filter(event_id__in=batch).delete()
            _recount(batch)


class NewAttendanceCounts:
    """The cube's counts of attendances written in bulk (without signals), folded in a batch
    at a time: count(pks) after each batch's INSERT counts its attendances by event and cell
    in one grouped query over those rows alone; write() adds the counts to the cube once, in
    the same transaction, instead of recounting every attendance of the events touched (at a
    million attendances the recount was most of an import's last minute).

    Events whose existing attendance, people or organisations the same writer also changed
    must be recounted with refresh_participation() instead: write(except_events=...)."""

    def __init__(self):
        self.counts: dict[tuple[int, int], int] = {}  # (event, cell) → new participants

    def count(self, pks: list[int]) -> None:
        """Count the attendances PKS (just inserted, in this transaction)."""
        if not pks:
            return
        ranges = _ranges(pks)
        where = " OR ".join(["a.id BETWEEN %s AND %s"] * len(ranges))
        params = [value for pair in ranges for value in pair]
        _create_missing_cells(
            Attendance.objects.exclude(role__in=Attendance.STAFF_ROLES).filter(
                reduce(operator.or_, (Q(pk__range=pair) for pair in ranges))
            )
        )
        sql = f"""
            SELECT a.event_id, c.id, COUNT(*)
            {_FROM_ATTENDANCE_TO_CELL}
            WHERE a.role NOT IN (%s, %s) AND ({where})
            GROUP BY a.event_id, c.id
        """  # noqa: S608 -- table names from our models; every value is a parameter
        counts = self.counts
        with connection.cursor() as cursor:
            cursor.execute(sql.format(**_tables()), [False, *Attendance.STAFF_ROLES, *params])
            for event_id, cell_id, participants in cursor.fetchall():
                key = (event_id, cell_id)
                counts[key] = counts.get(key, 0) + participants

    def write(self, except_events: Iterable[int] = ()) -> None:
        """Add the counts to the cube, but for EXCEPT_EVENTS (recounted by the caller)."""
        skipped = set(except_events)
        by_event: dict[int, dict[int, int]] = {}
        for (event_id, cell_id), participants in self.counts.items():
            if event_id not in skipped:
                by_event.setdefault(event_id, {})[cell_id] = participants
        ids = sorted(by_event)
        with transaction.atomic():
            for start in range(0, len(ids), _BATCH):
                batch = ids[start : start + _BATCH]
                events = {
                    values["pk"]: values
                    for values in Event.objects.select_for_update(no_key=True)
                    .filter(pk__in=batch)
                    .order_by("pk")
                    .values(
                        "pk", "program_id", "start_date", "country_id", "project_id", "event_type"
                    )
                }
                # The rows read below are updated in place: no registration may add rows to
                # these events, nor a fold merge them away, meanwhile (_event_lock).
                for event_id in batch:
                    _event_lock(event_id, shared=False)
                changed = []
                for row in Participation.objects.filter(event_id__in=batch):
                    added = by_event[row.event_id].pop(row.cell_id, 0)
                    if added:
                        row.participants += added
                        changed.append(row)
                Participation.objects.bulk_update(changed, ["participants"], batch_size=500)
                Participation.objects.bulk_create(
                    (
                        Participation(
                            event_id=event_id,
                            cell_id=cell_id,
                            participants=participants,
                            **{
                                name: value
                                for name, value in events[event_id].items()
                                if name != "pk"
                            },
                        )
                        for event_id in batch
                        if event_id in events
                        for cell_id, participants in by_event[event_id].items()
                    ),
                    batch_size=1000,
                )
        self.counts.clear()


def _ranges(pks: list[int]) -> list[tuple[int, int]]:
    ranges: list[list[int]] = []
    for pk in sorted(pks):
        if ranges and pk == ranges[-1][1] + 1:
            ranges[-1][1] = pk
        else:
            ranges.append([pk, pk])
    return [(first, last) for first, last in ranges]


def _tables() -> dict[str, str]:
    return {
        name: connection.ops.quote_name(model._meta.db_table)
        for name, model in (
            ("participation", Participation),
            ("cell", ParticipantCell),
            ("attendance", Attendance),
            ("event", Event),
            ("person", Person),
            ("organisation", Organisation),
        )
    }


# Attendances (a) to their event (e), person (p), organisation (o) and cube cell (c); the first
# parameter is is_opd's value when the attendance names no organisation.
_FROM_ATTENDANCE_TO_CELL = """
        FROM {attendance} a
        JOIN {event} e ON e.id = a.event_id
        JOIN {person} p ON p.id = a.person_id
        LEFT JOIN {organisation} o ON o.id = a.organisation_id
        JOIN {cell} c
          ON c.sex = p.sex
         AND c.origin = COALESCE(p.country_of_origin_id, '')
         AND c.organisation_type = COALESCE(o.type, '')
         AND c.is_opd = COALESCE(o.is_opd, %s)
"""


def rebuild_participation() -> int:
    """Empty the cube and count every event again; returns the number of cube rows."""
    with transaction.atomic():
        Participation.objects.all().delete()
        _recount(None)
        return Participation.objects.count()


def participation_is_missing() -> bool:
    """True when attendances exist but the cube is empty (a database from before the cube)."""
    return not Participation.objects.exists() and Attendance.objects.exists()


def _recount(event_ids: list[int] | None) -> None:
    """Insert the cube rows of these events (of all events: None), in one INSERT ... SELECT."""
    attendances = Attendance.objects.exclude(role__in=Attendance.STAFF_ROLES)
    if event_ids is not None:
        attendances = attendances.filter(event_id__in=event_ids)
    _create_missing_cells(attendances)
    placeholders = ", ".join(["%s"] * len(event_ids or ()))
    only = f"AND a.event_id IN ({placeholders})" if event_ids is not None else ""
    # Plain SQL that SQLite and PostgreSQL both run: the ORM cannot INSERT ... SELECT, and
    # building a million model instances instead takes minutes.
    sql = f"""
        INSERT INTO {{participation}}
            (event_id, program_id, start_date, country_id, project_id, event_type, cell_id,
             participants)
        SELECT a.event_id, e.program_id, e.start_date, e.country_id, e.project_id,
               e.event_type, c.id, COUNT(*)
        {_FROM_ATTENDANCE_TO_CELL}
        WHERE a.role NOT IN (%s, %s) {only}
        GROUP BY a.event_id, e.program_id, e.start_date, e.country_id, e.project_id,
                 e.event_type, c.id
    """.format(**_tables())  # noqa: S608 -- table names from our models; values are parameters
    params = [False, *Attendance.STAFF_ROLES, *(event_ids or ())]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _create_missing_cells(attendances) -> None:
    """Every kind of participant among ATTENDANCES gets its cell (the INSERT joins to them)."""
    known = set(ParticipantCell.objects.values_list("sex", "origin", "organisation_type", "is_opd"))
    kinds = attendances.values_list(
        "person__sex", "person__country_of_origin_id", "organisation__type", "organisation__is_opd"
    ).distinct()
    for sex, origin, organisation_type, is_opd in kinds.order_by():
        kind = (sex, origin or "", organisation_type or "", bool(is_opd))
        if kind not in known:
            ParticipantCell.objects.get_or_create(
                sex=kind[0], origin=kind[1], organisation_type=kind[2], is_opd=kind[3]
            )
            known.add(kind)


# --- signal receivers: the ORM writes that keep the cube current by themselves ----------------


def _events_of(**attendances) -> list[int]:
    return list(
        Attendance.objects.filter(**attendances)
        .order_by()
        .values_list("event_id", flat=True)
        .distinct()
    )


def _remember(sender, instance, fields: tuple[str, ...]) -> None:
    """Before an update, keep the stored values of FIELDS to compare after the save."""
    instance._participation_before = (
        sender.objects.filter(pk=instance.pk).values_list(*fields).first()
        if instance.pk is not None
        else None
    )


def _changed(instance, fields: tuple[str, ...]) -> bool:
    before = getattr(instance, "_participation_before", None)
    return before is not None and before != tuple(getattr(instance, name) for name in fields)


_ATTENDANCE_FIELDS = ("event_id",)
_PERSON_FIELDS = ("sex", "country_of_origin_id")
_ORGANISATION_FIELDS = ("type", "is_opd")
_EVENT_FIELDS = ("program_id", "start_date", "country_id", "project_id", "event_type")


def _attendance_saving(sender, instance, **kwargs):
    _remember(sender, instance, _ATTENDANCE_FIELDS)


def _attendance_saved(sender, instance, created=False, **kwargs):
    if created:
        count_new_attendance(instance)
        return
    before = getattr(instance, "_participation_before", None) or (None,)
    refresh_participation([instance.event_id, before[0]])


def count_new_attendance(attendance: Attendance) -> None:
    """Count one new ATTENDANCE into the cube: one INSERT of a row of its own (one
    participant of its kind at its event), never an UPDATE of a row other registrations
    also count into.

    A thousand people registering for one event at once then never wait for each other:
    an UPDATE of the event's shared row held that row locked until each registration
    committed, and the conference's registrations queued behind one another (issue 14,
    docs/security.md, Load). The rows of an event are folded into one per kind of
    participant now and then, after a commit (fold_participation); reports sum them
    either way."""
    if attendance.role in Attendance.STAFF_ROLES:
        return
    # No savepoint of its own: this runs inside the attendance's transaction, and a failure
    # here fails that whole transaction anyway.
    with transaction.atomic(savepoint=False):
        # Shared: registrations do not wait for each other, only for a recount of the event.
        _event_lock(attendance.event_id, shared=True)
        event = (
            Event.objects.filter(pk=attendance.event_id)
            .values("program_id", "start_date", "country_id", "project_id", "event_type")
            .first()
        )
        if event is None:
            return
        person = _values(attendance, "person", Person, ("sex", "country_of_origin_id"))
        organisation = _values(attendance, "organisation", Organisation, ("type", "is_opd"))
        organisation = organisation or {"type": "", "is_opd": False}
        row = Participation.objects.create(
            event_id=attendance.event_id,
            cell_id=_cell_id(
                person["sex"],
                person["country_of_origin_id"] or "",
                organisation["type"] or "",
                bool(organisation["is_opd"]),
            ),
            participants=1,
            **event,
        )
    if row.pk % FOLD_EVERY == 0:
        event_id = attendance.event_id
        transaction.on_commit(lambda: fold_participation(event_id), robust=True)


# A registration adds a cube row of its own; every FOLD_EVERY-th row (by its key) folds its
# event's rows into one per kind of participant, after the registration has committed.
FOLD_EVERY = 50


def fold_participation(event_id: int) -> int:
    """Fold the cube rows of one event into one row per kind of participant (their sum);
    returns the number of rows folded away. Registrations go on meanwhile: a row inserted
    while the fold runs is not among those it read and stays as it is."""
    with transaction.atomic():
        _event_lock(event_id, shared=True)  # a recount of the event waits, and we for it
        rows = list(
            Participation.objects.select_for_update()
            .filter(event_id=event_id)
            .order_by("pk")
            .values("pk", "cell_id", *_EVENT_COLUMNS, "participants")
        )
        sums: dict[tuple, int] = {}
        for row in rows:
            key = (row["cell_id"], *(row[column] for column in _EVENT_COLUMNS))
            sums[key] = sums.get(key, 0) + row["participants"]
        if len(sums) == len(rows):
            return 0
        Participation.objects.filter(pk__in=[row["pk"] for row in rows]).delete()
        Participation.objects.bulk_create(
            Participation(
                event_id=event_id,
                cell_id=key[0],
                participants=count,
                **dict(zip(_EVENT_COLUMNS, key[1:], strict=True)),
            )
            for key, count in sums.items()
        )
        return len(rows) - len(sums)


_EVENT_COLUMNS = ("program_id", "start_date", "country_id", "project_id", "event_type")

# PostgreSQL advisory locks on events for the cube, under a key space of their own.
_CUBE_LOCKS = 0x43554245  # "CUBE"


def _event_lock(event_id: int, *, shared: bool) -> None:
    """Hold EVENT_ID's cube lock until the transaction ends: shared by registrations and
    folds, which add rows and only ever merge rows they have read; alone by a recount,
    which deletes every row of the event and counts its attendances again. SQLite
    serialises every write already."""
    if connection.vendor != "postgresql":
        return
    function = "pg_advisory_xact_lock_shared" if shared else "pg_advisory_xact_lock"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {function}(%s, %s)", [_CUBE_LOCKS, event_id])


def _cell_id(sex: str, origin: str, organisation_type: str, is_opd: bool) -> int:
    """The key of the cell of this kind of participant, created when new. Cells are never
    deleted, so a key once committed is kept in the cache (a registration saves the query);
    not before the commit, for a cell made by a transaction that rolls back never existed."""
    key = f"participant-cell:{sex}|{origin}|{organisation_type}|{int(is_opd)}"
    cell_id = cache.get(key)
    if cell_id is None:
        cell_id = ParticipantCell.objects.get_or_create(
            sex=sex, origin=origin, organisation_type=organisation_type, is_opd=is_opd
        )[0].pk
        transaction.on_commit(lambda: cache.set(key, cell_id, None))
    return cell_id


def _values(attendance: Attendance, relation: str, model, fields: tuple) -> dict | None:
    """FIELDS of the ATTENDANCE's RELATION: from the object the attendance was saved with
    when it holds one (a registration just made it), else read from the database."""
    if attendance._meta.get_field(relation).is_cached(attendance):
        related = getattr(attendance, relation)
        return None if related is None else {field: getattr(related, field) for field in fields}
    related_id = getattr(attendance, f"{relation}_id")
    return model.objects.filter(pk=related_id).values(*fields).first()


def _attendance_deleted(sender, instance, origin=None, **kwargs):
    if isinstance(origin, Event):
        return  # the whole event goes: _event_deleted clears its rows once
    refresh_participation([instance.event_id])


def _person_saving(sender, instance, **kwargs):
    _remember(sender, instance, _PERSON_FIELDS)


def _person_saved(sender, instance, created, **kwargs):
    if not created and _changed(instance, _PERSON_FIELDS):
        refresh_participation(_events_of(person=instance))


def _organisation_saving(sender, instance, **kwargs):
    _remember(sender, instance, _ORGANISATION_FIELDS)


def _organisation_saved(sender, instance, created, **kwargs):
    if not created and _changed(instance, _ORGANISATION_FIELDS):
        refresh_participation(_events_of(organisation=instance))


def _event_saving(sender, instance, **kwargs):
    _remember(sender, instance, _EVENT_FIELDS)


def _event_saved(sender, instance, created, **kwargs):
    if not created and _changed(instance, _EVENT_FIELDS):
        refresh_participation([instance.pk])


def _event_deleted(sender, instance, **kwargs):
    Participation.objects.filter(event_id=instance.pk).delete()


def connect_signals() -> None:
    """Called once from the reports app's ready()."""
    uid = "ctip.reports.participation"
    pre_save.connect(_attendance_saving, Attendance, dispatch_uid=f"{uid}.attendance.pre")
    post_save.connect(_attendance_saved, Attendance, dispatch_uid=f"{uid}.attendance.post")
    post_delete.connect(_attendance_deleted, Attendance, dispatch_uid=f"{uid}.attendance.del")
    pre_save.connect(_person_saving, Person, dispatch_uid=f"{uid}.person.pre")
    post_save.connect(_person_saved, Person, dispatch_uid=f"{uid}.person.post")
    pre_save.connect(_organisation_saving, Organisation, dispatch_uid=f"{uid}.organisation.pre")
    post_save.connect(_organisation_saved, Organisation, dispatch_uid=f"{uid}.organisation.post")
    pre_save.connect(_event_saving, Event, dispatch_uid=f"{uid}.event.pre")
    post_save.connect(_event_saved, Event, dispatch_uid=f"{uid}.event.post")
    post_delete.connect(_event_deleted, Event, dispatch_uid=f"{uid}.event.del")
