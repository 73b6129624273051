"""The indicators page draws what its table says: a bar at 200% of target is labelled 200% and
drawn past the 100% line, never capped at "100%"."""

import re

from django.urls import reverse

from ctip.results.actions import do_define_indicator, do_set_target

FY = "FY2024-25"


def _table(page: str) -> dict[str, int]:
    table = page.split('id="report-indicators"')[1].split("</table>")[0]
    percents = {}
    for row in re.findall(r"<tr class=\"data\">(.*?)</tr>", table, re.S):
        code = re.search(r'<th scope="row">([^<]+)</th>', row).group(1)
        cell = re.search(r'data-key="percent_of_target">([^<]*)<', row).group(1)
        if cell.endswith("%"):
            percents[code] = int(cell.rstrip("%").replace(",", ""))
    return percents


def _chart(page: str) -> dict[str, tuple[int, str, float]]:
    svg = page.split('<figure class="chart">')[1].split("</svg>")[0]
    bars = {}
    for value, width, title, label in re.findall(
        r'<rect class="bar" data-value="(\d+)" x="[\d.]+" y="[\d.]+" width="([\d.]+)"[^>]*>'
        r"<title>([^<]*)</title></rect><text class=\"value\"[^>]*>([^<]*)</text>",
        svg,
    ):
        bars[title.split()[0]] = (int(value), label, float(width))
    return bars


def test_the_indicator_chart_shows_the_same_percentages_as_the_table(client, cast):
    for code, computed, target in [("O1", "events", 1), ("O3", "participants", 4)]:
        indicator = do_define_indicator(
            cast.program, code=code, title=computed, level="output", computed_as=computed
        )
        do_set_target(cast.mel, indicator, FY, target)
    client.force_login(cast.mel)
    page = client.get(reverse("report", args=["indicators"]), {"period": FY}).content.decode()

    table = _table(page)
    chart = _chart(page)
    assert table == {"O1": 200, "O3": 50}  # two events for a target of one
    assert {code: value for code, (value, _, _) in chart.items()} == table
    assert {code: label for code, (_, label, _) in chart.items()} == {"O1": "200%", "O3": "50%"}
    # lengths in proportion: 200% is four times 50%, and reaches past the 100% line
    assert chart["O1"][2] == 4 * chart["O3"][2]
    line = float(re.search(r'<line x1="([\d.]+)"', page).group(1))
    start = float(re.search(r'<rect class="bar" data-value="\d+" x="([\d.]+)"', page).group(1))
    assert start + chart["O1"][2] > line > start + chart["O3"][2]


def test_an_indicators_trend_chart_draws_its_trend_table(client, cast):
    indicator = do_define_indicator(
        cast.program, code="O1", title="Events", level="output", computed_as="events"
    )
    do_set_target(cast.mel, indicator, FY, 1)
    client.force_login(cast.mel)
    page = client.get(reverse("results-indicator", args=["O1"]), {"period": FY}).content.decode()
    trend = page.split('data-testid="trend-chart"')[1].split("</table>")[0]
    chart = dict(re.findall(r'data-label="([^"]+)" data-value="([^"]*)"', trend))
    years = re.findall(r"<th>(FY[^<]+)</th>", trend)
    values = re.findall(r"<td>([^<]+)</td>", trend)
    assert chart == {
        year: value.replace("–", "") for year, value in zip(years, values, strict=True)
    }
    assert chart[FY] == "2"

    overview = client.get(reverse("results-overview"), {"period": FY}).content.decode()
    row = overview.split('data-testid="indicators"')[1].split("</tr>")[1]
    assert dict(re.findall(r'data-label="([^"]+)" data-value="([^"]*)"', row)) == chart
