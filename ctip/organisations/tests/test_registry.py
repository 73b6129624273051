"""The organisation registry: loading a registry file, aliases found on import, duplicates
proposed and merged, and the linkage model comparing organisations through it."""

import csv
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ctip.imports.tests.sheets import ATTENDANCE_HEADER, write
from ctip.organisations.models import Organisation, OrganisationAlias
from ctip.organisations.registry import Registry
from ctip.people.models import Attendance

REGISTRY_HEADER = ["key", "country", "type", "parent", "name", "acronym", "aliases"]


def organisations(*args, acting_as=None):
    out = StringIO()
    extra = ["--as", acting_as] if acting_as else []
    call_command("organisations", *extra, *args, stdout=out)
    return out.getvalue()


def import_sheet(path):
    call_command(
        "import", "attendance", str(path), "--program", "test", "--consent-version", "p1",
        stdout=StringIO(), stderr=StringIO(),
    )  # fmt: skip


def sheet_row(name, organisation, email, *, event="TH-001", country="Thailand", kind=""):
    """A row of the attendance sheet (ATTENDANCE_HEADER); KIND, the organisation's type."""
    return [event, name, "female", country, organisation, kind, "", email, "", "", ""]


def organisation_of_each(field):
    """Each attendance's name as written -> its organisation's FIELD."""
    return {
        attendance.name_as_written: getattr(attendance.organisation, field)
        for attendance in Attendance.objects.select_related("organisation")
    }


def test_the_seed_registry_loads_once_and_again_changes_nothing(cast):
    out = organisations("load", "--seed")
    assert "90 added" in out
    court = Organisation.objects.get(name="Supreme Court of Indonesia")
    assert court.acronym == "MA RI"
    assert "Mahkamah Agung RI" in court.aliases.values_list("alias", flat=True)
    bareskrim = Organisation.objects.get(acronym="Bareskrim")
    assert bareskrim.parent.acronym == "POLRI"
    counts = (Organisation.objects.count(), OrganisationAlias.objects.count())
    assert "0 added, 0 updated" in organisations("load", "--seed")
    assert (Organisation.objects.count(), OrganisationAlias.objects.count()) == counts


def test_a_sheet_naming_an_agency_by_alias_or_acronym_finds_the_one_organisation(cast, tmp_path):
    organisations("load", "--seed")
    rows = [
        sheet_row("Malee Jaidee", "สำนักงานตำรวจแห่งชาติ", "malee@example.org"),
        sheet_row("Suda Srisuk", "RTP", "suda@example.org"),
        sheet_row("Kanya Boonma", "Thai Police", "kanya@example.org"),
        sheet_row("Apinya Wongsawat", "M-Society", "apinya@example.org"),
    ]
    import_sheet(write(tmp_path / "sheet.xlsx", ATTENDANCE_HEADER, rows))
    written = organisation_of_each("name")
    assert written["Malee Jaidee"] == "Royal Thai Police"
    assert written["Suda Srisuk"] == "Royal Thai Police"
    assert written["Kanya Boonma"] == "Royal Thai Police"
    assert written["Apinya Wongsawat"] == "Ministry of Social Development and Human Security"


def test_an_acronym_two_countries_use_is_the_agency_of_the_events_country_when_the_row_gives_none(
    cast, tmp_path
):
    organisations("load", "--seed")
    rows = [
        sheet_row("Sok Dara", "MOJ", "dara@example.org", event="KH-001", country=""),
        sheet_row("Malee Jaidee", "MOJ", "malee@example.org", country=""),
        # the row's own country wins over the event's
        sheet_row("Bounmy Vongsa", "MOJ", "bounmy@example.org", country="Laos"),
        sheet_row("Nguyen Van Anh", "Ministry of Public Security", "anh@example.org",
                  event="KH-001", country=""),
    ]  # fmt: skip
    import_sheet(write(tmp_path / "sheet.xlsx", ATTENDANCE_HEADER, rows))
    country_of = organisation_of_each("country_id")
    assert country_of["Sok Dara"] == "KH"
    assert country_of["Malee Jaidee"] == "TH"
    assert country_of["Bounmy Vongsa"] == "LA"
    # no Ministry of Public Security in Cambodia: one of the two there are, as before
    assert country_of["Nguyen Van Anh"] in ("VN", "LA")


def test_a_sheet_writing_an_agency_the_ways_sheets_do_finds_it_without_a_type(cast, tmp_path):
    organisations("load", "--seed")

    def row(name, organisation, country="Philippines"):
        email = f"{name.split()[0].lower()}@example.org"
        return sheet_row(name, organisation, email, country=country)

    rows = [
        row("Ana Reyes", "Department of Justice (DOJ)"),  # its acronym in brackets
        row("Liza Cruz", "Dept. of Justice"),  # a word shortened
        row("Joy Santos", "DOJ-IACAT"),  # an agency and the unit of it
        row("Mae Garcia", "DSWD Region VII"),  # an agency's regional office
        row("Sophea Meas", "NCCT Cambodia", "Cambodia"),  # the country beside it
        row("Bounmy Vongsa", "Lao Women Union", "Laos"),  # a possessive left out
    ]
    import_sheet(write(tmp_path / "sheet.xlsx", ATTENDANCE_HEADER, rows))
    written = organisation_of_each("acronym")
    assert written["Ana Reyes"] == written["Liza Cruz"] == "DOJ"
    assert written["Joy Santos"] == "IACAT"
    assert written["Mae Garcia"] == "DSWD"
    assert written["Sophea Meas"] == "NCCT"
    assert written["Bounmy Vongsa"] == "LWU"


def test_an_agency_written_in_british_or_american_spelling_is_one():
    registry = Registry.seed()
    assert registry.match("Ministry of Labor and Social Welfare", "LA") == registry.match(
        "Ministry of Labour and Social Welfare", "LA"
    )
    assert registry.match("International Organisation for Migration") == registry.match("IOM")


def test_a_country_named_beside_an_agency_is_the_agencys_whatever_the_event():
    registry = Registry.seed()
    # a Cambodian official at a training in Bangkok writes his ministry and his country
    assert registry.match("Ministry of Justice - Cambodia", "TH") == registry.match("MOJ", "KH")
    assert registry.match("MOJ (Thailand)") == registry.match("MOJ", "TH")


def test_readings_that_name_two_unrelated_agencies_name_none():
    registry = Registry.seed()
    assert registry.match("PNP / DSWD", "PH") is None
    assert registry.match("DOJ / NBI", "PH") == registry.match("NBI", "PH")  # NBI is DOJ's
    assert registry.match("Blue Sky Foundation", "TH") is None


def test_a_registry_file_with_a_bad_type_is_refused_naming_row_and_column(db, tmp_path):
    path = write(
        tmp_path / "registry.csv",
        REGISTRY_HEADER,
        [
            ["kh-moj", "KH", "government-national", "", "Ministry of Justice", "MOJ", "MoJ"],
            ["kh-x", "KH", "ministry", "", "Ministry of Something", "", ""],
        ],
    )
    with pytest.raises(CommandError, match=r"row 3, column type: 'ministry'.*nothing was loaded"):
        organisations("load", str(path))
    assert not Organisation.objects.filter(name="Ministry of Justice").exists()


def test_a_registry_file_names_parents_and_aliases_per_language(cast, tmp_path):
    path = write(
        tmp_path / "registry.csv",
        REGISTRY_HEADER,
        [
            ["kh-moi", "KH", "government-national", "", "Ministry of Interior", "MOI", ""],
            ["kh-ahtjp", "KH", "government-national", "kh-moi",
             "Anti-Human Trafficking and Juvenile Protection Department", "AHTJP",
             "AHTJPD|km:នាយកដ្ឋានប្រឆាំងការជួញដូរមនុស្ស"],
        ],
    )  # fmt: skip
    organisations("load", str(path))
    unit = Organisation.objects.get(acronym="AHTJP")
    assert unit.parent.name == "Ministry of Interior"
    assert set(unit.aliases.values_list("language", "alias")) == {
        ("", "AHTJPD"),
        ("km", "នាយកដ្ឋានប្រឆាំងការជួញដូរមនុស្ស"),
    }


def test_an_agency_written_two_ways_is_proposed_for_merging_and_merged(cast, tmp_path):
    rows = [
        ["TH-001", "Malee Jaidee", "female", "Cambodia", "MOJ", "government-national",
         "", "malee@example.org", "", "", ""],
        ["TH-001", "Sophea Meas", "female", "Cambodia", "Ministry of Justice",
         "government-national", "", "sophea@example.org", "", "", ""],
    ]  # fmt: skip
    import_sheet(write(tmp_path / "sheet.csv", ATTENDANCE_HEADER, rows))
    acronym = Organisation.objects.get(name="MOJ")
    full = Organisation.objects.get(name="Ministry of Justice")
    proposals = organisations("duplicates")
    assert f"{full.pk},Ministry of Justice,{acronym.pk},MOJ,KH" in proposals
    out = organisations("merge", str(full.pk), str(acronym.pk))
    assert "1 records" in out and "1 attendances" in out
    assert not Organisation.objects.filter(pk=acronym.pk).exists()
    written = Attendance.objects.filter(name_as_written__in=["Malee Jaidee", "Sophea Meas"])
    assert set(written.values_list("organisation__name", flat=True)) == {"Ministry of Justice"}
    assert "MOJ" in full.aliases.values_list("alias", flat=True)
    assert organisations("duplicates").strip().count("\n") == 0  # the header alone


def test_an_acronym_a_row_gives_no_country_for_is_placed_where_the_registry_has_that_agency(
    cast, tmp_path
):
    # the program has not loaded the registry: "MOJ" on a row from an event in Cambodia is
    # added as Cambodia's, and proposed for merging with the Ministry of Justice written in
    # full there
    at_phnom_penh = {"event": "KH-001", "kind": "government-national"}
    rows = [
        sheet_row("Sok Dara", "MOJ", "dara@example.org", country="", **at_phnom_penh),
        sheet_row("Sophea Meas", "Ministry of Justice", "sophea@example.org",
                  country="Cambodia", **at_phnom_penh),
    ]  # fmt: skip
    import_sheet(write(tmp_path / "sheet.csv", ATTENDANCE_HEADER, rows))
    acronym = Organisation.objects.get(name="MOJ")
    full = Organisation.objects.get(name="Ministry of Justice")
    assert acronym.country_id == "KH"
    proposals = list(csv.DictReader(StringIO(organisations("duplicates"))))
    assert [(row["keep_id"], row["drop_id"]) for row in proposals] == [
        (str(full.pk), str(acronym.pk))
    ]


def test_an_agency_the_registry_lacks_written_as_its_initials_is_proposed_for_merging(
    cast, tmp_path
):
    government = {"country": "Indonesia", "kind": "government-national"}
    ngo = {"country": "Indonesia", "kind": "ngo-cso"}
    rows = [
        sheet_row("Wahyuni", "LPSK", "wahyuni@example.org", **government),
        sheet_row("Sri Rahayu", "Lembaga Perlindungan Saksi dan Korban", "sri@example.org",
                  **government),
        # two words make initials too many agencies share: not proposed
        sheet_row("Dewi Lestari", "LP", "dewi@example.org", **ngo),
        sheet_row("Ayu Lestari", "Lentera Perempuan", "ayu@example.org", **ngo),
    ]  # fmt: skip
    import_sheet(write(tmp_path / "sheet.csv", ATTENDANCE_HEADER, rows))
    short = Organisation.objects.get(name="LPSK")
    full = Organisation.objects.get(name="Lembaga Perlindungan Saksi dan Korban")
    proposals = list(csv.DictReader(StringIO(organisations("duplicates"))))
    assert [(row["keep_id"], row["drop_id"], row["why"]) for row in proposals] == [
        (str(full.pk), str(short.pk), 'both are written "lpsk"')
    ]


def test_a_country_officer_may_not_change_the_registry(cast):
    with pytest.raises(CommandError, match="only an administrator or MEL officer"):
        organisations("load", "--seed", acting_as=cast.thai_officer.username)


def test_the_registry_matches_acronyms_aliases_and_script_within_the_country():
    registry = Registry.seed()
    assert registry.match("MOJ", "KH") == registry.match("Ministry of Justice", "KH")
    assert registry.match("MOJ", "KH") != registry.match("MOJ", "LA")
    assert registry.match("MOJ") is None  # which country's?
    assert registry.match("MA RI", "ID") == registry.match("Mahkamah Agung R.I.", "ID")
    assert registry.match("Bộ Công an", "VN") == registry.match("MPS", "VN")
    assert registry.match("MoLISA", "VN") == registry.match("MOLISA", "VN")
    assert registry.root(registry.match("Bareskrim Polri", "ID")) == registry.match("POLRI", "ID")


def test_organisations_kept_apart_are_not_proposed_again(cast, tmp_path):
    rows = [
        ["TH-001", "Malee Jaidee", "female", "Cambodia", "MOJ", "government-national",
         "", "malee@example.org", "", "", ""],
        ["TH-001", "Sophea Meas", "female", "Cambodia", "Ministry of Justice",
         "government-national", "", "sophea@example.org", "", "", ""],
    ]  # fmt: skip
    import_sheet(write(tmp_path / "sheet.csv", ATTENDANCE_HEADER, rows))
    acronym = Organisation.objects.get(name="MOJ")
    full = Organisation.objects.get(name="Ministry of Justice")
    assert "kept apart" in organisations("keep-apart", str(acronym.pk), str(full.pk))
    assert organisations("duplicates").strip().count("\n") == 0
    assert Organisation.objects.filter(pk__in=[acronym.pk, full.pk]).count() == 2
