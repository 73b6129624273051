import datetime as dt

import pytest
from django.db import IntegrityError

from ctip.surveys.actions import do_create_default_statements, do_record_response
from ctip.surveys.models import Response
from ctip.surveys.queries import quotable_answers, survey_results

FY = "FY2024-25"


@pytest.fixture
def statements(cast):
    do_create_default_statements(cast.program)
    return cast


def _feedback(cast, event, value, key, **extra):
    return do_record_response(
        cast.program,
        kind="feedback",
        event=event,
        answered_on=event.start_date,
        answers={"objectives": value, "relevant": 4},
        source_key=key,
        **extra,
    )


def test_feedback_results_are_the_share_who_fully_agree_or_agree(statements):
    cast = statements
    for key, value in enumerate([5, 4, 4, 3, 1]):
        _feedback(cast, cast.thai_event, value, f"r{key}")
    results = survey_results(cast.program, "feedback", cast.program.period(FY))
    by_text = {r.statement: r for r in results}
    objectives = by_text["The event achieved its objectives"]
    assert (objectives.respondents, objectives.agree, objectives.percent_agree) == (5, 3, 60)
    assert by_text["The content was relevant to my work"].percent_agree == 100
    unanswered = by_text["The facilitators and speakers were effective"]
    assert unanswered.respondents == 0 and unanswered.percent_agree is None


def test_feedback_follows_its_events_period_and_country(statements):
    cast = statements
    _feedback(cast, cast.thai_event, 5, "th")
    _feedback(cast, cast.cambodian_event, 1, "kh")
    period = cast.program.period(FY)
    thai = survey_results(cast.program, "feedback", period, country="TH")[0]
    assert (thai.respondents, thai.agree) == (1, 1)
    assert (
        survey_results(cast.program, "feedback", cast.program.period("FY2023-24"))[0].respondents
        == 0
    )


def test_recording_the_same_response_twice_keeps_one(statements):
    cast = statements
    first, created = _feedback(cast, cast.thai_event, 5, "same")
    again, created_again = _feedback(cast, cast.thai_event, 5, "same")
    assert created and not created_again and first.pk == again.pk
    assert Response.objects.count() == 1


def test_answers_are_anonymous_unless_the_respondent_agreed_to_be_quoted(statements):
    cast = statements
    _feedback(cast, cast.thai_event, 5, "a", free_text="Very useful", quote_attribution="X")
    _feedback(
        cast,
        cast.thai_event,
        5,
        "b",
        free_text="Changed our practice",
        agreed_to_be_quoted=True,
        quote_attribution="Participant from Thailand",
    )
    assert Response.objects.get(source_key="a").quote_attribution == ""
    quotes = list(quotable_answers(cast.program, "feedback", cast.program.period(FY)))
    assert quotes == [("Changed our practice", "Participant from Thailand")]


def test_a_wrong_answer_or_statement_is_refused(statements):
    cast = statements
    with pytest.raises(ValueError, match="five-point"):
        _feedback(cast, cast.thai_event, 7, "bad")
    with pytest.raises(ValueError, match="unknown statements"):
        do_record_response(
            cast.program, kind="partner", answers={"nope": 5}, answered_on=dt.date(2025, 5, 1)
        )
    with pytest.raises(ValueError, match="belongs to an event"):
        do_record_response(
            cast.program, kind="feedback", answers={}, answered_on=dt.date(2025, 5, 1)
        )


def test_the_database_refuses_an_attribution_without_consent(statements):
    cast = statements
    response, _ = _feedback(cast, cast.thai_event, 5, "c")
    response.quote_attribution = "Somebody"
    with pytest.raises(IntegrityError):
        response.save()
