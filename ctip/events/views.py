"""Creating and editing events on the web. Permission through ctip.accounts.access."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ctip.accounts.access import (
    access_event_for_edit,
    can_create_event_in,
    event_countries_for,
)
from ctip.web.programs import current_program

from .actions import do_create_event, do_update_event
from .forms import EventForm


def _save(form, save):
    """Run SAVE (an action) with the form's data; on a validation or uniqueness error put
    it on the form and return None."""
    try:
        return save(**form.action_arguments())
    except ValidationError as error:
        form.add_error(None, error)
    except IntegrityError:
        form.add_error("code", _("Another event of this program has this event ID."))
    return None


@login_required
def event_create(request):
    program = current_program(request)
    if not can_create_event_in(request.user, program):
        raise PermissionDenied
    countries = event_countries_for(request.user, program)
    form = EventForm(request.POST or None, program=program, country_codes=countries)
    if request.method == "POST" and form.is_valid():
        if not can_create_event_in(request.user, program, form.cleaned_data["country"]):
            raise PermissionDenied
        event = _save(form, lambda **fields: do_create_event(program, **fields))
        if event is not None:
            return redirect("event-detail", event.pk)
    return render(request, "events/event_form.html", {"form": form, "program": program})


@login_required
def event_edit(request, event_id):
    event = access_event_for_edit(request.user, event_id)
    countries = event_countries_for(request.user, event.program)
    form = EventForm(
        request.POST or None, instance=event, program=event.program, country_codes=countries
    )
    if request.method == "POST" and form.is_valid():
        if not can_create_event_in(request.user, event.program, form.cleaned_data["country"]):
            raise PermissionDenied
        saved = _save(form, lambda **fields: do_update_event(event, **fields))
        if saved is not None:
            return redirect("event-detail", event.pk)
    return render(
        request, "events/event_form.html", {"form": form, "program": event.program, "event": event}
    )
