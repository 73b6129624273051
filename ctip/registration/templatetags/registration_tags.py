from django import template

from ctip.registration.links import registration_url
from ctip.registration.models import window_for

register = template.Library()


@register.inclusion_tag("self_registration/_panel.html", takes_context=True)
def registration_panel(context, event):
    """The event's registration link and QR code, for staff on the event page."""
    window = window_for(event)
    return {
        "event": event,
        "window": window,
        "state": window.state(),
        "url": registration_url(context["request"], event),
    }
