"""Differentially private victims' tables (OpenDP) as the other release method: counts with
noise calibrated to the budget asked, public categories, the budget recorded per release."""

from __future__ import annotations

import csv
import io
import statistics

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ctip.cases import disclosure
from ctip.cases.exchange import dp_budget_spent
from ctip.cases.models import StatisticsRelease

from .conftest import CASES_DB
from .test_court_pprl_report import _many_victims

pytestmark = CASES_DB


def _report(user, *args) -> list[list[str]]:
    out, err = io.StringIO(), io.StringIO()
    call_command("cases", "--as", user.username, "report", *args, stdout=out, stderr=err)
    return list(csv.reader(io.StringIO(out.getvalue()))), err.getvalue()


def test_a_mel_officer_releases_differentially_private_counts_and_the_budget_is_recorded(
    cast, agencies
):
    _many_victims(agencies, 30)
    rows, note = _report(
        cast.mel, "--table", "victims-by-sex", "--method", "dp", "--epsilon", "1", "--public"
    )
    assert [row[0] for row in rows] == ["", "female", "male", "other or not known", "Total"]
    values = [int(row[1]) for row in rows[1:]]
    assert all(value >= 0 for value in values) and values[-1] == sum(values[:-1])
    release = StatisticsRelease.objects.get()
    assert (release.method, release.epsilon, release.threshold, release.public) == (
        "dp",
        1.0,
        None,
        True,
    )
    _report(cast.mel, "--table", "victims-by-stage", "--method", "dp", "--epsilon", "0.5")
    assert dp_budget_spent() == 1.5
    assert "spent epsilon 1" in note


def test_a_budget_is_needed_and_bounded(cast, agencies):
    for args, problem in (
        (["--method", "dp"], "needs its budget"),
        (["--method", "dp", "--epsilon", "0"], "above 0"),
        (["--method", "dp", "--epsilon", "50"], "at most 10"),
        (["--epsilon", "1"], "goes with --method dp"),
    ):
        with pytest.raises(CommandError, match=problem):
            _report(cast.mel, "--table", "victims-by-sex", *args)
    assert not StatisticsRelease.objects.exists()


def test_the_noise_is_centred_on_the_count_and_never_leaves_it_exact():
    victims = [{"sex": "female"}] * 50 + [{"sex": "male"}] * 3
    draws = [
        disclosure.build_dp_table("victims-by-sex", victims, 1.0).cells[("female", disclosure.ALL)]
        for _ in range(300)
    ]
    assert abs(statistics.mean(draws) - 50) < 0.6  # scale 2: the mean of 300 is within 0.6
    assert 4 < statistics.variance(draws) < 14  # discrete Laplace, scale 2: variance ~8
    assert sum(draw == 50 for draw in draws) < 100


def test_rows_and_columns_are_public_categories_not_taken_from_the_data():
    one = [{"citizenship": "FR", "sex": "female"}]
    table = disclosure.build_dp_table("victims-by-citizenship-and-sex", one, 1.0)
    empty = disclosure.build_dp_table("victims-by-citizenship-and-sex", [], 1.0)
    assert table.rows == empty.rows and "FR" not in table.rows and "Other" in table.rows
    assert table.columns == ["female", "male", "other or not known", "Total"]
