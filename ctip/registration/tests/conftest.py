import datetime as dt
import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from ctip.events.actions import do_create_event
from ctip.registration.links import link_token


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def open_event(cast):
    """A Thai event happening today: its registration link is open."""
    today = timezone.localdate()
    return do_create_event(
        cast.program,
        code="TH-QR",
        title="Regional workshop on victim screening",
        start_date=today,
        end_date=today + dt.timedelta(days=1),
        country_code="TH",
        event_type="workshop",
        place="Bangkok",
    )


@pytest.fixture
def register_url(open_event):
    return reverse("register", args=[link_token(open_event)])


def form_token(page: str) -> str:
    return re.search(r'name="submission_token" value="([^"]+)"', page).group(1)


def answers(token: str, **changes) -> dict:
    data = {
        "submission_token": token,
        "lang": "en",
        "full_name": "Malee Jaidee",
        "romanised_name": "",
        "sex": "female",
        "country": "TH",
        "organisation": "Foundation for Women",
        "organisation_type": "ngo-cso",
        "position": "Case worker",
        "email": "malee@example.org",
        "phone": "",
        "consent": "yes",
    }
    data.update(changes)
    return data
