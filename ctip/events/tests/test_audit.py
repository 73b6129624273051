import datetime as dt

from auditlog.context import set_actor
from auditlog.models import LogEntry

from ctip.events.actions import do_create_event


def test_creating_and_changing_an_event_is_audited_with_who_and_what(cast):
    with set_actor(cast.mel):
        event = do_create_event(
            cast.program,
            code="AUD-1",
            title="Audit me",
            start_date=dt.date(2024, 8, 1),
            country_code="TH",
            event_type="workshop",
        )
        event.title = "Audited"
        event.save()
    entries = LogEntry.objects.get_for_object(event).order_by("timestamp", "pk")
    assert [e.action for e in entries] == [LogEntry.Action.CREATE, LogEntry.Action.UPDATE]
    assert all(e.actor == cast.mel for e in entries)
    assert entries[1].changes_dict["title"] == ["Audit me", "Audited"]


def test_contact_details_are_masked_in_the_audit_trail(cast):
    cast.somchai.email = "somchai@example.org"
    cast.somchai.save()
    entry = LogEntry.objects.get_for_object(cast.somchai).order_by("-pk").first()
    assert "somchai@example.org" not in str(entry.changes)


def test_deleting_an_attendance_is_audited(cast):
    attendance = cast.thai_event.attendances.get()
    pk = attendance.pk
    attendance.delete()
    assert LogEntry.objects.filter(object_pk=str(pk), action=LogEntry.Action.DELETE).exists()
