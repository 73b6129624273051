"""The dashboard's charts draw the numbers its tables print, and a country officer's dashboard
opens on their countries."""

import re

from django.urls import reverse
from django.utils import timezone

FY = "FY2024-25"


def _bars(svg: str) -> dict[str, str]:
    return dict(re.findall(r'<rect class="bar" data-label="([^"]+)" data-value="([^"]*)"', svg))


def _part(page: str, testid: str, end: str) -> str:
    return page.split(f'data-testid="{testid}"')[1].split(end)[0]


def _rows(table: str) -> list[list[str]]:
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>")[1].split("</tbody>")[0], re.S):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        rows.append([re.sub(r"<[^>]+>", "", cell).strip() for cell in cells])
    return rows


def test_the_trend_charts_and_the_country_chart_draw_the_tables_numbers(client, cast):
    client.force_login(cast.mel)
    page = client.get(reverse("dashboard"), {"period": FY}).content.decode()

    trend = _rows(_part(page, "trend-table", "</table>"))
    assert trend[-1][0] == cast.program.fiscal_year_of(timezone.localdate()).label
    events = _bars(_part(page, "trend-events", "</svg>"))
    participants = _bars(_part(page, "trend-participants", "</svg>"))
    women = _bars(_part(page, "trend-women", "</svg>"))
    for year, n_events, n_participants, percent in trend:
        assert events[year] == n_events.replace(",", "")
        assert participants[year] == n_participants.replace(",", "")
        assert women[year] == ("" if percent == "–" else percent.rstrip("%"))
    assert [row for row in trend if row[0] == FY] == [[FY, "2", "2", "50%"]]

    countries = _rows(_part(page, "country-table", "</table>"))
    chart = _bars(_part(page, "country-chart", "</svg>"))
    assert chart == {row[0]: row[2] for row in countries} == {"Cambodia": "1", "Thailand": "1"}


def test_a_country_officers_dashboard_opens_on_their_countries(client, cast):
    client.force_login(cast.thai_officer)
    page = client.get(reverse("dashboard"), {"period": FY}).content.decode()
    assert [row[0] for row in _rows(_part(page, "country-table", "</table>"))] == ["Thailand"]
    assert 'data-testid="events">1<' in page
    assert "Events held in Thailand." in page

    whole = client.get(reverse("dashboard"), {"period": FY, "scope": "all"}).content.decode()
    assert [row[0] for row in _rows(_part(whole, "country-table", "</table>"))] == [
        "Cambodia",
        "Thailand",
    ]
    assert 'data-testid="events">2<' in whole


def test_a_mel_officers_dashboard_shows_the_whole_program(client, cast):
    client.force_login(cast.mel)
    page = client.get(reverse("dashboard"), {"period": FY}).content.decode()
    assert 'data-testid="scope"' not in page
    assert 'data-testid="events">2<' in page
