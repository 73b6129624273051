import datetime as dt
import re

import pytest
from django.core.cache import cache
from django.utils import timezone

from ctip.events.actions import do_create_event
from ctip.surveys.actions import do_create_default_statements


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def statements(cast):
    do_create_default_statements(cast.program)
    return cast


def _event(cast, code, start, days=1):
    return do_create_event(
        cast.program,
        code=code,
        title="Regional workshop on victim screening",
        start_date=start,
        end_date=start + dt.timedelta(days=days),
        country_code="TH",
        event_type="workshop",
        place="Bangkok",
    )


@pytest.fixture
def event_today(statements):
    """A Thai event that started today: registration and feedback are both open."""
    return _event(statements, "TH-QR", timezone.localdate())


@pytest.fixture
def event_tomorrow(statements):
    """A Thai event starting tomorrow: registration is open, feedback not yet."""
    return _event(statements, "TH-SOON", timezone.localdate() + dt.timedelta(days=1))


def form_token(page: str) -> str:
    return re.search(r'name="submission_token" value="([^"]+)"', page).group(1)
