"""The same form arriving twice at the same moment records one response: the database's
unique constraint decides, not the look-up before the insert."""

import threading

import pytest
from django.db import connection

from ctip.surveys import actions
from ctip.surveys.actions import do_create_default_statements, do_submit_web_response
from ctip.surveys.models import Response


@pytest.mark.django_db(transaction=True)
def test_two_copies_arriving_together_record_one_response(cast, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers; the race needs PostgreSQL (DATABASE_URL)")
    do_create_default_statements(cast.program)
    both_looked = threading.Barrier(2, timeout=10)
    real_filter = actions.Statement.objects.filter

    def filter_after_both_looked(*args, **kwargs):
        # Both copies have looked for an existing response (and found none) before either
        # inserts: the worst interleaving, every time.
        both_looked.wait()
        return real_filter(*args, **kwargs)

    monkeypatch.setattr(actions.Statement.objects, "filter", filter_after_both_looked)
    results = []

    def submit():
        try:
            results.append(
                do_submit_web_response(
                    cast.program,
                    submission_token="same-form-token-0123456789",
                    kind="feedback",
                    event=cast.thai_event,
                    answered_on=cast.thai_event.start_date,
                    answers={"objectives": 5},
                ).pk
            )
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 2 and results[0] == results[1]
    assert Response.objects.count() == 1
