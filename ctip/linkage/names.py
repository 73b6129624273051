"""Names made comparable: one Latin-script form per name, titles and degrees kept aside.

normalise_name("Pol. Lt. Col. Somchay Boonma") gives the tokens ["somchay", "boonma"], the
titles ["pol", "lt", "col"] and the sound key "bunma somchai". Steps:

1. script → Latin: Thai by the Royal Institute system (pythainlp's offline "royin" engine,
   the spelling most Thai names are customarily close to), every other script by anyascii
   (Vietnamese diacritics and Đ, Lao, Khmer, Burmese letter by letter);
2. "Santos, Maria Cristina" → "Maria Cristina Santos" (a comma after the family name);
   comma-separated degrees ("Budi Santoso, S.H., M.H.") are set aside, not reordered;
3. titles and honorifics in front (U, Daw, Pol. Lt. Col., Atty., Judge, Dr., Khun, Ibu; in
   Thai script นาย, นางสาว, พ.ต.อ., with a space or joined to the name) and degrees behind
   (S.H., M.Si., Ph.D.) are set aside: the same person writes them one day and not the next;
   so is a Malay "bin"/"binti" between the given name and the father's;
4. "Ma." → "maria", "Mohd"/"Md."/"Moch."/"Mohammad" → "muhammad";
5. the sound key folds common romanisation variants: Somchai/Somchay, Boonma/Bunma,
   Phongsak/Pongsak, Vichai/Wichai, Jirapa/Chirapa, doubled letters.

Comparisons then work on ASCII letters only, where DuckDB's byte-wise string distances
count letters correctly.
"""

from __future__ import annotations

import csv
import functools
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from anyascii import anyascii

# Titles, honorifics, ranks and degrees per country are data (ctip/linkage/data/), not
# code: a program adds the ones its sheets use without a release.
_DATA = Path(__file__).parent / "data"


def _read_words(file_name: str) -> list[dict]:
    with open(_DATA / file_name, encoding="utf-8", newline="") as file:
        return [row for row in csv.DictReader(file) if row["word"].strip()]


_TITLE_ROWS = _read_words("titles.csv")
# Leading words that say who someone is, not what they are called. Lower case, dots removed.
TITLES = frozenset(row["word"].strip() for row in _TITLE_ROWS)
# Titles that are also common given names: only set aside when more of the name follows.
_AMBIGUOUS_TITLES = frozenset(
    row["word"].strip() for row in _TITLE_ROWS if row["also_a_name"].strip()
)
# Titles that are one only after or before another ("Sri" in "Dato' Sri", "Tan" in "Tan
# Sri"; names elsewhere: Sri Wahyuni, Tan Ah Kow): the word -> the titles it follows or
# the words it comes before
_TITLES_AFTER = {
    row["word"].strip(): frozenset(row["after"].split())
    for row in _TITLE_ROWS
    if (row.get("after") or "").strip()
}
_TITLES_BEFORE = {
    row["word"].strip(): frozenset(row["before"].split())
    for row in _TITLE_ROWS
    if (row.get("before") or "").strip()
}
# What a title says of its bearer's sex ("Mrs.", "Daw", "Ibu" female; "Mr.", "U", "Bapak"
# male): sheets without a sex column still say it in front of the name.
TITLE_SEX = {
    row["word"].strip(): row["sex"].strip() for row in _TITLE_ROWS if row.get("sex", "").strip()
}
# Degrees and suffixes written after the name (Indonesian academic degrees and others).
DEGREES = frozenset(row["word"].strip() for row in _read_words("degrees.csv"))

ABBREVIATIONS = {
    "ma.": "maria",
    "ma": None,  # "Ma" without a dot is a family name (Mã) or a Burmese honorific: keep
    "mohd": "muhammad",
    "md.": "muhammad",
    "muhd": "muhammad",
    "mhd": "muhammad",
    "moh": "muhammad",
    "muh": "muhammad",  # Indonesian: "Muh. Rizki", "Moch. Rizki"
    "moch": "muhammad",
    "much": "muhammad",
    # the name's spellings in Indonesia, Malaysia and the Philippines, one name
    **dict.fromkeys(
        (
            "mohammad",
            "mohamad",
            "muhamad",
            "mohammed",
            "mohamed",
            "muhammed",
            "mochammad",
            "mochamad",
            "muchammad",
            "muchamad",
            "mukhammad",
            "muhamed",
        ),
        "muhammad",
    ),  # fmt: skip
    "abd": "abdul",
    # the Arabic article of "Abdul" written as heard before its next name: Abdur Rahman,
    # Abdus Salam, Abdel Aziz; old Indonesian Abdoel
    **dict.fromkeys(("abdur", "abdus", "abdun", "abdud", "abdut", "abdel", "abdoel"), "abdul"),
    "b.": "bin",  # Malay: "Azman B. Ismail"
    "bt.": "binti",
    "bt": "binti",
    "bte": "binti",
    "sta.": "santa",
    "sto.": "santo",
}

# "Abdul" joined to the name after it (Abdulrahman, Abdulkadir), its l often written as
# that name's first letter (the Arabic article before a "sun letter": Abdurrahman,
# Abdussalam); Abdullah is a name of its own
_ABDUL_JOINED = re.compile(r"^abd[ueo](?:l(?!lah$)|([rsnzdt])(?=\1))(\w{3,})$")


def _abdul_apart(token: str) -> list[str]:
    """TOKEN, or "abdul" and the name it is joined to: the same person writes "Abdurrahman"
    and "Abdul Rahman"."""
    joined = _ABDUL_JOINED.match(token)
    return ["abdul", joined[2]] if joined else [token]


_THAI = re.compile(r"[\u0e00-\u0e7f]")
_SHORT_DOTTED_RUN = re.compile(r"\b(\w{1,3})\.\s(?=\w{1,3}\.)")
_NOT_ALNUM = re.compile(r"[^a-z0-9]")
_WORD = re.compile(r"(?:[^\W\d_]+\.)+[^\W\d_]*|[^\W\d_]+|\d+", re.UNICODE)
# "P/Col.", "Pol/Lt": a short word joined to a title by a slash is part of the title.
_SLASHED = re.compile(r"\b([^\W\d_]{1,5})\.?/([^\W\d_]+)", re.UNICODE)


@dataclass(frozen=True)
class NormalisedName:
    tokens: tuple[str, ...]  # the name proper, in written order, lower-case ASCII
    titles: tuple[str, ...] = field(default=())
    degrees: tuple[str, ...] = field(default=())
    # middle initials written ("Maria Fe N. Ocampo": n), left out of the tokens: a Filipino
    # middle initial is the mother's family name's, the same on every sheet
    initials: tuple[str, ...] = field(default=())

    @property
    def full(self) -> str:
        return " ".join(self.tokens)

    @property
    def sorted(self) -> str:
        """Order-free form: "Nguyen Van Anh" and "Anh Nguyen Van" give the same."""
        return " ".join(sorted(self.tokens))

    @property
    def sex(self) -> str | None:
        """The sex the titles say (TITLE_SEX), None when they say none or disagree."""
        said = {TITLE_SEX[title] for title in self.titles if title in TITLE_SEX}
        return said.pop() if len(said) == 1 else None

    @property
    def sound_tokens(self) -> tuple[str, ...]:
        return tuple(sound_key(token) for token in self.tokens)

    @property
    def sound(self) -> str:
        """Order-free sound key: Somchay Bunma and Boonma Somchai give the same."""
        return " ".join(sorted(self.sound_tokens))


# Thai titles and ranks in Thai script (data/thai_titles.csv), written before the name with
# a space or joined to it (นายสมชาย, นางสาวสมหญิง, พ.ต.อ.สมชาย): set aside before the
# name is romanised, the longest first (พ.ต.อ. before พ.ต., นางสาว before นาง).
_THAI_TITLE_ROWS = _read_words("thai_titles.csv")
_THAI_TITLES = sorted(
    (row["word"].strip() for row in _THAI_TITLE_ROWS), key=lambda word: (-len(word), word)
)
TITLE_SEX.update(
    {row["word"].strip(): row["sex"].strip() for row in _THAI_TITLE_ROWS if row["sex"].strip()}
)
# a Thai word begins with a consonant or a vowel written before it (เ แ โ ใ ไ); what is left
# when a title is taken off must, or the "title" was the start of a name (คุณากร)
_THAI_WORD_START = re.compile(r"[\u0e01-\u0e2e\u0e40-\u0e44]")


def thai_titles(text: str) -> tuple[tuple[str, ...], str]:
    """The Thai-script titles in front of TEXT, and the rest: "นางสาวสมหญิง ใจดี" gives
    (("นางสาว",), "สมหญิง ใจดี"). A title is taken off only where a name follows it."""
    titles: list[str] = []
    rest = text.strip()
    while True:
        for title in _THAI_TITLES:
            if rest.startswith(title):
                after = rest[len(title) :].lstrip()
                if _THAI_WORD_START.match(after) and len(after) >= 2:
                    titles.append(title)
                    rest = after
                    break
        else:
            return tuple(titles), rest


def to_latin(text: str) -> str:
    """TEXT in Latin letters: Thai by the Royal Institute system, the rest by anyascii."""
    text = unicodedata.normalize("NFC", text)
    if text.isascii():
        return text
    if _THAI.search(text):
        text = " ".join(
            _romanise_thai(word) if _THAI.search(word) else word for word in text.split()
        )
    return anyascii(text)


@functools.lru_cache(maxsize=65536)
def _romanise_thai(word: str) -> str:
    from pythainlp.transliterate import romanize

    return romanize(word, engine="royin")


def _clean(word: str) -> str:
    return word.lower().replace(".", "")


def _split_comma_parts(latin: str) -> tuple[list[str], list[str]]:
    """Words in name order, and degrees found in comma-separated tails."""
    parts = [part.strip() for part in latin.split(",") if part.strip()]
    degrees: list[str] = []
    kept: list[list[str]] = []
    for part in parts:
        words = _WORD.findall(part)
        if words and all(_clean(word) in DEGREES for word in words) and kept:
            degrees += [_clean(word) for word in words]
        elif words:
            kept.append(words)
    if len(kept) == 2:  # "Santos, Maria Cristina": family name first, then given names
        # a title written before the family name ("Mrs. Marquez, Maria") stays in front
        family, given = kept
        lead = []
        while len(family) > 1 and _clean(family[0]) in TITLES:
            lead.append(family.pop(0))
        kept = [lead + given, family]
    return [word for words in kept for word in words], degrees


def _split_dotted_titles(words: list[str]) -> list[str]:
    """A dotted run that is one degree ("S.H.", "M.Si.") or one title of initials ("H.E.")
    stays one word; any other ("Pol.Lt.Col.", "Drs.H.") splits at its dots."""
    out: list[str] = []
    for word in words:
        pieces = [piece for piece in word.split(".") if piece]
        initials = all(len(piece) == 1 for piece in pieces)  # "H.E.": one title of initials
        if (
            len(pieces) > 1
            and _clean(word) not in DEGREES
            and not (initials and _clean(word) in TITLES)
        ):
            out += [piece + "." for piece in pieces]
        else:
            out.append(word)
    return out


@functools.lru_cache(maxsize=262144)
def normalise_name(name: str) -> NormalisedName:
    """The comparable form of NAME as written (any script); see the module docstring."""
    thai, name = thai_titles(name or "") if _THAI.search(name or "") else ((), name or "")
    latin = to_latin(name)
    slashed: set[str] = set()
    if "/" in latin:
        pairs = [(_clean(head), _clean(title)) for head, title in _SLASHED.findall(latin)]
        slashed = {head for head, title in pairs if title in TITLES}
        latin = _SLASHED.sub(
            lambda m: f"{m[1]}. {m[2]}" if _clean(m[1]) in slashed else m[0], latin
        )
    # "S. H." is written for "S.H.": join short dotted runs into one word.
    if "." in latin:
        latin = _SHORT_DOTTED_RUN.sub(r"\1.", latin)
    if "," in latin:
        words, degrees = _split_comma_parts(latin)
    else:
        words, degrees = _WORD.findall(latin), []
    if "." in latin:
        words = _split_dotted_titles(words)
    titles: list[str] = []
    while len(words) > 1:
        head = _clean(words[0])
        # a title that is also a name is set aside only when more of the name follows: "H.
        # Wahyu" keeps its "h" (a one-word name would meet every Wahyu)
        if (
            (head in TITLES or head in slashed)
            and (head not in _AMBIGUOUS_TITLES or len(words) > 2)
            and (head not in _TITLES_AFTER or (titles and titles[-1] in _TITLES_AFTER[head]))
            and (head not in _TITLES_BEFORE or _clean(words[1]) in _TITLES_BEFORE[head])
        ):
            titles.append(head)
            words = words[1:]
        else:
            break
    while len(words) > 1 and _clean(words[-1]) in DEGREES and not _looks_like_name(words[-1]):
        degrees.insert(0, _clean(words[-1]))
        words = words[:-1]
    tokens: list[str] = []
    for position, word in enumerate(words):
        lowered = word.lower()
        expanded = ABBREVIATIONS.get(lowered, ABBREVIATIONS.get(lowered.rstrip(".")))
        if lowered == "m." and position == 0 and len(words) >= 3:
            # Indonesian and Malay sheets write Muhammad as "M." before two names or more
            # ("M. Rizki Pratama"); before one it may be any name ("M. Santos")
            expanded = "muhammad"
        token = expanded or (lowered if lowered.isalnum() else _NOT_ALNUM.sub("", lowered))
        if token and not token.isdigit():  # a rank's number (SPO4, PO 1) is no name
            tokens.extend(_abdul_apart(token))
    # Malay "bin"/"binti" (son/daughter of) between the given name and the father's: the
    # same person writes it or not ("Faizal bin Ismail", "Faizal Ismail")
    tokens = [
        token
        for i, token in enumerate(tokens)
        if token not in _PATRONYMIC or i in (0, len(tokens) - 1)
    ]
    tokens = _join_particles(tokens)
    initials: list[str] = []
    if len(tokens) >= 3:  # a middle initial ("Maria Cristina R. Santos") is written or not
        # (a Burmese name's last syllable "U", the same as "Oo", is no initial)
        last = len(tokens) - 1
        kept = [
            i == 0 or len(token) > 1 or (i == last and token in _BURMESE_LAST)
            for i, token in enumerate(tokens)
        ]
        initials = [token for token, keep in zip(tokens, kept, strict=True) if not keep]
        tokens = [token for token, keep in zip(tokens, kept, strict=True) if keep]
    return NormalisedName(tuple(tokens), (*thai, *titles), tuple(degrees), tuple(initials))


# Filipino (Spanish) family names with a particle are one name, written apart or joined:
# "Dela Cruz", "De la Cruz", "Delacruz"; "De Guzman", "Del Rosario", "De los Santos". As
# one token a middle name written as its initial ("Joel D. Macaraeg" for Joel Dela Cruz
# Macaraeg) is one part left out, not two.
_PARTICLES = frozenset({"de", "del", "dela", "delos", "delas"})
_ARTICLES = frozenset({"la", "los", "las"})


_PATRONYMIC = frozenset({"bin", "binti"})
# a one-letter last part that is a syllable, not an initial: Burmese "U" (Oo)
_BURMESE_LAST = frozenset({"u"})


def _join_particles(tokens: list[str]) -> list[str]:
    if _PARTICLES.isdisjoint(tokens):
        return tokens
    joined: list[str] = []
    pending = ""
    for i, token in enumerate(tokens):
        last = i == len(tokens) - 1
        if not last and (token in _PARTICLES or (pending == "de" and token in _ARTICLES)):
            pending += token
        else:
            joined.append(pending + token)
            pending = ""
    return joined


def _looks_like_name(word: str) -> bool:
    """A capitalised word of four letters or more without dots ("Drs" is short) is a name."""
    return "." not in word and len(word) >= 4 and word[:1].isupper() and word[1:].islower()


# Where an "oe" is the Thai vowel (Charoen, Chaloem, Prasoet, Prasoetsuk): before n, a
# final m or t, or a t that closes a syllable. Elsewhere it is the Indonesian u.
_THAI_OE_FOLLOWS = r"n|m$|t$|t[^aeiourj]"

# Romanisation variants of one spoken name, folded to one key. Order matters.
_SOUND_RULES = (
    # Indonesian spelling before 1972: Soeharto/Suharto, Djoko/Joko, Tjahjo/Cahyo,
    # Soerjadi/Suryadi
    # Thai "oe" (Charoen, Prasoet, Chaloem) is the vowel others write "er" or "e"; the
    # Indonesian one (Soeharto, Oetomo) is "u"
    # (also before a t that ends a syllable inside the name: Prasoetsuk/Prasertsuk)
    (re.compile(rf"oe(?={_THAI_OE_FOLLOWS})"), "e"),
    # a Burmese syllable ends in "oe" (Soe, Moe, Phoe: written So, Mo too), never the
    # Indonesian u: Soe is not Su
    (re.compile(r"oe$"), "o"),
    (re.compile(r"oe"), "u"),
    # Thai "er" before a consonant is the same vowel (Prasert/Prasoet, Chalerm/Chaloem,
    # Lertchai/Loetchai): the r is not heard
    (re.compile(r"(?<=e)r(?![aeiouy])"), ""),
    (re.compile(r"dj"), "j"),
    (re.compile(r"tj"), "c"),
    # a final h after a vowel is not heard: Sartikah/Sartika, Aminah/Amina, Sarah/Sara
    # (after n it is: Vietnamese Minh is not Min)
    (re.compile(r"(?<=[aeiou])h$"), ""),
    # Lao (and French-taught) spelling ends a syllable in n with a silent e: Phone/Phon,
    # Phetsamone/Phetsamon, Khamphane/Khamphan
    (re.compile(r"(?<=[aou]n)e$"), ""),
    # and a Lao name of several syllables ends in "nh" or "n" (Phonsavanh/Phonsavan,
    # Soulivanh/Soulivan); a Vietnamese name's one syllable keeps it (Thanh is not Than)
    (re.compile(r"(?<=\w{5})nh$"), "n"),
    (re.compile(r"(?<=[hr])j(?=[aeiou])"), "y"),
    # Burmese initials written with or without their h: Htun/Tun, Hlaing/Laing, Hnin/Nhin
    (re.compile(r"^h(?=[tlmn])"), ""),
    (re.compile(r"^nh"), "n"),
    # "ck" is k (Nongluck/Nonglak, Chuck)
    (re.compile(r"ck"), "k"),
    # aspirates: Phongsak/Pongsak, Thanom/Tanom, Khamla/Kamla, Chhun/Chun (Khmer writes
    # ឆ "chh")
    (re.compile(r"(?<=[ptkbdgc])h+"), ""),
    # Thai ch/j (Chanpen/Janpen): one sound, one letter
    (re.compile(r"j"), "c"),
    (re.compile(r"v"), "w"),  # Vichai/Wichai, Vongdee/Wongdee
    (re.compile(r"x"), "s"),  # Lao: Xayavong/Sayavong
    (re.compile(r"oo|ou|uu"), "u"),  # Boonma/Bunma, Bounmy/Bunmy
    # Khmer ea/ee/ia and Thai ae/ea (Meas/Mees, Chea/Chia, Kaew/Keaw), then e/i
    # (Pich/Pech, Malee/Mali, Lee/Ly)
    (re.compile(r"ea|ae|ia|ie"), "e"),
    (re.compile(r"e"), "i"),
    (re.compile(r"y(?![aeiou])"), "i"),  # Somchay/Somchai, Bounmy/Bounmi, Pisey/Pisei
    # Thai finals as heard: Porntip/Phonthip, Siriporn/Siriphon, Nattapol/Nattapon,
    # Suksawad/Suksawat, Porntib/Porntip
    (re.compile(r"r(?=n)"), ""),
    (re.compile(r"l$"), "n"),
    (re.compile(r"d$"), "t"),
    (re.compile(r"b$"), "p"),
    (re.compile(r"(.)\1+"), r"\1"),  # Sriwattana/Sriwatana, Sovann/Sovan, Winn/Win
)


# An Indonesian "oe" (u), not the Thai one (e: Charoen, Jaroen, Prasoet), marks the old
# spelling; its "j" not after d or t is a "y" (dj is j, tj is c)
_OLD_INDONESIAN_U = re.compile(rf"oe(?!{_THAI_OE_FOLLOWS})")
_OLD_INDONESIAN_Y = re.compile(r"(?<![dt])j")


@functools.lru_cache(maxsize=262144)
def sound_key(token: str) -> str:
    """A key that is equal for common romanisations of one spoken name."""
    key = token.lower()
    if "j" in key and _OLD_INDONESIAN_U.search(key):
        # the spelling before 1972 wrote "y" as "j" too: Joesoef/Yusuf, Joenoes/Yunus
        key = _OLD_INDONESIAN_Y.sub("y", key)
    for pattern, replacement in _SOUND_RULES:
        key = pattern.sub(replacement, key)
    return key


# the small words an agency's acronym leaves out, in the languages its names are written in:
# English, Indonesian and Malay "dan", Vietnamese "và" (anyascii "va"), Filipino "ng"
_ORG_STOPWORDS = frozenset({"of", "the", "for", "and", "on", "in", "de", "&", "dan", "va", "ng"})


def organisation_keys(name: str, acronym: str = "") -> tuple[str | None, str | None]:
    """(normalised full name, acronym) for comparing organisations written either way.

    "Royal Thai Police" gives ("royal thai police", "rtp"); "RTP" alone gives (None, "rtp").
    """
    text = " ".join(to_latin(name or "").split())
    acronym = re.sub(r"[^a-z0-9]", "", to_latin(acronym or "").lower())
    if not text:
        return None, acronym or None
    compact = text.replace(".", "")
    if " " not in compact and compact.isupper() and len(compact) <= 10:
        return None, acronym or compact.lower()
    words = [re.sub(r"[^a-z0-9]", "", word.lower()) for word in re.split(r"[\s\-/]+", text)]
    words = [word for word in words if word]
    derived = "".join(word[0] for word in words if word not in _ORG_STOPWORDS)
    return " ".join(words), acronym or (derived if len(derived) >= 2 else None)


def phone_key(phone: str) -> str | None:
    """The last nine digits: +66 81 234 5678 and 081-234-5678 compare equal."""
    digits = re.sub(r"\D", "", phone or "")
    return digits[-9:] if len(digits) >= 7 else None


def email_key(email: str) -> str | None:
    email = (email or "").strip().lower()
    return email if "@" in email else None


_POSITION_WORDS = {
    "dep": "deputy",
    "sr": "senior",
    "snr": "senior",
    "jr": "junior",
    "asst": "assistant",
    "ass't": "assistant",
    "pol": "police",
    "capt": "captain",
    "cpt": "captain",
    "lt": "lieutenant",
    "col": "colonel",
    "maj": "major",
    "insp": "inspector",
    "dir": "director",
    "off": "officer",
    "offr": "officer",
    "mgr": "manager",
    "coord": "coordinator",
    "prog": "program",
    "programme": "program",
    "supt": "superintendent",
    "sgt": "sergeant",
    "hd": "head",
    "div": "division",
    "dept": "department",
    "sec": "section",
}


# British and American spellings of the words positions and agencies' names are made of:
# one spelling each (organisations.registry.written_key folds agencies' names with it).
AMERICAN_SPELLINGS = {
    "labour": "labor",
    "organisation": "organization",
    "organiser": "organizer",
    "centre": "center",
    "defence": "defense",
    "counselling": "counseling",
    "counsellor": "counselor",
    "programme": "program",
}


# Positions written in the region's languages, and what they are in English
# (data/positions.csv): "Penyidik" and "Investigator", "Thẩm phán" and "Judge",
# "พนักงานสอบสวน" and "Investigator" are one post. Looked up whole, case, spacing and
# Vietnamese marks aside.
def _position_phrase(text: str) -> str:
    return " ".join(re.findall(r"\w+", unicodedata.normalize("NFC", text).casefold()))


def _position_meanings() -> dict[str, str]:
    meanings: dict[str, str] = {}
    for row in _read_words("positions.csv"):
        meanings[_position_phrase(row["word"])] = row["means"].strip()
        meanings.setdefault(_position_phrase(anyascii(row["word"])), row["means"].strip())
    return meanings


_POSITION_MEANINGS = _position_meanings()


def _position_words(position: str) -> list[str]:
    position = _POSITION_MEANINGS.get(_position_phrase(position or ""), position or "")
    words = re.findall(r"[a-z']+", to_latin(position).lower())
    words = [_POSITION_WORDS.get(word.strip("'"), word.strip("'")) for word in words]
    words = [AMERICAN_SPELLINGS.get(word, word) for word in words]
    return [word for word in words if word and word not in _ORG_STOPWORDS]


@functools.lru_cache(maxsize=65536)
def position_key(position: str) -> str | None:
    """A position as compared: lower-case ASCII words, abbreviations written out, one
    spelling ("Dep. Dir." and "Deputy Director" compare equal, "Labour" and "Labor")."""
    return " ".join(_position_words(position)) or None


@functools.lru_cache(maxsize=65536)
def position_forms(position: str) -> tuple[tuple[str, ...], str, str | None] | None:
    """What two writings of one position share when their keys differ: the words cut to
    their first four letters, in any order ("Invest." and "Investigator", "Tech. Officer"
    and "Technical Officer", "Unit Head" and "Head of Unit"); the words run together
    ("Case Worker" and "Caseworker"); the initials of a position of two words or more
    ("sw" for "Social Worker", to meet "SW" written alone). None without words."""
    words = _position_words(position)
    if not words:
        return None
    initials = "".join(word[0] for word in words) if len(words) >= 2 else None
    stems = {word[:4] for word in words}
    # "Legal Officer" and "Legal Staff" are one post: a word that says only "someone who
    # works here" is left out of the stems, unless nothing else is said
    return tuple(sorted(stems - _GENERIC_POSITION_STEMS or stems)), "".join(words), initials


# officer, staff, personnel, employee, official (cut to four letters like every stem)
_GENERIC_POSITION_STEMS = frozenset({"offi", "staf", "pers", "empl"})


_LATIN_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


@functools.lru_cache(maxsize=262144)
def marked_tokens(name: str) -> tuple[str, ...] | None:
    """For a name written in Latin letters with diacritics (Vietnamese, mostly), each word
    as "plain:marked" ("Nguyễn Văn Hưng" gives "nguyen:nguyễn", "van:văn", "hung:hưng"), so
    that "Hưng" and "Hùng", one plain form, are told apart. None when the name carries no
    marks (written without them, or in another script): nothing to compare."""
    if not name or name.isascii():
        return None
    text = unicodedata.normalize("NFC", name).lower()
    words = _LATIN_WORD.findall(text)
    if not words or all(word.isascii() for word in words):
        return None
    if not all("LATIN" in unicodedata.name(letter, "") for word in words for letter in word):
        return None
    return tuple(f"{re.sub(r'[^a-z]', '', anyascii(word))}:{word}" for word in words)


# A name in Thai script against its romanisations: people romanise Thai names by ear, and
# the Royal Institute system (what we have offline) often reads syllables differently
# (ทองเจริญ: "thongcherin", written Thongcharoen / Tongcharoen / Thongjaroen). The
# consonants as heard, initial and final, agree where the vowels do not.
_THAI_INITIAL = dict(
    zip(
        "กขฃคฅฆงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮ",
        "kkkkkkŋcccsc-dttttndttttnbppfpfpm-rlwsss-l--",
        strict=True,
    )
)
_THAI_FINAL = {
    **dict.fromkeys("กขฃคฅฆ", "k"),
    **dict.fromkeys("จฉชซฌฎฏฐฑฒดตถทธศษส", "t"),
    **dict.fromkeys("บปผฝพฟภ", "p"),
    **dict.fromkeys("ญณนรลฬ", "n"),
    "ง": "ŋ",
    "ม": "m",
    "ว": "w",
    "ย": "-",
    "ห": "-",
    "อ": "-",
    "ฮ": "-",
}
_THAI_INITIAL.update({"ฤ": "r", "ฦ": "l"})  # the vowel letters ฤ (rue) and ฦ (lue)
_THAI_LEADING_VOWELS = "เแโใไ"
_THAI_SILENCER = "\u0e4c"  # ์ (karan)
_THAI_MAI_HAN_AKAT = "\u0e31"  # ั, a short "a" that a final always follows
_THAI_SARA_A = "\u0e30"  # ะ, a short "a" that ends its syllable
_THAI_SARA_AM = "\u0e33"  # ำ, "am"


def _is_thai_consonant(letter: str) -> bool:
    return "\u0e01" <= letter <= "\u0e2e"


@functools.lru_cache(maxsize=65536)
def thai_skeleton(word: str, *, doubled: bool = False) -> str:
    """The consonants of a Thai word as heard: ทองเจริญ → "tŋcrn", พรทิพย์ → "pntp".
    DOUBLED: a consonant that ends a syllable inside the word also begins the next, as in
    words from Pali and Sanskrit (รัชนี "rat-cha-ni", พัชรินทร์ "phat-cha-rin")."""
    letters = [letter for letter in word if not "\u0e48" <= letter <= "\u0e4b"]  # tone marks
    out: list[str] = []
    previous = ""  # "initial", "final", "vowel", "lead" or "silent"
    for i, letter in enumerate(letters):
        if not _is_thai_consonant(letter):
            if letter == _THAI_SARA_AM:  # "am": the vowel and its final (ทองคำ "thongkham")
                out.append("m")
            # ะ and ำ end their syllable: the next consonant begins one (วีระพงษ์ "wi-ra-phong")
            previous = (
                "lead"
                if letter in _THAI_LEADING_VOWELS
                else "silent"
                if letter in (_THAI_SARA_A, _THAI_SARA_AM)
                else "vowel"
            )
            continue
        after = letters[i + 1 : i + 3]
        if after[:1] == [_THAI_SILENCER] or (
            len(after) == 2 and after[1] == _THAI_SILENCER and not _is_thai_consonant(after[0])
        ):
            continue  # silenced (ศักดิ์, พงษ์)
        if letter == "อ" and previous == "initial":
            previous = "vowel"  # อ as the vowel "o" (ทอง)
            continue
        if (
            letter == "ร"
            and previous == "final"
            and after[:1] == ["ร"]
            and len(after) == 2
            and not _is_thai_consonant(after[1])
        ):
            # a vowel after รร: the first closes a syllable, the second opens the next
            # (เพชรรัตน์ "phet-rat")
            previous = "silent"
            continue
        if letter == "ร" and after[:1] == ["ร"]:
            if len(after) == 2 and _is_thai_consonant(after[1]):
                # รร then a final: the vowel "a" alone (ธรรม "tham", วรรณ "wan")
                previous = "vowel"
            else:
                out.append("n")  # รร ending a syllable: "an" (สรร)
                previous = "final"
            continue
        if letter == "ร" and previous == "vowel" and letters[i - 1 : i] == ["ร"]:
            continue  # the second ร of รร
        if letter == "ร" and previous == "final":
            previous = "silent"  # ร after a final closes the syllable, unheard (เพชร, จักร)
            continue
        next_is_consonant = (
            not after or _is_thai_consonant(after[0]) or after[0] in (_THAI_LEADING_VOWELS)
        )
        final = previous in ("vowel", "initial") and next_is_consonant and i > 0
        if (
            final
            and previous == "vowel"
            and letters[i - 1] != _THAI_MAI_HAN_AKAT
            and len(after) == 1
            and _is_thai_consonant(after[0])
        ):
            # a vowel, then the word's last two consonants: the first begins a syllable
            # whose vowel is not written, the second ends it (ธนากร "tha-na-kon", อุดม
            # "u-dom"); after ั the first is the final (จักร "chak")
            final = False
        if after[:2] == ["ร", _THAI_SILENCER]:  # ทร์ at the end of a syllable: silent
            continue
        if previous == "final" and len(after) == 2 and after[1] == _THAI_SILENCER:
            continue  # between a final and a silenced letter: silent too (ลักษณ์ "lak")
        sound = (_THAI_FINAL if final else _THAI_INITIAL).get(letter, "-")
        if sound != "-":
            out.append(sound)
        if doubled and final and after and _is_thai_consonant(after[0]):
            again = _THAI_INITIAL.get(letter, "-")
            if again != "-":
                out.append(again)
        previous = "final" if final else "initial"
    return re.sub(r"(.)\1+", r"\1", "".join(out).replace("ŋ", "ng"))


@functools.lru_cache(maxsize=262144)
def latin_skeleton(sound: str) -> str:
    """The consonants of a sound key ("tongcarin" → "tngcrn"), to meet thai_skeleton."""
    return re.sub(r"(.)\1+", r"\1", re.sub(r"[aeiouhy]", "", sound))
