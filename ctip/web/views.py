from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ctip.accounts.access import (
    access_event,
    access_person,
    attendances_for,
    can_create_event_in,
    can_edit_event,
    can_see_people,
    events_for,
    people_for,
    programs_of,
    role_in,
)
from ctip.accounts.models import Role
from ctip.lib.periods import PeriodError
from ctip.linkage.queries import people_reached
from ctip.people.actions import do_forget_person
from ctip.people.models import Attendance
from ctip.reports import queries
from ctip.security.reads import Kind, record_read

from .programs import current_program


def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


@login_required
def dashboard(request):
    if not programs_of(request.user).exists():
        # partners' focal points report on a framework and have no program pages
        return redirect("framework-list")
    program = current_program(request)
    error = None
    period = None
    if request.GET.get("period"):
        try:
            period = program.period(request.GET["period"])
        except PeriodError as exc:
            error = str(exc)
    defaulted = period is None
    if defaulted:
        period = queries.latest_fiscal_year_with_events(program, timezone.localdate())
    rows, total = queries.headline_by_country(program, period)
    current = program.fiscal_year_of(timezone.localdate())
    recent = [
        program.fiscal_year_of(current.start.replace(year=current.start.year - n)) for n in range(5)
    ]
    return render(
        request,
        "web/dashboard.html",
        {
            "program": program,
            "programs": programs_of(request.user),
            "period": period,
            "period_choices": recent,
            "fell_back": defaulted and period != current,
            "rows": rows,
            "total": total,
            "reached": people_reached(program, period),
            "error": error,
            "role": role_in(request.user, program),
        },
    )


@login_required
def event_list(request):
    program = current_program(request)
    events = events_for(request.user).filter(program=program).select_related("country", "project")
    country = request.GET.get("country")
    if country:
        events = events.filter(country_id=country)
    query = request.GET.get("q", "").strip()
    if query:
        events = events.filter(title__icontains=query) | events.filter(code__iexact=query)
    page = Paginator(events.order_by("-start_date", "code"), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "web/event_list.html",
        {
            "program": program,
            "page": page,
            "q": query,
            "can_create_event": can_create_event_in(request.user, program),
        },
    )


@login_required
def event_detail(request, event_id):
    event = access_event(request.user, event_id)
    attendances = None
    participant_count = event.attendances.exclude(role__in=Attendance.STAFF_ROLES).count()
    if can_see_people(request.user, event.program):
        attendances = (
            attendances_for(request.user, event)
            .select_related("person", "person__country_of_origin", "organisation")
            .order_by("person__romanised_name")
        )
        record_read(request.user, Kind.ATTENDANCE_LIST, event_id=event.pk, count=len(attendances))
    return render(
        request,
        "web/event_detail.html",
        {
            "event": event,
            "attendances": attendances,
            "participant_count": participant_count,
            "can_edit": can_edit_event(request.user, event),
        },
    )


@login_required
def person_list(request):
    if not can_see_people(request.user):
        raise PermissionDenied(_("Your role shows aggregate numbers only."))
    people = people_for(request.user).select_related("country_of_origin", "organisation")
    query = request.GET.get("q", "").strip()
    if query:
        people = people.filter(full_name__icontains=query) | people.filter(
            romanised_name__icontains=query
        )
    page = Paginator(people.order_by("romanised_name", "id"), 50).get_page(request.GET.get("page"))
    record_read(
        request.user,
        Kind.PEOPLE_SEARCH if query else Kind.PEOPLE_LIST,
        count=len(page.object_list),
    )
    return render(request, "web/person_list.html", {"page": page, "q": query})


@login_required
def person_detail(request, person_id):
    person = access_person(request.user, person_id)
    attendances = (
        attendances_for(request.user)
        .filter(person=person)
        .select_related("event", "event__country", "organisation")
        .order_by("-event__start_date")
    )
    record_read(request.user, Kind.PERSON, person_ids=[person.pk])
    return render(request, "web/person_detail.html", {"person": person, "attendances": attendances})


@login_required
@require_http_methods(["GET", "POST"])
def person_forget(request, person_id):
    """Administrators only: confirm (GET), then forget the person (POST)."""
    person = access_person(request.user, person_id)
    if role_in(request.user, person.program) != Role.ADMINISTRATOR:
        raise PermissionDenied
    if request.method == "POST":
        do_forget_person(person, actor=request.user, reason=request.POST.get("reason", "")[:500])
        return redirect("person-detail", person_id=person.pk)
    return render(request, "web/person_forget.html", {"person": person})
