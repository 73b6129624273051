"""Values as people write them in sheets and forms, read into the values the system stores.

Each `normalise_*` function takes what a cell holds (text, a number, a date, None) and
returns the stored value, or raises NormaliseError whose message says, in plain words, what
is wrong with the value and what to write instead. docs/imports.md lists what each accepts.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import lru_cache

from django.utils.translation import gettext as _

from ctip.lib.countries import CountryError
from ctip.lib.countries import normalise_country as _normalise_country


class NormaliseError(ValueError):
    """A value that cannot be read; the message says why, for the person who wrote it."""


# -- invisible characters --------------------------------------------------------------
# The one normalisation point for text that enters (imports, web forms, the admin site,
# registration, commands): docs/security.md, "Invisible characters".
# Format characters nobody types on purpose and that change how text looks: bidi embeddings,
# overrides and isolates (U+202A–U+202E, U+2066–U+2069), bidi marks (U+200E, U+200F, U+061C),
# zero-width space, joiners and word joiner (U+200B–U+200D, U+2060–U+2064), byte-order mark
# (U+FEFF), interlinear annotation (U+FFF9–U+FFFB). Stripped wherever text enters: they come
# invisibly with copied text, and the writer cannot see them to remove them.
_FORMAT = re.compile(
    "[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb]"
)
# Control characters (NUL and the rest of C0 but tab, line feed and carriage return; DEL;
# C1): no keyboard types them. Refused in import files and web forms (a damaged or hostile
# file or client); stripped by strip_invisible() as the last line before the database.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def strip_invisible(value: str) -> str:
    """VALUE without invisible format characters and control characters (see above)."""
    return _CONTROL.sub("", _FORMAT.sub("", value))


def has_control(value: str) -> bool:
    """True when VALUE holds a control character that is refused where text enters."""
    return _CONTROL.search(value) is not None


def control_refusal() -> str:
    """The message for text that holds a control character."""
    return _(
        "this holds a control character (such as NUL) that cannot be stored; "
        "type the text again, or save the file again as .xlsx or CSV UTF-8"
    )


def text(value) -> str:
    """The cell as text: None is blank; numbers without a spurious ".0"; spaces trimmed;
    invisible format and control characters removed."""
    if value is None:
        return ""
    if isinstance(value, str) and value.isascii() and value.isprintable():
        # Most cells (an import reads millions): printable ASCII is in normal form and holds
        # no format or control character; only the spacing is left to tidy.
        return " ".join(value.split())
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(strip_invisible(unicodedata.normalize("NFC", str(value))).split())


def key(value) -> str:
    """A comparison key: case, spaces, hyphens and underscores do not matter."""
    return re.sub(r"[\s_\-]+", " ", text(value).casefold()).strip()


def header(value) -> str:
    """A column header as a canonical name: `Event ID` → `event_id`. Group prefixes of
    KoboToolbox/ODK exports (`group_person/full_name`) are dropped."""
    name = text(value).rsplit("/", 1)[-1]
    return re.sub(r"[\s\-]+", "_", name.strip().casefold()).strip("_")


def person_name_key(name: str) -> str:
    """The key two spellings of a name must share to be the same name as written: Unicode
    normal form, case and spacing do not matter; letters and their accents do."""
    if name.isascii():  # in normal form already; casefold() is lower() there
        return " ".join(name.lower().split())
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


# -- sex ----------------------------------------------------------------------------------

_SEX_WORDS = {
    "female": ("female", "f", "woman", "women", "girl"),
    "male": ("male", "m", "man", "men", "boy"),
    "other": ("other", "o", "x", "non binary", "nonbinary"),
    "not-specified": (
        "not specified",
        "not-specified",
        "prefer not to say",
        "did not specify",
        "unspecified",
        "unknown",
    ),
}
# The region's languages: Thai, Vietnamese, Indonesian/Malay, Filipino, Khmer, Lao, Burmese.
_SEX_WORDS_REGIONAL = {
    "female": ("หญิง", "nữ", "nu", "perempuan", "wanita", "babae", "ស្រី", "ຍິງ", "မ", "အမျိုးသမီး"),
    "male": (
        "ชาย",
        "nam",
        "laki-laki",
        "laki laki",
        "lelaki",
        "pria",
        "lalaki",
        "ប្រុស",
        "ຊາຍ",
        "ကျား",
        "အမျိုးသား",
    ),  # noqa: E501
}
_SEX = {
    key(word): sex
    for table in (_SEX_WORDS, _SEX_WORDS_REGIONAL)
    for sex, words in table.items()
    for word in words
}


def normalise_sex(value) -> str:
    """female, male, other or not-specified (blank)."""
    written = text(value)
    if not written:
        return "not-specified"
    sex = _SEX.get(key(written))
    if sex is None:
        raise NormaliseError(
            _('"%(value)s" is not a sex we know; use female, male, other or leave blank')
            % {"value": written}
        )
    return sex


# -- yes / no -----------------------------------------------------------------------------

# Yes and no in the program's languages: English, Thai, Lao, Khmer, Vietnamese, Indonesian,
# Filipino, Burmese (with and without the polite particles people add).
_YES = (
    "yes", "y", "true", "1", "x", "ok",
    "ใช่", "มี", "ใช่ค่ะ", "ใช่ครับ", "ยินยอม",
    "ແມ່ນ", "ແມ່ນແລ້ວ", "ເຈົ້າ", "ຍິນຍອມ",
    "បាទ", "ចាស", "បាទ/ចាស", "យល់ព្រម",
    "có", "co", "vâng", "đồng ý",
    "ya", "iya", "setuju",
    "oo", "opo", "oo po", "sang-ayon",
    "ဟုတ်", "ဟုတ်ကဲ့", "သဘောတူ", "သဘောတူပါသည်",
)  # fmt: skip
_NO = (
    "no", "n", "false", "0",
    "ไม่", "ไม่ใช่", "ไม่มี", "ไม่ยินยอม", "ไม่ค่ะ", "ไม่ครับ",
    "ບໍ່", "ບໍ່ແມ່ນ", "ບໍ່ຍິນຍອມ",
    "ទេ", "មិនមែន", "អត់ទេ", "អត់", "មិនយល់ព្រម",
    "không", "khong", "không đồng ý",
    "tidak", "tdk", "bukan", "tidak setuju",
    "hindi", "hindi po", "ayaw", "hindi sang-ayon",
    "မဟုတ်", "မဟုတ်ပါ", "မဟုတ်ဘူး", "သဘောမတူ", "သဘောမတူပါ",
)  # fmt: skip
_YES_NO = {**{key(word): True for word in _YES}, **{key(word): False for word in _NO}}
# How people write a refusal or an agreement in a consent column, beyond yes and no.
_CONSENT = {
    **_YES_NO,
    **{
        key(words): False
        for words in (
            "no consent",
            "not given",
            "do not consent",
            "does not consent",
            "declined",
            "refused",
            "withdrawn",
            "do not agree",
            "disagree",
            "no, do not keep my details",
        )
    },
    **{
        key(words): True
        for words in ("consent given", "given", "consented", "agree", "agreed", "i agree")
    },
}


def _answer(value, table) -> tuple[bool | None, str]:
    written = text(value)
    if not written:
        return None, ""
    return table.get(key(written.rstrip(".!。").strip())), written


def normalise_yes_no(value) -> bool | None:
    """True for yes, False for no, None for blank."""
    if isinstance(value, bool):
        return value
    answer, written = _answer(value, _YES_NO)
    if answer is None and written:
        raise NormaliseError(
            _('"%(value)s" is not yes or no; write yes, no or leave blank') % {"value": written}
        )
    return answer


def normalise_consent(value) -> bool | None:
    """A consent answer: True (yes, agreed), False (no, declined, in any of the program's
    languages), None for blank. Anything else is an error: a consent that cannot be read
    must never be taken for a yes."""
    if isinstance(value, bool):
        return value
    answer, written = _answer(value, _CONSENT)
    if answer is None and written:
        raise NormaliseError(
            _(
                '"%(value)s" is not a consent answer we can read; write yes or no (a row whose '
                "consent is unclear cannot be kept)"
            )
            % {"value": written}
        )
    return answer


# -- countries ----------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _country(written: str, allow_regional: bool) -> str:
    return _normalise_country(written, allow_regional=allow_regional)


def normalise_country(value, *, allow_regional: bool = False) -> str | None:
    """ISO alpha-2 code (or ASEAN where ALLOW_REGIONAL) for a code or English name; None
    for blank."""
    written = text(value)
    if not written:
        return None
    try:
        return _country(written, allow_regional)
    except CountryError:
        if allow_regional:
            message = _(
                '"%(value)s" is not a country we know; write a country\'s name or ISO code, '
                "or ASEAN for a regional event"
            )
        else:
            message = _('"%(value)s" is not a country we know; write a country\'s name or ISO code')
        raise NormaliseError(message % {"value": written}) from None


# -- dates --------------------------------------------------------------------------------

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?$")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[ \-]([a-z]+)\.?,?[ \-](\d{4})$")
_MONTH_DAY_YEAR = re.compile(r"^([a-z]+)\.? (\d{1,2}),? (\d{4})$")
_NUMERIC = re.compile(r"^\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}$")


# Thailand (and Lao and Khmer usage) counts years in the Buddhist era: 2568 BE = 2025 CE.
BUDDHIST_ERA_OFFSET = 543
_BUDDHIST_YEARS = range(2400, 2700)


def _gregorian_year(year: int, month: int, day: int, written) -> dt.date:
    if year in _BUDDHIST_YEARS:
        _refuse_buddhist_year(year, month, day, written)
    return dt.date(year, month, day)


def _gregorian(date: dt.date, written) -> dt.date:
    if date.year in _BUDDHIST_YEARS:
        _refuse_buddhist_year(date.year, date.month, date.day, written)
    return date


def _refuse_buddhist_year(year: int, month: int, day: int, written) -> None:
    gregorian = year - BUDDHIST_ERA_OFFSET
    raise NormaliseError(
        _(
            '"%(value)s": %(year)s looks like a year of the Buddhist era; write the Gregorian '
            "year, %(gregorian)s (%(example)s)"
        )
        % {
            "value": written if isinstance(written, str) else f"{year:04d}-{month:02d}-{day:02d}",
            "year": year,
            "gregorian": gregorian,
            "example": f"{gregorian:04d}-{month:02d}-{day:02d}",
        }
    )


def normalise_date(value) -> dt.date | None:
    """A date from a real spreadsheet date, ISO text (2024-09-10) or text with the month
    in words (10 September 2024, 10-Sep-2024, Sep 10, 2024); None for blank.

    Numeric dates such as 03/04/2024 are refused: half the region writes day first and
    some software month first, so they cannot be read without guessing."""
    if isinstance(value, dt.datetime):
        return _gregorian(value.date(), value)
    if isinstance(value, dt.date):
        return _gregorian(value, value)
    written = text(value)
    if not written:
        return None
    lowered = written.casefold()
    try:
        if match := _ISO.match(lowered):
            return _gregorian_year(int(match[1]), int(match[2]), int(match[3]), written)
        if match := _DAY_MONTH_YEAR.match(lowered):
            if match[2] in _MONTHS:
                return _gregorian_year(int(match[3]), _MONTHS[match[2]], int(match[1]), written)
        if match := _MONTH_DAY_YEAR.match(lowered):
            if match[1] in _MONTHS:
                return _gregorian_year(int(match[3]), _MONTHS[match[1]], int(match[2]), written)
    except NormaliseError:
        raise
    except ValueError:
        raise NormaliseError(_('"%(value)s" is not a real date') % {"value": written}) from None
    if _NUMERIC.match(lowered):
        raise NormaliseError(
            _(
                '"%(value)s" could be read two ways (day or month first); write dates as '
                "YYYY-MM-DD, e.g. 2024-09-10, or as a date cell"
            )
            % {"value": written}
        )
    raise NormaliseError(
        _('"%(value)s" is not a date; write dates as YYYY-MM-DD, e.g. 2024-09-10')
        % {"value": written}
    )


# -- coded values -------------------------------------------------------------------------


def normalise_choice(value, choices: dict[str, str], *, what: str, default: str = "") -> str:
    """One of a list of codes. CHOICES maps every accepted spelling's key() to its code;
    WHAT names the kind of value in the message (e.g. "an event type")."""
    written = text(value)
    if not written:
        if default:
            return default
        raise NormaliseError(_("%(what)s is needed here") % {"what": what})
    code = choices.get(key(written))
    if code is None:
        listed = ", ".join(sorted(set(choices.values())))
        raise NormaliseError(
            _('"%(value)s" is not %(what)s we know; use one of %(listed)s')
            % {"value": written, "what": what, "listed": listed}
        )
    return code


def choice_table(codes, aliases: dict[str, str] | None = None) -> dict[str, str]:
    """The CHOICES for normalise_choice: every code, its key, and ALIASES (spelling → code)."""
    table = {key(code): code for code in codes}
    for spelling, code in (aliases or {}).items():
        table[key(spelling)] = code
    return table


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def normalise_email(value) -> str:
    """An e-mail address in lower case; blank stays blank."""
    written = text(value)
    if not written:
        return ""
    if not _EMAIL.match(written):
        raise NormaliseError(_('"%(value)s" is not an e-mail address') % {"value": written})
    return written.lower()


def normalise_numbers(value) -> list[int]:
    """Whole numbers written as a list: `1;4;8`, `1, 4, 8`, `IO 4`, a single number."""
    written = text(value)
    if not written:
        return []
    numbers = []
    for part in re.split(r"[;,/\s]+", written):
        digits = re.sub(r"^(io|outcome)\.?", "", part.casefold())
        if not digits:
            continue
        if not digits.isdigit():
            raise NormaliseError(
                _('"%(value)s" is not a list of numbers; write them like 1;4;8')
                % {"value": written}
            )
        numbers.append(int(digits))
    return sorted(set(numbers))
