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
    event_countries_for,
    events_for,
    programs_of,
    role_in,
)
from ctip.accounts.models import Role
from ctip.countries.models import Country
from ctip.events.listing import (
    EXPORT_FORMATS,
    EventFilters,
    export_events,
    filter_choices,
    listed_events,
)
from ctip.lib.periods import PeriodError
from ctip.linkage.queries import people_reached
from ctip.people.actions import do_forget_person
from ctip.people.listing import PeopleFilters, fill_page, linked_records, listed_people
from ctip.people.models import Attendance, Sex
from ctip.reports import queries
from ctip.reports.freshness import remembered
from ctip.security.reads import Kind, record_read

from .charts import dashboard_charts, dashboard_country_names
from .programs import current_program


def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


def _dashboard_countries(user, program, scope: str) -> set[str] | None:
    """The countries a dashboard opens on: a country officer's own (unless SCOPE is "all"),
    everyone else the whole program (None)."""
    if scope == "all":
        return None
    return event_countries_for(user, program) or None


def _dashboard_numbers(program, period, today, countries) -> tuple:
    """The dashboard's numbers and charts: its headline rows and total, the five-year trend,
    the charts drawn from them and the people reached."""
    rows, total = queries.headline_in(program, period, countries)
    trend = queries.fiscal_year_trend(program, today, countries=countries)
    charts = dashboard_charts(rows, trend)
    return rows, total, trend, charts, people_reached(program, period, country=countries)


@login_required
def dashboard(request):
    if not programs_of(request.user).exists():
        # partners' and grantees' focal points report on a framework or a grant and have no
        # program pages
        from ctip.grants.access import grants_for

        if grants_for(request.user).exists():
            return redirect("grant-list")
        return redirect("framework-list")
    program = current_program(request)
    today = timezone.localdate()
    error = None
    period = None
    if request.GET.get("period"):
        try:
            period = program.period(request.GET["period"])
        except PeriodError as exc:
            error = str(exc)
    if period is None:
        period = queries.default_period(program, today)
    own_countries = event_countries_for(request.user, program)
    countries = _dashboard_countries(request.user, program, request.GET.get("scope", ""))
    rows, total, trend, charts, reached = remembered(
        ("dashboard", program.pk, period, None if countries is None else frozenset(countries)),
        lambda: _dashboard_numbers(program, period, today, countries),
    )
    current = program.fiscal_year_of(today)
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
            "rows": rows,
            "total": total,
            "trend": trend,
            "charts": charts,
            "countries": countries,
            "country_names": dashboard_country_names(countries),
            "may_narrow": bool(own_countries),
            "reached": reached,
            "error": error,
            "role": role_in(request.user, program),
        },
    )


@login_required
def event_list(request):
    program = current_program(request)
    visible = events_for(request.user)
    filters = EventFilters.from_query(request.GET)
    events = listed_events(program, visible, filters)
    fmt = request.GET.get("export")
    if fmt in EXPORT_FORMATS and not filters.error:
        response = HttpResponse(
            export_events(events, fmt),
            content_type="text/csv; charset=utf-8"
            if fmt == "csv"
            else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="events-{program.code}.{fmt}"'
        return response
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("export", None)
    return render(
        request,
        "web/event_list.html",
        {
            "program": program,
            "page": page,
            "filters": filters,
            "choices": filter_choices(program, visible),
            "query": query.urlencode(),
            "q": filters.q,
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
    program = current_program(request)
    filters = PeopleFilters.from_query(request.GET)
    people = listed_people(request.user, filters, program)
    page = Paginator(people, 50).get_page(request.GET.get("page"))
    fill_page(request.user, page.object_list)
    record_read(
        request.user,
        Kind.PEOPLE_SEARCH if filters.searching else Kind.PEOPLE_LIST,
        count=sum(len(row.ids) for row in page.object_list),
    )
    query = request.GET.copy()
    query.pop("page", None)
    countries = Country.objects.filter(asean_order__isnull=False)
    return render(
        request,
        "web/person_list.html",
        {
            "page": page,
            "filters": filters,
            "query": query.urlencode(),
            "countries": countries,
            "sexes": Sex.choices,
        },
    )


@login_required
def person_detail(request, person_id):
    person = access_person(request.user, person_id)
    records = linked_records(request.user, person)
    attendances = (
        attendances_for(request.user)
        .filter(person__in=records)
        .select_related("event", "event__country", "organisation", "person")
        .order_by("-event__start_date", "event__code")
    )
    record_read(request.user, Kind.PERSON, person_ids=[record.pk for record in records])
    return render(
        request,
        "web/person_detail.html",
        {"person": person, "records": records, "attendances": attendances},
    )


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
