from django import template
from django.urls import reverse
from django.utils.http import urlencode

from ctip.surveys.models import feedback_state

register = template.Library()


@register.inclusion_tag("surveys/_feedback_offer.html")
def feedback_offer(event, token, lang):
    """A "Give feedback" button on the event's QR landing page once the event has started
    and until its link closes; nothing otherwise."""
    if feedback_state(event) != "open":
        return {"url": None}
    return {"url": reverse("feedback", args=[token]) + "?" + urlencode({"lang": lang})}
