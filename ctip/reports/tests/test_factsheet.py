import json
import shutil
import subprocess
from decimal import Decimal
from gettext import GNUTranslations
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from ctip.conftest import PASSWORD
from ctip.reports.factsheet import (
    factsheet,
    format_number,
    format_share,
    render_factsheet_html,
    share,
)

from .factsheet_data import build_thai_year

FY = "FY2024-25"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # the cast's six users take seconds to hash with the production hasher
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _split(split):
    return (split.total, split.female, split.male, split.other, split.not_specified)


def test_the_fact_sheet_counts_events_participants_and_people_trained_in_the_country(cast):
    expected = build_thai_year(cast)
    sheet = factsheet(cast.program, FY, "TH")
    assert sheet.events == expected.events
    assert sheet.capacity_development_events == expected.capacity_development_events
    assert _split(sheet.participants) == expected.participants
    assert _split(sheet.people_trained) == expected.people_trained
    assert sheet.focal_point.name == "Ministry of Justice"
    assert [o.name for o in sheet.key_partners] == [
        "Human Rights and Development Foundation",
        "Royal Thai Police",
    ]
    assert sheet.highlights == []


def test_shares_are_whole_numbers_rounded_half_up_with_one_decimal_for_small_non_zero_shares():
    assert share(6, 11) == 55  # 54.5 rounds up
    assert share(1, 8) == 13  # 12.5 rounds up
    assert share(0, 8) == 0
    assert format_share(share(1, 250)) == "0.4"
    assert format_share(share(1, 3000)) == "<0.1"
    assert format_share(share(1, 0)) == "–"


def test_numbers_have_thousands_separators_in_the_languages_notation():
    with translation.override("en"):
        assert format_number(1472) == "1,472"
        assert format_share(share(1, 250)) == "0.4"
    with translation.override("vi"):
        assert format_number(1472) == "1.472"
        assert format_share(share(1, 250)) == "0,4"
    with translation.override("th"):
        assert format_number(1234567) == "1,234,567"


def test_the_fact_sheet_page_shows_the_numbers_to_every_program_member_and_no_names(client, cast):
    build_thai_year(cast)
    for username in ("mel", "thai", "viewer"):
        client.login(username=username, password=PASSWORD)
        page = client.get(reverse("factsheet", args=["TH"]) + f"?period={FY}").content.decode()
        assert 'data-testid="events">3<' in page
        assert 'data-testid="participants">11<' in page
        assert 'data-testid="capacity-development-events">2<' in page
        assert 'data-testid="people-trained">8<' in page
        assert "55% female" in page and "27% male" in page and "9% other" in page
        assert "50% female" in page and "13% other" in page
        assert "Ministry of Justice" in page and "Royal Thai Police" in page
        assert "No achievements recorded for this period yet." in page
        assert "สมชาย" not in page and "Somchai" not in page and "มาลี" not in page


def test_outsiders_see_only_their_own_programs_fact_sheet_and_strangers_must_log_in(client, cast):
    build_thai_year(cast)
    url = reverse("factsheet", args=["TH"]) + f"?period={FY}"
    assert client.get(url)["Location"].startswith(reverse("login"))
    client.login(username="outsider", password=PASSWORD)
    assert client.get(url + "&program=test").status_code == 404
    assert client.get(reverse("factsheet-pdf", args=["TH"]) + "?program=test").status_code == 404
    own = client.get(url).content.decode()
    assert 'data-testid="events">0<' in own and "Ministry of Justice" not in own


def test_the_fact_sheet_speaks_the_countrys_language_and_no_other(client, cast):
    build_thai_year(cast)
    client.login(username="mel", password=PASSWORD)
    url = reverse("factsheet", args=["TH"]) + f"?period={FY}"
    page = client.get(url + "&lang=th").content.decode()
    assert "ประเทศไทย" in page and "ผู้เข้าร่วม" in page and "หญิง 55%" in page
    assert 'lang="th"' in page
    assert client.get(url + "&lang=km").status_code == 404
    assert client.get(reverse("factsheet", args=["XX"])).status_code == 404


TRANSLATED_WORDS = {  # "participant" and the sheet's title, in each language
    "th": ("ผู้เข้าร่วม", "เอกสารข้อมูลประเทศ"),
    "lo": ("ຜູ້ເຂົ້າຮ່ວມ", "ເອກະສານຂໍ້ມູນປະເທດ"),
    "km": ("អ្នកចូលរួម", "ឯកសារព័ត៌មានប្រទេស"),
    "vi": ("người tham dự", "Thông tin tóm tắt quốc gia"),
    "my": ("ပါဝင်သူများ", "နိုင်ငံ အချက်အလက်စာရွက်"),
    "id": ("peserta", "Lembar fakta negara"),
    "fil": ("kalahok", "Fact sheet ng bansa"),
}


def test_the_fact_sheet_is_translated_into_the_regions_languages(cast):
    for lang, words in TRANSLATED_WORDS.items():
        html = render_factsheet_html(cast.program, FY, "TH", lang)
        assert all(word in html for word in words), lang
        assert "capacity development" not in html, lang


def test_the_html_document_needs_nothing_from_anywhere(cast):
    html = render_factsheet_html(cast.program, FY, "TH", "en")
    assert "<style>" in html and "<link" not in html and "<script" not in html
    assert "http://" not in html and "https://" not in html


def test_a_country_without_events_or_partners_says_so(client, cast):
    client.login(username="viewer", password=PASSWORD)
    page = client.get(reverse("factsheet", args=["LA"]) + f"?period={FY}").content.decode()
    assert 'data-testid="events">0<' in page
    assert "No focal point recorded yet." in page and "No key partners recorded yet." in page


def test_the_cli_writes_the_fact_sheet_as_json_and_html(cast, tmp_path, capsys):
    build_thai_year(cast)
    args = ["factsheet", "--program", "test", "--period", FY, "--country", "TH"]
    call_command(*args, "--format", "json")
    data = json.loads(capsys.readouterr().out)
    assert data["events"] == 3 and data["participants"]["total"] == 11
    assert data["people_trained"]["percent"] == {
        "female": 50.0,
        "male": 25.0,
        "other": 13.0,
        "not_specified": 13.0,
    }
    assert data["focal_point"] == "Ministry of Justice"
    out = tmp_path / "th.html"
    call_command(*args, "--lang", "th", "-o", str(out))
    assert "ผู้เข้าร่วม" in out.read_text(encoding="utf-8")


def test_the_cli_refuses_outsiders_unknown_countries_and_foreign_languages(cast):
    args = ["factsheet", "--period", FY, "--format", "json"]
    with pytest.raises(CommandError, match="program"):
        call_command(*args, "--country", "TH", "--as", "outsider", "--program", "test")
    with pytest.raises(CommandError, match="unknown country"):
        call_command(*args, "--country", "XX", "--program", "test")
    with pytest.raises(CommandError, match="made in"):
        call_command(*args, "--country", "TH", "--lang", "vi", "--program", "test")
    with pytest.raises(CommandError, match="period"):
        call_command("factsheet", "--period", "FY20", "--country", "TH", "--program", "test")


def test_shares_of_zero_participants_are_not_printed():
    assert share(0, 0) is None
    assert Decimal("0.0") == share(1, 100_000)


def test_the_cli_writes_the_fact_sheet_as_markdown_in_the_countrys_language(cast, capsys):
    build_thai_year(cast)
    call_command(
        "factsheet", "--program", "test", "--period", FY, "--country", "TH", "--format", "md"
    )
    english = capsys.readouterr().out
    assert "- **11** participants (55% female, 27% male, 9% other, 9% did not specify)" in english
    assert "## Key partners\n\n- Human Rights and Development Foundation\n" in english
    call_command(
        "factsheet",
        "--program",
        "test",
        "--period",
        FY,
        "--country",
        "TH",
        "--format",
        "md",
        "--lang",
        "th",
    )
    assert "- **8** ผู้ได้รับการฝึกอบรม (หญิง 50%" in capsys.readouterr().out


def test_a_pdf_for_a_period_that_cannot_be_read_is_a_bad_request(client, cast):
    client.login(username="viewer", password=PASSWORD)
    response = client.get(reverse("factsheet-pdf", args=["TH"]) + "?period=FY20")
    assert response.status_code == 400


@pytest.mark.skipif(not shutil.which("msgfmt"), reason="GNU gettext is not installed")
def test_the_committed_message_catalogs_are_compiled_from_their_po_files(tmp_path):
    locale = Path(__file__).resolve().parents[2] / "locale"
    for po in sorted(locale.glob("*/LC_MESSAGES/django.po")):
        fresh = tmp_path / f"{po.parts[-3]}.mo"
        subprocess.run(["msgfmt", "-o", str(fresh), str(po)], check=True)
        with fresh.open("rb") as new, po.with_suffix(".mo").open("rb") as committed:
            assert GNUTranslations(new)._catalog == GNUTranslations(committed)._catalog, po


def test_the_fact_sheet_index_lists_member_states_with_their_events_and_languages(client, cast):
    build_thai_year(cast)
    client.login(username="thai", password=PASSWORD)
    page = client.get(reverse("factsheet-index") + f"?period={FY}").content.decode()
    assert 'data-testid="events-TH">3<' in page and 'data-testid="events-KH">1<' in page
    assert "/reports/factsheet/TH/?period=FY2024-25&amp;lang=th" in page
    assert "/reports/factsheet/KH.pdf?period=FY2024-25&amp;lang=km" in page
    assert "Timor-Leste" in page
