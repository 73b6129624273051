"""The victims' tables on the web: suppressed counts of unique victims for MEL officers,
administrators and case managers, narrowed by country or year; never a case, never a cell
below the threshold, and no hidden cell given back by another table or filter."""

from __future__ import annotations

import datetime as dt
import random
import re

import pytest
from django.urls import reverse

from ctip.cases import disclosure
from ctip.cases.actions import do_add_agency, do_create_case, do_record_consent
from ctip.cases.models import ConsentPurpose, StatisticsRelease
from ctip.conftest import PASSWORD

from .conftest import CASES_DB
from .test_disclosure import _victims

pytestmark = CASES_DB

URL = reverse("victims-tables")


def _cells(html: str) -> list[str]:
    table = html[html.index('data-testid="victims-table"') :]
    table = table[: table.index("</table>")]
    return re.findall(r'<td class="number">([^<]*)</td>', table)


def _login(client, user):
    assert client.login(username=user.username, password=PASSWORD)


def _populate(agencies, cast):
    """Victims at the Thai department (2025, 2026) and a Cambodian agency (2026): 40, 14
    and 3, with their consent to statistics."""
    cambodia = do_add_agency("kh-shelter", "Cambodian shelter", actor=cast.admin, country_code="KH")
    plan = [
        (agencies.dsdw, agencies.manager, 2025, 40),
        (agencies.dsdw, agencies.manager, 2026, 14),
        (cambodia, cast.admin, 2026, 3),
    ]
    for agency, actor, year, count in plan:
        for number in range(count):
            case = do_create_case(
                agency,
                actor=actor,
                reference=f"{agency.code}-{year}-{number}",
                first_name=f"Person{number}",
                second_name=f"{agency.code}{year}",
                gender="Feminine" if number % 3 else "Masculine",
                citizenship="MM" if number % 4 else "KH",
                opened_on=dt.date(year, 3, 1),
            )
            do_record_consent(case, actor=actor, purpose=ConsentPurpose.STATISTICS, given=True)


@pytest.mark.parametrize("who", ["mel", "admin"])
def test_mel_officers_and_administrators_get_suppressed_counts_and_no_case(
    client, cast, agencies, who
):
    _populate(agencies, cast)
    _login(client, getattr(cast, who))
    response = client.get(URL, {"table": "victims-by-citizenship-and-sex"})
    assert response.status_code == 200
    html = response.content.decode()
    for cell in _cells(html):
        assert cell == "x" or int(cell) == 0 or int(cell) >= 11, cell
    assert "57" in _cells(html)  # the total: unique victims of every agency
    for secret in ("Person1", "dsdw-2025-1", "Somsri", "DSDW-1", "kh-shelter2026"):
        assert secret not in html
    assert StatisticsRelease.objects.filter(released_by=cast.__dict__[who].username).exists()


def test_a_filter_narrows_to_one_country_and_hides_what_the_difference_would_show(
    client, cast, agencies
):
    _populate(agencies, cast)
    _login(client, cast.mel)
    everyone = _cells(client.get(URL, {"table": "victims-by-sex"}).content.decode())
    thai = _cells(
        client.get(URL, {"table": "victims-by-sex", "filter": "country:TH"}).content.decode()
    )
    cambodian = _cells(
        client.get(URL, {"table": "victims-by-sex", "filter": "country:KH"}).content.decode()
    )
    for cells in (everyone, thai, cambodian):
        assert all(c == "x" or int(c) == 0 or int(c) >= 11 for c in cells), cells
    # all 57 minus Thailand's 54 would give Cambodia's 3: one of the two totals is hidden
    assert "x" in (everyone[-1], thai[-1])
    assert cambodian[-1] == "x"


def test_a_case_manager_sees_their_agencys_tables_and_a_case_worker_nothing(client, cast, agencies):
    _populate(agencies, cast)
    _login(client, agencies.manager)
    response = client.get(URL, {"table": "victims-by-sex", "filter": "year:2025"})
    assert response.status_code == 200
    assert "Person1" not in response.content.decode()
    _login(client, agencies.worker)
    assert client.get(URL).status_code == 404
    _login(client, cast.viewer)
    assert client.get(URL).status_code == 404


def _family_equations(family):
    """What a reader of every table of the family knows: each table's lines, the lines across
    a filter's values, and the cells two tables share (a two-cell line: a = b)."""
    cells, lines, hidden = {}, [], set()
    for (name, narrowed), table in family.tables.items():
        for cell, value in table.cells.items():
            cells[(name, narrowed, cell)] = value
        hidden |= {(name, narrowed, cell) for cell in table.hidden}
        lines += [[(name, narrowed, cell) for cell in line] for line in table.lines()]
    for (name, narrowed), table in family.tables.items():
        if narrowed is None:
            for kind, values in family.filter_values.items():
                for cell in table.cells:
                    lines.append(
                        [(name, (kind, value), cell) for value in values] + [(name, None, cell)]
                    )
    for (name, narrowed), table in family.tables.items():
        row_dimension, column_dimension = disclosure.TABLES[name]
        if column_dimension is None:
            continue
        margins = {row_dimension: "row", column_dimension: "column"}
        for one_way, (dimension, second) in disclosure.TABLES.items():
            if second is not None or dimension not in margins:
                continue
            for value in family.tables[(one_way, narrowed)].rows:
                if margins[dimension] == "row":
                    cell = (value, disclosure.TOTAL)
                else:
                    cell = (disclosure.TOTAL, value) if value != disclosure.TOTAL else None
                if cell is None or cell not in table.cells:
                    continue
                lines.append([(name, narrowed, cell), (one_way, narrowed, (value, disclosure.ALL))])
    return cells, lines, hidden


@pytest.mark.parametrize("seed", range(2))
def test_no_hidden_cell_of_any_table_or_filter_can_be_recovered_from_the_family(seed):
    rng = random.Random(seed)
    victims = _victims(rng, rng.randint(60, 250))
    for victim in victims:
        victim["country"] = rng.choice(["TH", "TH", "VN", "KH"])
        victim["year"] = rng.choice(["2024", "2025", "2026"])
    family = disclosure.build_family(victims)
    for table in family.tables.values():
        for row in table.rows:
            for column in table.columns:
                shown = table.shown(row, column)
                assert shown is None or shown == 0 or shown >= 11
    # the attacker's equations, built here from the published tables alone (not the
    # family's own), solved with the recovery check test_disclosure holds to the full one
    cells, lines, hidden = _family_equations(family)
    recovered = disclosure.recovered_cells(cells, lines, hidden)
    assert not recovered, f"recoverable across the family: {list(recovered)[:5]}"
