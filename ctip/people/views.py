"""Staff record who attended an event: an existing person, or a new one with consent."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from ctip.accounts.access import (
    NotFound,
    access_event_for_edit,
    access_person,
    attendances_for,
    people_for,
)

from .actions import do_record_attendance, do_record_new_attendee, do_remove_attendance
from .forms import ExistingAttendeeForm, NewAttendeeForm
from .models import Attendance

SEARCH_RESULTS = 20


def _candidates(user, event, query: str):
    if not query:
        return []
    people = people_for(user).filter(program=event.program)
    matches = people.filter(full_name__icontains=query) | people.filter(
        romanised_name__icontains=query
    )
    return list(
        matches.exclude(attendances__event=event)
        .select_related("country_of_origin", "organisation")
        .order_by("romanised_name", "id")[:SEARCH_RESULTS]
    )


@login_required
def attendance_add(request, event_id):
    event = access_event_for_edit(request.user, event_id)
    query = request.GET.get("q", "").strip()
    existing_form = ExistingAttendeeForm()
    new_form = NewAttendeeForm()
    if request.method == "POST" and request.POST.get("kind") == "existing":
        existing_form = ExistingAttendeeForm(request.POST)
        if existing_form.is_valid():
            person = access_person(request.user, existing_form.cleaned_data["person"])
            if person.program_id != event.program_id:
                raise NotFound
            do_record_attendance(event, person, role=existing_form.cleaned_data["role"])
            return redirect("event-detail", event.pk)
    elif request.method == "POST":
        new_form = NewAttendeeForm(request.POST)
        if new_form.is_valid():
            try:
                do_record_new_attendee(
                    event,
                    role=new_form.cleaned_data["role"],
                    new_organisation=new_form.organisation_to_create(),
                    **new_form.person_fields(),
                )
            except ValidationError as error:
                new_form.add_error(None, error)
            else:
                return redirect("event-detail", event.pk)
    return render(
        request,
        "people/attendance_add.html",
        {
            "event": event,
            "q": query,
            "candidates": _candidates(request.user, event, query),
            "existing_form": existing_form,
            "new_form": new_form,
        },
    )


@login_required
def attendance_remove(request, event_id, attendance_id):
    event = access_event_for_edit(request.user, event_id)
    try:
        attendance = (
            attendances_for(request.user, event).select_related("person").get(pk=attendance_id)
        )
    except (ValueError, TypeError, Attendance.DoesNotExist):
        raise NotFound from None
    if request.method == "POST":
        do_remove_attendance(attendance)
        return redirect("event-detail", event.pk)
    return render(
        request, "people/attendance_remove.html", {"event": event, "attendance": attendance}
    )
