"""Names shown in Latin letters read as the people they belong to would write them."""

import pytest

from ctip.lib.names import romanise
from ctip.lib.romanisation import romanise_burmese, romanise_khmer, romanise_lao


@pytest.mark.parametrize(
    ("name", "latin"),
    [
        ("กาญจนา วงศ์ใหญ่", "Kanchana Wongyai"),
        ("สมชาย ศรีสุข", "Somchai Srisuk"),
        ("อภิสิทธิ์ เวชชาชีวะ", "Aphisit Wetchachiwa"),
        ("ประยุทธ์ จันทร์โอชา", "Prayut Chanocha"),
        ("อรุณ สมหญิง", "Arun Somying"),
        ("ปวีณา ศิริพร", "Pawina Siriphon"),
        ("กนกวรรณ ทักษิณ", "Kanokwan Thaksin"),
    ],
)
def test_thai_names_follow_the_royal_institute_system_with_capitals(name, latin):
    assert romanise(name) == latin


@pytest.mark.parametrize(
    ("name", "latin"),
    [
        ("ສົມພອນ ແກ້ວມະນີ", "Somphon Keomani"),
        ("ບຸນມີ ສີສຸກ", "Bounmi Sisouk"),
        ("ທອງລຸນ ສີສຸລິດ", "Thongloun Sisoulit"),
        ("ຄໍາພອນ ພົມວິຫານ", "Khamphon Phomvihan"),
    ],
)
def test_lao_names_read_in_the_customary_romanisation(name, latin):
    assert romanise(name) == latin


@pytest.mark.parametrize(
    ("name", "latin"),
    [
        ("សុខ ចាន់", "Sok Chan"),
        ("សុភា ដារ៉ា", "Sophea Dara"),
        ("សំណាង ហេង", "Samnang Heng"),
        ("ពិសី ស្រីមុំ", "Pisey Sreymom"),
        ("វណ្ណៈ សុវណ្ណ", "Vannak Sovann"),
        ("គឹម ហ៊ុន", "Kim Hun"),
        ("ចន្ថា សុខា", "Chantha Sokha"),
    ],
)
def test_khmer_names_read_by_the_customary_syllable_table(name, latin):
    assert romanise(name) == latin


@pytest.mark.parametrize(
    ("name", "latin"),
    [
        ("အောင်ဆန်းစုကြည်", "Aung San Su Kyi"),
        ("မောင်မောင်", "Maung Maung"),
        ("ခင်ညွန့်", "Khin Nyunt"),
        ("သိန်းစိန်", "Thein Sein"),
        ("ထင်ကျော်", "Htin Kyaw"),
        ("မြင့်ဆွေ", "Myint Swe"),
        ("သန်းရွှေ", "Than Shwe"),
        ("တင်တင်အေး", "Tin Tin Aye"),
        ("ဇော်ဝင်း", "Zaw Win"),
        ("စန်းစန်းနွယ်", "San San Nwe"),
        ("ဦးနု", "U Nu"),
    ],
)
def test_burmese_names_read_one_capitalised_word_per_syllable(name, latin):
    assert romanise(name) == latin


@pytest.mark.parametrize(
    ("name", "latin"),
    [
        ("Nguyễn Thị Hương", "Nguyen Thi Huong"),
        ("Trần Văn Đức", "Tran Van Duc"),
        ("  Maria   Santos ", "Maria Santos"),
        ("Siti Nurhaliza", "Siti Nurhaliza"),
    ],
)
def test_latin_names_keep_their_letters_without_diacritics(name, latin):
    assert romanise(name) == latin


def test_no_letter_by_letter_transliteration_is_left_in_the_region_scripts():
    """What the old romanisation printed for these names (ICU/anyascii letter by letter)."""
    assert romanise("กาญจนา วงศ์ใหญ่") != "kaychna wngsaihy"
    for word, romanised in (
        ("ແກ້ວມະນີ", romanise_lao("ແກ້ວມະນີ")),
        ("សុវណ្ណ", romanise_khmer("សុវណ្ណ")),
        ("ခင်ညွန့်", romanise_burmese("ခင်ညွန့်")),
    ):
        assert romanised.isascii() and romanised, word


def test_a_person_entered_without_a_latin_name_is_shown_with_the_readable_one(program):
    from ctip.people.actions import do_create_person

    consent = {"consent_given": True, "consent_version": "v1"}
    person = do_create_person(program, full_name="กาญจนา วงศ์ใหญ่", sex="female", **consent)
    assert person.romanised_name == "Kanchana Wongyai"
    given = do_create_person(program, full_name="มาลี ใจดี", romanised_name="Malee Jaidee", **consent)
    assert given.romanised_name == "Malee Jaidee"  # what the person writes wins
