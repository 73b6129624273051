"""Pages speak words, not codes: reports by their names, measures and groups by their labels,
no command line a web user cannot run; the evidence form looks like the other forms."""

from django.urls import reverse

from ctip.reports.registry import REPORTS

FY = {"period": "FY2024-25"}


def test_the_reports_list_names_reports_in_words(client, cast):
    client.force_login(cast.mel)
    page = client.get(reverse("report-list")).content.decode()
    assert ">Table 1: events by country and type</a>" in page
    assert ">Indicator progress</a>" in page
    for name in REPORTS:
        assert f">{name}</a>" not in page
        assert REPORTS[name].label, f"{name} has no name for people"


def test_report_pages_show_labels_not_measure_codes(client, cast):
    client.force_login(cast.mel)
    unique = client.get(reverse("report", args=["unique-people"]), FY).content.decode()
    assert "People reached in the period" in unique
    assert "people-reached" not in unique and "life-of-program" not in unique
    assert "ctip people link" not in unique and "Review links page" in unique
    highlights = client.get(reverse("report", args=["highlights"]), FY).content.decode()
    assert "Non-state stakeholders" in highlights
    assert "non_state" not in highlights and "ngo_cso" not in highlights


def test_the_csv_keeps_the_measure_keys_for_machines(client, cast):
    client.force_login(cast.mel)
    url = reverse("report-download", args=["unique-people", "csv"])
    csv = client.get(url, FY).content.decode("utf-8-sig")
    assert csv.splitlines()[0].startswith("measure,") and "people-reached" in csv


def test_the_evidence_form_is_laid_out_like_the_other_forms(client, cast):
    client.force_login(cast.mel)
    page = client.get(reverse("results-add-evidence")).content.decode()
    assert '<form method="post" class="stacked"' in page
    assert page.count('<div class="field') >= 10
    assert "<p><label" not in page  # not Django's bare as_p
